package org.peakpilot.monitoring;

/** How a meter reports: a cumulative register, or the quantity of each interval. */
public enum MeterKind {
	COUNTER, INTERVAL
}
