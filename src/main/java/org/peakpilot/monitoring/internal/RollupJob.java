package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.peakpilot.monitoring.internal.IntervalQuantities.Exchange;
import org.peakpilot.monitoring.internal.IntervalQuantities.Point;
import org.peakpilot.monitoring.internal.IntervalQuantities.Quantity;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the rollups up to date: takes the meters whose readings changed (monitoring_rollup_pending, claimed with
 * SKIP LOCKED so that several instances share the work) and rolls up a round of them set-wise, a fixed number of
 * statements per round whatever the number of meters.
 * <p>
 * Incrementally: only the quarter hours the new readings touch are rebuilt from the readings (for a COUNTER meter up
 * to the quarter of the next reading, whose register difference they change, starting from the reading before), then
 * the hours holding those quarters from their quarter rows, the days from their hour rows and the months from their
 * day rows, by SQL aggregation (rows with no children left are removed). The stored sums equal a rebuild from the
 * readings because a period's quantity, readings and left-out readings are the sums of its children's, and every
 * quantity of such a meter has at most the six decimals of the quantity column (integral multiplier), so no rounding
 * happens below the day. A meter with a fractional multiplier can have quantities with more decimals, rounded when
 * stored: its quarters, hours and days are rebuilt for the whole Beijing days the new readings touch, from the
 * readings (as before), so that its hour and day rows stay the rounding of the exact sums.
 * <p>
 * Untrusted register differences are left out of the quantities and raised as alarms. A round's claim, rollups and
 * alarms commit together.
 */
@Component
public class RollupJob {

	private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
	static final int METERS_PER_ROUND = 200;
	private static final String ZONE = "'Asia/Shanghai'";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final boolean scheduled;

	RollupJob(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
			@Value("${peakpilot.monitoring.rollup.scheduled:true}") boolean scheduled) {
		this.jdbc = jdbc;
		this.template = template;
		this.tx = tx;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	// No @SchedulerLock on purpose: every instance rolls up at once, each on the meters it claimed with FOR UPDATE
	// SKIP LOCKED (see rollUpPending), so the instances share the work instead of waiting for one another; a round's
	// claim, rollups and alarms commit together, so no meter is rolled up twice for the same readings.
	@Scheduled(fixedDelayString = "${peakpilot.monitoring.rollup.delay:PT5S}", initialDelayString = "PT10S")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			int n = rollUpPending();
			if (n > 0) {
				log.debug("Rolled up {} meters", n);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Rollup round failed, will retry: {}", ex.getMessage());
		}
	}

	/** Rolls up every pending meter; returns how many were processed. */
	public int rollUpPending() {
		int total = 0;
		while (true) {
			Integer n = tx.execute(status -> {
				// Every statement of a round reaches its rows through a key. A plan a pooled connection cached while
				// a month's partition was still empty (not analyzed yet) would scan that whole partition once it
				// fills: on the simulated province the first day of each month took 82 s instead of 4 s to roll up
				// (docs/scale.md). Sequential scans are therefore not planned for the round's statements (which
				// only this job runs, so no other plan is affected).
				jdbc.sql("SET LOCAL enable_seqscan = off").update();
				List<Pending> claimed = jdbc.sql("""
						DELETE FROM monitoring_rollup_pending WHERE meter_id IN (
						    SELECT meter_id FROM monitoring_rollup_pending ORDER BY meter_id LIMIT :n FOR UPDATE SKIP LOCKED)
						RETURNING meter_id, from_ts, to_ts
						""")
					.param("n", METERS_PER_ROUND)
					.query((rs, i) -> new Pending(rs.getLong(1), Gateways.instant(rs, "from_ts"), Gateways.instant(rs, "to_ts"))).list();
				if (!claimed.isEmpty()) {
					template.execute((ConnectionCallback<Void>) con -> {
						rollUp(con, claimed);
						return null;
					});
				}
				return claimed.size();
			});
			if (n == null || n == 0) {
				return total;
			}
			total += n;
		}
	}

	private record Pending(long meterId, Instant from, Instant to) {
	}

