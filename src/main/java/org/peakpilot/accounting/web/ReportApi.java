package org.peakpilot.accounting.web;

import org.peakpilot.accounting.internal.AccountingBounds;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.accounting.internal.ReportForm;
import org.peakpilot.accounting.internal.ReportWorkbook;
import org.peakpilot.accounting.Calculation;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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

	private static final String REPORT_ID = "The report's id · 报告 ID";
	private static final String ENTERPRISE_ID = "The enterprise's id (/api/v1/registry/enterprises) · 企业 ID";
	private static final String REPORT_YEAR = "Reporting year, from " + ReportWorkbook.FIRST_YEAR + " to the current year · 报告年份（" + ReportWorkbook.FIRST_YEAR + " 年至今年）";
	private static final String MONTH = "Month of the year, 1–12, not after the current month · 月份";

	private final MonthlyReports monthlyReports;
	private final ReportWorkflow workflow;
	private final org.peakpilot.registry.Registry registry;

	ReportApi(MonthlyReports monthlyReports, ReportWorkflow workflow, org.peakpilot.registry.Registry registry) {
		this.monthlyReports = monthlyReports;
		this.workflow = workflow;
		this.registry = registry;
	}

	@GetMapping("/products")
	@Operation(operationId = "listProducts", summary = "The products a report can state, with their units · 可填报的产品及单位")
	List<Product> products() {
		return monthlyReports.products();
	}

	@GetMapping("/reports")
	@Operation(operationId = "listReports", summary = "Reports within the caller's scope with their current totals · 调用者范围内的报告及当前合计")
	List<ReportRow> reports(@Parameter(description = "Only this enterprise's reports · 按企业筛选", example = "7") @RequestParam(required = false) Long enterpriseId,
			@Parameter(description = "Only this accounting year · 按核算年度筛选", example = "2025") @RequestParam(required = false) Integer year,
			@Parameter(description = "Only reports in this state · 按流程状态筛选") @RequestParam(required = false) ReportStatus status) {
		return monthlyReports.list(enterpriseId, year, status);
	}

	@GetMapping("/reports/{id}")
	@Operation(operationId = "getReport", summary = "A report with its lines, workflow state, current results (with factor versions) and summary · 报告详情：活动数据、流程状态、当前结果（含因子版本）与合计")
	Report report(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id) {
		return monthlyReports.report(id);
	}

	@GetMapping("/enterprises/{enterpriseId}/reports/{year}/{month}")
	@Operation(operationId = "getMonthlyReport", summary = "An enterprise's report of one month · 企业某月报告")
	Report report(@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId,
			@Parameter(description = REPORT_YEAR, example = "2025", schema = @Schema(type = "integer", format = "int32", minimum = "" + ReportWorkbook.FIRST_YEAR)) @PathVariable int year,
			@Parameter(description = MONTH, example = "3", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "12")) @PathVariable int month) {
		return monthlyReports.report(enterpriseId, year, month)
			.orElseThrow(() -> new NotFoundException("report of enterprise " + enterpriseId + " for " + year + "-" + month));
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@PutMapping("/enterprises/{enterpriseId}/reports/{year}/{month}")
	@Operation(operationId = "saveReport",
			summary = "Enter or change a month's report (draft or returned); results are recomputed · 填报或修改月度报告（草稿或退回状态），并重新核算",
			description = """
					Line fields are those of the calculator (POST /api/v1/accounting/calculations); energyUse is ENERGY
					(default), FEEDSTOCK or RENEWABLE; outputValue10kCny and valueAdded10kCny in 万元 (10k CNY); product
					quantities in the product's unit (/api/v1/accounting/products). A submitted, verified or locked report is
					refused (409).
					活动数据行字段同计算器；energyUse 为 ENERGY（默认）、FEEDSTOCK（原料用能）或 RENEWABLE（可再生能源）；产值、
					增加值单位为万元；产品产量按产品单位。已提交、已核查或已锁定的报告不可修改（409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
			schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ReportContent.class), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "cement plant, one month · 水泥厂月报", value = """
					{"outputValue10kCny": 5200, "valueAdded10kCny": 1300,
					 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 12000, "unit": "t"}, "energyUse": "ENERGY"},
					           {"line": {"type": "ELECTRICITY", "quantity": 8000000, "unit": "kWh"}},
					           {"line": {"type": "CLINKER", "quantity": 90000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02}}],
					 "products": [{"productCode": "CLINKER", "quantity": 90000}]}""")))
	Report save(@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId,
			@Parameter(description = REPORT_YEAR, example = "2025", schema = @Schema(type = "integer", format = "int32", minimum = "" + ReportWorkbook.FIRST_YEAR)) @PathVariable int year,
			@Parameter(description = MONTH, example = "3", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "12")) @PathVariable int month,
			@RequestBody ReportContent content) {
		workflow.checkOwnProducts(enterpriseId, content);
		return workflow.save(enterpriseId, year, month, content);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@PostMapping("/reports/{id}/submit")
	@Operation(operationId = "submitReport", summary = "Submit a draft or returned report for verification · 提交报告待核查",
			description = """
					The enterprise's user (or the city office) submits; from then on the report cannot be changed until the
					verifier returns it. A report without any activity line is refused with 400 (field lines), one that is not a
					draft or returned with 409.
					企业用户（或市级）提交后报告不可修改，直至核查机构退回。无活动数据行返回 400（字段 lines），非草稿或退回状态返回 409。""")
	Report submit(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id) {
		return workflow.submit(id);
	}

	@ApiRoles({ Role.VERIFIER })
	@PostMapping("/reports/{id}/verify")
	@Operation(operationId = "verifyReport", summary = "The assigned verifier confirms a submitted report · 指定核查机构确认已提交的报告")
	Report verify(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id) {
		return workflow.verify(id);
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "ReturnComment")
	record Comment(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, maxLength = AccountingBounds.TEXT_MAX,
			description = "What must be corrected · 需更正的内容") String comment) {
	}

	@ApiRoles({ Role.VERIFIER })
	@PostMapping("/reports/{id}/return")
	@Operation(operationId = "returnReport", summary = "The assigned verifier returns a submitted report with comments · 指定核查机构附意见退回已提交的报告")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Comment.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"comment": "March coal quantity does not match the invoices · 三月煤炭用量与发票不符"}""")))
	Report returnReport(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id, @RequestBody Comment body) {
		return workflow.returnForCorrection(id, body.comment());
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping("/reports/{id}/lock")
	@Operation(operationId = "lockReport", summary = "The city office locks a verified report · 市级锁定已核查的报告")
	Report lock(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id) {
		return workflow.lock(id);
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "A revision of a locked report · 已锁定报告的修订")
	record Revision(
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, maxLength = AccountingBounds.TEXT_MAX, description = "Why the locked report is revised · 修订原因") String reason,
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, description = "The corrected content of the month · 更正后的月度内容") ReportContent content) {
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@PostMapping("/reports/{id}/revise")
	@Operation(operationId = "reviseReport", summary = "Change a locked report through a revision with a reason; it returns to verification · 以修订（附原因）更改已锁定报告，报告重回核查")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Revision.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"reason": "coal quantity transposed (21000 for 12000) · 煤炭用量录入错误", "content": {"outputValue10kCny": 5200, "valueAdded10kCny": 1300, "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 12000, "unit": "t"}}], "products": [{"productCode": "CLINKER", "quantity": 90000}]}}""")))
	Report revise(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id, @RequestBody Revision body) {
		workflow.checkOwnProducts(monthlyReports.report(id).enterpriseId(), body.content());
		return workflow.revise(id, body.reason(), body.content());
	}

	@GetMapping("/reports/{id}/results")
	@Operation(operationId = "listReportResults", summary = "Every result the report has had, restated ones included, newest first · 报告的全部历史结果（含被重算者），最新在前")
	List<StoredResult> results(@Parameter(description = REPORT_ID, example = "42") @PathVariable long id) {
		return monthlyReports.resultHistory(id);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER })
	@GetMapping("/reports/overdue")
	@Operation(operationId = "listOverdueReports", summary = "Key energy-using units whose monthly report is past due (the 15th of the following month) · 月报逾期（次月 15 日后）的重点用能单位")
	List<Overdue> overdue(@Parameter(description = "Accounting year · 核算年度", example = "2025",
			schema = @Schema(type = "integer", format = "int32", minimum = "" + Calculation.YEAR_MIN, maximum = "" + Calculation.YEAR_MAX)) @RequestParam int year) {
		return monthlyReports.overdue(year);
	}
}
