package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.monitoring.ElectricityHours;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.power.HourlyIntensity;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.springframework.stereotype.Component;

/**
 * An enterprise's carbon by hour (逐时碳排放): its metered electricity of each hour (monitoring) × that hour's
 * consumption intensity of its county's zone where the county has a figure for the hour, else of the provincial grid;
 * beside it the same kWh × the official yearly grid factor of accounting's library (the factor in force for each Beijing
 * year the range touches, named with its version). Hours without intensity or without readings, and hours whose
 * readings are incomplete, are counted and flagged; the totals then say they are incomplete. The difference compares
 * like with like: both methods over the hours that have both kWh and an intensity.
 */
@Component
public class HourlyCarbon {

	/** The longest range in hours (a leap year and a day): to ≤ from + 1 year + 1 day in Beijing time. */
	public static final long MAX_HOURS = 367L * 24;
	static final BigDecimal PROBE_KWH = BigDecimal.valueOf(1_000_000);
	static final BigDecimal G_PER_T = BigDecimal.valueOf(1_000_000);

	private final Registry registry;
	private final EnergyMonitoring monitoring;
	private final EmissionsAccounting accounting;
	private final IntensityStore intensities;
	private final Zones zones;

	HourlyCarbon(Registry registry, EnergyMonitoring monitoring, EmissionsAccounting accounting, IntensityStore intensities, Zones zones) {
		this.registry = registry;
		this.monitoring = monitoring;
		this.accounting = accounting;
		this.intensities = intensities;
		this.zones = zones;
	}

	// Why an hour's figure is missing or partial.
	public enum HourFlag {
		/** No intensity for the hour in the county's zone nor the grid's. */
		NO_INTENSITY,
		/** No reading of any electricity meter in the hour. */
		NO_READINGS,
		/** Fewer readings than the meters promise, or some left out as untrusted. */
		INCOMPLETE_READINGS
	}

	// One hour: kWh (null without readings), the intensity used and its zone, source and made-up flag (null without
	// intensity), kgCO2 by the hourly intensity, kgCO2 by the yearly factor, and what is missing.
	public record CarbonHour(Instant hour, BigDecimal kwh, BigDecimal gPerKwh, String zone, IntensitySource source, boolean synthetic,
			BigDecimal hourlyKg, BigDecimal yearlyKg, List<HourFlag> flags) {
	}

	// The yearly factor used for a Beijing year: its code and version, tCO2/MWh, source and the calculator's notes.
	public record YearFactor(int year, String code, Integer version, BigDecimal tPerMwh, String unit, String source, boolean verified,
			List<String> notes) {
	}

	// One Beijing day's sums (for the chart).
	public record CarbonDay(LocalDate day, BigDecimal kwh, BigDecimal hourlyKg, BigDecimal yearlyKg, int missingHours) {
	}

	// Counts and totals over the range; tCO2 at the stored precision.
	public record CarbonTotals(BigDecimal kwh, BigDecimal kwhMatched, BigDecimal hourlyT, BigDecimal yearlyT, BigDecimal yearlyMatchedT,
			BigDecimal differenceT, BigDecimal differenceShare, long hours, long hoursWithoutIntensity, long hoursWithoutReadings,
			long hoursIncomplete, long modelledHours, long syntheticHours, boolean complete) {
	}

	// The whole answer.
	public record EnterpriseCarbon(RegistryModel.Enterprise enterprise, Instant from, Instant to, String gridZone, String countyZone,
			boolean countyData, int meters, int otherUnitMeters, List<YearFactor> factors, CarbonTotals totals, List<CarbonHour> hours,
			List<CarbonDay> days) {
	}

	/** The enterprise's hourly carbon; 404 outside the caller's scope, 400 for a bad range. */
	public EnterpriseCarbon of(long enterpriseId, Instant from, Instant to) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		requireRange(from, to);
		String grid = zones.gridZone();
		String county = e.countyCode();
		Map<Instant, HourlyIntensity> gridHours = byHour(intensities.hours(grid, from, to, IntensityBasis.CONSUMPTION));
		Map<Instant, HourlyIntensity> countyHours = byHour(intensities.hours(county, from, to, IntensityBasis.CONSUMPTION));
		ElectricityHours metered = monitoring.electricityByHour(enterpriseId, from, to);
		Map<Instant, ElectricityHours.Hour> kwhByHour = new HashMap<>();
		metered.hours().forEach(h -> kwhByHour.put(h.hour(), h));

