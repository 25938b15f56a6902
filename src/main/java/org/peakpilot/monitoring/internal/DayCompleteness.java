package org.peakpilot.monitoring.internal;

/** Readings received on a Beijing day against those expected (1440 / interval for a whole day, so far for today). */
public record DayCompleteness(java.time.LocalDate day, int received, int expected) {

	/** received / expected as a percentage 0–100, rounded down; 100 when nothing was expected. */
	public int percent() {
		return expected == 0 ? 100 : (int) Math.min(100, received * 100L / expected);
	}
}
