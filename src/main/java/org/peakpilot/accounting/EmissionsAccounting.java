package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.peakpilot.accounting.internal.AccountingBounds;
import org.peakpilot.accounting.internal.AccountingSettings;
import org.peakpilot.accounting.internal.BulkRecompute;
import org.peakpilot.accounting.internal.Calculator;
import org.peakpilot.accounting.internal.FactorsInForce;
import org.peakpilot.accounting.internal.CityInventory;
import org.peakpilot.accounting.internal.EmissionResults;
import org.peakpilot.accounting.internal.FactorFiles;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.ReportWorkbook;
import org.peakpilot.accounting.internal.StoredResults;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The factor library and the calculator. Factors are readable by every signed-in user; publishing a new
 * version is for the city administrator. The calculator is stateless: it stores nothing.
 */
@Component
public class EmissionsAccounting {

	private static final Logger log = LoggerFactory.getLogger(EmissionsAccounting.class);

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final FactorFiles files;
	private final String gridRegion;
	private final MonthlyReports reports;
	private final EmissionResults results;
	private final org.peakpilot.registry.Registry registry;
	private final CityInventory cityInventory;
	private final BulkRecompute bulk;
	private final StoredResults stored;
	private final List<BigDecimal> gradeBounds;
	private final int bulkRestatementFrom;

