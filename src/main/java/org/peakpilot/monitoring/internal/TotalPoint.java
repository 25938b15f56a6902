package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** The tce and tCO2 of all energies of one period. */
public record TotalPoint(Instant start, BigDecimal tce, BigDecimal co2T) {
}
