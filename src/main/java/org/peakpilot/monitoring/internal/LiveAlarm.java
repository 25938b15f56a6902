package org.peakpilot.monitoring.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** An alarm as the live view lists it (the alarm rules and their workflow live elsewhere). */
public record LiveAlarm(
		@Schema(description = "The alarm's id · 告警 ID") long id,
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The meter's id, or null · 表计 ID（可为空）") Long meterId,
		@Schema(description = "The alarm's kind (as in Alarm.kind) · 告警类型") String kind,
		@Schema(description = "The period it is about · 告警所指时段") Instant periodTs,
		@Schema(description = "What was found · 告警详情") String detail,
		@Schema(description = "When it was raised · 产生时间") Instant raisedAt,
		@Schema(description = "Its state (as in Alarm.status) · 状态") String status) {
}
