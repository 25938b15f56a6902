package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.monitoring.ClosingOutcome;

/** Metered versus reported energy of an enterprise's month, per energy and in total tce. */
public record MonthComparison(long enterpriseId, String countyCode, int year, int month, ClosingOutcome outcome, Long reportId,
		String reportStatus, BigDecimal meteredTce, BigDecimal reportedTce, BigDecimal differencePercent, boolean flagged,
		BigDecimal tolerancePercent, List<EnergyComparison> energies) {
}
