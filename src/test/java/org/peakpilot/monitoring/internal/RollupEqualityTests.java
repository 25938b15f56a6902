package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.IntervalQuantities.Exchange;
import org.peakpilot.monitoring.internal.IntervalQuantities.Point;
import org.peakpilot.monitoring.internal.IntervalQuantities.Quantity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental, set-wise rollup job stores exactly what a rebuild from scratch stores: random histories of
 * INTERVAL and COUNTER meters (several readings per quarter, integral and fractional multipliers, a rollover value,
 * registers going backwards and jumping, exchanges) delivered in random batches (in order, out-of-order back-fills,
 * resends, corrections), across a Beijing day and month boundary, rolled up after random batches; then every rollup
 * row, alarm and meter status is compared with (1) the job before the change (a copy below: per meter, whole Beijing
 * days rebuilt from the readings, months from the days) run once over each meter's whole range on empty rollups, and
 * (2) the job itself run over the whole range on empty rollups.
 */
@SpringBootTest(properties = { "peakpilot.test.schema=pp_rollup_equality", "peakpilot.monitoring.rollup.scheduled=false" })
class RollupEqualityTests {

	static final Instant START = Instant.parse("2026-11-30T08:00:00Z"); // 16:00 Beijing, 8 hours before December

	@Autowired
	RollupJob job;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Test
	void incrementalRollupsEqualARebuildFromScratchRowByRow() {
		for (int seed = 1; seed <= 6; seed++) {
			history(seed);
		}
	}

	record Spec(String kind, int interval, String multiplier, String max, String counterMax) {
	}

