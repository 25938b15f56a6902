package org.peakpilot.budget;

/**
 * Published when a year's budget version is published (the leading group's approval, recorded by a city role), in the
 * transaction that publishes it; from then on it is the year's budget and never changes.
 *
 * @param year    the budget year
 * @param version the version number within the year
 */
public record BudgetVersionPublished(int year, int version) {
}
