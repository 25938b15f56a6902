package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** One period of a meter's rollup, in its unit and converted with the accounting factors of the period's year. */
public record MeterPoint(Instant start, BigDecimal quantity, BigDecimal tce, BigDecimal co2T, int readings, int excluded) {
}
