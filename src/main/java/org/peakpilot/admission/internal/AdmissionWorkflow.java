package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.MonthlyResult;
import org.peakpilot.admission.AdmittedProject;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.Verdict;
import org.peakpilot.admission.internal.AdmissionRecords.CityDecision;
import org.peakpilot.admission.internal.AdmissionRecords.Commissioning;
import org.peakpilot.admission.internal.AdmissionRecords.ConstructionStart;
import org.peakpilot.admission.internal.AdmissionRecords.CountyReview;
import org.peakpilot.admission.internal.AdmissionRecords.HigherOutcome;
import org.peakpilot.admission.internal.AdmissionRecords.Listing;
import org.peakpilot.admission.internal.AdmissionRecords.Project;
import org.peakpilot.admission.internal.AdmissionRecords.Query;
import org.peakpilot.admission.internal.AdmissionRecords.ReReview;
import org.peakpilot.admission.internal.AdmissionRecords.Remark;
import org.peakpilot.admission.internal.AdmissionRecords.Step;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The filing store and its review workflow (ADR 0017, "Filing and review"): filing, change while DRAFT or RETURNED,
 * submission, the county's review, the city's decision, the higher authority's outcome of a routed-up project,
 * construction start, commissioning, lapse and re-review. The assessment is computed by {@link Assessor} on filing,
 * change, submission and when a reviewer asks before the decision; from the decision on it is never recomputed.
 * Every step is one transaction with its step row and its audit record; bad input writes nothing.
 *
 * <p>Who: the applicant is an enterprise user for its own enterprise or the city office on its behalf; the county's
 * review is its county officer's; the decision, the higher outcome, commissioning and the re-review check are the
 * city office's (CITY_ADMIN, CITY_OFFICER). Readers: the office all, a county officer its county's, a park manager its
 * park's, an enterprise user its enterprise's; a project outside the caller's scope is not found.
 */
@Component
public class AdmissionWorkflow {

	private static final Logger log = LoggerFactory.getLogger(AdmissionWorkflow.class);
	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	private static final Set<Role> READERS = EnumSet.of(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER,
			Role.ENTERPRISE_USER);
	static final String ENTITY = "admission-project";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Assessor assessor;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final Reservations reservations;
	private final AdmissionRules rules;
	private final AuditLog audit;
	private final Clock clock;

