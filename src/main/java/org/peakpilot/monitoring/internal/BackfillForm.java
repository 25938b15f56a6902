package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** A back-fill (数据补录) of missing intervals, with the reason. */
@Schema(description = "A back-fill of missing intervals of one meter, all or nothing · 数据补录（全部成功或全部不写入）")
public record BackfillForm(
		@Schema(description = "Why the intervals are back-filled (required, audited) · 补录原因（必填，记入审计）",
				maxLength = MonitoringBounds.TEXT_MAX, example = "gateway offline 2026-11-20, values read on site",
				requiredMode = Schema.RequiredMode.REQUIRED) String reason,
		@ArraySchema(minItems = 1, maxItems = Readings.MAX_BATCH,
				arraySchema = @Schema(description = "The readings of missing intervals only, 1 to " + Readings.MAX_BATCH + " · 仅缺失时段的读数，1 至 " + Readings.MAX_BATCH + " 条",
						requiredMode = Schema.RequiredMode.REQUIRED)) List<IncomingReading> readings) {
}
