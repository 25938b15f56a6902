package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.peakpilot.monitoring.Meter;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read side of the monitoring pages: the live city view, enterprise curves, meter states, completeness and
 * month-to-date energy. Every query reads the rollups (monitoring_rollup) and the latest reading per meter
 * (monitoring_meter_status), never the readings themselves, so that it stays fast with years of 15-minute data;
 * the grain of a day or month query is written into the SQL so that the partial index on day and month rollups
 * applies. Quantities are summed per energy and unit in SQL and converted to tce and tCO2 here with the
 * accounting factors of the period's year ({@link EnergyConversions}).
 */
@Component
public class MonitoringViews {

	static final int TOP = 10;
	static final int LATEST_ALARMS = 10;
	/** The most periods one curve may have (a year by quarter-hours is about 35,000). */
	static final int MAX_PERIODS = 40_000;
	/** The most Beijing days the completeness view covers. */
	public static final int COMPLETENESS_DAYS_MAX = 92;

	private final JdbcClient jdbc;
	private final Registry registry;
	private final Meters meters;
	private final EnergyConversions conversions;
	private final Clock clock;
	private final int offlineAfterIntervals;

	MonitoringViews(JdbcClient jdbc, Registry registry, Meters meters, EnergyConversions conversions, Clock clock,
			@Value("${peakpilot.monitoring.offline-after-intervals:4}") int offlineAfterIntervals) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.meters = meters;
		this.conversions = conversions;
		this.clock = clock;
		if (offlineAfterIntervals < 1) {
			throw new IllegalArgumentException("peakpilot.monitoring.offline-after-intervals must be at least 1");
		}
		this.offlineAfterIntervals = offlineAfterIntervals;
	}

	int offlineAfterIntervals() {
		return offlineAfterIntervals;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ReadingIngest.BEIJING));
	}

	// ---- the live city view

	/**
	 * The Beijing day of the newest reading of the active meters in the caller's scope (a reading at 00:00 opens the
	 * new day), empty when there is none. The live view follows it: with a catch-up or the simulator at speed, the
	 * data runs behind (or, with device clocks ahead, slightly ahead of) the wall clock.
	 */
	public java.util.Optional<LocalDate> latestDataDay() {
		AccessScope.SqlCondition scope = AccessScope.current().where("m.county_code", "m.park_id", "m.enterprise_id");
		List<Instant> latest = jdbc.sql("""
				SELECT max(s.last_ts) AS latest FROM monitoring_meter_status s JOIN monitoring_meter m ON m.id = s.meter_id
				WHERE m.active AND %s
				""".formatted(scope.sql()))
			.params(scope.params()).query((rs, n) -> Gateways.instant(rs, "latest")).list();
		return latest.stream().filter(java.util.Objects::nonNull).findFirst().map(t -> t.atZone(ReadingIngest.BEIJING).toLocalDate());
	}

	private record DayRow(String county, String industry, long enterpriseId, String energyCode, String unit, BigDecimal quantity) {
	}

	public CitySummary citySummary(LocalDate day) {
		AccessScope.SqlCondition scope = AccessScope.current().where("m.county_code", "m.park_id", "m.enterprise_id");
		Instant start = start(day);
		List<DayRow> rows = jdbc.sql("""
				SELECT m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit, sum(r.quantity) AS quantity
				FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE r.grain = 'D' AND r.period_start = :day AND %s
				GROUP BY m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit
				""".formatted(scope.sql()))
			.params(scope.params()).param("day", Gateways.utc(start))
			.query((rs, n) -> new DayRow(rs.getString(1).strip(), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getBigDecimal(6)))
			.list();
		Map<String, EnergyConversions.Conversion> used = new LinkedHashMap<>();
		Map<String, Totals> byCounty = new TreeMap<>();
		Map<String, Totals> byIndustry = new TreeMap<>();
		Map<Long, Totals> byEnterprise = new HashMap<>();
		Map<Long, DayRow> enterpriseOwner = new HashMap<>();
		Totals total = new Totals();
		for (DayRow r : rows) {
			EnergyConversions.Conversion c = conversion(used, r.energyCode(), r.unit(), day.getYear());
			BigDecimal tce = c.tce(r.quantity());
			BigDecimal co2 = c.co2T(r.quantity());
			total.add(tce, co2);
			byCounty.computeIfAbsent(r.county(), k -> new Totals()).add(tce, co2);
			byIndustry.computeIfAbsent(r.industry(), k -> new Totals()).add(tce, co2);
			byEnterprise.computeIfAbsent(r.enterpriseId(), k -> new Totals()).add(tce, co2);
			enterpriseOwner.putIfAbsent(r.enterpriseId(), r);
		}
		Map<String, String> countyNames = new HashMap<>();
		registry.regions().forEach(x -> countyNames.put(x.code(), x.nameZh()));
		Map<String, RegistryModel.Industry> industries = new HashMap<>();
		registry.industries().forEach(i -> industries.put(i.code(), i));
		List<EnergyShare> counties = byCounty.entrySet().stream()
			.map(e -> new EnergyShare(e.getKey(), countyNames.getOrDefault(e.getKey(), e.getKey()), countyNames.getOrDefault(e.getKey(), e.getKey()),
					Rounding.stored(e.getValue().tce), Rounding.stored(e.getValue().co2)))
			.toList();
		List<EnergyShare> industryShares = byIndustry.entrySet().stream().map(e -> {
			RegistryModel.Industry i = industries.get(e.getKey());
			return new EnergyShare(e.getKey(), i == null ? e.getKey() : i.nameZh(), i == null ? e.getKey() : i.nameEn(),
					Rounding.stored(e.getValue().tce), Rounding.stored(e.getValue().co2));
		}).toList();
		List<EnterpriseEnergy> top = byEnterprise.entrySet().stream()
			.sorted(Map.Entry.<Long, Totals>comparingByValue(Comparator.comparing((Totals t) -> t.tce)).reversed()
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP)
			.map(e -> {
				DayRow owner = enterpriseOwner.get(e.getKey());
				return new EnterpriseEnergy(e.getKey(), name(e.getKey()), owner.county(), owner.industry(),
						Rounding.stored(e.getValue().tce), Rounding.stored(e.getValue().co2));
			})
			.toList();

		Instant now = clock.instant();
		int[] onOff = jdbc.sql("""
				SELECT count(*) FILTER (WHERE s.last_arrival_at >= CAST(:now AS timestamptz) - make_interval(mins => m.interval_minutes * :n)
				                          OR EXISTS (SELECT 1 FROM monitoring_rollup_pending p WHERE p.meter_id = m.id)),
				       count(*)
				FROM monitoring_meter m LEFT JOIN monitoring_meter_status s ON s.meter_id = m.id
				WHERE m.active AND %s
				""".formatted(scope.sql()))
			.params(scope.params()).param("now", Gateways.utc(now)).param("n", offlineAfterIntervals)
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) }).single();
		AccessScope.SqlCondition alarmScope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		long open = jdbc.sql("SELECT count(*) FROM monitoring_alarm WHERE status = 'OPEN' AND %s".formatted(alarmScope.sql()))
			.params(alarmScope.params()).query(Long.class).single();
		List<LiveAlarm> alarms = jdbc.sql("""
				SELECT id, enterprise_id, meter_id, kind, period_ts, detail, raised_at, status FROM monitoring_alarm
				WHERE status IN ('OPEN', 'ACKNOWLEDGED') AND %s ORDER BY raised_at DESC, id DESC LIMIT :n
				""".formatted(alarmScope.sql()))
			.params(alarmScope.params()).param("n", LATEST_ALARMS)
			.query((rs, n) -> new LiveAlarm(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getObject("meter_id", Long.class),
					rs.getString("kind"), Gateways.instant(rs, "period_ts"), rs.getString("detail"), Gateways.instant(rs, "raised_at"),
					rs.getString("status")))
			.list();
		return new CitySummary(day, now, Rounding.stored(total.tce), Rounding.stored(total.co2), counties, industryShares,
				top, onOff[0], onOff[1] - onOff[0], offlineAfterIntervals, open, alarms, conversions(used));
	}

	private static final class Totals {
		BigDecimal tce = BigDecimal.ZERO;
		BigDecimal co2 = BigDecimal.ZERO;

		void add(BigDecimal t, BigDecimal c) {
			tce = tce.add(t);
			co2 = co2.add(c);
		}
	}

	// ---- curves

	private record PeriodRow(String energyCode, String unit, Instant start, BigDecimal quantity, int readings, int excluded) {
	}

	/** An enterprise's curve; {@code grain} null takes the range's own grain. */
	public EnterpriseSeries enterpriseSeries(long enterpriseId, Range range, LocalDate date, Grain grain) {
		registry.enterprise(enterpriseId); // not found outside the caller's scope
		Grain g = grain == null ? range.grain() : grain;
		Instant from = start(range.first(date));
		Instant to = start(range.end(date));
		List<Instant> periods = periods(g, from, to);
		List<PeriodRow> rows = jdbc.sql("""
				SELECT m.energy_code, m.unit, r.period_start, sum(r.quantity), sum(r.readings), sum(r.excluded)
				FROM monitoring_meter m JOIN monitoring_rollup r ON r.meter_id = m.id
				WHERE m.enterprise_id = :e AND r.grain = '%s' AND r.period_start >= :f AND r.period_start < :t
				GROUP BY m.energy_code, m.unit, r.period_start ORDER BY m.energy_code, m.unit, r.period_start
				""".formatted(g.code))
			.param("e", enterpriseId).param("f", Gateways.utc(from)).param("t", Gateways.utc(to))
			.query((rs, n) -> new PeriodRow(rs.getString(1), rs.getString(2), Gateways.instant(rs, "period_start"), rs.getBigDecimal(4),
					rs.getInt(5), rs.getInt(6)))
			.list();
		Map<String, EnergyConversions.Conversion> used = new LinkedHashMap<>();
		Map<String, List<MeterPoint>> lines = new LinkedHashMap<>();
		Map<Instant, Totals> totals = new TreeMap<>();
		for (PeriodRow r : rows) {
			EnergyConversions.Conversion c = conversion(used, r.energyCode(), r.unit(), Readings.year(r.start()));
			BigDecimal tce = c.tce(r.quantity());
			BigDecimal co2 = c.co2T(r.quantity());
			lines.computeIfAbsent(r.energyCode() + "\u0000" + r.unit(), k -> new ArrayList<>())
				.add(new MeterPoint(r.start(), r.quantity().stripTrailingZeros(), Rounding.stored(tce), Rounding.stored(co2),
						r.readings(), r.excluded()));
			totals.computeIfAbsent(r.start(), k -> new Totals()).add(tce, co2);
		}
		List<EnergyLine> energyLines = lines.entrySet().stream().map(e -> {
			String[] key = e.getKey().split("\u0000", 2);
			return new EnergyLine(key[0], key[1], e.getValue());
		}).toList();
		List<TotalPoint> totalPoints = totals.entrySet().stream()
			.map(e -> new TotalPoint(e.getKey(), Rounding.stored(e.getValue().tce), Rounding.stored(e.getValue().co2)))
			.toList();
		return new EnterpriseSeries(enterpriseId, range, g, from, to, periods, energyLines, totalPoints, conversions(used));
	}

	/** Every period start of a grain in from (inclusive) to (exclusive), Beijing boundaries. */
	static List<Instant> periods(Grain grain, Instant from, Instant to) {
		long approx = switch (grain) {
			case QUARTER -> Duration.between(from, to).toMinutes() / 15;
			case HOUR -> Duration.between(from, to).toHours();
			case DAY -> Duration.between(from, to).toDays();
			case MONTH -> Duration.between(from, to).toDays() / 28;
		};
		if (approx > MAX_PERIODS) {
			throw new InvalidInputException("grain", "at most " + MAX_PERIODS + " periods per curve: choose a coarser grain");
		}
		List<Instant> out = new ArrayList<>();
		java.time.ZonedDateTime t = from.atZone(ReadingIngest.BEIJING);
		while (t.toInstant().isBefore(to)) {
			out.add(t.toInstant());
			t = grain.next(t);
		}
		return out;
	}

	// ---- an enterprise's meters

	public List<MeterState> meterStates(long enterpriseId) {
		registry.enterprise(enterpriseId);
		Instant now = clock.instant();
		record Status(long meterId, Instant lastTs, BigDecimal lastValue, Instant receivedAt, Instant arrivedAt) {
		}
		Map<Long, Status> status = new HashMap<>();
		// a meter whose readings wait for the rollup has just sent: it counts as arrived now
		jdbc.sql("""
				SELECT s.meter_id, s.last_ts, s.last_value, s.last_received_at,
				       CASE WHEN EXISTS (SELECT 1 FROM monitoring_rollup_pending p WHERE p.meter_id = s.meter_id)
				            THEN CAST(:now AS timestamptz) ELSE s.last_arrival_at END AS arrived_at
				FROM monitoring_meter_status s JOIN monitoring_meter m ON m.id = s.meter_id WHERE m.enterprise_id = :e
				""").param("e", enterpriseId).param("now", Gateways.utc(now))
			.query((rs, n) -> new Status(rs.getLong(1), Gateways.instant(rs, "last_ts"), rs.getBigDecimal("last_value").stripTrailingZeros(),
					Gateways.instant(rs, "last_received_at"), Gateways.instant(rs, "arrived_at")))
			.list().forEach(s -> status.put(s.meterId(), s));
		List<MeterState> out = new ArrayList<>();
		for (Meter m : meters.list(enterpriseId)) {
			Status s = status.get(m.id());
			out.add(s == null ? new MeterState(m, null, null, null, false)
					: new MeterState(m, s.lastTs(), s.lastValue(), s.receivedAt(), online(m, s.arrivedAt(), now)));
		}
		return out;
	}

	/**
	 * Online: active, and something arrived from the meter within its offline intervals. Judged by arrival, not by the
	 * readings' timestamps, so that a catch-up delivering old intervals is online while it does.
	 */
	boolean online(Meter m, Instant arrivedAt, Instant now) {
		return m.active() && arrivedAt != null && !arrivedAt.isBefore(now.minus(Duration.ofMinutes((long) m.intervalMinutes() * offlineAfterIntervals)));
	}

	/** Readings received per meter and Beijing day over the last {@code days} days up to today. */
	public List<MeterCompleteness> completeness(long enterpriseId, int days) {
		registry.enterprise(enterpriseId);
		if (days < 1 || days > COMPLETENESS_DAYS_MAX) {
			throw new InvalidInputException("days", "1 to " + COMPLETENESS_DAYS_MAX + " days");
		}
		LocalDate today = today();
		LocalDate first = today.minusDays(days - 1L);
		record Received(long meterId, LocalDate day, int readings) {
		}
		Map<Long, Map<LocalDate, Integer>> received = new HashMap<>();
		jdbc.sql("""
				SELECT r.meter_id, r.period_start, r.readings FROM monitoring_meter m JOIN monitoring_rollup r ON r.meter_id = m.id
				WHERE m.enterprise_id = :e AND r.grain = 'D' AND r.period_start >= :f AND r.period_start < :t
				""").param("e", enterpriseId).param("f", Gateways.utc(start(first))).param("t", Gateways.utc(start(today.plusDays(1))))
			.query((rs, n) -> new Received(rs.getLong(1), Gateways.instant(rs, "period_start").atZone(ReadingIngest.BEIJING).toLocalDate(),
					rs.getInt(3)))
			.list().forEach(r -> received.computeIfAbsent(r.meterId(), k -> new HashMap<>()).put(r.day(), r.readings()));
		Instant now = clock.instant();
		long minutesToday = Duration.between(start(today), now).toMinutes();
		List<MeterCompleteness> out = new ArrayList<>();
		for (Meter m : meters.list(enterpriseId)) {
			List<DayCompleteness> list = new ArrayList<>();
			Map<LocalDate, Integer> byDay = received.getOrDefault(m.id(), Map.of());
			for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
				int got = byDay.getOrDefault(d, 0);
				int expected = d.equals(today) ? (int) (minutesToday / m.intervalMinutes()) : 1440 / m.intervalMinutes();
				if (got == 0 && !start(d.plusDays(1)).isAfter(m.createdAt())) {
					expected = 0; // the meter was registered later: nothing was expected of it that day
				}
				list.add(new DayCompleteness(d, got, expected));
			}
			out.add(new MeterCompleteness(m.id(), m.code(), m.name(), m.intervalMinutes(), list));
		}
		return out;
	}

	// ---- month to date

	private record MonthRow(long enterpriseId, String county, String industry, String energyCode, String unit, BigDecimal quantity) {
	}

	/** Energy of the current Beijing month per enterprise in the caller's scope (or of one enterprise), largest first. */
	public List<EnterpriseMonth> monthToDate(Long enterpriseId) {
		if (enterpriseId != null) {
			registry.enterprise(enterpriseId);
		}
		AccessScope.SqlCondition scope = AccessScope.current().where("m.county_code", "m.park_id", "m.enterprise_id");
		YearMonth month = YearMonth.from(today());
		List<MonthRow> rows = jdbc.sql("""
				SELECT m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit, sum(r.quantity)
				FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE r.grain = 'M' AND r.period_start = :month AND %s AND (CAST(:e AS bigint) IS NULL OR m.enterprise_id = :e)
				GROUP BY m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit
				ORDER BY m.enterprise_id, m.energy_code, m.unit
				""".formatted(scope.sql()))
			.params(scope.params()).param("month", Gateways.utc(start(month.atDay(1)))).param("e", enterpriseId)
			.query((rs, n) -> new MonthRow(rs.getLong(1), rs.getString(2).strip(), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getBigDecimal(6)))
			.list();
		Map<String, EnergyConversions.Conversion> used = new HashMap<>();
		Map<Long, List<EnergyQuantity>> energies = new LinkedHashMap<>();
		Map<Long, MonthRow> owners = new HashMap<>();
		Map<Long, Totals> totals = new HashMap<>();
		for (MonthRow r : rows) {
			EnergyConversions.Conversion c = conversion(used, r.energyCode(), r.unit(), month.getYear());
			BigDecimal tce = c.tce(r.quantity());
			BigDecimal co2 = c.co2T(r.quantity());
			energies.computeIfAbsent(r.enterpriseId(), k -> new ArrayList<>()).add(new EnergyQuantity(r.energyCode(), r.unit(),
					r.quantity().stripTrailingZeros(), Rounding.stored(tce), Rounding.stored(co2)));
			owners.putIfAbsent(r.enterpriseId(), r);
			totals.computeIfAbsent(r.enterpriseId(), k -> new Totals()).add(tce, co2);
		}
		Map<Long, String> names = new HashMap<>();
		if (energies.size() > 20) {
			registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put(e.id(), e.name()));
		}
		return energies.entrySet().stream().map(e -> {
			MonthRow o = owners.get(e.getKey());
			Totals t = totals.get(e.getKey());
			String name = names.computeIfAbsent(e.getKey(), this::name);
			return new EnterpriseMonth(e.getKey(), name, o.county(), o.industry(), month, Rounding.stored(t.tce),
					Rounding.stored(t.co2), e.getValue());
		}).sorted(Comparator.comparing(EnterpriseMonth::tce).reversed()).toList();
	}

	// ---- helpers

	/**
	 * The name of an enterprise whose meters the caller may read. The meters carry a copy of the enterprise's
	 * owner columns; should the registry have moved the enterprise out of the caller's scope since, the view
	 * shows its number rather than failing.
	 */
	private String name(long enterpriseId) {
		try {
			return registry.enterprise(enterpriseId).name();
		}
		catch (org.peakpilot.platform.NotFoundException ex) {
			return "#" + enterpriseId;
		}
	}

	static Instant start(LocalDate day) {
		return day.atStartOfDay(ReadingIngest.BEIJING).toInstant();
	}

	private EnergyConversions.Conversion conversion(Map<String, EnergyConversions.Conversion> used, String energyCode, String unit, int year) {
		return used.computeIfAbsent(energyCode + "|" + unit + "|" + year, k -> conversions.of(energyCode, unit, year));
	}

	private static List<FactorConversion> conversions(Map<String, EnergyConversions.Conversion> used) {
		return used.values().stream().map(Readings::conversion).toList();
	}
}
