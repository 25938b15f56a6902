package org.peakpilot.power;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The average grid carbon intensity of one hour of a zone: the hour's start, gCO2/kWh, the basis, whether measured
 * or modelled, and whether it belongs to the bundled made-up data (示例数据（虚构）).
 */
public record HourlyIntensity(String zone, Instant hour, BigDecimal gPerKwh, IntensityBasis basis, IntensitySource source,
		boolean synthetic) {
}