	/** Marks a meter's readings from {@code from} on for rollup again (after an exchange was registered). */
	void markPending(long meterId, Instant from, Instant to) {
		jdbc.sql("""
				INSERT INTO monitoring_rollup_pending (meter_id, from_ts, to_ts) VALUES (:m, :f, :t)
				ON CONFLICT (meter_id) DO UPDATE SET from_ts = LEAST(monitoring_rollup_pending.from_ts, EXCLUDED.from_ts),
				    to_ts = GREATEST(monitoring_rollup_pending.to_ts, EXCLUDED.to_ts)
				""").param("m", meterId).param("f", Gateways.utc(from)).param("t", Gateways.utc(to)).update();
	}

	/** One claimed meter of a round: its pending range and the range of its rows rebuilt from the readings. */
	private static final class Work {
		final Meter meter;
		final Instant from;
		final Instant to;
		/** whole days from the readings (fractional multiplier) rather than quarters */
		final boolean wholeDays;
		Instant start;
		Instant end;
		Point previous;
		final List<Point> readings = new ArrayList<>();

		Work(Meter meter, Instant from, Instant to) {
			this.meter = meter;
			this.from = from;
			this.to = to;
			this.wholeDays = meter.multiplier().stripTrailingZeros().scale() > 0;
		}

		/** The rows rebuilt from the readings cover [start, end): the quarters (or days) of the intervals ending in (from, last]. */
		void range(Instant last) {
			start = wholeDays ? dayStart(from) : periodStart(Grain.QUARTER, from);
			end = wholeDays ? dayStart(last).plus(1, ChronoUnit.DAYS) : periodStart(Grain.QUARTER, last).plus(15, ChronoUnit.MINUTES);
		}
	}

