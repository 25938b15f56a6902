package org.peakpilot.accounting;

import java.time.Instant;
import java.util.List;

import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * A stored result line of a report with the factor versions it used, current or superseded, and the defaults it
 * assumed (structured; null for lines stored before they were kept, whose notes are then read).
 */
public record StoredResult(long id, int lineNo, Calculation.Scope scope, String category, EnergyUse energyUse, Tco2 co2T,
		Tco2 co2MarketT, Tce tce, Tce tceEqualValue, Gj energyGj, List<Calculation.FactorUsed> factors, String formula,
		String notesJson, List<Calculation.DefaultAssumed> defaults, Instant computedAt, String computedBy, String reason, Instant supersededAt) {
}
