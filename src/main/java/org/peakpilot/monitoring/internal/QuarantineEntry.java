package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A quarantined reading with the raw payload it came in and the reason. */
@Schema(description = "A quarantined reading · 被隔离的读数")
public record QuarantineEntry(
		@Schema(description = "The quarantine entry's id · 隔离记录 ID") long id,
		@Schema(description = "The sender's enterprise; null when the sender is unknown · 发送方企业 ID（未知为空）") Long enterpriseId,
		@Schema(description = "How it came: HTTP, MQTT, REPLAY or BACKFILL · 来源通道", allowableValues = { "HTTP", "MQTT", "REPLAY", "BACKFILL" }) String channel,
		@Schema(description = "Who sent it (gateway or user) · 发送方") String sender,
		@Schema(description = "The meter's id, when it was found · 表计 ID（能识别时）") Long meterId,
		@Schema(description = "The meter as sent · 上传的表计标识") String meterCode,
		@Schema(description = "The reading's time, when it could be read · 读数时间（能解析时）") Instant ts,
		@Schema(description = "The value as sent, in the meter's unit before the multiplier, when it could be read · 上传数值（表计单位，未乘倍率）") BigDecimal value,
		@Schema(description = "The unit as sent · 上传单位") String unit,
		@Schema(description = "The raw payload the reading came in · 原始报文") String raw,
		@Schema(description = "Why it was quarantined · 隔离原因") Reason reason,
		@Schema(description = "The reason in words · 原因说明") String detail,
		@Schema(description = "When it was received · 接收时间") Instant receivedAt,
		@Schema(description = "Its state · 状态") QuarantineStatus status,
		@Schema(description = "Who replayed or discarded it · 处理人") String resolvedBy,
		@Schema(description = "When it was replayed or discarded · 处理时间") Instant resolvedAt,
		@Schema(description = "The comment given on replaying or discarding · 处理说明") String resolution) {
}
