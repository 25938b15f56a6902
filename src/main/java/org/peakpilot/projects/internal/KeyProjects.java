package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key-project library's store (重点项目库, plan 四; ADR 0018): projects with their domain, county, owner, investment
 * and its progress, stage with a dated history, expected savings with the method of estimate; every change audited.
 * Scope ({@link AccessScope}): the city's roles read and change all; a county officer reads and changes its county's;
 * an enterprise user reads the projects its enterprise owns; every other role nothing. A project outside the
 * caller's scope is "not found".
 */
@Component
public class KeyProjects {

	private static final Logger log = LoggerFactory.getLogger(KeyProjects.class);

	/** Largest investment of one project, 10k CNY (万元): 10^9 万元 = 10 trillion CNY. */
	public static final BigDecimal MAX_INVESTMENT = new BigDecimal("1e9");
	/** Largest expected or realised annual saving of one project, tce or tCO2. */
	public static final BigDecimal MAX_SAVING = new BigDecimal("1e9");
	/** Longest project or owner name. */
	public static final int MAX_NAME = 200;
	/** Longest method of estimate, note. */
	public static final int MAX_TEXT = 500;
	/** The most rows a list answers. */
	public static final int MAX_LIST = 5_000;

	static final Role[] READERS = { Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER };
	static final Role[] EDITORS = { Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER };

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Registry registry;
	private final PilotPlan plan;
	private final KeyProjectSettings settings;

