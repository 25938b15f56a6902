package org.peakpilot.power;

import java.time.Instant;
import java.util.List;

import org.peakpilot.power.internal.IntensityStore;
import org.springframework.stereotype.Service;

/**
 * The electricity-carbon module's entry point (电碳图谱、绿电溯源): what other modules may ask of it. Its pages and API
 * call the module's {@code internal} classes directly (ADR 0013).
 */
@Service
public class PowerCarbon {

	private final IntensityStore intensities;

	PowerCarbon(IntensityStore intensities) {
		this.intensities = intensities;
	}

	/**
	 * The zone's hourly average intensity from {@code from} (inclusive) to {@code to} (exclusive), hour by hour in
	 * time order; hours without a computed figure are absent.
	 */
	public List<HourlyIntensity> intensity(String zone, Instant from, Instant to, IntensityBasis basis) {
		return intensities.hours(zone, from, to, basis);
	}
}
