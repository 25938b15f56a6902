package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of a year's budget versions and the comparison of two (issue 12 item 6, ADR 0016): every version
 * with its status, who made and published it when, and the adjustment that produced it; two versions side by
 * side per holder and for the total, reserve, pool, sink credit and allocated sum. City roles see every holder, a
 * county officer the holders of its county (the city-level figures too, as the year's budget shows them).
 */
@Component
public class VersionHistory {

	private final JdbcClient jdbc;
	private final Adjustments adjustments;

	VersionHistory(JdbcClient jdbc, Adjustments adjustments) {
		this.jdbc = jdbc;
		this.adjustments = adjustments;
	}

	/** One version in the year's history. */
	@Schema(name = "BudgetVersionSummary", description = "One version of a year's budget in its history · 年度预算的一个版本")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record VersionSummary(
			@Schema(description = "The version number · 版本号") int version,
			@Schema(description = "Its status · 状态") BudgetVersions.Status status,
			@JsonProperty("created_by") @Schema(description = "Who made it · 创建人") String createdBy,
			@JsonProperty("created_at") @Schema(description = "When, Beijing time · 创建时间") OffsetDateTime createdAt,
			@JsonProperty("published_by") @Schema(description = "Who published it (recording the leading group's approval); null for a draft · 发布人") String publishedBy,
			@JsonProperty("published_at") @Schema(description = "When, Beijing time; null for a draft · 发布时间") OffsetDateTime publishedAt,
			@JsonProperty("total_t") @Schema(description = "The total, tCO2 · 预算总量，吨二氧化碳") BigDecimal total,
			@JsonProperty("reserve_t") @Schema(description = "The reserve, tCO2 · 预留量，吨二氧化碳") BigDecimal reserve,
			@JsonProperty("pool_t") @Schema(description = "The major-project pool, tCO2 · 重大项目池，吨二氧化碳") BigDecimal pool,
			@JsonProperty("sink_credit_t") @Schema(description = "The sink credit, tCO2 (never part of an intensity figure) · 碳汇抵扣量（不计入强度）") BigDecimal sinkCredit,
			@JsonProperty("forecast_gdp_10k_cny") @Schema(description = "The forecast GDP the budget floats on, 10k CNY · 预测 GDP，万元") BigDecimal forecastGdp,
			@Schema(description = "The adjustment that produced it; null for a version the office drafted · 产生该版本的调整") AdjustmentRef adjustment) {
	}

	/** The adjustment behind a version. */
	@Schema(name = "BudgetVersionAdjustmentRef", description = "The adjustment that produced a version · 产生版本的调整申请")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record AdjustmentRef(
			@Schema(description = "The request's id · 申请编号") long id,
			@Schema(description = "What it changed · 调整类型") Adjustments.Kind kind,
			@JsonProperty("based_on_version") @Schema(description = "The version it was built from · 所依据的版本") int basedOnVersion,
			@Schema(description = "Its reason; null for a county officer when it concerns another county · 理由（他县申请对区县人员不显示）") String reason) {
	}

	/** Two versions side by side. */
	@Schema(name = "BudgetVersionComparison", description = "Two versions of a year's budget side by side · 两个预算版本对比")
	public record Comparison(
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "Version a · 版本 a") int from,
			@Schema(description = "Version b · 版本 b") int to,
			@JsonProperty("total_t") @Schema(description = "The totals, tCO2 · 预算总量") Figure total,
			@JsonProperty("reserve_t") @Schema(description = "The reserves, tCO2 · 预留量") Figure reserve,
			@JsonProperty("pool_t") @Schema(description = "The major-project pools, tCO2 · 重大项目池") Figure pool,
			@JsonProperty("sink_credit_t") @Schema(description = "The sink credits, tCO2 · 碳汇抵扣量") Figure sinkCredit,
			@JsonProperty("allocated_t") @Schema(description = "Σ budgets of the top-level holders (a county contains its parks and enterprises), tCO2 · 已分配量") Figure allocated,
			@Schema(description = "Every holder of either version (a county officer: its county's) · 各预算单位") List<HolderDifference> holders) {
	}

	/** A figure in both versions. */
	@Schema(name = "BudgetVersionFigure", description = "A figure in versions a and b and b − a, tCO2 · 两版本数值及差额，吨二氧化碳")
	public record Figure(
			@Schema(description = "In version a, tCO2 · 版本 a") BigDecimal from,
			@Schema(description = "In version b, tCO2 · 版本 b") BigDecimal to,
			@Schema(description = "b − a, tCO2 · 差额") BigDecimal difference) {
	}

	/** A holder's budget in both versions. */
	@Schema(name = "BudgetVersionHolderDifference", description = "A holder's budget in versions a and b · 预算单位两版本预算")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record HolderDifference(
			@Schema(description = "The holder's code · 单位代码") String code,
			@Schema(description = "COUNTY, PARK or ENTERPRISE · 单位类型") String kind,
			@Schema(description = "The containing holder; null for a top-level one · 上级单位") String parent,
			@JsonProperty("budget_from_t") @Schema(description = "Budget in version a, whole tCO2; null if not a holder there · 版本 a 预算") BigDecimal budgetFrom,
			@JsonProperty("budget_to_t") @Schema(description = "Budget in version b, whole tCO2; null if not a holder there · 版本 b 预算") BigDecimal budgetTo,
			@JsonProperty("difference_t") @Schema(description = "b − a (a missing budget counted as 0), tCO2 · 差额") BigDecimal difference) {
	}

	/** Every version of the year, oldest first. */
	@Transactional(readOnly = true)
	public List<VersionSummary> versions(int year) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		List<VersionSummary> list = jdbc.sql("""
				SELECT v.*, a.id AS adjustment_id, a.kind, a.reason, b.number AS based_on FROM budget_version v
				LEFT JOIN budget_adjustment a ON a.result_version_id = v.id
				LEFT JOIN budget_version b ON b.id = a.applied_to_version_id
				WHERE v.year = :year ORDER BY v.number""").param("year", year)
			.query((rs, n) -> {
				long adjustment = rs.getLong("adjustment_id");
				AdjustmentRef ref = rs.wasNull() ? null : new AdjustmentRef(adjustment, Adjustments.Kind.valueOf(rs.getString("kind")),
						rs.getInt("based_on"), adjustments.visible(scope, adjustment) ? rs.getString("reason") : null);
				return new VersionSummary(rs.getInt("number"), BudgetVersions.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
						at(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("published_by"),
						at(rs.getObject("published_at", OffsetDateTime.class)), BudgetVersions.plain(rs.getBigDecimal("total_t")),
						BudgetVersions.plain(rs.getBigDecimal("reserve_t")), BudgetVersions.plain(rs.getBigDecimal("pool_t")),
						BudgetVersions.plain(rs.getBigDecimal("sink_credit_t")), BudgetVersions.plain(rs.getBigDecimal("forecast_gdp_10k_cny")), ref);
			})
			.list();
		if (list.isEmpty()) {
			throw new NotFoundException("budget of " + year);
		}
		return list;
	}

	/** Versions a and b side by side. */
	@Transactional(readOnly = true)
	public Comparison compare(int year, int from, int to) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		long a = id(year, from);
		long b = id(year, to);
		Map<String, Object> va = jdbc.sql("SELECT * FROM budget_version WHERE id = :id").param("id", a).query().singleRow();
		Map<String, Object> vb = jdbc.sql("SELECT * FROM budget_version WHERE id = :id").param("id", b).query().singleRow();
		VersionHolders ha = VersionHolders.of(jdbc, a);
		VersionHolders hb = VersionHolders.of(jdbc, b);
		Set<String> codes = new LinkedHashSet<>(ha.lines().keySet());
		codes.addAll(hb.lines().keySet());
		List<HolderDifference> holders = new ArrayList<>();
		for (String code : codes) {
			VersionHolders.Line la = ha.lines().get(code);
			VersionHolders.Line lb = hb.lines().get(code);
			if (!scope.isCityWide()) {
				String root = lb != null ? hb.root(code) : ha.root(code);
				if (!scope.countyCode().equals(root)) {
					continue;
				}
			}
			VersionHolders.Line l = lb != null ? lb : la;
			BigDecimal x = la == null ? null : la.budget();
			BigDecimal y = lb == null ? null : lb.budget();
			holders.add(new HolderDifference(code, l.kind(), l.parent(), BudgetVersions.plain(x), BudgetVersions.plain(y),
					BudgetVersions.plain((y == null ? BigDecimal.ZERO : y).subtract(x == null ? BigDecimal.ZERO : x))));
		}
		return new Comparison(year, from, to, figure(va, vb, "total_t"), figure(va, vb, "reserve_t"), figure(va, vb, "pool_t"),
				figure(va, vb, "sink_credit_t"), figure(ha.topSum(), hb.topSum()), holders);
	}

	/** A version's figures and holders' budgets, for the audit record of a version an adjustment published. */
	static Map<String, Object> snapshot(JdbcClient jdbc, long versionId) {
		Map<String, Object> v = jdbc.sql("SELECT year, number, status, total_t, reserve_t, pool_t, sink_credit_t, forecast_gdp_10k_cny FROM budget_version WHERE id = :id")
			.param("id", versionId).query().singleRow();
		Map<String, Object> out = new LinkedHashMap<>(v);
		Map<String, BigDecimal> budgets = new LinkedHashMap<>();
		VersionHolders.of(jdbc, versionId).lines().values().forEach(l -> budgets.put(l.code(), l.budget()));
		out.put("holders", budgets);
		return out;
	}

	private static Figure figure(Map<String, Object> a, Map<String, Object> b, String column) {
		return figure((BigDecimal) a.get(column), (BigDecimal) b.get(column));
	}

	private static Figure figure(BigDecimal a, BigDecimal b) {
		return new Figure(BudgetVersions.plain(a), BudgetVersions.plain(b), BudgetVersions.plain(b.subtract(a)));
	}

	private long id(int year, int number) {
		return jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND number = :number").param("year", year).param("number", number)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("budget " + year + " version " + number));
	}

	private static OffsetDateTime at(OffsetDateTime t) {
		return t == null ? null : t.atZoneSameInstant(Adjustments.BEIJING).toOffsetDateTime();
	}
}
