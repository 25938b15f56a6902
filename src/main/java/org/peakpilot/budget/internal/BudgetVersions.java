package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.HolderBudget;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.BudgetVersionPublished;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored budget versions of a year (ADR 0016): the only write path of {@code budget_version} and
 * {@code budget_holder}. A draft is created from the office's inputs ({@link CityBudget}), allocated to holders by
 * one method through the same arithmetic as the preview ({@link Allocations#preview}), and published; a published
 * version is refused here (409) and by the database's triggers. Writes are for the city's roles and audited.
 * <p>
 * Identity of every allocated version: {@code total = Σ budgets + reserve + pool + sink credit}. The part divided
 * is {@code total − pool − sink credit − reserve share × total} (6 decimals); the allocation has no reserve of its own,
 * so the sub-tonne rest of the whole-tonne budgets joins the reserve.
 */
@Component
public class BudgetVersions {

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Registry registry;
	private final BudgetSettings settings;
	private final SinkLedger sinks;
	private final ApplicationEventPublisher events;

	BudgetVersions(JdbcClient jdbc, AuditLog audit, Clock clock, Registry registry, BudgetSettings settings, SinkLedger sinks,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.registry = registry;
		this.settings = settings;
		this.sinks = sinks;
		this.events = events;
	}

	/**
	 * Where a version stands: DRAFT (the office allocates it), COUNTY_REVIEW, CITY_REVIEW, LEADING_GROUP_REVIEW, then
	 * PUBLISHED (never changes).
	 */
	@Schema(name = "BudgetVersionStatus", description = "DRAFT → COUNTY_REVIEW → CITY_REVIEW → LEADING_GROUP_REVIEW → PUBLISHED (never changes) · 草稿 → 区县审核 → 市级审核 → 领导小组审批 → 已发布（不可修改）")
	public enum Status {
		DRAFT, COUNTY_REVIEW, CITY_REVIEW, LEADING_GROUP_REVIEW, PUBLISHED
	}

	/** One approval step taken. */
	@Schema(name = "BudgetApprovalStep", description = "One approval step of a version · 一个审批步骤")
	public record Step(
			@Schema(description = "The status before the step · 步骤前状态") Status from,
			@Schema(description = "The status after the step · 步骤后状态") Status to,
			@Schema(description = "Who took it (user name) · 操作人") String actor,
			@Schema(description = "The role they took it in · 角色") Role role,
			@Schema(description = "Their comment, text · 意见") String comment,
			@JsonProperty("taken_at") @Schema(description = "When, Beijing time · 时间") OffsetDateTime takenAt) {
	}

	/** The kind of a budget holder. */
	@Schema(name = "BudgetHolderKind")
	public enum Kind {
		COUNTY, PARK, ENTERPRISE
	}

	/** Whether the holders' use, forecast and warning are computed (else null). */
	@Schema(name = "BudgetExecutionStatus", description = "NOT_AVAILABLE: execution (emissions used, year-end forecast, warnings) is not computed for this version (a draft, or a published version before its first computation) · 执行情况尚未计算; COMPUTED: filled from the stored execution of this published version · 已按该发布版本计算")
	public enum ExecutionStatus {
		NOT_AVAILABLE, COMPUTED
	}

	/** The office's inputs of a draft, checked for magnitude by the API; bounds between fields are checked here. */
	public record DraftInputs(BigDecimal baseIntensity, BigDecimal declineRate, BigDecimal periodTargetCut, BigDecimal achievedCut,
			Integer yearsLeft, BigDecimal forecastGdp, BigDecimal totalCap, BigDecimal reserveShare, BigDecimal pool,
			BigDecimal sinkCredit, String source) {
	}

	/** A year's budget version as the API shows it. */
	@Schema(name = "BudgetYear", description = "A year's city carbon budget, one version · 年度城市碳预算（某一版本）")
	public record BudgetYear(
			@Schema(description = "The budget year · 预算年度", example = "2027") int year,
			@Schema(description = "The version number within the year, from 1 · 版本号") int version,
			@Schema(description = "DRAFT until published; a published version never changes · 状态") Status status,
			@JsonProperty("base_intensity_t_per_10k_cny") @Schema(description = "I_{t−1}: the previous year's intensity, tCO2 per 10k CNY at constant prices · 上年碳排放强度，吨/万元（不变价）") BigDecimal baseIntensity,
			@JsonProperty("decline_rate") @Schema(description = "The yearly intensity cut the office entered, fraction of 1; null: the required cut is used · 办公室录入的年度强度下降率") BigDecimal declineRate,
			@JsonProperty("period_target_cut") @Schema(description = "R: the five-year period's intensity cut, fraction of 1 · 五年期强度下降目标") BigDecimal periodTargetCut,
			@JsonProperty("achieved_cut") @Schema(description = "R_a: the cut achieved so far in the period, fraction of 1 · 已完成下降率") BigDecimal achievedCut,
			@JsonProperty("years_left") @Schema(description = "n_left: years left in the period, this one included, years · 剩余年数") Integer yearsLeft,
			@JsonProperty("required_cut") @Schema(description = "r = 1 − ((1−R)/(1−R_a))^(1/n_left), fraction of 1 to 9 decimals; null without R, R_a and n_left · 剩余年份年均需下降率") BigDecimal requiredCut,
			@JsonProperty("applied_rate") @Schema(description = "The rate used for the target intensity (decline_rate, else required_cut), fraction of 1 · 采用的下降率") BigDecimal appliedRate,
			@JsonProperty("target_intensity_t_per_10k_cny") @Schema(description = "I*_t = I_{t−1} × (1 − applied_rate), tCO2 per 10k CNY, 6 decimals · 目标强度，吨/万元") BigDecimal targetIntensity,
			@JsonProperty("forecast_gdp_10k_cny") @Schema(description = "GDP^f_t: forecast GDP at constant prices, 10k CNY · 预测 GDP（不变价），万元") BigDecimal forecastGdp,
			@JsonProperty("city_budget_t") @Schema(description = "I*_t × GDP^f_t, tCO2, 6 decimals · 按强度测算的城市预算，吨二氧化碳") BigDecimal cityBudget,
			@JsonProperty("total_cap_t") @Schema(description = "The optional cap on the total, tCO2 · 总量上限（可选），吨二氧化碳") BigDecimal totalCap,
			@JsonProperty("total_t") @Schema(description = "min(city_budget_t, total_cap_t), tCO2 = Σ budget_t of the top holders (counties and the city's direct parks and enterprises) + reserve_t + pool_t + sink_credit_t once allocated · 预算总量，吨二氧化碳 = 顶层单位预算之和 + 预留 + 项目池 + 碳汇") BigDecimal total,
			@JsonProperty("reserve_share") @Schema(description = "Reserve share asked for, fraction of 1 · 预留比例") BigDecimal reserveShare,
			@JsonProperty("reserve_t") @Schema(description = "The reserve, tCO2: reserve_share × total_t, plus the sub-tonne rest once allocated · 预留量，吨二氧化碳") BigDecimal reserve,
			@JsonProperty("pool_t") @Schema(description = "The major-project pool, tCO2 · 重大项目池，吨二氧化碳") BigDecimal pool,
			@JsonProperty("sink_credit_t") @Schema(description = "The sink credit, tCO2: min(Σ ΔS of the year's sink ledger, β × total_t) unless the office entered it, at most β (plan folder, default 5 %) of total_t; sinks never enter an intensity figure · 碳汇抵扣量，吨二氧化碳（不超过总量的 β，不计入强度）") BigDecimal sinkCredit,
			@JsonProperty("allocatable_t") @Schema(description = "total_t − reserve_share × total_t − pool_t − sink_credit_t: what the method divides, tCO2 · 可分配量，吨二氧化碳") BigDecimal allocatable,
			@JsonProperty("allocated_t") @Schema(description = "Σ budget_t of the top holders (counties and the city's direct parks and enterprises) in whole tonnes; null until the counties are allocated · 顶层单位（区县及市直接分配的园区、企业）预算之和，吨二氧化碳") BigDecimal allocated,
			@Schema(description = "The allocation method; null until allocated · 分配方法") Method method,
			@Schema(description = "Where the inputs come from (documents, decisions) · 数据来源") String source,
			@JsonProperty("published_at") @Schema(description = "When it was published; null for a draft · 发布时间") OffsetDateTime publishedAt,
			@Schema(description = "The approval steps taken, oldest first · 已完成的审批步骤") List<Step> steps,
			@JsonProperty("execution_status") @Schema(description = "Whether used, forecast and warning of the holders are computed (NOT_AVAILABLE: null) · 执行数据状态") ExecutionStatus executionStatus,
			@Schema(description = "The holders' budgets (a county officer sees its county only) · 各预算单位") List<Holder> holders) {

		/** The same version with the holders' execution filled in. */
		public BudgetYear withExecution(ExecutionStatus execution, List<Holder> filled) {
			return new BudgetYear(year, version, this.status, baseIntensity, declineRate, periodTargetCut, achievedCut, yearsLeft, requiredCut,
					appliedRate, targetIntensity, forecastGdp, cityBudget, totalCap, total, reserveShare, reserve, pool, sinkCredit, allocatable,
					allocated, method, source, publishedAt, steps, execution, filled);
		}
	}

	/** One holder's line. */
	@Schema(name = "BudgetYearHolder", description = "One holder's budget of the year · 预算单位的年度预算")
	public record Holder(
			@Schema(description = "The holder's code: a county's region code, a park's code (plan folder), an enterprise's USCC · 单位代码（区县区划代码、园区代码、企业统一社会信用代码）", example = "511102") String code,
			@Schema(description = "COUNTY, PARK or ENTERPRISE · 单位类型") Kind kind,
			@Schema(description = "The code of the holder containing it (a park's county, an enterprise's park or county); the city's region code for a park or enterprise the city allocates directly; null for a county · 上级单位代码（市直接分配的为市级区划代码，区县为空）") String parent,
			@Schema(description = "The method's raw figure, in the method's unit · 方法原始值") BigDecimal raw,
			@Schema(description = "raw ÷ Σ raw, fraction of 1 · 份额") BigDecimal share,
			@JsonProperty("budget_t") @Schema(description = "The budget, whole tCO2 · 预算，吨二氧化碳") BigDecimal budget,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "Emissions used so far, tCO2; null: execution is not computed yet (see execution_status) · 已使用量，吨二氧化碳") BigDecimal used,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "Year-end forecast, tCO2; null: not computed yet (see execution_status) · 年末预测，吨二氧化碳") BigDecimal forecast,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "Warning level; null: not computed yet (see execution_status) · 预警等级") String warning,
			@JsonProperty("national_ets") @Schema(description = "In the national carbon market (marked by the office with its source): monitored, budget 0 unless ets_override_reason is set · 纳入全国碳市场（仅监测，除非办公室说明理由，否则预算为 0）") boolean nationalEts,
			@JsonProperty("ets_override_reason") @Schema(description = "Why a national-ETS enterprise is given a budget all the same; null otherwise · 全国碳市场企业仍分配预算的理由") String etsOverrideReason,
			@JsonProperty("pre_allocated_t") @Schema(description = "The part issued now, whole tCO2; the rest (budget_t − pre_allocated_t) awaits the true-up after verification; null: no pre-allocation · 预分配量（整吨），其余待核查后清算") BigDecimal preAllocated,
			@JsonProperty("common_t") @Schema(description = "For a county or park divided further: budget_t − Σ budget_t of the holders it contains (its common part), tCO2; null when not divided · 区县或园区自留（公共）部分 = 本级预算 − 下级预算之和，吨二氧化碳") BigDecimal common) {

		/** A holder line without the park and enterprise figures. */
		public Holder(String code, Kind kind, String parent, BigDecimal raw, BigDecimal share, BigDecimal budget, BigDecimal used,
				BigDecimal forecast, String warning) {
			this(code, kind, parent, raw, share, budget, used, forecast, warning, false, null, null, null);
		}

		/** The same line with its execution filled in (every other field kept: a field added above belongs here too). */
		public Holder withExecution(BigDecimal used, BigDecimal forecast, String warning) {
			return new Holder(code, kind, parent, raw, share, budget, used, forecast, warning, nationalEts, etsOverrideReason, preAllocated,
					common);
		}
	}

	/** Creates the next draft version of a year from the office's inputs (city roles). */
	@Transactional
	public BudgetYear createDraft(int year, DraftInputs in) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		List<InputError> errors = new ArrayList<>();
		boolean period = in.periodTargetCut() != null || in.achievedCut() != null || in.yearsLeft() != null;
		if (period) {
			for (var f : List.of(new Object[] { "period_target_cut", in.periodTargetCut() }, new Object[] { "achieved_cut", in.achievedCut() },
					new Object[] { "years_left", in.yearsLeft() })) {
				if (f[1] == null) {
					errors.add(InputError.field((String) f[0], "is required with period_target_cut, achieved_cut and years_left"));
				}
			}
		}
		else if (in.declineRate() == null) {
			errors.add(InputError.field("decline_rate", "is required unless period_target_cut, achieved_cut and years_left are given"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		BigDecimal required = period ? CityBudget.requiredCut(in.periodTargetCut(), in.achievedCut(), in.yearsLeft()) : null;
		BigDecimal rate = in.declineRate() != null ? in.declineRate() : required;
		BigDecimal target = CityBudget.targetIntensity(in.baseIntensity(), rate);
		BigDecimal city = CityBudget.cityBudget(target, in.forecastGdp());
		BigDecimal total = CityBudget.total(city, in.totalCap());
		BigDecimal reserve = Rounding.stored(total.multiply(in.reserveShare()));
		// without the office's figure: min(Σ ΔS of the year's sink ledger, β × total)
		BigDecimal sinkCredit = in.sinkCredit() != null ? in.sinkCredit() : sinks.creditFor(year, total);
		BigDecimal beta = settings.sinkCreditMaxShare();
		if (sinkCredit.compareTo(total.multiply(beta)) > 0) {
			errors.add(InputError.field("sink_credit_t", "must be at most " + plain(beta.movePointRight(2)) + " % of the total ("
					+ plain(total.multiply(beta)) + " t)"));
		}
		else if (reserve.add(in.pool()).add(sinkCredit).compareTo(total) > 0) {
			errors.add(InputError.field("pool_t", "reserve, pool and sink credit together exceed the total of " + plain(total) + " t"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('budget_version'), :year)").param("year", year).query().singleRow();
		int number = jdbc.sql("SELECT coalesce(max(number), 0) + 1 FROM budget_version WHERE year = :year").param("year", year)
			.query(Integer.class).single();
		long id = jdbc.sql("""
				INSERT INTO budget_version (year, number, status, base_intensity, decline_rate, period_target_cut, achieved_cut,
				  years_left, required_cut, applied_rate, target_intensity, forecast_gdp_10k_cny, city_budget_t, total_cap_t, total_t,
				  reserve_share, pool_t, sink_credit_t, reserve_t, source, created_at, created_by)
				VALUES (:year, :number, 'DRAFT', :base, :decline, :r, :ra, :n, :required, :rate, :target, :gdp, :city, :cap, :total,
				  :share, :pool, :sink, :reserve, :source, :at, :by) RETURNING id""")
			.param("year", year).param("number", number).param("base", in.baseIntensity()).param("decline", in.declineRate())
			.param("r", in.periodTargetCut()).param("ra", in.achievedCut()).param("n", in.yearsLeft()).param("required", required)
			.param("rate", rate).param("target", target).param("gdp", in.forecastGdp()).param("city", city).param("cap", in.totalCap())
			.param("total", total).param("share", in.reserveShare()).param("pool", in.pool()).param("sink", sinkCredit)
			.param("reserve", reserve).param("source", in.source()).param("at", now()).param("by", AccessScope.current().actor())
			.query(Long.class).single();
		sinks.recordCredit(id, year, total, sinkCredit, in.sinkCredit() != null);
		BudgetYear created = version(id, true);
		audit.record("budget.draft-created", "budget-version", year + "/" + number, null, created);
		return created;
	}

	/**
	 * Allocates a draft to counties by one method, replacing an earlier allocation of the same draft (and what lay below
	 * the counties), with the preview's arithmetic ({@link Allocations#preview}) on the allocatable part minus the city's
	 * direct holders' budgets ({@link SubAllocations}) and no reserve of its own.
	 */
	@Transactional
	public BudgetYear allocate(int year, int number, Method method, List<BudgetAllocation.Holder> holders) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		long id = idOf(year, number);
		BudgetYear before = version(id, true);
		requireNotPublished(before);
		if (before.status() != Status.DRAFT) {
			throw new RuleViolationException("budget " + year + " version " + number + " is in " + before.status()
					+ ": only a draft is allocated (a new draft version changes it)", true);
		}
		if (method == null) {
			throw new InvalidInputException("method", "is required");
		}
		List<InputError> errors = new ArrayList<>();
		if (holders != null) {
			for (int i = 0; i < holders.size(); i++) {
				BudgetAllocation.Holder h = holders.get(i);
				if (h != null && h.code() != null && !registry.isCounty(h.code())) {
					errors.add(InputError.field("holders[" + i + "].code", "is not a county-level division of the registry"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		// the city's direct holders (parks, enterprises) take their part first; the counties divide the rest
		BigDecimal direct = HolderTree.directSum(jdbc, id);
		BudgetAllocation.Preview p = Allocations.preview(new BudgetAllocation.Request(Tco2.of(before.allocatable().subtract(direct)),
				BigDecimal.ZERO, method, holders));
		HolderTree.clearCounties(jdbc, id);
		BigDecimal allocated = direct;
		for (int i = 0; i < holders.size(); i++) {
			BudgetAllocation.Holder in = holders.get(i);
			HolderBudget out = p.holders().get(i);
			allocated = allocated.add(out.budget().value());
			jdbc.sql("""
					INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, gdp_10k_cny, population, base_emissions_t,
					  base_intensity, forecast_gdp_10k_cny, decline_rate, weight, raw, share, quota_t, budget_t)
					VALUES (:id, :code, 'COUNTY', NULL, :line, :gdp, :pop, :base, :intensity, :fgdp, :decline, :weight, :raw, :share, :quota, :budget)""")
				.param("id", id).param("code", out.code()).param("line", i).param("gdp", value(in.gdp())).param("pop", in.population())
				.param("base", value(in.baseEmissions())).param("intensity", value(in.baseIntensity())).param("fgdp", value(in.forecastGdp()))
				.param("decline", in.declineRate()).param("weight", in.weight()).param("raw", out.raw()).param("share", out.share())
				.param("quota", out.quota().value()).param("budget", out.budget().value()).update();
		}
		BigDecimal reserve = before.total().subtract(before.pool()).subtract(before.sinkCredit()).subtract(allocated);
		jdbc.sql("UPDATE budget_version SET method = :method, reserve_t = :reserve WHERE id = :id")
			.param("method", method.name()).param("reserve", reserve).param("id", id).update();
		BudgetYear after = version(id, true);
		audit.record("budget.allocated", "budget-version", year + "/" + number, before, after);
		return after;
	}

	/**
	 * Publishes a version the leading group approved (recorded by a city role, as the platform has no leading-group
	 * role); from then on it never changes.
	 */
	@Transactional
	public BudgetYear publish(int year, int number, String comment) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		long id = idOf(year, number);
		BudgetYear before = version(id, true);
		requireNotPublished(before);
		if (before.status() != Status.LEADING_GROUP_REVIEW) {
			throw new RuleViolationException("budget " + year + " version " + number + " is in " + before.status()
					+ ": it is published after county, city and leading-group review");
		}
		jdbc.sql("UPDATE budget_version SET status = 'PUBLISHED', published_at = :at, published_by = :by WHERE id = :id")
			.param("at", now()).param("by", AccessScope.current().actor()).param("id", id).update();
		step(id, before.status(), Status.PUBLISHED, comment);
		BudgetYear after = version(id, true);
		audit.record("budget.published", "budget-version", year + "/" + number, before, after);
		events.publishEvent(new BudgetVersionPublished(year, number));
		return after;
	}

	/**
	 * The year's latest published version, else its latest draft, for the city's roles, county officers, park managers
	 * and enterprise users; below the city the holder lines are those of {@link HolderScope}: a county officer its
	 * county and the parks and enterprises in it, a park manager its park and its enterprises, an enterprise user its
	 * own line.
	 */
	@Transactional(readOnly = true)
	public BudgetYear current(int year) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
		Long id = jdbc.sql("""
				SELECT id FROM budget_version WHERE year = :year
				ORDER BY (status = 'PUBLISHED') DESC, number DESC LIMIT 1""").param("year", year).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("budget of " + year));
		BudgetYear y = version(id, true);
		if (scope.isCityWide()) {
			return y;
		}
		return withHolders(y, HolderScope.visible(registry, scope, y.holders()), y.steps());
	}

	/** One version of a year, scoped as {@link #current} (a county officer sees its own county's line only). */
	@Transactional(readOnly = true)
	public BudgetYear version(int year, int number) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		BudgetYear y = version(idOf(year, number), true);
		if (scope.isCityWide()) {
			return y;
		}
		return withHolders(y, y.holders().stream().filter(h -> h.code().equals(scope.countyCode())).toList(), y.steps());
	}

	/** The year's latest published version with its county-level budgets, for the public (without the approval steps). */
	@Transactional(readOnly = true)
	public BudgetYear published(int year) {
		Long id = jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND status = 'PUBLISHED' ORDER BY number DESC LIMIT 1")
			.param("year", year).query(Long.class).optional().orElseThrow(() -> new NotFoundException("published budget of " + year));
		BudgetYear y = version(id, true);
		// the public sees the figures, not who reviewed them with which comment
		return withHolders(y, y.holders().stream().filter(h -> h.kind() == Kind.COUNTY).toList(), List.of());
	}

	private static BudgetYear withHolders(BudgetYear y, List<Holder> holders, List<Step> steps) {
		return new BudgetYear(y.year(), y.version(), y.status(), y.baseIntensity(), y.declineRate(), y.periodTargetCut(), y.achievedCut(),
				y.yearsLeft(), y.requiredCut(), y.appliedRate(), y.targetIntensity(), y.forecastGdp(), y.cityBudget(), y.totalCap(), y.total(),
				y.reserveShare(), y.reserve(), y.pool(), y.sinkCredit(), y.allocatable(), y.allocated(), y.method(), y.source(), y.publishedAt(),
				steps, y.executionStatus(), holders);
	}

	private long idOf(int year, int number) {
		return jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND number = :number").param("year", year).param("number", number)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("budget " + year + " version " + number));
	}

	private static void requireNotPublished(BudgetYear v) {
		if (v.status() == Status.PUBLISHED) {
			throw new RuleViolationException("budget " + v.year() + " version " + v.version() + " is published and never changes", true);
		}
	}

	private BudgetYear version(long id, boolean withHolders) {
		List<Holder> holders = withHolders ? jdbc.sql("""
				SELECT h.code, h.kind, h.parent_code, h.raw, h.share, h.budget_t, h.national_ets, h.ets_override_reason, h.pre_allocated_t,
				  h.budget_t - c.below_t AS common_t
				FROM budget_holder h
				LEFT JOIN (SELECT parent_code, sum(budget_t) AS below_t FROM budget_holder WHERE version_id = :id GROUP BY parent_code) c
				  ON c.parent_code = h.code
				WHERE h.version_id = :id
				ORDER BY (h.kind = 'COUNTY') DESC, h.parent_code NULLS FIRST, h.line_no""")
			.param("id", id)
			.query((rs, n) -> new Holder(rs.getString("code"), Kind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
					plain(rs.getBigDecimal("raw")), plain(rs.getBigDecimal("share")), plain(rs.getBigDecimal("budget_t")), null, null, null,
					rs.getBoolean("national_ets"), rs.getString("ets_override_reason"), plain(rs.getBigDecimal("pre_allocated_t")),
					plain(rs.getBigDecimal("common_t"))))
			.list() : List.of();
		return jdbc.sql("SELECT * FROM budget_version WHERE id = :id").param("id", id).query((rs, n) -> row(rs, holders)).single();
	}

	private BudgetYear row(ResultSet rs, List<Holder> holders) throws SQLException {
		BigDecimal total = rs.getBigDecimal("total_t");
		BigDecimal pool = rs.getBigDecimal("pool_t");
		BigDecimal sink = rs.getBigDecimal("sink_credit_t");
		BigDecimal share = rs.getBigDecimal("reserve_share");
		BigDecimal allocatable = total.subtract(pool).subtract(sink).subtract(Rounding.stored(total.multiply(share)));
		String method = rs.getString("method");
		BigDecimal allocated = method == null ? null
				: HolderTree.top(holders).stream().map(Holder::budget).reduce(BigDecimal.ZERO, BigDecimal::add);
		Integer yearsLeft = (Integer) rs.getObject("years_left");
		OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
		return new BudgetYear(rs.getInt("year"), rs.getInt("number"), Status.valueOf(rs.getString("status")),
				plain(rs.getBigDecimal("base_intensity")), plain(rs.getBigDecimal("decline_rate")), plain(rs.getBigDecimal("period_target_cut")),
				plain(rs.getBigDecimal("achieved_cut")), yearsLeft, plain(rs.getBigDecimal("required_cut")), plain(rs.getBigDecimal("applied_rate")),
				plain(rs.getBigDecimal("target_intensity")), plain(rs.getBigDecimal("forecast_gdp_10k_cny")), plain(rs.getBigDecimal("city_budget_t")),
				plain(rs.getBigDecimal("total_cap_t")), plain(total), plain(share), plain(rs.getBigDecimal("reserve_t")), plain(pool), plain(sink),
				plain(allocatable), plain(allocated), method == null ? null : Method.valueOf(method), rs.getString("source"),
				published == null ? null : published.atZoneSameInstant(clock.getZone()).toOffsetDateTime(), steps(rs.getLong("id")),
				ExecutionStatus.NOT_AVAILABLE, holders);
	}

	private List<Step> steps(long id) {
		return jdbc.sql("SELECT * FROM budget_step WHERE version_id = :id ORDER BY id").param("id", id)
			.query((rs, n) -> new Step(Status.valueOf(rs.getString("from_status")), Status.valueOf(rs.getString("to_status")),
					rs.getString("actor"), Role.valueOf(rs.getString("role")), rs.getString("comment"),
					rs.getObject("taken_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toOffsetDateTime()))
			.list();
	}

	/**
	 * Takes the next approval step of an allocated version (audited, the comment kept): DRAFT → COUNTY_REVIEW (city
	 * roles), COUNTY_REVIEW → CITY_REVIEW (a county officer or the city), CITY_REVIEW → LEADING_GROUP_REVIEW (city
	 * roles). Publication ({@link #publish}) is the leading group's approval, recorded by a city role.
	 */
	@Transactional
	public BudgetYear advance(int year, int number, String comment) {
		AccessScope scope = AccessScope.current();
		long id = idOf(year, number);
		BudgetYear before = version(id, true);
		Status to = switch (before.status()) {
			case DRAFT -> {
				scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
				if (before.method() == null) {
					throw new RuleViolationException("budget " + year + " version " + number + " is not allocated yet: allocate it before review");
				}
				yield Status.COUNTY_REVIEW;
			}
			case COUNTY_REVIEW -> {
				scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
				yield Status.CITY_REVIEW;
			}
			case CITY_REVIEW -> {
				scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
				yield Status.LEADING_GROUP_REVIEW;
			}
			case LEADING_GROUP_REVIEW -> throw new RuleViolationException("budget " + year + " version " + number
					+ " awaits the leading group's approval: publish it");
			case PUBLISHED -> throw new RuleViolationException("budget " + year + " version " + number + " is published and never changes", true);
		};
		jdbc.sql("UPDATE budget_version SET status = :to WHERE id = :id").param("to", to.name()).param("id", id).update();
		step(id, before.status(), to, comment);
		BudgetYear after = version(id, true);
		audit.record("budget.step", "budget-version", year + "/" + number, before, after);
		return after;
	}

	private void step(long id, Status from, Status to, String comment) {
		jdbc.sql("""
				INSERT INTO budget_step (version_id, from_status, to_status, actor, role, comment, taken_at)
				VALUES (:id, :from, :to, :actor, :role, :comment, :at)""")
			.param("id", id).param("from", from.name()).param("to", to.name()).param("actor", AccessScope.current().actor())
			.param("role", AccessScope.current().role().name()).param("comment", comment).param("at", now()).update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	private static BigDecimal value(org.peakpilot.shared.Quantity q) {
		return q == null ? null : q.value();
	}

	static BigDecimal plain(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal r = v.stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}
}
