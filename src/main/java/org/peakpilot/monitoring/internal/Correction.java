package org.peakpilot.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** A correction of a quarantined reading before it is replayed (fields left null keep the quarantined ones). */
@Schema(description = "A correction of a quarantined reading before it is replayed; fields left out keep the quarantined values · 隔离读数的更正（未给出的字段沿用隔离时的值）")
public record Correction(
		@Schema(description = "The meter's code within the enterprise, or #<meter id> · 表计编号，或 #表计ID", example = "E-01") String meter,
		@Schema(description = "The interval's end, ISO-8601 date-time (no offset: Beijing time) · 采集间隔结束时间，ISO-8601（不带时区即北京时间）",
				example = "2026-11-24T10:15:00+08:00") String ts,
		@Schema(description = "The register or interval quantity in the meter's unit before the multiplier, a decimal number as text · 读数（表计单位、未乘倍率），十进制数字字符串",
				example = "1234.5") String value,
		@Schema(description = "The meter's unit (kWh, GJ, t, …); must be the meter's · 计量单位，须与表计一致", example = "kWh") String unit,
		@Schema(description = "What was corrected, or why the reading is replayed as it was (required, audited) · 更正说明（必填，记入审计）",
				maxLength = MonitoringBounds.TEXT_MAX, example = "decimal point restored",
				requiredMode = Schema.RequiredMode.REQUIRED) String comment) {
}
