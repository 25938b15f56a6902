package org.peakpilot.monitoring.internal;

public enum QuarantineStatus {
	OPEN, REPLAYED, DISCARDED
}
