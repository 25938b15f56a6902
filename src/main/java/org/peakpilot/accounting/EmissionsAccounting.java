package org.peakpilot.accounting;

import java.util.List;
import java.util.Optional;

import org.peakpilot.accounting.internal.AccountingSettings;
import org.peakpilot.accounting.internal.Calculator;
import org.peakpilot.accounting.internal.CityInventory;
import org.peakpilot.accounting.internal.EmissionResults;
import org.peakpilot.accounting.internal.GreenPowerShare;
import org.peakpilot.accounting.internal.FactorLibrary;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.accounting.internal.YearResults;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules ask of accounting: the factor library, the calculator, and an enterprise's monthly report
 * (read, and saved from metered figures). Accounting's own pages and API call its internal classes directly.
 */
@Component
public class EmissionsAccounting {

	/**
	 * The cache topic ({@link org.peakpilot.platform.CacheInvalidation}) of the factor library: bumped by every version
	 * written, so that a cache of anything derived from factors (a meter unit's conversion) reloads on every instance.
	 */
	public static final String FACTOR_CACHE_TOPIC = "accounting.factors";

	private final FactorLibrary library;
	private final MonthlyReports reports;
	private final ReportWorkflow workflow;
	private final YearResults yearResults;
	private final String gridRegion;
	private final CityInventory inventory;
	private final EmissionResults results;
	private final GreenPowerShare greenPower;

	EmissionsAccounting(FactorLibrary library, MonthlyReports reports, ReportWorkflow workflow, YearResults yearResults,
			AccountingSettings settings, CityInventory inventory, EmissionResults results, GreenPowerShare greenPower) {
		this.inventory = inventory;
		this.results = results;
		this.greenPower = greenPower;
		this.library = library;
		this.reports = reports;
		this.workflow = workflow;
		this.yearResults = yearResults;
		this.gridRegion = settings.gridRegion();
	}

	/** Filters for the factor list; every one optional. {@code allVersions} includes superseded versions. */
	public record FactorQuery(Factor.Kind kind, String text, boolean allVersions) {
		public static final FactorQuery CURRENT = new FactorQuery(null, null, false);
	}

	/**
	 * Factors in their newest versions (or every version), by kind and code; e.g. the fuels a meter may measure.
	 * Readable by every signed-in user.
	 */
	public List<Factor> factors(FactorQuery q) {
		return library.factors(q);
	}

	/**
	 * Calculates emissions and energy for activity lines with the factors in force in the request's year, without
	 * storing anything (the calculator is stateless).
	 */
	public Calculation.Result calculate(Calculation.Request request) {
		return Calculator.calculate(request, library.current(), gridRegion);
	}

	/** The products a report can state, with their units. */
	public List<Product> products() {
		return reports.products();
	}

	/** An enterprise's report for a month, if one exists within the caller's scope. */
	public Optional<Report> report(long enterpriseId, int year, int month) {
		return reports.report(enterpriseId, year, month);
	}

	/**
	 * Enters or changes the content of a month's report (draft or returned) for the enterprise user of that
	 * enterprise or the city office; the results are recomputed and stored with the factor versions used.
	 */
	@Transactional
	public Report saveReport(long enterpriseId, int year, int month, ReportContent content) {
		return workflow.save(enterpriseId, year, month, content);
	}

	/**
	 * Every enterprise's monthly report of a year in one read: status, whether verified (VERIFIED or LOCKED), the
	 * current total emissions (tCO2, location-based, as {@link ReportSummary#totalCo2T}), the stated output value and
	 * the current computation. For other modules that compute over the whole city (the carbon budget's execution), with
	 * no user scope: the caller decides what its users may see of the figures.
	 */
	public List<MonthlyResult> monthlyResults(int year) {
		return yearResults.of(year);
	}

	/**
	 * Submits a month's report for verification (the enterprise user of that enterprise or the city office), as the
	 * report page does. For start-up work such as the demo's made-up reports; same rules and audit as the page.
	 */
	public Report submitReport(long reportId) {
		return workflow.submit(reportId);
	}

	/**
	 * The assigned verifier confirms a submitted report, as the verifier's queue does (the caller must be a verifier
	 * assigned to the enterprise); the city inventory follows. For start-up work such as the demo's made-up reports.
	 */
	public Report verifyReport(long reportId) {
		return workflow.verify(reportId);
	}

	/**
	 * {@link #verifyReport} for several reports in one transaction, the city inventory following once per year at the
	 * end (a year of the demo's made-up reports).
	 */
	public List<Report> verifyReports(List<Long> reportIds) {
		return workflow.verifyAll(reportIds);
	}

	/** The city office locks a verified report, as the report page does. For start-up work such as the demo's. */
	public Report lockReport(long reportId) {
		return workflow.lock(reportId);
	}

	/**
	 * An industry's average CO2 per output value from the verified (or locked) reports of its latest year that has any
	 * with an output value ({@link IndustryIntensity}); empty when there are none. No user scope: a city-wide average
	 * for another module's rule (the project admission's K grade), never an enterprise's own figure.
	 */
	public Optional<IndustryIntensity> industryIntensity(String industryCode) {
		return yearResults.industryIntensity(industryCode);
	}

	/**
	 * The city inventory's totals of its latest year with GDP entered ({@link InventoryTotals}); empty when no year has
	 * GDP. No user scope: city totals for another module's rule (the project admission's n and the city path).
	 */
	public Optional<InventoryTotals> latestInventoryTotals() {
		return inventory.latestTotals();
	}

	/**
	 * An enterprise's carbon efficiency in its latest year with verified reports (grade, its and its industry's tCO2
	 * per 10k CNY output value, purchased and certified green kWh); empty without verified reports. Within the caller's
	 * scope: an enterprise outside it is not found. For the green library's entry criteria.
	 */
	public Optional<CarbonEfficiency> carbonEfficiency(long enterpriseId) {
		var history = results.gradeHistory(enterpriseId);
		if (history.isEmpty()) {
			return Optional.empty();
		}
		var last = history.get(history.size() - 1);
		java.math.BigDecimal[] power = greenPower.of(enterpriseId, last.year());
		var g = last.grade();
		return Optional.of(new CarbonEfficiency(enterpriseId, last.year(), g == null ? null : g.industryCode(), g == null ? null : g.grade(),
				g == null ? last.co2PerOutputValueTPer10kCny() : g.intensityTPer10kCny(), g == null ? null : g.industryIntensityTPer10kCny(),
				g == null ? "no-industry" : g.basis(), power[0], power[1]));
	}

	/**
	 * An enterprise's purchased electricity of a year from its verified (or locked) reports, with the number of months
	 * they cover ({@link PurchasedElectricity}). Within the caller's scope: outside it, nothing is verified (0 months).
	 * For the green-power share of the power module.
	 */
	public PurchasedElectricity purchasedElectricity(long enterpriseId, int year) {
		java.math.BigDecimal[] power = greenPower.of(enterpriseId, year);
		return new PurchasedElectricity(enterpriseId, year, greenPower.verifiedMonths(enterpriseId, year), power[0], power[1]);
	}
}