	void history(int seed) {
		Random random = new Random(seed);
		long enterprise = 9_900_000L + seed;
		List<Spec> specs = List.of(new Spec("INTERVAL", 15, "1", "1000", null), new Spec("INTERVAL", 5, "2", "1000", null),
				new Spec("INTERVAL", 15, "0.333", "1000", null), new Spec("COUNTER", 15, "10", "5000", "100000"),
				new Spec("COUNTER", 5, "1", "400", null), new Spec("COUNTER", 15, "0.5", "300", null));
		List<Long> meters = new ArrayList<>();
		List<Long> twins = new ArrayList<>();
		for (int i = 0; i < 2 * specs.size(); i++) {
			Spec s = specs.get(i % specs.size());
			(i < specs.size() ? meters : twins).add(jdbc.sql("""
					INSERT INTO monitoring_meter (enterprise_id, county_code, industry_code, code, name, energy_code, unit, kind, multiplier,
					    interval_minutes, max_per_interval, counter_max, created_by, created_at, updated_at)
					VALUES (:e, '990000', '3011', :code, :code, 'ELECTRICITY', 'kWh', :kind, :mult, :interval, :max, :cmax, 'test', now(), now())
					RETURNING id""").param("e", enterprise).param("code", "M" + i).param("kind", s.kind())
				.param("mult", new BigDecimal(s.multiplier())).param("interval", s.interval()).param("max", new BigDecimal(s.max()))
				.param("cmax", s.counterMax() == null ? null : new BigDecimal(s.counterMax())).query(Long.class).single());
		}
		// every meter's readings over ~40 hours (gaps left out), then delivered in random batches
		List<Delivery> deliveries = new ArrayList<>();
		for (int i = 0; i < specs.size(); i++) {
			Spec s = specs.get(i);
			long meter = meters.get(i);
			List<Delivery> own = new ArrayList<>();
			BigDecimal register = new BigDecimal(random.nextInt(90_000)).add(BigDecimal.valueOf(random.nextInt(1_000_000), 6));
			int steps = 40 * 60 / s.interval();
			for (int k = 1; k <= steps; k++) {
				Instant ts = START.plus((long) k * s.interval(), ChronoUnit.MINUTES);
				if (random.nextInt(10) == 0) {
					continue; // a gap
				}
				BigDecimal value;
				if (s.kind().equals("INTERVAL")) {
					value = BigDecimal.valueOf(random.nextInt(50_000_000), 6);
				}
				else {
					int r = random.nextInt(40);
					BigDecimal step = r == 0 ? BigDecimal.valueOf(-random.nextInt(5_000_000), 6) // backwards
							: r == 1 ? BigDecimal.valueOf(5_000 + random.nextInt(45_000)) // a jump
									: BigDecimal.valueOf(random.nextInt(30_000_000), 6);
					register = register.add(step);
					if (s.counterMax() != null && register.compareTo(new BigDecimal(s.counterMax())) >= 0) {
						register = register.subtract(new BigDecimal(s.counterMax())); // rolled over
					}
					if (register.signum() < 0) {
						register = BigDecimal.ZERO.setScale(6);
					}
					value = register;
				}
				own.add(new Delivery(meter, ts, value, null));
			}
			// batches: mostly in order, some held back and delivered later (back-fills), some resent, some corrected
			List<Delivery> late = new ArrayList<>();
			for (Delivery d : own) {
				if (random.nextInt(8) == 0) {
					late.add(d);
				}
				else {
					deliveries.add(d);
				}
				if (random.nextInt(25) == 0) {
					deliveries.add(d); // resent
				}
				if (random.nextInt(30) == 0) {
					deliveries.add(new Delivery(d.meter(), d.ts(), d.value().add(BigDecimal.valueOf(random.nextInt(3_000_000) - 1_000_000, 6)).abs(),
							"correction"));
				}
			}
			Collections.shuffle(late, random);
			deliveries.addAll(late);
			if (s.kind().equals("COUNTER")) {
				// an exchange between two readings of the second day, the new register starting low
				Delivery at = own.get(own.size() * 2 / 3);
				deliveries.add(new Delivery(meter, at.ts().minus(s.interval() / 2 == 0 ? 1 : s.interval() / 2, ChronoUnit.MINUTES)
					.minusSeconds(30), at.value().subtract(BigDecimal.ONE).max(BigDecimal.ZERO), "exchange"));
			}
		}
		// interleave the meters' streams keeping each meter's order
		List<Delivery> stream = interleave(deliveries, meters, random);
		for (int from = 0; from < stream.size();) {
			int to = Math.min(stream.size(), from + 1 + random.nextInt(60));
			for (Delivery d : stream.subList(from, to)) {
				boolean resend = random.nextBoolean();
				deliver(d, resend);
				deliver(new Delivery(twins.get(meters.indexOf(d.meter())), d.ts(), d.value(), d.what()), resend);
			}
			if (random.nextInt(10) < 7) {
				rollUpBoth(twins);
			}
			from = to;
		}
		rollUpBoth(twins);
		String meterList = meters.toString().replace("[", "(").replace("]", ")");
		List<String> incremental = snapshot(meters, true);
		// the same history rolled up by the former job, round by round: the same rows, alarms (their details too) and statuses
		assertThat(snapshot(twins, true)).as("seed %d: the incremental job against the former job on the same history", seed)
			.containsExactlyElementsOf(incremental);
		// from scratch, alarms differ by design (the first detail raised for a meter, kind and time stays), so not compared
		incremental = snapshot(meters, false);
		assertThat(incremental).as("seed %d: rows", seed).hasSizeGreaterThan(specs.size() * 100);
		assertThat(snapshot(meters, true)).as("seed %d: anomalies raised", seed).anyMatch(r -> r.startsWith("alarm"));
		assertThat(incremental).as("seed %d: left-out readings counted", seed).anyMatch(r -> r.matches("rollup .* [1-9]\\d*$"));

		// (1) the job before the change, once over each meter's whole range
		clear(meterList);
		for (long meter : meters) {
			Meter m = jdbc.sql("SELECT * FROM monitoring_meter WHERE id = :id").param("id", meter).query(Meters::meter).single();
			Instant first = jdbc.sql("SELECT min(ts) FROM monitoring_reading WHERE meter_id = :m").param("m", meter)
				.query((rs, n) -> Gateways.instant(rs, "min")).single();
			Instant last = jdbc.sql("SELECT max(ts) FROM monitoring_reading WHERE meter_id = :m").param("m", meter)
				.query((rs, n) -> Gateways.instant(rs, "max")).single();
			formerRollUp(m, first, last);
		}
		assertThat(snapshot(meters, false)).as("seed %d: the incremental job against the former job over the whole range", seed)
			.containsExactlyElementsOf(incremental);

		// (2) the job itself over the whole range
		clear(meterList);
		jdbc.sql("""
				INSERT INTO monitoring_rollup_pending (meter_id, from_ts, to_ts)
				SELECT meter_id, min(ts), max(ts) FROM monitoring_reading WHERE meter_id IN %s GROUP BY meter_id""".formatted(meterList)).update();
		job.rollUpPending();
		assertThat(snapshot(meters, false)).as("seed %d: the incremental job against itself over the whole range", seed)
			.containsExactlyElementsOf(incremental);
	}

