package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One energy of an enterprise (energy code and unit) over a curve's periods, each in the unit, tce and tCO2. */
public record EnergyLine(
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The unit of the quantity (kWh, GJ, t, 10^4 Nm3, …) · 计量单位") String unit,
		@Schema(description = "One point per period · 各时段数据") List<MeterPoint> points) {
}
