package org.peakpilot.inclusive;

import java.time.LocalDate;
import java.time.Year;
import java.util.List;

/**
 * The scheme's credited green trips of a year (Beijing time) by mode, up to and including {@code through}: trips and
 * gCO2 avoided (1 point = 1 gCO2), each mode with the methodology versions its trips were credited by. Information for
 * indicators such as 24 (share of green urban trips) and 25 (public transport share), never a figure the city reports:
 * the scheme counts only the trips of its participants.
 */
public record GreenTrips(Year year, LocalDate through, List<Mode> modes) {

	/** {@code methodologies}: "code version" of each methodology that credited the mode's trips (e.g. "LS-GT-BUS 1"). */
	public record Mode(String mode, long trips, long gco2, List<String> methodologies) {
	}

	public long trips() {
		return modes.stream().mapToLong(Mode::trips).sum();
	}

	public long gco2() {
		return modes.stream().mapToLong(Mode::gco2).sum();
	}

	/** The label shown with this information wherever it appears. */
	public static final String DISCLAIMER = "碳普惠数据，仅供参考，不作为上报数据";
}
