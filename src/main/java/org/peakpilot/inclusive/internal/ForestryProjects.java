package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forestry carbon-sink projects (林业碳汇项目) and their workflow: DRAFT → SUBMITTED → VERIFIED (third-party verifier,
 * report, verified increment) → APPROVED (the forestry bureau or the office) → ISSUED (tickets, {@link TicketRegistry});
 * SUBMITTED, VERIFIED or APPROVED → REJECTED with a reason. The forestry officer and the city's roles operate it; every
 * step is kept ({@code inclusive_forestry_step}) and audited.
 */
@Component
public class ForestryProjects {

	private static final Logger log = LoggerFactory.getLogger(ForestryProjects.class);

	public static final int MAX_PARCELS = 500;
	public static final int MAX_CERTIFICATE = 60;
	/** Largest parcel, 亩 (a county's whole forest is a few million 亩). */
	public static final String MAX_AREA_MU = "10000000";
	/** Largest yearly increment of one project, tCO2. */
	public static final String MAX_INCREMENT_T = "10000000";

	/** A project's state. */
	public enum Status {
		DRAFT, SUBMITTED, VERIFIED, APPROVED, ISSUED, REJECTED
	}

	/** Tree species of a parcel (竹, 杉, 松, 阔叶, 混交, 其他). */
	public enum Species {
		BAMBOO, FIR, PINE, BROADLEAF, MIXED, OTHER
	}

