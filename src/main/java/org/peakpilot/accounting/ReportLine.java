package org.peakpilot.accounting;

/** An activity line of a report: a calculator line plus how its energy counts. */
@io.swagger.v3.oas.annotations.media.Schema(description = "One activity line of a report · 报告中的一行活动数据")
public record ReportLine(
		@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, description = "The activity, as for the calculator · 活动数据（同计算器）") Calculation.Line line,
		@io.swagger.v3.oas.annotations.media.Schema(example = "ENERGY", description = "ENERGY (default): burnt or used as energy; FEEDSTOCK: used as raw material; "
				+ "RENEWABLE: renewable energy (both left out of the control-scope tce) · 用途：能源（默认）、原料、可再生能源") EnergyUse energyUse) {
}
