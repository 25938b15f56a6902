package org.peakpilot.accounting;

import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

/**
 * An industry's average CO2 per output value in its latest year of verified reports (VERIFIED or LOCKED), for the
 * carbon-efficiency grade K of a project: Σ current tCO2 ÷ Σ stated output value over the reports that state an output
 * value above 0.
 *
 * @param industryCode the industry (GB/T 4754)
 * @param year         the latest year with such reports
 * @param co2T         Σ tCO2 of those reports (location-based, as the reports show)
 * @param outputValue  Σ output value, 10k CNY
 * @param intensity    co2T ÷ outputValue, tCO2 per 10k CNY output value
 * @param enterprises  enterprises counted
 * @param reports      reports counted
 */
public record IndustryIntensity(String industryCode, int year, Tco2 co2T, Cny10k outputValue, Tco2PerCny10k intensity, int enterprises,
		int reports) {
}
