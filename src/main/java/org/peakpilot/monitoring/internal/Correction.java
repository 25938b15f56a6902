package org.peakpilot.monitoring.internal;

/** A correction of a quarantined reading before it is replayed (fields left null keep the quarantined ones). */
public record Correction(String meter, String ts, String value, String unit, String comment) {
}
