package org.peakpilot.inclusive.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The plan folder's rules for partners' trips, read once from {@code inclusive-trips.properties}: the claim window,
 * the daily cap per mode (points = gCO2 per citizen, mode and Beijing day) and the fastest plausible speed per mode.
 * A plan without the file gets the defaults Leshan's file states; a bad value stops the start naming file and key.
 */
@Component
public class TripSettings {

	static final String FILE = "inclusive-trips.properties";

	private static final Map<TripMode, Long> DEFAULT_CAPS = Map.of(TripMode.WALK, 2000L, TripMode.BIKE, 4000L,
			TripMode.BUS, 520L, TripMode.EBUS, 2000L, TripMode.METRO, 4000L, TripMode.SHUTTLE, 2000L);
	private static final Map<TripMode, Integer> DEFAULT_SPEEDS = Map.of(TripMode.WALK, 10, TripMode.BIKE, 35,
			TripMode.BUS, 80, TripMode.EBUS, 80, TripMode.METRO, 120, TripMode.SHUTTLE, 60);

	private final int claimWindowDays;
	private final Map<TripMode, Long> caps = new EnumMap<>(TripMode.class);
	private final Map<TripMode, Integer> maxSpeeds = new EnumMap<>(TripMode.class);

	@Autowired
	TripSettings(PilotPlan plan) {
		this(plan.planProperties(FILE));
	}

	public TripSettings(Properties p) {
		claimWindowDays = (int) number(p, "claim-window-days", "7", 1, 366);
		for (TripMode m : TripMode.tripModes()) {
			caps.put(m, number(p, "cap." + m, String.valueOf(DEFAULT_CAPS.get(m)), 0, 1_000_000_000L));
			maxSpeeds.put(m, (int) number(p, "max-speed." + m, String.valueOf(DEFAULT_SPEEDS.get(m)), 1, 1000));
		}
	}

	/** Days after a trip's end within which it may be claimed. */
	public int claimWindowDays() {
		return claimWindowDays;
	}

	/** Points (gCO2) a citizen may earn per Beijing day by this mode. */
	public long cap(TripMode mode) {
		return caps.get(mode);
	}

	/** Fastest plausible average speed of the mode, km/h. */
	public int maxSpeedKmh(TripMode mode) {
		return maxSpeeds.get(mode);
	}

	private static long number(Properties p, String key, String fallback, long min, long max) {
		String text = p.getProperty(key, fallback).strip();
		long v;
		try {
			v = Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(FILE + ": " + key + " '" + text + "' is not a whole number");
		}
		if (v < min || v > max) {
			throw new IllegalStateException(FILE + ": " + key + " '" + text + "' must lie between " + min + " and " + max);
		}
		return v;
	}
}
