package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

/**
 * Metered versus reported energy of one energy code: quantities (when both sides use one unit), tce, the
 * difference (reported − metered) in percent of metered, and whether it is beyond the tolerance.
 */
public record EnergyComparison(String energyCode, String meteredUnit, BigDecimal meteredQuantity, BigDecimal meteredTce,
		String reportedUnit, BigDecimal reportedQuantity, BigDecimal reportedTce, BigDecimal differencePercent, boolean flagged) {
}
