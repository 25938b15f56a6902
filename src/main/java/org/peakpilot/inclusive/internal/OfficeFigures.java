package org.peakpilot.inclusive.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.peakpilot.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The office's figures of the scheme (碳普惠运营看板): users, active users, credited trips and gCO2 per mode and day,
 * scenes and check-ins, carbon tickets issued and retired, events neutralised, the last ledger reconciliation; and the
 * rows of the two exports.
 * <p>
 * Built to stay fast at 1 M citizens and 50 M trips: every query is bounded in time and reads an index range.
 * Trips per mode and day come from a daily rollup ({@code inclusive_office_day}): a day is computed once from the
 * trips of that Beijing day (an index range on the trips' start time) and recomputed, at most once per
 * {@code refresh-after}, while trips may still arrive for it (the claim window plus a day); a settled day is read as
 * stored. A month is then at most 31 × modes rows. Active users count the distinct citizens of the last 30 days'
 * trips and check-ins (an index range of 30 days), kept for {@code refresh-after}. Tickets read the ledger's
 * transactions of the month through the index (kind, at).
 */
@Component
public class OfficeFigures {

	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** The first month the dashboard offers. */
	public static final YearMonth FIRST_MONTH = YearMonth.of(2020, 1);
	/** The longest period of the trips export, in days. */
	public static final int TRIPS_EXPORT_MAX_DAYS = 366;
	/** The longest period of the ledger export, in days, and the most ledger postings it writes. */
	public static final int LEDGER_EXPORT_MAX_DAYS = 31;
	public static final int LEDGER_EXPORT_MAX_ROWS = 100_000;

	// ------------------------------------------------------------------ the other parts' tables (one place to adapt)
	static final String EVENTS = "inclusive_event";

	/** A day of the rollup: trips and gCO2 per mode. */
	public record DayMode(LocalDate day, String mode, long trips, long gco2) {
	}

	/** A mode's totals of the month. */
	public record ModeTotal(String mode, long trips, long gco2) {
	}

	/** A scene's check-ins of the month. */
	public record SceneCheckins(long id, String name, long checkins) {
	}

	/** The last reconciliation of the ledger (null fields when it never ran). */
	public record LastReconciliation(OffsetDateTime at, Boolean ok, long transactions, int problems) {
	}

	/** Everything the dashboard shows for a month. */
	public record Dashboard(YearMonth month, LocalDate today, OffsetDateTime asOf, long users, long newUsers, long activeUsers,
			List<LocalDate> days, List<DayMode> perDay, List<ModeTotal> modes, long scenes, List<SceneCheckins> checkins,
			long ticketsIssued, long ticketsRetired, long eventsNeutralised, long eventsNeutralisedTotal, LastReconciliation reconciliation) {

		public long trips() {
			return modes.stream().mapToLong(ModeTotal::trips).sum();
		}

		public long gco2() {
			return modes.stream().mapToLong(ModeTotal::gco2).sum();
		}

		public long checkinsTotal() {
			return checkins.stream().mapToLong(SceneCheckins::checkins).sum();
		}
	}

	/** One posting of a ledger transaction, for the export. */
	public record LedgerRow(long seq, OffsetDateTime at, String kind, String reference, String memo, String accountKind, String owner,
			String asset, long amount) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final TransactionTemplate transaction;
	private final Duration refreshAfter;
	private final Duration settleAfter;
	private volatile Active active;

	private record Active(LocalDate day, Instant computedAt, long count) {
	}

	OfficeFigures(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions,
			@Value("${peakpilot.inclusive.office.refresh-after:PT5M}") Duration refreshAfter,
			@Value("${peakpilot.inclusive.office.settle-after:P8D}") Duration settleAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.refreshAfter = refreshAfter;
		this.settleAfter = settleAfter;
	}

	/** Days after which a day's trips are settled (no more trips may arrive for it). */
	public long settleDays() {
		return settleAfter.toDays();
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(BEIJING));
	}

	public YearMonth thisMonth() {
		return YearMonth.from(today());
	}

	/** The month, refused (400 naming {@code month}) before 2020-01 or after the current month. */
	public YearMonth checkMonth(YearMonth month) {
		if (month == null) {
			return thisMonth();
		}
		if (month.isBefore(FIRST_MONTH) || month.isAfter(thisMonth())) {
			throw new InvalidInputException("month", "the month must lie between " + FIRST_MONTH + " and " + thisMonth());
		}
		return month;
	}

	/** A period of at most {@code maxDays} days, from ≤ to, refused (400 naming {@code from}/{@code to}) otherwise. */
	public static void checkPeriod(LocalDate from, LocalDate to, int maxDays) {
		if (from == null) {
			throw new InvalidInputException("from", "required");
		}
		if (to == null) {
			throw new InvalidInputException("to", "required");
		}
		if (from.getYear() < FIRST_MONTH.getYear() || to.getYear() > 2100) {
			throw new InvalidInputException("from", "the period must lie between " + FIRST_MONTH.atDay(1) + " and 2100-12-31");
		}
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "the end lies before the start");
		}
		if (from.plusDays(maxDays).isBefore(to.plusDays(1))) {
			throw new InvalidInputException("to", "the period may span at most " + maxDays + " days");
		}
	}

	public Dashboard dashboard(YearMonth month) {
		month = checkMonth(month);
		LocalDate today = today();
		LocalDate first = month.atDay(1);
		LocalDate last = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
		Instant from = start(first);
		Instant to = start(month.plusMonths(1).atDay(1));
		List<DayMode> perDay = tripsPerDay(first, last);
		Map<String, long[]> modes = new TreeMap<>();
		for (DayMode d : perDay) {
			long[] t = modes.computeIfAbsent(d.mode(), m -> new long[2]);
			t[0] += d.trips();
			t[1] += d.gco2();
		}
		List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
		long users = jdbc.sql("SELECT count(*) FROM inclusive_citizen").query(Long.class).single();
		long newUsers = jdbc.sql("SELECT count(*) FROM inclusive_citizen WHERE created_at >= :from AND created_at < :to")
			.param("from", ts(from)).param("to", ts(to)).query(Long.class).single();
		return new Dashboard(month, today, OffsetDateTime.now(clock).atZoneSameInstant(BEIJING).toOffsetDateTime(), users, newUsers,
				activeUsers(), days, perDay,
				modes.entrySet().stream().map(e -> new ModeTotal(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
				scenes(), checkins(first, month.atEndOfMonth()), ticketsIssued(from, to), ticketsRetired(from, to), eventsNeutralised(from, to),
				eventsNeutralised(null, null), lastReconciliation());
	}

	/** Trips and gCO2 per day and mode, from the rollup (days computed or refreshed as needed), days up to today. */
	public List<DayMode> tripsPerDay(LocalDate from, LocalDate to) {
		LocalDate today = today();
		LocalDate last = to.isAfter(today) ? today : to;
		if (last.isBefore(from)) {
			return List.of();
		}
		refresh(from, last);
		return jdbc.sql("""
				SELECT day, mode, sum(trips) AS trips, sum(gco2) AS gco2 FROM inclusive_office_day WHERE day BETWEEN :from AND :to
				GROUP BY day, mode ORDER BY day, mode""")
			.param("from", from).param("to", last)
			.query((rs, n) -> new DayMode(rs.getObject("day", LocalDate.class), rs.getString("mode"), rs.getLong("trips"), rs.getLong("gco2")))
			.list();
	}

	/**
	 * Days of the period whose rollup is missing, or not settled and older than {@code refresh-after}, computed again,
	 * all in one transaction (one instance at a time).
	 */
	void refresh(LocalDate from, LocalDate to) {
		Instant now = clock.instant();
		LocalDate today = today();
		if (to.isAfter(today)) {
			to = today;
		}
		Map<LocalDate, Boolean> fresh = new HashMap<>();
		jdbc.sql("SELECT day, settled, refreshed_at FROM inclusive_office_day_state WHERE day BETWEEN :from AND :to")
			.param("from", from).param("to", to)
			.query(rs -> {
				Instant at = rs.getTimestamp("refreshed_at").toInstant();
				fresh.put(rs.getObject("day", LocalDate.class), rs.getBoolean("settled") || at.plus(refreshAfter).isAfter(now));
			});
		List<LocalDate> stale = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			if (!fresh.getOrDefault(day, false)) {
				stale.add(day);
			}
		}
		if (!stale.isEmpty()) {
			recompute(stale, now);
		}
	}

	private void recompute(List<LocalDate> days, Instant now) {
		// a date[] literal of days we made (never typed input): Spring would expand a Java array into a list
		String array = days.stream().map(LocalDate::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
		transaction.executeWithoutResult(s -> {
			jdbc.sql("SELECT pg_advisory_xact_lock(7414, 0)").query().singleRow();
			jdbc.sql("DELETE FROM inclusive_office_day WHERE day = ANY(CAST(:days AS date[]))").param("days", array).update();
			jdbc.sql("""
					INSERT INTO inclusive_office_day (day, mode, methodology_id, trips, gco2)
					SELECT day, mode, coalesce(methodology_id, 0), count(*), coalesce(sum(gco2), 0) FROM inclusive_trip
					WHERE day = ANY(CAST(:days AS date[])) AND status = 'CREDITED' GROUP BY day, mode, coalesce(methodology_id, 0)""")
				.param("days", array).update();
			List<LocalDate> waiting = jdbc.sql("SELECT DISTINCT day FROM inclusive_trip WHERE day = ANY(CAST(:days AS date[])) AND status = 'FLAGGED'")
				.param("days", array).query(LocalDate.class).list();
			String settled = days.stream().filter(d -> !now.isBefore(start(d.plusDays(1)).plus(settleAfter)) && !waiting.contains(d))
				.map(LocalDate::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
			jdbc.sql("""
					INSERT INTO inclusive_office_day_state (day, settled, refreshed_at)
					SELECT d, d = ANY(CAST(:settled AS date[])), :at FROM unnest(CAST(:days AS date[])) AS d
					ON CONFLICT (day) DO UPDATE SET settled = excluded.settled, refreshed_at = excluded.refreshed_at""")
				.param("days", array).param("settled", settled).param("at", ts(now)).update();
		});
	}

	/** Distinct citizens with a credited trip or a check-in in the 30 days up to today, kept for {@code refresh-after}. */
	public long activeUsers() {
		LocalDate today = today();
		Instant now = clock.instant();
		Active a = active;
		if (a != null && a.day().equals(today) && a.computedAt().plus(refreshAfter).isAfter(now)) {
			return a.count();
		}
		long count = jdbc.sql("""
				SELECT count(*) FROM (SELECT citizen_id FROM inclusive_trip WHERE day BETWEEN :since AND :today AND status = 'CREDITED'
				UNION SELECT citizen_id FROM inclusive_check_in WHERE day BETWEEN :since AND :today) a""")
			.param("since", today.minusDays(29)).param("today", today).query(Long.class).single();
		active = new Active(today, now, count);
		return count;
	}

	long scenes() {
		return jdbc.sql("SELECT count(*) FROM inclusive_scene").query(Long.class).single();
	}

	/** Check-ins of the days per scene (the 50 busiest scenes; every scene while there are fewer). */
	List<SceneCheckins> checkins(LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT s.id, s.name, coalesce(c.n, 0) AS n FROM inclusive_scene s
				LEFT JOIN (SELECT scene_id, count(*) AS n FROM inclusive_check_in WHERE day BETWEEN :from AND :to GROUP BY scene_id) c
				ON c.scene_id = s.id ORDER BY n DESC, s.id LIMIT 50""")
			.param("from", from).param("to", to)
			.query((rs, n) -> new SceneCheckins(rs.getLong("id"), rs.getString("name"), rs.getLong("n"))).list();
	}

	long ticketsIssued(Instant from, Instant to) {
		return jdbc.sql("""
				SELECT coalesce(sum(e.amount), 0) FROM inclusive_ledger_txn t
				JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq JOIN inclusive_ledger_account a ON a.id = e.account_id
				WHERE t.kind = 'ISSUE' AND t.at >= :from AND t.at < :to AND a.asset = 'TICKET' AND e.amount > 0""")
			.param("from", ts(from)).param("to", ts(to)).query(Long.class).single();
	}

	long ticketsRetired(Instant from, Instant to) {
		return jdbc.sql("""
				SELECT coalesce(sum(e.amount), 0) FROM inclusive_ledger_txn t
				JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq JOIN inclusive_ledger_account a ON a.id = e.account_id
				WHERE t.kind = 'RETIRE' AND t.at >= :from AND t.at < :to AND a.asset = 'TICKET' AND a.kind = 'RETIRED'""")
			.param("from", ts(from)).param("to", ts(to)).query(Long.class).single();
	}

	long eventsNeutralised(Instant from, Instant to) {
		if (from == null) {
			return jdbc.sql("SELECT count(*) FROM " + EVENTS + " WHERE neutralised_at IS NOT NULL").query(Long.class).single();
		}
		return jdbc.sql("SELECT count(*) FROM " + EVENTS + " WHERE neutralised_at >= :from AND neutralised_at < :to")
			.param("from", ts(from)).param("to", ts(to)).query(Long.class).single();
	}

	public LastReconciliation lastReconciliation() {
		return jdbc.sql("SELECT at, ok, transactions, problem_count FROM inclusive_ledger_reconciliation ORDER BY at DESC LIMIT 1")
			.query((rs, n) -> new LastReconciliation(rs.getObject("at", OffsetDateTime.class), rs.getBoolean("ok"),
					rs.getLong("transactions"), rs.getInt("problem_count")))
			.optional().orElse(new LastReconciliation(null, null, 0, 0));
	}

	/** The postings of the ledger's transactions of the period (Beijing days), oldest first; 400 beyond the bounds. */
	public List<LedgerRow> ledgerRows(LocalDate from, LocalDate to) {
		checkPeriod(from, to, LEDGER_EXPORT_MAX_DAYS);
		List<LedgerRow> rows = jdbc.sql("""
				SELECT t.seq, t.at, t.kind, t.reference, t.memo, a.kind AS account_kind, a.owner, a.asset, e.amount
				FROM inclusive_ledger_txn t JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq
				JOIN inclusive_ledger_account a ON a.id = e.account_id
				WHERE t.kind IN ('EARN','ENGAGE','SPEND','DONATE','EXPIRE','ISSUE','TRANSFER','PLEDGE','UNPLEDGE','RETIRE','REVERSE')
				  AND t.at >= :from AND t.at < :to
				ORDER BY t.seq, e.amount, a.id LIMIT :limit""")
			.param("from", ts(start(from))).param("to", ts(start(to.plusDays(1)))).param("limit", LEDGER_EXPORT_MAX_ROWS + 1)
			.query((rs, n) -> new LedgerRow(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getString("kind"),
					rs.getString("reference"), rs.getString("memo"), rs.getString("account_kind"), rs.getString("owner"),
					rs.getString("asset"), rs.getLong("amount")))
			.list();
		if (rows.size() > LEDGER_EXPORT_MAX_ROWS) {
			throw new InvalidInputException("to", "the period holds more than " + LEDGER_EXPORT_MAX_ROWS
					+ " ledger postings; choose a shorter period");
		}
		return rows;
	}

	/** Trips per day and mode of the period, for the export; 400 beyond the bounds. */
	public List<DayMode> tripRows(LocalDate from, LocalDate to) {
		checkPeriod(from, to, TRIPS_EXPORT_MAX_DAYS);
		return tripsPerDay(from, to);
	}

	/** Per mode: trips and gCO2 of the period's days (rollup), in mode order. */
	public Map<String, long[]> totalsByMode(LocalDate from, LocalDate to) {
		Map<String, long[]> modes = new LinkedHashMap<>();
		for (DayMode d : tripsPerDay(from, to)) {
			long[] t = modes.computeIfAbsent(d.mode(), m -> new long[2]);
			t[0] += d.trips();
			t[1] += d.gco2();
		}
		return new TreeMap<>(modes);
	}

	/** Per mode, "code V version" of the methodologies that credited its trips in the period's days (rollup). */
	public Map<String, List<String>> methodologies(LocalDate from, LocalDate to) {
		refresh(from, to);
		Map<String, List<String>> out = new TreeMap<>();
		jdbc.sql("""
				SELECT DISTINCT d.mode, m.code, m.version FROM inclusive_office_day d JOIN inclusive_methodology m ON m.id = d.methodology_id
				WHERE d.day BETWEEN :from AND :to ORDER BY d.mode, m.code, m.version""")
			.param("from", from).param("to", to)
			.query(rs -> {
				out.computeIfAbsent(rs.getString("mode"), k -> new ArrayList<>()).add(rs.getString("code") + " V" + rs.getInt("version"));
			});
		return out;
	}

	static Instant start(LocalDate day) {
		return day.atStartOfDay(BEIJING).toInstant();
	}

	private static Timestamp ts(Instant i) {
		return Timestamp.from(i);
	}

	static List<String> sorted(java.util.Collection<String> c) {
		return new ArrayList<>(new TreeSet<>(c));
	}
}
