package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Stand-in until monitoring offers an enterprise's hourly electricity to this branch: no enterprise has metered hours,
 * so a footprint uses the verified reports' yearly kWh with the yearly factor and says "no metered hours".
 */
@Component
class UnmeteredPlantHours implements PlantHours {

	@Override
	public Map<Instant, BigDecimal> hourlyKwh(long enterpriseId, Instant from, Instant to) {
		return Map.of();
	}
}
