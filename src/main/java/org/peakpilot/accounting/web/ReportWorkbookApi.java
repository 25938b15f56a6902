package org.peakpilot.accounting.web;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.internal.ReportWorkbook;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A year of monthly reports by Excel: the enterprise's template, and the all-or-nothing import of a filled-in copy. */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "reports", description = "Monthly enterprise reports: entry, submission, verification, locking, revision")
class ReportWorkbookApi {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final String ENTERPRISE_ID = "The enterprise's id (/api/v1/registry/enterprises) · 企业 ID";
	private static final String YEAR = "Reporting year, from " + ReportWorkbook.FIRST_YEAR + " to the current year · 报告年份（" + ReportWorkbook.FIRST_YEAR + " 年至今年）";

	private final ReportWorkflow workflow;

	ReportWorkbookApi(ReportWorkflow workflow) {
		this.workflow = workflow;
	}

	@GetMapping("/enterprises/{enterpriseId}/reports/{year}/template.xlsx")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The Excel template (.xlsx) · Excel 模板",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@Operation(operationId = "downloadReportTemplate", summary = "The Excel template for a year of the enterprise's monthly reports, for its industry's sector · 企业某年月报的 Excel 模板（按所属行业）", description = """
			Sheets: 活动数据 Activity (one activity line per row: month, type, factor code, quantity, unit, measured
			parameters, CaO/MgO, energy use, label), 产品与产值 Products (products per month; output value and value added
			once per month), 说明 Instructions, and 代码表 Codes (the fuels, electricity, heat, process factors and products of
			the sector: steel, cement, ceramics, chemicals, polysilicon or other). Not found outside the caller's scope.""")
	ResponseEntity<byte[]> template(@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId,
			@Parameter(description = YEAR, example = "2025", schema = @Schema(type = "integer", format = "int32", minimum = "" + ReportWorkbook.FIRST_YEAR)) @PathVariable int year) {
		byte[] body = workflow.template(enterpriseId, year);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("reports-" + enterpriseId + "-" + year + ".xlsx").build().toString())
			.contentType(MediaType.parseMediaType(XLSX))
			.body(body);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@PostMapping(path = "/enterprises/{enterpriseId}/reports/{year}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "importReportWorkbook", summary = "Import a filled-in template: every month present is saved as a draft, or nothing is · 导入填好的模板：所含各月全部保存为草稿，或全部不保存", description = """
			Multipart field 'file': the .xlsx made from the template (at most 2 MiB and 5,000 rows). Every month present
			replaces the content of that month's draft or returned report through the same rules as the JSON entry. If
			any row of any month is wrong (unknown code, unit not allowed for the item, negative or implausible quantity,
			month outside the year, text in a number cell, a month already submitted, verified or locked), nothing is
			written and the answer is a 400 problem whose 'errors' list each error with its row and its field: the
			sheet, the column letter and the header. For the enterprise's own user or the city office.""")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = "A row is wrong: nothing was written; errors name each row and field · 有误行：全部未写入，errors 逐项列出行与字段",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json",
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "a wrong row · 某行有误", value = """
							{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400,
							 "detail": "row 5, 活动数据 Activity, D (数量 Quantity): a quantity cannot be negative",
							 "errors": [{"row": 5, "field": "活动数据 Activity, D (数量 Quantity)", "message": "a quantity cannot be negative"}]}""")))
	List<Report> importWorkbook(@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId,
			@Parameter(description = YEAR, example = "2025", schema = @Schema(type = "integer", format = "int32", minimum = "" + ReportWorkbook.FIRST_YEAR)) @PathVariable int year,
			@Parameter(description = "The filled-in template (.xlsx), at most " + ReportWorkbook.MAX_BYTES / 1024 / 1024 + " MiB and " + ReportWorkbook.MAX_ROWS
					+ " rows · 填好的 Excel 模板（不超过 " + ReportWorkbook.MAX_BYTES / 1024 / 1024 + " MiB、" + ReportWorkbook.MAX_ROWS + " 行）")
			@RequestParam("file") MultipartFile file) throws IOException {
		if (file.getSize() > ReportWorkbook.MAX_BYTES) {
			throw new InvalidInputException("file", "the file has " + file.getSize() / 1024 + " KiB; at most "
					+ ReportWorkbook.MAX_BYTES / 1024 / 1024 + " MiB are accepted");
		}
		return workflow.importReports(enterpriseId, year, file.getBytes());
	}
}
