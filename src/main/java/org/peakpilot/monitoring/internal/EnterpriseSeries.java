package org.peakpilot.monitoring.internal;

import java.time.Instant;
import java.util.List;

/**
 * An enterprise's curve over from (inclusive) to (exclusive): every period start of the grain, one line per
 * energy and unit, the totals, and the accounting factors the conversions used.
 */
public record EnterpriseSeries(long enterpriseId, Range range, Grain grain, Instant from, Instant to, List<Instant> periods,
		List<EnergyLine> lines, List<TotalPoint> totals, List<FactorConversion> conversions) {
}
