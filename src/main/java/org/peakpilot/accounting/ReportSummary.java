package org.peakpilot.accounting;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

/**
 * Totals of a report's current results: tCO2 by scope, market-based, tce (all, control scope, and with
 * electricity at the year's equal-value coefficient, null while the office has set none), intensities.
 */
@Schema(description = "Totals of a report's current results · 报告当前结果合计")
public record ReportSummary(
		@Schema(description = "Scope 1 (direct) emissions, tCO2 · 范围一排放（吨二氧化碳）") Tco2 scope1Co2T,
		@Schema(description = "Scope 2 (purchased energy) emissions, location-based, tCO2 · 范围二排放（吨二氧化碳）") Tco2 scope2Co2T,
		@Schema(description = "Total emissions, location-based, tCO2 · 排放总量（吨二氧化碳）") Tco2 totalCo2T,
		@Schema(description = "Total emissions, market-based (certified green kWh at zero), tCO2 · 排放总量（市场法，吨二氧化碳）") Tco2 totalMarketCo2T,
		@Schema(description = "Energy, all uses, tce (electricity at its calorific equivalent) · 综合能耗（当量值，吨标准煤）") Tce tce,
		@Schema(description = "Energy in the control scope (without feedstock and renewables), tce · 能耗双控口径能耗（吨标准煤）") Tce controlScopeTce,
		@Schema(description = "Energy, tce, electricity at the year's equal-value coefficient; absent while none is set · 综合能耗（等价值，吨标准煤）") Tce tceEqualValue,
		@Schema(description = "Emissions per output value, tCO2/10k CNY (吨二氧化碳/万元); absent without output value · 单位产值排放（吨/万元）") Tco2PerCny10k co2PerOutputValueTPer10kCny,
		@Schema(description = "Emissions per value added, tCO2/10k CNY (吨二氧化碳/万元); absent without value added · 单位增加值排放（吨/万元）") Tco2PerCny10k co2PerValueAddedTPer10kCny) {
}
