package org.peakpilot.power.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.peakpilot.shared.CsvTable;

/**
 * The bundled made-up hourly data of the Sichuan grid and some Leshan counties (示例数据（虚构）, synthetic): a
 * deterministic generator driven by the plan folder's {@value #FILE}. Nothing here is measured; every row it
 * writes is flagged {@code synthetic}.
 * <p>
 * The grid (rows {@code GRID_MONTH}, one per month): load = the month's mean load (MW) × a daily shape (night trough,
 * morning and evening peaks) × a weekday factor × ±3 % noise; generation = load × (1 − import share) ÷ (1 − export
 * share); solar = its share × a bell from 07:00 to 19:00 × cloudiness; wind = its share × a day-to-day level; gas
 * follows the load; coal runs near flat; hydro takes the rest (Sichuan's > 80 % in the wet season May–October);
 * imports come from {@code import_from} (the Northwest grid) and exports go to {@code export_to} (East China).
 * <p>
 * Calibration: for each calendar year the coal output is scaled by one factor k (hydro taking the difference, so that
 * every hour's supply stays the same) such that the consumption-weighted yearly average of the grid's
 * consumption-based intensity, computed exactly as {@link IntensityComputation} does (imports at the source zone's
 * official factor of the year), equals the official provincial factor of that year; a year without an official
 * factor is calibrated to the latest official year (the {@code calibrationYear}). As the average is linear in k
 * (the weights and denominators do not change), k = (target − A₀) ÷ A₁ is exact; a k that would push hydro below
 * 5 % of an hour's generation is solved again with those hours clamped.
 * <p>
 * Counties (rows {@code COUNTY_PLANT}): a county's made-up plants (MW of hydro, coal, solar) dispatched by the
 * grid's seasonal availability of the month (hydro with the grid's hydro share, coal with its coal share), its load
 * (MW) shaped like the grid's; the difference is imported from or exported to its grid.
 * <p>
 * Randomness: a {@link SplittableRandom} seeded from the hour's index (hours since 2023-01-01 Beijing), so any hour
 * comes out the same whichever period is generated.
 */
public final class SyntheticLeshanPower {

	static final String FILE = "power-synthetic-profile.csv";
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final Instant EPOCH = LocalDate.of(2023, 1, 1).atStartOfDay(BEIJING).toInstant();
	static final long SEED = 0x5C1C_A9E5L;
	/** The daily load shape, hour of day 0–23 (Beijing), mean 1. */
	static final double[] DAY = normalise(new double[] { 0.84, 0.80, 0.78, 0.77, 0.78, 0.82, 0.90, 0.98, 1.05, 1.09, 1.11, 1.10, 1.04,
			1.02, 1.06, 1.08, 1.07, 1.06, 1.10, 1.14, 1.15, 1.10, 1.00, 0.91 });
	/** The clear-sky solar shape, hour of day, mean 1 over the day. */
	static final double[] SUN = solar();

	/** Where the generated rows go. */
	public interface Sink {
		void generation(String zone, Instant hour, PowerTechnology technology, double mwh);

		void interchange(String zone, Instant hour, String counterpart, double importMwh, double exportMwh);
	}

	/** The calibration of one year: the official factor aimed at and the coal scale found. */
	public record Calibration(int year, int calibrationYear, double targetGPerKwh, double coalScale, double achievedGPerKwh) {
	}

	record GridMonth(String zone, int month, double loadMw, double hydro, double coal, double gas, double wind, double solar,
			double importShare, double exportShare, String importFrom, String exportTo) {
	}

	record CountyPlant(String zone, double loadMw, double hydroMw, double coalMw, double solarMw, String counterpart) {
	}

	private final List<GridMonth> months = new ArrayList<>();
	private final List<CountyPlant> counties = new ArrayList<>();
	private final double coalG;
	private final double gasG;
	/** (region, year) → official gCO2/kWh and the year it belongs to. */
	private final BiFunction<String, Integer, OfficialGridFactors.Official> official;
	private final Map<Integer, Calibration> calibrations = new HashMap<>();