	AdmissionWorkflow(JdbcClient jdbc, JsonMapper json, Assessor assessor, Registry registry, EmissionsAccounting accounting,
			Reservations reservations, AdmissionRules rules, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.assessor = assessor;
		this.registry = registry;
		this.accounting = accounting;
		this.reservations = reservations;
		this.rules = rules;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- reading ----

	/** One project with its filing, assessment, steps and comments; not found outside the caller's scope. */
	public Project project(long id) {
		return view(load(id));
	}

	/** The projects the caller may see that match the query, newest first. */
	public List<Listing> projects(Query q) {
		AccessScope scope = reader();
		AccessScope.SqlCondition where = scope.where("county_code", "park_id", "enterprise_id");
		int limit = QueryLimits.limit("limit", q.limit(), 100);
		int offset = QueryLimits.offset("offset", q.offset() == null ? 0 : q.offset());
		return jdbc.sql("""
				SELECT id, name, county_code, park_code, industry_code, enterprise_id, status, verdict, rules_version, annual_co2_t,
				       commissioning_year, filed_at, decided_at
				FROM admission_project
				WHERE %s
				  AND (CAST(:status AS text) IS NULL OR status = :status)
				  AND (CAST(:county AS text) IS NULL OR county_code = :county)
				  AND (CAST(:park AS text) IS NULL OR park_code = :park)
				  AND (CAST(:industry AS text) IS NULL OR industry_code = :industry)
				  AND (CAST(:verdict AS text) IS NULL OR verdict = :verdict)
				  AND (CAST(:enterprise AS bigint) IS NULL OR enterprise_id = :enterprise)
				ORDER BY id DESC LIMIT :limit OFFSET :offset
				""".formatted(where.sql()))
			.params(where.params())
			.param("status", q.status() == null ? null : q.status().name())
			.param("county", blank(q.countyCode()))
			.param("park", blank(q.parkCode()))
			.param("industry", blank(q.industryCode()))
			.param("verdict", q.verdict() == null ? null : q.verdict().name())
			.param("enterprise", q.enterpriseId())
			.param("limit", limit).param("offset", offset)
			.query((rs, n) -> new Listing(rs.getLong("id"), rs.getString("name"), rs.getString("county_code"), rs.getString("park_code"),
					rs.getString("industry_code"), nullableLong(rs, "enterprise_id"), ProjectStatus.valueOf(rs.getString("status")),
					Verdict.valueOf(rs.getString("verdict")), rs.getString("rules_version"), Tco2.of(rs.getBigDecimal("annual_co2_t")),
					(Integer) rs.getObject("commissioning_year"), instant(rs, "filed_at"), instant(rs, "decided_at")))
			.list();
	}

	/** An admitted project (admitted, commissioned or due for re-review) within the caller's scope. */
	public Optional<AdmittedProject> admitted(long id) {
		return admittedRows("id = :id", Map.of("id", id)).stream().findFirst();
	}

	/** The admitted projects within the caller's scope, newest decision first. */
	public List<AdmittedProject> admitted() {
		return admittedRows("TRUE", Map.of());
	}

	/**
	 * Every admitted project of the city, whoever asks: for city-wide figures that must not depend on the caller, such as
	 * the assessment's city path (scoped, an enterprise user's preview would add only its own projects). Not for showing
	 * projects to users.
	 */
	public List<AdmittedProject> admittedCityWide() {
		return admittedRows(null, "TRUE", Map.of());
	}

	private List<AdmittedProject> admittedRows(String condition, Map<String, Object> params) {
		AccessScope scope = AccessScope.current();
		if (!READERS.contains(scope.role())) {
			return List.of();
		}
		return admittedRows(scope.where("county_code", "park_id", "enterprise_id"), condition, params);
	}

	private List<AdmittedProject> admittedRows(AccessScope.SqlCondition scoped, String condition, Map<String, Object> params) {
		AccessScope.SqlCondition where = scoped == null ? new AccessScope.SqlCondition("TRUE", Map.of()) : scoped;
		return jdbc.sql("""
				SELECT * FROM admission_project
				WHERE %s AND %s AND status IN ('ADMITTED', 'COMMISSIONED', 'RE_REVIEW_DUE')
				ORDER BY COALESCE(higher_recorded_at, decided_at) DESC, id DESC
				""".formatted(where.sql(), condition))
			.params(where.params()).params(params)
			.query((rs, n) -> row(rs)).list().stream()
			.map(r -> {
				ProjectInput in = filing(r);
				LocalDate started = r.constructionStartedOn();
				return new AdmittedProject(r.id(), r.name(), r.countyCode(), r.parkCode(), r.industryCode(), r.enterpriseId(),
						started != null ? Integer.valueOf(started.getYear()) : in.constructionStartYear(), r.commissioningYear(),
						org.peakpilot.shared.Cny10k.of(in.investment10kCny()), r.annualCo2(), r.annualTce(), r.verdict().name(), r.admittedAt(),
						Filings.reservedCo2(r.assessment()));
			}).toList();
	}

	// ---- the applicant ----

	/**
	 * Files a project as a DRAFT with its assessment. An enterprise user files for its own enterprise (the filing's
	 * enterprise defaults to it); the office for any registered enterprise or none (a company not yet registered).
	 *
	 * @throws InvalidInputException naming every field the engine or the store refuses; nothing is written
	 */
	@Transactional
	public Project file(ProjectInput input) {
		AccessScope scope = reader();
		if (!scope.isCityWide() && !scope.hasRole(Role.ENTERPRISE_USER)) {
			throw new AccessDeniedException(scope.actor() + " may not file projects");
		}
		Checked owned = check(input, scope);
		Assessment a = owned.assessment();
		Instant now = clock.instant();
		long id = jdbc.sql("""
				INSERT INTO admission_project (name, county_code, park_code, park_id, industry_code, enterprise_id, filing, status, assessment,
				    verdict, rules_version, annual_co2_t, annual_tce, commissioning_year, assessed_at, filed_by, filed_role, filed_at, updated_at)
				VALUES (:name, :county, :park, :parkId, :industry, :enterprise, CAST(:filing AS jsonb), 'DRAFT', CAST(:assessment AS jsonb),
				    :verdict, :rules, :co2, :tce, :commissioning, :at, :actor, :role, :at, :at)
				RETURNING id
				""")
			.param("name", input.name().strip()).param("county", owned.countyCode()).param("park", owned.parkCode())
			.param("parkId", owned.parkId()).param("industry", input.industry().strip()).param("enterprise", owned.enterpriseId())
			.param("filing", json.writeValueAsString(input)).param("assessment", json.writeValueAsString(a))
			.param("verdict", a.verdict().name()).param("rules", a.rulesVersion()).param("co2", value(Filings.annualCo2(a)))
			.param("tce", Filings.annualTce(a) == null ? null : Filings.annualTce(a).value())
			.param("commissioning", input.commissioningYear()).param("at", odt(now))
			.param("actor", scope.actor()).param("role", scope.role().name())
			.query(Long.class).single();
		step(id, "FILED", null, ProjectStatus.DRAFT, null);
		audit.record("admission-project.filed", ENTITY, id, null, snapshot(load(id)));
		log.info("Project {} filed by {}: {} ({})", id, scope.actor(), a.verdict(), a.rulesVersion());
		return project(id);
	}

	/** Changes the filing of a DRAFT or RETURNED project (the applicant); the assessment is computed again. */
	@Transactional
	public Project update(long id, ProjectInput input) {
		Row r = load(id);
		requireApplicant(r);
		requireStatus(r, ProjectStatus.EDITABLE, "changed");
		AccessScope scope = AccessScope.current();
		Checked owned = check(input, scope);
		if (scope.hasRole(Role.ENTERPRISE_USER) && !java.util.Objects.equals(owned.enterpriseId(), r.enterpriseId())) {
			throw new InvalidInputException("enterprise_id", "the applicant enterprise of a filed project does not change");
		}
		Assessment a = owned.assessment();
		jdbc.sql("""
				UPDATE admission_project SET name = :name, county_code = :county, park_code = :park, park_id = :parkId,
				    industry_code = :industry, enterprise_id = :enterprise, filing = CAST(:filing AS jsonb)
				WHERE id = :id
				""")
			.param("name", input.name().strip()).param("county", owned.countyCode()).param("park", owned.parkCode())
			.param("parkId", owned.parkId()).param("industry", input.industry().strip()).param("enterprise", owned.enterpriseId())
			.param("filing", json.writeValueAsString(input)).param("id", id).update();
		storeAssessment(id, a, input.commissioningYear());
		step(id, "UPDATED", r.status(), r.status(), null);
		audit.record("admission-project.updated", ENTITY, id, snapshot(r), snapshot(load(id)));
		return project(id);
	}

	/** Submits a DRAFT or RETURNED project to the county (the applicant); the assessment is computed again. */
	@Transactional
	public Project submit(long id, String comment) {
		Row r = load(id);
		requireApplicant(r);
		requireStatus(r, ProjectStatus.EDITABLE, "submitted");
		String c = comment(comment, false);
		storeAssessment(id, assessor.assess(filing(r)), r.commissioningYear());
		jdbc.sql("UPDATE admission_project SET submitted_at = :at WHERE id = :id").param("at", odt(clock.instant())).param("id", id).update();
		return move(r, "SUBMITTED", ProjectStatus.SUBMITTED, c);
	}

	/** Construction start of an admitted project (the applicant or the office); it no longer lapses. */
	@Transactional
	public Project constructionStart(long id, ConstructionStart body) {
		Row r = load(id);
		requireApplicant(r);
		requireStatus(r, EnumSet.of(ProjectStatus.ADMITTED), "marked as under construction");
		List<InputError> errors = new ArrayList<>();
		LocalDate on = body == null ? null : body.startedOn();
		if (on == null) {
			errors.add(InputError.field("started_on", "required"));
		}
		else if (on.isAfter(today())) {
			errors.add(InputError.field("started_on", "must not be after today (" + today() + ")"));
		}
		else if (on.isBefore(LocalDate.ofInstant(r.admittedAt(), BEIJING))) {
			errors.add(InputError.field("started_on", "must not be before the admission (" + LocalDate.ofInstant(r.admittedAt(), BEIJING) + ")"));
		}
		if (r.constructionStartedOn() != null) {
			throw new RuleViolationException("Construction start of project " + id + " is already recorded (" + r.constructionStartedOn() + ")", true);
		}
		String c = comment(body == null ? null : body.comment(), false);
		throwIfAny(errors);
		jdbc.sql("UPDATE admission_project SET construction_started_on = :on, updated_at = :at WHERE id = :id").param("on", on)
			.param("at", odt(clock.instant())).param("id", id).update();
		return move(r, "CONSTRUCTION_STARTED", ProjectStatus.ADMITTED, c);
	}

	// ---- reviewers ----

	/** The county officer of the project's county forwards a SUBMITTED project to the city or returns it. */
	@Transactional
	public Project countyReview(long id, CountyReview body) {
		Row r = load(id);
		AccessScope scope = AccessScope.current();
		if (!scope.hasRole(Role.COUNTY_OFFICER)) {
			throw new AccessDeniedException(scope.actor() + " is not the county's officer");
		}
		if (body == null || body.action() == null) {
			throw new InvalidInputException("action", "required: FORWARD or RETURN");
		}
		String c = comment(body.comment(), body.action() == AdmissionRecords.CountyAction.RETURN);
		requireStatus(r, EnumSet.of(ProjectStatus.SUBMITTED), "reviewed by the county");
		return body.action() == AdmissionRecords.CountyAction.FORWARD ? move(r, "FORWARDED", ProjectStatus.CITY_REVIEW, c)
				: move(r, "RETURNED", ProjectStatus.RETURNED, c);
	}

	/**
	 * A reviewer computes the assessment again before the decision (the county officer while SUBMITTED, the office in
	 * CITY_REVIEW), e.g. after the rules changed; after the decision the assessment is frozen (422).
	 */
	@Transactional
	public Project reassess(long id, String comment) {
		Row r = load(id);
		AccessScope scope = AccessScope.current();
		boolean county = scope.hasRole(Role.COUNTY_OFFICER) && r.status() == ProjectStatus.SUBMITTED;
		boolean city = scope.isCityWide() && EnumSet.of(ProjectStatus.SUBMITTED, ProjectStatus.CITY_REVIEW).contains(r.status());
		if (!scope.hasRole(Role.COUNTY_OFFICER) && !scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + " is no reviewer");
		}
		if (!county && !city) {
			throw new RuleViolationException(r.decidedAt() != null
					? "The assessment of project " + id + " is frozen at its decision (rules " + r.rulesVersion() + ")"
					: "Project " + id + " is " + r.status() + "; a reviewer re-assesses it while under review");
		}
		String c = comment(comment, false);
		Assessment a = assessor.assess(filing(r));
		storeAssessment(id, a, r.commissioningYear());
		step(id, "REASSESSED", r.status(), r.status(), c);
		audit.record("admission-project.reassessed", ENTITY, id, snapshot(r), snapshot(load(id)));
		return project(id);
	}

