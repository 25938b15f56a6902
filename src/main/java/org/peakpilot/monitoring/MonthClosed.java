package org.peakpilot.monitoring;

import java.util.List;

import org.peakpilot.shared.Tce;

/**
 * Published when an enterprise's month is closed: its metered energy per energy code, in total tce, and what
 * happened to its accounting report.
 */
public record MonthClosed(long enterpriseId, String countyCode, int year, int month, List<MeteredEnergy> metered,
		Tce meteredTce, ClosingOutcome outcome, Long reportId) {
}
