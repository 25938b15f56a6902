package org.peakpilot.monitoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * Published when an enterprise's month is closed: its metered energy per energy code, in total tce, and what
 * happened to its accounting report.
 */
public record MonthClosed(long enterpriseId, String countyCode, int year, int month, List<MeteredEnergy> metered,
		BigDecimal meteredTce, ClosingOutcome outcome, Long reportId) {
}
