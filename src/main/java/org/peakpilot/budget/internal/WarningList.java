package org.peakpilot.budget.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The warning list as the pages show it (ADR 0016, amendment "warnings pages and each role's view"): the rows of
 * {@code budget_warning} with their owner columns (county, park, enterprise), filtered by level, kind and open/all,
 * and the open warnings counted by level, always within the caller's scope ({@link AccessScope#where}: city roles
 * all, a county officer its county, a park manager its park, an enterprise user its own). Read only; acknowledging
 * stays {@link BudgetWarnings#acknowledge} (audited).
 */
@Component
public class WarningList {

	private final JdbcClient jdbc;

	WarningList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A warning with the owner columns the recompute copied from the registry. */
	public record Line(long id, int year, String holderCode, Kind kind, String countyCode, Long parkId, Long enterpriseId, WarningLevel level,
			String reasonCode, String reason, OffsetDateTime raisedAt, OffsetDateTime clearedAt, String acknowledgedBy,
			OffsetDateTime acknowledgedAt, String actionPlan) {

		/** Still holding (the level has not changed since). */
		public boolean open() {
			return clearedAt == null;
		}

		public boolean acknowledged() {
			return acknowledgedAt != null;
		}
	}

	/** What the list shows: one level or all, one kind or all, only those still holding or all. */
	public record Filter(WarningLevel level, Kind kind, boolean openOnly) {
	}

	/** The roles that read warnings; others are refused (403). */
	static void requireReader(AccessScope scope) {
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
	}

	/** The year's warnings within the caller's scope, newest first, at most {@link BudgetWarnings#MAX_LIST}. */
	@Transactional(readOnly = true)
	public List<Line> list(int year, Filter filter) {
		AccessScope scope = AccessScope.current();
		requireReader(scope);
		AccessScope.SqlCondition where = scope.where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("""
				SELECT * FROM budget_warning
				WHERE year = :year AND %s AND (NOT :open OR cleared_at IS NULL)
				  AND (CAST(:level AS text) IS NULL OR level = :level) AND (CAST(:kind AS text) IS NULL OR kind = :kind)
				ORDER BY raised_at DESC, id DESC LIMIT :limit""".formatted(where.sql()))
			.params(where.params()).param("year", year).param("open", filter.openOnly())
			.param("level", filter.level() == null ? null : filter.level().name()).param("kind", filter.kind() == null ? null : filter.kind().name())
			.param("limit", BudgetWarnings.MAX_LIST).query((rs, n) -> line(rs)).list();
	}

	/** Open warnings of the year within the caller's scope, by level in the order RED, AMBER, YELLOW (0 where none). */
	@Transactional(readOnly = true)
	public Map<WarningLevel, Integer> openCounts(int year) {
		AccessScope scope = AccessScope.current();
		requireReader(scope);
		AccessScope.SqlCondition where = scope.where("county_code", "park_id", "enterprise_id");
		Map<WarningLevel, Integer> counts = new LinkedHashMap<>(); // RED first, as the pages show them
		for (WarningLevel l : List.of(WarningLevel.RED, WarningLevel.AMBER, WarningLevel.YELLOW)) {
			counts.put(l, 0);
		}
		jdbc.sql("SELECT level, count(*) AS n FROM budget_warning WHERE year = :year AND cleared_at IS NULL AND %s GROUP BY level"
			.formatted(where.sql())).params(where.params()).param("year", year)
			.query((rs, n) -> counts.put(WarningLevel.valueOf(rs.getString("level")), rs.getInt("n"))).list();
		return counts;
	}

	private static Line line(ResultSet rs) throws SQLException {
		return new Line(rs.getLong("id"), rs.getInt("year"), rs.getString("holder_code"), Kind.valueOf(rs.getString("kind")),
				rs.getString("county_code"), (Long) rs.getObject("park_id", Long.class), (Long) rs.getObject("enterprise_id", Long.class),
				WarningLevel.valueOf(rs.getString("level")), rs.getString("reason_code"), rs.getString("reason"), time(rs, "raised_at"),
				time(rs, "cleared_at"), rs.getString("acknowledged_by"), time(rs, "acknowledged_at"), rs.getString("action_plan"));
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.atZoneSameInstant(Execution.BEIJING).toOffsetDateTime();
	}
}
