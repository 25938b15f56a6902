package org.peakpilot.monitoring.internal;

/** Rollup grains: 15 minutes, hour, day (Beijing time), month. */
public enum Grain {
	QUARTER('Q'), HOUR('H'), DAY('D'), MONTH('M');

	final char code;

	Grain(char code) {
		this.code = code;
	}

	/** The start of the period after the one starting at {@code start}. */
	public java.time.ZonedDateTime next(java.time.ZonedDateTime start) {
		return switch (this) {
			case QUARTER -> start.plusMinutes(15);
			case HOUR -> start.plusHours(1);
			case DAY -> start.plusDays(1);
			case MONTH -> start.plusMonths(1);
		};
	}

	static Grain of(char code) {
		for (Grain g : values()) {
			if (g.code == code) {
				return g;
			}
		}
		throw new IllegalArgumentException("grain " + code);
	}
}