	record Delivery(long meter, Instant ts, BigDecimal value, String what) {
	}

	static List<Delivery> interleave(List<Delivery> all, List<Long> meters, Random random) {
		Map<Long, List<Delivery>> per = new TreeMap<>();
		all.forEach(d -> per.computeIfAbsent(d.meter(), k -> new ArrayList<>()).add(d));
		List<Delivery> out = new ArrayList<>();
		int[] next = new int[meters.size()];
		while (out.size() < all.size()) {
			int i = random.nextInt(meters.size());
			List<Delivery> own = per.getOrDefault(meters.get(i), List.of());
			int n = 1 + random.nextInt(20);
			while (n-- > 0 && next[i] < own.size()) {
				out.add(own.get(next[i]++));
			}
		}
		return out;
	}

	/** The job on the pending meters but the twins, the former job on the twins (claimed here as the former job did). */
	void rollUpBoth(List<Long> twins) {
		List<Object[]> claimed = jdbc.sql("DELETE FROM monitoring_rollup_pending WHERE meter_id IN %s RETURNING meter_id, from_ts, to_ts"
			.formatted(twins.toString().replace("[", "(").replace("]", ")")))
			.query((rs, n) -> new Object[] { rs.getLong(1), Gateways.instant(rs, "from_ts"), Gateways.instant(rs, "to_ts") }).list();
		job.rollUpPending();
		for (Object[] c : claimed) {
			Meter m = jdbc.sql("SELECT * FROM monitoring_meter WHERE id = :id").param("id", c[0]).query(Meters::meter).single();
			formerRollUp(m, (Instant) c[1], (Instant) c[2]);
		}
	}

	void deliver(Delivery d, boolean resend) {
		Instant mark = d.ts();
		if ("exchange".equals(d.what())) {
			// as Readings.registerExchange: the exchange, and the readings from it on pending
			jdbc.sql("""
					INSERT INTO monitoring_meter_replacement (meter_id, replaced_at, old_final, new_initial, reason, created_by, created_at)
					VALUES (:m, :at, :old, :new, 'test', 'test', now())""").param("m", d.meter()).param("at", Gateways.utc(d.ts()))
				.param("old", d.value()).param("new", d.value().subtract(new BigDecimal("2.5")).max(BigDecimal.ZERO)).update();
			pending(d.meter(), d.ts(), d.ts());
			return;
		}
		if ("correction".equals(d.what())) {
			int n = jdbc.sql("UPDATE monitoring_reading SET value = :v, received_at = now() WHERE meter_id = :m AND ts = :ts")
				.param("v", d.value()).param("m", d.meter()).param("ts", Gateways.utc(d.ts())).update();
			if (n > 0) {
				pending(d.meter(), mark, mark);
			}
			return;
		}
		int n = jdbc.sql("INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at) VALUES (:m, :ts, :v, 'H', now()) ON CONFLICT DO NOTHING")
			.param("m", d.meter()).param("ts", Gateways.utc(d.ts())).param("v", d.value()).update();
		if (n > 0 || resend) {
			pending(d.meter(), mark, mark);
		}
	}

	void pending(long meter, Instant from, Instant to) {
		job.markPending(meter, from, to);
	}

	void clear(String meterList) {
		jdbc.sql("DELETE FROM monitoring_rollup WHERE meter_id IN " + meterList).update();
		jdbc.sql("DELETE FROM monitoring_alarm WHERE meter_id IN " + meterList).update();
		jdbc.sql("DELETE FROM monitoring_meter_status WHERE meter_id IN " + meterList).update();
	}

