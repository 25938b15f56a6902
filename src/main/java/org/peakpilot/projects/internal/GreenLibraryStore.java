package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.CarbonEfficiency;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.projects.internal.GreenCriteria.Evaluation;
import org.peakpilot.projects.internal.GreenCriteria.Outcome;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The green enterprise and green project library (绿色企业和绿色项目库, plan 二(五)5; ADR 0018 "Green library"):
 * applications by enterprise users (for themselves or for a project, with an evidence document stored with its
 * SHA-256), the office's review (approve: listed; reject with a comment), re-evaluation of listed entries against
 * current data (an entry that no longer meets a criterion, or whose grade fell, is FLAGGED for removal with the
 * reason; the office removes it or keeps it with a comment). Every evaluation is stored with the criteria version,
 * every decision audited.
 * <p>
 * Scope: the office (CITY_ADMIN, CITY_OFFICER) sees and decides everything; an enterprise user its own applications;
 * county officers and park managers read those of the enterprises the registry gives them; a bank's user (BANK)
 * reads only the library — listed and flagged entries, never applications or rejected ones.
 */
@Component
public class GreenLibraryStore {

	private static final Logger log = LoggerFactory.getLogger(GreenLibraryStore.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** Longest project name, document name. */
	public static final int MAX_NAME = 200;
	/** Longest description, comment. */
	public static final int MAX_TEXT = 2000;
	/** Largest investment, 10k CNY (万元): 1e8 万元 is a trillion CNY. */
	public static final BigDecimal MAX_INVESTMENT_10K_CNY = new BigDecimal("1e8");
	/** Largest CO2 figure of a project, t a year. */
	public static final BigDecimal MAX_CO2_T = new BigDecimal("1e9");
	/** Largest output value, 10k CNY a year. */
	public static final BigDecimal MAX_OUTPUT_10K_CNY = new BigDecimal("1e9");
	/** Longest search text of a filter. */
	public static final int MAX_FILTER = 100;

	/** Application or library entry kind. */
	@Schema(name = "GreenEntryKind", description = "ENTERPRISE: a green enterprise; PROJECT: a green project · 绿色企业或绿色项目")
	public enum Kind {
		ENTERPRISE, PROJECT
	}

	/** Where an entry stands. */
	@Schema(name = "GreenEntryStatus", description = "SUBMITTED (awaiting review), LISTED, REJECTED, FLAGGED (listed, flagged for removal), REMOVED · 待审核、已入库、已驳回、待移出（复评未通过）、已移出")
	public enum Status {
		SUBMITTED, LISTED, REJECTED, FLAGGED, REMOVED
	}

	/** What an enterprise user files. */
	public record Application(Kind kind, String projectName, String categoryCode, BigDecimal investment10kCny, BigDecimal co2ReductionT,
			BigDecimal annualCo2T, BigDecimal outputValue10kCny, String description, String documentName, byte[] document) {
	}

	/** An application or entry as the office and the applicant see it. */
	@Schema(name = "GreenApplication", description = "An application to the green library and where it stands · 绿色库申请及其状态")
	public record Entry(
			@Schema(description = "The entry's id · 编号", example = "7") long id,
			@Schema(description = "ENTERPRISE or PROJECT · 企业或项目") Kind kind,
			@Schema(description = "Where it stands · 状态") Status status,
			@JsonProperty("enterprise_id") @Schema(description = "The applicant enterprise's id · 申请企业编号", example = "42") long enterpriseId,
			@JsonProperty("enterprise_name") @Schema(description = "The applicant's registered name · 申请企业名称", example = "乐山示例光伏材料有限公司") String enterpriseName,
			@JsonProperty("county_code") @Schema(description = "The applicant's county (GB/T 2260), as the registry holds it now · 所在区县代码", example = "511112") String countyCode,
			@JsonProperty("project_name") @Schema(description = "PROJECT: the project's name; null for an enterprise · 项目名称", example = "屋顶分布式光伏 5 MW") String projectName,
			@JsonProperty("category_code") @Schema(description = "PROJECT: first-level category of the green-industry catalogue · 绿色产业目录一级类别", example = "G4") String categoryCode,
			@JsonProperty("investment_10k_cny") @Schema(description = "PROJECT: investment, 万元 (10k CNY) · 总投资（万元）", example = "2200") BigDecimal investment10kCny,
			@JsonProperty("co2_reduction_t") @Schema(description = "PROJECT: expected CO2 reduction, t a year · 预计年减排二氧化碳（吨/年）", example = "3200") BigDecimal co2ReductionT,
			@JsonProperty("annual_co2_t") @Schema(description = "PROJECT: its own annual CO2 once running, t a year; optional · 项目年排放（吨/年，可选）", example = "120") BigDecimal annualCo2T,
			@JsonProperty("output_value_10k_cny") @Schema(description = "PROJECT: annual output value, 万元 (10k CNY); optional · 年产值（万元，可选）", example = "1500") BigDecimal outputValue10kCny,
			@Schema(description = "The applicant's description · 申请说明") String description,
			@JsonProperty("document_name") @Schema(description = "Evidence document's name; null without · 证明文件名") String documentName,
			@JsonProperty("document_type") @Schema(description = "application/pdf, image/png or image/jpeg · 文件类型") String documentType,
			@JsonProperty("document_sha256") @Schema(description = "SHA-256 of the stored document, 64 hex digits · 文件 SHA-256") String documentSha256,
			@JsonProperty("applied_by") @Schema(description = "Who applied (user name) · 申请人") String appliedBy,
			@JsonProperty("applied_at") @Schema(description = "When, Beijing time · 申请时间") OffsetDateTime appliedAt,
			@JsonProperty("decided_by") @Schema(description = "Who approved or rejected · 审核人") String decidedBy,
			@JsonProperty("decided_at") @Schema(description = "When, Beijing time · 审核时间") OffsetDateTime decidedAt,
			@JsonProperty("decision_comment") @Schema(description = "The office's comment · 审核意见") String decisionComment,
			@JsonProperty("listed_on") @Schema(description = "The day it was listed (Beijing) · 入库日期") LocalDate listedOn,
			@JsonProperty("flag_reason") @Schema(description = "FLAGGED: why the re-evaluation flagged it · 待移出原因") String flagReason,
			@JsonProperty("review_comment") @Schema(description = "The office's comment on removal or keeping after a flag · 复评处理意见") String reviewComment,
			@JsonProperty("last_evaluation") @Schema(description = "The latest evaluation against the criteria · 最近一次评价") StoredEvaluation lastEvaluation) {
	}

	/** A stored evaluation. */
	@Schema(name = "GreenStoredEvaluation", description = "An evaluation as recorded: when, by whom, on which occasion · 已记录的评价")
	public record StoredEvaluation(
			@Schema(description = "The evaluation's id · 评价编号") long id,
			@Schema(description = "APPLICATION, DECISION or REEVALUATION · 评价场合", example = "REEVALUATION") String occasion,
			@JsonProperty("evaluated_by") @Schema(description = "Who or which job evaluated · 评价人") String evaluatedBy,
			@JsonProperty("evaluated_at") @Schema(description = "When, Beijing time · 评价时间") OffsetDateTime evaluatedAt,
			@Schema(description = "The evaluation · 评价内容") Evaluation evaluation) {
	}

	/** A listed (or flagged) entry as the library shows it to banks. */
	@Schema(name = "GreenLibraryEntry", description = "A listed green enterprise or project, with its criteria figures · 绿色库入库条目及准入指标")
	public record Listing(
			@Schema(description = "The entry's id · 编号", example = "7") long id,
			@Schema(description = "ENTERPRISE or PROJECT · 企业或项目") Kind kind,
			@Schema(description = "LISTED, or FLAGGED (listed, flagged for removal by the latest re-evaluation) · 已入库或待移出") Status status,
			@JsonProperty("enterprise_name") @Schema(description = "The enterprise's registered name · 企业名称", example = "乐山示例光伏材料有限公司") String enterpriseName,
			@Schema(description = "The enterprise's unified social credit code · 统一社会信用代码", example = "91511100MA62Q0AB19") String uscc,
			@JsonProperty("county_code") @Schema(description = "County (GB/T 2260) · 区县代码", example = "511112") String countyCode,
			@JsonProperty("county_name") @Schema(description = "County name · 区县名称", example = "五通桥区") String countyName,
			@JsonProperty("industry_code") @Schema(description = "The enterprise's industry (GB/T 4754) · 行业代码", example = "3985") String industryCode,
			@JsonProperty("project_name") @Schema(description = "PROJECT: the project's name · 项目名称") String projectName,
			@JsonProperty("category_code") @Schema(description = "PROJECT: catalogue category · 目录类别", example = "G4") String categoryCode,
			@JsonProperty("investment_10k_cny") @Schema(description = "PROJECT: investment, 万元 (10k CNY) · 总投资（万元）") BigDecimal investment10kCny,
			@JsonProperty("co2_reduction_t") @Schema(description = "PROJECT: expected CO2 reduction, t a year · 预计年减排（吨/年）") BigDecimal co2ReductionT,
			@JsonProperty("listed_on") @Schema(description = "Listing date (Beijing) · 入库日期") LocalDate listedOn,
			@JsonProperty("last_evaluation") @Schema(description = "The latest evaluation · 最近一次评价") StoredEvaluation lastEvaluation) {
	}

	/** Filters of the library and the application list; every one optional. */
	public record Filter(Kind kind, Status status, String countyCode, String categoryCode, String text) {
		public static final Filter ALL = new Filter(null, null, null, null, null);
	}

	/** A stored evidence document. */
	public record Document(String name, String type, byte[] bytes) {
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final GreenSettings settings;
	private final JsonMapper json;

	GreenLibraryStore(JdbcClient jdbc, AuditLog audit, Clock clock, Registry registry, EmissionsAccounting accounting, GreenSettings settings,
			JsonMapper json) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.registry = registry;
		this.accounting = accounting;
		this.settings = settings;
		this.json = json;
	}

	public GreenSettings settings() {
		return settings;
	}

	/** Refuses (403) a caller who may not apply: only enterprise users apply, for their own enterprise. */
	public void requireApplicant() {
		AccessScope.current().requireRole(Role.ENTERPRISE_USER);
	}

	/** Whether the caller reads applications (the office, county officers, park managers, enterprise users), not only the library. */
	public boolean readsApplications() {
		return AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
	}

	/** An enterprise user applies for its enterprise or for one of its projects; evaluated at once and audited. */
	@Transactional
	public Entry apply(Application in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.ENTERPRISE_USER);
		long enterpriseId = scope.enterprises().iterator().next();
		List<InputError> errors = new ArrayList<>();
		if (in.kind() == null) {
			errors.add(InputError.field("kind", "is required: ENTERPRISE or PROJECT"));
		}
		boolean project = in.kind() == Kind.PROJECT;
		if (project) {
			text(errors, "project_name", in.projectName(), MAX_NAME, true);
			if (blank(in.categoryCode())) {
				errors.add(InputError.field("category_code", "is required for a project"));
			}
			else if (settings.category(in.categoryCode().strip()).isEmpty()) {
				errors.add(InputError.field("category_code", "'" + shorten(in.categoryCode()) + "' is not a category of the catalogue "
						+ settings.catalogue().stream().map(GreenSettings.Category::code).toList()));
			}
			number(errors, "investment_10k_cny", in.investment10kCny(), true, MAX_INVESTMENT_10K_CNY, 4);
			number(errors, "co2_reduction_t", in.co2ReductionT(), true, MAX_CO2_T, Rounding.SCALE);
			number(errors, "annual_co2_t", in.annualCo2T(), false, MAX_CO2_T, Rounding.SCALE);
			number(errors, "output_value_10k_cny", in.outputValue10kCny(), false, MAX_OUTPUT_10K_CNY, 4);
			if (in.outputValue10kCny() != null && in.outputValue10kCny().signum() == 0) {
				errors.add(InputError.field("output_value_10k_cny", "must be above 0 when given"));
			}
		}
		else if (in.kind() == Kind.ENTERPRISE) {
			for (String f : new String[] { "project_name", "category_code" }) {
				if (!blank(f.equals("project_name") ? in.projectName() : in.categoryCode())) {
					errors.add(InputError.field(f, "belongs to a project application, not to an enterprise's"));
				}
			}
		}
		text(errors, "description", in.description(), MAX_TEXT, false);
		if (in.document() != null && in.document().length > 0) {
			text(errors, "document_name", in.documentName(), MAX_NAME, false);
		}
		EvidenceDocument doc = EvidenceDocument.check(in.document(), errors, "");
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!project && jdbc.sql("SELECT count(*) FROM projects_green_entry WHERE kind = 'ENTERPRISE' AND enterprise_id = :e AND status IN ('SUBMITTED','LISTED','FLAGGED')")
			.param("e", enterpriseId).query(Long.class).single() > 0) {
			throw new RuleViolationException("the enterprise already has an open application or a listing in the green library", true);
		}
		if (project && jdbc.sql("""
				SELECT count(*) FROM projects_green_entry WHERE kind = 'PROJECT' AND enterprise_id = :e AND lower(project_name) = lower(:n)
				  AND status IN ('SUBMITTED','LISTED','FLAGGED')""").param("e", enterpriseId).param("n", in.projectName().strip())
			.query(Long.class).single() > 0) {
			throw new RuleViolationException("a project of this name is already open or listed in the green library", true);
		}
		String name = doc == null ? null : blank(in.documentName()) ? doc.defaultName("evidence") : in.documentName().strip();
		long id = jdbc.sql("""
				INSERT INTO projects_green_entry (kind, enterprise_id, project_name, category_code, investment_10k_cny, co2_reduction_t,
				  annual_co2_t, output_value_10k_cny, description, document_name, document_type, document_sha256, document, status,
				  applied_by, applied_at)
				VALUES (:kind, :e, :name, :cat, :inv, :red, :co2, :out, :descr, :dn, :dt, :sha, :doc, 'SUBMITTED', :by, :at) RETURNING id
				""").param("kind", in.kind().name()).param("e", enterpriseId).param("name", project ? in.projectName().strip() : null)
			.param("cat", project ? in.categoryCode().strip() : null).param("inv", project ? in.investment10kCny() : null)
			.param("red", project ? in.co2ReductionT() : null).param("co2", project ? in.annualCo2T() : null)
			.param("out", project ? in.outputValue10kCny() : null).param("descr", blank(in.description()) ? null : in.description().strip())
			.param("dn", name).param("dt", doc == null ? null : doc.contentType()).param("sha", doc == null ? null : doc.sha256())
			.param("doc", doc == null ? null : doc.bytes())
			.param("by", scope.actor()).param("at", now()).query(Long.class).single();
		evaluate(id, "APPLICATION", scope.actor());
		Entry e = entry(id);
		audit.record("projects.green-applied", "green-entry", id, null, withoutEvaluation(e));
		log.info("Green library application {} ({}) by enterprise {}", id, in.kind(), enterpriseId);
		return e;
	}

	/** The office approves a submitted application: evaluated again and listed; a comment is required unless every criterion is met. */
	@Transactional
	public Entry approve(long id, String comment) {
		AccessScope scope = office();
		Entry before = entryForUpdate(id);
		if (before.status() != Status.SUBMITTED) {
			throw new RuleViolationException("only a submitted application can be approved; this one is " + before.status(), true);
		}
		Evaluation ev = evaluate(id, "DECISION", scope.actor());
		List<InputError> errors = new ArrayList<>();
		if (ev.outcome() != Outcome.MET && blank(comment)) {
			errors.add(InputError.field("comment", "is required: the evaluation is " + ev.outcome() + ", say why it is listed anyway"));
		}
		text(errors, "comment", comment, MAX_TEXT, false);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("""
				UPDATE projects_green_entry SET status = 'LISTED', decided_by = :by, decided_at = :at, decision_comment = :c,
				  listed_on = :on, listed_grade = :g WHERE id = :id""")
			.param("by", scope.actor()).param("at", now()).param("c", blankToNull(comment)).param("on", today())
			.param("g", ev.grade()).param("id", id).update();
		Entry after = entry(id);
		audit.record("projects.green-approved", "green-entry", id, withoutEvaluation(before), withoutEvaluation(after));
		log.info("Green library entry {} listed by {}", id, scope.actor());
		return after;
	}

	/** The office rejects a submitted application with a comment. */
	@Transactional
	public Entry reject(long id, String comment) {
		AccessScope scope = office();
		Entry before = entryForUpdate(id);
		List<InputError> errors = new ArrayList<>();
		text(errors, "comment", comment, MAX_TEXT, true);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (before.status() != Status.SUBMITTED) {
			throw new RuleViolationException("only a submitted application can be rejected; this one is " + before.status(), true);
		}
		jdbc.sql("UPDATE projects_green_entry SET status = 'REJECTED', decided_by = :by, decided_at = :at, decision_comment = :c WHERE id = :id")
			.param("by", scope.actor()).param("at", now()).param("c", comment.strip()).param("id", id).update();
		Entry after = entry(id);
		audit.record("projects.green-rejected", "green-entry", id, withoutEvaluation(before), withoutEvaluation(after));
		return after;
	}

	/** The office confirms the removal of a flagged entry, with a comment. */
	@Transactional
	public Entry remove(long id, String comment) {
		return settleFlag(id, comment, Status.REMOVED, "projects.green-removed");
	}

	/** The office keeps a flagged entry listed, with a comment; its grade of record becomes the latest evaluation's. */
	@Transactional
	public Entry keep(long id, String comment) {
		return settleFlag(id, comment, Status.LISTED, "projects.green-kept");
	}

	private Entry settleFlag(long id, String comment, Status to, String action) {
		AccessScope scope = office();
		Entry before = entryForUpdate(id);
		List<InputError> errors = new ArrayList<>();
		text(errors, "comment", comment, MAX_TEXT, true);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (before.status() != Status.FLAGGED) {
			throw new RuleViolationException("only an entry flagged for removal can be removed or kept; this one is " + before.status(), true);
		}
		Integer grade = before.lastEvaluation() == null ? null : before.lastEvaluation().evaluation().grade();
		jdbc.sql("""
				UPDATE projects_green_entry SET status = :s, review_comment = :c, reviewed_by = :by, reviewed_at = :at,
				  listed_grade = CASE WHEN :s = 'LISTED' THEN coalesce(CAST(:g AS int), listed_grade) ELSE listed_grade END,
				  flag_reason = CASE WHEN :s = 'LISTED' THEN NULL ELSE flag_reason END WHERE id = :id""")
			.param("s", to.name()).param("c", comment.strip()).param("by", scope.actor()).param("at", now()).param("g", grade)
			.param("id", id).update();
		Entry after = entry(id);
		audit.record(action, "green-entry", id, withoutEvaluation(before), withoutEvaluation(after));
		return after;
	}

	/**
	 * Re-evaluates listed entries against current data (the office's button: all listed; the schedule: those due) and
	 * flags for removal those that no longer meet a criterion or whose grade fell below the grade they were listed
	 * with. Returns the ids flagged.
	 */
	@Transactional
	public List<Long> reevaluate(boolean onlyDue) {
		AccessScope scope = office();
		List<Long> ids = jdbc.sql("""
				SELECT e.id FROM projects_green_entry e WHERE e.status = 'LISTED' AND (NOT :due OR coalesce(
				  (SELECT max(v.evaluated_at) FROM projects_green_evaluation v WHERE v.entry_id = e.id), e.applied_at) < :before)
				ORDER BY e.id""").param("due", onlyDue)
			.param("before", now().minusDays(settings.reevaluationIntervalDays())).query(Long.class).list();
		List<Long> flagged = new ArrayList<>();
		for (long id : ids) {
			Entry before = entry(id);
			Evaluation ev = evaluate(id, "REEVALUATION", scope.actor());
			List<String> reasons = new ArrayList<>();
			Integer listedGrade = jdbc.sql("SELECT listed_grade FROM projects_green_entry WHERE id = :id").param("id", id)
				.query(Integer.class).optional().orElse(null);
			if (before.kind() == Kind.ENTERPRISE && ev.grade() != null && listedGrade != null && ev.grade() > listedGrade) {
				reasons.add("grade fell from " + listedGrade + " to " + ev.grade() + " (" + ev.dataYear() + ")");
			}
			ev.criteria().stream().filter(c -> c.state() == GreenCriteria.State.NOT_MET)
				.forEach(c -> reasons.add(c.code() + " not met: " + plain(c.figure()) + " " + c.comparison() + " " + plain(c.threshold())
						+ (c.unit() == null ? "" : " " + c.unit()) + (c.note() == null ? "" : " (" + c.note() + ")")));
			if (!reasons.isEmpty()) {
				String reason = String.join("; ", reasons);
				jdbc.sql("UPDATE projects_green_entry SET status = 'FLAGGED', flag_reason = :r, flagged_at = :at WHERE id = :id")
					.param("r", reason.length() > MAX_TEXT ? reason.substring(0, MAX_TEXT) : reason).param("at", now()).param("id", id).update();
				audit.record("projects.green-flagged", "green-entry", id, withoutEvaluation(before), withoutEvaluation(entry(id)));
				flagged.add(id);
			}
		}
		log.info("Green library re-evaluated {} entries, flagged {}", ids.size(), flagged.size());
		return flagged;
	}

	/** The library: listed and flagged entries; banks and the office all, others those of the enterprises in their scope. */
	public List<Listing> library(Filter f) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		Status status = f.status() == Status.LISTED || f.status() == Status.FLAGGED ? f.status() : null;
		Filter listed = new Filter(f.kind(), status, f.countyCode(), f.categoryCode(), f.text());
		List<Entry> rows = query(listed, scope.hasRole(Role.BANK) || scope.isCityWide(), List.of(Status.LISTED, Status.FLAGGED));
		Map<Long, RegistryModel.Enterprise> names = enterprises();
		return rows.stream().map(e -> listing(e, names.get(e.enterpriseId()))).toList();
	}

	/** One entry of the library (listed or flagged); not found otherwise or outside the caller's scope. */
	public Listing listing(long id) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		Entry e = find(id).filter(x -> x.status() == Status.LISTED || x.status() == Status.FLAGGED)
			.filter(x -> scope.hasRole(Role.BANK) || scope.isCityWide() || visible().contains(x.enterpriseId()))
			.orElseThrow(() -> new NotFoundException("green library entry " + id));
		return listing(e, enterprises().get(e.enterpriseId()));
	}

	/** Applications within the caller's scope (never for a bank). */
	public List<Entry> applications(Filter f) {
		AccessScope scope = applicationReader();
		return query(f, scope.isCityWide(), List.of(Status.values()));
	}

	/** One application within the caller's scope. */
	public Entry application(long id) {
		AccessScope scope = applicationReader();
		return find(id).filter(x -> scope.isCityWide() || visible().contains(x.enterpriseId()))
			.orElseThrow(() -> new NotFoundException("green library application " + id));
	}

	/** Every evaluation of an application, newest first (same scope as the application). */
	public List<StoredEvaluation> evaluations(long id) {
		application(id);
		return jdbc.sql("SELECT * FROM projects_green_evaluation WHERE entry_id = :id ORDER BY id DESC").param("id", id)
			.query((rs, n) -> stored(rs)).list();
	}

	/** An application's evidence document (same scope as the application). */
	public Document document(long id) {
		application(id);
		return jdbc.sql("SELECT document_name, document_type, document FROM projects_green_entry WHERE id = :id AND document IS NOT NULL")
			.param("id", id).query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
			.orElseThrow(() -> new NotFoundException("document of green library application " + id));
	}

	/** Ids of the enterprises listed (or flagged) as green enterprises; no user scope (the caller decides what to show). */
	public Set<Long> listedEnterpriseIds() {
		return Set.copyOf(jdbc.sql("SELECT DISTINCT enterprise_id FROM projects_green_entry WHERE kind = 'ENTERPRISE' AND status IN ('LISTED','FLAGGED')")
			.query(Long.class).list());
	}

	/** The registered names of enterprises by id, for display: the library shows its entries' names to its readers by design. */
	public Map<Long, RegistryModel.Enterprise> enterprises() {
		return SystemActor.call("green-library", () -> registry.enterprises(RegistryModel.EnterpriseQuery.ALL)).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::id, Function.identity(), (a, b) -> a));
	}

	/** The enterprises of the caller's scope (the registry decides). */
	private Set<Long> visible() {
		return registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream().map(RegistryModel.Enterprise::id).collect(Collectors.toSet());
	}

	private AccessScope office() {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		return scope;
	}

	private AccessScope applicationReader() {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER);
		return scope;
	}

	private List<Entry> query(Filter f, boolean all, List<Status> statuses) {
		if (!blank(f.text()) && f.text().strip().length() > MAX_FILTER) {
			throw new InvalidInputException("q", "at most " + MAX_FILTER + " characters");
		}
		if (!blank(f.countyCode()) && f.countyCode().strip().length() > 12) {
			throw new InvalidInputException("county", "is not a county code");
		}
		if (!blank(f.categoryCode()) && f.categoryCode().strip().length() > 16) {
			throw new InvalidInputException("category", "is not a category of the catalogue");
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String where = "TRUE";
		if (!all) {
			Set<Long> ids = visible();
			if (ids.isEmpty()) {
				return List.of();
			}
			where = "e.enterprise_id IN (:ids)";
			params.put("ids", List.copyOf(ids));
		}
		List<String> st = statuses.stream().filter(s -> f.status() == null || s == f.status()).map(Status::name).toList();
		if (st.isEmpty()) {
			return List.of();
		}
		Set<Long> inCounty = null;
		if (!blank(f.countyCode())) {
			String county = f.countyCode().strip();
			inCounty = enterprises().values().stream().filter(x -> county.equals(x.countyCode())).map(RegistryModel.Enterprise::id)
				.collect(Collectors.toSet());
			if (inCounty.isEmpty()) {
				return List.of();
			}
			where += " AND e.enterprise_id IN (:county_ids)";
			params.put("county_ids", List.copyOf(inCounty));
		}
		String text = blank(f.text()) ? null : "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		Set<Long> nameMatches = Set.of();
		if (text != null) {
			String needle = f.text().strip().toLowerCase(java.util.Locale.ROOT);
			nameMatches = enterprises().values().stream().filter(x -> x.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
				.map(RegistryModel.Enterprise::id).collect(Collectors.toSet());
		}
		return jdbc.sql("""
				SELECT e.id FROM projects_green_entry e WHERE %s AND e.status IN (:st)
				  AND (CAST(:kind AS text) IS NULL OR e.kind = :kind)
				  AND (CAST(:cat AS text) IS NULL OR e.category_code = :cat)
				  AND (CAST(:text AS text) IS NULL OR e.project_name ILIKE :text OR e.enterprise_id IN (:name_ids))
				ORDER BY CASE e.status WHEN 'FLAGGED' THEN 0 WHEN 'SUBMITTED' THEN 1 ELSE 2 END, e.id DESC LIMIT 2000
				""".formatted(where)).params(params).param("st", st).param("kind", f.kind() == null ? null : f.kind().name())
			.param("cat", blankToNull(f.categoryCode())).param("text", text)
			.param("name_ids", nameMatches.isEmpty() ? List.of(-1L) : List.copyOf(nameMatches))
			.query(Long.class).list().stream().map(this::entry).toList();
	}

	/** Evaluates an entry with the data in force now, in the caller's scope, and stores the evaluation. */
	private Evaluation evaluate(long id, String occasion, String actor) {
		Map<String, Object> row = jdbc.sql("SELECT kind, enterprise_id, category_code, annual_co2_t, output_value_10k_cny FROM projects_green_entry WHERE id = :id")
			.param("id", id).query().singleRow();
		long enterpriseId = ((Number) row.get("enterprise_id")).longValue();
		CarbonEfficiency efficiency = accounting.carbonEfficiency(enterpriseId).orElse(null);
		Evaluation ev = Kind.valueOf((String) row.get("kind")) == Kind.ENTERPRISE ? GreenCriteria.enterprise(settings, efficiency)
				: GreenCriteria.project(settings, (String) row.get("category_code"), (BigDecimal) row.get("annual_co2_t"),
						(BigDecimal) row.get("output_value_10k_cny"), efficiency);
		jdbc.sql("""
				INSERT INTO projects_green_evaluation (entry_id, occasion, criteria_version, outcome, data_year, grade, results, evaluated_by, evaluated_at)
				VALUES (:id, :occ, :v, :o, :y, :g, CAST(:r AS jsonb), :by, :at)""")
			.param("id", id).param("occ", occasion).param("v", ev.criteriaVersion()).param("o", ev.outcome().name()).param("y", ev.dataYear())
			.param("g", ev.grade()).param("r", json.writeValueAsString(ev)).param("by", actor).param("at", now()).update();
		return ev;
	}

	private Optional<Entry> find(long id) {
		return jdbc.sql("SELECT id FROM projects_green_entry WHERE id = :id").param("id", id).query(Long.class).optional().map(this::entry);
	}

	private Entry entryForUpdate(long id) {
		jdbc.sql("SELECT id FROM projects_green_entry WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("green library application " + id));
		return entry(id);
	}

	Entry entry(long id) {
		StoredEvaluation last = jdbc.sql("SELECT * FROM projects_green_evaluation WHERE entry_id = :id ORDER BY id DESC LIMIT 1").param("id", id)
			.query((rs, n) -> stored(rs)).optional().orElse(null);
		Map<Long, RegistryModel.Enterprise> names = null;
		return jdbc.sql("""
				SELECT id, kind, status, enterprise_id, project_name, category_code, investment_10k_cny, co2_reduction_t, annual_co2_t,
				  output_value_10k_cny, description, document_name, document_type, document_sha256, applied_by, applied_at, decided_by,
				  decided_at, decision_comment, listed_on, flag_reason, review_comment FROM projects_green_entry WHERE id = :id""")
			.param("id", id).query((rs, n) -> {
				long e = rs.getLong("enterprise_id");
				RegistryModel.Enterprise ent = enterprise(e);
				return new Entry(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), Status.valueOf(rs.getString("status")), e,
						ent == null ? null : ent.name(), ent == null ? null : ent.countyCode(), rs.getString("project_name"),
						rs.getString("category_code"), Rounding.stored(rs.getBigDecimal("investment_10k_cny")),
						Rounding.stored(rs.getBigDecimal("co2_reduction_t")), Rounding.stored(rs.getBigDecimal("annual_co2_t")),
						Rounding.stored(rs.getBigDecimal("output_value_10k_cny")), rs.getString("description"), rs.getString("document_name"),
						rs.getString("document_type"), rs.getString("document_sha256"), rs.getString("applied_by"),
						time(rs.getObject("applied_at", OffsetDateTime.class)), rs.getString("decided_by"),
						time(rs.getObject("decided_at", OffsetDateTime.class)), rs.getString("decision_comment"),
						rs.getObject("listed_on", LocalDate.class), rs.getString("flag_reason"), rs.getString("review_comment"), last);
			}).optional().orElseThrow(() -> new NotFoundException("green library application " + id));
	}

	private RegistryModel.Enterprise enterprise(long id) {
		return SystemActor.call("green-library", () -> {
			try {
				return registry.enterprise(id);
			}
			catch (NotFoundException ex) {
				return null;
			}
		});
	}

	private Listing listing(Entry e, RegistryModel.Enterprise ent) {
		return new Listing(e.id(), e.kind(), e.status(), e.enterpriseName(), ent == null ? null : ent.uscc(), e.countyCode(),
				ent == null ? null : ent.countyName(), ent == null ? null : ent.industryCode(), e.projectName(), e.categoryCode(),
				e.investment10kCny(), e.co2ReductionT(), e.listedOn(), e.lastEvaluation());
	}

	private StoredEvaluation stored(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new StoredEvaluation(rs.getLong("id"), rs.getString("occasion"), rs.getString("evaluated_by"),
				time(rs.getObject("evaluated_at", OffsetDateTime.class)), json.readValue(rs.getString("results"), Evaluation.class));
	}

	private static Entry withoutEvaluation(Entry e) {
		return new Entry(e.id(), e.kind(), e.status(), e.enterpriseId(), e.enterpriseName(), e.countyCode(), e.projectName(), e.categoryCode(),
				e.investment10kCny(), e.co2ReductionT(), e.annualCo2T(), e.outputValue10kCny(), e.description(), e.documentName(),
				e.documentType(), e.documentSha256(), e.appliedBy(), e.appliedAt(), e.decidedBy(), e.decidedAt(), e.decisionComment(),
				e.listedOn(), e.flagReason(), e.reviewComment(), null);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock.withZone(BEIJING));
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(BEIJING));
	}

	private static OffsetDateTime time(OffsetDateTime t) {
		return t == null ? null : t.atZoneSameInstant(BEIJING).toOffsetDateTime();
	}

	private static void text(List<InputError> errors, String field, String value, int max, boolean required) {
		if (blank(value)) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
			return;
		}
		InputBounds.length(errors, field, value.strip(), max);
	}

	private static void number(List<InputError> errors, String field, BigDecimal v, boolean required, BigDecimal max, int scale) {
		if (v == null) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
			return;
		}
		if (v.signum() < 0 || v.compareTo(max) > 0) {
			errors.add(InputError.field(field, "must lie between 0 and " + max.toPlainString() + ", got " + InputBounds.shown(v)));
		}
		else if (v.stripTrailingZeros().scale() > scale) {
			errors.add(InputError.field(field, "at most " + scale + " decimals, got " + InputBounds.shown(v)));
		}
	}

	private static String plain(BigDecimal v) {
		return v == null ? "—" : v.stripTrailingZeros().toPlainString();
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String blankToNull(String s) {
		return blank(s) ? null : s.strip();
	}

	private static String shorten(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}



}
