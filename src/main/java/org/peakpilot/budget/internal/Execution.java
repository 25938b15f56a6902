package org.peakpilot.budget.internal;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.MonthlyResult;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.budget.BudgetWarningChanged;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.budget.internal.ExecutionRules.Figure;
import org.peakpilot.budget.internal.ExecutionRules.Source;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeteredMonth;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The execution of the year's published budget version per holder (ADR 0016, amendment "execution and warnings"):
 * recomputed as a whole year from the registry (which enterprises a county or park holds), accounting's reports and
 * monitoring's metered months (three bulk reads per year, this year and last), by {@link ExecutionRules}, and stored
 * in {@code budget_execution} and {@code budget_execution_month} with one COPY each (the year's rows deleted first),
 * so the cockpit and the API read it without computing. A level change raises or clears a {@code budget_warning}
 * (one statement each, the rows as a JSON array) and is published as {@link BudgetWarningChanged}.
 */
@Component
public class Execution {

	private static final Logger log = LoggerFactory.getLogger(Execution.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final EnergyMonitoring monitoring;
	private final BudgetSettings settings;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;
	private final Clock clock;
	private final AuditLog audit;
	private final DataSource dataSource;

	Execution(JdbcClient jdbc, DataSource dataSource, Registry registry, EmissionsAccounting accounting, EnergyMonitoring monitoring, BudgetSettings settings,
			ApplicationEventPublisher events, JsonMapper json, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.registry = registry;
		this.accounting = accounting;
		this.monitoring = monitoring;
		this.settings = settings;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/** What a recompute did. */
	@Schema(name = "BudgetExecutionRecomputed", description = "What a recompute of a year's execution did · 执行情况重算结果")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Recomputed(
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "The published version computed; null when the year has none (nothing is computed) · 计算所依据的已发布版本号") Integer version,
			@Schema(description = "Holders computed · 计算的预算单位数") int holders,
			@JsonProperty("months_closed") @Schema(description = "Beijing months of the year over at computation, 0–12 · 已结束月份数") int monthsClosed,
			@JsonProperty("levels_changed") @Schema(description = "Holders whose warning level changed · 预警等级变化的单位数") int levelsChanged,
			@JsonProperty("computed_at") @Schema(description = "When, Beijing time · 计算时间") OffsetDateTime computedAt,
			@JsonProperty("duration_ms") @Schema(description = "How long it took, milliseconds · 耗时（毫秒）") long durationMs) {
	}

	private record VersionRow(long id, int number, BigDecimal appliedRate) {
	}

	private record HolderRow(String code, Kind kind, String parent, BigDecimal budget, boolean monitoredOnly) {
	}

	/** {@link #recompute} at a user's request, audited as {@code budget.execution-recomputed}. */
	@Transactional
	public Recomputed recomputeAudited(int year) {
		Recomputed done = recompute(year);
		audit.record("budget.execution-recomputed", "budget-execution", year, null, done);
		return done;
	}

	/**
	 * Recomputes the year's execution from the latest published version (city-wide callers: the city's roles, the
	 * system's jobs). Without a published version nothing is stored and nothing is published.
	 */
	@Transactional
	public Recomputed recompute(int year) {
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + ": recomputing a year's execution is for the city office");
		}
		long started = System.nanoTime();
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('budget-execution'), :year)").param("year", year).query((rs, n) -> 1).list();
		Instant now = clock.instant();
		OffsetDateTime at = OffsetDateTime.ofInstant(now, BEIJING);
		int closed = closedMonths(year, now);
		Optional<VersionRow> version = jdbc.sql("""
				SELECT id, number, applied_rate FROM budget_version WHERE year = :year AND status = 'PUBLISHED'
				ORDER BY number DESC LIMIT 1""").param("year", year)
			.query((rs, n) -> new VersionRow(rs.getLong("id"), rs.getInt("number"), rs.getBigDecimal("applied_rate"))).optional();
		if (version.isEmpty()) {
			return new Recomputed(year, null, 0, closed, 0, at, elapsed(started));
		}
		VersionRow v = version.get();
		List<HolderRow> holders = jdbc.sql("""
				SELECT code, kind, parent_code, budget_t, national_ets AND ets_override_reason IS NULL AS monitored_only
				FROM budget_holder WHERE version_id = :id ORDER BY line_no""")
			.param("id", v.id())
			.query((rs, n) -> new HolderRow(rs.getString("code"), Kind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
					rs.getBigDecimal("budget_t"), rs.getBoolean("monitored_only")))
			.list();

		List<RegistryModel.Enterprise> enterprises = registry.enterprises(new RegistryModel.EnterpriseQuery(null, null, null, null, null));
		Map<String, RegistryModel.Park> parks = registry.parks().stream().collect(Collectors.toMap(RegistryModel.Park::code, p -> p, (a, b) -> a));
		Map<String, List<Long>> byCounty = new HashMap<>();
		Map<Long, List<Long>> byPark = new HashMap<>();
		Map<String, RegistryModel.Enterprise> byUscc = new HashMap<>();
		for (RegistryModel.Enterprise e : enterprises) {
			byCounty.computeIfAbsent(e.countyCode(), k -> new ArrayList<>()).add(e.id());
			if (e.parkId() != null) {
				byPark.computeIfAbsent(e.parkId(), k -> new ArrayList<>()).add(e.id());
			}
			byUscc.put(e.uscc(), e);
		}
		Map<Long, Figure[]> thisYear = figures(accounting.monthlyResults(year), monitoring.meteredMonths(year));
		Map<Long, Figure[]> lastYear = figures(accounting.monthlyResults(year - 1), monitoring.meteredMonths(year - 1));
		int[] days = new int[13];
		for (int m = 1; m <= 12; m++) {
			days[m] = YearMonth.of(year, m).lengthOfMonth();
		}
		ExecutionRules.Thresholds thresholds = ExecutionRules.Thresholds.of(settings);

		List<Map<String, Object>> rows = new ArrayList<>(holders.size());
		List<Map<String, Object>> monthRows = new ArrayList<>(holders.size() * 12);
		Map<String, Map<String, Object>> byCode = new LinkedHashMap<>();
		for (HolderRow h : holders) {
			String county = null;
			Long park = null;
			Long enterprise = null;
			String industry = null;
			List<Long> ids;
			switch (h.kind()) {
				case COUNTY -> {
					county = h.code();
					ids = byCounty.getOrDefault(h.code(), List.of());
				}
				case PARK -> {
					RegistryModel.Park p = parks.get(h.code());
					county = p == null ? null : p.countyCode();
					park = p == null ? null : p.id();
					ids = p == null ? List.of() : byPark.getOrDefault(p.id(), List.of());
				}
				default -> {
					RegistryModel.Enterprise e = byUscc.get(h.code());
					county = e == null ? null : e.countyCode();
					park = e == null ? null : e.parkId();
					enterprise = e == null ? null : e.id();
					industry = e == null ? null : e.industryCode();
					ids = e == null ? List.of() : List.of(e.id());
				}
			}
			List<Figure[]> now1 = new ArrayList<>(ids.size());
			List<Figure[]> prev = new ArrayList<>(ids.size());
			for (long id : ids) {
				now1.add(thisYear.getOrDefault(id, NONE));
				prev.add(lastYear.getOrDefault(id, NONE));
			}
			ExecutionRules.Result r = ExecutionRules.compute(new ExecutionRules.Input(h.kind() == Kind.ENTERPRISE, h.budget(), now1, prev, closed,
					days, v.appliedRate(), h.kind() == Kind.ENTERPRISE && h.monitoredOnly(), h.kind() == Kind.COUNTY), thresholds);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("holder_code", h.code());
			row.put("kind", h.kind().name());
			row.put("parent_code", h.parent());
			row.put("county_code", county);
			row.put("park_id", park);
			row.put("enterprise_id", enterprise);
			row.put("industry_code", industry);
			row.put("budget_t", h.budget());
			row.put("months_closed", r.closedMonths());
			row.put("enterprises", r.enterprises());
			row.put("used_t", r.used());
			row.put("path_to_date_t", r.pathToDate());
			row.put("forecast_t", r.forecast());
			row.put("path_basis", r.basis().name());
			row.put("complete", r.complete());
			row.put("verified_n", r.verified());
			row.put("reported_n", r.reported());
			row.put("estimate_n", r.estimate());
			row.put("missing_n", r.missing());
			row.put("intensity", r.intensity());
			row.put("intensity_previous", r.intensityPrevious());
			row.put("intensity_pairs", r.intensityPairs());
			row.put("intensity_decline", r.intensityDecline());
			row.put("required_decline", r.requiredDecline());
			row.put("level", r.level().name());
			row.put("reason_code", r.reasonCode());
			row.put("reason", r.reason());
			rows.add(row);
			byCode.put(h.code(), row);
			for (ExecutionRules.Month m : r.months()) {
				Map<String, Object> mr = new LinkedHashMap<>();
				mr.put("holder_code", h.code());
				mr.put("month", m.month());
				mr.put("used_t", m.used());
				mr.put("source", m.source() == null ? null : m.source().name());
				mr.put("verified_n", m.verified());
				mr.put("reported_n", m.reported());
				mr.put("estimate_n", m.estimate());
				mr.put("missing_n", m.missing());
				mr.put("path_t", m.path());
				mr.put("cumulative_used_t", m.cumulativeUsed());
				mr.put("cumulative_path_t", m.cumulativePath());
				monthRows.add(mr);
			}
		}

		Map<String, WarningLevel> before = new HashMap<>();
		jdbc.sql("SELECT holder_code, level FROM budget_execution WHERE year = :year").param("year", year)
			.query((rs, n) -> before.put(rs.getString("holder_code"), WarningLevel.valueOf(rs.getString("level")))).list();
		jdbc.sql("DELETE FROM budget_execution_month WHERE year = :year").param("year", year).update();
		jdbc.sql("DELETE FROM budget_execution WHERE year = :year").param("year", year).update();
		copy("budget_execution (year, version_id, " + String.join(", ", EXECUTION_COLUMNS) + ", computed_at)", rows, EXECUTION_COLUMNS,
				year + "\t" + v.id() + "\t", "\t" + at);
		copy("budget_execution_month (year, " + String.join(", ", MONTH_COLUMNS) + ")", monthRows, MONTH_COLUMNS, year + "\t", "");

		// warnings: a changed level clears the open warning and raises a new one where the level is a warning
		List<String> changed = new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> e : byCode.entrySet()) {
			WarningLevel to = WarningLevel.valueOf((String) e.getValue().get("level"));
			if (before.get(e.getKey()) != to) {
				changed.add(e.getKey());
			}
		}
		Set<String> gone = before.keySet().stream().filter(c -> !byCode.containsKey(c)).collect(Collectors.toSet());
		List<String> clear = new ArrayList<>(changed);
		clear.addAll(gone);
		if (!clear.isEmpty()) {
			jdbc.sql("UPDATE budget_warning SET cleared_at = :at WHERE year = :year AND cleared_at IS NULL AND holder_code IN (:codes)")
				.param("at", at).param("year", year).param("codes", clear).update();
		}
		List<Map<String, Object>> raised = changed.stream().map(byCode::get)
			.filter(r -> WarningLevel.valueOf((String) r.get("level")).isWarning()).toList();
		if (!raised.isEmpty()) {
			jdbc.sql("""
					INSERT INTO budget_warning (year, version_id, holder_code, kind, county_code, park_id, enterprise_id, industry_code, level,
					    reason_code, reason, raised_at)
					SELECT :year, :version, x.holder_code, x.kind, x.county_code, x.park_id, x.enterprise_id, x.industry_code, x.level,
					    x.reason_code, x.reason, :at
					FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(holder_code text, kind text, county_code text, park_id bigint,
					    enterprise_id bigint, industry_code text, level text, reason_code text, reason text)
					""").param("year", year).param("version", v.id()).param("at", at).param("rows", json.writeValueAsString(raised)).update();
		}
		// an enterprise that moved takes its open warnings with it
		jdbc.sql("""
				UPDATE budget_warning w SET county_code = e.county_code, park_id = e.park_id, enterprise_id = e.enterprise_id,
				    industry_code = e.industry_code
				FROM budget_execution e
				WHERE w.year = :year AND w.cleared_at IS NULL AND e.year = w.year AND e.holder_code = w.holder_code
				  AND (w.county_code IS DISTINCT FROM e.county_code OR w.park_id IS DISTINCT FROM e.park_id
				       OR w.enterprise_id IS DISTINCT FROM e.enterprise_id OR w.industry_code IS DISTINCT FROM e.industry_code)
				""").param("year", year).update();
		for (String code : changed) {
			Map<String, Object> r = byCode.get(code);
			events.publishEvent(new BudgetWarningChanged(year, code, (String) r.get("kind"), (String) r.get("county_code"), before.get(code),
					WarningLevel.valueOf((String) r.get("level")), (String) r.get("reason")));
		}
		long ms = elapsed(started);
		if (changed.isEmpty()) {
			log.debug("Execution of budget {} version {} recomputed: {} holders, {} months closed, no level changed, in {} ms", year,
					v.number(), holders.size(), closed, ms);
		}
		else {
			log.info("Execution of budget {} version {} recomputed: {} holders, {} months closed, {} levels changed, in {} ms", year,
					v.number(), holders.size(), closed, changed.size(), ms);
		}
		return new Recomputed(year, v.number(), holders.size(), closed, changed.size(), at, ms);
	}

	static final List<String> EXECUTION_COLUMNS = List.of("holder_code", "kind", "parent_code", "county_code", "park_id", "enterprise_id",
			"industry_code",
			"budget_t", "months_closed", "enterprises", "used_t", "path_to_date_t", "forecast_t", "path_basis", "complete", "verified_n",
			"reported_n", "estimate_n", "missing_n", "intensity", "intensity_previous", "intensity_pairs", "intensity_decline",
			"required_decline", "level", "reason_code", "reason");
	static final List<String> MONTH_COLUMNS = List.of("holder_code", "month", "used_t", "source", "verified_n", "reported_n",
			"estimate_n", "missing_n", "path_t", "cumulative_used_t", "cumulative_path_t");

	/**
	 * Writes rows with COPY on the transaction's connection: 12,000 month rows take a few milliseconds where one
	 * {@code INSERT … SELECT} from a JSON array took a few hundred.
	 */
	private void copy(String table, List<Map<String, Object>> rows, List<String> columns, String head, String tail) {
		StringBuilder text = new StringBuilder(rows.size() * 160);
		for (Map<String, Object> row : rows) {
			text.append(head);
			for (int i = 0; i < columns.size(); i++) {
				if (i > 0) {
					text.append('\t');
				}
				Object value = row.get(columns.get(i));
				if (value == null) {
					text.append("\\N");
				}
				else if (value instanceof BigDecimal b) {
					text.append(b.toPlainString());
				}
				else {
					escape(text, value.toString());
				}
			}
			text.append(tail).append('\n');
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN",
					new StringReader(text.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not store the execution: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** COPY's text format: backslash, tab, newline and carriage return escaped. */
	private static void escape(StringBuilder out, String v) {
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
	}

	private static final Figure[] NONE = none();

	private static Figure[] none() {
		Figure[] f = new Figure[13];
		java.util.Arrays.fill(f, Figure.MISSING);
		return f;
	}

	/**
	 * Each enterprise's month: verified report, else submitted report (REPORTED), else the metered estimate, else
	 * missing. A draft or returned report is not counted: its figures are the enterprise's work in progress (or the
	 * monthly closing's metered draft, which the estimate already is).
	 */
	static Map<Long, Figure[]> figures(List<MonthlyResult> results, List<MeteredMonth> metered) {
		Map<Long, Figure[]> out = new HashMap<>();
		for (MeteredMonth m : metered) {
			if (m.co2T() != null) {
				out.computeIfAbsent(m.enterpriseId(), k -> none())[m.month()] = new Figure(Source.ESTIMATE, m.co2T().value(), null);
			}
		}
		for (MonthlyResult r : results) {
			Source s = r.verified() ? Source.VERIFIED : r.status() == ReportStatus.SUBMITTED ? Source.REPORTED : null;
			if (s != null) {
				out.computeIfAbsent(r.enterpriseId(), k -> none())[r.month()] = new Figure(s, r.totalCo2T().value(),
						r.outputValue() == null ? null : r.outputValue().value());
			}
		}
		return out;
	}

	/** Months of the year whose end (Beijing) has passed. */
	static int closedMonths(int year, Instant now) {
		int n = 0;
		for (int m = 1; m <= 12; m++) {
			if (!YearMonth.of(year, m).plusMonths(1).atDay(1).atStartOfDay(BEIJING).toInstant().isAfter(now)) {
				n = m;
			}
		}
		return n;
	}

	private static long elapsed(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	// ------------------------------------------------------------------------------------------------------- reading

	/** A year's stored execution within the caller's scope. */
	@Schema(name = "BudgetExecution", description = "A year's budget execution per holder · 年度碳预算执行情况")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record View(
			@Schema(description = "The budget year · 预算年度", example = "2027") int year,
			@Schema(description = "The published version computed; null when nothing is computed · 所依据的已发布版本号") Integer version,
			@JsonProperty("execution_status") @Schema(description = "COMPUTED, or NOT_AVAILABLE while the year has no computed published version · 执行数据状态") BudgetVersions.ExecutionStatus status,
			@JsonProperty("computed_at") @Schema(description = "When it was computed, Beijing time · 计算时间") OffsetDateTime computedAt,
			@Schema(description = "The holders within the caller's scope · 调用者权限范围内的预算单位") List<HolderExecution> holders) {
	}

	/** A holder's execution. */
	@Schema(name = "BudgetHolderExecution", description = "One holder's execution of the year · 预算单位的年度执行情况")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record HolderExecution(
			@Schema(description = "The holder's code: a county's region code, a park's code, an enterprise's USCC · 单位代码", example = "511102") String code,
			@Schema(description = "COUNTY, PARK or ENTERPRISE · 单位类型") Kind kind,
			@Schema(description = "The code of the holder containing it; null for a county · 上级单位代码") String parent,
			@JsonProperty("budget_t") @Schema(description = "The year's budget, tCO2 · 年度预算，吨二氧化碳") BigDecimal budget,
			@JsonProperty("months_closed") @Schema(description = "Beijing months of the year over at computation, 0–12 · 已结束月份数") int monthsClosed,
			@Schema(description = "Registry enterprises the holder's figures sum over (a county's or park's enterprises, an enterprise itself) · 计入的企业数") int enterprises,
			@JsonProperty("used_t") @Schema(description = "Emissions of the closed months, tCO2; a lower bound when complete is false; null without any figure · 已使用量，吨二氧化碳") BigDecimal used,
			@JsonProperty("path_to_date_t") @Schema(description = "The seasonal budget path to the end of the last closed month, tCO2 · 截至上月末的预算进度，吨二氧化碳") BigDecimal pathToDate,
			@JsonProperty("forecast_t") @Schema(description = "Year-end forecast = used_t ÷ the path's share of the year to date, tCO2 · 年末预测，吨二氧化碳") BigDecimal forecast,
			@JsonProperty("path_basis") @Schema(description = "PREVIOUS_YEAR: monthly shares of last year's emissions; DAYS: days of each month ÷ days of the year · 进度依据", allowableValues = { "PREVIOUS_YEAR", "DAYS" }) String pathBasis,
			@Schema(description = "Whether every enterprise has a figure for every closed month; when false, used_t and forecast_t are lower bounds · 数据是否完整") boolean complete,
			@Schema(description = "Enterprise-months of the closed months by source · 按来源统计的企业月数") Coverage coverage,
			@JsonProperty("intensity_t_per_10k_cny") @Schema(description = "tCO2/10k CNY (吨二氧化碳/万元) of output value over the enterprise-months reported with output value this year and last · 单位产值排放") BigDecimal intensity,
			@JsonProperty("intensity_previous_t_per_10k_cny") @Schema(description = "The same enterprise-months last year, tCO2/10k CNY (吨二氧化碳/万元) · 上年同期单位产值排放") BigDecimal intensityPrevious,
			@JsonProperty("intensity_pairs") @Schema(description = "Enterprise-months compared · 比较的企业月数") int intensityPairs,
			@JsonProperty("intensity_decline") @Schema(description = "1 − intensity ÷ previous intensity, fraction of 1 (negative: up) · 强度下降率") BigDecimal intensityDecline,
			@JsonProperty("required_decline") @Schema(description = "The version's applied intensity cut, fraction of 1 · 要求的强度下降率") BigDecimal requiredDecline,
			@Schema(description = "The warning level and why · 预警等级及原因") Judgement warning,
			@Schema(description = "The 12 months · 各月情况") List<MonthExecution> months) {
	}

	/** Enterprise-months of the closed months by source. */
	@Schema(name = "BudgetExecutionCoverage", description = "Enterprise-months by source · 按来源统计的企业月数")
	public record Coverage(
			@Schema(description = "From verified reports (VERIFIED, LOCKED) · 已核查报告") int verified,
			@Schema(description = "From submitted, not yet verified reports · 已报送未核查报告") int reported,
			@Schema(description = "Estimated from metered energy · 计量估算") int estimated,
			@Schema(description = "Without any figure · 缺失") int missing) {
	}

	/** A level with its reason. */
	@Schema(name = "BudgetWarningJudgement", description = "A warning level with its reason · 预警等级及原因")
	public record Judgement(
			@Schema(description = "The level · 预警等级") WarningLevel level,
			@JsonProperty("reason_code") @Schema(description = "ON_TRACK, WITHIN_RED_GAP, BEYOND_RED_GAP, INTENSITY_UP, USE_AMBER, USE_RED, BUDGET_EXCEEDED, INCOMPLETE, ENTERPRISES_ONLY (a county: its registry enterprises are not its whole territory), NO_CLOSED_MONTH, NO_ENTERPRISE or NO_FIGURE · 原因代码") String reasonCode,
			@Schema(description = "The reason with its figures, English · 原因及数据（英文）") String reason) {
	}

	/** One month of a holder. */
	@Schema(name = "BudgetMonthExecution", description = "One month of a holder's execution · 预算单位的月度执行情况")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record MonthExecution(
			@Schema(description = "The month, 1–12 (Beijing) · 月份") int month,
			@JsonProperty("used_t") @Schema(description = "Emissions of the month, tCO2; null after the last closed month or without any figure · 当月排放，吨二氧化碳") BigDecimal used,
			@Schema(description = "VERIFIED, REPORTED (submitted, not verified), ESTIMATE (metered) or MISSING (some enterprise without a figure): the weakest source of the month; null after the last closed month · 数据来源", allowableValues = { "VERIFIED", "REPORTED", "ESTIMATE", "MISSING" }) String source,
			@Schema(description = "Enterprise-months of this month by source · 按来源统计的企业数") Coverage coverage,
			@JsonProperty("path_t") @Schema(description = "The month's seasonal budget path, tCO2 · 当月预算进度，吨二氧化碳") BigDecimal path,
			@JsonProperty("cumulative_used_t") @Schema(description = "Emissions to the end of the month, tCO2 · 累计排放，吨二氧化碳") BigDecimal cumulativeUsed,
			@JsonProperty("cumulative_path_t") @Schema(description = "The path to the end of the month, tCO2 · 累计预算进度，吨二氧化碳") BigDecimal cumulativePath) {
	}

	/**
	 * The year's stored execution within the caller's scope (city roles all holders; a county officer the holders in
	 * its county; a park manager its park and the enterprises in it; an enterprise user its own), optionally one
	 * holder (not found outside the scope).
	 */
	@Transactional(readOnly = true)
	public View view(int year, String holder) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "e.enterprise_id");
		List<HolderExecution> rows = jdbc.sql("""
				SELECT e.*, v.number FROM budget_execution e JOIN budget_version v ON v.id = e.version_id
				WHERE e.year = :year AND %s AND (CAST(:holder AS text) IS NULL OR e.holder_code = :holder)
				ORDER BY CASE e.kind WHEN 'COUNTY' THEN 0 WHEN 'PARK' THEN 1 ELSE 2 END, e.holder_code
				""".formatted(scope.sql())).params(scope.params()).param("year", year).param("holder", holder)
			.query((rs, n) -> holder(rs)).list();
		if (holder != null && rows.isEmpty()) {
			throw new NotFoundException("execution of holder " + holder + " in " + year);
		}
		Map<String, List<MonthExecution>> months = new HashMap<>();
		if (!rows.isEmpty()) {
			jdbc.sql("""
					SELECT m.* FROM budget_execution_month m JOIN budget_execution e ON e.year = m.year AND e.holder_code = m.holder_code
					WHERE m.year = :year AND %s AND (CAST(:holder AS text) IS NULL OR e.holder_code = :holder)
					ORDER BY m.holder_code, m.month
					""".formatted(scope.sql())).params(scope.params()).param("year", year).param("holder", holder)
				.query((rs, n) -> months.computeIfAbsent(rs.getString("holder_code"), k -> new ArrayList<>())
					.add(new MonthExecution(rs.getInt("month"), plain(rs.getBigDecimal("used_t")), rs.getString("source"),
							new Coverage(rs.getInt("verified_n"), rs.getInt("reported_n"), rs.getInt("estimate_n"), rs.getInt("missing_n")),
							plain(rs.getBigDecimal("path_t")), plain(rs.getBigDecimal("cumulative_used_t")), plain(rs.getBigDecimal("cumulative_path_t")))))
				.list();
		}
		Meta meta = meta(year).orElse(null);
		List<HolderExecution> withMonths = rows.stream().map(h -> new HolderExecution(h.code(), h.kind(), h.parent(), h.budget(), h.monthsClosed(),
				h.enterprises(), h.used(), h.pathToDate(), h.forecast(), h.pathBasis(), h.complete(), h.coverage(), h.intensity(),
				h.intensityPrevious(), h.intensityPairs(), h.intensityDecline(), h.requiredDecline(), h.warning(),
				months.getOrDefault(h.code(), List.of()))).toList();
		return new View(year, meta == null ? null : meta.version(),
				meta == null ? BudgetVersions.ExecutionStatus.NOT_AVAILABLE : BudgetVersions.ExecutionStatus.COMPUTED,
				meta == null ? null : meta.computedAt(), withMonths);
	}

	private record Meta(int version, OffsetDateTime computedAt) {
	}

	private Optional<Meta> meta(int year) {
		return jdbc.sql("""
				SELECT v.number, max(e.computed_at) AS computed_at FROM budget_execution e JOIN budget_version v ON v.id = e.version_id
				WHERE e.year = :year GROUP BY v.number""").param("year", year)
			.query((rs, n) -> new Meta(rs.getInt("number"), rs.getObject("computed_at", OffsetDateTime.class).atZoneSameInstant(BEIJING)
				.toOffsetDateTime())).optional();
	}

	private static HolderExecution holder(ResultSet rs) throws SQLException {
		return new HolderExecution(rs.getString("holder_code"), Kind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
				plain(rs.getBigDecimal("budget_t")), rs.getInt("months_closed"), rs.getInt("enterprises"), plain(rs.getBigDecimal("used_t")),
				plain(rs.getBigDecimal("path_to_date_t")), plain(rs.getBigDecimal("forecast_t")), rs.getString("path_basis"), rs.getBoolean("complete"),
				new Coverage(rs.getInt("verified_n"), rs.getInt("reported_n"), rs.getInt("estimate_n"), rs.getInt("missing_n")),
				plain(rs.getBigDecimal("intensity")), plain(rs.getBigDecimal("intensity_previous")), rs.getInt("intensity_pairs"),
				plain(rs.getBigDecimal("intensity_decline")), plain(rs.getBigDecimal("required_decline")),
				new Judgement(WarningLevel.valueOf(rs.getString("level")), rs.getString("reason_code"), rs.getString("reason")), List.of());
	}

	/**
	 * The year's budget with each holder's used, forecast and warning filled in from the stored execution, when the
	 * year shown is the published version that was computed after the year's first month was over; otherwise
	 * unchanged (execution_status NOT_AVAILABLE: a draft, no computation yet, or a year not begun).
	 */
	@Transactional(readOnly = true)
	public BudgetYear fill(BudgetYear y) {
		return fill(y, true);
	}

	/**
	 * For the public: the county lines' warning levels only. Used and forecast stay null there: a county's sum over few
	 * enterprises would disclose their emissions (accounting withholds figures of fewer than
	 * {@code peakpilot.disclosure.min-enterprises}).
	 */
	@Transactional(readOnly = true)
	public BudgetYear fillWarnings(BudgetYear y) {
		return fill(y, false);
	}

	private BudgetYear fill(BudgetYear y, boolean figures) {
		if (y.status() != BudgetVersions.Status.PUBLISHED) {
			return y;
		}
		record Line(BigDecimal used, BigDecimal forecast, String level) {
		}
		Map<String, Line> lines = new HashMap<>();
		jdbc.sql("""
				SELECT e.holder_code, e.used_t, e.forecast_t, e.level FROM budget_execution e JOIN budget_version v ON v.id = e.version_id
				WHERE e.year = :year AND v.number = :number AND e.months_closed > 0""").param("year", y.year()).param("number", y.version())
			.query((rs, n) -> lines.put(rs.getString("holder_code"), new Line(plain(rs.getBigDecimal("used_t")), plain(rs.getBigDecimal("forecast_t")),
					rs.getString("level"))))
			.list();
		if (lines.isEmpty()) {
			return y;
		}
		return y.withExecution(BudgetVersions.ExecutionStatus.COMPUTED, y.holders().stream().map(h -> {
			Line l = lines.get(h.code());
			return l == null ? h : h.withExecution(figures ? l.used() : null, figures ? l.forecast() : null, l.level());
		}).toList());
	}

	/** A holder's monthly path for the cockpit's chart: Beijing months, cumulative tCO2. */
	public record MonthlyPath(String holder, List<String> months, @JsonProperty("path_t") List<BigDecimal> path,
			@JsonProperty("used_t") List<BigDecimal> used, @JsonProperty("forecast_t") List<BigDecimal> forecast) {
	}

	/**
	 * The cumulative path, use and forecast of a holder within the caller's scope, when the stored execution is of
	 * this version; the forecast runs from the last closed month along the path scaled by used ÷ path to date (the
	 * forecast's formula), so it ends at forecast_t in December.
	 */
	@Transactional(readOnly = true)
	public Optional<MonthlyPath> monthlyPath(int year, int version, String holder) {
		View v;
		try {
			v = view(year, holder);
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		if (v.version() == null || v.version() != version || v.holders().isEmpty()) {
			return Optional.empty();
		}
		HolderExecution h = v.holders().get(0);
		int n = h.monthsClosed();
		if (n == 0) {
			// as the year's figures: nothing to show before the year's first month is over
			return Optional.empty();
		}
		BigDecimal usedToDate = h.used();
		BigDecimal pathToDate = h.pathToDate();
		List<String> months = new ArrayList<>(12);
		List<BigDecimal> path = new ArrayList<>(12);
		List<BigDecimal> used = new ArrayList<>(12);
		List<BigDecimal> forecast = new ArrayList<>(12);
		for (MonthExecution m : h.months()) {
			months.add(YearMonth.of(year, m.month()).toString());
			path.add(m.cumulativePath());
			used.add(m.month() <= n ? m.cumulativeUsed() : null);
			boolean scaled = h.forecast() != null && usedToDate != null && pathToDate != null && pathToDate.signum() > 0 && m.month() >= n;
			forecast.add(scaled ? Rounding.stored(usedToDate.multiply(m.cumulativePath()).divide(pathToDate, Rounding.WORKING)) : null);
		}
		return Optional.of(new MonthlyPath(h.code(), months, path, used, forecast));
	}

	/** The stored level of a holder of a year; empty when none is computed. */
	@Transactional(readOnly = true)
	public Optional<WarningLevel> level(String holderCode, int year) {
		return jdbc.sql("SELECT level FROM budget_execution WHERE year = :year AND holder_code = :code").param("year", year).param("code", holderCode)
			.query(String.class).optional().map(WarningLevel::valueOf);
	}

	/** The counties of a year whose stored level is RED. */
	@Transactional(readOnly = true)
	public Set<String> redCounties(int year) {
		return Set.copyOf(jdbc.sql("SELECT holder_code FROM budget_execution WHERE year = :year AND kind = 'COUNTY' AND level = 'RED'")
			.param("year", year).query(String.class).list());
	}

	static BigDecimal plain(BigDecimal v) {
		return BudgetVersions.plain(v);
	}
}
