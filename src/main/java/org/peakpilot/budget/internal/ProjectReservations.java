package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.budget.BudgetHeadroom;
import org.peakpilot.budget.ProjectReservation;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admitted projects' reservations in the county budgets ({@code budget_project_reservation}) and the headroom the
 * project admission reads: the county's budget in the year's latest published version − its execution's year-end
 * forecast (used when no forecast) − the reservations active in the year (from_year ≤ year, not released).
 */
@Component
public class ProjectReservations {

	private static final Logger log = LoggerFactory.getLogger(ProjectReservations.class);
	private static final BigDecimal MAX_T = new BigDecimal("1000000000000");

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;

	ProjectReservations(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** A reservation as the cockpit shows it. */
	public record Reserved(String projectRef, String countyCode, String parkCode, int fromYear, BigDecimal annualT, String label) {
	}

	@Transactional(readOnly = true)
	public Optional<BudgetHeadroom> countyHeadroom(String countyCode, int year) {
		if (countyCode == null) {
			return Optional.empty();
		}
		Optional<Map<String, Object>> holder = jdbc.sql("""
				SELECT v.id, v.number, v.reserve_t, h.budget_t FROM budget_version v
				JOIN budget_holder h ON h.version_id = v.id AND h.code = :county AND h.kind = 'COUNTY'
				WHERE v.year = :year AND v.status = 'PUBLISHED'
				ORDER BY v.number DESC LIMIT 1""").param("county", countyCode).param("year", year).query().listOfRows().stream().findFirst();
		if (holder.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> h = holder.get();
		long versionId = ((Number) h.get("id")).longValue();
		int version = ((Number) h.get("number")).intValue();
		BigDecimal budget = (BigDecimal) h.get("budget_t");
		BigDecimal reserve = (BigDecimal) h.get("reserve_t");
		Optional<Map<String, Object>> exec = jdbc.sql("""
				SELECT used_t, forecast_t, complete, months_closed FROM budget_execution
				WHERE year = :year AND holder_code = :county AND version_id = :v AND months_closed > 0""")
			.param("year", year).param("county", countyCode).param("v", versionId).query().listOfRows().stream().findFirst();
		BigDecimal emissions = null;
		boolean complete = false;
		String basis;
		if (exec.isPresent()) {
			BigDecimal forecast = (BigDecimal) exec.get().get("forecast_t");
			BigDecimal used = (BigDecimal) exec.get().get("used_t");
			emissions = forecast != null ? forecast : used;
			complete = emissions != null && Boolean.TRUE.equals(exec.get().get("complete"));
			basis = "version " + version + ": budget − execution " + (forecast != null ? "year-end forecast" : "used to date") + " after "
					+ exec.get().get("months_closed") + " closed month(s)" + (complete ? "" : " (incomplete)") + " − reservations";
		}
		else {
			basis = "version " + version + ": budget − reservations (no execution computed for the year yet)";
		}
		BigDecimal reserved = reservedIn(countyCode, year);
		BigDecimal headroom = budget.subtract(emissions == null ? BigDecimal.ZERO : emissions).subtract(reserved);
		return Optional.of(new BudgetHeadroom(countyCode, year, version, Tco2.of(budget), Tco2.of(emissions), Tco2.of(reserved),
				Tco2.of(headroom), Tco2.of(reserve), complete, basis));
	}

	/** Σ annual tCO2 of the county's reservations active in the year. */
	BigDecimal reservedIn(String countyCode, int year) {
		return jdbc.sql("""
				SELECT COALESCE(sum(annual_t), 0) FROM budget_project_reservation
				WHERE county_code = :county AND from_year <= :year AND released_at IS NULL""")
			.param("county", countyCode).param("year", year).query(BigDecimal.class).single();
	}

	/** The county's reservations active in the year (the cockpit's drill-down), largest first. */
	@Transactional(readOnly = true)
	public List<Reserved> activeIn(String countyCode, int year) {
		return jdbc.sql("""
				SELECT * FROM budget_project_reservation
				WHERE county_code = :county AND from_year <= :year AND released_at IS NULL ORDER BY annual_t DESC, project_ref""")
			.param("county", countyCode).param("year", year)
			.query((rs, n) -> new Reserved(rs.getString("project_ref"), rs.getString("county_code"), rs.getString("park_code"),
					rs.getInt("from_year"), Rounding.stored(rs.getBigDecimal("annual_t")), rs.getString("label")))
			.list();
	}

	@Transactional
	public void reserve(ProjectReservation r) {
		List<InputError> errors = new ArrayList<>();
		if (r == null) {
			throw new InvalidInputException("reservation", "is required");
		}
		if (r.projectRef() == null || r.projectRef().isBlank()) {
			errors.add(InputError.field("projectRef", "is required"));
		}
		else {
			InputBounds.length(errors, "projectRef", r.projectRef(), ProjectReservation.REF_MAX);
		}
		if (r.countyCode() == null || !r.countyCode().matches("\\d{6}")) {
			errors.add(InputError.field("countyCode", "a 6-digit county code (GB/T 2260) is required"));
		}
		InputBounds.length(errors, "parkCode", r.parkCode(), 40);
		if (r.fromYear() < 2000 || r.fromYear() > 2100) {
			errors.add(InputError.field("fromYear", "must be a year from 2000 to 2100"));
		}
		if (r.annualT() == null || r.annualT().signum() <= 0 || r.annualT().value().compareTo(MAX_T) >= 0) {
			errors.add(InputError.field("annualT", "must be above 0 and below 10^12 tCO2"));
		}
		if (r.label() == null || r.label().isBlank()) {
			errors.add(InputError.field("label", "is required"));
		}
		else {
			InputBounds.length(errors, "label", r.label(), ProjectReservation.LABEL_MAX);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String ref = r.projectRef().strip();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		Optional<Reserved> before = find(ref);
		jdbc.sql("""
				INSERT INTO budget_project_reservation (project_ref, county_code, park_code, from_year, annual_t, label, reserved_at, reserved_by)
				VALUES (:ref, :county, :park, :from, :t, :label, :at, :by)
				ON CONFLICT (project_ref) DO UPDATE SET county_code = EXCLUDED.county_code, park_code = EXCLUDED.park_code,
				    from_year = EXCLUDED.from_year, annual_t = EXCLUDED.annual_t, label = EXCLUDED.label, reserved_at = EXCLUDED.reserved_at,
				    reserved_by = EXCLUDED.reserved_by, released_at = NULL, released_by = NULL, release_reason = NULL""")
			.param("ref", ref).param("county", r.countyCode()).param("park", r.parkCode()).param("from", r.fromYear())
			.param("t", r.annualT().value()).param("label", r.label().strip()).param("at", now)
			.param("by", AccessScope.current().actor()).update();
		Reserved after = find(ref).orElseThrow();
		audit.record(before.isPresent() ? "budget.project-reservation.replaced" : "budget.project-reservation.reserved",
				"budget-project-reservation", ref, before.orElse(null), after);
		log.info("Budget reservation {}: {} tCO2 a year in {} from {}", ref, after.annualT().toPlainString(), r.countyCode(), r.fromYear());
	}

	@Transactional
	public void release(String projectRef, String reason) {
		if (projectRef == null || projectRef.isBlank()) {
			return;
		}
		List<InputError> errors = new ArrayList<>();
		InputBounds.length(errors, "reason", reason, 500);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String ref = projectRef.strip();
		Optional<Reserved> before = find(ref);
		if (before.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		jdbc.sql("""
				UPDATE budget_project_reservation SET released_at = :at, released_by = :by, release_reason = :why
				WHERE project_ref = :ref AND released_at IS NULL""")
			.param("at", now).param("by", AccessScope.current().actor()).param("why", reason == null ? null : reason.strip())
			.param("ref", ref).update();
		audit.record("budget.project-reservation.released", "budget-project-reservation", ref, before.get(),
				Map.of("reason", reason == null ? "" : reason.strip()));
		log.info("Budget reservation {} released: {}", ref, reason);
	}

	private Optional<Reserved> find(String ref) {
		return jdbc.sql("SELECT * FROM budget_project_reservation WHERE project_ref = :ref AND released_at IS NULL").param("ref", ref)
			.query((rs, n) -> new Reserved(rs.getString("project_ref"), rs.getString("county_code"), rs.getString("park_code"),
					rs.getInt("from_year"), Rounding.stored(rs.getBigDecimal("annual_t")), rs.getString("label")))
			.optional();
	}
}
