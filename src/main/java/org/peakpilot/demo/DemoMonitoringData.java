package org.peakpilot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.Resource;

/**
 * The demo's monitoring tables of the plan folder, parsed: {@code demo/meters.csv} (metering points of the key
 * energy-using units, with how the simulator loads them), {@code demo/gateways.csv} (one gateway per enterprise,
 * how it sends) and {@code demo/load-profiles.csv} (hourly and weekday shapes). All three are optional: a plan
 * folder without them gets a demo without meters.
 */
record DemoMonitoringData(List<Meter> meters, List<Gateway> gateways, Map<String, Profile> profiles) {

	static final String METERS = "demo/meters.csv";
	static final String GATEWAYS = "demo/gateways.csv";
	static final String PROFILES = "demo/load-profiles.csv";

	/**
	 * A demo meter: what is registered, and for the simulator its load profile, the typical quantity of one
	 * interval (in the meter's unit, after the multiplier) and the relative noise around it.
	 */
	record Meter(int line, String enterpriseKey, MeterForm form, String profile, double typicalPerInterval, double noise) {
	}

	/** How the simulator sends for a gateway: over MQTT or HTTP, a daily outage, whether it resends afterwards. */
	enum Channel {
		MQTT, HTTP
	}

	record Gateway(int line, String enterpriseKey, String name, Channel channel, LocalTime outageFrom, LocalTime outageTo,
			boolean resendAfterOutage, int badPer1000) {

		boolean offlineAt(LocalTime t) {
			return outageFrom != null && (outageFrom.isBefore(outageTo) ? !t.isBefore(outageFrom) && t.isBefore(outageTo)
					: !t.isBefore(outageFrom) || t.isBefore(outageTo));
		}
	}

	/** A load shape: a factor per hour of the day (Beijing) and for Saturdays and Sundays. */
	record Profile(String name, double[] hours, double saturday, double sunday) {
	}

	static DemoMonitoringData read(Function<String, Optional<Resource>> planFile) {
		Map<String, Profile> profiles = new LinkedHashMap<>();
		for (CsvTable.Row row : table(planFile, PROFILES)) {
			String where = PROFILES + " line " + row.line();
			double[] hours = new double[24];
			for (int h = 0; h < 24; h++) {
				hours[h] = number(row, "h%02d".formatted(h), where);
			}
			String name = row.require("profile");
			profiles.put(name, new Profile(name, hours, number(row, "saturday", where), number(row, "sunday", where)));
		}
		List<Meter> meters = new ArrayList<>();
		for (CsvTable.Row row : table(planFile, METERS)) {
			String where = METERS + " line " + row.line();
			MeterKind kind;
			try {
				kind = MeterKind.valueOf(row.require("kind"));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + ": kind must be COUNTER or INTERVAL", ex);
			}
			String profile = row.require("profile");
			if (!profiles.containsKey(profile)) {
				throw new IllegalStateException(where + ": profile '" + profile + "' is not in " + PROFILES);
			}
			MeterForm form = new MeterForm(row.require("code"), row.require("name"), emptyToNull(row.get("facility")),
					row.require("energy_code"), row.require("unit"), kind, decimal(row, "multiplier", where),
					(int) number(row, "interval_minutes", where), null, decimal(row, "max_per_interval", where),
					row.get("counter_max").isEmpty() ? null : decimal(row, "counter_max", where), true);
			meters.add(new Meter(row.line(), row.require("enterprise_key"), form, profile, number(row, "typical_per_interval", where),
					number(row, "noise", where)));
		}
		List<Gateway> gateways = new ArrayList<>();
		for (CsvTable.Row row : table(planFile, GATEWAYS)) {
			String where = GATEWAYS + " line " + row.line();
			Channel channel;
			try {
				channel = Channel.valueOf(row.require("channel"));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + ": channel must be MQTT or HTTP", ex);
			}
			LocalTime from = null;
			LocalTime to = null;
			if (!row.get("outage").isEmpty()) {
				String[] window = row.get("outage").split("-");
				try {
					from = LocalTime.parse(window[0].strip());
					to = LocalTime.parse(window[1].strip());
				}
				catch (RuntimeException ex) {
					throw new IllegalStateException(where + ": outage '" + row.get("outage") + "' is not HH:MM-HH:MM", ex);
				}
			}
			gateways.add(new Gateway(row.line(), row.require("enterprise_key"), row.require("name"), channel, from, to,
					Boolean.parseBoolean(row.get("resend_after_outage")), row.get("bad_per_1000").isEmpty() ? 0
							: (int) number(row, "bad_per_1000", where)));
		}
		return new DemoMonitoringData(meters, gateways, profiles);
	}

	private static List<CsvTable.Row> table(Function<String, Optional<Resource>> planFile, String name) {
		Optional<Resource> resource = planFile.apply(name);
		if (resource.isEmpty()) {
			return List.of();
		}
		try (var in = resource.get().getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).rows();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + name, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(name + ": " + ex.getMessage(), ex);
		}
	}

	private static double number(CsvTable.Row row, String column, String where) {
		return decimal(row, column, where).doubleValue();
	}

	private static BigDecimal decimal(CsvTable.Row row, String column, String where) {
		String text = row.get(column);
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": " + column + " '" + text + "' is not a number", ex);
		}
	}

	private static String emptyToNull(String s) {
		return s.isEmpty() ? null : s;
	}
}
