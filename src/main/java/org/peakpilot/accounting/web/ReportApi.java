package org.peakpilot.accounting.web;

import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.accounting.internal.ReportForm;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.Overdue;
import org.peakpilot.accounting.internal.ReportRow;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.platform.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monthly enterprise reports (报送) and their verification (核查) over REST. */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "reports", description = "Monthly enterprise reports: entry, submission, verification, locking, revision")
class ReportApi {

	private final MonthlyReports monthlyReports;
	private final ReportWorkflow workflow;
	private final org.peakpilot.registry.Registry registry;

	ReportApi(MonthlyReports monthlyReports, ReportWorkflow workflow, org.peakpilot.registry.Registry registry) {
		this.monthlyReports = monthlyReports;
		this.workflow = workflow;
		this.registry = registry;
	}

	@GetMapping("/products")
	List<Product> products() {
		return monthlyReports.products();
	}

	@GetMapping("/reports")
	@Operation(summary = "Reports within the caller's scope with their current totals")
	List<ReportRow> reports(@RequestParam(required = false) Long enterpriseId, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) ReportStatus status) {
		return monthlyReports.list(enterpriseId, year, status);
	}

	@GetMapping("/reports/{id}")
	@Operation(summary = "A report with its lines, workflow state, current results (with factor versions) and summary")
	Report report(@PathVariable long id) {
		return monthlyReports.report(id);
	}

	@GetMapping("/enterprises/{enterpriseId}/reports/{year}/{month}")
	Report report(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month) {
		return monthlyReports.report(enterpriseId, year, month)
			.orElseThrow(() -> new NotFoundException("report of enterprise " + enterpriseId + " for " + year + "-" + month));
	}

	@PutMapping("/enterprises/{enterpriseId}/reports/{year}/{month}")
	@Operation(summary = "Enter or change a month's report (draft or returned); results are recomputed", description = """
			Body: {"outputValue10kCny": 5200, "valueAdded10kCny": 1300,
			 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 12000, "unit": "t"}, "energyUse": "ENERGY"},
			           {"line": {"type": "ELECTRICITY", "quantity": 8000000, "unit": "kWh"}},
			           {"line": {"type": "CLINKER", "quantity": 90000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02}}],
			 "products": [{"productCode": "CLINKER", "quantity": 90000}]}
			Line fields are those of the calculator; energyUse is ENERGY (default), FEEDSTOCK or RENEWABLE.""")
	Report save(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month,
			@RequestBody ReportContent content) {
		workflow.checkOwnProducts(enterpriseId, content);
		return workflow.save(enterpriseId, year, month, content);
	}

	@PostMapping("/reports/{id}/submit")
	Report submit(@PathVariable long id) {
		return workflow.submit(id);
	}

	@PostMapping("/reports/{id}/verify")
	@Operation(summary = "The assigned verifier confirms a submitted report")
	Report verify(@PathVariable long id) {
		return workflow.verify(id);
	}

	record Comment(String comment) {
	}

	@PostMapping("/reports/{id}/return")
	@Operation(summary = "The assigned verifier returns a submitted report with comments")
	Report returnReport(@PathVariable long id, @RequestBody Comment body) {
		return workflow.returnForCorrection(id, body.comment());
	}

	@PostMapping("/reports/{id}/lock")
	@Operation(summary = "The city office locks a verified report")
	Report lock(@PathVariable long id) {
		return workflow.lock(id);
	}

	record Revision(String reason, ReportContent content) {
	}

	@PostMapping("/reports/{id}/revise")
	@Operation(summary = "Change a locked report through a revision with a reason; it returns to verification")
	Report revise(@PathVariable long id, @RequestBody Revision body) {
		workflow.checkOwnProducts(monthlyReports.report(id).enterpriseId(), body.content());
		return workflow.revise(id, body.reason(), body.content());
	}

	@GetMapping("/reports/{id}/results")
	@Operation(summary = "Every result the report has had, restated ones included, newest first")
	List<StoredResult> results(@PathVariable long id) {
		return monthlyReports.resultHistory(id);
	}

	@GetMapping("/reports/overdue")
	@Operation(summary = "Key energy-using units whose monthly report is past due (the 15th of the following month)")
	List<Overdue> overdue(@RequestParam int year) {
		return monthlyReports.overdue(year);
	}
}
