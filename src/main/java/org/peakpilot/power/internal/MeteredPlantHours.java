package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.peakpilot.monitoring.ElectricityHours;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.springframework.stereotype.Component;

/**
 * The plant's hours from monitoring ({@link EnergyMonitoring#electricityByHour}, within the caller's scope): the hours
 * it ran, i.e. with metered kWh above 0.
 */
@Component
class MeteredPlantHours implements PlantHours {

	private final EnergyMonitoring monitoring;

	MeteredPlantHours(EnergyMonitoring monitoring) {
		this.monitoring = monitoring;
	}

	@Override
	public Map<Instant, BigDecimal> hourlyKwh(long enterpriseId, Instant from, Instant to) {
		Map<Instant, BigDecimal> hours = new LinkedHashMap<>();
		for (ElectricityHours.Hour h : monitoring.electricityByHour(enterpriseId, from, to).hours()) {
			if (h.kwh() != null && h.kwh().signum() > 0) {
				hours.merge(h.hour(), h.kwh(), BigDecimal::add);
			}
		}
		return hours;
	}
}
