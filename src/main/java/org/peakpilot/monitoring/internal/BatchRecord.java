package org.peakpilot.monitoring.internal;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What one batch of a gateway produced: when it was received, over which channel, and how many of its readings
 * were stored, already stored (duplicates), quarantined, corrected and snapped. A batch id sent again (a retry)
 * has one record per delivery.
 */
@Schema(description = "What one delivery of a batch produced · 一次批次上传的处理结果")
public record BatchRecord(
		@Schema(description = "The gateway's id · 采集终端 ID") long gatewayId,
		@Schema(description = "The batch id · 批次号") String batchId,
		@Schema(description = "How it came: HTTP or MQTT · 上传通道", allowableValues = { "HTTP", "MQTT" }) String channel,
		@Schema(description = "When it was received · 接收时间") Instant receivedAt,
		@Schema(description = "Readings in the batch · 批次读数条数") int received,
		@Schema(description = "Readings stored · 已存条数") int stored,
		@Schema(description = "Readings already stored with the same value · 重复（已存且相同）条数") int duplicates,
		@Schema(description = "Readings quarantined · 隔离条数") int quarantined,
		@Schema(description = "Stored values replaced by corrections · 更正替换条数") int corrected,
		@Schema(description = "Times moved onto an interval boundary · 时间对齐条数") int snapped) {
}
