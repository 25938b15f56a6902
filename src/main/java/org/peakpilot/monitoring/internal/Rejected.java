package org.peakpilot.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** A reading of a batch that was quarantined: its place in the batch (0-based), meter, reason. */
@io.swagger.v3.oas.annotations.media.Schema(name = "RejectedReading")
public record Rejected(
		@Schema(description = "Its place in the batch, 0-based · 在批次中的位置（从 0 起）") int index,
		@Schema(description = "The meter as sent · 上传的表计标识") String meter,
		@Schema(description = "Why it was not stored · 未入库原因") Reason reason,
		@Schema(description = "The reason in words · 原因说明") String detail,
		@Schema(description = "The quarantine entry's id · 隔离记录 ID") long quarantineId) {
}
