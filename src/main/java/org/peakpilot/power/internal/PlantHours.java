package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An enterprise's metered electricity hour by hour (kWh per hour-starting instant), for the product footprint's
 * hours × intensity. Empty when the enterprise has no metered hours in the period.
 */
public interface PlantHours {

	/** kWh per hour from {@code from} (inclusive) to {@code to} (exclusive), hours without consumption absent. */
	Map<Instant, BigDecimal> hourlyKwh(long enterpriseId, Instant from, Instant to);
}
