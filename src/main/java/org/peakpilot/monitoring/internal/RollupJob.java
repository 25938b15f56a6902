package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.monitoring.internal.IntervalQuantities.Exchange;
import org.peakpilot.monitoring.internal.IntervalQuantities.Point;
import org.peakpilot.monitoring.internal.IntervalQuantities.Quantity;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the rollups up to date: takes the meters whose readings changed (monitoring_rollup_pending, claimed with
 * SKIP LOCKED so that several instances share the work), and for each rebuilds the quarter-hour, hour and day
 * rollups of the whole Beijing days its new readings touch (and of the day of the next reading, whose register
 * difference they change), then the months from the days. Untrusted register differences are left out of the
 * quantities and raised as alarms. A meter's claim, rollups and alarms commit together.
 */
@Component
public class RollupJob {

	private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
	private static final int METERS_PER_ROUND = 100;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate tx;
	private final Meters meters;
	private final Clock clock;
	private final boolean scheduled;

	RollupJob(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Meters meters, Clock clock,
			@Value("${peakpilot.monitoring.rollup.scheduled:true}") boolean scheduled) {
		this.jdbc = jdbc;
		this.template = template;
		this.tx = tx;
		this.meters = meters;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	// No @SchedulerLock on purpose: every instance rolls up at once, each on the meters it claimed with FOR UPDATE
	// SKIP LOCKED (see rollUpPending), so the instances share the work instead of waiting for one another; a meter's
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
				List<Pending> claimed = jdbc.sql("""
						DELETE FROM monitoring_rollup_pending WHERE meter_id IN (
						    SELECT meter_id FROM monitoring_rollup_pending ORDER BY meter_id LIMIT :n FOR UPDATE SKIP LOCKED)
						RETURNING meter_id, from_ts, to_ts
						""")
					.param("n", METERS_PER_ROUND)
					.query((rs, i) -> new Pending(rs.getLong(1), Gateways.instant(rs, "from_ts"), Gateways.instant(rs, "to_ts"))).list();
				for (Pending p : claimed) {
					meters.find(p.meterId()).ifPresent(m -> rollUp(m, p.from(), p.to()));
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

	private void rollUp(Meter m, Instant from, Instant to) {
		Instant end = to;
		if (m.kind() == MeterKind.COUNTER) {
			end = jdbc.sql("SELECT ts FROM monitoring_reading WHERE meter_id = :m AND ts > :t ORDER BY ts LIMIT 1").param("m", m.id())
				.param("t", Gateways.utc(to)).query((rs, n) -> Gateways.instant(rs, "ts")).optional().orElse(to);
		}
		Instant rangeStart = dayStart(from);
		Instant rangeEnd = dayStart(end).plus(1, ChronoUnit.DAYS);
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

		Map<Grain, Map<Instant, Bucket>> buckets = Map.of(Grain.QUARTER, new TreeMap<>(), Grain.HOUR, new TreeMap<>(), Grain.DAY, new TreeMap<>());
		for (Quantity q : quantities) {
			for (Grain g : buckets.keySet()) {
				buckets.get(g).computeIfAbsent(periodStart(g, q.ts()), k -> new Bucket()).add(q);
			}
		}
		jdbc.sql("DELETE FROM monitoring_rollup WHERE meter_id = :m AND grain IN ('Q','H','D') AND period_start >= :s AND period_start < :e")
			.param("m", m.id()).param("s", Gateways.utc(rangeStart)).param("e", Gateways.utc(rangeEnd)).update();
		List<Object[]> rows = new ArrayList<>();
		buckets.forEach((grain, byStart) -> byStart.forEach((start, b) -> rows.add(new Object[] { m.id(), String.valueOf(grain.code),
				Gateways.utc(start), b.quantity, b.readings, b.excluded })));
		template.batchUpdate("INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded) VALUES (?, ?, ?, ?, ?, ?)", rows);

		Instant monthFrom = monthStart(rangeStart);
		Instant monthTo = monthStart(rangeEnd.minusNanos(1000)).atZone(ReadingIngest.BEIJING).plusMonths(1).toInstant();
		jdbc.sql("DELETE FROM monitoring_rollup WHERE meter_id = :m AND grain = 'M' AND period_start >= :s AND period_start < :e")
			.param("m", m.id()).param("s", Gateways.utc(monthFrom)).param("e", Gateways.utc(monthTo)).update();
		jdbc.sql("""
				INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
				SELECT meter_id, 'M', date_trunc('month', period_start AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
				       sum(quantity), sum(readings), sum(excluded)
				FROM monitoring_rollup WHERE meter_id = :m AND grain = 'D' AND period_start >= :s AND period_start < :e GROUP BY 1, 3
				""").param("m", m.id()).param("s", Gateways.utc(monthFrom)).param("e", Gateways.utc(monthTo)).update();

		Instant now = clock.instant();
		for (Quantity q : quantities) {
			if (q.anomaly() != null) {
				jdbc.sql("""
						INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail, raised_at)
						VALUES (:e, :county, :park, :industry, :m, :kind, :ts, :detail, :now) ON CONFLICT DO NOTHING
						""")
					.param("e", m.enterpriseId()).param("county", m.countyCode()).param("park", m.parkId()).param("industry", m.industryCode())
					.param("m", m.id()).param("kind", q.anomaly().name()).param("ts", Gateways.utc(q.ts())).param("detail", q.detail())
					.param("now", Gateways.utc(now)).update();
			}
		}
		// last_arrival_at: the latest arrival of any reading, a resent old interval too (offline is judged by arrival)
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
}
