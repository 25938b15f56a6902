package org.peakpilot.monitoring;

import java.math.BigDecimal;

import org.peakpilot.shared.Tce;

/** Metered energy of a month per energy code and unit (after multipliers), and its tce. */
public record MeteredEnergy(String energyCode, String unit, BigDecimal quantity, Tce tce, int meters, int readings,
		int excluded) {
}