	/**
	 * The city office decides a project in CITY_REVIEW: ADMIT (only a PASS or CONDITIONAL verdict; a CONDITIONAL one
	 * with its conditions), REJECT (with a comment) or ROUTE_UP (a ROUTE_UP verdict, to the province or the NDRC). An
	 * admission reserves the annual CO2 in the carbon budget from the commissioning year. The assessment is frozen.
	 */
	@Transactional
	public Project cityDecision(long id, CityDecision body) {
		Row r = load(id);
		requireCity();
		if (body == null || body.action() == null) {
			throw new InvalidInputException("action", "required: ADMIT, REJECT or ROUTE_UP");
		}
		String c = comment(body.comment(), body.action() == AdmissionRecords.CityAction.REJECT);
		List<String> conditions = conditions(body.conditions(), body.action() == AdmissionRecords.CityAction.ADMIT
				&& r.verdict() == Verdict.CONDITIONAL);
		requireStatus(r, EnumSet.of(ProjectStatus.CITY_REVIEW), "decided");
		Verdict v = r.verdict();
		switch (body.action()) {
			case ADMIT -> {
				if (v == Verdict.FAIL) {
					throw new RuleViolationException("Project " + id + " failed its assessment and cannot be admitted: "
							+ String.join("; ", Filings.reasons(r.assessment(), Verdict.FAIL)));
				}
				if (v == Verdict.ROUTE_UP) {
					throw new RuleViolationException("Project " + id + " must be routed up to the province or the NDRC: "
							+ String.join("; ", Filings.reasons(r.assessment(), Verdict.ROUTE_UP)));
				}
				decide(id, "ADMITTED", conditions);
				reserve(r);
				return move(r, "ADMITTED", ProjectStatus.ADMITTED, c);
			}
			case REJECT -> {
				decide(id, "REJECTED", null);
				return move(r, "REJECTED", ProjectStatus.REJECTED, c);
			}
			default -> {
				if (v != Verdict.ROUTE_UP) {
					throw new RuleViolationException("Project " + id + " has the verdict " + v + "; only a ROUTE_UP verdict goes to the province or the NDRC");
				}
				decide(id, "ROUTED_UP", null);
				return move(r, "ROUTED_UP", ProjectStatus.ROUTED_UP, c);
			}
		}
	}

