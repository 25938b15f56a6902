package org.peakpilot.monitoring.internal;

import java.util.List;

/** One energy of an enterprise (energy code and unit) over a curve's periods, each in the unit, tce and tCO2. */
public record EnergyLine(String energyCode, String unit, List<MeterPoint> points) {
}
