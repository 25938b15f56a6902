package org.peakpilot.inclusive.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The city ranking of a month (Beijing) among citizens who opted in, by gCO2 of credited trips and check-ins, under
 * their pseudonymous public names only. {@link #refresh} recomputes a month in one set-based statement (a job, every
 * few minutes); a page reads the citizen's row by its key ({@code inclusive_rank (month, citizen_id)}) and the top of
 * the list by {@code (month, rank)}, so it costs the same with a million citizens as with ten.
 */
@Component
public class Rankings {

	private static final Logger log = LoggerFactory.getLogger(Rankings.class);

	/** The citizen's place: rank 1 = most gCO2; among {@code participants} who opted in; as of {@code computedAt}. */
	public record Place(int rank, int participants, long gco2, OffsetDateTime computedAt) {
	}

	/** A line of the top list: public name only. */
	public record Line(int rank, String publicName, long gco2, boolean me) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Rankings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Recomputes the month's ranking (opted-in citizens with gCO2 > 0); answers the number ranked. */
	@Transactional
	public int refresh(YearMonth month) {
		LocalDate first = month.atDay(1);
		OffsetDateTime start = first.atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		jdbc.sql("DELETE FROM inclusive_rank WHERE month = :m").param("m", first).update();
		int n = jdbc.sql("""
				INSERT INTO inclusive_rank (month, citizen_id, gco2, rank)
				SELECT :m, g.citizen_id, g.gco2, rank() OVER (ORDER BY g.gco2 DESC)
				FROM (SELECT x.citizen_id, sum(x.gco2) AS gco2 FROM (
				        SELECT t.citizen_id, t.gco2 FROM inclusive_trip t
				        WHERE t.start_at >= :s AND t.start_at < :e AND t.status = 'CREDITED' AND t.citizen_id IS NOT NULL
				        UNION ALL
				        SELECT ci.citizen_id, ci.gco2 FROM inclusive_check_in ci WHERE ci.at >= :s AND ci.at < :e) x
				      JOIN inclusive_citizen c ON c.id = x.citizen_id AND c.rank_opt_in
				      GROUP BY x.citizen_id HAVING sum(x.gco2) > 0) g
				""").param("m", first).param("s", start).param("e", end).update();
		jdbc.sql("""
				INSERT INTO inclusive_rank_run (month, computed_at, participants) VALUES (:m, :now, :n)
				ON CONFLICT (month) DO UPDATE SET computed_at = EXCLUDED.computed_at, participants = EXCLUDED.participants
				""").param("m", first).param("now", OffsetDateTime.ofInstant(clock.instant(), clock.getZone())).param("n", n).update();
		log.info("Ranking of {}: {} citizens", month, n);
		return n;
	}

	/** The citizen's place in the month, if it opted in and was ranked at the last refresh. */
	public Optional<Place> place(long citizenId, YearMonth month) {
		return jdbc.sql("""
				SELECT r.rank, r.gco2, run.participants, run.computed_at FROM inclusive_rank r
				JOIN inclusive_rank_run run ON run.month = r.month
				JOIN inclusive_citizen c ON c.id = r.citizen_id AND c.rank_opt_in
				WHERE r.month = :m AND r.citizen_id = :c
				""").param("m", month.atDay(1)).param("c", citizenId)
			.query((rs, n) -> new Place(rs.getInt("rank"), rs.getInt("participants"), rs.getLong("gco2"),
					rs.getObject("computed_at", OffsetDateTime.class)))
			.optional();
	}

	/** The month's top {@code limit} (≤ 50), public names only; citizens who opted out since are left out. */
	public List<Line> top(YearMonth month, int limit, long meId) {
		return jdbc.sql("""
				SELECT r.rank, c.public_name, r.gco2, r.citizen_id FROM inclusive_rank r
				JOIN inclusive_citizen c ON c.id = r.citizen_id AND c.rank_opt_in
				WHERE r.month = :m ORDER BY r.rank, r.citizen_id LIMIT :n
				""").param("m", month.atDay(1)).param("n", Math.max(1, Math.min(limit, 50)))
			.query((rs, n) -> new Line(rs.getInt("rank"), rs.getString("public_name"), rs.getLong("gco2"), rs.getLong("citizen_id") == meId))
			.list();
	}
}
