package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Metered versus reported energy of one energy code: quantities (when both sides use one unit), tce, the
 * difference (reported − metered) in percent of metered, and whether it is beyond the tolerance.
 */
public record EnergyComparison(
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The metered unit · 计量单位") String meteredUnit,
		@Schema(description = "Metered quantity in meteredUnit · 计量量") BigDecimal meteredQuantity,
		@Schema(description = "Metered energy in tce · 计量能耗（tce）") BigDecimal meteredTce,
		@Schema(description = "The reported unit · 报告单位") String reportedUnit,
		@Schema(description = "Reported quantity in reportedUnit · 报告量") BigDecimal reportedQuantity,
		@Schema(description = "Reported energy in tce · 报告能耗（tce）") BigDecimal reportedTce,
		@Schema(description = "(reported − metered) in % of metered · 差异（%）") BigDecimal differencePercent,
		@Schema(description = "Whether the difference is beyond the tolerance · 是否超出容差") boolean flagged) {
}
