package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An alarm. {@code observed} and {@code threshold} are in {@code unit} (the meter's unit, "intervals" for
 * OFFLINE, kgce per product unit for UNIT_ENERGY); {@code referenceCode} and {@code referenceTag} name the
 * efficiency level compared with and how far it is verified; {@code resolvedAt} is when the condition ended by
 * itself (OFFLINE: readings came again); {@code neverReported}: an OFFLINE alarm of a meter that had sent nothing since
 * its registration ({@code periodTs}).
 */
@Schema(description = "An alarm · 告警")
public record Alarm(
		@Schema(description = "The alarm's id · 告警 ID") long id,
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The county's administrative code · 区县代码") String countyCode,
		@Schema(description = "The park's id, null outside parks · 园区 ID（不在园区为空）") Long parkId,
		@Schema(description = "The meter's id; null for an enterprise-wide alarm · 表计 ID（企业级告警为空）") Long meterId,
		@Schema(description = "The meter's code · 表计编号") String meterCode,
		@Schema(description = "What the alarm is about · 告警类型") AlarmKind kind,
		@Schema(description = "The interval, day or period the alarm is about (its start; for OFFLINE the last reading or the registration) · 告警所指时段") Instant periodTs,
		@Schema(description = "What it concerns, in words · 告警对象") String subject,
		@Schema(description = "What was found, in words · 告警详情") String detail,
		@Schema(description = "The value found, in unit · 观测值（单位见 unit）") BigDecimal observed,
		@Schema(description = "The limit it was compared with, in unit · 阈值（单位见 unit）") BigDecimal threshold,
		@Schema(description = "The unit of observed and threshold: the meter's unit, 'intervals' for OFFLINE, kgce per product unit for UNIT_ENERGY · observed 与 threshold 的单位") String unit,
		@Schema(description = "UNIT_ENERGY: the efficiency level compared with · 单耗告警对照的能效水平代码") String referenceCode,
		@Schema(description = "UNIT_ENERGY: the verification tag of that level's source · 对照水平来源的核验标记") String referenceTag,
		@Schema(description = "UNIT_ENERGY: whether that level's source is verified · 对照水平来源是否已核验") boolean referenceVerified,
		@Schema(description = "When it was raised · 产生时间") Instant raisedAt,
		@Schema(description = "When the condition ended by itself (OFFLINE: readings came again) · 自行恢复时间") Instant resolvedAt,
		@Schema(description = "Its state · 状态") AlarmStatus status,
		@Schema(description = "Who acknowledged it · 确认人") String acknowledgedBy,
		@Schema(description = "When it was acknowledged · 确认时间") Instant acknowledgedAt,
		@Schema(description = "The comment given on acknowledging · 确认说明") String acknowledgeComment,
		@Schema(description = "Who closed it · 关闭人") String closedBy,
		@Schema(description = "When it was closed · 关闭时间") Instant closedAt,
		@Schema(description = "The comment given on closing · 关闭说明") String comment,
		@Schema(description = "RECOVERED offline alarms: the silence and how much of it was back-filled · 离线恢复告警的中断时段") AlarmGap gap,
		@Schema(description = "OFFLINE: the meter had sent nothing since its registration · 表计自登记以来从未上报") boolean neverReported) {
}
