package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.peakpilot.monitoring.Meter;

/** A meter with its latest reading; offline when that is older than the configured number of its intervals, or absent. */
public record MeterState(Meter meter, Instant lastTs, BigDecimal lastValue, Instant lastReceivedAt, boolean online) {
}
