package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** An enterprise's energy of the day. */
public record EnterpriseEnergy(
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The enterprise's name · 企业名称") String name,
		@Schema(description = "The county's administrative code · 区县代码") String countyCode,
		@Schema(description = "The industry code (GB/T 4754) · 行业代码") String industryCode,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T) {
}
