package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** A share of the day's energy: a county or an industry, its names, tce and tCO2. */
public record EnergyShare(
		@Schema(description = "The county code or industry code · 区县或行业代码") String key,
		@Schema(description = "Name in Chinese · 中文名称") String nameZh,
		@Schema(description = "Name in English · 英文名称") String nameEn,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T) {
}