	/** Every rollup row, alarm (if asked) and status of the meters, each meter named by its place in the list. */
	List<String> snapshot(List<Long> meters, boolean alarms) {
		String list = meters.toString().replace("[", "(").replace("]", ")");
		String place = "array_position(ARRAY%s::bigint[], meter_id)".formatted(meters);
		List<String> rows = new ArrayList<>(jdbc.sql("""
				SELECT 'rollup ' || %s || ' ' || grain || ' ' || period_start || ' ' || quantity::text || ' ' || readings || ' ' || excluded
				FROM monitoring_rollup WHERE meter_id IN %s ORDER BY 1""".formatted(place, list)).query(String.class).list());
		if (alarms) {
			rows.addAll(jdbc.sql("""
					SELECT 'alarm ' || %s || ' ' || kind || ' ' || period_ts || ' ' || detail || ' ' || status
					FROM monitoring_alarm WHERE meter_id IN %s ORDER BY 1""".formatted(place, list)).query(String.class).list());
		}
		rows.addAll(jdbc.sql("""
				SELECT 'status ' || %s || ' ' || last_ts || ' ' || last_value::text
				FROM monitoring_meter_status WHERE meter_id IN %s ORDER BY 1""".formatted(place, list)).query(String.class).list());
		return rows;
	}

	// ---- the rollup of one meter before the change (RollupJob.rollUp as of commit 2dd1dc1), the reference ----