	/** The office records the province's or NDRC's outcome of a ROUTED_UP project with its document reference. */
	@Transactional
	public Project higherOutcome(long id, HigherOutcome body) {
		Row r = load(id);
		requireCity();
		List<InputError> errors = new ArrayList<>();
		if (body == null || body.outcome() == null) {
			errors.add(InputError.field("outcome", "required: ADMITTED or REJECTED"));
		}
		String doc = body == null || body.documentRef() == null ? "" : body.documentRef().strip();
		if (doc.isEmpty()) {
			errors.add(InputError.field("document_ref", "required: the higher authority's document reference"));
		}
		else if (doc.length() > AdmissionRecords.DOCUMENT_MAX) {
			errors.add(InputError.field("document_ref", "at most " + AdmissionRecords.DOCUMENT_MAX + " characters"));
		}
		String c = comment(body == null ? null : body.comment(), false);
		throwIfAny(errors);
		requireStatus(r, EnumSet.of(ProjectStatus.ROUTED_UP), "given the higher authority's outcome");
		jdbc.sql("""
				UPDATE admission_project SET higher_outcome = :outcome, higher_document = :doc, higher_recorded_at = :at, updated_at = :at
				WHERE id = :id""")
			.param("outcome", body.outcome().name()).param("doc", doc).param("at", odt(clock.instant())).param("id", id).update();
		if (body.outcome() == AdmissionRecords.HigherAction.ADMITTED) {
			reserve(r);
			return move(r, "HIGHER_ADMITTED", ProjectStatus.ADMITTED, c == null ? doc : doc + " — " + c);
		}
		return move(r, "HIGHER_REJECTED", ProjectStatus.REJECTED, c == null ? doc : doc + " — " + c);
	}

