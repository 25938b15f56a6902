package org.peakpilot.accounting.internal;

import java.util.List;

import org.peakpilot.accounting.EmissionsAccounting.FactorQuery;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commands of a month's report: save, submit, verify, return, lock, revise, and a year's import from the Excel
 * template. Each is one transaction; the results are computed with the library as it is now ({@link FactorLibrary}),
 * and where verified figures change (verify, revise) the city inventory's indicators follow.
 */
@Component
public class ReportWorkflow {

	private static final Logger log = LoggerFactory.getLogger(ReportWorkflow.class);

	private final MonthlyReports reports;
	private final FactorLibrary library;
	private final Registry registry;
	private final CityInventory cityInventory;
	private final java.time.Clock clock;
	private final String gridRegion;

	ReportWorkflow(MonthlyReports reports, FactorLibrary library, Registry registry, CityInventory cityInventory,
			java.time.Clock clock, AccountingSettings settings) {
		this.reports = reports;
		this.library = library;
		this.registry = registry;
		this.cityInventory = cityInventory;
		this.clock = clock;
		this.gridRegion = settings.gridRegion();
	}

	/**
	 * Enters or changes the content of a month's report (draft or returned) for the enterprise user of that
	 * enterprise or the city office; the results are recomputed and stored with the factor versions used.
	 */
	@Transactional
	public Report save(long enterpriseId, int year, int month, ReportContent content) {
		return reports.save(enterpriseId, year, month, content, library.current(), gridRegion);
	}

	@Transactional
	public Report submit(long reportId) {
		return reports.submit(reportId);
	}

	/** The assigned verifier confirms a submitted report. */
	@Transactional
	public Report verify(long reportId) {
		Report verified = reports.verify(reportId);
		cityInventory.followVerifiedFigures(verified.year());
		return verified;
	}

	/**
	 * The assigned verifier confirms several submitted reports, as {@link #verify} each, in one transaction; the city
	 * inventory follows once per year at the end rather than after each report (the demo's year of made-up reports).
	 */
	@Transactional
	public List<Report> verifyAll(List<Long> reportIds) {
		List<Report> verified = reportIds.stream().map(reports::verify).toList();
		verified.stream().map(Report::year).distinct().forEach(cityInventory::followVerifiedFigures);
		return verified;
	}

	/** The assigned verifier returns a submitted report with what must be corrected. */
	@Transactional
	public Report returnForCorrection(long reportId, String comment) {
		return reports.returnForCorrection(reportId, comment);
	}

	/** The city office locks a verified report. */
	@Transactional
	public Report lock(long reportId) {
		return reports.lock(reportId);
	}

	/** Changes a locked report through a revision with a reason; it goes back to verification. */
	@Transactional
	public Report revise(long reportId, String reason, ReportContent content) {
		Report revised = reports.revise(reportId, reason, content, library.current(), gridRegion);
		cityInventory.followVerifiedFigures(revised.year());
		return revised;
	}

	/**
	 * The Excel template for a year of an enterprise's monthly reports, for its industry's sector (steel, cement,
	 * ceramics, chemicals, polysilicon; anything else gets "other"): empty activity and product sheets with drop-downs,
	 * instructions, and the fuels, electricity, heat, process factors and products the sector uses in that year.
	 */
	public byte[] template(long enterpriseId, int year) {
		RegistryModel.Enterprise enterprise = registry.enterprise(enterpriseId);
		String sector = registry.industries().stream().filter(i -> i.code().equals(enterprise.industryCode()))
			.map(RegistryModel.Industry::sector).findFirst().orElse(null);
		ReportWorkbook.checkYear(year, clock);
		return ReportWorkbook.template(sector, year, enterprise.name(), gridRegion, library.factors(new FactorQuery(null, null, true)),
				reports.products());
	}

	/**
	 * Imports a year of monthly reports from a filled-in {@link #template template}, all or nothing: every
	 * month present goes through the same save path as the form and the API (the enterprise's own user or the city
	 * office; draft or returned reports only). If any cell or row of any month is wrong, nothing is written and
	 * every error is returned with its sheet, row and column.
	 *
	 * @return the reports saved, by month
	 */
	@Transactional
	public List<Report> importReports(long enterpriseId, int year, byte[] workbook) {
		registry.enterprise(enterpriseId); // not found outside the caller's scope, before the file is read
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide() && !scope.hasRole(Role.ENTERPRISE_USER)) {
			throw new org.springframework.security.access.AccessDeniedException(scope.actor() + " may not enter reports");
		}
		ReportWorkbook.checkYear(year, clock);
		Calculator.Factors factors = library.current();
		List<Report> saved = ReportWorkbook.read(workbook, year, clock)
			.saveEach(m -> {
				checkOwnProducts(enterpriseId, m.content());
				return reports.save(enterpriseId, year, m.month(), m.content(), factors, gridRegion);
			});
		log.info("Imported {} monthly reports of enterprise {} for {}", saved.size(), enterpriseId, year);
		return saved;
	}

	/**
	 * Refuses products that are not of the enterprise's industry, as the report form offers none (a cement works reports
	 * no crude steel): an {@link InvalidInputException} naming {@code products[i].productCode}, which the API answers
	 * as a 400 and the Excel import points at the product's row. Unknown codes are left to the save path, which names
	 * them. The caller reads the enterprise first, so one outside its scope stays a 404/403 and is not described.
	 */
	public void checkOwnProducts(long enterpriseId, ReportContent content) {
		if (content == null || content.products() == null || content.products().isEmpty()) {
			return;
		}
		String industry = registry.enterprise(enterpriseId).industryCode();
		String sector = registry.industries().stream().filter(i -> i.code().equals(industry)).map(i -> i.sector()).findFirst()
			.orElse("");
		java.util.Set<String> all = new java.util.HashSet<>();
		reports.products().forEach(p -> all.add(p.code()));
		List<String> own = ReportForm.products(reports.products(), sector).stream().map(Product::code).toList();
		List<InputError> errors = new java.util.ArrayList<>();
		for (int i = 0; i < content.products().size(); i++) {
			ProductLine p = content.products().get(i);
			if (p != null && p.productCode() != null && all.contains(p.productCode()) && !own.contains(p.productCode())) {
				errors.add(InputError.field("products[" + i + "].productCode",
						p.productCode() + " is not a product of this enterprise's industry; one of " + own));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}
}
