package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** One energy's quantity in its unit, with tce and tCO2. */
public record EnergyQuantity(
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The unit of the quantity (kWh, GJ, t, 10^4 Nm3, …) · 计量单位") String unit,
		@Schema(description = "The quantity in unit · 量（计量单位）") BigDecimal quantity,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T) {
}
