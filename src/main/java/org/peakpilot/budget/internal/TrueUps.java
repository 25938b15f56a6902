package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The true-up of an enterprise's budget after verification (ADR 0016, parks and enterprises; BUDGET-ADMISSION §3.1
 * "pre-allocate p % and true up after verification"). The enterprise's method is applied again to the verified
 * figures — output for OUTPUT_BENCHMARK and HISTORICAL_INTENSITY, operating days for HISTORICAL_EMISSIONS — with the
 * stored benchmark, historical intensity, emissions and f, and scaled as its division was: final = amount_t ×
 * verified raw ÷ Σ raw of the division, whole tonnes half up. The result is a stored figure beside the version
 * ({@code budget_true_up}, append-only: the latest row counts), never a change of the version: a published version
 * never changes, and moving tonnes between holders is an adjustment (a new version). City roles, audited.
 */
@Component
public class TrueUps {

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	TrueUps(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** The verified figures of the year. */
	public record Verified(BigDecimal output, Integer days, String source) {
	}

	/** A recorded true-up. */
	@Schema(name = "BudgetTrueUp", description = "An enterprise's budget trued up to its verified figures · 核查后企业预算清算结果")
	public record TrueUp(
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "The version number · 版本号") int version,
			@Schema(description = "The enterprise's USCC · 企业统一社会信用代码") String code,
			@Schema(description = "The method of its division · 分配方法") Method method,
			@JsonProperty("verified_output") @Schema(description = "Verified output, the product's unit; null for HISTORICAL_EMISSIONS · 核查产量") BigDecimal verifiedOutput,
			@JsonProperty("verified_days") @Schema(description = "Verified operating days; null for the output methods · 核查运行天数") Integer verifiedDays,
			@JsonProperty("verified_raw") @Schema(description = "The method's raw figure on the verified figures, tCO2 · 按核查数据计算的原始值，吨二氧化碳") BigDecimal verifiedRaw,
			@JsonProperty("budget_t") @Schema(description = "The version's budget, whole tCO2 · 版本预算，吨二氧化碳") BigDecimal budget,
			@JsonProperty("pre_allocated_t") @Schema(description = "The part issued before, whole tCO2; null without pre-allocation · 预分配量") BigDecimal preAllocated,
			@JsonProperty("final_budget_t") @Schema(description = "amount_t × verified_raw ÷ Σ raw of the division, whole tCO2 half up · 清算后最终预算，吨二氧化碳") BigDecimal finalBudget,
			@JsonProperty("difference_t") @Schema(description = "final_budget_t − budget_t, tCO2 (negative: less than planned) · 与版本预算之差") BigDecimal difference,
			@JsonProperty("to_issue_t") @Schema(description = "final_budget_t − pre_allocated_t (or − budget_t without pre-allocation), tCO2; negative: to be returned · 清算应补发量（负数为应收回）") BigDecimal toIssue,
			@Schema(description = "Where the verified figures come from (verified report) · 核查数据来源") String source,
			@JsonProperty("recorded_at") @Schema(description = "When, Beijing time · 记录时间") OffsetDateTime recordedAt,
			@JsonProperty("recorded_by") @Schema(description = "Who recorded it · 记录人") String recordedBy) {
	}

	record Line(long versionId, int year, int number, String status, String kind, String parent, Method method, BigDecimal amount,
			BigDecimal rawSum, BigDecimal output, BigDecimal benchmark, BigDecimal historical, BigDecimal factor, BigDecimal emissions,
			BigDecimal budget, BigDecimal pre, boolean ets, String override) {
	}

