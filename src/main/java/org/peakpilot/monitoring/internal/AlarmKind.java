package org.peakpilot.monitoring.internal;

/**
 * What an alarm is about: register anomalies found by the rollup (COUNTER_*), a quantity above the meter's limit
 * per interval or per day (THRESHOLD_*), a meter without readings (OFFLINE), an interval far above the meter's own
 * recent profile (SPIKE), and unit energy consumption (单耗) worse than the national level (UNIT_ENERGY).
 */
public enum AlarmKind {
	COUNTER_BACKWARDS, COUNTER_JUMP, THRESHOLD_INTERVAL, THRESHOLD_DAY, OFFLINE, SPIKE, UNIT_ENERGY
}
