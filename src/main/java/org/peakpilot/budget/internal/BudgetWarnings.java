package org.peakpilot.budget.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The warning list to act on ({@code budget_warning}, raised and cleared by {@link Execution}): read within the
 * caller's scope, acknowledged once with an action plan by someone in the holder's scope (audited). A warning outside
 * the caller's scope is not found.
 */
@Component
public class BudgetWarnings {

	/** Longest action plan, characters. */
	public static final int MAX_PLAN = 4000;
	/** Most warnings one answer lists. */
	public static final int MAX_LIST = 2000;

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	BudgetWarnings(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** A warning. */
	@Schema(name = "BudgetWarning", description = "A budget warning to act on · 待处理的碳预算预警")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Warning(
			@Schema(description = "The warning's id · 预警 ID", example = "17") long id,
			@Schema(description = "The budget year · 预算年度", example = "2027") int year,
			@JsonProperty("holder_code") @Schema(description = "The holder: a county's region code, a park's code, an enterprise's USCC · 预算单位代码", example = "511102") String holderCode,
			@Schema(description = "COUNTY, PARK or ENTERPRISE · 单位类型") Kind kind,
			@Schema(description = "YELLOW, AMBER or RED · 预警等级") WarningLevel level,
			@JsonProperty("reason_code") @Schema(description = "WITHIN_RED_GAP, BEYOND_RED_GAP, INTENSITY_UP, USE_AMBER, USE_RED or BUDGET_EXCEEDED · 原因代码") String reasonCode,
			@Schema(description = "The reason with the figures when it was raised, English · 预警时的原因及数据（英文）") String reason,
			@JsonProperty("raised_at") @Schema(description = "When it was raised, Beijing time · 预警时间") OffsetDateTime raisedAt,
			@JsonProperty("cleared_at") @Schema(description = "When the level changed again; null while it holds · 解除时间（仍有效时为空）") OffsetDateTime clearedAt,
			@JsonProperty("acknowledged_by") @Schema(description = "Who acknowledged it (user name); null until then · 确认人") String acknowledgedBy,
			@JsonProperty("acknowledged_at") @Schema(description = "When, Beijing time; null until then · 确认时间") OffsetDateTime acknowledgedAt,
			@JsonProperty("action_plan") @Schema(description = "The action plan given with the acknowledgement, text · 整改措施") String actionPlan) {
	}

	/** The year's warnings within the caller's scope, newest first; only those still holding when {@code openOnly}. */
	@Transactional(readOnly = true)
	public List<Warning> list(int year, boolean openOnly, WarningLevel level) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("""
				SELECT * FROM budget_warning
				WHERE year = :year AND %s AND (NOT :open OR cleared_at IS NULL) AND (CAST(:level AS text) IS NULL OR level = :level)
				ORDER BY raised_at DESC, id DESC LIMIT :limit""".formatted(scope.sql()))
			.params(scope.params()).param("year", year).param("open", openOnly).param("level", level == null ? null : level.name())
			.param("limit", MAX_LIST).query((rs, n) -> row(rs)).list();
	}

	/**
	 * Acknowledges a warning with the action plan (the city's roles, the county officer of its county, the park
	 * manager of its park, the enterprise's user); audited as {@code budget.warning-acknowledged}. Once only (409).
	 */
	@Transactional
	public Warning acknowledge(int year, long id, String actionPlan) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
		Warning before = find(year, id);
		if (before.acknowledgedAt() != null) {
			throw new RuleViolationException("warning " + id + " was acknowledged by " + before.acknowledgedBy() + " at " + before.acknowledgedAt(), true);
		}
		jdbc.sql("UPDATE budget_warning SET acknowledged_by = :by, acknowledged_at = :at, action_plan = :plan WHERE id = :id")
			.param("by", scope.actor()).param("at", OffsetDateTime.ofInstant(clock.instant(), Execution.BEIJING)).param("plan", actionPlan)
			.param("id", id).update();
		Warning after = find(year, id);
		audit.record("budget.warning-acknowledged", "budget-warning", id, before, after);
		return after;
	}

	private Warning find(int year, long id) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("SELECT * FROM budget_warning WHERE id = :id AND year = :year AND %s".formatted(scope.sql())).params(scope.params())
			.param("id", id).param("year", year).query((rs, n) -> row(rs)).optional()
			.orElseThrow(() -> new NotFoundException("budget warning " + id + " of " + year));
	}

	private static Warning row(ResultSet rs) throws SQLException {
		return new Warning(rs.getLong("id"), rs.getInt("year"), rs.getString("holder_code"), Kind.valueOf(rs.getString("kind")),
				WarningLevel.valueOf(rs.getString("level")), rs.getString("reason_code"), rs.getString("reason"), time(rs, "raised_at"),
				time(rs, "cleared_at"), rs.getString("acknowledged_by"), time(rs, "acknowledged_at"), rs.getString("action_plan"));
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.atZoneSameInstant(Execution.BEIJING).toOffsetDateTime();
	}
}
