package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The accounting factors a conversion used, for the page's lineage note. */
public record FactorConversion(
		@Schema(description = "The year whose factors were used · 因子所属年份") int year,
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The unit of the quantity (kWh, GJ, t, 10^4 Nm3, …) · 计量单位") String unit,
		@Schema(description = "tce per unit of the energy · 每单位折标煤（tce）") BigDecimal tcePerUnit,
		@Schema(description = "tCO2 per unit of the energy · 每单位排放（tCO2）") BigDecimal co2TPerUnit,
		@Schema(description = "The accounting factors used · 所用核算因子") List<org.peakpilot.accounting.Calculation.FactorUsed> factors) {
}