	KeyProjects(JdbcClient jdbc, AuditLog audit, Clock clock, Registry registry, PilotPlan plan, KeyProjectSettings settings) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.registry = registry;
		this.plan = plan;
		this.settings = settings;
	}

	/** A project as entered (form, API body, a row of the Excel import). */
	@Schema(name = "KeyProjectInput", description = "A key project as entered · 重点项目录入内容")
	public record Input(
			@JsonProperty("domain_no") @Schema(description = "The plan's domain, 1–10 (PilotPlan project domains) · 领域编号", example = "5", requiredMode = Schema.RequiredMode.REQUIRED) Integer domainNo,
			@JsonProperty("county_code") @Schema(description = "The county-level division (GB/T 2260) · 区县代码", example = "511111", requiredMode = Schema.RequiredMode.REQUIRED) String countyCode,
			@JsonProperty("owner_enterprise_id") @Schema(description = "The owner, an enterprise of the registry; or give owner_name · 业主企业编号", example = "42") Long ownerEnterpriseId,
			@JsonProperty("owner_name") @Schema(description = "The owner's name when it is not a registry enterprise, at most 200 characters · 业主名称", example = "乐山市示例城投公司（虚构）", maxLength = MAX_NAME) String ownerName,
			@Schema(description = "The project's name, at most 200 characters · 项目名称", example = "沙湾区分布式光伏项目（示例）", maxLength = MAX_NAME, requiredMode = Schema.RequiredMode.REQUIRED) String name,
			@JsonProperty("investment_10k_cny") @Schema(description = "Total investment, 10k CNY (万元), 0 to 1e9, 6 decimals · 总投资（万元）", example = "12000", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal investment10kCny,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed so far, 10k CNY (万元), 0 to the total; empty: 0 · 已完成投资（万元）", example = "3000") BigDecimal investmentCompleted10kCny,
			@JsonProperty("start_year") @Schema(description = "Year construction starts, 2000–2100 · 开工年份", example = "2026", requiredMode = Schema.RequiredMode.REQUIRED) Integer startYear,
			@JsonProperty("end_year") @Schema(description = "Year it is to be completed, from start_year to 2100 · 完工年份", example = "2028", requiredMode = Schema.RequiredMode.REQUIRED) Integer endYear,
			@Schema(description = "The stage · 阶段", example = "UNDER_CONSTRUCTION", requiredMode = Schema.RequiredMode.REQUIRED) KeyProjectStage stage,
			@JsonProperty("expected_tce") @Schema(description = "Expected annual energy saving, tce a year, 0 to 1e9; empty: not estimated · 预计年节能量（吨标准煤）", example = "3500") BigDecimal expectedTce,
			@JsonProperty("expected_co2_t") @Schema(description = "Expected annual CO2 reduction, tCO2 a year, 0 to 1e9; empty: not estimated · 预计年减排二氧化碳（吨）", example = "9100") BigDecimal expectedCo2T,
			@JsonProperty("estimate_method") @Schema(description = "How the expected savings were estimated, at most 500 characters; required with an expected figure · 测算方法", example = "年发电量 × 电网排放因子（可研报告）", maxLength = MAX_TEXT) String estimateMethod) {
	}

	/** A stage/progress entry as entered. */
	@Schema(name = "KeyProjectProgressInput", description = "A stage and investment-progress entry · 阶段与投资进度录入")
	public record ProgressInput(
			@Schema(description = "The stage reached · 阶段", example = "COMPLETED", requiredMode = Schema.RequiredMode.REQUIRED) KeyProjectStage stage,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed so far, 10k CNY (万元), 0 to the total · 已完成投资（万元）", example = "9000", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal investmentCompleted10kCny,
			@JsonProperty("progress_on") @Schema(description = "The date of the progress, not after today and not before the latest entry; empty: today (Beijing) · 进度日期", example = "2026-11-30") LocalDate progressOn,
			@Schema(description = "A note, at most 500 characters · 说明", example = "主体工程完工", maxLength = MAX_TEXT) String note) {
	}

	/** One stage/progress entry of the history. */
	@Schema(name = "KeyProjectProgress", description = "A dated stage and investment-progress entry · 阶段与投资进度记录")
	public record Progress(
			@Schema(description = "The stage · 阶段") KeyProjectStage stage,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed, 10k CNY (万元) · 已完成投资（万元）") BigDecimal investmentCompleted10kCny,
			@JsonProperty("progress_on") @Schema(description = "The progress's date · 进度日期") LocalDate progressOn,
			@Schema(description = "The note · 说明") String note,
			@JsonProperty("recorded_by") @Schema(description = "Who recorded it · 记录人") String recordedBy,
			@JsonProperty("recorded_at") @Schema(description = "When, Beijing time · 记录时间") OffsetDateTime recordedAt) {
	}

	/** A project of the library as the caller may see it. */
	@Schema(name = "KeyProject", description = "A key project of the library · 重点项目")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Project(
			@Schema(description = "The project's id · 项目编号", example = "1") long id,
			@JsonProperty("domain_no") @Schema(description = "The plan's domain, 1–10 · 领域编号") int domainNo,
			@JsonProperty("domain_zh") @Schema(description = "The domain's name, Chinese · 领域名称（中文）") String domainZh,
			@JsonProperty("domain_en") @Schema(description = "The domain's name, English · 领域名称（英文）") String domainEn,
			@JsonProperty("county_code") @Schema(description = "The county (GB/T 2260) · 区县代码") String countyCode,
			@JsonProperty("county_name") @Schema(description = "The county's name · 区县名称") String countyName,
			@JsonProperty("owner_enterprise_id") @Schema(description = "The owner enterprise of the registry; null for a free-text owner · 业主企业编号") Long ownerEnterpriseId,
			@JsonProperty("owner_name") @Schema(description = "The owner's name (the registry's for an enterprise the caller may see) · 业主名称") String ownerName,
			@Schema(description = "The project's name · 项目名称") String name,
			@JsonProperty("investment_10k_cny") @Schema(description = "Total investment, 10k CNY (万元) · 总投资（万元）") BigDecimal investment10kCny,
			@JsonProperty("investment_completed_10k_cny") @Schema(description = "Investment completed, 10k CNY (万元) · 已完成投资（万元）") BigDecimal investmentCompleted10kCny,
			@JsonProperty("investment_progress") @Schema(description = "Completed ÷ total, fraction of 1; null for a total of 0 · 投资完成率") BigDecimal investmentProgress,
			@JsonProperty("start_year") @Schema(description = "Year construction starts · 开工年份") int startYear,
			@JsonProperty("end_year") @Schema(description = "Year it is to be completed · 完工年份") int endYear,
			@Schema(description = "The stage · 阶段") KeyProjectStage stage,
			@JsonProperty("progress_on") @Schema(description = "Date of the latest stage/progress entry · 最近进度日期") LocalDate progressOn,
			@JsonProperty("expected_tce") @Schema(description = "Expected annual energy saving, tce a year · 预计年节能量（吨标准煤）") BigDecimal expectedTce,
			@JsonProperty("expected_co2_t") @Schema(description = "Expected annual CO2 reduction, tCO2 a year · 预计年减排二氧化碳（吨）") BigDecimal expectedCo2T,
			@JsonProperty("estimate_method") @Schema(description = "How the expected savings were estimated · 测算方法") String estimateMethod,
			@JsonProperty("admission_project_id") @Schema(description = "The admitted project of the admission module it came from; null otherwise · 来源准入项目编号") Long admissionProjectId,
			@Schema(description = "The realised savings in force (the newest entry); null before any · 当前实际节能减碳") KeyProjectSavings.Savings realised,
			@Schema(description = "Why the project is late (END_YEAR_PASSED, NO_PROGRESS); empty: on time · 滞后原因") List<KeyProjectRules.LateReason> late,
			@JsonProperty("under_delivering") @Schema(description = "Realised below the plan folder's share of expected · 节能减碳不达预期") boolean underDelivering,
			@JsonProperty("updated_by") @Schema(description = "Who changed it last · 最后修改人") String updatedBy,
			@JsonProperty("updated_at") @Schema(description = "When, Beijing time · 最后修改时间") OffsetDateTime updatedAt) {
	}

	/** Filters of the list; every one optional. */
	public record Query(Integer domainNo, String countyCode, KeyProjectStage stage, Boolean late, Boolean underDelivering, String text) {
		public static final Query ALL = new Query(null, null, null, null, null, null);
	}

	/** The projects the caller may see that match the query, by county, domain and name. */
	@Transactional(readOnly = true)
	public List<Project> list(Query q) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(READERS);
		var where = scope.where("p.county_code", null, "p.owner_enterprise_id");
		String text = q.text() == null || q.text().isBlank() ? null : "%" + q.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		List<Row> rows = jdbc.sql(SELECT + """
				WHERE %s
				  AND (CAST(:domain AS int) IS NULL OR p.domain_no = :domain)
				  AND (CAST(:county AS text) IS NULL OR p.county_code = :county)
				  AND (CAST(:stage AS text) IS NULL OR p.stage = :stage)
				  AND (CAST(:text AS text) IS NULL OR p.name ILIKE :text OR p.owner_name ILIKE :text)
				ORDER BY p.county_code, p.domain_no, p.name, p.id LIMIT %d""".formatted(where.sql(), MAX_LIST))
			.params(where.params()).param("domain", q.domainNo()).param("county", blank(q.countyCode()) ? null : q.countyCode().strip())
			.param("stage", q.stage() == null ? null : q.stage().name()).param("text", text)
			.query(KeyProjects::row).list();
		Views views = views();
		return rows.stream().map(r -> view(r, views))
			.filter(p -> q.late() == null || q.late() == !p.late().isEmpty())
			.filter(p -> q.underDelivering() == null || q.underDelivering() == p.underDelivering()).toList();
	}

	/** One project; not found outside the caller's scope. */
	@Transactional(readOnly = true)
	public Project get(long id) {
		AccessScope.current().requireRole(READERS);
		return view(readable(id), views());
	}

	/** The project's stage/progress history, oldest first. */
	@Transactional(readOnly = true)
	public List<Progress> history(long id) {
		readable(id);
		return jdbc.sql("SELECT * FROM keylib_progress WHERE project_id = :id ORDER BY progress_on, id").param("id", id)
			.query((rs, n) -> new Progress(KeyProjectStage.valueOf(rs.getString("stage")), plain(rs.getBigDecimal("completed_10k_cny")),
					rs.getObject("progress_on", LocalDate.class), rs.getString("note"), rs.getString("recorded_by"), beijing(rs, "recorded_at")))
			.list();
	}

	/** Creates a project (city roles; a county officer in its county); its first progress entry is today's stage. Audited. */
	@Transactional
	public Project create(Input in) {
		return create(in, null, null);
	}

	/** Creates a project, optionally from an admitted project of the admission module (its id kept, once). */
	@Transactional
	public Project create(Input in, Long admissionProjectId, String note) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(EDITORS);
		List<InputError> errors = new ArrayList<>();
		Input v = validate(in, errors, "");
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		scope.requireManage(Owner.county(v.countyCode()));
		long id = insert(v, admissionProjectId, note, scope.actor(), null);
		Project p = get(id);
		audit.record("keylib.project-created", "keylib-project", id, null, p);
		log.info("Key project {} '{}' created in county {}", id, p.name(), p.countyCode());
		return p;
	}

	/** Creates the rows of an import in one transaction: all or nothing (the caller validated them). Audited per project. */
	@Transactional
	public List<Long> createAll(List<Input> inputs) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(EDITORS);
		List<Long> ids = new ArrayList<>();
		List<AuditLog.Change> changes = new ArrayList<>();
		for (Input in : inputs) {
			scope.requireManage(Owner.county(in.countyCode()));
			long id = insert(in, null, "Excel 导入 · imported from Excel", scope.actor(), null);
			ids.add(id);
			changes.add(new AuditLog.Change(id, null, in));
		}
		audit.recordAll("keylib.project-imported", "keylib-project", changes);
		log.info("Imported {} key projects", ids.size());
		return ids;
	}

	/**
	 * Creates a project whose latest progress is dated {@code progressOn} (the demo's made-up projects, whose progress
	 * lies in the past); otherwise as {@link #create(Input)}.
	 */
	@Transactional
	Project createAsOf(Input in, LocalDate progressOn, String note) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(EDITORS);
		List<InputError> errors = new ArrayList<>();
		Input v = validate(in, errors, "");
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insert(v, null, note, scope.actor(), progressOn);
		Project p = get(id);
		audit.record("keylib.project-created", "keylib-project", id, null, p);
		return p;
	}

	private long insert(Input v, Long admissionProjectId, String note, String actor, LocalDate progressOn) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), PageFormat.BEIJING);
		LocalDate today = progressOn == null ? now.toLocalDate() : progressOn;
		BigDecimal completed = v.investmentCompleted10kCny() == null ? BigDecimal.ZERO : v.investmentCompleted10kCny();
		long id = jdbc.sql("""
				INSERT INTO keylib_project (domain_no, county_code, owner_enterprise_id, owner_name, name, investment_10k_cny, completed_10k_cny,
				  start_year, end_year, stage, progress_on, expected_tce, expected_co2_t, estimate_method, admission_project_id,
				  created_by, created_at, updated_by, updated_at)
				VALUES (:domain, :county, :ent, :owner, :name, :inv, :done, :start, :end, :stage, :on, :tce, :co2, :method, :adm,
				  :actor, :now, :actor, :now) RETURNING id""")
			.param("domain", v.domainNo()).param("county", v.countyCode()).param("ent", v.ownerEnterpriseId()).param("owner", v.ownerName())
			.param("name", v.name()).param("inv", v.investment10kCny()).param("done", completed).param("start", v.startYear())
			.param("end", v.endYear()).param("stage", v.stage().name()).param("on", today).param("tce", v.expectedTce())
			.param("co2", v.expectedCo2T()).param("method", v.estimateMethod()).param("adm", admissionProjectId)
			.param("actor", actor).param("now", now).query(Long.class).single();
		progressRow(id, v.stage(), completed, today, note, actor, now);
		return id;
	}

	/**
	 * Changes a project's data; a change of stage or investment completed adds a progress entry dated today. Same scope
	 * as create, for the project as it was and as it will be. Audited with before and after.
	 */
	@Transactional
	public Project update(long id, Input in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(EDITORS);
		Row before = readable(id);
		scope.requireManage(Owner.county(before.countyCode()));
		List<InputError> errors = new ArrayList<>();
		Input v = validate(in, errors, "");
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		scope.requireManage(Owner.county(v.countyCode()));
		Project old = view(before, views());
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), PageFormat.BEIJING);
		BigDecimal completed = v.investmentCompleted10kCny() == null ? before.completed() : v.investmentCompleted10kCny();
		boolean progressed = v.stage() != before.stage() || completed.compareTo(before.completed()) != 0;
		jdbc.sql("""
				UPDATE keylib_project SET domain_no = :domain, county_code = :county, owner_enterprise_id = :ent, owner_name = :owner, name = :name,
				  investment_10k_cny = :inv, completed_10k_cny = :done, start_year = :start, end_year = :end, stage = :stage,
				  progress_on = CASE WHEN :progressed THEN :on ELSE progress_on END, expected_tce = :tce, expected_co2_t = :co2,
				  estimate_method = :method, updated_by = :actor, updated_at = :now WHERE id = :id""")
			.param("domain", v.domainNo()).param("county", v.countyCode()).param("ent", v.ownerEnterpriseId()).param("owner", v.ownerName())
			.param("name", v.name()).param("inv", v.investment10kCny()).param("done", completed).param("start", v.startYear())
			.param("end", v.endYear()).param("stage", v.stage().name()).param("progressed", progressed).param("on", now.toLocalDate())
			.param("tce", v.expectedTce()).param("co2", v.expectedCo2T()).param("method", v.estimateMethod()).param("actor", scope.actor())
			.param("now", now).param("id", id).update();
		if (progressed) {
			progressRow(id, v.stage(), completed, now.toLocalDate(), "随项目信息修改 · changed with the project's data", scope.actor(), now);
		}
		Project after = get(id);
		audit.record("keylib.project-updated", "keylib-project", id, old, after);
		return after;
	}

	/** Records a stage and investment progress with its date (not after today, not before the latest); audited. */
	@Transactional
	public Project progress(long id, ProgressInput in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(EDITORS);
		Row before = readable(id);
		scope.requireManage(Owner.county(before.countyCode()));
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), PageFormat.BEIJING);
		LocalDate today = now.toLocalDate();
		List<InputError> errors = new ArrayList<>();
		if (in == null || in.stage() == null) {
			errors.add(InputError.field("stage", "is required: RESERVE, UNDER_CONSTRUCTION, COMPLETED or IN_OPERATION"));
		}
		BigDecimal done = in == null ? null : in.investmentCompleted10kCny();
		if (done == null) {
			errors.add(InputError.field("investment_completed_10k_cny", "is required"));
		}
		else if (amount(errors, "investment_completed_10k_cny", done, MAX_INVESTMENT) && done.compareTo(before.investment()) > 0) {
			errors.add(InputError.field("investment_completed_10k_cny", "at most the total investment " + plain(before.investment()).toPlainString() + " 万元"));
		}
		LocalDate on = in == null || in.progressOn() == null ? today : in.progressOn();
		if (on.isAfter(today) || on.isBefore(before.progressOn())) {
			errors.add(InputError.field("progress_on", "must lie between the latest entry's date " + before.progressOn() + " and today " + today));
		}
		String note = text(errors, "note", in == null ? null : in.note(), MAX_TEXT, false);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Project old = view(before, views());
		jdbc.sql("UPDATE keylib_project SET stage = :stage, completed_10k_cny = :done, progress_on = :on, updated_by = :actor, updated_at = :now WHERE id = :id")
			.param("stage", in.stage().name()).param("done", done).param("on", on).param("actor", scope.actor()).param("now", now).param("id", id)
			.update();
		progressRow(id, in.stage(), done, on, note, scope.actor(), now);
		Project after = get(id);
		audit.record("keylib.progress-recorded", "keylib-project", id, old, after);
		return after;
	}

	private void progressRow(long id, KeyProjectStage stage, BigDecimal completed, LocalDate on, String note, String actor, OffsetDateTime now) {
		jdbc.sql("""
				INSERT INTO keylib_progress (project_id, stage, completed_10k_cny, progress_on, note, recorded_by, recorded_at)
				VALUES (:id, :stage, :done, :on, :note, :actor, :now)""")
			.param("id", id).param("stage", stage.name()).param("done", completed).param("on", on).param("note", note).param("actor", actor)
			.param("now", now).update();
	}

	/** The ids of admitted projects already in the library. */
	@Transactional(readOnly = true)
	public java.util.Set<Long> admissionIds() {
		return java.util.Set.copyOf(jdbc.sql("SELECT admission_project_id FROM keylib_project WHERE admission_project_id IS NOT NULL")
			.query(Long.class).list());
	}

	/**
	 * Checks an input and returns it normalised (texts stripped, blanks as null); each error names the field with the
	 * prefix (an import names the row instead). Checks what the registry and the plan know: the domain, the county,
	 * the owner enterprise (visible to the caller).
	 */
	public Input validate(Input in, List<InputError> errors, String prefix) {
		if (in == null) {
			errors.add(InputError.field(prefix + "body", "is required"));
			return null;
		}
		Integer domain = in.domainNo();
		if (domain == null) {
			errors.add(InputError.field(prefix + "domain_no", "is required"));
		}
		else if (domains().stream().noneMatch(d -> d.no() == domain)) {
			errors.add(InputError.field(prefix + "domain_no", "is not a domain of the plan (1–" + domains().size() + "), got " + domain));
		}
		String county = blank(in.countyCode()) ? null : in.countyCode().strip();
		if (county == null) {
			errors.add(InputError.field(prefix + "county_code", "is required"));
		}
		else if (county.length() > 12 || !registry.isCounty(county)) {
			errors.add(InputError.field(prefix + "county_code", "is not a county-level division of the registry"));
		}
		String ownerName = text(errors, prefix + "owner_name", in.ownerName(), MAX_NAME, false);
		if (in.ownerEnterpriseId() != null) {
			if (registry.enterpriseOwner(in.ownerEnterpriseId()).filter(AccessScope.current()::canRead).isEmpty()) {
				errors.add(InputError.field(prefix + "owner_enterprise_id", "is not an enterprise of the registry you may see"));
			}
			ownerName = null;
		}
		else if (ownerName == null) {
			errors.add(InputError.field(prefix + "owner_name", "is required without owner_enterprise_id"));
		}
		String name = text(errors, prefix + "name", in.name(), MAX_NAME, true);
		if (in.investment10kCny() == null) {
			errors.add(InputError.field(prefix + "investment_10k_cny", "is required"));
		}
		else {
			amount(errors, prefix + "investment_10k_cny", in.investment10kCny(), MAX_INVESTMENT);
		}
		if (in.investmentCompleted10kCny() != null && amount(errors, prefix + "investment_completed_10k_cny", in.investmentCompleted10kCny(), MAX_INVESTMENT)
				&& in.investment10kCny() != null && in.investmentCompleted10kCny().compareTo(in.investment10kCny()) > 0) {
			errors.add(InputError.field(prefix + "investment_completed_10k_cny", "at most the total investment"));
		}
		year(errors, prefix + "start_year", in.startYear());
		if (year(errors, prefix + "end_year", in.endYear()) && in.startYear() != null && in.endYear() < in.startYear()) {
			errors.add(InputError.field(prefix + "end_year", "must not lie before start_year " + in.startYear()));
		}
		if (in.stage() == null) {
			errors.add(InputError.field(prefix + "stage", "is required: RESERVE, UNDER_CONSTRUCTION, COMPLETED or IN_OPERATION"));
		}
		if (in.expectedTce() != null) {
			amount(errors, prefix + "expected_tce", in.expectedTce(), MAX_SAVING);
		}
		if (in.expectedCo2T() != null) {
			amount(errors, prefix + "expected_co2_t", in.expectedCo2T(), MAX_SAVING);
		}
		String method = text(errors, prefix + "estimate_method", in.estimateMethod(), MAX_TEXT, false);
		if (method == null && (in.expectedTce() != null || in.expectedCo2T() != null)) {
			errors.add(InputError.field(prefix + "estimate_method", "is required with an expected saving: say how it was estimated"));
		}
		return new Input(domain, county, in.ownerEnterpriseId(), ownerName, name, stored(in.investment10kCny()), stored(in.investmentCompleted10kCny()),
				in.startYear(), in.endYear(), in.stage(), stored(in.expectedTce()), stored(in.expectedCo2T()), method);
	}

	/** The plan's project domains. */
	public List<PlanModel.ProjectDomain> domains() {
		return plan.projectDomains();
	}

	/** A number 0 ≤ v ≤ max with at most 6 decimals; adds an error naming the field otherwise. */
	static boolean amount(List<InputError> errors, String field, BigDecimal v, BigDecimal max) {
		if (v.scale() > Rounding.SCALE) {
			errors.add(InputError.field(field, "at most " + Rounding.SCALE + " decimals, got " + InputBounds.shown(v)));
			return false;
		}
		return InputBounds.range(errors, field, v, BigDecimal.ZERO, max);
	}

	private static boolean year(List<InputError> errors, String field, Integer y) {
		if (y == null) {
			errors.add(InputError.field(field, "is required"));
			return false;
		}
		if (y < 2000 || y > 2100) {
			errors.add(InputError.field(field, "must lie between 2000 and 2100, got " + y));
			return false;
		}
		return true;
	}

	/** A text stripped (null when blank), checked for length and control characters. */
	static String text(List<InputError> errors, String field, String value, int max, boolean required) {
		if (blank(value)) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
			return null;
		}
		String v = value.strip();
		InputBounds.length(errors, field, v, max);
		if (v.chars().anyMatch(c -> c < 0x20)) {
			errors.add(InputError.field(field, "must not contain control characters"));
		}
		return v;
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static BigDecimal stored(BigDecimal v) {
		// out-of-range figures (refused by validate) stay as given: writing out 1e999999999 would be the failure
		return v == null || v.scale() > Rounding.SCALE || v.precision() - v.scale() > 24 ? v : plain(v);
	}

	static BigDecimal plain(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal r = v.stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}

	// ---- reading

	/** A stored row. */
	record Row(long id, int domainNo, String countyCode, Long ownerEnterpriseId, String ownerName, String name, BigDecimal investment,
			BigDecimal completed, int startYear, int endYear, KeyProjectStage stage, LocalDate progressOn, BigDecimal expectedTce,
			BigDecimal expectedCo2, String method, Long admissionProjectId, String updatedBy, OffsetDateTime updatedAt) {
	}

	static final String SELECT = "SELECT p.* FROM keylib_project p ";

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getInt("domain_no"), rs.getString("county_code"), rs.getObject("owner_enterprise_id", Long.class),
				rs.getString("owner_name"), rs.getString("name"), plain(rs.getBigDecimal("investment_10k_cny")), plain(rs.getBigDecimal("completed_10k_cny")),
				rs.getInt("start_year"), rs.getInt("end_year"), KeyProjectStage.valueOf(rs.getString("stage")), rs.getObject("progress_on", LocalDate.class),
				plain(rs.getBigDecimal("expected_tce")), plain(rs.getBigDecimal("expected_co2_t")), rs.getString("estimate_method"),
				rs.getObject("admission_project_id", Long.class), rs.getString("updated_by"), beijing(rs, "updated_at"));
	}

	static OffsetDateTime beijing(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.atZoneSameInstant(PageFormat.BEIJING).toOffsetDateTime();
	}

	/** The row, if the caller may read it; else not found (another county's id is 404, not 403). */
	Row readable(long id) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(READERS);
		var where = scope.where("p.county_code", null, "p.owner_enterprise_id");
		return jdbc.sql(SELECT + "WHERE p.id = :id AND " + where.sql()).param("id", id).params(where.params()).query(KeyProjects::row).optional()
			.orElseThrow(() -> new NotFoundException("key project " + id));
	}

	/** What turning rows into views needs, read once per request. */
	record Views(Map<Integer, PlanModel.ProjectDomain> domains, Map<String, String> counties, Map<Long, String> enterprises,
			Map<Long, KeyProjectSavings.Savings> realised, LocalDate today) {
	}

	Views views() {
		Map<Integer, PlanModel.ProjectDomain> d = domains().stream().collect(Collectors.toMap(PlanModel.ProjectDomain::no, Function.identity()));
		Map<String, String> c = registry.counties().stream().collect(Collectors.toMap(RegistryModel.Region::code, RegistryModel.Region::nameZh, (a, b) -> a));
		Map<Long, String> e = new HashMap<>();
		registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(x -> e.put(x.id(), x.name()));
		return new Views(d, c, e, latestSavings(), LocalDate.now(clock.withZone(PageFormat.BEIJING)));
	}

	private Map<Long, KeyProjectSavings.Savings> latestSavings() {
		Map<Long, KeyProjectSavings.Savings> out = new LinkedHashMap<>();
		jdbc.sql(KeyProjectSavings.SELECT + " WHERE s.id IN (SELECT max(id) FROM keylib_savings GROUP BY project_id)")
			.query(KeyProjectSavings::row).list().forEach(s -> out.put(s.projectId(), s));
		return out;
	}

	Project view(Row r, Views v) {
		PlanModel.ProjectDomain d = v.domains().get(r.domainNo());
		KeyProjectSavings.Savings s = v.realised().get(r.id());
		String owner = r.ownerEnterpriseId() == null ? r.ownerName()
				: v.enterprises().getOrDefault(r.ownerEnterpriseId(), "企业 enterprise #" + r.ownerEnterpriseId());
		BigDecimal progress = r.investment().signum() == 0 ? null : Rounding.stored(r.completed().divide(r.investment(), Rounding.WORKING));
		boolean under = s != null && KeyProjectRules.underDelivering(r.expectedTce(), r.expectedCo2(), s.realisedTce(), s.realisedCo2T(),
				settings.underDeliveringShare());
		return new Project(r.id(), r.domainNo(), d == null ? String.valueOf(r.domainNo()) : d.nameZh(), d == null ? null : d.nameEn(), r.countyCode(),
				v.counties().getOrDefault(r.countyCode(), r.countyCode()), r.ownerEnterpriseId(), owner, r.name(), r.investment(), r.completed(),
				progress, r.startYear(), r.endYear(), r.stage(), r.progressOn(), r.expectedTce(), r.expectedCo2(), r.method(), r.admissionProjectId(), s,
				KeyProjectRules.late(r.stage(), r.endYear(), r.progressOn(), v.today(), settings.staleMonths()), under, r.updatedBy(), r.updatedAt());
	}

	/** The row for another internal class that has checked the scope. */
	Optional<Row> find(long id) {
		return jdbc.sql(SELECT + "WHERE p.id = :id").param("id", id).query(KeyProjects::row).optional();
	}
}