		Map<Integer, YearFactor> factors = new LinkedHashMap<>();
		List<CarbonHour> hours = new ArrayList<>();
		BigDecimal kwh = BigDecimal.ZERO, kwhMatched = BigDecimal.ZERO, hourlyG = BigDecimal.ZERO, yearlyKg = BigDecimal.ZERO,
				yearlyMatchedKg = BigDecimal.ZERO;
		long noIntensity = 0, noReadings = 0, incomplete = 0, modelled = 0, synthetic = 0;
		for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
			int year = h.atZone(IntensityViews.BEIJING).getYear();
			YearFactor factor = factors.computeIfAbsent(year, y -> yearFactor(y, grid));
			HourlyIntensity intensity = countyHours.getOrDefault(h, gridHours.get(h));
			ElectricityHours.Hour reading = kwhByHour.get(h);
			List<HourFlag> flags = new ArrayList<>();
			if (intensity == null) {
				flags.add(HourFlag.NO_INTENSITY);
				noIntensity++;
			}
			else {
				modelled += intensity.source() == IntensitySource.MODELLED ? 1 : 0;
				synthetic += intensity.synthetic() ? 1 : 0;
			}
			if (reading == null) {
				flags.add(HourFlag.NO_READINGS);
				noReadings++;
			}
			else if (!reading.complete()) {
				flags.add(HourFlag.INCOMPLETE_READINGS);
				incomplete++;
			}
			BigDecimal k = reading == null ? null : reading.kwh();
			BigDecimal hourKg = null, yearKg = null;
			if (k != null) {
				kwh = kwh.add(k);
				if (factor.tPerMwh() != null) {
					// kWh × tCO2/MWh = kgCO2
					yearKg = k.multiply(factor.tPerMwh(), Rounding.WORKING);
					yearlyKg = yearlyKg.add(yearKg);
				}
				if (intensity != null) {
					BigDecimal g = k.multiply(intensity.gPerKwh(), Rounding.WORKING);
					hourKg = g.divide(BigDecimal.valueOf(1000), Rounding.WORKING);
					hourlyG = hourlyG.add(g);
					kwhMatched = kwhMatched.add(k);
					if (yearKg != null) {
						yearlyMatchedKg = yearlyMatchedKg.add(yearKg);
					}
				}
			}
			hours.add(new CarbonHour(h, k == null ? null : Rounding.stored(k), intensity == null ? null : intensity.gPerKwh(),
					intensity == null ? null : intensity.zone(), intensity == null ? null : intensity.source(),
					intensity != null && intensity.synthetic(), Rounding.stored(hourKg), Rounding.stored(yearKg), List.copyOf(flags)));
		}
		BigDecimal hourlyT = Rounding.stored(hourlyG.divide(G_PER_T, Rounding.WORKING));
		BigDecimal yearlyT = Rounding.stored(yearlyKg.divide(BigDecimal.valueOf(1000), Rounding.WORKING));
		BigDecimal yearlyMatchedT = Rounding.stored(yearlyMatchedKg.divide(BigDecimal.valueOf(1000), Rounding.WORKING));
		BigDecimal difference = Rounding.stored(hourlyT.subtract(yearlyMatchedT));
		BigDecimal share = yearlyMatchedT.signum() == 0 ? null
				: Rounding.stored(hourlyT.subtract(yearlyMatchedT).divide(yearlyMatchedT, Rounding.WORKING));
		boolean complete = noIntensity == 0 && noReadings == 0 && incomplete == 0 && metered.meters() > 0;
		CarbonTotals totals = new CarbonTotals(Rounding.stored(kwh), Rounding.stored(kwhMatched), hourlyT, yearlyT, yearlyMatchedT,
				difference, share, hours.size(), noIntensity, noReadings, incomplete, modelled, synthetic, complete);
		return new EnterpriseCarbon(e, from, to, grid, county, !countyHours.isEmpty(), metered.meters(), metered.otherUnitMeters(),
				List.copyOf(factors.values()), totals, hours, days(hours));
	}

	/** Refuses a range that is not whole hours, not ascending, or longer than {@link #MAX_HOURS}. */
	public static void requireRange(Instant from, Instant to) {
		if (from == null || to == null) {
			throw new InvalidInputException(from == null ? "from" : "to", "from and to are required");
		}
		if (from.getEpochSecond() % 3600 != 0 || from.getNano() != 0) {
			throw new InvalidInputException("from", "from must be a whole hour");
		}
		if (to.getEpochSecond() % 3600 != 0 || to.getNano() != 0) {
			throw new InvalidInputException("to", "to must be a whole hour");
		}
		if (!to.isAfter(from)) {
			throw new InvalidInputException("to", "to must be after from");
		}
		if (to.isAfter(from.atZone(IntensityViews.BEIJING).plusYears(1).plusDays(1).toInstant())) {
			throw new InvalidInputException("to", "the range is at most a year and a day (to ≤ from + 1 year + 1 day)");
		}
	}

	private static List<CarbonDay> days(List<CarbonHour> hours) {
		Map<LocalDate, BigDecimal[]> sums = new LinkedHashMap<>();
		Map<LocalDate, Integer> missing = new HashMap<>();
		for (CarbonHour h : hours) {
			LocalDate d = h.hour().atZone(IntensityViews.BEIJING).toLocalDate();
			BigDecimal[] s = sums.computeIfAbsent(d, x -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			if (h.kwh() != null) {
				s[0] = s[0].add(h.kwh());
			}
			if (h.hourlyKg() != null) {
				s[1] = s[1].add(h.hourlyKg());
			}
			if (h.yearlyKg() != null) {
				s[2] = s[2].add(h.yearlyKg());
			}
			missing.merge(d, h.flags().isEmpty() ? 0 : 1, Integer::sum);
		}
		List<CarbonDay> days = new ArrayList<>();
		sums.forEach((d, s) -> days.add(new CarbonDay(d, Rounding.stored(s[0]), Rounding.stored(s[1]), Rounding.stored(s[2]), missing.get(d))));
		return days;
	}

	private static Map<Instant, HourlyIntensity> byHour(List<HourlyIntensity> list) {
		Map<Instant, HourlyIntensity> m = new HashMap<>();
		list.forEach(h -> m.put(h.hour(), h));
		return m;
	}

	/** The official grid factor accounting applies to the zone's electricity in a Beijing year (null value when none). */
	YearFactor yearFactor(int year, String gridZone) {
		Calculation.Line line = new Calculation.Line(Calculation.LineType.ELECTRICITY, null, PROBE_KWH, "kWh", null, null, null, null, null,
				null, null, null, null, "power hourly carbon");
		try {
			Calculation.LineResult r = accounting.calculate(new Calculation.Request(year, gridZone, List.of(line))).lines().get(0);
			Calculation.FactorUsed f = r.factors().stream().filter(x -> x.unit() != null && x.unit().startsWith("tCO2")).findFirst()
				.orElse(r.factors().isEmpty() ? null : r.factors().get(0));
			// tCO2 of 10^6 kWh ÷ 1000 = tCO2/MWh, exactly as the calculator applies it
			BigDecimal tPerMwh = r.co2T().value().divide(PROBE_KWH.divide(BigDecimal.valueOf(1000)), MathContext.DECIMAL64);
			return new YearFactor(year, f == null ? null : f.code(), f == null ? null : f.version(), Rounding.stored(tPerMwh), "tCO2/MWh",
					f == null ? null : f.source(), f != null && f.verified(), r.notes());
		}
		catch (InvalidInputException | RuleViolationException ex) {
			return new YearFactor(year, null, null, null, "tCO2/MWh", null, false, List.of(ex.getMessage()));
		}
	}

	/** The last full Beijing month before {@code now}: from its first day (inclusive) to the first day of the next month (exclusive). */
	public static Instant[] lastFullMonth(Instant now) {
		ZonedDateTime first = now.atZone(IntensityViews.BEIJING).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
		return new Instant[] { first.minusMonths(1).toInstant(), first.toInstant() };
	}
}
