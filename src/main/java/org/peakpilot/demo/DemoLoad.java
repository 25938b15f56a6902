package org.peakpilot.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

import org.peakpilot.monitoring.MeterKind;

/**
 * What a demo meter reads at the end of each interval: the typical quantity shaped by its load profile (hour of the
 * day, interpolated, and weekday), with noise; for a COUNTER the register, which accumulates the quantities ÷ the
 * multiplier from a fixed start and rolls over at its maximum. Everything is derived from the meter and the
 * interval, so a restarted simulator sends the very same values again (stored once: duplicates, never conflicts).
 * A few readings per thousand come out broken, as real gateways' do, for the quarantine.
 */
final class DemoLoad {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** Registers count from here. */
	static final Instant EPOCH = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, BEIJING).toInstant();

	/** What the gateway sends for one interval: a reading, possibly a broken one (then {@code broken} says how). */
	record Reading(String meter, Instant ts, String value, String unit, String broken) {
	}

	private final DemoMonitoringData.Meter meter;
	private final DemoMonitoringData.Profile profile;
	private final int badPer1000;
	private final long seed;
	private final Duration step;
	private final double multiplier;
	private final Double counterMax;
	private final double base;
	private long cumulatedUpTo;
	private double cumulated;

	DemoLoad(String enterpriseKey, DemoMonitoringData.Meter meter, DemoMonitoringData.Profile profile, int badPer1000) {
		this.meter = meter;
		this.profile = profile;
		this.badPer1000 = badPer1000;
		this.seed = seed(enterpriseKey + "/" + meter.form().code());
		this.step = Duration.ofMinutes(meter.form().intervalMinutes());
		this.multiplier = meter.form().multiplier().doubleValue();
		this.counterMax = meter.form().counterMax() == null ? null : meter.form().counterMax().doubleValue();
		this.base = 1000 + Math.floorMod(seed, 9000);
	}

	/** The interval ending at or before t: its index since {@link #EPOCH}. */
	long indexAt(Instant t) {
		return Math.floorDiv(Duration.between(EPOCH, t).getSeconds(), step.getSeconds());
	}

	Instant end(long index) {
		return EPOCH.plus(step.multipliedBy(index));
	}

	/** The quantity of the interval ending at {@code end(index)}, in the meter's unit (after the multiplier). */
	double quantity(long index) {
		// Beijing time has had no daylight saving since 1991: local time is UTC + 8 h
		long local = end(index).minus(step).getEpochSecond() + 8 * 3600;
		double hour = Math.floorMod(local, 86_400) / 3600.0;
		int h = (int) hour;
		double shape = profile.hours()[h] + (profile.hours()[(h + 1) % 24] - profile.hours()[h]) * (hour - h);
		DayOfWeek day = DayOfWeek.THURSDAY.plus(Math.floorDiv(local, 86_400)); // 1970-01-01 was a Thursday
		shape *= day == DayOfWeek.SATURDAY ? profile.saturday() : day == DayOfWeek.SUNDAY ? profile.sunday() : 1;
		double noise = Math.max(-3, Math.min(3, new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextGaussian()));
		return Math.max(0, meter.typicalPerInterval() * shape * (1 + meter.noise() * noise));
	}

	/** The reading of the interval ending at {@code end(index)}. Call with growing indexes (registers accumulate). */
	Reading reading(long index) {
		String code = meter.form().code();
		String unit = meter.form().unit();
		Instant ts = end(index);
		String value;
		if (meter.form().kind() == MeterKind.INTERVAL) {
			value = decimal(quantity(index) / multiplier, 3);
		}
		else {
			if (index < cumulatedUpTo) {
				cumulatedUpTo = 0;
				cumulated = 0;
			}
			while (cumulatedUpTo < index) {
				cumulatedUpTo++;
				cumulated += quantity(cumulatedUpTo) / multiplier;
			}
			double register = base + cumulated;
			if (counterMax != null) {
				register = register % counterMax;
			}
			value = decimal(register, 2);
		}
		SplittableRandom faults = new SplittableRandom(seed ^ 0x5DEECE66DL ^ (index * 0xC2B2AE3D27D4EB4FL));
		if (faults.nextInt(1000) >= badPer1000) {
			return new Reading(code, ts, value, null, null);
		}
		return switch (faults.nextInt(4)) {
			case 0 -> new Reading(code, ts, "ERR", null, "BAD_VALUE");
			case 1 -> new Reading(code, ts, value, unit.equals("kWh") ? "MWh" : "kWh", "WRONG_UNIT");
			case 2 -> new Reading(code + "-X", ts, value, null, "UNKNOWN_METER");
			default -> meter.form().kind() == MeterKind.INTERVAL ? new Reading(code, ts, "-" + value, null, "NEGATIVE")
					: new Reading(code, ts, decimal(counterMax == null ? 1e15 : counterMax * 10, 2), null, "IMPOSSIBLE");
		};
	}

	String code() {
		return meter.form().code();
	}

	private static String decimal(double v, int scale) {
		return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
	}

	private static long seed(String text) {
		long h = 1125899906842597L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			h = 31 * h + b;
		}
		return h;
	}
}
