package org.peakpilot.accounting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.ReportSummary;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.CsvTable;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Quantity;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;


/**
 * Monthly reports and their workflow. Enterprises (or the office on their behalf) enter and submit; the
 * assigned verifier verifies or returns with comments; the office locks; a locked report changes only through a
 * revision with a reason, which goes back to verification. Every save recomputes and stores the results with
 * the factor versions used; publishing a factor version restates the results it touches.
 */
@Component
public class MonthlyReports {

	private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);
	/** Reports are due by this day of the following month. */
	public static final int DUE_DAY = 15;

	private final JdbcClient jdbc;
	private final Registry registry;
	private final AuditLog audit;
	private final Clock clock;
	private final StoredResults stored;
	private final Map<String, Product> products;
	private final GreenKwhBacking greenBacking;

	MonthlyReports(JdbcClient jdbc, Registry registry, AuditLog audit, Clock clock, StoredResults stored, GreenKwhBacking greenBacking) {
		this.jdbc = jdbc;
		this.greenBacking = greenBacking;
		this.registry = registry;
		this.audit = audit;
		this.clock = clock;
		this.stored = stored;
		this.products = loadProducts();
	}

	public List<Product> products() {
		return List.copyOf(products.values());
	}

	/**
	 * An enterprise moved to another county, park or industry: its reports (with their results, which are read
	 * through the report) move with it, in the registry's transaction, so that a failure here undoes the move.
	 */
	@EventListener
	void moved(RegistryModel.EnterpriseMoved moved) {
		int n = jdbc.sql("""
				UPDATE accounting_report SET county_code = :county, park_id = :park, industry_code = :industry
				WHERE enterprise_id = :e
				""")
			.param("county", moved.countyCode()).param("park", moved.parkId()).param("industry", moved.industryCode())
			.param("e", moved.enterpriseId()).update();
		log.debug("Moved {} reports of enterprise {} to county {}", n, moved.enterpriseId(), moved.countyCode());
	}

	public Report report(long id) {
		Report r = find(id).orElseThrow(() -> new NotFoundException("report " + id));
		if (!AccessScope.current().canRead(owner(r))) {
			throw new NotFoundException("report " + id);
		}
		return r;
	}

	public Optional<Report> report(long enterpriseId, int year, int month) {
		registry.enterprise(enterpriseId);
		return jdbc.sql("SELECT id FROM accounting_report WHERE enterprise_id = :e AND year = :y AND month = :m")
			.param("e", enterpriseId).param("y", year).param("m", month).query(Long.class).optional().map(this::report);
	}

	public List<ReportRow> list(Long enterpriseId, Integer year, ReportStatus status) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		return jdbc.sql("""
				SELECT r.id, r.enterprise_id, r.county_code, r.year, r.month, r.status, r.revision, r.updated_at,
				       coalesce(sum(x.co2_t), 0) AS co2_t, coalesce(sum(x.tce), 0) AS tce
				FROM accounting_report r
				LEFT JOIN accounting_current_result x ON x.report_id = r.id
				WHERE %s AND (CAST(:e AS bigint) IS NULL OR r.enterprise_id = :e) AND (CAST(:y AS int) IS NULL OR r.year = :y)
				  AND (CAST(:s AS text) IS NULL OR r.status = :s)
				GROUP BY r.id ORDER BY r.year DESC, r.month DESC, r.enterprise_id
				""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("y", year).param("s", status == null ? null : status.name())
			.query((rs, n) -> new ReportRow(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("county_code"),
					rs.getInt("year"), rs.getInt("month"), ReportStatus.valueOf(rs.getString("status")), rs.getInt("revision"),
					Calculator.strip(rs.getBigDecimal("co2_t")), Calculator.strip(rs.getBigDecimal("tce")),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The latest year with a report within the caller's scope (of one enterprise, if given), counting only
	 * verified and locked reports when {@code verifiedOnly}.
	 */
	public java.util.OptionalInt latestYear(Long enterpriseId, boolean verifiedOnly) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		// max() of no rows is NULL, which JdbcClient's single() refuses: 0 stands for "no report"
		int year = jdbc.sql("""
				SELECT coalesce(max(r.year), 0) FROM accounting_report r
				WHERE %s AND (CAST(:e AS bigint) IS NULL OR r.enterprise_id = :e)
				  AND (NOT :verified OR r.status IN ('VERIFIED', 'LOCKED'))
				""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("verified", verifiedOnly).query(Integer.class).single();
		return year == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(year);
	}

	/** Creates or replaces the content of an editable report and recomputes its results. */
	public Report save(long enterpriseId, int year, int month, ReportContent content, Calculator.Factors factors, String gridRegion) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Owner owner = new Owner(e.countyCode(), e.parkId(), e.id());
		requireEnter(owner);
		checkPeriod(year, month);
		Optional<Long> existing = jdbc.sql("SELECT id FROM accounting_report WHERE enterprise_id = :e AND year = :y AND month = :m")
			.param("e", enterpriseId).param("y", year).param("m", month).query(Long.class).optional();
		Report before = existing.map(id -> find(id).orElseThrow()).orElse(null);
		if (before != null && !before.editable()) {
			throw new RuleViolationException("report " + before.id() + " is " + before.status()
					+ ": only a draft or returned report can be changed" + (before.status() == ReportStatus.LOCKED ? "; revise it with a reason" : ""), true);
		}
		List<LineResult> results = validate(content, year, factors, gridRegion);
		greenBacking.check(enterpriseId, year, month, lines(content));
		long id = existing.orElseGet(() -> jdbc.sql("""
				INSERT INTO accounting_report (enterprise_id, county_code, park_id, industry_code, year, month, status,
				                               created_by, created_at, updated_at)
				VALUES (:e, :county, :park, :industry, :y, :m, 'DRAFT', :by, :now, :now) RETURNING id
				""").param("e", enterpriseId).param("county", e.countyCode()).param("park", e.parkId())
			.param("industry", e.industryCode()).param("y", year).param("m", month).param("by", actor()).param("now", now())
			.query(Long.class).single());
		writeContent(id, content);
		storeResults(id, content, results, before == null ? "entered" : "changed");
		Report after = find(id).orElseThrow();
		audit.record(before == null ? "report.created" : "report.changed", "report", id, before, after);
		return after;
	}

	public Report submit(long id) {
		Report r = report(id);
		requireEnter(owner(r));
		if (!r.editable()) {
			throw new RuleViolationException("report " + id + " is " + r.status() + " and cannot be submitted", true);
		}
		if (r.content().lines().isEmpty()) {
			throw new InvalidInputException("lines", "a report needs at least one activity line before it is submitted");
		}
		greenBacking.check(r.enterpriseId(), r.year(), r.month(), lines(r.content()));
		return transition(r, ReportStatus.SUBMITTED, "report.submitted", "submitted_by", "submitted_at", null);
	}

	public Report verify(long id) {
		Report r = report(id);
		requireVerifier(owner(r));
		requireStatus(r, ReportStatus.SUBMITTED);
		return transition(r, ReportStatus.VERIFIED, "report.verified", "verified_by", "verified_at", null);
	}

	public Report returnForCorrection(long id, String comment) {
		Report r = report(id);
		requireVerifier(owner(r));
		requireStatus(r, ReportStatus.SUBMITTED);
		if (comment == null || comment.isBlank()) {
			throw new InvalidInputException("comment", "say what must be corrected");
		}
		if (comment.length() > AccountingBounds.TEXT_MAX) {
			throw new InvalidInputException("comment", "at most " + AccountingBounds.TEXT_MAX + " characters");
		}
		return transition(r, ReportStatus.RETURNED, "report.returned", null, null, comment.strip());
	}

	public Report lock(long id) {
		Report r = report(id);
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		requireStatus(r, ReportStatus.VERIFIED);
		return transition(r, ReportStatus.LOCKED, "report.locked", "locked_by", "locked_at", null);
	}

	/** Changes a locked report: a new revision with a reason, back to verification. */
	public Report revise(long id, String reason, ReportContent content, Calculator.Factors factors, String gridRegion) {
		Report before = report(id);
		requireEnter(owner(before));
		requireStatus(before, ReportStatus.LOCKED);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a revision of a locked report needs a reason");
		}
		if (reason.length() > AccountingBounds.TEXT_MAX) {
			throw new InvalidInputException("reason", "at most " + AccountingBounds.TEXT_MAX + " characters");
		}
		List<LineResult> results = validate(content, before.year(), factors, gridRegion);
		greenBacking.check(before.enterpriseId(), before.year(), before.month(), lines(content));
		writeContent(id, content);
		jdbc.sql("""
				UPDATE accounting_report SET status = 'SUBMITTED', revision = revision + 1, revision_reason = :reason,
				       submitted_by = :by, submitted_at = :now, verified_by = NULL, verified_at = NULL, locked_by = NULL,
				       locked_at = NULL, return_comment = NULL, updated_at = :now WHERE id = :id
				""").param("reason", reason.strip()).param("by", actor()).param("now", now()).param("id", id).update();
		storeResults(id, content, results, "revision " + (before.revision() + 1) + ": " + reason.strip());
		Report after = find(id).orElseThrow();
		audit.record("report.revised", "report", id, before, after);
		return after;
	}

	/**
	 * Recomputes reports whose current results used the published factor (found by
	 * {@link StoredResults#currentlyUsing}) one by one, and stores the new results only where a figure changed; the
	 * superseded results stay as history, one audit record per restated report. Runs with the publisher's rights
	 * (the city administrator). Returns the years of the restated reports.
	 */
	public Set<Integer> restate(Factor published, List<Long> ids, Calculator.Factors factors, String gridRegion) {
		Set<Integer> years = new java.util.TreeSet<>();
		for (long id : ids) {
			jdbc.sql("SELECT id FROM accounting_report WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
			Report r = find(id).orElseThrow();
			List<LineResult> results = Calculator.calculate(new Calculation.Request(r.year(), null,
					r.content().lines().stream().map(ReportLine::line).toList()), factors, gridRegion).lines();
			if (StoredResults.sameFigures(StoredResults.Figures.of(r.results()), figures(results, r.content()))) {
				continue;
			}
			storeResults(id, r.content(), results, restatedReason(published));
			audit.record("report.restated", "report", id, r.summary(), find(id).orElseThrow().summary());
			years.add(r.year());
		}
		if (!years.isEmpty()) {
			log.info("Restated reports of {} after factor {} version {}", years, published.code(), published.version());
		}
		return years;
	}

	/** The reason a restatement stores with its results. */
	static String restatedReason(Factor published) {
		return "restated: factor " + published.code() + " version " + published.version();
	}

	private static List<StoredResults.Figures> figures(List<LineResult> results, ReportContent content) {
		return results.stream().map(r -> StoredResults.Figures.of(r, energyUse(content.lines().get(r.index())))).toList();
	}

	/** Every result a report ever had, newest first: the history of its figures. */
	public List<StoredResult> resultHistory(long id) {
		report(id);
		return stored.history(id);
	}

	/** Key energy-using units without a submitted report for a month whose due date has passed, within the year. */
	/**
	 * The first month an enterprise owes a report for: the month of its registration, Beijing time (its
	 * {@code createdAt}, which the city may date back for a unit reporting before it was entered). Months before it
	 * are neither to fill nor overdue unless a report for them was begun. Null when the registration time is unknown.
	 */
	public static YearMonth firstMonthOwed(RegistryModel.Enterprise e) {
		return e.createdAt() == null ? null : YearMonth.from(e.createdAt().atZone(org.peakpilot.platform.PageFormat.BEIJING));
	}

	public List<Overdue> overdue(int year) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER);
		AccountingBounds.requireYear("year", year);
		LocalDate today = LocalDate.now(clock);
		List<Overdue> overdue = new ArrayList<>();
		for (RegistryModel.Enterprise e : registry.enterprises(new RegistryModel.EnterpriseQuery(null, null, null, null, true))) {
			Map<Integer, ReportStatus> statuses = new LinkedHashMap<>();
			jdbc.sql("SELECT month, status FROM accounting_report WHERE enterprise_id = :e AND year = :y").param("e", e.id())
				.param("y", year).query((rs, n) -> statuses.put(rs.getInt("month"), ReportStatus.valueOf(rs.getString("status")))).list();
			YearMonth owedFrom = firstMonthOwed(e);
			for (int m = 1; m <= 12; m++) {
				LocalDate due = YearMonth.of(year, m).plusMonths(1).atDay(DUE_DAY);
				ReportStatus s = statuses.get(m);
				if (s == null && owedFrom != null && YearMonth.of(year, m).isBefore(owedFrom)) {
					continue;
				}
				if (today.isAfter(due) && (s == null || s == ReportStatus.DRAFT || s == ReportStatus.RETURNED)) {
					overdue.add(new Overdue(e.id(), e.name(), e.countyCode(), year, m, s));
				}
			}
		}
		return overdue;
	}

	private List<LineResult> validate(ReportContent content, int year, Calculator.Factors factors, String gridRegion) {
		List<InputError> errors = new ArrayList<>();
		if (content == null) {
			throw new InvalidInputException("content", "the report content is required");
		}
		BigDecimal outputValue = Quantity.valueOf(content.outputValue10kCny());
		BigDecimal valueAdded = Quantity.valueOf(content.valueAdded10kCny());
		checkNonNegative(outputValue, "outputValue10kCny", errors);
		checkNonNegative(valueAdded, "valueAdded10kCny", errors);
		InputBounds.atMost(errors, "outputValue10kCny", outputValue, AccountingBounds.MONEY_10K_CNY_MAX);
		InputBounds.atMost(errors, "valueAdded10kCny", valueAdded, AccountingBounds.MONEY_10K_CNY_MAX);
		List<ReportLine> lines = content.lines() == null ? List.of() : content.lines();
		Set<String> seen = new HashSet<>();
		List<ProductLine> productLines = content.products() == null ? List.of() : content.products();
		for (int i = 0; i < productLines.size(); i++) {
			ProductLine p = productLines.get(i);
			String at = "products[" + i + "]";
			if (p == null || p.productCode() == null || !products.containsKey(p.productCode())) {
				errors.add(InputError.field(at + ".productCode", "unknown product; one of " + products.keySet()));
			}
			else if (!seen.add(p.productCode())) {
				errors.add(InputError.field(at + ".productCode", p.productCode() + " appears twice"));
			}
			if (p != null) {
				checkNonNegative(p.quantity(), at + ".quantity", errors);
				InputBounds.atMost(errors, at + ".quantity", p.quantity(), AccountingBounds.QUANTITY_MAX);
				if (p.quantity() == null) {
					errors.add(InputError.field(at + ".quantity", "a quantity is required"));
				}
			}
		}
		List<LineResult> results = List.of();
		if (!lines.isEmpty()) {
			try {
				// a null element stays a null line, which the calculator names (lines[i].type)
				results = Calculator.calculate(new Calculation.Request(year, null, lines.stream().map(l -> l == null ? null : l.line())
						.toList()), factors, gridRegion).lines();
			}
			catch (InvalidInputException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return results;
	}

	/** The activity lines of a report's content (a null element stays null). */
	private static List<Line> lines(ReportContent content) {
		return content == null || content.lines() == null ? List.of()
				: content.lines().stream().map(l -> l == null ? null : l.line()).toList();
	}

	private void writeContent(long id, ReportContent content) {
		jdbc.sql("DELETE FROM accounting_report_line WHERE report_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM accounting_report_product WHERE report_id = :id").param("id", id).update();
		List<ReportLine> lines = content.lines() == null ? List.of() : content.lines();
		for (int i = 0; i < lines.size(); i++) {
			Line l = lines.get(i).line();
			jdbc.sql("""
					INSERT INTO accounting_report_line (report_id, line_no, type, factor_code, quantity, unit, measured_ncv,
					    measured_carbon_content, green_kwh, fraction, cao_fraction, mgo_fraction, non_carbonate_cao_fraction,
					    non_carbonate_mgo_fraction, clinker_type, label, energy_use, measured_oxidation_rate, coal_class,
					    steam_pressure_mpa, steam_temperature_c)
					VALUES (:r, :n, :type, :code, :q, :unit, :ncv, :cc, :green, :fraction, :cao, :mgo, :caonc, :mgonc, :ct, :label, :use,
					    :of, :coal, :sp, :st)
					""")
				.param("of", l.measuredOxidationRate()).param("coal", l.coalClass()).param("sp", l.steamPressureMpa())
				.param("st", l.steamTemperatureC())
				.param("r", id).param("n", i).param("type", l.type().name()).param("code", l.factorCode()).param("q", l.quantity())
				.param("unit", l.unit()).param("ncv", l.measuredNcv()).param("cc", l.measuredCarbonContent()).param("green", l.greenKwh())
				.param("fraction", l.fraction()).param("cao", l.caoFraction()).param("mgo", l.mgoFraction())
				.param("caonc", l.nonCarbonateCaoFraction()).param("mgonc", l.nonCarbonateMgoFraction()).param("ct", l.clinkerType())
				.param("label", l.label()).param("use", energyUse(lines.get(i)).name()).update();
		}
		for (ProductLine p : content.products() == null ? List.<ProductLine>of() : content.products()) {
			jdbc.sql("INSERT INTO accounting_report_product (report_id, product_code, quantity, unit) VALUES (:r, :c, :q, :u)")
				.param("r", id).param("c", p.productCode()).param("q", p.quantity()).param("u", products.get(p.productCode()).unit())
				.update();
		}
		jdbc.sql("UPDATE accounting_report SET output_value_10k_cny = :ov, value_added_10k_cny = :va, updated_at = :now WHERE id = :id")
			.param("ov", Quantity.valueOf(content.outputValue10kCny())).param("va", Quantity.valueOf(content.valueAdded10kCny())).param("now", now()).param("id", id).update();
	}

	private void storeResults(long id, ReportContent content, List<LineResult> results, String reason) {
		stored.store(id, results, (content.lines() == null ? List.<ReportLine>of() : content.lines()).stream()
			.map(MonthlyReports::energyUse).toList(), reason);
	}

	private Report transition(Report r, ReportStatus to, String action, String byColumn, String atColumn, String comment) {
		String set = byColumn == null ? "" : ", " + byColumn + " = :by, " + atColumn + " = :now";
		jdbc.sql("UPDATE accounting_report SET status = :s, return_comment = :comment, updated_at = :now" + set + " WHERE id = :id")
			.param("s", to.name()).param("comment", to == ReportStatus.RETURNED ? comment : r.returnComment())
			.param("now", now()).param("id", r.id()).param("by", actor()).update();
		Report after = find(r.id()).orElseThrow();
		audit.record(action, "report", r.id(), r, after);
		log.info("Report {} of enterprise {} for {}-{}: {} -> {}", r.id(), r.enterpriseId(), r.year(), r.month(), r.status(), to);
		return after;
	}

	private void requireEnter(Owner owner) {
		AccessScope scope = AccessScope.current();
		boolean ok = scope.isCityWide() || (scope.hasRole(Role.ENTERPRISE_USER) && scope.canRead(owner));
		if (!ok) {
			throw new AccessDeniedException(scope.actor() + " may not enter or submit this enterprise's report");
		}
	}

	private static void requireVerifier(Owner owner) {
		AccessScope scope = AccessScope.current();
		if (!(scope.hasRole(Role.VERIFIER) && scope.canRead(owner))) {
			throw new AccessDeniedException(scope.actor() + " is not the verifier assigned to this enterprise");
		}
	}

	private static void requireStatus(Report r, ReportStatus expected) {
		if (r.status() != expected) {
			throw new RuleViolationException("report " + r.id() + " is " + r.status() + ", not " + expected, true);
		}
	}

	private void checkPeriod(int year, int month) {
		YearMonth now = YearMonth.now(clock);
		if (month < 1 || month > 12 || year < ReportWorkbook.FIRST_YEAR || YearMonth.of(year, month).isAfter(now)) {
			throw new InvalidInputException("month", "a month from " + ReportWorkbook.FIRST_YEAR + "-01 to " + now + " is required");
		}
	}

	private static void checkNonNegative(BigDecimal v, String field, List<InputError> errors) {
		if (v != null && v.signum() < 0) {
			errors.add(InputError.field(field, "cannot be negative"));
		}
	}

	private static EnergyUse energyUse(ReportLine line) {
		return line.energyUse() == null ? EnergyUse.ENERGY : line.energyUse();
	}

	private Optional<Report> find(long id) {
		return jdbc.sql("SELECT * FROM accounting_report WHERE id = :id").param("id", id).query((rs, n) -> {
			List<ReportLine> lines = lines(id);
			List<ProductLine> prods = jdbc.sql("SELECT * FROM accounting_report_product WHERE report_id = :id ORDER BY product_code")
				.param("id", id).query((p, k) -> new ProductLine(p.getString("product_code"), Calculator.strip(p.getBigDecimal("quantity")))).list();
			ReportContent content = new ReportContent(Cny10k.of(Calculator.strip(rs.getBigDecimal("output_value_10k_cny"))),
					Cny10k.of(Calculator.strip(rs.getBigDecimal("value_added_10k_cny"))),
					lines, prods);
			List<StoredResult> results = stored.current(id);
			return new Report(id, rs.getLong("enterprise_id"), rs.getString("county_code"), rs.getObject("park_id", Long.class),
					rs.getString("industry_code"), rs.getInt("year"), rs.getInt("month"), ReportStatus.valueOf(rs.getString("status")),
					rs.getInt("revision"), content, rs.getString("return_comment"), rs.getString("revision_reason"),
					rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("submitted_by"),
					instant(rs, "submitted_at"), rs.getString("verified_by"), instant(rs, "verified_at"), rs.getString("locked_by"),
					instant(rs, "locked_at"), results, summary(results, content));
		}).optional();
	}

	private List<ReportLine> lines(long reportId) {
		return jdbc.sql("SELECT * FROM accounting_report_line WHERE report_id = :id ORDER BY line_no").param("id", reportId)
			.query((rs, n) -> new ReportLine(new Line(LineType.valueOf(rs.getString("type")), rs.getString("factor_code"),
					Calculator.strip(rs.getBigDecimal("quantity")), rs.getString("unit"), Calculator.strip(rs.getBigDecimal("measured_ncv")),
					Calculator.strip(rs.getBigDecimal("measured_carbon_content")), Calculator.strip(rs.getBigDecimal("green_kwh")),
					Calculator.strip(rs.getBigDecimal("fraction")), Calculator.strip(rs.getBigDecimal("cao_fraction")), Calculator.strip(rs.getBigDecimal("mgo_fraction")),
					Calculator.strip(rs.getBigDecimal("non_carbonate_cao_fraction")), Calculator.strip(rs.getBigDecimal("non_carbonate_mgo_fraction")),
					rs.getString("clinker_type"), rs.getString("label"), Calculator.strip(rs.getBigDecimal("measured_oxidation_rate")),
					rs.getString("coal_class"), Calculator.strip(rs.getBigDecimal("steam_pressure_mpa")),
					Calculator.strip(rs.getBigDecimal("steam_temperature_c"))), EnergyUse.valueOf(rs.getString("energy_use"))))
			.list();
	}

	static ReportSummary summary(List<StoredResult> results, ReportContent content) {
		return summary(StoredResults.Figures.of(results), content.outputValue10kCny(), content.valueAdded10kCny());
	}

	/** Totals of a report's result lines. */
	static ReportSummary summary(List<StoredResults.Figures> results, Cny10k outputValue10kCny, Cny10k valueAdded10kCny) {
		BigDecimal s1 = BigDecimal.ZERO, s2 = BigDecimal.ZERO, market = BigDecimal.ZERO, tce = BigDecimal.ZERO, control = BigDecimal.ZERO;
		BigDecimal equal = BigDecimal.ZERO;
		boolean equalKnown = true;
		for (StoredResults.Figures r : results) {
			if (r.scope() == Calculation.Scope.SCOPE_1) {
				s1 = s1.add(r.co2T());
			}
			else {
				s2 = s2.add(r.co2T());
			}
			market = market.add(r.co2MarketT());
			tce = tce.add(r.tce());
			if (r.tceEqualValue() == null) {
				equalKnown = false;
			}
			else {
				equal = equal.add(r.tceEqualValue());
			}
			if (r.energyUse() == EnergyUse.ENERGY) {
				control = control.add(r.tce());
			}
		}
		Tco2 total = Tco2.of(s1.add(s2));
		return new ReportSummary(Tco2.of(s1), Tco2.of(s2), total, Tco2.of(market), Tce.of(tce), Tce.of(control),
				equalKnown ? Tce.of(equal) : null, total.per(outputValue10kCny), total.per(valueAdded10kCny));
	}

	private static Owner owner(Report r) {
		return new Owner(r.countyCode(), r.parkId(), r.enterpriseId());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}


	private String actor() {
		return AccessScope.current().actor();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	private static Map<String, Product> loadProducts() {
		try (InputStream in = new ClassPathResource("accounting/products.csv").getInputStream()) {
			Map<String, Product> map = new LinkedHashMap<>();
			for (CsvTable.Row row : CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).rows()) {
				map.put(row.require("code"), new Product(row.require("code"), row.require("name_zh"), row.require("name_en"),
						row.require("unit"), row.require("sector")));
			}
			return map;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
