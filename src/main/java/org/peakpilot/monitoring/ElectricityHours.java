package org.peakpilot.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An enterprise's metered electricity per hour ({@link EnergyMonitoring#electricityByHour}): the ELECTRICITY meters
 * counted ({@code meters}; {@code otherUnitMeters} were left out because their unit is not kWh, MWh or 万kWh), and
 * one {@link Hour} per hour that has at least one reading, in time order. An hour absent from the list had no reading.
 */
public record ElectricityHours(long enterpriseId, Instant from, Instant to, int meters, int otherUnitMeters,
		int expectedReadingsPerHour, List<Hour> hours) {

	public ElectricityHours {
		hours = List.copyOf(hours);
	}

	/**
	 * One hour (hour-starting instant): kWh summed over the meters (multiplier applied, untrusted differences left out),
	 * the readings that fell in it, how many the meters' intervals promise ({@code expectedReadings}: Σ 60 / interval
	 * minutes) and how many were left out as untrusted ({@code excludedReadings}).
	 */
	public record Hour(Instant hour, BigDecimal kwh, int readings, int expectedReadings, int excludedReadings) {

		/** Whether every reading the meters promise arrived and was trusted. */
		public boolean complete() {
			return readings >= expectedReadings && excludedReadings == 0;
		}
	}
}
