package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.BudgetVersionPublished;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adjustments of a year's published budget (issue 12 item 6, ADR 0016): requests filed in the plan folder's windows
 * ({@link BudgetSettings#adjustmentWindowMonths()}, Beijing months) by a county officer for its county (and the
 * holders it contains) or by a city role, reviewed by the city, then approved by the leading group (recorded by a
 * city role) or rejected; every step kept with its comment and audited.
 * <p>
 * Approval builds version n+1 of the year, PUBLISHED, from the latest published version (copied by all its columns
 * and all its holders' columns, whatever kinds of holder it has) plus the change, under the year's advisory lock
 * (the one that numbers versions), so two approvals never build on the same version; the old version never
 * changes. TRANSFER, RESERVE_DRAW, POOL_DRAW and CAPACITY_CLOSED move whole tonnes between the holders' chains
 * (a holder and the holders containing it), the reserve and the pool: the total stays exactly the same. A
 * GDP_REVISION re-floats the intensity budget: {@link CityBudget} on the version's target intensity and the revised
 * GDP, the sink credit re-capped at β, and the top-level holders re-divided by the version's method and stored
 * inputs through {@link Allocations#preview} (the same arithmetic as the allocation).
 */
@Component
public class Adjustments {

	private static final Logger log = LoggerFactory.getLogger(Adjustments.class);

	/** Longest reason and comment. */
	public static final int MAX_REASON = 2000;

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final BudgetSettings settings;
	private final SinkLedger sinks;
	private final ApplicationEventPublisher events;

	Adjustments(JdbcClient jdbc, AuditLog audit, Clock clock, BudgetSettings settings, SinkLedger sinks, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.settings = settings;
		this.sinks = sinks;
	}

	/** What an adjustment changes. */
	@Schema(name = "BudgetAdjustmentKind", description = """
			TRANSFER from_code → to_code; RESERVE_DRAW reserve → to_code; POOL_DRAW major-project pool → to_code; CAPACITY_CLOSED
			(收储) from_code → reserve; GDP_REVISION a revised forecast GDP re-floats the total and every budget · 调整类型：
			单位间划转；动用预留；动用重大项目池；关停产能收储；GDP 修正重算强度预算""")
	public enum Kind {
		TRANSFER, RESERVE_DRAW, POOL_DRAW, CAPACITY_CLOSED, GDP_REVISION
	}

	/** Where a request stands. */
	@Schema(name = "BudgetAdjustmentStatus", description = "CITY_REVIEW → LEADING_GROUP_REVIEW → APPROVED (a new published version), or REJECTED · 市级审核 → 领导小组审批 → 已批准（生成新发布版本），或已驳回")
	public enum Status {
		CITY_REVIEW, LEADING_GROUP_REVIEW, APPROVED, REJECTED
	}

	/** A request as filed, magnitudes checked by the API. */
	public record NewAdjustment(Kind kind, String fromCode, String toCode, BigDecimal amount, BigDecimal revisedGdp, String reason) {
	}

	/** One step of a request. */
	@Schema(name = "BudgetAdjustmentStep", description = "One step of an adjustment request · 调整申请的一个步骤")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Step(
			@Schema(description = "The status before; null when filed · 步骤前状态") Status from,
			@Schema(description = "The status after · 步骤后状态") Status to,
			@Schema(description = "Who took it (user name) · 操作人") String actor,
			@Schema(description = "The role they took it in · 角色") Role role,
			@Schema(description = "Their comment · 意见") String comment,
			@JsonProperty("taken_at") @Schema(description = "When, Beijing time · 时间") OffsetDateTime takenAt) {
	}

	/** A request and what became of it. */
	@Schema(name = "BudgetAdjustment", description = "An adjustment request of a year's published budget · 年度已发布预算的调整申请")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Adjustment(
			@Schema(description = "The request's id · 申请编号") long id,
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "What it changes · 调整类型") Kind kind,
			@Schema(description = "Where it stands · 状态") Status status,
			@JsonProperty("from_code") @Schema(description = "The holder giving tonnes (TRANSFER, CAPACITY_CLOSED); else null · 调出单位") String fromCode,
			@JsonProperty("to_code") @Schema(description = "The holder receiving tonnes (TRANSFER, RESERVE_DRAW, POOL_DRAW); else null · 调入单位") String toCode,
			@JsonProperty("amount_t") @Schema(description = "Whole tCO2 moved; null for GDP_REVISION · 调整量，吨二氧化碳") BigDecimal amount,
			@JsonProperty("revised_gdp_10k_cny") @Schema(description = "GDP_REVISION: the revised forecast GDP at constant prices, 10k CNY · 修正后的预测 GDP，万元") BigDecimal revisedGdp,
			@Schema(description = "Why, as filed · 申请理由") String reason,
			@JsonProperty("filed_on_version") @Schema(description = "The published version it was filed on · 申请时的发布版本") int filedOnVersion,
			@JsonProperty("applied_to_version") @Schema(description = "The published version the approval built on (the latest at approval); null until approved · 批准时所依据的版本") Integer appliedToVersion,
			@JsonProperty("result_version") @Schema(description = "The version the approval published; null until approved · 批准后生成的版本") Integer resultVersion,
			@JsonProperty("filed_by") @Schema(description = "Who filed it · 申请人") String filedBy,
			@JsonProperty("filed_at") @Schema(description = "When, Beijing time · 申请时间") OffsetDateTime filedAt,
			@Schema(description = "The steps taken, oldest first · 已完成的步骤") List<Step> steps) {
	}

	/** Files a request in a window (county officer for its county, or a city role); audited. */
	@Transactional
	public Adjustment file(int year, NewAdjustment in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		int month = clock.instant().atZone(BEIJING).getMonthValue();
		List<Integer> open = settings.adjustmentWindowMonths();
		if (!open.contains(month)) {
			throw new RuleViolationException("adjustment requests are filed in the windows of the plan folder, months "
					+ open.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " (Beijing time); it is month " + month + " now"
					+ (open.isEmpty() ? ": this city has no adjustment window" : ""));
		}
		if (in.kind() == null) {
			throw new InvalidInputException("kind", "is required");
		}
		if (in.kind() == Kind.GDP_REVISION && !scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + ": a GDP revision is the city's request");
		}
		long versionId = latestPublished(year).orElseThrow(() -> new RuleViolationException(
				"budget " + year + " has no published version: adjustments change a published budget"));
		VersionHolders holders = VersionHolders.of(jdbc, versionId);
		List<InputError> errors = new ArrayList<>();
		boolean from = in.kind() == Kind.TRANSFER || in.kind() == Kind.CAPACITY_CLOSED;
		boolean to = in.kind() == Kind.TRANSFER || in.kind() == Kind.RESERVE_DRAW || in.kind() == Kind.POOL_DRAW;
		boolean gdp = in.kind() == Kind.GDP_REVISION;
		field(errors, "from_code", in.fromCode(), from, in.kind(), holders);
		field(errors, "to_code", in.toCode(), to, in.kind(), holders);
		present(errors, "amount_t", in.amount(), !gdp, in.kind());
		present(errors, "revised_gdp_10k_cny", in.revisedGdp(), gdp, in.kind());
		if (in.kind() == Kind.TRANSFER && in.fromCode() != null && in.fromCode().equals(in.toCode())) {
			errors.add(InputError.field("to_code", "must differ from from_code"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String fromCounty = from ? holders.root(in.fromCode()) : null;
		String toCounty = to ? holders.root(in.toCode()) : null;
		if (!scope.isCityWide()) {
			// a county asks for its own: it gives its own tonnes away, or draws for its own holders
			String own = from ? fromCounty : toCounty;
			if (!scope.countyCode().equals(own)) {
				throw new AccessDeniedException(scope.actor() + " may file adjustments for county " + scope.countyCode() + " only");
			}
		}
		// the change must fit the version filed on (checked again on the latest version at approval)
		errors.addAll(change(versionId, holders, in.kind(), in.fromCode(), in.toCode(), in.amount(), in.revisedGdp(), true));
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = jdbc.sql("""
				INSERT INTO budget_adjustment (year, kind, status, from_code, to_code, amount_t, revised_gdp_10k_cny, from_county, to_county,
				  reason, filed_on_version_id, filed_by, filed_role, filed_at)
				VALUES (:year, :kind, 'CITY_REVIEW', :from, :to, :amount, :gdp, :fromCounty, :toCounty, :reason, :version, :by, :role, :at)
				RETURNING id""")
			.param("year", year).param("kind", in.kind().name()).param("from", from ? in.fromCode() : null).param("to", to ? in.toCode() : null)
			.param("amount", in.amount()).param("gdp", in.revisedGdp()).param("fromCounty", fromCounty).param("toCounty", toCounty)
			.param("reason", in.reason()).param("version", versionId).param("by", scope.actor()).param("role", scope.role().name())
			.param("at", now()).query(Long.class).single();
		step(id, null, Status.CITY_REVIEW, null);
		Adjustment filed = adjustment(id);
		audit.record("budget.adjustment-filed", "budget-adjustment", id, null, filed);
		return filed;
	}

	/** The city's review: CITY_REVIEW → LEADING_GROUP_REVIEW (city roles); audited. */
	@Transactional
	public Adjustment review(long id, String comment) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Adjustment before = locked(id);
		if (before.status() != Status.CITY_REVIEW) {
			throw closedOr(before, "is in " + before.status() + ": only a request in CITY_REVIEW is reviewed");
		}
		setStatus(id, Status.LEADING_GROUP_REVIEW);
		step(id, before.status(), Status.LEADING_GROUP_REVIEW, comment);
		Adjustment after = adjustment(id);
		audit.record("budget.adjustment-step", "budget-adjustment", id, before, after);
		return after;
	}

	/** Rejects an open request with a comment (city roles); audited. */
	@Transactional
	public Adjustment reject(long id, String comment) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		if (comment == null) {
			throw new InvalidInputException("comment", "is required: say why the request is rejected");
		}
		Adjustment before = locked(id);
		if (before.status() != Status.CITY_REVIEW && before.status() != Status.LEADING_GROUP_REVIEW) {
			throw closedOr(before, "");
		}
		jdbc.sql("UPDATE budget_adjustment SET status = 'REJECTED', decided_at = :at WHERE id = :id").param("at", now()).param("id", id).update();
		step(id, before.status(), Status.REJECTED, comment);
		Adjustment after = adjustment(id);
		audit.record("budget.adjustment-rejected", "budget-adjustment", id, before, after);
		return after;
	}

	/**
	 * Records the leading group's approval (city roles) and publishes version n+1 built from the year's latest
	 * published version plus the change, under the year's advisory lock; audited on the request and the version.
	 */
	@Transactional
	public Adjustment approve(long id, String comment) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Adjustment before = locked(id);
		if (before.status() != Status.LEADING_GROUP_REVIEW) {
			throw closedOr(before, "is in " + before.status() + ": it is approved after the city's review (LEADING_GROUP_REVIEW)");
		}
		int year = before.year();
		// the lock that numbers the year's versions: approvals and new drafts of a year take turns
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('budget_version'), :year)").param("year", year).query().singleRow();
		long base = latestPublished(year).orElseThrow();
		VersionHolders holders = VersionHolders.of(jdbc, base);
		// checked again on the latest version: another approval may have drawn the reserve in between
		List<InputError> errors = change(base, holders, before.kind(), before.fromCode(), before.toCode(), before.amount(), before.revisedGdp(), true);
		if (!errors.isEmpty()) {
			throw new RuleViolationException("the request no longer fits the latest published version "
					+ number(base) + ": " + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
		}
		int number = jdbc.sql("SELECT coalesce(max(number), 0) + 1 FROM budget_version WHERE year = :year").param("year", year)
			.query(Integer.class).single();
		long created = copy(base, number);
		change(created, VersionHolders.of(jdbc, created), before.kind(), before.fromCode(), before.toCode(), before.amount(), before.revisedGdp(), false);
		jdbc.sql("UPDATE budget_version SET status = 'PUBLISHED', published_at = :at, published_by = :by WHERE id = :id")
			.param("at", now()).param("by", scope.actor()).param("id", created).update();
		jdbc.sql("""
				INSERT INTO budget_step (version_id, from_status, to_status, actor, role, comment, taken_at)
				VALUES (:id, 'LEADING_GROUP_REVIEW', 'PUBLISHED', :actor, :role, :comment, :at)""")
			.param("id", created).param("actor", scope.actor()).param("role", scope.role().name())
			.param("comment", "adjustment " + id + " (" + before.kind() + ")" + (comment == null ? "" : ": " + comment)).param("at", now()).update();
		jdbc.sql("""
				UPDATE budget_adjustment SET status = 'APPROVED', applied_to_version_id = :base, result_version_id = :created, decided_at = :at
				WHERE id = :id""").param("base", base).param("created", created).param("at", now()).param("id", id).update();
		step(id, before.status(), Status.APPROVED, comment);
		Adjustment after = adjustment(id);
		audit.record("budget.adjustment-approved", "budget-adjustment", id, before, after);
		audit.record("budget.published", "budget-version", year + "/" + number, null, VersionHistory.snapshot(jdbc, created));
		log.info("Adjustment {} ({}) of budget {} approved: version {} published from version {}", id, before.kind(), year, number, number(base));
		events.publishEvent(new BudgetVersionPublished(year, number));
		return after;
	}

	/** The year's requests; a county officer sees those of its county and the city-wide GDP revisions. */
	@Transactional(readOnly = true)
	public List<Adjustment> list(int year) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		return jdbc.sql("SELECT id FROM budget_adjustment WHERE year = :year ORDER BY id").param("year", year).query(Long.class).list()
			.stream().map(this::adjustment).filter(a -> visible(scope, a.id())).toList();
	}

	/** One request in the caller's scope. */
	@Transactional(readOnly = true)
	public Adjustment get(long id) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		Adjustment a = adjustment(id);
		if (!visible(scope, id)) {
			throw new AccessDeniedException("adjustment " + id + " is outside the caller's scope");
		}
		return a;
	}

	boolean visible(AccessScope scope, long id) {
		if (scope.isCityWide()) {
			return true;
		}
		return jdbc.sql("""
				SELECT count(*) FROM budget_adjustment WHERE id = :id
				  AND (from_county = :c OR to_county = :c OR (from_county IS NULL AND to_county IS NULL))""")
			.param("id", id).param("c", scope.countyCode()).query(Long.class).single() > 0;
	}

	/**
	 * The errors of a change on a version ({@code check}), or the change applied to a (draft) version. Tonnes move
	 * along the holders' chains: a transfer inside one county leaves the county's budget as it is.
	 */
	private List<InputError> change(long versionId, VersionHolders holders, Kind kind, String fromCode, String toCode, BigDecimal amount,
			BigDecimal revisedGdp, boolean check) {
		List<InputError> errors = new ArrayList<>();
		Map<String, Object> v = jdbc.sql("SELECT * FROM budget_version WHERE id = :id").param("id", versionId).query().singleRow();
		if (kind == Kind.GDP_REVISION) {
			return regdp(versionId, v, holders, revisedGdp, check);
		}
		// a later version may have dropped a holder the request names
		if (fromCode != null && !holders.has(fromCode)) {
			errors.add(InputError.field("from_code", "is not a holder of version " + number(versionId)));
		}
		if (toCode != null && !holders.has(toCode)) {
			errors.add(InputError.field("to_code", "is not a holder of version " + number(versionId)));
		}
		if (!errors.isEmpty()) {
			return errors;
		}
		List<String> fromChain = fromCode == null ? List.of() : holders.chain(fromCode);
		List<String> toChain = toCode == null ? List.of() : holders.chain(toCode);
		List<String> down = fromChain.stream().filter(c -> !toChain.contains(c)).toList();
		List<String> up = toChain.stream().filter(c -> !fromChain.contains(c)).toList();
		Map<String, BigDecimal> after = new LinkedHashMap<>();
		holders.lines().forEach((c, l) -> after.put(c, l.budget()));
		down.forEach(c -> after.merge(c, amount.negate(), BigDecimal::add));
		up.forEach(c -> after.merge(c, amount, BigDecimal::add));
		for (String c : down) {
			if (after.get(c).signum() < 0) {
				errors.add(InputError.field("amount_t", "takes " + c + " below 0 t: its budget is "
						+ BudgetVersions.plain(holders.lines().get(c).budget()) + " t"));
			}
		}
		// a holder that changed, or whose contained holder changed, must still hold what it contains
		Set<String> touched = new LinkedHashSet<>(down);
		touched.addAll(up);
		new ArrayList<>(touched).forEach(c -> {
			String parent = holders.lines().get(c).parent();
			if (parent != null && holders.has(parent)) {
				touched.add(parent);
			}
		});
		for (String c : touched) {
			BigDecimal contained = holders.lines().values().stream().filter(l -> c.equals(l.parent())).map(l -> after.get(l.code()))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			if (contained.compareTo(after.get(c)) > 0) {
				errors.add(InputError.field("amount_t", "leaves " + c + " with " + BudgetVersions.plain(after.get(c)) + " t, below the "
						+ BudgetVersions.plain(contained) + " t of the holders it contains"));
			}
		}
		String account = kind == Kind.RESERVE_DRAW ? "reserve_t" : kind == Kind.POOL_DRAW ? "pool_t" : null;
		if (account != null) {
			BigDecimal left = (BigDecimal) v.get(account);
			if (left.compareTo(amount) < 0) {
				errors.add(InputError.field("amount_t", "exceeds the " + (kind == Kind.RESERVE_DRAW ? "reserve" : "major-project pool") + " of "
						+ BudgetVersions.plain(left) + " t"));
			}
		}
		if (check || !errors.isEmpty()) {
			return errors;
		}
		move(versionId, down, amount.negate());
		move(versionId, up, amount);
		if (account != null) {
			jdbc.sql("UPDATE budget_version SET " + account + " = " + account + " - :x WHERE id = :id").param("x", amount).param("id", versionId).update();
		}
		else if (kind == Kind.CAPACITY_CLOSED) {
			jdbc.sql("UPDATE budget_version SET reserve_t = reserve_t + :x WHERE id = :id").param("x", amount).param("id", versionId).update();
		}
		return errors;
	}

	private void move(long versionId, List<String> codes, BigDecimal delta) {
		if (!codes.isEmpty()) {
			jdbc.sql("UPDATE budget_holder SET budget_t = budget_t + :d WHERE version_id = :id AND code IN (:codes)")
				.param("d", delta).param("id", versionId).param("codes", codes).update();
		}
	}

	/**
	 * GDP revision: total' = min(I*_t × GDP', cap); sink credit' = min(sink credit, β × total'); the top-level holders
	 * re-divided from allocatable' = total' − reserve share × total' − pool − sink credit' by the version's method and
	 * stored inputs; reserve' = total' − pool − sink credit' − Σ budgets'. Contained holders keep their budgets and
	 * must still fit their parents.
	 */
	private List<InputError> regdp(long versionId, Map<String, Object> v, VersionHolders holders, BigDecimal gdp, boolean check) {
		List<InputError> errors = new ArrayList<>();
		String method = (String) v.get("method");
		if (method == null) {
			errors.add(InputError.field("revised_gdp_10k_cny", "the version has no allocation to re-float"));
			return errors;
		}
		BigDecimal city = CityBudget.cityBudget((BigDecimal) v.get("target_intensity"), gdp);
		BigDecimal total = CityBudget.total(city, (BigDecimal) v.get("total_cap_t"));
		BigDecimal pool = (BigDecimal) v.get("pool_t");
		BigDecimal sink = ((BigDecimal) v.get("sink_credit_t")).min(sinks.cap(total));
		BigDecimal allocatable = total.subtract(Rounding.stored(total.multiply((BigDecimal) v.get("reserve_share")))).subtract(pool).subtract(sink);
		if (allocatable.signum() < 0) {
			errors.add(InputError.field("revised_gdp_10k_cny", "gives a total of " + BudgetVersions.plain(total)
					+ " t, below the reserve, the pool and the sink credit"));
			return errors;
		}
		List<Map<String, Object>> top = jdbc.sql("SELECT * FROM budget_holder WHERE version_id = :id ORDER BY line_no, code").param("id", versionId)
			.query().listOfRows().stream().filter(r -> r.get("parent_code") == null || !holders.has((String) r.get("parent_code"))).toList();
		List<BudgetAllocation.Holder> inputs = top.stream().map(Adjustments::input).toList();
		BudgetAllocation.Preview p;
		try {
			p = Allocations.preview(new BudgetAllocation.Request(Tco2.of(allocatable), BigDecimal.ZERO, Method.valueOf(method), inputs));
		}
		catch (InvalidInputException ex) {
			errors.add(InputError.field("revised_gdp_10k_cny", "the version's holders cannot be re-divided: "
					+ ex.errors().stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "))));
			return errors;
		}
		Map<String, BigDecimal> budgets = new LinkedHashMap<>();
		p.holders().forEach(h -> budgets.put(h.code(), h.budget().value()));
		// contained holders (parks, enterprises) keep their budgets: they must still fit inside their new parent
		Map<String, BigDecimal> children = new LinkedHashMap<>();
		holders.lines().values().stream().filter(l -> !holders.isTop(l))
			.forEach(l -> children.merge(l.parent(), l.budget(), BigDecimal::add));
		children.forEach((parent, sum) -> {
			BigDecimal b = budgets.getOrDefault(parent, holders.lines().get(parent).budget());
			if (sum.compareTo(b) > 0) {
				errors.add(InputError.field("revised_gdp_10k_cny", "leaves " + parent + " with " + BudgetVersions.plain(b)
						+ " t, below the " + BudgetVersions.plain(sum) + " t of the holders it contains"));
			}
		});
		if (check || !errors.isEmpty()) {
			return errors;
		}
		for (var h : p.holders()) {
			jdbc.sql("UPDATE budget_holder SET raw = :raw, share = :share, quota_t = :quota, budget_t = :budget WHERE version_id = :id AND code = :code")
				.param("raw", h.raw()).param("share", h.share()).param("quota", h.quota().value()).param("budget", h.budget().value())
				.param("id", versionId).param("code", h.code()).update();
		}
		BigDecimal reserve = total.subtract(pool).subtract(sink).subtract(p.allocatable().value());
		jdbc.sql("""
				UPDATE budget_version SET forecast_gdp_10k_cny = :gdp, city_budget_t = :city, total_t = :total, sink_credit_t = :sink,
				  reserve_t = :reserve WHERE id = :id""")
			.param("gdp", gdp).param("city", city).param("total", total).param("sink", sink).param("reserve", reserve).param("id", versionId)
			.update();
		jdbc.sql("UPDATE budget_sink_credit SET cap_t = :cap, credit_t = :sink WHERE version_id = :id")
			.param("cap", sinks.cap(total)).param("sink", sink).param("id", versionId).update();
		return errors;
	}

	private static BudgetAllocation.Holder input(Map<String, Object> r) {
		return new BudgetAllocation.Holder((String) r.get("code"), cny((BigDecimal) r.get("gdp_10k_cny")), (BigDecimal) r.get("population"),
				r.get("base_emissions_t") == null ? null : Tco2.of((BigDecimal) r.get("base_emissions_t")),
				r.get("base_intensity") == null ? null : Tco2PerCny10k.of((BigDecimal) r.get("base_intensity")),
				cny((BigDecimal) r.get("forecast_gdp_10k_cny")), (BigDecimal) r.get("decline_rate"), (BigDecimal) r.get("weight"));
	}

	private static Cny10k cny(BigDecimal v) {
		return v == null ? null : Cny10k.of(v);
	}

	/**
	 * A DRAFT copy of a version as number {@code number}: every column of the version but its identity, status and
	 * signatures, every column of every holder, and its sink credit.
	 */
	private long copy(long base, int number) {
		List<String> versionColumns = columns("budget_version").stream()
			.filter(c -> !List.of("id", "number", "status", "created_at", "created_by", "published_at", "published_by").contains(c)).toList();
		String vc = versionColumns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
		long created = jdbc.sql("INSERT INTO budget_version (number, status, created_at, created_by, " + vc + ") SELECT :number, 'DRAFT', :at, :by, "
				+ vc + " FROM budget_version WHERE id = :base RETURNING id")
			.param("number", number).param("at", now()).param("by", AccessScope.current().actor()).param("base", base).query(Long.class).single();
		String hc = columns("budget_holder").stream().filter(c -> !c.equals("version_id")).map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
		jdbc.sql("INSERT INTO budget_holder (version_id, " + hc + ") SELECT :created, " + hc + " FROM budget_holder WHERE version_id = :base")
			.param("created", created).param("base", base).update();
		// the divisions below the counties (method, common part, pre-allocation share per parent) travel with their holders
		String sc = columns("budget_sub_allocation").stream().filter(c -> !c.equals("version_id")).map(c -> "\"" + c + "\"")
			.collect(Collectors.joining(", "));
		jdbc.sql("INSERT INTO budget_sub_allocation (version_id, " + sc + ") SELECT :created, " + sc + " FROM budget_sub_allocation WHERE version_id = :base")
			.param("created", created).param("base", base).update();
		BigDecimal sink = jdbc.sql("SELECT sink_credit_t FROM budget_version WHERE id = :id").param("id", base).query(BigDecimal.class).single();
		BigDecimal total = jdbc.sql("SELECT total_t FROM budget_version WHERE id = :id").param("id", base).query(BigDecimal.class).single();
		sinks.copyCredit(base, created, sink, total);
		return created;
	}

	private List<String> columns(String table) {
		return jdbc.sql("""
				SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = :t
				ORDER BY ordinal_position""").param("t", table).query(String.class).list();
	}

	private java.util.Optional<Long> latestPublished(int year) {
		return jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND status = 'PUBLISHED' ORDER BY number DESC LIMIT 1")
			.param("year", year).query(Long.class).optional();
	}

	private int number(long versionId) {
		return jdbc.sql("SELECT number FROM budget_version WHERE id = :id").param("id", versionId).query(Integer.class).single();
	}

	private RuntimeException closedOr(Adjustment a, String why) {
		if (a.status() == Status.APPROVED || a.status() == Status.REJECTED) {
			return new RuleViolationException("adjustment " + a.id() + " is " + a.status() + " and closed", true);
		}
		return new RuleViolationException("adjustment " + a.id() + " " + why);
	}

	private Adjustment locked(long id) {
		jdbc.sql("SELECT id FROM budget_adjustment WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("adjustment " + id));
		return adjustment(id);
	}

	private void setStatus(long id, Status s) {
		jdbc.sql("UPDATE budget_adjustment SET status = :s WHERE id = :id").param("s", s.name()).param("id", id).update();
	}

	private void step(long id, Status from, Status to, String comment) {
		AccessScope scope = AccessScope.current();
		jdbc.sql("""
				INSERT INTO budget_adjustment_step (adjustment_id, from_status, to_status, actor, role, comment, taken_at)
				VALUES (:id, :from, :to, :actor, :role, :comment, :at)""")
			.param("id", id).param("from", from == null ? null : from.name()).param("to", to.name()).param("actor", scope.actor())
			.param("role", scope.role().name()).param("comment", comment).param("at", now()).update();
	}

	private Adjustment adjustment(long id) {
		List<Step> steps = jdbc.sql("SELECT * FROM budget_adjustment_step WHERE adjustment_id = :id ORDER BY id").param("id", id)
			.query((rs, n) -> new Step(rs.getString("from_status") == null ? null : Status.valueOf(rs.getString("from_status")),
					Status.valueOf(rs.getString("to_status")), rs.getString("actor"), Role.valueOf(rs.getString("role")), rs.getString("comment"),
					beijing(rs, "taken_at")))
			.list();
		return jdbc.sql("""
				SELECT a.*, f.number AS filed_number, p.number AS applied_number, r.number AS result_number FROM budget_adjustment a
				JOIN budget_version f ON f.id = a.filed_on_version_id
				LEFT JOIN budget_version p ON p.id = a.applied_to_version_id
				LEFT JOIN budget_version r ON r.id = a.result_version_id WHERE a.id = :id""").param("id", id)
			.query((rs, n) -> new Adjustment(rs.getLong("id"), rs.getInt("year"), Kind.valueOf(rs.getString("kind")),
					Status.valueOf(rs.getString("status")), rs.getString("from_code"), rs.getString("to_code"),
					BudgetVersions.plain(rs.getBigDecimal("amount_t")), BudgetVersions.plain(rs.getBigDecimal("revised_gdp_10k_cny")),
					rs.getString("reason"), rs.getInt("filed_number"), (Integer) rs.getObject("applied_number"),
					(Integer) rs.getObject("result_number"), rs.getString("filed_by"), beijing(rs, "filed_at"), steps))
			.optional().orElseThrow(() -> new NotFoundException("adjustment " + id));
	}

	private static OffsetDateTime beijing(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.atZoneSameInstant(BEIJING).toOffsetDateTime();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), BEIJING);
	}

	private static void field(List<InputError> errors, String field, String code, boolean needed, Kind kind, VersionHolders holders) {
		if (!needed) {
			if (code != null) {
				errors.add(InputError.field(field, "is not used by " + kind));
			}
			return;
		}
		if (code == null || code.isBlank()) {
			errors.add(InputError.field(field, "is required for " + kind));
		}
		else if (!holders.has(code)) {
			errors.add(InputError.field(field, "is not a holder of the published budget"));
		}
	}

	private static void present(List<InputError> errors, String field, BigDecimal value, boolean needed, Kind kind) {
		if (needed && value == null) {
			errors.add(InputError.field(field, "is required for " + kind));
		}
		else if (!needed && value != null) {
			errors.add(InputError.field(field, "is not used by " + kind));
		}
	}
}
