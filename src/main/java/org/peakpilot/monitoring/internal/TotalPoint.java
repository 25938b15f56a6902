package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The tce and tCO2 of all energies of one period. */
public record TotalPoint(
		@Schema(description = "The period's start · 时段开始") Instant start,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T) {
}