	/**
	 * The office records the commissioning of an admitted project under construction, linking the registry
	 * enterprise that will report its emissions (compared with the approval for the re-review). A project the office
	 * filed without an applicant enterprise becomes that enterprise's (its users see it from then on).
	 */
	@Transactional
	public Project commissioning(long id, Commissioning body) {
		Row r = load(id);
		requireCity();
		List<InputError> errors = new ArrayList<>();
		if (body == null || body.enterpriseId() == null) {
			errors.add(InputError.field("enterprise_id", "required"));
		}
		else if (registry.enterpriseOwner(body.enterpriseId()).isEmpty()) {
			errors.add(InputError.field("enterprise_id", "no registered enterprise " + body.enterpriseId()));
		}
		LocalDate on = body == null ? null : body.commissionedOn();
		if (on == null) {
			errors.add(InputError.field("commissioned_on", "required"));
		}
		else if (on.isAfter(today())) {
			errors.add(InputError.field("commissioned_on", "must not be after today (" + today() + ")"));
		}
		else if (r.constructionStartedOn() != null && on.isBefore(r.constructionStartedOn())) {
			errors.add(InputError.field("commissioned_on", "must not be before construction start (" + r.constructionStartedOn() + ")"));
		}
		String c = comment(body == null ? null : body.comment(), false);
		throwIfAny(errors);
		requireStatus(r, EnumSet.of(ProjectStatus.ADMITTED), "commissioned");
		if (r.constructionStartedOn() == null) {
			throw new RuleViolationException("Project " + id + " has no construction start; record it before the commissioning");
		}
		jdbc.sql("""
				UPDATE admission_project SET commissioned_on = :on, operating_enterprise_id = :enterprise, enterprise_id = COALESCE(enterprise_id, :enterprise),
				    updated_at = :at WHERE id = :id""")
			.param("on", on).param("enterprise", body.enterpriseId()).param("at", odt(clock.instant())).param("id", id).update();
		return move(r, "COMMISSIONED", ProjectStatus.COMMISSIONED, c);
	}

	/** A comment on a project by the applicant, the county officer or the office, in any status. */
	@Transactional
	public Project comment(long id, String text) {
		Row r = load(id);
		AccessScope scope = AccessScope.current();
		if (scope.hasRole(Role.PARK_MANAGER)) {
			throw new AccessDeniedException(scope.actor() + " reads projects only");
		}
		String c = comment(text, true);
		jdbc.sql("""
				INSERT INTO admission_project_comment (project_id, actor, role, text, written_at) VALUES (:id, :actor, :role, :text, :at)""")
			.param("id", r.id()).param("actor", scope.actor()).param("role", scope.role().name()).param("text", c)
			.param("at", odt(clock.instant())).update();
		audit.record("admission-project.commented", ENTITY, id, null, Map.of("comment", c));
		return project(id);
	}

	// ---- lapse and re-review ----

	/**
	 * Lapses every ADMITTED project without construction start whose admission is the rules' lapse years old or older
	 * (Beijing dates; Order 31 Art. 19) and releases its reservation; returns their ids. For the scheduled job and
	 * tests, run with a system actor.
	 */
	@Transactional
	public List<Long> lapseDue() {
		requireCity();
		LocalDate today = today();
		List<Row> due = jdbc.sql("""
				SELECT * FROM admission_project WHERE status = 'ADMITTED' AND construction_started_on IS NULL ORDER BY id""")
			.query((rs, n) -> row(rs)).list().stream()
			.filter(r -> !LocalDate.ofInstant(r.admittedAt(), BEIJING).plusYears(rules.lapseYears()).isAfter(today))
			.toList();
		for (Row r : due) {
			String reason = "no construction start within " + rules.lapseYears() + " years of the admission ("
					+ LocalDate.ofInstant(r.admittedAt(), BEIJING) + ")";
			jdbc.sql("UPDATE admission_project SET lapsed_at = :at, reservation_released_at = :at, updated_at = :at WHERE id = :id")
				.param("at", odt(clock.instant())).param("id", r.id()).update();
			reservations.release(r.id(), reason);
			move(r, "LAPSED", ProjectStatus.LAPSED, reason);
			log.info("Project {} lapsed: {}", r.id(), reason);
		}
		return due.stream().map(Row::id).toList();
	}

	/**
	 * Compares a COMMISSIONED project's operating enterprise's verified emissions of each year from the commissioning
	 * year to this year with the approved annual CO2 and flags RE_REVIEW_DUE at the first year at or above approval ×
	 * (1 + the rules' deviation), with both figures (Order 31 Art. 26). The office's "check now".
	 */
	@Transactional
	public Project checkReReview(long id) {
		Row r = load(id);
		requireCity();
		requireStatus(r, EnumSet.of(ProjectStatus.COMMISSIONED, ProjectStatus.RE_REVIEW_DUE), "checked against its approval");
		if (r.status() == ProjectStatus.COMMISSIONED) {
			flagIfOver(r);
		}
		return project(id);
	}

	/** {@link #checkReReview} for every COMMISSIONED project; returns the ids flagged. For the scheduled job. */
	@Transactional
	public List<Long> reReviewDue() {
		requireCity();
		List<Row> commissioned = jdbc.sql("SELECT * FROM admission_project WHERE status = 'COMMISSIONED' ORDER BY id")
			.query((rs, n) -> row(rs)).list();
		Map<Integer, List<MonthlyResult>> years = new LinkedHashMap<>();
		List<Long> flagged = new ArrayList<>();
		for (Row r : commissioned) {
			if (flagIfOver(r, years)) {
				flagged.add(r.id());
			}
		}
		return flagged;
	}

	private boolean flagIfOver(Row r) {
		return flagIfOver(r, new LinkedHashMap<>());
	}

