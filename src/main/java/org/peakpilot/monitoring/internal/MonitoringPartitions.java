package org.peakpilot.monitoring.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the month partitions of {@code monitoring_reading} and {@code monitoring_rollup} (issue 16; see migration
 * V2026.12.16.30): creates the partitions of last month to {@code ahead} months ahead (Beijing months), creates the
 * partition of any month whose rows landed in the DEFAULT partition and moves them there, and, when a retention is
 * set, detaches partitions older than it.
 * <p>
 * Retention ({@code peakpilot.monitoring.retention.reading-months}, {@code …rollup-months}; 0, the default, keeps
 * everything): a month older than the current month minus the retention is DETACHED and renamed
 * {@code <table>_YYYY_MM_detached}. Nothing is dropped: the detached table stays in the schema for the operator to
 * archive ({@code pg_dump -t}) and drop. Detached readings are no longer read by the rollups (a back-fill into that
 * month lands in the default partition and stays there); detached rollups are no longer shown by any view, the
 * year and the closings included, so the rollup retention is for an operator who archives whole years.
 * <p>
 * Runs once per tick across instances (ShedLock {@code monitoring.partitions}); the SQL function it calls also takes a
 * per-schema advisory lock, so that the migration, a job, or an operator calling it by hand never race.
 */
@Component
public class MonitoringPartitions {

	private static final Logger log = LoggerFactory.getLogger(MonitoringPartitions.class);
	static final List<String> TABLES = List.of("monitoring_reading", "monitoring_rollup");
	private static final Pattern MONTH_SUFFIX = Pattern.compile("_(\\d{4})_(\\d{2})$");

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final boolean scheduled;
	private final int ahead;
	private final int readingMonths;
	private final int rollupMonths;

	MonitoringPartitions(JdbcClient jdbc, TransactionTemplate tx, Clock clock,
			@Value("${peakpilot.monitoring.partitions.scheduled:true}") boolean scheduled,
			@Value("${peakpilot.monitoring.partitions.ahead:3}") int ahead,
			@Value("${peakpilot.monitoring.retention.reading-months:0}") int readingMonths,
			@Value("${peakpilot.monitoring.retention.rollup-months:0}") int rollupMonths) {
		if (ahead < 1 || ahead > 24) {
			throw new IllegalArgumentException("peakpilot.monitoring.partitions.ahead must be 1 to 24 months, not " + ahead);
		}
		// 0 keeps everything; otherwise at least the current month and the two before stay (late readings, back-fills,
		// the closing of last month)
		for (int months : new int[] { readingMonths, rollupMonths }) {
			if (months != 0 && (months < 3 || months > 1200)) {
				throw new IllegalArgumentException("peakpilot.monitoring.retention.*-months must be 0 (keep everything) or 3 to 1200, not " + months);
			}
		}
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.scheduled = scheduled;
		this.ahead = ahead;
		this.readingMonths = readingMonths;
		this.rollupMonths = rollupMonths;
	}

	/** What one round did. */
	public record Round(List<String> created, List<String> detached) {
	}

	@Scheduled(fixedDelayString = "${peakpilot.monitoring.partitions.delay:PT6H}", initialDelayString = "${peakpilot.monitoring.partitions.initial-delay:PT1M}")
	@SchedulerLock(name = "monitoring.partitions", lockAtMostFor = "PT2H")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			Round round = maintain();
			if (!round.created().isEmpty() || !round.detached().isEmpty()) {
				log.info("Month partitions: created {}, detached {}", round.created(), round.detached());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Month partition maintenance failed, will retry: {}", ex.getMessage());
		}
	}

	/** One round: months ahead, months found in the default partitions, retention. Each partition in its own transaction. */
	public Round maintain() {
		YearMonth now = YearMonth.now(clock.withZone(ReadingIngest.BEIJING));
		List<String> created = new ArrayList<>();
		List<String> detached = new ArrayList<>();
		for (String table : TABLES) {
			YearMonth keepFrom = keepFrom(table, now);
			List<YearMonth> months = new ArrayList<>();
			for (int k = -1; k <= ahead; k++) {
				months.add(now.plusMonths(k));
			}
			months.addAll(monthsInDefault(table));
			for (YearMonth m : months.stream().distinct().sorted().toList()) {
				if (keepFrom != null && m.isBefore(keepFrom)) {
					continue; // older than the retention: its rows stay in the default partition
				}
				if (addMonth(table, m)) {
					created.add(table + "_" + suffix(m));
				}
			}
			if (keepFrom != null) {
				for (String partition : attachedMonths(table)) {
					Matcher matcher = MONTH_SUFFIX.matcher(partition);
					if (matcher.find() && YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))).isBefore(keepFrom)) {
						detach(table, partition);
						detached.add(partition);
					}
				}
			}
		}
		return new Round(created, detached);
	}

	/** Adds the partition of one month unless it exists (attached or detached); moves its rows out of the default one. */
	public boolean addMonth(String table, YearMonth month) {
		requireTable(table);
		return Boolean.TRUE.equals(tx.execute(status -> jdbc.sql("SELECT monitoring_add_month_partition(:t, :m)")
			.param("t", table).param("m", month.atDay(1)).query(Boolean.class).single()));
	}

	/** The first month kept under the table's retention, or null when everything is kept. */
	YearMonth keepFrom(String table, YearMonth now) {
		int months = table.equals("monitoring_reading") ? readingMonths : rollupMonths;
		return months == 0 ? null : now.minusMonths(months - 1L);
	}

	/** The Beijing months that have rows in the table's default partition. */
	List<YearMonth> monthsInDefault(String table) {
		requireTable(table);
		String key = table.equals("monitoring_reading") ? "ts" : "period_start";
		return jdbc.sql("SELECT DISTINCT date_trunc('month', " + key + " AT TIME ZONE 'Asia/Shanghai')::date FROM " + table + "_default")
			.query(LocalDate.class).list().stream()
			.filter(d -> d.getYear() >= 2000 && d.getYear() <= 2199)
			.map(YearMonth::from).toList();
	}

	/** Names of the month partitions attached to the table, oldest first. */
	public List<String> attachedMonths(String table) {
		requireTable(table);
		return jdbc.sql("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = to_regclass(:t) AND c.relname ~ '_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname
				""").param("t", table).query(String.class).list();
	}

	private void detach(String table, String partition) {
		tx.executeWithoutResult(status -> {
			// names come from pg_class and match <table>_YYYY_MM: safe to quote as identifiers
			jdbc.sql("ALTER TABLE " + quote(table) + " DETACH PARTITION " + quote(partition)).update();
			jdbc.sql("ALTER TABLE " + quote(partition) + " RENAME TO " + quote(partition + "_detached")).update();
		});
		log.info("Detached {} (retention); kept as table {}_detached for archive", partition, partition);
	}

	private static String suffix(YearMonth m) {
		return String.format("%04d_%02d", m.getYear(), m.getMonthValue());
	}

	private static String quote(String identifier) {
		if (!identifier.matches("[a-z_0-9]{1,63}")) {
			throw new IllegalArgumentException("unexpected table name " + identifier);
		}
		return "\"" + identifier + "\"";
	}

	private static void requireTable(String table) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException("not a partitioned monitoring table: " + table);
		}
	}
}