	/** Trues up one enterprise's budget of a version to its verified figures and records it. */
	@Transactional
	public TrueUp record(int year, int number, String code, Verified in) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Line l = jdbc.sql("""
				SELECT v.id, v.year, v.number, v.status, h.kind, h.parent_code, s.method, s.amount_t,
				  (SELECT sum(c.raw) FROM budget_holder c WHERE c.version_id = h.version_id AND c.parent_code = h.parent_code) AS raw_sum,
				  h.output, h.benchmark_t_per_unit, h.historical_intensity_t_per_unit, coalesce(h.control_factor, 1) AS f,
				  h.base_emissions_t, h.budget_t, h.pre_allocated_t, h.national_ets, h.ets_override_reason
				FROM budget_version v JOIN budget_holder h ON h.version_id = v.id
				LEFT JOIN budget_sub_allocation s ON s.version_id = h.version_id AND s.parent_code = h.parent_code
				WHERE v.year = :year AND v.number = :number AND h.code = :code""")
			.param("year", year).param("number", number).param("code", code)
			.query((rs, n) -> new Line(rs.getLong("id"), rs.getInt("year"), rs.getInt("number"), rs.getString("status"), rs.getString("kind"),
					rs.getString("parent_code"), rs.getString("method") == null ? null : Method.valueOf(rs.getString("method")),
					rs.getBigDecimal("amount_t"), rs.getBigDecimal("raw_sum"), rs.getBigDecimal("output"), rs.getBigDecimal("benchmark_t_per_unit"),
					rs.getBigDecimal("historical_intensity_t_per_unit"), rs.getBigDecimal("f"), rs.getBigDecimal("base_emissions_t"),
					rs.getBigDecimal("budget_t"), rs.getBigDecimal("pre_allocated_t"), rs.getBoolean("national_ets"), rs.getString("ets_override_reason")))
			.optional().orElseThrow(() -> new NotFoundException("holder " + code + " of budget " + year + " version " + number));
		if (!"ENTERPRISE".equals(l.kind()) || l.method() == null) {
			throw new RuleViolationException("holder " + code + " is not an enterprise of a park or enterprise division: only those are trued up");
		}
		if (l.ets() && l.override() == null) {
			throw new RuleViolationException("enterprise " + code + " is in the national carbon market without a budget here: nothing to true up");
		}
		BigDecimal raw = switch (l.method()) {
			case OUTPUT_BENCHMARK -> output(in).multiply(l.benchmark()).multiply(l.factor());
			case HISTORICAL_INTENSITY -> l.historical().multiply(output(in)).multiply(l.factor());
			case HISTORICAL_EMISSIONS -> Allocations.historicalEmissions(l.emissions(), l.factor(), days(in));
			default -> throw new RuleViolationException("enterprise " + code + " was allocated by " + l.method()
					+ ": a true-up applies to OUTPUT_BENCHMARK, HISTORICAL_INTENSITY and HISTORICAL_EMISSIONS");
		};
		if (in.source() == null || in.source().isBlank()) {
			throw new InvalidInputException("source", "is required: the verified report the figures come from");
		}
		BigDecimal fin = l.rawSum() == null || l.rawSum().signum() == 0 ? BigDecimal.ZERO
				: l.amount().multiply(raw).divide(l.rawSum(), 0, RoundingMode.HALF_UP);
		OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		boolean outputMethod = l.method() != Method.HISTORICAL_EMISSIONS;
		TrueUp t = new TrueUp(year, number, code, l.method(), outputMethod ? in.output() : null, outputMethod ? null : days(in),
				BudgetVersions.plain(raw), BudgetVersions.plain(l.budget()), BudgetVersions.plain(l.pre()), fin, fin.subtract(l.budget()),
				fin.subtract(l.pre() == null ? l.budget() : l.pre()), in.source().strip(), at, AccessScope.current().actor());
		jdbc.sql("""
				INSERT INTO budget_true_up (version_id, code, method, verified_output, verified_days, scale, verified_raw, budget_t,
				  pre_allocated_t, final_budget_t, source, recorded_at, recorded_by)
				VALUES (:id, :code, :method, :output, :days, :scale, :raw, :budget, :pre, :final, :source, :at, :by)""")
			.param("id", l.versionId()).param("code", code).param("method", l.method().name()).param("output", t.verifiedOutput())
			.param("days", t.verifiedDays()).param("scale", l.rawSum() == null || l.rawSum().signum() == 0 ? BigDecimal.ZERO
					: l.amount().divide(l.rawSum(), org.peakpilot.shared.Rounding.WORKING))
			.param("raw", raw).param("budget", l.budget()).param("pre", l.pre()).param("final", fin).param("source", t.source())
			.param("at", at).param("by", t.recordedBy()).update();
		audit.record("budget.trued-up", "budget-holder", year + "/" + number + "/" + code, null, t);
		return t;
	}

	private static BigDecimal output(Verified in) {
		if (in.output() == null) {
			throw new InvalidInputException("verified_output", "is required for the output methods");
		}
		return in.output();
	}

	private static int days(Verified in) {
		if (in.days() == null) {
			throw new InvalidInputException("verified_days", "is required for HISTORICAL_EMISSIONS");
		}
		return in.days();
	}
}
