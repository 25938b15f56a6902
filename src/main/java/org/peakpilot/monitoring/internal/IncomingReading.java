package org.peakpilot.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One reading as sent: the meter by its code within the sender's enterprise (or by id), the end of the
 * interval (ISO-8601; without an offset it is Beijing time), the register or interval value, and optionally
 * the unit (which must then be the meter's).
 */
@Schema(description = "One reading as sent · 一条上传读数")
public record IncomingReading(
		@Schema(description = "The meter's code within the enterprise; for a back-fill the meter of the path is used and this is ignored · 表计编号（补录时以路径中的表计为准，忽略此项）",
				example = "E-01") String meter,
		@Schema(description = "The meter's number instead of its code; ignored for a back-fill · 表计 ID（可代替编号；补录时忽略）",
				example = "17") Long meterId,
		@Schema(description = "The interval's end, ISO-8601 date-time (no offset: Beijing time) · 采集间隔结束时间，ISO-8601（不带时区即北京时间）",
				example = "2026-11-20T08:15:00+08:00", requiredMode = Schema.RequiredMode.REQUIRED) String ts,
		@Schema(description = "The register (COUNTER meters) or the interval's quantity (INTERVAL meters) in the meter's unit before the multiplier, a decimal number as text, |value| < 10^18 · 读数（累计表为表码，间隔表为间隔量），表计单位、未乘倍率，十进制数字字符串",
				example = "1200", requiredMode = Schema.RequiredMode.REQUIRED) String value,
		@Schema(description = "Optional; when given it must be the meter's unit (kWh, GJ, t, …) · 可选；给出时须与表计单位一致",
				example = "kWh") String unit) {
}
