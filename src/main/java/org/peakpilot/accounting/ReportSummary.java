package org.peakpilot.accounting;

import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

/**
 * Totals of a report's current results: tCO2 by scope, market-based, tce (all, control scope, and with
 * electricity at the year's equal-value coefficient, null while the office has set none), intensities.
 */
public record ReportSummary(Tco2 scope1Co2T, Tco2 scope2Co2T, Tco2 totalCo2T, Tco2 totalMarketCo2T, Tce tce,
		Tce controlScopeTce, Tce tceEqualValue, Tco2PerCny10k co2PerOutputValueTPer10kCny, Tco2PerCny10k co2PerValueAddedTPer10kCny) {
}
