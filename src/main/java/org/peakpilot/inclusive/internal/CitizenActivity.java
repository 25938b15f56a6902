package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a citizen did, read for its own pages: gCO2 of credited trips and scene check-ins in a period, recent
 * activity with the methodology code and version of each figure. Every query is one citizen's and runs on the
 * indexes {@code inclusive_trip (citizen_id, start_at)} and {@code inclusive_check_in (citizen_id, at)}: a range or a
 * backward scan of that citizen's rows only, whatever the size of the tables. Periods are Beijing days.
 */
@Component
public class CitizenActivity {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** One trip or check-in as the citizen sees it; {@code gco2} and {@code points} null while not credited. */
	public record Activity(String kind, OffsetDateTime at, String mode, BigDecimal distanceKm, Long gco2, long points,
			String status, String reason, String methodologyCode, Integer methodologyVersion, String sceneName) {
	}

	/** gCO2 and the methodology versions behind it. */
	public record PeriodFigures(long gco2, long trips, long checkIns, List<String> methodologies) {
	}

	private final JdbcClient jdbc;

	CitizenActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** gCO2 avoided by credited trips and check-ins from {@code from} to {@code to} (Beijing days, both included). */
	public PeriodFigures figures(long citizenId, LocalDate from, LocalDate to) {
		OffsetDateTime start = from.atStartOfDay(BEIJING).toOffsetDateTime();
		OffsetDateTime end = to.plusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
		record Part(String kind, long gco2, long n, String methodology) {
		}
		List<Part> parts = jdbc.sql("""
				SELECT 'TRIP' AS kind, coalesce(sum(t.gco2), 0) AS gco2, count(*) AS n, m.code || ' V' || m.version AS methodology
				FROM inclusive_trip t JOIN inclusive_methodology m ON m.id = t.methodology_id
				WHERE t.citizen_id = :c AND t.start_at >= :start AND t.start_at < :end AND t.status = 'CREDITED'
				GROUP BY m.code, m.version
				UNION ALL
				SELECT 'VISIT', coalesce(sum(ci.gco2), 0), count(*), m.code || ' V' || m.version
				FROM inclusive_check_in ci JOIN inclusive_methodology m ON m.id = ci.methodology_id
				WHERE ci.citizen_id = :c AND ci.at >= :start AND ci.at < :end
				GROUP BY m.code, m.version
				""")
			.param("c", citizenId).param("start", start).param("end", end)
			.query((rs, n) -> new Part(rs.getString("kind"), rs.getLong("gco2"), rs.getLong("n"), rs.getString("methodology")))
			.list();
		long gco2 = parts.stream().mapToLong(Part::gco2).sum();
		long trips = parts.stream().filter(p -> p.kind().equals("TRIP")).mapToLong(Part::n).sum();
		long visits = parts.stream().filter(p -> p.kind().equals("VISIT")).mapToLong(Part::n).sum();
		return new PeriodFigures(gco2, trips, visits, parts.stream().map(Part::methodology).distinct().sorted().toList());
	}

	/** A month's figures. */
	public PeriodFigures month(long citizenId, YearMonth month) {
		return figures(citizenId, month.atDay(1), month.atEndOfMonth());
	}

	/** The citizen's latest trips and check-ins, newest first, at most {@code limit} (≤ 50). */
	public List<Activity> recent(long citizenId, int limit) {
		int n = Math.max(1, Math.min(limit, 50));
		return jdbc.sql("""
				SELECT * FROM (
				  (SELECT 'TRIP' AS kind, t.start_at AS at, t.mode, t.distance_km, t.gco2, t.points, t.status, t.reason,
				          m.code, m.version, NULL AS scene_name
				   FROM inclusive_trip t LEFT JOIN inclusive_methodology m ON m.id = t.methodology_id
				   WHERE t.citizen_id = :c ORDER BY t.start_at DESC LIMIT :n)
				  UNION ALL
				  (SELECT 'VISIT', ci.at, 'VISIT', NULL, ci.gco2, ci.points, 'CREDITED', NULL, m.code, m.version, s.name
				   FROM inclusive_check_in ci JOIN inclusive_methodology m ON m.id = ci.methodology_id
				   JOIN inclusive_scene s ON s.id = ci.scene_id
				   WHERE ci.citizen_id = :c ORDER BY ci.at DESC LIMIT :n)
				) a ORDER BY at DESC LIMIT :n
				""")
			.param("c", citizenId).param("n", n)
			.query((rs, i) -> new Activity(rs.getString("kind"), rs.getObject("at", OffsetDateTime.class), rs.getString("mode"),
					rs.getBigDecimal("distance_km"), rs.getObject("gco2", Long.class), rs.getLong("points"), rs.getString("status"),
					rs.getString("reason"), rs.getString("code"), rs.getObject("version", Integer.class), rs.getString("scene_name")))
			.list();
	}
}