	private boolean flagIfOver(Row r, Map<Integer, List<MonthlyResult>> years) {
		if (r.operatingEnterpriseId() == null || r.commissionedOn() == null || r.annualCo2() == null || r.annualCo2().value().signum() <= 0) {
			return false;
		}
		BigDecimal approved = r.annualCo2().value();
		BigDecimal limit = approved.multiply(BigDecimal.ONE.add(rules.rereviewDeviation()));
		int current = Year.now(clock).getValue();
		for (int y = r.commissionedOn().getYear(); y <= current; y++) {
			BigDecimal actual = years.computeIfAbsent(y, accounting::monthlyResults).stream()
				.filter(m -> m.enterpriseId() == r.operatingEnterpriseId() && m.verified() && m.totalCo2T() != null)
				.map(m -> m.totalCo2T().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
			if (actual.compareTo(limit) >= 0) {
				jdbc.sql("""
						UPDATE admission_project SET re_review_year = :y, re_review_actual_co2_t = :actual, re_review_approved_co2_t = :approved,
						    re_review_flagged_at = :at, updated_at = :at WHERE id = :id""")
					.param("y", y).param("actual", Rounding.stored(actual)).param("approved", approved).param("at", odt(clock.instant()))
					.param("id", r.id()).update();
				move(r, "RE_REVIEW_FLAGGED", ProjectStatus.RE_REVIEW_DUE, y + ": actual " + Rounding.stored(actual).toPlainString()
						+ " tCO2 against approved " + approved.toPlainString() + " tCO2 (≥ +" + rules.rereviewDeviation().movePointRight(2).stripTrailingZeros().toPlainString() + " %)");
				log.info("Project {} flagged for re-review: {} tCO2 in {} against {} approved", r.id(), actual, y, approved);
				return true;
			}
		}
		return false;
	}

	// ---- steps ----

	private Project move(Row r, String action, ProjectStatus to, String comment) {
		jdbc.sql("UPDATE admission_project SET status = :to, updated_at = :at WHERE id = :id").param("to", to.name())
			.param("at", odt(clock.instant())).param("id", r.id()).update();
		step(r.id(), action, r.status(), to, comment);
		Map<String, Object> after = snapshot(load(r.id()));
		after.put("comment", comment);
		audit.record("admission-project." + action.toLowerCase().replace('_', '-'), ENTITY, r.id(), snapshot(r), after);
		return project(r.id());
	}

	private void step(long id, String action, ProjectStatus from, ProjectStatus to, String comment) {
		AccessScope scope = AccessScope.current();
		jdbc.sql("""
				INSERT INTO admission_project_step (project_id, action, from_status, to_status, actor, role, comment, taken_at)
				VALUES (:id, :action, :from, :to, :actor, :role, :comment, :at)""")
			.param("id", id).param("action", action).param("from", from == null ? null : from.name()).param("to", to.name())
			.param("actor", scope.actor()).param("role", scope.role() == null ? "" : scope.role().name()).param("comment", comment)
			.param("at", odt(clock.instant())).update();
	}

	private void decide(long id, String decision, List<String> conditions) {
		AccessScope scope = AccessScope.current();
		jdbc.sql("""
				UPDATE admission_project SET decision = :decision, decided_at = :at, decided_by = :actor, conditions = CAST(:conditions AS jsonb)
				WHERE id = :id""")
			.param("decision", decision).param("at", odt(clock.instant())).param("actor", scope.actor())
			.param("conditions", conditions == null || conditions.isEmpty() ? null : json.writeValueAsString(conditions)).param("id", id)
			.update();
	}

	private void reserve(Row r) {
		Integer from = r.commissioningYear();
		if (from == null) {
			throw new RuleViolationException("Project " + r.id() + " states no commissioning year; its emissions cannot be reserved");
		}
		Tco2 reserved = Filings.reservedCo2(r.assessment());
		jdbc.sql("UPDATE admission_project SET reservation_ref = :ref, reserved_co2_t = :t WHERE id = :id").param("ref", Reservations.ref(r.id()))
			.param("t", reserved.value()).param("id", r.id()).update();
		reservations.reserve(r.id(), r.countyCode(), r.parkCode(), from, reserved, r.name());
	}

	private void storeAssessment(long id, Assessment a, Integer commissioningYear) {
		jdbc.sql("""
				UPDATE admission_project SET assessment = CAST(:assessment AS jsonb), verdict = :verdict, rules_version = :rules,
				    annual_co2_t = :co2, annual_tce = :tce, commissioning_year = :commissioning, assessed_at = :at, updated_at = :at
				WHERE id = :id AND decided_at IS NULL""")
			.param("assessment", json.writeValueAsString(a)).param("verdict", a.verdict().name()).param("rules", a.rulesVersion())
			.param("co2", value(Filings.annualCo2(a))).param("tce", Filings.annualTce(a) == null ? null : Filings.annualTce(a).value())
			.param("commissioning", commissioningYear).param("at", odt(clock.instant())).param("id", id).update();
	}

	// ---- checks ----

	/**
	 * The owner columns of a filing, checked, and its assessment: the engine's checks of the body and the store's (the
	 * enterprise the caller may file for) reported together, before anything is written.
	 */
	private Checked check(ProjectInput input, AccessScope scope) {
		if (input == null) {
			throw new InvalidInputException("body", "required: the project's filing");
		}
		List<InputError> errors = new ArrayList<>();
		Long enterprise = input.enterpriseId();
		if (scope.hasRole(Role.ENTERPRISE_USER)) {
			if (enterprise == null && scope.enterprises().size() == 1) {
				enterprise = scope.enterprises().iterator().next();
			}
			else if (enterprise == null || !scope.enterprises().contains(enterprise)) {
				errors.add(InputError.field("enterprise_id", "an enterprise user files for its own enterprise only"));
			}
		}
		else if (enterprise != null && registry.enterpriseOwner(enterprise).isEmpty()) {
			errors.add(InputError.field("enterprise_id", "no registered enterprise " + enterprise));
		}
		String parkCode = Filings.park(input);
		Long parkId = parkCode == null ? null
				: registry.parks().stream().filter(p -> p.code().equals(parkCode)).map(RegistryModel.Park::id).findFirst().orElse(null);
		Assessment a;
		try {
			a = assessor.assess(input);
		}
		catch (InvalidInputException ex) {
			errors.addAll(0, ex.errors());
			throw new InvalidInputException(errors);
		}
		throwIfAny(errors);
		return new Checked(input.county().strip(), parkCode, parkId, enterprise, a);
	}

	private record Checked(String countyCode, String parkCode, Long parkId, Long enterpriseId, Assessment assessment) {
	}

	private static String comment(String text, boolean required) {
		String c = text == null ? null : text.strip();
		if (c == null || c.isEmpty()) {
			if (required) {
				throw new InvalidInputException("comment", "required");
			}
			return null;
		}
		if (c.length() > AdmissionRecords.COMMENT_MAX) {
			throw new InvalidInputException("comment", "at most " + AdmissionRecords.COMMENT_MAX + " characters");
		}
		return c;
	}

	private static List<String> conditions(List<String> given, boolean required) {
		List<InputError> errors = new ArrayList<>();
		List<String> out = new ArrayList<>();
		if (given != null) {
			if (given.size() > AdmissionRecords.CONDITIONS_MAX) {
				throw new InvalidInputException("conditions", "at most " + AdmissionRecords.CONDITIONS_MAX + " conditions");
			}
			for (int i = 0; i < given.size(); i++) {
				String c = given.get(i) == null ? "" : given.get(i).strip();
				if (c.isEmpty()) {
					errors.add(InputError.field("conditions[" + i + "]", "empty"));
				}
				else if (c.length() > AdmissionRecords.CONDITION_MAX) {
					errors.add(InputError.field("conditions[" + i + "]", "at most " + AdmissionRecords.CONDITION_MAX + " characters"));
				}
				else {
					out.add(c);
				}
			}
		}
		if (required && out.isEmpty() && errors.isEmpty()) {
			errors.add(InputError.field("conditions", "required: a CONDITIONAL verdict is admitted with its conditions"));
		}
		throwIfAny(errors);
		return out;
	}

	private static void throwIfAny(List<InputError> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static AccessScope reader() {
		AccessScope scope = AccessScope.current();
		if (!READERS.contains(scope.role())) {
			throw new AccessDeniedException(scope.actor() + " may not read project admissions");
		}
		return scope;
	}

	private static void requireCity() {
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + " is not the city office");
		}
	}