	EmissionsAccounting(JdbcClient jdbc, AuditLog audit, Clock clock, ResourceLoader resources, MonthlyReports reports,
			EmissionResults results, org.peakpilot.registry.Registry registry, CityInventory cityInventory,
			BulkRecompute bulk, StoredResults stored, AccountingSettings settings,
			@Value("${peakpilot.accounting.factor-location:classpath:factors/}") String factorLocation,
			@Value("${peakpilot.accounting.bulk-restatement-from:10}") int bulkRestatementFrom) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.files = new FactorFiles(resources, factorLocation);
		this.gridRegion = settings.gridRegion();
		this.reports = reports;
		this.results = results;
		this.registry = registry;
		this.cityInventory = cityInventory;
		this.bulk = bulk;
		this.stored = stored;
		this.gradeBounds = settings.gradeBounds();
		this.bulkRestatementFrom = bulkRestatementFrom;
	}

	/** Filters for the factor list; every one optional. {@code allVersions} includes superseded versions. */
	public record FactorQuery(Factor.Kind kind, String text, boolean allVersions) {
		public static final FactorQuery CURRENT = new FactorQuery(null, null, false);
	}

	/** A new version of a factor: the value and its provenance; fields left null keep the previous version's. */
	public record NewVersion(BigDecimal value, String source, Factor.Tag tag, LocalDate effectiveFrom, LocalDate effectiveTo,
			String changeNote) {
	}

	/** The region whose grid factor prices this city's purchased electricity (from the plan folder). */
	public String gridRegion() {
		return gridRegion;
	}

	/** Factors in their newest versions (or every version), by kind and code. */
	public List<Factor> factors(FactorQuery q) {
		String text = q.text() == null || q.text().isBlank() ? null : "%" + q.text().strip() + "%";
		return jdbc.sql("""
				SELECT * FROM accounting_factor f
				WHERE (CAST(:kind AS text) IS NULL OR kind = :kind)
				  AND (CAST(:text AS text) IS NULL OR code ILIKE :text OR name_zh ILIKE :text OR name_en ILIKE :text)
				  AND (:all OR version = (SELECT max(version) FROM accounting_factor g WHERE g.code = f.code))
				ORDER BY kind, code, version DESC
				""")
			.param("kind", q.kind() == null ? null : q.kind().name()).param("text", text).param("all", q.allVersions())
			.query(EmissionsAccounting::factor).list();
	}

	/** Every version of one factor, newest first. */
	public List<Factor> history(String code) {
		List<Factor> versions = jdbc.sql("SELECT * FROM accounting_factor WHERE code = :c ORDER BY version DESC")
			.param("c", code.toUpperCase(Locale.ROOT)).query(EmissionsAccounting::factor).list();
		if (versions.isEmpty()) {
			throw new NotFoundException("factor " + code);
		}
		return versions;
	}

	/**
	 * Publishes a new version of a factor (e.g. next year's grid factor value once announced). The old version
	 * stays, with the figures it produced. The reports whose current results used the factor, from the version's first
	 * year on, are restated where a figure changed: one by one, or in one pass from
	 * {@code peakpilot.accounting.bulk-restatement-from} reports on (default 10, see bench/README.md); both store the
	 * same rows and audit records.
	 */
	@Transactional
	public Factor publish(String code, NewVersion change) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		Factor previous = history(code).get(0);
		List<InputError> errors = new ArrayList<>();
		BigDecimal value = change.value() == null ? previous.value() : change.value();
		if (value == null || value.signum() < 0) {
			errors.add(InputError.field("value", "a non-negative value is required"));
		}
		if (change.source() == null || change.source().isBlank()) {
			errors.add(InputError.field("source", "name the source of the new value (document, announcement)"));
		}
		InputBounds.atMost(errors, "value", value, AccountingBounds.FACTOR_VALUE_MAX);
		InputBounds.length(errors, "source", change.source(), AccountingBounds.TEXT_MAX);
		InputBounds.length(errors, "changeNote", change.changeNote(), AccountingBounds.TEXT_MAX);
		LocalDate from = change.effectiveFrom() == null ? previous.effectiveFrom() : change.effectiveFrom();
		LocalDate to = change.effectiveFrom() == null && change.effectiveTo() == null ? previous.effectiveTo() : change.effectiveTo();
		if (to != null && to.isBefore(from)) {
			errors.add(InputError.field("effectiveTo", "the end lies before the start"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Factor next = new Factor(previous.code(), previous.version() + 1, previous.kind(), previous.nameZh(), previous.nameEn(),
				value, previous.unit(), previous.activityUnit(), previous.ncv(), previous.ncvUnit(), previous.carbonContentTcPerTj(),
				previous.oxidationRate(), previous.kind() == Factor.Kind.ENERGY ? value : previous.tcePerUnit(), previous.regionCode(),
				previous.year(), previous.sector(), previous.methodNote(), change.source().strip(),
				change.tag() == null ? Factor.Tag.of(change.source()) : change.tag(), from, to, AccessScope.current().actor(),
				clock.instant(), change.changeNote());
		insert(next);
		audit.record("factor.published", "factor", next.code() + "/v" + next.version(), previous, next);
		List<Long> touched = stored.currentlyUsing(next.code(), next.effectiveFrom().getYear());
		java.util.Set<Integer> years = touched.size() < bulkRestatementFrom ? reports.restate(next, touched, new DatabaseFactors(), gridRegion)
				: bulk.restate(next, touched, gridRegion);
		years.forEach(this::refreshInventory);
		log.info("Published factor {} version {}; reports of {} restated", next.code(), next.version(), years);
		return next;
	}

	/** Calculates emissions and energy for activity lines without storing anything. */
	public Calculation.Result calculate(Calculation.Request request) {
		return Calculator.calculate(request, new DatabaseFactors(), gridRegion);
	}

	/** The products a report can state, with their units. */
	public List<ReportModel.Product> products() {
		return reports.products();
	}

	/** One report, if it lies within the caller's scope. */
	public ReportModel.Report report(long reportId) {
		return reports.report(reportId);
	}

	/** An enterprise's report for a month, if one exists. */
	public Optional<ReportModel.Report> report(long enterpriseId, int year, int month) {
		return reports.report(enterpriseId, year, month);
	}

	/** Reports within the caller's scope, newest month first; every filter optional. */
	public List<ReportModel.ReportRow> reports(Long enterpriseId, Integer year, ReportModel.Status status) {
		return reports.list(enterpriseId, year, status);
	}

	/**
	 * Enters or changes the content of a month's report (draft or returned) for the enterprise user of that
	 * enterprise or the city office; the results are recomputed and stored with the factor versions used.
	 */
	@Transactional
	public ReportModel.Report saveReport(long enterpriseId, int year, int month, ReportModel.Content content) {
		return reports.save(enterpriseId, year, month, content, new DatabaseFactors(), gridRegion);
	}

	@Transactional
	public ReportModel.Report submitReport(long reportId) {
		return reports.submit(reportId);
	}

	/** The assigned verifier confirms a submitted report. */
	@Transactional
	public ReportModel.Report verifyReport(long reportId) {
		ReportModel.Report verified = reports.verify(reportId);
		refreshInventory(verified.year());
		return verified;
	}

	/** The assigned verifier returns a submitted report with what must be corrected. */
	@Transactional
	public ReportModel.Report returnReport(long reportId, String comment) {
		return reports.returnForCorrection(reportId, comment);
	}

	/** The city office locks a verified report. */
	@Transactional
	public ReportModel.Report lockReport(long reportId) {
		return reports.lock(reportId);
	}

	/** Changes a locked report through a revision with a reason; it goes back to verification. */
	@Transactional
	public ReportModel.Report reviseReport(long reportId, String reason, ReportModel.Content content) {
		ReportModel.Report revised = reports.revise(reportId, reason, content, new DatabaseFactors(), gridRegion);
		refreshInventory(revised.year());
		return revised;
	}

	/** Every result a report has had, including restated ones, newest first. */
	public List<ReportModel.StoredResult> resultHistory(long reportId) {
		return reports.resultHistory(reportId);
	}

	/** Key energy-using units within the caller's scope whose report for a month of the year is past due. */
	public List<ReportModel.Overdue> overdueReports(int year) {
		return reports.overdue(year);
	}

	/** A month's report is due by this day of the following month; later it is overdue. */
	public static final int REPORT_DUE_DAY = MonthlyReports.DUE_DAY;

	/**
	 * The latest year with a report within the caller's scope, of one enterprise if {@code enterpriseId} is given;
	 * only verified and locked reports count when {@code verifiedOnly}. Empty when there is none.
	 */
	public java.util.OptionalInt latestReportYear(Long enterpriseId, boolean verifiedOnly) {
		return reports.latestYear(enterpriseId, verifiedOnly);
	}

	/**
	 * Results rolled up to enterprise, park, county, industry or the city for a year, within the caller's scope;
	 * verified and locked reports only unless {@code verifiedOnly} is false (then submitted ones count too).
	 * {@code filter} ("county", "industry" or "park") with {@code filterValue} drills down.
	 */
	public List<ResultsModel.Row> results(int year, String level, boolean verifiedOnly, String filter, String filterValue) {
		return results.rollup(year, EmissionResults.level(level), verifiedOnly, filter, filterValue);
	}

	/** An enterprise's year by month and source, with its intensities and carbon-efficiency grade. */
	public ResultsModel.EnterpriseYear enterpriseYear(long enterpriseId, int year, boolean verifiedOnly) {
		registry.enterprise(enterpriseId);
		return results.enterpriseYear(enterpriseId, year, verifiedOnly, gradeBounds);
	}

	/** An enterprise's carbon-efficiency grade for every year with verified reports, oldest first. */
	public List<ResultsModel.YearGrade> gradeHistory(long enterpriseId) {
		registry.enterprise(enterpriseId);
		return results.gradeHistory(enterpriseId, gradeBounds);
	}

	/** The bounds of the grade ratio (this plan's accounting.properties). */
	public List<BigDecimal> gradeBounds() {
		return gradeBounds;
	}

	/**
	 * Verified figures changed for a year (a report verified, revised out of the count, or restated): the city
	 * inventory's indicators follow. Runs as a system actor, since a verifier may not write the plan.
	 */
	private void refreshInventory(int year) {
		org.peakpilot.platform.SystemActor.run("city-inventory", () -> cityInventory.refresh(year));
	}

	/** Loads the reference factors as version 1 when the library is empty. */
	@Transactional
	public void loadReferenceFactors() {
		long existing = jdbc.sql("SELECT count(*) FROM accounting_factor").query(Long.class).single();
		if (existing > 0) {
			return;
		}
		List<Factor> factors = files.read(AccessScope.current().actor(), clock.instant());
		factors.forEach(this::insert);
		audit.record("factors.loaded", "factor-library", "v1", null, java.util.Map.of("factors", factors.size()));
		log.info("Loaded {} reference factors", factors.size());
	}

	/**
	 * The library as it is now, one question at a time: loads the candidate versions (every version of the code,
	 * or of the region's grid factors) and asks {@link FactorsInForce}, the rule the bulk recompute asks too.
	 */
	private final class DatabaseFactors implements Calculator.Factors {
		@Override
		public Optional<Factor> inForce(String code, int year) {
			return FactorsInForce.of(jdbc.sql("SELECT * FROM accounting_factor WHERE code = :c").param("c", code)
				.query(EmissionsAccounting::factor).list()).inForce(code, year);
		}

		@Override
		public Optional<Factor> grid(String region, int year) {
			return FactorsInForce.of(jdbc.sql("""
					SELECT * FROM accounting_factor
					WHERE code IN (SELECT code FROM accounting_factor WHERE kind = 'GRID' AND region_code = :r)
					""").param("r", region).query(EmissionsAccounting::factor).list()).grid(region, year);
		}
	}

	private void insert(Factor f) {
		jdbc.sql("""
				INSERT INTO accounting_factor (code, version, kind, name_zh, name_en, value, unit, activity_unit, ncv, ncv_unit,
				    carbon_content_tc_per_tj, oxidation_rate, tce_per_unit, region_code, year, sector, method_note, source, tag,
				    effective_from, effective_to, published_by, published_at, change_note)
				VALUES (:code, :version, :kind, :nz, :ne, :value, :unit, :au, :ncv, :ncvu, :cc, :ox, :tce, :region, :year, :sector,
				    :note, :source, :tag, :from, :to, :by, :at, :change)
				""")
			.param("code", f.code()).param("version", f.version()).param("kind", f.kind().name()).param("nz", f.nameZh())
			.param("ne", f.nameEn()).param("value", f.value()).param("unit", f.unit()).param("au", f.activityUnit())
			.param("ncv", f.ncv()).param("ncvu", f.ncvUnit()).param("cc", f.carbonContentTcPerTj()).param("ox", f.oxidationRate())
			.param("tce", f.tcePerUnit()).param("region", f.regionCode()).param("year", f.year()).param("sector", f.sector())
			.param("note", f.methodNote()).param("source", f.source()).param("tag", f.tag().name())
			.param("from", f.effectiveFrom()).param("to", f.effectiveTo()).param("by", f.publishedBy())
			.param("at", OffsetDateTime.ofInstant(f.publishedAt(), clock.getZone())).param("change", f.changeNote())
			.update();
	}

	private static Factor factor(ResultSet rs, int n) throws SQLException {
		return new Factor(rs.getString("code"), rs.getInt("version"), Factor.Kind.valueOf(rs.getString("kind")),
				rs.getString("name_zh"), rs.getString("name_en"), Calculator.strip(rs.getBigDecimal("value")), rs.getString("unit"),
				rs.getString("activity_unit"), Calculator.strip(rs.getBigDecimal("ncv")), rs.getString("ncv_unit"),
				Calculator.strip(rs.getBigDecimal("carbon_content_tc_per_tj")), Calculator.strip(rs.getBigDecimal("oxidation_rate")),
				Calculator.strip(rs.getBigDecimal("tce_per_unit")), rs.getString("region_code"), rs.getObject("year", Integer.class),
				rs.getString("sector"), rs.getString("method_note"), rs.getString("source"), Factor.Tag.valueOf(rs.getString("tag")),
				rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
				rs.getString("published_by"), rs.getObject("published_at", OffsetDateTime.class).toInstant(),
				rs.getString("change_note"));
	}


	/** The city inventory of a year with indicators 1–3 (city office and county officers). */
	public Inventory cityInventory(int year) {
		return cityInventory.inventory(year);
	}

	/**
	 * Recomputes indicators 1–3 of a year from the city inventory and writes them into the plan, e.g. once reports
	 * of the year are verified or locked (city office, or a system actor).
	 */
	public Inventory recomputeCityInventory(int year) {
		return cityInventory.recompute(year);
	}

	/**
	 * The Excel template for a year of an enterprise's monthly reports, for its industry's sector (steel, cement,
	 * ceramics, chemicals, polysilicon; anything else gets "other"): empty activity and product sheets with drop-downs,
	 * instructions, and the fuels, electricity, heat, process factors and products the sector uses in that year.
	 */
	public byte[] reportTemplate(long enterpriseId, int year) {
		org.peakpilot.registry.RegistryModel.Enterprise enterprise = registry.enterprise(enterpriseId);
		String sector = registry.industries().stream().filter(i -> i.code().equals(enterprise.industryCode()))
			.map(org.peakpilot.registry.RegistryModel.Industry::sector).findFirst().orElse(null);
		ReportWorkbook.checkYear(year, clock);
		return ReportWorkbook.template(sector, year, enterprise.name(), gridRegion, factors(new FactorQuery(null, null, true)),
				products());
	}

	/**
	 * Imports a year of monthly reports from a filled-in {@link #reportTemplate template}, all or nothing: every
	 * month present goes through the same save path as the form and the API (the enterprise's own user or the city
	 * office; draft or returned reports only). If any cell or row of any month is wrong, nothing is written and
	 * every error is returned with its sheet, row and column.
	 *
	 * @return the reports saved, by month
	 */
	@Transactional
	public List<ReportModel.Report> importReports(long enterpriseId, int year, byte[] workbook) {
		registry.enterprise(enterpriseId); // not found outside the caller's scope, before the file is read
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide() && !scope.hasRole(Role.ENTERPRISE_USER)) {
			throw new org.springframework.security.access.AccessDeniedException(scope.actor() + " may not enter reports");
		}
		ReportWorkbook.checkYear(year, clock);
		DatabaseFactors factors = new DatabaseFactors();
		List<ReportModel.Report> saved = ReportWorkbook.read(workbook, year, clock)
			.saveEach(m -> reports.save(enterpriseId, year, m.month(), m.content(), factors, gridRegion));
		log.info("Imported {} monthly reports of enterprise {} for {}", saved.size(), enterpriseId, year);
		return saved;
	}

	/**
	 * Recomputes every report of a year (all statuses) from its stored lines with the factors in force, in one
	 * pass: the current results are superseded and kept as history, the new ones name the factor versions used
	 * and the reason. Gives the figures the per-report path gives; one audit record for the year. For the city
	 * administrator. Returns the number of reports recomputed.
	 */
	@Transactional
	public int recomputeYear(int year, String reason) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		int recomputed = bulk.year(year, reason, gridRegion);
		refreshInventory(year);
		return recomputed;
	}

	/** The factor choice of the per-report path, reading the library as it is now. */
	public Calculator.Factors libraryFactors() {
		return new DatabaseFactors();
	}

	/** A factor row read exactly as the per-report path reads it. */
	public static Factor factorRow(ResultSet rs, int n) throws SQLException {
		return factor(rs, n);
	}
}
