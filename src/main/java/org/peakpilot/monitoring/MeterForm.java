package org.peakpilot.monitoring;

import java.math.BigDecimal;

/** What an enterprise or officer enters to register or change a meter. */
public record MeterForm(String code, String name, String facility, String energyCode, String unit, MeterKind kind,
		BigDecimal multiplier, Integer intervalMinutes, String productCode, BigDecimal maxPerInterval, BigDecimal counterMax,
		Boolean active) {
}