	private static void requireApplicant(Row r) {
		AccessScope scope = AccessScope.current();
		boolean own = scope.hasRole(Role.ENTERPRISE_USER) && r.enterpriseId() != null && scope.enterprises().contains(r.enterpriseId());
		if (!scope.isCityWide() && !own) {
			throw new AccessDeniedException(scope.actor() + " is not the applicant of project " + r.id());
		}
	}

	private static void requireStatus(Row r, Set<ProjectStatus> allowed, String what) {
		if (!allowed.contains(r.status())) {
			throw new RuleViolationException("Project " + r.id() + " is " + r.status() + " and cannot be " + what + " (only when " + allowed + ")");
		}
	}

	/** The row, locked for the transaction; not found when absent or outside the caller's scope. */
	private Row load(long id) {
		AccessScope scope = reader();
		Row r = jdbc.sql("SELECT * FROM admission_project WHERE id = :id" + (org.springframework.transaction.support.TransactionSynchronizationManager
				.isActualTransactionActive() ? " FOR UPDATE" : ""))
			.param("id", id).query((rs, n) -> row(rs)).optional()
			.orElseThrow(() -> new NotFoundException("project " + id));
		if (!scope.canRead(new Owner(r.countyCode(), r.parkId(), r.enterpriseId()))) {
			throw new NotFoundException("project " + id);
		}
		return r;
	}

