package org.peakpilot.monitoring.internal;

/**
 * OPEN → ACKNOWLEDGED → CLOSED (an open alarm may also be closed directly); closing needs a comment. An OFFLINE
 * alarm whose meter sends again closes itself as RECOVERED, with its gap recorded.
 */
public enum AlarmStatus {
	OPEN, ACKNOWLEDGED, RECOVERED, CLOSED;

	/** Whether a person still has to handle the alarm. */
	public boolean pending() {
		return this == OPEN || this == ACKNOWLEDGED;
	}
}
