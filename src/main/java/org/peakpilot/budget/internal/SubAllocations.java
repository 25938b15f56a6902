package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.peakpilot.registry.RegistryModel.Park;
import org.peakpilot.registry.RegistryModel.Region;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Parks and enterprises as holders of a draft version (ADR 0016, amendment "parks, enterprises and methods side by
 * side"): the only write path of the lines below the counties and of the city's direct holders.
 * <p>
 * A sub-allocation divides one parent's amount among the holders directly below it, by its own method, with the
 * preview's arithmetic ({@link Allocations#preview}, whole tonnes by largest remainder):
 * <ul>
 * <li>level {@code CITY}: the city's direct parks and enterprises (parent = the city's region code) divide
 * {@code amount_t}, taken from the allocatable part before the counties; an allocated county division is divided
 * again from its stored inputs ({@link BudgetVersions#allocate}), which clears what lay below the counties;</li>
 * <li>level {@code COUNTY}: a county's budget minus {@code common_t} among its parks and enterprises;</li>
 * <li>level {@code PARK}: a park's budget minus {@code common_t} among its enterprises.</li>
 * </ul>
 * So total = Σ counties + Σ direct holders + reserve + pool + sink credit, and a county's (park's) budget = Σ holders
 * below it + its common part. National-ETS enterprises (marked with a source) are listed with 0 t and take no part in
 * the division unless the office gives an override reason. A pre-allocation share p issues round(p × Σ budgets) whole
 * tonnes now, spread by largest remainder over the budgets; the rest waits for the true-up ({@link TrueUps}).
 * Re-dividing a parent replaces what lay below it. City roles divide every level; a county officer proposes the
 * division of its own county and of the parks the version places in it (a draft, reviewed by the city in the
 * version's approval steps), nothing else. Audited ({@code budget.sub-allocated}) with the actor.
 */
@Component
public class SubAllocations {

	/** Longest text of an ETS source or override reason. */
	public static final int MAX_TEXT = 2000;

	private static final Pattern HOLDER_FIELD = Pattern.compile("^holders\\[(\\d+)\\]");

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Registry registry;
	private final BudgetVersions versions;

	SubAllocations(JdbcClient jdbc, AuditLog audit, Clock clock, Registry registry, BudgetVersions versions) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.registry = registry;
		this.versions = versions;
	}

	/** The level of a division: whose budget it divides. */
	@Schema(name = "BudgetSubAllocationLevel", description = "CITY: the city's direct parks and enterprises; COUNTY: a county's parks and enterprises; PARK: a park's enterprises · 分配层级：市直接分配、区县、园区")
	public enum Level {
		CITY, COUNTY, PARK
	}

	/** One holder to divide among: its kind, figures and national-ETS marking. */
	public record SubHolder(String code, Kind kind, String parent, BudgetAllocation.Holder figures, boolean nationalEts, String etsSource,
			String etsOverrideReason) {
	}

	/** A division of one parent's amount. */
	public record Request(Level level, String parent, Method method, BigDecimal amount, BigDecimal common, BigDecimal preAllocationShare,
			List<SubHolder> holders) {
	}

	/** What a division gave. */
	@Schema(name = "BudgetSubAllocation", description = "One division of a parent's budget among the parks and enterprises below it · 将上级预算分配给其下园区、企业的结果")
	public record Answer(
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "The version number · 版本号") int version,
			@Schema(description = "Whose budget is divided · 分配层级") Level level,
			@Schema(description = "The parent's code: the city's region code (CITY), a county's code, a park's code · 上级单位代码") String parent,
			@Schema(description = "The method of this level · 本层级分配方法") Method method,
			@JsonProperty("parent_budget_t") @Schema(description = "The parent's budget, whole tCO2; null for the city · 上级预算，吨二氧化碳") BigDecimal parentBudget,
			@JsonProperty("amount_t") @Schema(description = "What the method divided, whole tCO2 · 本次分配量，吨二氧化碳") BigDecimal amount,
			@JsonProperty("allocated_t") @Schema(description = "Σ budget_t of the holders, whole tCO2 · 已分配量，吨二氧化碳") BigDecimal allocated,
			@JsonProperty("common_t") @Schema(description = "What the parent keeps: parent_budget_t − allocated_t, tCO2 (0 for the city, whose rest is the reserve) · 上级自留（公共）部分，吨二氧化碳") BigDecimal common,
			@JsonProperty("pre_allocation_share") @Schema(description = "Share issued now, fraction of 1; null: no pre-allocation · 预分配比例") BigDecimal preAllocationShare,
			@Schema(description = "amount_t ÷ Σ raw of the holders that took part; the true-up multiplies the verified raw figure by it · 缩放系数（清算时使用）") BigDecimal scale,
			@Schema(description = "The holders, in the order given · 各单位") List<Line> holders) {
	}

	/** One holder's line of a division. */
	@Schema(name = "BudgetSubAllocationLine", description = "One park's or enterprise's budget · 园区或企业预算")
	public record Line(
			@Schema(description = "Park code or enterprise USCC · 园区代码或企业统一社会信用代码") String code,
			@Schema(description = "PARK or ENTERPRISE · 单位类型") Kind kind,
			@Schema(description = "The parent's code · 上级单位代码") String parent,
			@Schema(description = "The method's raw figure (0 for an ETS enterprise without override) · 方法原始值") BigDecimal raw,
			@Schema(description = "raw ÷ Σ raw, fraction of 1 · 份额") BigDecimal share,
			@JsonProperty("quota_t") @Schema(description = "amount_t × share before rounding, tCO2 · 取整前份额量，吨二氧化碳") BigDecimal quota,
			@JsonProperty("budget_t") @Schema(description = "The budget, whole tCO2 · 预算，吨二氧化碳") BigDecimal budget,
			@JsonProperty("pre_allocated_t") @Schema(description = "Issued now, whole tCO2; null without pre-allocation · 预分配量，吨二氧化碳") BigDecimal preAllocated,
			@JsonProperty("national_ets") @Schema(description = "In the national carbon market · 纳入全国碳市场") boolean nationalEts,
			@JsonProperty("ets_override_reason") @Schema(description = "Why it gets a budget all the same · 仍分配预算的理由") String etsOverrideReason) {
	}

	/** Divides one parent's amount among the holders below it, replacing an earlier division of the same parent. */
	@Transactional
	public Answer allocate(int year, int number, Request in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		Version v = draft(year, number);
		List<InputError> errors = new ArrayList<>();
		if (in.level() == null) {
			errors.add(InputError.field("level", "is required: one of " + List.of(Level.values())));
		}
		if (in.method() == null) {
			errors.add(InputError.field("method", "is required: one of " + List.of(Method.values())));
		}
		if (in.holders() == null || in.holders().isEmpty()) {
			errors.add(InputError.field("holders", "at least one holder is required"));
		}
		else if (in.holders().size() > BudgetAllocation.MAX_HOLDERS) {
			errors.add(InputError.field("holders", "at most " + BudgetAllocation.MAX_HOLDERS + " holders, got " + in.holders().size()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Map<String, Existing> existingNow = existing(v.id());
		if (!scope.isCityWide()) {
			// a county officer proposes the division of its own county and of the parks the version places in it
			Existing p = in.parent() == null ? null : existingNow.get(in.parent());
			boolean own = in.level() == Level.COUNTY ? scope.countyCode().equals(in.parent())
					: in.level() == Level.PARK && p != null && scope.countyCode().equals(p.parent());
			if (!own) {
				throw new AccessDeniedException(scope.actor() + " divides only county " + scope.countyCode() + " and the parks in it");
			}
		}
		String city = registry.regions().stream().filter(r -> r.parentCode() == null).map(Region::code).findFirst().orElseThrow();
		Map<String, Existing> existing = existingNow;
		// the parent and what it divides
		String parent;
		BigDecimal parentBudget = null;
		BigDecimal amount;
		if (in.level() == Level.CITY) {
			parent = city;
			if (in.parent() != null && !in.parent().equals(city)) {
				errors.add(InputError.field("parent", "must be the city's region code " + city + " (or absent) for level CITY"));
			}
			BigDecimal max = v.allocatable().setScale(0, RoundingMode.FLOOR);
			amount = in.amount();
			if (amount == null) {
				errors.add(InputError.field("amount_t", "is required for level CITY: the whole tonnes the city allocates directly"));
			}
			else if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0 || amount.compareTo(max) > 0) {
				errors.add(InputError.field("amount_t", "must be whole tonnes from 0 to the allocatable " + max.toPlainString() + " t"));
			}
			if (in.common() != null && in.common().signum() != 0) {
				errors.add(InputError.field("common_t", "the city keeps no common part: its rest is the reserve"));
			}
		}
		else {
			parent = in.parent();
			Existing p = parent == null ? null : existing.get(parent);
			Kind want = in.level() == Level.COUNTY ? Kind.COUNTY : Kind.PARK;
			if (parent == null || parent.isBlank()) {
				errors.add(InputError.field("parent", "is required for level " + in.level()));
			}
			else if (p == null || p.kind() != want) {
				errors.add(InputError.field("parent", "is not a " + want + " holder of budget " + year + " version " + number
						+ (want == Kind.COUNTY ? ": allocate the counties first" : ": allocate the park first")));
			}
			else if (p.nationalEts()) {
				errors.add(InputError.field("parent", "is a national-ETS holder"));
			}
			if (in.amount() != null) {
				errors.add(InputError.field("amount_t", "is for level CITY; a county or park divides its budget minus common_t"));
			}
			BigDecimal common = in.common() == null ? BigDecimal.ZERO : in.common();
			if (p != null && p.kind() == want) {
				parentBudget = p.budget();
				if (common.signum() < 0 || common.stripTrailingZeros().scale() > 0 || common.compareTo(parentBudget) > 0) {
					errors.add(InputError.field("common_t", "must be whole tonnes from 0 to the parent's budget " + parentBudget.toPlainString() + " t"));
				}
			}
			amount = parentBudget == null ? BigDecimal.ZERO : parentBudget.subtract(common).max(BigDecimal.ZERO);
		}
		BigDecimal p = in.preAllocationShare();
		if (p != null && (p.signum() <= 0 || p.compareTo(BigDecimal.ONE) > 0 || p.stripTrailingZeros().scale() > 12)) {
			// the decimals are bounded before the share multiplies anything (1e-999999999 would be a billion-digit product)
			errors.add(InputError.field("pre_allocation_share", "must be above 0 and at most 1 with at most 12 decimals (0.7 issues 70 % now)"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		// what lies below the parent now is replaced; every other holder of the version stays
		Set<String> replaced = below(v.id(), parent);
		checkHolders(errors, in, parent, existing, replaced);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		// the division: ETS enterprises without override take no part
		List<Integer> taking = new ArrayList<>();
		for (int i = 0; i < in.holders().size(); i++) {
			SubHolder h = in.holders().get(i);
			if (!h.nationalEts() || h.etsOverrideReason() != null) {
				taking.add(i);
			}
		}
		BudgetAllocation.Preview preview = null;
		if (!taking.isEmpty()) {
			List<BudgetAllocation.Holder> figures = taking.stream().map(i -> in.holders().get(i).figures()).toList();
			try {
				preview = Allocations.preview(new BudgetAllocation.Request(Tco2.of(amount), BigDecimal.ZERO, in.method(), figures));
			}
			catch (InvalidInputException e) {
				throw new InvalidInputException(e.errors().stream().map(err -> renamed(err, taking)).toList());
			}
		}
		int n = in.holders().size();
		BigDecimal[] raw = new BigDecimal[n];
		BigDecimal[] share = new BigDecimal[n];
		BigDecimal[] quota = new BigDecimal[n];
		BigDecimal[] budget = new BigDecimal[n];
		for (int i = 0; i < n; i++) {
			raw[i] = BigDecimal.ZERO;
			share[i] = BigDecimal.ZERO;
			quota[i] = BigDecimal.ZERO;
			budget[i] = BigDecimal.ZERO;
		}
		for (int k = 0; k < taking.size(); k++) {
			BudgetAllocation.HolderBudget b = preview.holders().get(k);
			int i = taking.get(k);
			raw[i] = b.raw();
			share[i] = b.share();
			quota[i] = b.quota().value();
			budget[i] = b.budget().value();
		}
		BigDecimal allocated = List.of(budget).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal scale = preview == null || preview.rawSum().signum() == 0 ? null : amount.divide(preview.rawSum(), Rounding.WORKING);
		BigDecimal[] pre = preAllocated(in, p, budget);
		Answer before = current(v, parent);
		HolderTree.clearBelow(jdbc, v.id(), parent);
		for (int i = 0; i < n; i++) {
			SubHolder h = in.holders().get(i);
			BudgetAllocation.Holder f = h.figures();
			jdbc.sql("""
					INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, gdp_10k_cny, population, base_emissions_t,
					  base_intensity, forecast_gdp_10k_cny, decline_rate, weight, output, benchmark_t_per_unit, historical_intensity_t_per_unit,
					  control_factor, days, raw, share, quota_t, budget_t, national_ets, ets_source, ets_override_reason, pre_allocated_t)
					VALUES (:id, :code, :kind, :parent, :line, :gdp, :pop, :base, :intensity, :fgdp, :decline, :weight, :output, :benchmark,
					  :hist, :f, :days, :raw, :share, :quota, :budget, :ets, :etsSource, :override, :pre)""")
				.param("id", v.id()).param("code", h.code()).param("kind", h.kind().name()).param("parent", parent).param("line", i)
				.param("gdp", f.gdp() == null ? null : f.gdp().value()).param("pop", f.population())
				.param("base", f.baseEmissions() == null ? null : f.baseEmissions().value())
				.param("intensity", f.baseIntensity() == null ? null : f.baseIntensity().value())
				.param("fgdp", f.forecastGdp() == null ? null : f.forecastGdp().value()).param("decline", f.declineRate())
				.param("weight", f.weight()).param("output", f.output()).param("benchmark", f.benchmarkIntensity())
				.param("hist", f.historicalIntensity()).param("f", f.controlFactor()).param("days", f.days())
				.param("raw", raw[i]).param("share", share[i]).param("quota", quota[i]).param("budget", budget[i])
				.param("ets", h.nationalEts()).param("etsSource", h.etsSource()).param("override", h.etsOverrideReason()).param("pre", pre[i])
				.update();
		}
		BigDecimal common = parentBudget == null ? BigDecimal.ZERO : parentBudget.subtract(allocated);
		jdbc.sql("""
				INSERT INTO budget_sub_allocation (version_id, parent_code, level, method, amount_t, common_t, pre_allocation_share, scale,
				  created_at, created_by)
				VALUES (:id, :parent, :level, :method, :amount, :common, :p, :scale, :at, :by)""")
			.param("id", v.id()).param("parent", parent).param("level", in.level().name()).param("method", in.method().name())
			.param("amount", amount).param("common", common).param("p", p).param("scale", scale)
			.param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone())).param("by", AccessScope.current().actor()).update();
		if (in.level() == Level.CITY) {
			reDivideCounties(year, number, v);
		}
		Answer after = current(v, parent);
		audit.record("budget.sub-allocated", "budget-version", year + "/" + number, before, after);
		return after;
	}

	/**
	 * After the city's direct holders changed: an allocated county division is divided again from its stored inputs
	 * and method (by {@link BudgetVersions#allocate}, which takes the direct holders' part first); before that, the
	 * reserve is total − pool − sink credit − Σ direct budgets.
	 */
	private void reDivideCounties(int year, int number, Version v) {
		String method = jdbc.sql("SELECT method FROM budget_version WHERE id = :id").param("id", v.id()).query(String.class).single();
		List<BudgetAllocation.Holder> counties = jdbc.sql("""
				SELECT * FROM budget_holder WHERE version_id = :id AND kind = 'COUNTY' ORDER BY line_no""").param("id", v.id())
			.query((rs, i) -> new BudgetAllocation.Holder(rs.getString("code"), org.peakpilot.shared.Cny10k.of(rs.getBigDecimal("gdp_10k_cny")),
					rs.getBigDecimal("population"), Tco2.of(rs.getBigDecimal("base_emissions_t")),
					org.peakpilot.shared.Tco2PerCny10k.of(rs.getBigDecimal("base_intensity")),
					org.peakpilot.shared.Cny10k.of(rs.getBigDecimal("forecast_gdp_10k_cny")), rs.getBigDecimal("decline_rate"),
					rs.getBigDecimal("weight")))
			.list();
		if (method != null && !counties.isEmpty()) {
			versions.allocate(year, number, Method.valueOf(method), counties);
			return;
		}
		jdbc.sql("UPDATE budget_version SET reserve_t = total_t - pool_t - sink_credit_t - :direct WHERE id = :id")
			.param("direct", HolderTree.directSum(jdbc, v.id())).param("id", v.id()).update();
	}

	/** p × Σ budgets, half up to whole tonnes, spread by largest remainder over the budgets (each at most its budget). */
	private static BigDecimal[] preAllocated(Request in, BigDecimal p, BigDecimal[] budget) {
		int n = budget.length;
		BigDecimal[] pre = new BigDecimal[n];
		if (p == null) {
			return pre;
		}
		List<Integer> enterprises = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (in.holders().get(i).kind() == Kind.ENTERPRISE) {
				enterprises.add(i);
			}
		}
		BigDecimal sum = enterprises.stream().map(i -> budget[i]).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (sum.signum() == 0) {
			enterprises.forEach(i -> pre[i] = BigDecimal.ZERO);
			return pre;
		}
		BigDecimal amount = sum.multiply(p).setScale(0, Rounding.MODE);
		List<BigDecimal> parts = LargestRemainder.divide(amount, enterprises.stream().map(i -> budget[i]).toList(),
				enterprises.stream().map(i -> in.holders().get(i).code()).toList());
		for (int k = 0; k < enterprises.size(); k++) {
			pre[enterprises.get(k)] = parts.get(k);
		}
		return pre;
	}

	private void checkHolders(List<InputError> errors, Request in, String parent, Map<String, Existing> existing,
			Set<String> replaced) {
		Map<String, Park> parks = new HashMap<>();
		registry.parks().forEach(pk -> parks.put(pk.code(), pk));
		Map<String, Enterprise> enterprises = new HashMap<>();
		registry.enterprises(EnterpriseQuery.ALL).forEach(e -> enterprises.put(e.uscc(), e));
		Map<Long, String> parkCodes = new HashMap<>();
		parks.values().forEach(pk -> parkCodes.put(pk.id(), pk.code()));
		Set<String> parksHere = new HashSet<>();
		for (SubHolder h : in.holders()) {
			if (h != null && h.kind() == Kind.PARK && h.code() != null) {
				parksHere.add(h.code());
			}
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < in.holders().size(); i++) {
			String at = "holders[" + i + "].";
			SubHolder h = in.holders().get(i);
			if (h == null) {
				errors.add(InputError.field("holders[" + i + "]", "is required"));
				continue;
			}
			if (h.kind() == null || h.kind() == Kind.COUNTY) {
				errors.add(InputError.field(at + "kind", "is required: PARK or ENTERPRISE (counties are allocated by the city's allocation)"));
			}
			else if (h.kind() == Kind.PARK && in.level() == Level.PARK) {
				errors.add(InputError.field(at + "kind", "a park divides its budget among enterprises only"));
			}
			if (h.parent() != null && !h.parent().equals(parent)) {
				errors.add(InputError.field(at + "parent", "must be " + parent + ", the parent this division divides"));
			}
			if (h.nationalEts() && h.kind() != Kind.ENTERPRISE) {
				errors.add(InputError.field(at + "national_ets", "only enterprises are in the national carbon market"));
			}
			if (h.nationalEts() && (h.etsSource() == null || h.etsSource().isBlank())) {
				errors.add(InputError.field(at + "ets_source", "is required for a national-ETS enterprise (the list it is on)"));
			}
			if (!h.nationalEts() && (h.etsSource() != null || h.etsOverrideReason() != null)) {
				errors.add(InputError.field(at + "national_ets", "must be true where ets_source or ets_override_reason is given"));
			}
			if (h.code() == null || h.code().isBlank()) {
				errors.add(InputError.field(at + "code", "is required"));
				continue;
			}
			if (h.code().length() > BudgetAllocation.MAX_CODE_LENGTH) {
				errors.add(InputError.field(at + "code", "at most " + BudgetAllocation.MAX_CODE_LENGTH + " characters"));
				continue;
			}
			if (!seen.add(h.code())) {
				errors.add(InputError.field(at + "code", "is listed twice"));
				continue;
			}
			if (h.kind() == null) {
				continue;
			}
			Existing other = existing.get(h.code());
			if (other != null && !replaced.contains(h.code())) {
				errors.add(InputError.field(at + "code", "is already a holder of this version (below " + other.parent() + ")"));
				continue;
			}
			if (h.kind() == Kind.PARK) {
				Park pk = parks.get(h.code());
				if (pk == null) {
					errors.add(InputError.field(at + "code", "is not a park code of the registry"));
				}
				else if (in.level() == Level.COUNTY && !pk.countyCode().equals(parent)) {
					errors.add(InputError.field(at + "parent", "park " + pk.code() + " lies in county " + pk.countyCode() + ", not " + parent));
				}
			}
			else if (h.kind() == Kind.ENTERPRISE) {
				Enterprise e = enterprises.get(h.code());
				if (e == null) {
					errors.add(InputError.field(at + "code", "is not the USCC of an enterprise of the registry"));
					continue;
				}
				String park = e.parkId() == null ? null : parkCodes.get(e.parkId());
				if (in.level() == Level.PARK && !parent.equals(park)) {
					errors.add(InputError.field(at + "parent", "enterprise " + e.uscc() + " lies " + (park == null ? "in no park" : "in park " + park)
							+ ", not in " + parent));
				}
				else if (in.level() == Level.COUNTY) {
					if (!e.countyCode().equals(parent)) {
						errors.add(InputError.field(at + "parent", "enterprise " + e.uscc() + " lies in county " + e.countyCode() + ", not " + parent));
					}
					else if (park != null && (parksHere.contains(park) || (existing.containsKey(park) && !replaced.contains(park)))) {
						errors.add(InputError.field(at + "parent", "enterprise " + e.uscc() + " lies in park " + park
								+ ", a holder of this version: allocate it within the park (level PARK)"));
					}
				}
			}
		}
	}

	/** An error of the arithmetic on the taking holders, named by the holder's index in the request. */
	private static InputError renamed(InputError err, List<Integer> taking) {
		Matcher m = HOLDER_FIELD.matcher(err.field());
		if (!m.find()) {
			return err;
		}
		int i = taking.get(Integer.parseInt(m.group(1)));
		return InputError.field("holders[" + i + "]" + err.field().substring(m.end()), err.message());
	}

	record Version(long id, int year, int number, BigDecimal allocatable) {
	}

	record Existing(String code, Kind kind, String parent, BigDecimal budget, boolean nationalEts) {
	}

	private Version draft(int year, int number) {
		Version v = jdbc.sql("""
				SELECT id, year, number, status, total_t - pool_t - sink_credit_t - round(total_t * reserve_share, 6) AS allocatable
				FROM budget_version WHERE year = :year AND number = :number""")
			.param("year", year).param("number", number)
			.query((rs, n) -> {
				String status = rs.getString("status");
				if (!status.equals("DRAFT")) {
					throw new RuleViolationException("budget " + year + " version " + number + " is " + status
							+ ": only a draft is allocated (a new draft version changes it)", true);
				}
				return new Version(rs.getLong("id"), year, number, rs.getBigDecimal("allocatable"));
			})
			.optional().orElseThrow(() -> new NotFoundException("budget " + year + " version " + number));
		return v;
	}

	private Map<String, Existing> existing(long id) {
		Map<String, Existing> out = new HashMap<>();
		jdbc.sql("SELECT code, kind, parent_code, budget_t, national_ets FROM budget_holder WHERE version_id = :id").param("id", id)
			.query((rs, n) -> new Existing(rs.getString("code"), Kind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
					rs.getBigDecimal("budget_t"), rs.getBoolean("national_ets")))
			.list().forEach(e -> out.put(e.code(), e));
		return out;
	}

	private Set<String> below(long id, String parent) {
		return new HashSet<>(jdbc.sql("""
				WITH RECURSIVE below AS (
				  SELECT code FROM budget_holder WHERE version_id = :id AND parent_code = :parent
				  UNION SELECT h.code FROM budget_holder h JOIN below b ON h.parent_code = b.code WHERE h.version_id = :id)
				SELECT code FROM below""").param("id", id).param("parent", parent).query(String.class).list());
	}

	/** The division of a parent as stored; null before the first. */
	private Answer current(Version v, String parent) {
		List<Line> lines = jdbc.sql("""
				SELECT code, kind, parent_code, raw, share, quota_t, budget_t, pre_allocated_t, national_ets, ets_override_reason
				FROM budget_holder WHERE version_id = :id AND parent_code = :parent ORDER BY line_no""")
			.param("id", v.id()).param("parent", parent)
			.query((rs, n) -> new Line(rs.getString("code"), Kind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
					BudgetVersions.plain(rs.getBigDecimal("raw")), BudgetVersions.plain(rs.getBigDecimal("share")),
					BudgetVersions.plain(rs.getBigDecimal("quota_t")), BudgetVersions.plain(rs.getBigDecimal("budget_t")),
					BudgetVersions.plain(rs.getBigDecimal("pre_allocated_t")), rs.getBoolean("national_ets"), rs.getString("ets_override_reason")))
			.list();
		return jdbc.sql("""
				SELECT s.level, s.method, s.amount_t, s.common_t, s.pre_allocation_share, s.scale,
				  (SELECT budget_t FROM budget_holder p WHERE p.version_id = s.version_id AND p.code = s.parent_code) AS parent_budget
				FROM budget_sub_allocation s WHERE s.version_id = :id AND s.parent_code = :parent""")
			.param("id", v.id()).param("parent", parent)
			.query((rs, n) -> new Answer(v.year(), v.number(), Level.valueOf(rs.getString("level")), parent, Method.valueOf(rs.getString("method")),
					BudgetVersions.plain(rs.getBigDecimal("parent_budget")), BudgetVersions.plain(rs.getBigDecimal("amount_t")),
					BudgetVersions.plain(lines.stream().map(Line::budget).reduce(BigDecimal.ZERO, BigDecimal::add)),
					BudgetVersions.plain(rs.getBigDecimal("common_t")), BudgetVersions.plain(rs.getBigDecimal("pre_allocation_share")),
					rs.getBigDecimal("scale") == null ? null : rs.getBigDecimal("scale").round(Rounding.WORKING).stripTrailingZeros(), lines))
			.optional().orElse(null);
	}
}