	private Project view(Row r) {
		List<Step> steps = jdbc.sql("SELECT * FROM admission_project_step WHERE project_id = :id ORDER BY id").param("id", r.id())
			.query((rs, n) -> new Step(rs.getString("action"), rs.getString("from_status") == null ? null : ProjectStatus.valueOf(rs.getString("from_status")),
					ProjectStatus.valueOf(rs.getString("to_status")), rs.getString("actor"), rs.getString("role"), rs.getString("comment"),
					instant(rs, "taken_at")))
			.list();
		List<Remark> comments = jdbc.sql("SELECT * FROM admission_project_comment WHERE project_id = :id ORDER BY id").param("id", r.id())
			.query((rs, n) -> new Remark(rs.getString("actor"), rs.getString("role"), rs.getString("text"), instant(rs, "written_at")))
			.list();
		ReReview reReview = r.reReviewYear() == null ? null
				: new ReReview(r.reReviewYear(), Tco2.of(r.reReviewActual()), Tco2.of(r.reReviewApproved()),
						r.reReviewActual().subtract(r.reReviewApproved()).divide(r.reReviewApproved(), 6, RoundingMode.HALF_UP).stripTrailingZeros(),
						r.reReviewFlaggedAt());
		return new Project(r.id(), r.name(), r.countyCode(), r.parkCode(), r.industryCode(), r.enterpriseId(), r.status(), r.verdict(),
				r.rulesVersion(), r.annualCo2(), r.annualTce(), r.commissioningYear(), filing(r), r.assessment(), r.assessedAt(), r.filedBy(),
				r.filedAt(), r.submittedAt(), r.decision(), r.decidedAt(), r.decidedBy(), r.conditions(), r.higherOutcome(), r.higherDocument(),
				r.reservationRef(), r.reservedCo2(), r.reservationReleasedAt(), r.constructionStartedOn(), r.commissionedOn(), r.operatingEnterpriseId(),
				r.lapsedAt(), reReview, steps, comments);
	}

	private ProjectInput filing(Row r) {
		return json.readValue(r.filingJson(), ProjectInput.class);
	}

	/** One stored project. */
	record Row(long id, String name, String countyCode, String parkCode, Long parkId, String industryCode, Long enterpriseId,
			String filingJson, ProjectStatus status, Assessment assessment, Verdict verdict, String rulesVersion, Tco2 annualCo2,
			Tce annualTce, Integer commissioningYear, Instant assessedAt, String filedBy, Instant filedAt, Instant submittedAt,
			String decision, Instant decidedAt, String decidedBy, List<String> conditions, String higherOutcome, String higherDocument,
			Instant higherRecordedAt, String reservationRef, Tco2 reservedCo2, Instant reservationReleasedAt, LocalDate constructionStartedOn,
			LocalDate commissionedOn, Long operatingEnterpriseId, Instant lapsedAt, Integer reReviewYear, BigDecimal reReviewActual,
			BigDecimal reReviewApproved, Instant reReviewFlaggedAt) {

		/** When the project was admitted: the higher authority's outcome recorded, else the city's decision. */
		Instant admittedAt() {
			return higherRecordedAt != null ? higherRecordedAt : decidedAt;
		}
	}

	private Row row(ResultSet rs) throws SQLException {
		String conditions = rs.getString("conditions");
		return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("county_code"), rs.getString("park_code"), nullableLong(rs, "park_id"),
				rs.getString("industry_code"), nullableLong(rs, "enterprise_id"), rs.getString("filing"), ProjectStatus.valueOf(rs.getString("status")),
				json.readValue(rs.getString("assessment"), Assessment.class), Verdict.valueOf(rs.getString("verdict")),
				rs.getString("rules_version"), Tco2.of(rs.getBigDecimal("annual_co2_t")), Tce.of(rs.getBigDecimal("annual_tce")),
				(Integer) rs.getObject("commissioning_year"), instant(rs, "assessed_at"), rs.getString("filed_by"), instant(rs, "filed_at"),
				instant(rs, "submitted_at"), rs.getString("decision"), instant(rs, "decided_at"), rs.getString("decided_by"),
				conditions == null ? List.of() : List.of(json.readValue(conditions, String[].class)), rs.getString("higher_outcome"),
				rs.getString("higher_document"), instant(rs, "higher_recorded_at"), rs.getString("reservation_ref"),
				Tco2.of(rs.getBigDecimal("reserved_co2_t")), instant(rs, "reservation_released_at"), rs.getObject("construction_started_on", LocalDate.class),
				rs.getObject("commissioned_on", LocalDate.class), nullableLong(rs, "operating_enterprise_id"), instant(rs, "lapsed_at"),
				(Integer) rs.getObject("re_review_year"), rs.getBigDecimal("re_review_actual_co2_t"), rs.getBigDecimal("re_review_approved_co2_t"),
				instant(rs, "re_review_flagged_at"));
	}

	private static Map<String, Object> snapshot(Row r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("status", r.status().name());
		m.put("verdict", r.verdict().name());
		m.put("rules_version", r.rulesVersion());
		m.put("annual_co2_t", value(r.annualCo2()));
		m.put("county_code", r.countyCode());
		m.put("enterprise_id", r.enterpriseId());
		m.put("decision", r.decision());
		m.put("conditions", r.conditions());
		m.put("reservation_ref", r.reservationRef());
		return m;
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), BEIJING);
	}

	private OffsetDateTime odt(Instant i) {
		return OffsetDateTime.ofInstant(i, BEIJING);
	}

	private static BigDecimal value(Tco2 t) {
		return t == null ? BigDecimal.ZERO : t.value();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long v = rs.getLong(column);
		return rs.wasNull() ? null : v;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}
}
