package org.peakpilot.monitoring;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.shared.Tce;

/** Metered energy of a month per energy code and unit (after multipliers), and its tce. */
@Schema(description = "Metered energy of a month for one energy code and unit · 某能源品种的当月计量能耗")
public record MeteredEnergy(
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The unit of the quantity (kWh, GJ, t, 10^4 Nm3, …) · 计量单位") String unit,
		@Schema(description = "The month's metered quantity in unit, after multipliers · 当月计量量（计量单位，含倍率）") BigDecimal quantity,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") Tce tce,
		@Schema(description = "Meters counted · 计入的表计数") int meters,
		@Schema(description = "Interval quantities counted · 计入的间隔数") int readings,
		@Schema(description = "Interval quantities left out as untrusted (register anomalies) · 因异常未计入的间隔数") int excluded) {
}
