package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** An enterprise's energy of the month so far (Beijing month), per energy and in total. */
@Schema(description = "An enterprise's energy of the month so far · 企业本月累计能耗")
public record EnterpriseMonth(
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The enterprise's name · 企业名称") String name,
		@Schema(description = "The county's administrative code · 区县代码") String countyCode,
		@Schema(description = "The industry code (GB/T 4754) · 行业代码") String industryCode,
		@Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2026-11", description = "The Beijing month, YYYY-MM · 月份") java.time.YearMonth month,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T,
		@Schema(description = "Per energy · 分能源") List<EnergyQuantity> energies) {
}