	void formerRollUp(Meter m, Instant from, Instant to) {
		Instant end = to;
		if (m.kind() == MeterKind.COUNTER) {
			end = jdbc.sql("SELECT ts FROM monitoring_reading WHERE meter_id = :m AND ts > :t ORDER BY ts LIMIT 1").param("m", m.id())
				.param("t", Gateways.utc(to)).query((rs, n) -> Gateways.instant(rs, "ts")).optional().orElse(to);
		}
		Instant rangeStart = RollupJob.dayStart(from);
		Instant rangeEnd = RollupJob.dayStart(end).plus(1, ChronoUnit.DAYS);
		Point previous = m.kind() == MeterKind.INTERVAL ? null : jdbc.sql("""
				SELECT ts, value FROM monitoring_reading WHERE meter_id = :m AND ts <= :s ORDER BY ts DESC LIMIT 1
				""").param("m", m.id()).param("s", Gateways.utc(rangeStart))
			.query((rs, n) -> new Point(Gateways.instant(rs, "ts"), rs.getBigDecimal("value"))).optional().orElse(null);
		List<Point> readings = jdbc.sql("SELECT ts, value FROM monitoring_reading WHERE meter_id = :m AND ts > :s AND ts <= :e ORDER BY ts")
			.param("m", m.id()).param("s", Gateways.utc(rangeStart)).param("e", Gateways.utc(rangeEnd))
			.query((rs, n) -> new Point(Gateways.instant(rs, "ts"), rs.getBigDecimal("value"))).list();
		List<Exchange> exchanges = m.kind() == MeterKind.INTERVAL ? List.of() : jdbc.sql("""
				SELECT replaced_at, old_final, new_initial FROM monitoring_meter_replacement WHERE meter_id = :m ORDER BY replaced_at
				""").param("m", m.id())
			.query((rs, n) -> new Exchange(Gateways.instant(rs, "replaced_at"), rs.getBigDecimal("old_final"), rs.getBigDecimal("new_initial")))
			.list();
		List<Quantity> quantities = IntervalQuantities.of(m, previous, readings, exchanges);
		Map<Grain, Map<Instant, BigDecimal[]>> buckets = Map.of(Grain.QUARTER, new TreeMap<>(), Grain.HOUR, new TreeMap<>(), Grain.DAY,
				new TreeMap<>());
		for (Quantity q : quantities) {
			for (Grain g : buckets.keySet()) {
				BigDecimal[] b = buckets.get(g).computeIfAbsent(RollupJob.periodStart(g, q.ts()),
						k -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
				b[1] = b[1].add(BigDecimal.ONE);
				if (q.quantity() != null) {
					b[0] = b[0].add(q.quantity());
				}
				else if (q.anomaly() != null) {
					b[2] = b[2].add(BigDecimal.ONE);
				}
			}
		}
		jdbc.sql("DELETE FROM monitoring_rollup WHERE meter_id = :m AND grain IN ('Q','H','D') AND period_start >= :s AND period_start < :e")
			.param("m", m.id()).param("s", Gateways.utc(rangeStart)).param("e", Gateways.utc(rangeEnd)).update();
		List<Object[]> rows = new ArrayList<>();
		buckets.forEach((grain, byStart) -> byStart.forEach((start, b) -> rows.add(new Object[] { m.id(), String.valueOf(grain.code),
				Gateways.utc(start), b[0], b[1].intValueExact(), b[2].intValueExact() })));
		template.batchUpdate("INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded) VALUES (?, ?, ?, ?, ?, ?)", rows);
		Instant monthFrom = RollupJob.monthStart(rangeStart);
		Instant monthTo = RollupJob.monthStart(rangeEnd.minusNanos(1000)).atZone(ReadingIngest.BEIJING).plusMonths(1).toInstant();
		jdbc.sql("DELETE FROM monitoring_rollup WHERE meter_id = :m AND grain = 'M' AND period_start >= :s AND period_start < :e")
			.param("m", m.id()).param("s", Gateways.utc(monthFrom)).param("e", Gateways.utc(monthTo)).update();
		jdbc.sql("""
				INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
				SELECT meter_id, 'M', date_trunc('month', period_start AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
				       sum(quantity), sum(readings), sum(excluded)
				FROM monitoring_rollup WHERE meter_id = :m AND grain = 'D' AND period_start >= :s AND period_start < :e GROUP BY 1, 3
				""").param("m", m.id()).param("s", Gateways.utc(monthFrom)).param("e", Gateways.utc(monthTo)).update();
		for (Quantity q : quantities) {
			if (q.anomaly() != null) {
				jdbc.sql("""
						INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail, raised_at)
						VALUES (:e, :county, :park, :industry, :m, :kind, :ts, :detail, now()) ON CONFLICT DO NOTHING
						""")
					.param("e", m.enterpriseId()).param("county", m.countyCode()).param("park", m.parkId()).param("industry", m.industryCode())
					.param("m", m.id()).param("kind", q.anomaly().name()).param("ts", Gateways.utc(q.ts())).param("detail", q.detail()).update();
			}
		}
		jdbc.sql("""
				INSERT INTO monitoring_meter_status (meter_id, last_ts, last_value, last_received_at, last_arrival_at)
				SELECT meter_id, ts, value, received_at, GREATEST(received_at, (SELECT max(received_at) FROM monitoring_reading
				       WHERE meter_id = :m AND ts >= :f AND ts <= :t))
				FROM monitoring_reading WHERE meter_id = :m ORDER BY ts DESC LIMIT 1
				ON CONFLICT (meter_id) DO UPDATE SET last_ts = EXCLUDED.last_ts, last_value = EXCLUDED.last_value,
				    last_received_at = EXCLUDED.last_received_at,
				    last_arrival_at = GREATEST(monitoring_meter_status.last_arrival_at, EXCLUDED.last_arrival_at)
				""").param("m", m.id()).param("f", Gateways.utc(from)).param("t", Gateways.utc(to)).update();
	}

	@Test
	void aFractionalMultiplierWouldRoundDifferentlyPerQuarterThanPerDay() {
		// why such meters are rebuilt by whole days: the sum of the rounded quarters is not the rounding of the sum
		BigDecimal q = new BigDecimal("0.000001").multiply(new BigDecimal("0.5"));
		BigDecimal roundedSum = q.add(q).setScale(6, RoundingMode.HALF_UP);
		BigDecimal sumOfRounded = q.setScale(6, RoundingMode.HALF_UP).add(q.setScale(6, RoundingMode.HALF_UP));
		assertThat(roundedSum).isNotEqualByComparingTo(sumOfRounded);
		assertThat(LocalDate.ofInstant(START, ReadingIngest.BEIJING)).isEqualTo(LocalDate.parse("2026-11-30"));
	}
}
