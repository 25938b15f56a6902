package org.peakpilot.monitoring.internal;

import java.time.Instant;
import java.util.List;

import org.peakpilot.monitoring.ClosingOutcome;
import org.peakpilot.monitoring.MeteredEnergy;

/** The latest monthly closing of an enterprise's month. */
public record MonthClosing(long id, long enterpriseId, int year, int month, ClosingOutcome outcome, Long reportId, String note,
		List<MeteredEnergy> metered, Instant draftedAt, String closedBy, Instant closedAt) {
}
