package org.peakpilot.inclusive;

import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;

import org.peakpilot.inclusive.internal.OfficeFigures;
import org.springframework.stereotype.Service;

/**
 * The carbon-inclusive scheme's entry point (碳普惠): what other modules may ask of it. Its pages and API call the
 * module's {@code internal} classes directly (ADR 0013).
 */
@Service
public class CarbonInclusive {

	private final OfficeFigures figures;

	CarbonInclusive(OfficeFigures figures) {
		this.figures = figures;
	}

	/**
	 * The scheme's credited green trips of the year (Beijing time, up to today for the current year) by mode: trips
	 * and gCO2 avoided with the methodology versions that credited them. Information for green-travel indicators (24,
	 * 25) labelled {@link GreenTrips#DISCLAIMER}, never a value the city reports. A year before 2020 or after the
	 * current one has no trips.
	 */
	public GreenTrips greenTrips(Year year) {
		LocalDate today = figures.today();
		if (year.getValue() < OfficeFigures.FIRST_MONTH.getYear() || year.isAfter(Year.from(today))) {
			return new GreenTrips(year, null, List.of());
		}
		LocalDate from = year.atDay(1);
		LocalDate to = year.atDay(year.length());
		LocalDate through = to.isAfter(today) ? today : to;
		Map<String, List<String>> methodologies = figures.methodologies(from, through);
		List<GreenTrips.Mode> modes = figures.totalsByMode(from, through).entrySet().stream()
			.map(e -> new GreenTrips.Mode(e.getKey(), e.getValue()[0], e.getValue()[1], methodologies.getOrDefault(e.getKey(), List.of())))
			.toList();
		return new GreenTrips(year, through, modes);
	}
}
