package org.peakpilot.accounting;

import java.math.BigDecimal;

/**
 * An enterprise's carbon efficiency in its latest year with verified reports, as accounting computes it: the
 * carbon-efficiency grade (its CO2 per 10k CNY output value over its industry's, graded by the plan's
 * {@code grade.bounds}), both intensities, and the purchased and certified green electricity of the same reports.
 *
 * @param enterpriseId   the enterprise
 * @param year           the latest year with verified (or locked) reports
 * @param industryCode   the industry compared with (GB/T 4754)
 * @param grade          1 (best) …; null when it cannot be judged ({@code basis} says why)
 * @param intensity      the enterprise's tCO2 per 10k CNY output value; null without output value
 * @param industryIntensity the industry's tCO2 per 10k CNY output value (all verified reports of the year); null without
 * @param basis          "ratio 0.417", or why there is no grade (no-output-value, no-industry-benchmark, zero-benchmark)
 * @param purchasedKwh   purchased electricity of the year's verified reports, kWh (0 without electricity lines)
 * @param greenKwh       of it certified green, kWh; null when no electricity line states its green kWh
 */
public record CarbonEfficiency(long enterpriseId, int year, String industryCode, Integer grade, BigDecimal intensity,
		BigDecimal industryIntensity, String basis, BigDecimal purchasedKwh, BigDecimal greenKwh) {
}
