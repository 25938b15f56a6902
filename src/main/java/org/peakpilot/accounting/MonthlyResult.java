package org.peakpilot.accounting;

import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;

/**
 * One enterprise's month as accounting stands on it, for modules that read a whole year at once (the carbon budget's
 * execution): the report's status, whether it counts as verified (VERIFIED or LOCKED), its current total emissions
 * (location-based, scope 1 + scope 2: the {@link ReportSummary#totalCo2T} the report shows), the output value the
 * report states and the current computation that produced the total (its lines name the factor versions used).
 *
 * @param enterpriseId  the enterprise (registry id)
 * @param month         1–12
 * @param status        the report's status
 * @param verified      VERIFIED or LOCKED
 * @param totalCo2T     the current results' total, tCO2; 0 when the report has no result lines
 * @param outputValue   industrial output value, 10k CNY (万元), null when the report states none
 * @param computationId the report's current computation (its result lines name the factor versions); null without one
 */
public record MonthlyResult(long enterpriseId, int month, ReportStatus status, boolean verified, Tco2 totalCo2T,
		Cny10k outputValue, Long computationId) {
}
