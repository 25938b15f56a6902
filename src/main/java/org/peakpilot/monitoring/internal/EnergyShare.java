package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

/** A share of the day's energy: a county or an industry, its names, tce and tCO2. */
public record EnergyShare(String key, String nameZh, String nameEn, BigDecimal tce, BigDecimal co2T) {
}
