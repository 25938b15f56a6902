package org.peakpilot.budget;

import org.peakpilot.shared.Tco2;

/**
 * What is left of a county's carbon budget in a year, for the project admission (占用剩余碳预算):
 * {@code headroomT = budgetT − emissionsT − reservedT}, each from the year's latest published version. {@code emissionsT}
 * is the county's year-end emissions as the stored execution forecasts them (used to date scaled along the seasonal
 * path; the used figure when no forecast exists), null before any month of the year is closed (then the headroom counts
 * none and {@code complete} is false). {@code reservedT} sums the reservations of admitted projects active in the year.
 * {@code reserveAvailableT} is the city reserve of that version not yet drawn. Units: tCO2; the headroom may be negative.
 *
 * @param countyCode        the county (GB/T 2260)
 * @param year              the budget year
 * @param version           the published version's number read
 * @param budgetT           the county's budget in that version
 * @param emissionsT        used + forecast of the county (year-end forecast), null if none is computed
 * @param reservedT         reservations of admitted projects active in the year
 * @param headroomT         budget − emissions − reserved
 * @param reserveAvailableT the city reserve not yet drawn (the version's reserve)
 * @param complete          whether the emissions figure is complete (every enterprise-month known) and present
 * @param basis             how the figures were read, in words (English), for the assessment's trace
 */
public record BudgetHeadroom(String countyCode, int year, int version, Tco2 budgetT, Tco2 emissionsT, Tco2 reservedT,
		Tco2 headroomT, Tco2 reserveAvailableT, boolean complete, String basis) {
}