	public SyntheticLeshanPower(CsvTable profile, double coalGPerKwh, double gasGPerKwh,
			BiFunction<String, Integer, OfficialGridFactors.Official> official) {
		this.coalG = coalGPerKwh;
		this.gasG = gasGPerKwh;
		this.official = official;
		for (CsvTable.Row r : profile.rows()) {
			switch (r.require("kind")) {
				case "GRID_MONTH" -> months.add(new GridMonth(r.require("zone"), Integer.parseInt(r.require("month")), d(r, "load_mw"),
						d(r, "hydro"), d(r, "coal"), d(r, "gas"), d(r, "wind"), d(r, "solar"), d(r, "import_share"), d(r, "export_share"),
						r.require("import_from"), r.require("export_to")));
				case "COUNTY_PLANT" -> counties.add(new CountyPlant(r.require("zone"), d(r, "load_mw"), d(r, "hydro"), d(r, "coal"),
						d(r, "solar"), r.require("import_from")));
				default -> throw new IllegalStateException(FILE + " line " + r.line() + ": unknown kind");
			}
		}
		if (months.size() != 12) {
			throw new IllegalStateException(FILE + ": needs 12 GRID_MONTH rows, has " + months.size());
		}
	}

	/** The grid zone the profile describes. */
	public String gridZone() {
		return months.get(0).zone();
	}

	/** The zones the data name besides the grid: the counties and the zones imports come from or exports go to. */
	public Map<String, String> externalZones() {
		Map<String, String> m = new LinkedHashMap<>();
		months.forEach(g -> {
			m.put(g.importFrom(), g.importFrom());
			m.put(g.exportTo(), g.exportTo());
		});
		return m;
	}

	/** The county zones with made-up plants. */
	public List<String> countyZones() {
		return counties.stream().map(CountyPlant::zone).toList();
	}

	/** The calibration of the year (computed on first use over the whole calendar year). */
	public Calibration calibration(int year) {
		return calibrations.computeIfAbsent(year, this::calibrate);
	}

