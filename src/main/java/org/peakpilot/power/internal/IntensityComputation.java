package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.peakpilot.platform.NotFoundException;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes each hour's average grid intensity of a zone (gCO2/kWh) into {@code power_intensity_hour}, and the
 * marginal decision signal into {@code power_marginal_signal_hour}:
 * <ul>
 * <li>production-based: CI = Σ P_g·EF_g ÷ Σ P_g (the zone's own generation, EF from {@link TechnologyFactors});</li>
 * <li>consumption-based: CI = (Σ P_g·EF_g + Σ Imp_j·CI_j) ÷ (Σ P_g + Σ Imp_j), the zone as one pool of its generation
 * and imports (issue 15). Exports are not subtracted: by convention they leave at the exporting zone's
 * <em>production</em> intensity, which is therefore what a zone importing from it uses as CI_j. This is the
 * simplification of issue 15 (no re-export of imports is traced); it is exact when a zone exports no more than it
 * generates and its exports are drawn pro rata from its generation only, which the consumption formula then slightly
 * misstates by treating the exported energy as part of the pool.</li>
 * <li>CI_j of an import: from the zone's parent (a county from its provincial grid) the parent's
 * <em>consumption</em> intensity of that hour; from another zone that zone's <em>production</em> intensity of that
 * hour; where that zone has no computed hour, its official grid factor of the hour's year from accounting's library
 * (e.g. GRID-NORTHWEST-2023, 554.3 g/kWh; latest year not after it); where there is none either, the zone's parent's
 * consumption intensity; otherwise the hour is left out (counted in {@link ZoneResult#unpriced()}).</li>
 * <li>load (the weight of the consumption-weighted yearly average) = Σ P_g + Σ Imp_j − Σ Exp_j.</li>
 * <li>Modelled fill: in every month of the period that has at least one measured hour, an hour without data gets the
 * hour-of-day average (intensity and load, per basis) of the same month's measured hours (the month carries its
 * wet/dry season); an hour of day with no measured hour in the month takes the bundled profile's hour-of-day average
 * of that month ({@link BundledProfile}, the grid zone only). Such hours are {@code MODELLED}. Months without any
 * measured hour are not invented.</li>
 * <li>Marginal: the factor of the highest-emitting technology generating in the hour: a DECISION SIGNAL ONLY, never
 * an average, never for accounting.</li>
 * </ul>
 * Sums are BigDecimal; the intensity is rounded half-up to 0.001 g/kWh, the load to 0.001 MWh. A recompute replaces
 * the zone's hours of the period in one transaction (DELETE, then COPY).
 */
@Component
public class IntensityComputation {

	private static final Logger log = LoggerFactory.getLogger(IntensityComputation.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final MathContext MC = MathContext.DECIMAL64;

	/** What a recompute of one zone did. */
	public record ZoneResult(String zone, int measuredHours, int modelledHours, int unpriced, int rowsWritten, List<String> importIntensities) {
	}

	/** What a recompute did, zone by zone, and how long it took. */
	public record RecomputeReport(Instant from, Instant to, List<ZoneResult> zones, long millis) {

		public int rowsWritten() {
			return zones.stream().mapToInt(ZoneResult::rowsWritten).sum();
		}
	}

	/** The computed figures of one hour (either basis may be absent). */
	record HourFigures(BigDecimal production, BigDecimal consumption, BigDecimal load, BigDecimal marginal, String marginalTechnology,
			boolean synthetic) {
	}

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final Zones zones;
	private final OfficialGridFactors officials;
	private final BundledProfile profile;
	private final Clock clock;

	IntensityComputation(JdbcClient jdbc, DataSource dataSource, Zones zones, OfficialGridFactors officials, BundledProfile profile,
			Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.zones = zones;
		this.officials = officials;
		this.profile = profile;
		this.clock = clock;
	}

	/** The production-based intensity: Σ P·EF ÷ Σ P (gCO2/kWh), empty without generation. */
	public static Optional<BigDecimal> production(BigDecimal sumPEf, BigDecimal sumP) {
		return sumP.signum() <= 0 ? Optional.empty() : Optional.of(sumPEf.divide(sumP, MC).setScale(3, RoundingMode.HALF_UP));
	}

	/** The consumption-based intensity: (Σ P·EF + Σ Imp·CI) ÷ (Σ P + Σ Imp) (gCO2/kWh), empty without supply. */
	public static Optional<BigDecimal> consumption(BigDecimal sumPEf, BigDecimal sumP, BigDecimal sumImpCi, BigDecimal sumImp) {
		BigDecimal supply = sumP.add(sumImp);
		return supply.signum() <= 0 ? Optional.empty()
				: Optional.of(sumPEf.add(sumImpCi).divide(supply, MC).setScale(3, RoundingMode.HALF_UP));
	}

	/**
	 * Recomputes the zone's hours from {@code from} (inclusive) to {@code to} (exclusive); a grid zone's counties
	 * follow (their imports are priced at the grid's consumption intensity).
	 */
	@Transactional
	public RecomputeReport recompute(String zoneCode, Instant from, Instant to) {
		Zones.Zone zone = zones.find(zoneCode).orElseThrow(() -> new NotFoundException("zone " + zoneCode));
		List<Zones.Zone> order = new ArrayList<>();
		order.add(zone);
		if (zone.kind().equals("GRID")) {
			zones.all().stream().filter(z -> zoneCode.equals(z.parentCode())).forEach(order::add);
		}
		return run(order, from, to);
	}

	/** Recomputes every zone with data: grids first, then counties, then other zones. */
	@Transactional
	public RecomputeReport recomputeAll(Instant from, Instant to) {
		List<Zones.Zone> all = new ArrayList<>(zones.all());
		all.sort(java.util.Comparator.comparingInt(z -> switch (z.kind()) {
			case "GRID" -> 0;
			case "COUNTY" -> 1;
			default -> 2;
		}));
		return run(all, from, to);
	}

	private RecomputeReport run(List<Zones.Zone> order, Instant from, Instant to) {
		long start = System.nanoTime();
		OfficialGridFactors.Lookup lookup = officials.lookup();
		List<ZoneResult> results = new ArrayList<>();
		phases = new long[3];
		for (Zones.Zone z : order) {
			results.add(computeZone(z, from, to, lookup));
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Recomputed hourly intensity of {} zone(s) {}–{}: {} rows in {} ms (read {} ms, compute {} ms, write {} ms)", order.size(), from,
				to, results.stream().mapToInt(ZoneResult::rowsWritten).sum(), millis, phases[0] / 1_000_000, phases[1] / 1_000_000,
				phases[2] / 1_000_000);
		return new RecomputeReport(from, to, results, millis);
	}

	private long[] phases = new long[3];

	private ZoneResult computeZone(Zones.Zone zone, Instant from, Instant to, OfficialGridFactors.Lookup lookup) {
		long t0 = System.nanoTime();
		// read whole months, so that the modelled fill averages the same month's measured hours
		Instant readFrom = YearMonth.from(from.atZone(BEIJING)).atDay(1).atStartOfDay(BEIJING).toInstant();
		Instant readTo = YearMonth.from(to.minusSeconds(1).atZone(BEIJING)).plusMonths(1).atDay(1).atStartOfDay(BEIJING).toInstant();
		Map<Instant, BigDecimal[]> gen = new HashMap<>(); // p, pe
		Map<Instant, Object[]> marginal = new HashMap<>(); // g, technology
		Set<Instant> synthetic = new HashSet<>();
		jdbc.sql("""
				SELECT g.hour_start, sum(g.mwh), sum(g.mwh * f.g_per_kwh), bool_or(g.synthetic),
				  max(f.g_per_kwh) FILTER (WHERE g.mwh > 0),
				  (array_agg(g.technology ORDER BY f.g_per_kwh DESC) FILTER (WHERE g.mwh > 0))[1]
				FROM power_generation_hour g JOIN power_technology_factor f ON f.technology = g.technology
				WHERE g.zone_code = :z AND g.hour_start >= :f AND g.hour_start < :t GROUP BY g.hour_start""")
			.param("z", zone.code()).param("f", Timestamp.from(readFrom)).param("t", Timestamp.from(readTo))
			.query(rs -> {
				Instant h = rs.getTimestamp(1).toInstant();
				gen.put(h, new BigDecimal[] { rs.getBigDecimal(2), rs.getBigDecimal(3) });
				if (rs.getBoolean(4)) {
					synthetic.add(h);
				}
				if (rs.getBigDecimal(5) != null) {
					marginal.put(h, new Object[] { rs.getBigDecimal(5).setScale(3, RoundingMode.HALF_UP), rs.getString(6) });
				}
			});
		record Flow(String counterpart, BigDecimal imp, BigDecimal exp) {
		}
		Map<Instant, List<Flow>> flows = new HashMap<>();
		Set<String> counterparts = new HashSet<>();
		jdbc.sql("""
				SELECT hour_start, counterpart_code, import_mwh, export_mwh, synthetic FROM power_interchange_hour
				WHERE zone_code = :z AND hour_start >= :f AND hour_start < :t""")
			.param("z", zone.code()).param("f", Timestamp.from(readFrom)).param("t", Timestamp.from(readTo))
			.query(rs -> {
				Instant h = rs.getTimestamp(1).toInstant();
				Flow f = new Flow(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4));
				flows.computeIfAbsent(h, k -> new ArrayList<>(2)).add(f);
				if (f.imp().signum() > 0) {
					counterparts.add(f.counterpart());
				}
				if (rs.getBoolean(5)) {
					synthetic.add(h);
				}
			});
		// CI_j of each counterpart, hour by hour
		Map<String, Map<Instant, BigDecimal>> computed = new HashMap<>();
		Map<String, String> used = new LinkedHashMap<>();
		Map<Instant, BigDecimal> parentConsumption = zone.parentCode() == null ? Map.of()
				: stored(zone.parentCode(), IntensityBasis.CONSUMPTION, readFrom, readTo);
		for (String c : counterparts) {
			boolean parent = c.equals(zone.parentCode());
			computed.put(c, parent ? parentConsumption : stored(c, IntensityBasis.PRODUCTION, readFrom, readTo));
			used.put(c, parent ? c + ": its computed CONSUMPTION intensity of the hour (the zone's grid)"
					: c + ": its computed PRODUCTION intensity of the hour where present");
		}
		long t1 = System.nanoTime();
		phases[0] += t1 - t0;
		Map<Instant, HourFigures> measured = new TreeMap<>();
		int unpriced = 0;
		Set<Instant> hours = new HashSet<>(gen.keySet());
		hours.addAll(flows.keySet());
		for (Instant h : hours) {
			BigDecimal[] g = gen.getOrDefault(h, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
			BigDecimal imp = BigDecimal.ZERO;
			BigDecimal impCi = BigDecimal.ZERO;
			BigDecimal exp = BigDecimal.ZERO;
			boolean priced = true;
			for (Flow f : flows.getOrDefault(h, List.of())) {
				exp = exp.add(f.exp());
				if (f.imp().signum() == 0) {
					continue;
				}
				BigDecimal ci = computed.get(f.counterpart()).get(h);
				if (ci == null) {
					int year = h.atZone(BEIJING).getYear();
					Optional<OfficialGridFactors.Official> o = lookup.of(f.counterpart(), year);
					if (o.isPresent()) {
						ci = o.get().gPerKwh();
						String key = f.counterpart() + "@" + year;
						if (!used.containsKey(key)) {
							used.put(key, "%s in %d: official factor %s (%s g/kWh, %s%s)".formatted(f.counterpart(), year, o.get().factorCode(),
									o.get().gPerKwh().stripTrailingZeros().toPlainString(), o.get().tag(),
									o.get().substituted() ? "; " + year + " has none, latest year used" : ""));
						}
					}
					else {
						ci = parentConsumption.get(h);
					}
				}
				if (ci == null) {
					priced = false;
					break;
				}
				imp = imp.add(f.imp());
				impCi = impCi.add(f.imp().multiply(ci));
			}
			if (!priced) {
				unpriced++;
				continue;
			}
			Optional<BigDecimal> p = production(g[1], g[0]);
			Optional<BigDecimal> c = consumption(g[1], g[0], impCi, imp);
			if (c.isEmpty()) {
				continue;
			}
			Object[] m = marginal.get(h);
			measured.put(h, new HourFigures(p.orElse(null), c.get(), g[0].add(imp).subtract(exp).max(BigDecimal.ZERO).setScale(3, RoundingMode.HALF_UP),
					m == null ? null : (BigDecimal) m[0], m == null ? null : (String) m[1], synthetic.contains(h)));
		}
		// the modelled fill, month by month
		Map<Instant, HourFigures> modelled = new TreeMap<>();
		Map<YearMonth, List<HourFigures>[]> byMonthHour = new HashMap<>();
		for (Map.Entry<Instant, HourFigures> e : measured.entrySet()) {
			ZonedDateTime t = e.getKey().atZone(BEIJING);
			@SuppressWarnings("unchecked")
			List<HourFigures>[] slots = byMonthHour.computeIfAbsent(YearMonth.from(t), k -> new List[24]);
			if (slots[t.getHour()] == null) {
				slots[t.getHour()] = new ArrayList<>();
			}
			slots[t.getHour()].add(e.getValue());
		}
		for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
			if (measured.containsKey(h)) {
				continue;
			}
			ZonedDateTime t = h.atZone(BEIJING);
			List<HourFigures>[] slots = byMonthHour.get(YearMonth.from(t));
			if (slots == null) {
				continue;
			}
			List<HourFigures> same = slots[t.getHour()];
			HourFigures f = same != null ? average(same) : profile.hourOfDay(zone.code(), YearMonth.from(t), t.getHour()).orElse(null);
			if (f != null) {
				modelled.put(h, f);
			}
		}
		long t2 = System.nanoTime();
		phases[1] += t2 - t1;
		int rows = write(zone.code(), from, to, measured, modelled);
		phases[2] += System.nanoTime() - t2;
		return new ZoneResult(zone.code(), (int) measured.keySet().stream().filter(h -> !h.isBefore(from) && h.isBefore(to)).count(),
				modelled.size(), unpriced, rows, List.copyOf(used.values()));
	}

	static HourFigures average(List<HourFigures> list) {
		BigDecimal n = BigDecimal.valueOf(list.size());
		BigDecimal c = BigDecimal.ZERO;
		BigDecimal l = BigDecimal.ZERO;
		BigDecimal p = BigDecimal.ZERO;
		int pn = 0;
		BigDecimal m = null;
		String mt = null;
		boolean syn = false;
		for (HourFigures f : list) {
			c = c.add(f.consumption());
			l = l.add(f.load());
			if (f.production() != null) {
				p = p.add(f.production());
				pn++;
			}
			if (f.marginal() != null && (m == null || f.marginal().compareTo(m) > 0)) {
				m = f.marginal();
				mt = f.marginalTechnology();
			}
			syn |= f.synthetic();
		}
		return new HourFigures(pn == 0 ? null : p.divide(BigDecimal.valueOf(pn), MC).setScale(3, RoundingMode.HALF_UP),
				c.divide(n, MC).setScale(3, RoundingMode.HALF_UP), l.divide(n, MC).setScale(3, RoundingMode.HALF_UP), m, mt, syn);
	}

	private Map<Instant, BigDecimal> stored(String zone, IntensityBasis basis, Instant from, Instant to) {
		Map<Instant, BigDecimal> m = new HashMap<>();
		jdbc.sql("""
				SELECT hour_start, g_per_kwh FROM power_intensity_hour
				WHERE zone_code = :z AND basis = :b AND hour_start >= :f AND hour_start < :t""")
			.param("z", zone).param("b", basis.name()).param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
			.query(rs -> {
				m.put(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2));
			});
		return m;
	}

	private int write(String zone, Instant from, Instant to, Map<Instant, HourFigures> measured, Map<Instant, HourFigures> modelled) {
		Timestamp f = Timestamp.from(from);
		Timestamp t = Timestamp.from(to);
		jdbc.sql("DELETE FROM power_intensity_hour WHERE zone_code = :z AND hour_start >= :f AND hour_start < :t")
			.param("z", zone).param("f", f).param("t", t).update();
		jdbc.sql("DELETE FROM power_marginal_signal_hour WHERE zone_code = :z AND hour_start >= :f AND hour_start < :t")
			.param("z", zone).param("f", f).param("t", t).update();
		String now = clock.instant().toString();
		StringBuilder avg = new StringBuilder(1 << 16);
		StringBuilder marg = new StringBuilder(1 << 14);
		int rows = 0;
		for (int pass = 0; pass < 2; pass++) {
			Map<Instant, HourFigures> src = pass == 0 ? measured : modelled;
			IntensitySource source = pass == 0 ? IntensitySource.MEASURED : IntensitySource.MODELLED;
			for (Map.Entry<Instant, HourFigures> e : src.entrySet()) {
				Instant h = e.getKey();
				if (h.isBefore(from) || !h.isBefore(to)) {
					continue;
				}
				HourFigures x = e.getValue();
				String hour = h.toString();
				if (x.production() != null) {
					line(avg, zone, IntensityBasis.PRODUCTION, hour, x.production(), source, x.synthetic(), now, x.load());
					rows++;
				}
				line(avg, zone, IntensityBasis.CONSUMPTION, hour, x.consumption(), source, x.synthetic(), now, x.load());
				rows++;
				if (x.marginal() != null) {
					marg.append(zone).append('\t').append(hour).append('\t').append(x.marginal().toPlainString()).append('\t')
						.append(x.marginalTechnology()).append('\t').append(source.name()).append('\t').append(x.synthetic() ? 't' : 'f').append('\n');
				}
			}
		}
		copy("COPY power_intensity_hour (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at, load_mwh) FROM STDIN", avg);
		copy("COPY power_marginal_signal_hour (zone_code, hour_start, g_per_kwh, technology, source, synthetic) FROM STDIN", marg);
		return rows;
	}

	private static void line(StringBuilder b, String zone, IntensityBasis basis, String hour, BigDecimal g, IntensitySource source,
			boolean synthetic, String now, BigDecimal load) {
		b.append(zone).append('\t').append(basis.name()).append('\t').append(hour).append('\t').append(g.toPlainString()).append('\t')
			.append(source.name()).append('\t').append(synthetic ? 't' : 'f').append('\t').append(now).append('\t')
			.append(load == null ? "\\N" : load.toPlainString()).append('\n');
	}

	void copy(String sql, CharSequence text) {
		if (text.isEmpty()) {
			return;
		}
		Connection c = DataSourceUtils.getConnection(dataSource);
		try {
			byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
			c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new java.io.ByteArrayInputStream(bytes));
		}
		catch (SQLException | java.io.IOException ex) {
			throw new IllegalStateException("Could not write the computed hours: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(c, dataSource);
		}
	}

	/** COPY as the computation writes, for the benchmark's physical limit. */
	public void copyForBenchmark(String sql, CharSequence text) {
		copy(sql, text);
	}

	/** The first hour (Beijing midnight) of a date. */
	static Instant startOf(LocalDate date) {
		return date.atStartOfDay(BEIJING).toInstant();
	}
}
