package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

/** One energy's quantity in its unit, with tce and tCO2. */
public record EnergyQuantity(String energyCode, String unit, BigDecimal quantity, BigDecimal tce, BigDecimal co2T) {
}