	/** A parcel as entered. */
	@Schema(name = "ForestryParcel", description = "A parcel of the project: forest-right certificate, area, species · 项目地块：林权证号、面积、树种")
	public record Parcel(
			@JsonProperty("certificate_no") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(max = MAX_CERTIFICATE) @Schema(description = "Forest-right certificate number (林权证号), at most 60 characters · 林权证号", example = "川(2019)沐川县林权第0012345号") String certificateNo,
			@JsonProperty("area_mu") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false) @jakarta.validation.constraints.DecimalMax(MAX_AREA_MU) @Schema(description = "Area, 亩 (1 亩 = 666.7 m²), above 0, at most 10,000,000, 2 decimals · 面积（亩）", example = "3197") BigDecimal areaMu,
			@Schema(description = "BAMBOO (竹), FIR (杉), PINE (松), BROADLEAF (阔叶), MIXED (混交), OTHER · 树种") Species species,
			@Schema(description = "Where (township, village), at most 200 characters · 位置", example = "沐川县沐溪镇") String location) {
	}

	/** A year's increment figure. */
	@Schema(name = "ForestryIncrement", description = "The project's sink increment of one year of its monitoring period · 监测期内某年碳汇增量")
	public record YearIncrement(@Schema(description = "Year, inside the monitoring period · 年度", example = "2025") Integer year,
			@JsonProperty("increment_t") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false) @jakarta.validation.constraints.DecimalMax(MAX_INCREMENT_T) @Schema(description = "Increment, tCO2, above 0, 6 decimals · 碳汇增量，吨二氧化碳", example = "2544.6") BigDecimal incrementT) {
	}

	/** A project as entered (create, or edit a draft). */
	@Schema(name = "ForestryProjectInput", description = "A forestry carbon-sink project as entered · 林业碳汇项目录入")
	public record ProjectInput(
			@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(max = TicketRegistry.MAX_NAME) @Schema(description = "Name, at most 200 characters · 项目名称", example = "沐川县竹林碳汇项目（第一监测期）") String name,
			@JsonProperty("county_code") @Schema(description = "The county (region code) of the forests · 区县代码", example = "511129") String countyCode,
			@JsonProperty("owner_name") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(max = TicketRegistry.MAX_NAME) @Schema(description = "Owner or holder of the forest rights, who receives the tickets · 林权权利人（碳票持有人）", example = "沐川县林业合作社") String ownerName,
			@JsonProperty("owner_kind") @Schema(description = "FOREST_OWNER, COLLECTIVE, ENTERPRISE, PUBLIC_BODY or OTHER · 权利人类型") TicketRegistry.HolderKind ownerKind,
			@JsonProperty("period_start") @Schema(description = "Monitoring period start · 监测期起", example = "2021-01-01") LocalDate periodStart,
			@JsonProperty("period_end") @Schema(description = "Monitoring period end, after the start, at most 10 years later, not after today · 监测期止", example = "2025-12-31") LocalDate periodEnd,
			@JsonProperty("period_no") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(99) @Schema(description = "The project's n-th monitoring period, 1–99 · 第几监测期", example = "1") Integer periodNo,
			@JsonProperty("method_code") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(max = 60) @Schema(description = "Increment method with version, at most 60 characters · 碳汇增量方法学及版本", example = "SMCER-FC-V1") String methodCode,
			@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(min = 1, max = MAX_PARCELS) @Schema(description = "Parcels, 1–500 · 地块") List<Parcel> parcels,
			@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(min = 1, max = 11) @Schema(description = "Increment figures per year of the period (each year once) · 各年度碳汇增量") List<YearIncrement> increments) {
	}

	/** A project as shown. */
	@Schema(name = "ForestryProject", description = "A forestry carbon-sink project with its workflow state · 林业碳汇项目及流程状态")
	public record Project(@Schema(description = "Id · 编号") long id, @Schema(description = "Name · 名称") String name,
			@JsonProperty("county_code") @Schema(description = "County region code · 区县代码") String countyCode,
			@JsonProperty("owner_holder_id") @Schema(description = "The owner as ticket holder · 权利人（持有人）编号") long ownerHolderId,
			@JsonProperty("owner_name") @Schema(description = "Forest-rights holder · 林权权利人") String ownerName,
			@JsonProperty("period_start") @Schema(description = "Monitoring period start · 监测期起") LocalDate periodStart,
			@JsonProperty("period_end") @Schema(description = "Monitoring period end · 监测期止") LocalDate periodEnd,
			@JsonProperty("period_no") @Schema(description = "The project's n-th monitoring period · 第几监测期") int periodNo,
			@JsonProperty("period_code") @Schema(description = "In the serials: end year P n · 编号中的监测期代码") String periodCode,
			@JsonProperty("method_code") @Schema(description = "Increment method and version · 碳汇增量方法学及版本") String methodCode,
			@JsonProperty("claimed_increment_t") @Schema(description = "Σ of the yearly figures, tCO2 · 申报增量合计，吨二氧化碳") BigDecimal claimedIncrementT,
			@Schema(description = "Workflow state · 流程状态") Status status,
			@JsonProperty("verifier_name") @Schema(description = "Third-party verifier · 第三方核证机构") String verifierName,
			@JsonProperty("verification_reference") @Schema(description = "Verification report reference · 核证报告编号") String verificationReference,
			@JsonProperty("verified_on") @Schema(description = "Verified on · 核证日期") LocalDate verifiedOn,
			@JsonProperty("verified_increment_t") @Schema(description = "The verifier's figure, tCO2 · 核证增量，吨二氧化碳") BigDecimal verifiedIncrementT,
			@JsonProperty("approved_by") @Schema(description = "Approving office · 审批机关") String approvedBy,
			@JsonProperty("approval_reference") @Schema(description = "Approval reference (文号) · 审批文号") String approvalReference,
			@JsonProperty("approved_on") @Schema(description = "Approved on · 审批日期") LocalDate approvedOn,
			@JsonProperty("rejected_reason") @Schema(description = "Why it was rejected · 驳回理由") String rejectedReason,
			@JsonProperty("total_area_mu") @Schema(description = "Σ parcel area, 亩 · 总面积（亩）") BigDecimal totalAreaMu,
			@Schema(description = "Parcels · 地块") List<Parcel> parcels,
			@Schema(description = "Increment figures per year · 各年度碳汇增量") List<YearIncrement> increments,
			@Schema(description = "The workflow's steps · 流程记录") List<Step> steps,
			@Schema(description = "Documents · 材料") List<TicketRegistry.StoredDocument> documents,
			@Schema(description = "The issuance, once issued · 签发信息") TicketRegistry.Issuance issuance,
			@JsonProperty("created_by") @Schema(description = "Who created it · 创建人") String createdBy,
			@JsonProperty("updated_at") @Schema(description = "Last change, Beijing time · 最近修改时间") OffsetDateTime updatedAt) {
	}

	/** A workflow step. */
	@Schema(name = "ForestryProjectStep", description = "A step of the project's workflow · 流程步骤")
	public record Step(@JsonProperty("from_status") @Schema(description = "State before · 原状态") Status fromStatus,
			@JsonProperty("to_status") @Schema(description = "State after · 新状态") Status toStatus,
			@Schema(description = "Who · 操作人") String actor, @Schema(description = "In which role · 角色") String role,
			@Schema(description = "Comment · 说明") String comment,
			@JsonProperty("taken_at") @Schema(description = "When, Beijing time · 时间") OffsetDateTime takenAt) {
	}

	/** The verification as recorded. */
	public record Verification(String verifierName, String reference, LocalDate verifiedOn, BigDecimal verifiedIncrementT) {
	}

	/** The approval as recorded. */
	public record Approval(String approvedBy, String reference, LocalDate approvedOn) {
	}

	private final JdbcClient jdbc;
	private final TicketRegistry tickets;
	private final AuditLog audit;
	private final Registry registry;

	ForestryProjects(JdbcClient jdbc, TicketRegistry tickets, AuditLog audit, Registry registry) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.audit = audit;
		this.registry = registry;
	}

	/** Creates a draft; audited. */
	@Transactional
	public Project create(ProjectInput in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(TicketRegistry.OFFICE);
		check(in);
		long owner = tickets.holder(in.ownerName(), in.ownerKind() == null ? TicketRegistry.HolderKind.FOREST_OWNER : in.ownerKind(), null);
		long id = jdbc.sql("""
				INSERT INTO inclusive_forestry_project (name, county_code, owner_holder_id, period_start, period_end, period_no, method_code,
				  claimed_increment_t, status, created_by, created_at, updated_at)
				VALUES (:n, :c, :o, :s, :e, :pn, :m, :claimed, 'DRAFT', :by, :at, :at) RETURNING id""")
			.param("n", in.name().strip()).param("c", in.countyCode()).param("o", owner).param("s", in.periodStart()).param("e", in.periodEnd())
			.param("pn", in.periodNo() == null ? 1 : in.periodNo()).param("m", in.methodCode().strip()).param("claimed", claimed(in))
			.param("by", scope.actor()).param("at", tickets.now()).query(Long.class).single();
		writeChildren(id, in);
		step(id, null, Status.DRAFT, null);
		Project p = project(id);
		audit.record("inclusive.forestry-project-created", "forestry-project", id, null, p);
		log.info("Forestry project {} created in county {}", id, in.countyCode());
		return p;
	}

	/** Replaces a draft's fields; audited. */
	@Transactional
	public Project update(long id, ProjectInput in) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		Project before = project(id);
		require(before, Status.DRAFT, "edited");
		check(in);
		long owner = tickets.holder(in.ownerName(), in.ownerKind() == null ? TicketRegistry.HolderKind.FOREST_OWNER : in.ownerKind(), null);
		jdbc.sql("""
				UPDATE inclusive_forestry_project SET name = :n, county_code = :c, owner_holder_id = :o, period_start = :s, period_end = :e, period_no = :pn,
				  method_code = :m, claimed_increment_t = :claimed, updated_at = :at WHERE id = :id""")
			.param("n", in.name().strip()).param("c", in.countyCode()).param("o", owner).param("s", in.periodStart()).param("e", in.periodEnd())
			.param("pn", in.periodNo() == null ? 1 : in.periodNo()).param("m", in.methodCode().strip()).param("claimed", claimed(in))
			.param("at", tickets.now()).param("id", id).update();
		jdbc.sql("DELETE FROM inclusive_forestry_parcel WHERE project_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM inclusive_forestry_increment WHERE project_id = :id").param("id", id).update();
		writeChildren(id, in);
		Project after = project(id);
		audit.record("inclusive.forestry-project-updated", "forestry-project", id, before, after);
		return after;
	}

	/** DRAFT → SUBMITTED; audited. */
	@Transactional
	public Project submit(long id, String comment) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		Project before = project(id);
		require(before, Status.DRAFT, "submitted");
		return move(before, Status.SUBMITTED, checkedComment(comment, false), "inclusive.forestry-project-submitted");
	}

	/** SUBMITTED → VERIFIED with the third-party verification; audited. */
	@Transactional
	public Project verify(long id, Verification v) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		Project before = project(id);
		List<InputError> errors = new ArrayList<>();
		TicketRegistry.text(errors, "verifier_name", v.verifierName(), TicketRegistry.MAX_NAME, true);
		TicketRegistry.text(errors, "verification_reference", v.reference(), TicketRegistry.MAX_REFERENCE, true);
		pastDate(errors, "verified_on", v.verifiedOn());
		if (v.verifiedIncrementT() == null) {
			errors.add(InputError.field("verified_increment_t", "is required"));
		}
		else if (v.verifiedIncrementT().scale() > Rounding.SCALE) {
			errors.add(InputError.field("verified_increment_t", "at most " + Rounding.SCALE + " decimals"));
		}
		else {
			// positive and at most what was claimed
			InputBounds.positive(errors, "verified_increment_t", v.verifiedIncrementT(), before.claimedIncrementT());
		}
		if (v.verifiedOn() != null && v.verifiedOn().isBefore(before.periodEnd())) {
			errors.add(InputError.field("verified_on", "must not be before the end of the monitoring period (" + before.periodEnd() + ")"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		require(before, Status.SUBMITTED, "verified");
		jdbc.sql("""
				UPDATE inclusive_forestry_project SET verifier_name = :n, verification_reference = :r, verified_on = :on, verified_increment_t = :v,
				  status = 'VERIFIED', updated_at = :at WHERE id = :id""")
			.param("n", v.verifierName().strip()).param("r", v.reference().strip()).param("on", v.verifiedOn()).param("v", v.verifiedIncrementT())
			.param("at", tickets.now()).param("id", id).update();
		return moved(before, Status.VERIFIED, "verified " + v.verifiedIncrementT().toPlainString() + " t by " + v.verifierName().strip(),
				"inclusive.forestry-project-verified");
	}

	/** VERIFIED → APPROVED by the forestry bureau or office; audited. */
	@Transactional
	public Project approve(long id, Approval a) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		Project before = project(id);
		List<InputError> errors = new ArrayList<>();
		TicketRegistry.text(errors, "approved_by", a.approvedBy(), TicketRegistry.MAX_NAME, true);
		TicketRegistry.text(errors, "approval_reference", a.reference(), TicketRegistry.MAX_REFERENCE, true);
		pastDate(errors, "approved_on", a.approvedOn());
		if (a.approvedOn() != null && before.verifiedOn() != null && a.approvedOn().isBefore(before.verifiedOn())) {
			errors.add(InputError.field("approved_on", "must not be before the verification (" + before.verifiedOn() + ")"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		require(before, Status.VERIFIED, "approved");
		jdbc.sql("""
				UPDATE inclusive_forestry_project SET approved_by = :b, approval_reference = :r, approved_on = :on, status = 'APPROVED', updated_at = :at
				WHERE id = :id""")
			.param("b", a.approvedBy().strip()).param("r", a.reference().strip()).param("on", a.approvedOn()).param("at", tickets.now()).param("id", id)
			.update();
		return moved(before, Status.APPROVED, "approved by " + a.approvedBy().strip() + " (" + a.reference().strip() + ")",
				"inclusive.forestry-project-approved");
	}

	/**
	 * APPROVED → ISSUED: floor(verified increment) tickets to the owner, withdrawn from the budget's sink ledger (422
	 * with the figures when it does not cover them); audited.
	 */
	@Transactional
	public Project issue(long id) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		jdbc.sql("SELECT id FROM inclusive_forestry_project WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("forestry project " + id));
		Project before = project(id);
		require(before, Status.APPROVED, "issued");
		long tonnes = before.verifiedIncrementT().setScale(0, RoundingMode.FLOOR).longValueExact();
		if (tonnes < 1) {
			throw new RuleViolationException("the verified increment " + before.verifiedIncrementT().toPlainString() + " t is less than one ticket (1 t)");
		}
		Map<Integer, BigDecimal> yearly = new LinkedHashMap<>();
		before.increments().forEach(y -> yearly.put(y.year(), y.incrementT()));
		tickets.issue(id, before.countyCode(), before.periodCode(), before.ownerHolderId(), tonnes, yearly);
		jdbc.sql("UPDATE inclusive_forestry_project SET status = 'ISSUED', updated_at = :at WHERE id = :id").param("at", tickets.now()).param("id", id).update();
		return moved(before, Status.ISSUED, tonnes + " tickets issued", "inclusive.forestry-project-issued");
	}

	/** SUBMITTED, VERIFIED or APPROVED → REJECTED with a reason; audited. */
	@Transactional
	public Project reject(long id, String reason) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		Project before = project(id);
		String why = checkedComment(reason, true);
		if (before.status() != Status.SUBMITTED && before.status() != Status.VERIFIED && before.status() != Status.APPROVED) {
			throw new RuleViolationException("forestry project " + id + " is " + before.status() + ": only a submitted, verified or approved project can be rejected", true);
		}
		jdbc.sql("UPDATE inclusive_forestry_project SET status = 'REJECTED', rejected_reason = :r, updated_at = :at WHERE id = :id")
			.param("r", why).param("at", tickets.now()).param("id", id).update();
		return moved(before, Status.REJECTED, why, "inclusive.forestry-project-rejected");
	}

	/** Projects, newest first, optionally of one state; office roles. */
	@Transactional(readOnly = true)
	public List<Project> list(Status status, int limit, int offset) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		return jdbc.sql("SELECT id FROM inclusive_forestry_project WHERE (CAST(:s AS TEXT) IS NULL OR status = :s) ORDER BY id DESC LIMIT :l OFFSET :o")
			.param("s", status == null ? null : status.name()).param("l", limit).param("o", offset).query(Long.class).list().stream().map(this::project)
			.toList();
	}

	/** One project with parcels, figures, steps, documents and issuance; office roles; 404 if unknown. */
	@Transactional(readOnly = true)
	public Project get(long id) {
		AccessScope.current().requireRole(TicketRegistry.OFFICE);
		return project(id);
	}

	Project project(long id) {
		List<Parcel> parcels = jdbc.sql("SELECT certificate_no, area_mu, species, location FROM inclusive_forestry_parcel WHERE project_id = :id ORDER BY id")
			.param("id", id).query((rs, n) -> new Parcel(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros(), Species.valueOf(rs.getString(3)), rs.getString(4)))
			.list();
		List<YearIncrement> increments = jdbc.sql("SELECT year, increment_t FROM inclusive_forestry_increment WHERE project_id = :id ORDER BY year")
			.param("id", id).query((rs, n) -> new YearIncrement(rs.getInt(1), rs.getBigDecimal(2).stripTrailingZeros())).list();
		List<Step> steps = jdbc.sql("SELECT from_status, to_status, actor, role, comment, taken_at FROM inclusive_forestry_step WHERE project_id = :id ORDER BY id")
			.param("id", id)
			.query((rs, n) -> new Step(rs.getString(1) == null ? null : Status.valueOf(rs.getString(1)), Status.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), TicketRegistry.beijing(rs.getObject(6, OffsetDateTime.class))))
			.list();
		BigDecimal area = parcels.stream().map(Parcel::areaMu).reduce(BigDecimal.ZERO, BigDecimal::add);
		return jdbc.sql("""
				SELECT p.*, h.name AS owner_name FROM inclusive_forestry_project p JOIN inclusive_ticket_holder h ON h.id = p.owner_holder_id WHERE p.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Project(id, rs.getString("name"), rs.getString("county_code"), rs.getLong("owner_holder_id"), rs.getString("owner_name"),
					rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class), rs.getInt("period_no"),
					TicketSerials.periodCode(rs.getObject("period_end", LocalDate.class).getYear(), rs.getInt("period_no")), rs.getString("method_code"),
					plain(rs.getBigDecimal("claimed_increment_t")), Status.valueOf(rs.getString("status")), rs.getString("verifier_name"),
					rs.getString("verification_reference"), rs.getObject("verified_on", LocalDate.class), plain(rs.getBigDecimal("verified_increment_t")),
					rs.getString("approved_by"), rs.getString("approval_reference"), rs.getObject("approved_on", LocalDate.class),
					rs.getString("rejected_reason"), plain(area), parcels, increments, steps, tickets.documentsOfProject(id),
					tickets.issuanceOfProject(id).orElse(null), rs.getString("created_by"),
					TicketRegistry.beijing(rs.getObject("updated_at", OffsetDateTime.class))))
			.optional().orElseThrow(() -> new NotFoundException("forestry project " + id));
	}

	private Project move(Project before, Status to, String comment, String action) {
		jdbc.sql("UPDATE inclusive_forestry_project SET status = :s, updated_at = :at WHERE id = :id").param("s", to.name()).param("at", tickets.now())
			.param("id", before.id()).update();
		return moved(before, to, comment, action);
	}

	private Project moved(Project before, Status to, String comment, String action) {
		step(before.id(), before.status(), to, comment);
		Project after = project(before.id());
		audit.record(action, "forestry-project", before.id(), before, after);
		log.info("Forestry project {}: {} → {}", before.id(), before.status(), to);
		return after;
	}

	private void step(long id, Status from, Status to, String comment) {
		AccessScope scope = AccessScope.current();
		jdbc.sql("""
				INSERT INTO inclusive_forestry_step (project_id, from_status, to_status, actor, role, comment, taken_at)
				VALUES (:id, :f, :t, :a, :r, :c, :at)""")
			.param("id", id).param("f", from == null ? null : from.name()).param("t", to.name()).param("a", scope.actor())
			.param("r", scope.role() == null ? "SYSTEM" : scope.role().name()).param("c", comment).param("at", tickets.now()).update();
	}

	private static void require(Project p, Status expected, String verb) {
		if (p.status() != expected) {
			throw new RuleViolationException("forestry project " + p.id() + " is " + p.status() + ": only a " + expected + " project can be " + verb, true);
		}
	}

	private static String checkedComment(String text, boolean required) {
		List<InputError> errors = new ArrayList<>();
		TicketRegistry.text(errors, required ? "reason" : "comment", text, 1000, required);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return TicketRegistry.blank(text) ? null : text.strip();
	}

	private void pastDate(List<InputError> errors, String field, LocalDate on) {
		if (on == null) {
			errors.add(InputError.field(field, "is required"));
		}
		else if (on.isAfter(tickets.today()) || on.getYear() < 2000) {
			errors.add(InputError.field(field, "must lie between 2000-01-01 and today (" + tickets.today() + ")"));
		}
	}

	private void writeChildren(long id, ProjectInput in) {
		for (Parcel p : in.parcels()) {
			jdbc.sql("INSERT INTO inclusive_forestry_parcel (project_id, certificate_no, area_mu, species, location) VALUES (:id, :c, :a, :s, :l)")
				.param("id", id).param("c", p.certificateNo().strip()).param("a", p.areaMu()).param("s", p.species().name())
				.param("l", TicketRegistry.blank(p.location()) ? null : p.location().strip()).update();
		}
		for (YearIncrement y : in.increments()) {
			jdbc.sql("INSERT INTO inclusive_forestry_increment (project_id, year, increment_t) VALUES (:id, :y, :t)").param("id", id).param("y", y.year())
				.param("t", y.incrementT()).update();
		}
	}

	private static BigDecimal claimed(ProjectInput in) {
		return in.increments().stream().map(YearIncrement::incrementT).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** Every field checked before the database; 400 naming each. */
	private void check(ProjectInput in) {
		List<InputError> errors = new ArrayList<>();
		if (in == null) {
			throw new InvalidInputException("name", "a project is required");
		}
		TicketRegistry.text(errors, "name", in.name(), TicketRegistry.MAX_NAME, true);
		if (TicketRegistry.blank(in.countyCode())) {
			errors.add(InputError.field("county_code", "is required"));
		}
		else if (in.countyCode().length() > 12 || !registry.isCounty(in.countyCode())) {
			errors.add(InputError.field("county_code", "is not a county-level division of the registry"));
		}
		TicketRegistry.text(errors, "owner_name", in.ownerName(), TicketRegistry.MAX_NAME, true);
		if (in.ownerKind() == TicketRegistry.HolderKind.EVENT_ORGANISER) {
			errors.add(InputError.field("owner_kind", "a forest's rights holder is FOREST_OWNER, COLLECTIVE, ENTERPRISE, PUBLIC_BODY or OTHER"));
		}
		LocalDate today = tickets.today();
		if (in.periodStart() == null) {
			errors.add(InputError.field("period_start", "is required"));
		}
		else if (in.periodStart().getYear() < 2000) {
			errors.add(InputError.field("period_start", "must not be before 2000-01-01"));
		}
		if (in.periodEnd() == null) {
			errors.add(InputError.field("period_end", "is required"));
		}
		else if (in.periodEnd().isAfter(today)) {
			errors.add(InputError.field("period_end", "must not be after today (" + today + "): a monitoring period is over before it is verified"));
		}
		else if (in.periodStart() != null && (!in.periodEnd().isAfter(in.periodStart()) || in.periodEnd().isAfter(in.periodStart().plusYears(10)))) {
			errors.add(InputError.field("period_end", "must be after period_start and at most 10 years later"));
		}
		if (in.periodNo() != null && (in.periodNo() < 1 || in.periodNo() > 99)) {
			errors.add(InputError.field("period_no", "must be a whole number from 1 to 99"));
		}
		TicketRegistry.text(errors, "method_code", in.methodCode(), 60, true);
		if (in.parcels() == null || in.parcels().isEmpty()) {
			errors.add(InputError.field("parcels", "at least one parcel with its forest-right certificate is required"));
		}
		else if (in.parcels().size() > MAX_PARCELS) {
			errors.add(InputError.field("parcels", "at most " + MAX_PARCELS + " parcels"));
		}
		else {
			Set<String> certs = new HashSet<>();
			for (int i = 0; i < in.parcels().size(); i++) {
				Parcel p = in.parcels().get(i);
				String f = "parcels[" + i + "].";
				if (p == null) {
					errors.add(InputError.field("parcels[" + i + "]", "is required"));
					continue;
				}
				TicketRegistry.text(errors, f + "certificate_no", p.certificateNo(), MAX_CERTIFICATE, true);
				if (!TicketRegistry.blank(p.certificateNo()) && !certs.add(p.certificateNo().strip())) {
					errors.add(InputError.field(f + "certificate_no", "is listed twice"));
				}
				if (p.areaMu() == null) {
					errors.add(InputError.field(f + "area_mu", "is required"));
				}
				else if (p.areaMu().scale() > 2) {
					errors.add(InputError.field(f + "area_mu", "at most 2 decimals"));
				}
				else {
					InputBounds.positive(errors, f + "area_mu", p.areaMu(), new BigDecimal(MAX_AREA_MU));
				}
				if (p.species() == null) {
					errors.add(InputError.field(f + "species", "is required: BAMBOO, FIR, PINE, BROADLEAF, MIXED or OTHER"));
				}
				TicketRegistry.text(errors, f + "location", p.location(), TicketRegistry.MAX_NAME, false);
			}
		}
		if (in.increments() == null || in.increments().isEmpty()) {
			errors.add(InputError.field("increments", "at least one year's increment figure is required"));
		}
		else if (in.increments().size() > 11) {
			errors.add(InputError.field("increments", "at most one figure per year of a period of at most 10 years"));
		}
		else {
			Set<Integer> years = new HashSet<>();
			for (int i = 0; i < in.increments().size(); i++) {
				YearIncrement y = in.increments().get(i);
				String f = "increments[" + i + "].";
				if (y == null) {
					errors.add(InputError.field("increments[" + i + "]", "is required"));
					continue;
				}
				if (y.year() == null) {
					errors.add(InputError.field(f + "year", "is required"));
				}
				else if (in.periodStart() != null && in.periodEnd() != null
						&& (y.year() < in.periodStart().getYear() || y.year() > in.periodEnd().getYear())) {
					errors.add(InputError.field(f + "year", "must lie inside the monitoring period " + in.periodStart() + " – " + in.periodEnd()));
				}
				else if (!years.add(y.year())) {
					errors.add(InputError.field(f + "year", "is listed twice"));
				}
				if (y.incrementT() == null) {
					errors.add(InputError.field(f + "increment_t", "is required"));
				}
				else if (y.incrementT().scale() > Rounding.SCALE) {
					errors.add(InputError.field(f + "increment_t", "at most " + Rounding.SCALE + " decimals"));
				}
				else {
					InputBounds.positive(errors, f + "increment_t", y.incrementT(), new BigDecimal(MAX_INCREMENT_T));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static BigDecimal plain(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal s = v.stripTrailingZeros();
		return s.scale() < 0 ? s.setScale(0) : s;
	}
}
