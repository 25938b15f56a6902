package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

/** The accounting factors a conversion used, for the page's lineage note. */
public record FactorConversion(int year, String energyCode, String unit, BigDecimal tcePerUnit, BigDecimal co2TPerUnit,
		List<org.peakpilot.accounting.Calculation.FactorUsed> factors) {
}
