package org.peakpilot.budget;

import org.peakpilot.shared.Tco2;

/**
 * An admitted project's emissions reserved in the county's budget (预留) from its commissioning year on, every year,
 * until released (lapse after two years without construction start, a rejected re-review, a withdrawal). One per
 * {@code projectRef}: reserving again replaces it.
 *
 * @param projectRef the admission module's reference of the project (e.g. its id as text), at most 64 characters
 * @param countyCode the county whose budget carries it (GB/T 2260)
 * @param parkCode   the park's code, null outside a park
 * @param fromYear   the commissioning year: reserved from this year on
 * @param annualT    tCO2 a year, above 0
 * @param label      the project's name as shown on the budget cockpit, at most 200 characters
 */
public record ProjectReservation(String projectRef, String countyCode, String parkCode, int fromYear, Tco2 annualT, String label) {

	public static final int REF_MAX = 64;
	public static final int LABEL_MAX = 200;
}
