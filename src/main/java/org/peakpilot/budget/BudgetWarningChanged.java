package org.peakpilot.budget;

/**
 * Published when a holder's warning level of a year changes at a recompute of the execution (in its transaction), e.g.
 * a county turning RED, which the project admission module may listen to (it refuses 两高 projects in a red county).
 *
 * @param year       the budget year
 * @param holderCode the holder: a county's region code, a park's code, an enterprise's USCC
 * @param kind       COUNTY, PARK or ENTERPRISE
 * @param countyCode the county the holder lies in (a county's own code); null for an enterprise the registry lacks
 * @param from       the level before; null at the first computation of the holder
 * @param to         the level now
 * @param reason     why, with the figures
 */
public record BudgetWarningChanged(int year, String holderCode, String kind, String countyCode, WarningLevel from, WarningLevel to,
		String reason) {
}