	private void rollUp(Connection con, List<Pending> claimed) throws SQLException {
		Map<Long, Meter> found = new HashMap<>();
		try (PreparedStatement ps = con.prepareStatement("SELECT * FROM monitoring_meter WHERE id = ANY (?)")) {
			ps.setArray(1, longs(con, claimed.stream().map(Pending::meterId).toList()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Meter m = Meters.meter(rs, 0);
					found.put(m.id(), m);
				}
			}
		}
		Map<Long, Work> work = new LinkedHashMap<>();
		for (Pending p : claimed) {
			Meter m = found.get(p.meterId());
			if (m != null) {
				work.put(m.id(), new Work(m, p.from(), p.to()));
			}
		}
		if (work.isEmpty()) {
			return;
		}
		List<Work> counters = work.values().stream().filter(w -> w.meter.kind() != MeterKind.INTERVAL).toList();
		for (Work w : work.values()) {
			w.range(w.to);
		}
		if (!counters.isEmpty()) {
			// the next reading after the range (its difference changes), and the reading the first difference starts from
			try (PreparedStatement ps = con.prepareStatement("""
					SELECT r.meter_id, n.ts AS next_ts, p.ts AS prev_ts, p.value AS prev_value
					FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, to_ts, start_ts)
					LEFT JOIN LATERAL (SELECT ts FROM monitoring_reading WHERE meter_id = r.meter_id AND ts > r.to_ts::timestamptz
					                   ORDER BY ts LIMIT 1) n ON true
					LEFT JOIN LATERAL (SELECT ts, value FROM monitoring_reading WHERE meter_id = r.meter_id AND ts <= r.start_ts::timestamptz
					                   ORDER BY ts DESC LIMIT 1) p ON true
					""")) {
				ps.setArray(1, longs(con, counters.stream().map(w -> w.meter.id()).toList()));
				ps.setArray(2, texts(con, counters.stream().map(w -> w.to.toString()).toList()));
				ps.setArray(3, texts(con, counters.stream().map(w -> w.start.toString()).toList()));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						Work w = work.get(rs.getLong("meter_id"));
						Instant next = Gateways.instant(rs, "next_ts");
						w.range(next == null ? w.to : next);
						Instant prev = Gateways.instant(rs, "prev_ts");
						w.previous = prev == null ? null : new Point(prev, rs.getBigDecimal("prev_value"));
					}
				}
			}
		}
		List<Work> all = new ArrayList<>(work.values());
		try (PreparedStatement ps = con.prepareStatement("""
				SELECT r.meter_id, g.ts, g.value FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, s, e)
				JOIN LATERAL (SELECT ts, value FROM monitoring_reading
				              WHERE meter_id = r.meter_id AND ts > r.s::timestamptz AND ts <= r.e::timestamptz) g ON true
				ORDER BY 1, 2
				""")) {
			ps.setArray(1, longs(con, all.stream().map(w -> w.meter.id()).toList()));
			ps.setArray(2, texts(con, all.stream().map(w -> w.start.toString()).toList()));
			ps.setArray(3, texts(con, all.stream().map(w -> w.end.toString()).toList()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					work.get(rs.getLong(1)).readings.add(new Point(Gateways.instant(rs, "ts"), rs.getBigDecimal("value")));
				}
			}
		}
		Map<Long, List<Exchange>> exchanges = new HashMap<>();
		if (!counters.isEmpty()) {
			try (PreparedStatement ps = con.prepareStatement("""
					SELECT meter_id, replaced_at, old_final, new_initial FROM monitoring_meter_replacement
					WHERE meter_id = ANY (?) ORDER BY meter_id, replaced_at
					""")) {
				ps.setArray(1, longs(con, counters.stream().map(w -> w.meter.id()).toList()));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						exchanges.computeIfAbsent(rs.getLong("meter_id"), k -> new ArrayList<>()).add(new Exchange(
								Gateways.instant(rs, "replaced_at"), rs.getBigDecimal("old_final"), rs.getBigDecimal("new_initial")));
					}
				}
			}
		}

		Rows rows = new Rows();
		List<Object[]> alarms = new ArrayList<>();
		Instant now = clock.instant();
		for (Work w : all) {
			Meter m = w.meter;
			List<Quantity> quantities = IntervalQuantities.of(m, w.previous, w.readings, exchanges.getOrDefault(m.id(), List.of()));
			List<Grain> grains = w.wholeDays ? List.of(Grain.QUARTER, Grain.HOUR, Grain.DAY) : List.of(Grain.QUARTER);
			for (Grain g : grains) {
				Map<Instant, Bucket> byStart = new TreeMap<>();
				for (Quantity q : quantities) {
					byStart.computeIfAbsent(periodStart(g, q.ts()), k -> new Bucket()).add(q);
				}
				byStart.forEach((start, b) -> rows.add(m.id(), g, start, b));
			}
			for (Quantity q : quantities) {
				if (q.anomaly() != null) {
					alarms.add(new Object[] { m.enterpriseId(), m.countyCode(), m.parkId(), m.industryCode(), m.id(), q.anomaly().name(),
							Gateways.utc(q.ts()), q.detail(), Gateways.utc(now) });
				}
			}
		}

		// the rows rebuilt from the readings: removed in their ranges (a period may have lost its readings), then inserted
		List<Work> quarters = all.stream().filter(w -> !w.wholeDays).toList();
		List<Work> days = all.stream().filter(w -> w.wholeDays).toList();
		deleteRange(con, "grain = 'Q'", quarters);
		deleteRange(con, "grain IN ('Q','H','D')", days);
		rows.insert(con);

		// hours from their quarters, days from their hours, months from their days
		List<Period> hours = new ArrayList<>();
		List<Period> dayPeriods = new ArrayList<>();
		List<Period> months = new ArrayList<>();
		for (Work w : all) {
			Instant dayFrom = dayFloor(w.start);
			Instant dayTo = dayStart(w.end).plus(1, ChronoUnit.DAYS);
			if (!w.wholeDays) {
				hours.add(new Period(w.meter.id(), hourFloor(w.start), periodStart(Grain.HOUR, w.end).plus(1, ChronoUnit.HOURS)));
				dayPeriods.add(new Period(w.meter.id(), dayFrom, dayTo));
			}
			months.add(new Period(w.meter.id(), monthFloor(dayFrom),
					monthStart(dayTo).atZone(ReadingIngest.BEIJING).plusMonths(1).toInstant()));
		}
		aggregate(con, 'Q', 'H', "hour", hours);
		aggregate(con, 'H', 'D', "day", dayPeriods);
		aggregate(con, 'D', 'M', "month", months);

		if (!alarms.isEmpty()) {
			template.batchUpdate("""
					INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail, raised_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
					""", alarms);
		}
		// last_arrival_at: the latest arrival of any reading, a resent old interval too (offline is judged by arrival)
		try (PreparedStatement ps = con.prepareStatement("""
				INSERT INTO monitoring_meter_status (meter_id, last_ts, last_value, last_received_at, last_arrival_at)
				SELECT r.meter_id, l.ts, l.value, l.received_at, GREATEST(l.received_at, (SELECT max(received_at) FROM monitoring_reading
				       WHERE meter_id = r.meter_id AND ts >= r.f::timestamptz AND ts <= r.t::timestamptz))
				FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, f, t)
				JOIN LATERAL (SELECT ts, value, received_at FROM monitoring_reading WHERE meter_id = r.meter_id ORDER BY ts DESC LIMIT 1) l ON true
				ORDER BY r.meter_id
				ON CONFLICT (meter_id) DO UPDATE SET last_ts = EXCLUDED.last_ts, last_value = EXCLUDED.last_value,
				    last_received_at = EXCLUDED.last_received_at,
				    last_arrival_at = GREATEST(monitoring_meter_status.last_arrival_at, EXCLUDED.last_arrival_at)
				""")) {
			ps.setArray(1, longs(con, all.stream().map(w -> w.meter.id()).toList()));
			ps.setArray(2, texts(con, all.stream().map(w -> w.from.toString()).toList()));
			ps.setArray(3, texts(con, all.stream().map(w -> w.to.toString()).toList()));
			ps.executeUpdate();
		}
	}

	private record Period(long meterId, Instant start, Instant end) {
	}

	private static void deleteRange(Connection con, String grains, List<Work> ranges) throws SQLException {
		if (ranges.isEmpty()) {
			return;
		}
		try (PreparedStatement ps = con.prepareStatement("""
				DELETE FROM monitoring_rollup x USING unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, s, e)
				WHERE x.meter_id = r.meter_id AND x.%s AND x.period_start >= r.s::timestamptz AND x.period_start < r.e::timestamptz
				""".formatted(grains))) {
			ps.setArray(1, longs(con, ranges.stream().map(w -> w.meter.id()).toList()));
			ps.setArray(2, texts(con, ranges.stream().map(w -> w.start.toString()).toList()));
			ps.setArray(3, texts(con, ranges.stream().map(w -> w.end.toString()).toList()));
			ps.executeUpdate();
		}
	}

	/**
	 * Rebuilds the {@code parent} rows of the periods in each range from their {@code child} rows (sums of quantity,
	 * readings and left-out readings): the parent rows in the ranges are deleted and inserted again from their
	 * children, so a parent row without children left disappears with no further statement.
	 * <p>
	 * Before, the rows were upserted and the childless ones deleted with a NOT EXISTS over the children; on the
	 * simulated province (docs/scale.md) the planner turned that NOT EXISTS into a hash anti join over every
	 * partition's quarter rows when the statistics of the older partitions were missing (not yet analyzed), and
	 * each round of 200 meters took 10 s and more on the first day of a new month. Both statements here join the
	 * ranges to the key (meter, grain, period) and need no estimate of the children.
	 */
	private static void aggregate(Connection con, char child, char parent, String unit, List<Period> ranges) throws SQLException {
		if (ranges.isEmpty()) {
			return;
		}
		String parentStart = "date_trunc('%s', c.period_start AT TIME ZONE %s) AT TIME ZONE %s".formatted(unit, ZONE, ZONE);
		try (PreparedStatement delete = con.prepareStatement("""
				DELETE FROM monitoring_rollup p USING unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, s, e)
				WHERE p.meter_id = r.meter_id AND p.grain = '%s' AND p.period_start >= r.s::timestamptz AND p.period_start < r.e::timestamptz
				""".formatted(parent));
				PreparedStatement insert = con.prepareStatement("""
						INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
						SELECT c.meter_id, '%s', %s, sum(c.quantity), sum(c.readings), sum(c.excluded)
						FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r(meter_id, s, e)
						JOIN monitoring_rollup c ON c.meter_id = r.meter_id AND c.grain = '%s'
						     AND c.period_start >= r.s::timestamptz AND c.period_start < r.e::timestamptz
						GROUP BY 1, 3 ORDER BY 1, 3
						""".formatted(parent, parentStart, child))) {
			for (PreparedStatement ps : List.of(delete, insert)) {
				ps.setArray(1, longs(con, ranges.stream().map(Period::meterId).toList()));
				ps.setArray(2, texts(con, ranges.stream().map(p -> p.start().toString()).toList()));
				ps.setArray(3, texts(con, ranges.stream().map(p -> p.end().toString()).toList()));
				ps.executeUpdate();
			}
		}
	}

	/** Rollup rows computed from the readings, inserted with one statement. */
	private static final class Rows {
		final List<Long> meters = new ArrayList<>();
		final List<String> grains = new ArrayList<>();
		final List<String> starts = new ArrayList<>();
		final List<String> quantities = new ArrayList<>();
		final List<Integer> readings = new ArrayList<>();
		final List<Integer> excluded = new ArrayList<>();

		void add(long meter, Grain g, Instant start, Bucket b) {
			meters.add(meter);
			grains.add(String.valueOf(g.code));
			starts.add(start.toString());
			quantities.add(b.quantity.toPlainString());
			readings.add(b.readings);
			excluded.add(b.excluded);
		}

		void insert(Connection con) throws SQLException {
			if (meters.isEmpty()) {
				return;
			}
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
					SELECT r.m, r.g, r.p::timestamptz, r.q::numeric, r.n, r.x
					FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[]) AS r(m, g, p, q, n, x)
					""")) {
				ps.setArray(1, longs(con, meters));
				ps.setArray(2, texts(con, grains));
				ps.setArray(3, texts(con, starts));
				ps.setArray(4, texts(con, quantities));
				ps.setArray(5, con.createArrayOf("int4", readings.toArray()));
				ps.setArray(6, con.createArrayOf("int4", excluded.toArray()));
				ps.executeUpdate();
			}
		}
	}

	private static Array longs(Connection con, List<Long> values) throws SQLException {
		return con.createArrayOf("bigint", values.toArray());
	}

	private static Array texts(Connection con, List<String> values) throws SQLException {
		return con.createArrayOf("text", values.toArray());
	}

	/** The quantity, readings and left-out readings of one period. */
	private static final class Bucket {
		BigDecimal quantity = BigDecimal.ZERO;
		int readings;
		int excluded;

		void add(Quantity q) {
			readings++;
			if (q.quantity() != null) {
				quantity = quantity.add(q.quantity());
			}
			else if (q.anomaly() != null) {
				excluded++;
			}
		}
	}

	/** The start of the period of a grain that holds the interval ending at {@code ts} (Beijing time). */
	static Instant periodStart(Grain grain, Instant ts) {
		Instant inside = ts.minusNanos(1000);
		return switch (grain) {
			case QUARTER -> Instant.ofEpochSecond(Math.floorDiv(inside.getEpochSecond(), 900) * 900);
			case HOUR -> Instant.ofEpochSecond(Math.floorDiv(inside.getEpochSecond(), 3600) * 3600);
			case DAY -> dayStart(ts);
			case MONTH -> monthStart(ts);
		};
	}

	/** The start of the Beijing day holding the interval ending at {@code ts}. */
	static Instant dayStart(Instant ts) {
		LocalDate d = ts.minusNanos(1000).atZone(ReadingIngest.BEIJING).toLocalDate();
		return d.atStartOfDay(ReadingIngest.BEIJING).toInstant();
	}

	static Instant monthStart(Instant ts) {
		LocalDate d = ts.minusNanos(1000).atZone(ReadingIngest.BEIJING).toLocalDate().withDayOfMonth(1);
		return d.atStartOfDay(ReadingIngest.BEIJING).toInstant();
	}

	/** The start of the hour holding the instant {@code t}. */
	private static Instant hourFloor(Instant t) {
		return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
	}

	/** The start of the Beijing day holding the instant {@code t}. */
	private static Instant dayFloor(Instant t) {
		return t.atZone(ReadingIngest.BEIJING).toLocalDate().atStartOfDay(ReadingIngest.BEIJING).toInstant();
	}

	/** The start of the Beijing month holding the instant {@code t}. */
	private static Instant monthFloor(Instant t) {
		return t.atZone(ReadingIngest.BEIJING).toLocalDate().withDayOfMonth(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
	}
}
