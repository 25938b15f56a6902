package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** A meter's alarm settings: limits in its unit, offline after so many intervals, spike detection on or off. */
public record AlarmRule(long meterId, BigDecimal intervalLimit, BigDecimal dayLimit, int offlineIntervals, boolean spikeEnabled,
		String updatedBy, Instant updatedAt) {
}