	/** Writes every hour from {@code from} (inclusive) to {@code to} (exclusive), both on whole hours. */
	public void generate(Instant from, Instant to, Sink sink) {
		for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
			int year = h.atZone(BEIJING).getYear();
			GridHour g = gridHour(h, calibration(year).coalScale());
			String zone = gridZone();
			sink.generation(zone, h, PowerTechnology.HYDRO, g.hydro);
			sink.generation(zone, h, PowerTechnology.COAL, g.coal);
			sink.generation(zone, h, PowerTechnology.GAS, g.gas);
			sink.generation(zone, h, PowerTechnology.WIND, g.wind);
			sink.generation(zone, h, PowerTechnology.SOLAR, g.solar);
			sink.interchange(zone, h, g.month.importFrom(), g.imports, 0);
			sink.interchange(zone, h, g.month.exportTo(), 0, g.exports);
			for (CountyPlant c : counties) {
				county(c, h, g, sink);
			}
		}
	}

	/** One hour of the grid. */
	record GridHour(GridMonth month, double load, double hydro, double coal, double gas, double wind, double solar, double imports,
			double exports, double coalBase, double cloud) {

		double generation() {
			return hydro + coal + gas + wind + solar;
		}
	}

	GridHour gridHour(Instant h, double coalScale) {
		ZonedDateTime t = h.atZone(BEIJING);
		GridMonth m = months.get(t.getMonthValue() - 1);
		long index = ChronoUnit.HOURS.between(EPOCH, h);
		SplittableRandom hourRandom = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
		SplittableRandom dayRandom = new SplittableRandom(SEED ^ (Math.floorDiv(index, 24) * 0xC2B2AE3D27D4EB4FL) ^ 0xDA7L);
		int hod = t.getHour();
		boolean weekend = t.getDayOfWeek().getValue() >= 6;
		double load = m.loadMw() * DAY[hod] * (weekend ? 0.95 : 1.0) * (1 + 0.03 * (hourRandom.nextDouble() * 2 - 1));
		double sum = m.hydro() + m.coal() + m.gas() + m.wind() + m.solar();
		double genMean = m.loadMw() * (1 - m.importShare()) / (1 - m.exportShare());
		double gen = load * (1 - m.importShare()) / (1 - m.exportShare());
		double cloud = 0.55 + 0.45 * dayRandom.nextDouble();
		double windLevel = 0.4 + 1.2 * dayRandom.nextDouble();
		double solar = m.solar() / sum * genMean * SUN[hod] * cloud;
		double wind = m.wind() / sum * genMean * windLevel * (0.9 + 0.2 * hourRandom.nextDouble());
		double gas = m.gas() / sum * gen;
		double coalBase = m.coal() / sum * genMean * (0.92 + 0.08 * DAY[hod]);
		double coal = coalBase * coalScale;
		double hydro = gen - solar - wind - gas - coal;
		if (hydro < 0.05 * gen) {
			coal = Math.max(0, coal - (0.05 * gen - hydro));
			hydro = gen - solar - wind - gas - coal;
		}
		return new GridHour(m, load, hydro, coal, gas, wind, solar, m.importShare() * load, m.exportShare() * gen, coalBase, cloud);
	}

	private void county(CountyPlant c, Instant h, GridHour g, Sink sink) {
		ZonedDateTime t = h.atZone(BEIJING);
		double hydroMax = months.stream().mapToDouble(GridMonth::hydro).max().orElse(1);
		double hydroMin = months.stream().mapToDouble(GridMonth::hydro).min().orElse(0);
		double coalMax = months.stream().mapToDouble(GridMonth::coal).max().orElse(1);
		double coalMin = months.stream().mapToDouble(GridMonth::coal).min().orElse(0);
		double wet = (g.month().hydro() - hydroMin) / Math.max(1e-9, hydroMax - hydroMin);
		double dry = (g.month().coal() - coalMin) / Math.max(1e-9, coalMax - coalMin);
		long index = ChronoUnit.HOURS.between(EPOCH, h);
		SplittableRandom r = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L) ^ c.zone().hashCode());
		double meanLoad = months.stream().mapToDouble(GridMonth::loadMw).average().orElse(1);
		double load = c.loadMw() * g.month().loadMw() / meanLoad * DAY[t.getHour()] * (1 + 0.04 * (r.nextDouble() * 2 - 1));
		double hydro = c.hydroMw() * (0.25 + 0.7 * wet) * (0.95 + 0.05 * r.nextDouble());
		double coal = c.coalMw() * (0.35 + 0.5 * dry) * (0.9 + 0.1 * DAY[t.getHour()]);
		double solar = c.solarMw() * 0.15 * SUN[t.getHour()] * g.cloud();
		if (c.hydroMw() > 0) {
			sink.generation(c.zone(), h, PowerTechnology.HYDRO, hydro);
		}
		if (c.coalMw() > 0) {
			sink.generation(c.zone(), h, PowerTechnology.COAL, coal);
		}
		if (c.solarMw() > 0) {
			sink.generation(c.zone(), h, PowerTechnology.SOLAR, solar);
		}
		double net = load - hydro - coal - solar;
		sink.interchange(c.zone(), h, c.counterpart(), Math.max(0, net), Math.max(0, -net));
	}

	private Calibration calibrate(int year) {
		OfficialGridFactors.Official target = official.apply(gridZone(), year);
		if (target == null) {
			throw new IllegalStateException("no official factor of " + gridZone() + " to calibrate the bundled data to");
		}
		double want = target.gPerKwh().doubleValue();
		Instant from = LocalDate.of(year, 1, 1).atStartOfDay(BEIJING).toInstant();
		Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(BEIJING).toInstant();
		Map<String, Double> importG = new HashMap<>();
		double k = 1;
		double achieved = 0;
		for (int iteration = 0; iteration < 6; iteration++) {
			// avg(k) = Σ L·(k·coal·EFc + rest) / S ÷ Σ L, linear in k for the unclamped hours
			double a0 = 0;
			double a1 = 0;
			double weights = 0;
			double at = 0;
			for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
				GridHour g = gridHour(h, k);
				double impG = importG.computeIfAbsent(g.month().importFrom(), z -> official.apply(z, year).gPerKwh().doubleValue());
				double supply = g.generation() + g.imports();
				double loadW = supply - g.exports();
				double rest = (g.gas() * gasG + g.imports() * impG) / supply;
				double coalPart = g.coal() * coalG / supply;
				boolean clamped = Math.abs(g.coal() - g.coalBase() * k) > 1e-9;
				if (clamped) {
					a0 += loadW * (rest + coalPart);
				}
				else {
					a0 += loadW * rest;
					a1 += loadW * g.coalBase() * coalG / supply;
				}
				at += loadW * (rest + coalPart);
				weights += loadW;
			}
			achieved = at / weights;
			if (Math.abs(achieved - want) / want < 1e-6) {
				break;
			}
			k = Math.max(0, (want * weights - a0) / a1);
		}
		return new Calibration(year, target.year(), want, k, achieved);
	}

	private static double d(CsvTable.Row r, String column) {
		String v = r.get(column);
		return v.isEmpty() ? 0 : Double.parseDouble(v);
	}

	private static double[] normalise(double[] v) {
		double mean = java.util.Arrays.stream(v).average().orElse(1);
		return java.util.Arrays.stream(v).map(x -> x / mean).toArray();
	}

	private static double[] solar() {
		double[] v = new double[24];
		for (int h = 0; h < 24; h++) {
			double x = (h + 0.5 - 13) / 6.0;
			v[h] = h >= 7 && h < 19 ? Math.max(0, Math.cos(x * Math.PI / 2)) : 0;
		}
		return normalise(v);
	}

}
