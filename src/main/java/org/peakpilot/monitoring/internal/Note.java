package org.peakpilot.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored reading of a batch that was changed on the way in: SNAPPED (its time lay within the alignment tolerance
 * of an interval boundary and was moved onto it) or CORRECTED (it replaced a stored value, flagged as a correction).
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "IngestNote")
public record Note(
		@Schema(description = "Its place in the batch, 0-based · 在批次中的位置（从 0 起）") int index,
		@Schema(description = "The meter as sent · 上传的表计标识") String meter,
		@Schema(description = "What was changed · 调整类型", allowableValues = { "SNAPPED", "CORRECTED" }) String note,
		@Schema(description = "What was changed, in words · 调整说明") String detail) {
}
