package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.internal.BudgetVersions.Status;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.Role;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the budget pages list besides one version (read only): the years that have versions, a year's versions with
 * their status, and the holders' input figures of the latest allocation, which the allocation workspace offers again.
 * Readable by the city's roles and county officers (the inputs by the city's roles only).
 */
@Component
public class BudgetHistory {

	/** One version of a year in the list: its status, method, total and when it was made and published (Beijing). */
	public record VersionLine(int version, Status status, Method method, BigDecimal total, String createdBy, OffsetDateTime createdAt,
			OffsetDateTime publishedAt, int steps) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	BudgetHistory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The years that have at least one version, latest first. */
	@Transactional(readOnly = true)
	public List<Integer> years() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		return jdbc.sql("SELECT DISTINCT year FROM budget_version ORDER BY year DESC").query(Integer.class).list();
	}

	/** The years that have a published version, latest first (public). */
	@Transactional(readOnly = true)
	public List<Integer> publishedYears() {
		return jdbc.sql("SELECT DISTINCT year FROM budget_version WHERE status = 'PUBLISHED' ORDER BY year DESC").query(Integer.class).list();
	}

	/** A year's versions, latest first. */
	@Transactional(readOnly = true)
	public List<VersionLine> versions(int year) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		return jdbc.sql("""
				SELECT v.number, v.status, v.method, v.total_t, v.created_by, v.created_at, v.published_at,
				  (SELECT count(*) FROM budget_step s WHERE s.version_id = v.id) AS steps
				FROM budget_version v WHERE v.year = :year ORDER BY v.number DESC""")
			.param("year", year)
			.query((rs, n) -> new VersionLine(rs.getInt("number"), Status.valueOf(rs.getString("status")),
					rs.getString("method") == null ? null : Method.valueOf(rs.getString("method")), BudgetVersions.plain(rs.getBigDecimal("total_t")),
					rs.getString("created_by"), beijing(rs.getObject("created_at", OffsetDateTime.class)),
					beijing(rs.getObject("published_at", OffsetDateTime.class)), rs.getInt("steps")))
			.list();
	}

	/**
	 * The county holders' input figures of the latest allocated version (the given year's first, else any year's),
	 * in their order; empty when nothing was allocated yet. City roles only.
	 */
	@Transactional(readOnly = true)
	public List<BudgetAllocation.Holder> latestInputs(int year) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		return jdbc.sql("""
				SELECT h.* FROM budget_holder h WHERE h.kind = 'COUNTY' AND h.version_id = (
				  SELECT v.id FROM budget_version v WHERE v.method IS NOT NULL
				  ORDER BY (v.year = :year) DESC, v.year DESC, v.number DESC LIMIT 1)
				ORDER BY h.line_no""")
			.param("year", year)
			.query((rs, n) -> new BudgetAllocation.Holder(rs.getString("code"), Cny10k.of(rs.getBigDecimal("gdp_10k_cny")),
					rs.getBigDecimal("population"), Tco2.of(rs.getBigDecimal("base_emissions_t")),
					Tco2PerCny10k.of(rs.getBigDecimal("base_intensity")), Cny10k.of(rs.getBigDecimal("forecast_gdp_10k_cny")),
					rs.getBigDecimal("decline_rate"), rs.getBigDecimal("weight")))
			.list();
	}

	private OffsetDateTime beijing(OffsetDateTime t) {
		return t == null ? null : t.atZoneSameInstant(clock.getZone()).toOffsetDateTime();
	}
}
