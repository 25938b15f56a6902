package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** One period of a meter's rollup, in its unit and converted with the accounting factors of the period's year. */
public record MeterPoint(
		@Schema(description = "The period's start · 时段开始") Instant start,
		@Schema(description = "The quantity in the meter's (or line's) unit, after the multiplier · 量（表计单位，含倍率）") BigDecimal quantity,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T,
		@Schema(description = "Interval quantities counted · 计入的间隔数") int readings,
		@Schema(description = "Interval quantities left out as untrusted · 因异常未计入的间隔数") int excluded) {
}
