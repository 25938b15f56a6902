package org.peakpilot.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.projects.internal.KeyProjectAdmissions;
import org.peakpilot.projects.internal.KeyProjectSavings;
import org.peakpilot.projects.internal.KeyProjectStage;
import org.peakpilot.projects.internal.KeyProjectSummary;
import org.peakpilot.projects.internal.KeyProjectWorkbook;
import org.peakpilot.projects.internal.KeyProjects;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The key-project library over REST (重点项目库, plan 四; ADR 0018). The city's roles read and change every project, a
 * county officer its county's (another county's project is 404), an enterprise user reads its own projects.
 */
@RestController
@Tag(name = "projects", description = "Project libraries: key projects, green library · 项目库：重点项目库、绿色企业和绿色项目库")
class KeyProjectApi {

	static final String BASE = "/api/v1/projects/key-projects";
	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	static final String ID = "The key project's id · 重点项目编号";

	private final KeyProjects projects;
	private final KeyProjectSavings savings;
	private final KeyProjectSummary summary;
	private final KeyProjectWorkbook workbook;
	private final KeyProjectAdmissions admissions;

	KeyProjectApi(KeyProjects projects, KeyProjectSavings savings, KeyProjectSummary summary, KeyProjectWorkbook workbook,
			KeyProjectAdmissions admissions) {
		this.projects = projects;
		this.savings = savings;
		this.summary = summary;
		this.workbook = workbook;
		this.admissions = admissions;
	}

	static final String EXAMPLE = """
			{"domain_no": 5, "county_code": "511111", "owner_name": "乐山市示例能源公司（虚构）", "name": "沙湾区屋顶分布式光伏项目（示例）",
			 "investment_10k_cny": 12000, "investment_completed_10k_cny": 3000, "start_year": 2026, "end_year": 2027, "stage": "UNDER_CONSTRUCTION",
			 "expected_tce": 3500, "expected_co2_t": 9100, "estimate_method": "年发电量 × 电网排放因子（可研报告）"}""";

	@GetMapping(BASE)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listKeyProjects", summary = "The key projects in the caller's scope, with filters · 重点项目列表", description = """
			Ordered by county, domain and name; at most 5,000. Each project carries its realised savings in force, why it is late and whether
			it under-delivers (thresholds in the plan folder's projects.properties).
			按区县、领域、名称排序，至多 5000 条；每个项目附当前实际节能减碳量、滞后原因及是否不达预期（阈值见计划目录 projects.properties）。""")
	List<KeyProjects.Project> list(
			@Parameter(description = "The plan's domain, 1–10 · 领域编号", example = "5") @RequestParam(required = false) Integer domain,
			@Parameter(description = "The county (GB/T 2260) · 区县代码", example = "511111") @RequestParam(required = false) String county,
			@Parameter(description = "The stage · 阶段") @RequestParam(required = false) KeyProjectStage stage,
			@Parameter(description = "true: only late projects; false: only those on time · 是否滞后") @RequestParam(required = false) Boolean late,
			@Parameter(description = "true: only under-delivering projects · 是否不达预期") @RequestParam(name = "under_delivering", required = false) Boolean underDelivering,
			@Parameter(description = "Text in the name or owner, at most 100 characters · 名称或业主包含的文字", example = "光伏") @RequestParam(required = false) String q) {
		if (q != null && q.length() > 100) {
			throw new InvalidInputException("q", "at most 100 characters, got " + q.length());
		}
		if (county != null && county.length() > 12) {
			throw new InvalidInputException("county", "at most 12 characters");
		}
		return projects.list(new KeyProjects.Query(domain, county, stage, late, underDelivering, q));
	}

	@GetMapping(BASE + "/dashboard")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getKeyProjectDashboard", summary = "The library against the plan's 352 projects and 2,943.30 亿元 · 重点项目库总览", description = """
			Count and investment (万元, 10k CNY) in the caller's scope against the plan's figures of 四 (352 projects, 29,433,000 万元 = 2,943.30 亿元;
			plan folder projects.properties), by domain, county and stage; the late and under-delivering projects.
			调用者范围内的项目数与投资（万元），对照规划（四：352 个、2943.30 亿元），按领域、区县、阶段分组；滞后及不达预期项目。""")
	KeyProjectSummary.Dashboard dashboard() {
		return summary.dashboard();
	}

	@GetMapping(BASE + "/template")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ApiResponse(responseCode = "200", description = "The Excel template (.xlsx) · Excel 模板", content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
	@Operation(operationId = "downloadKeyProjectTemplate", summary = "The Excel template for importing key projects · 重点项目导入模板", description = """
			Columns: domain, county, owner (a registered enterprise's USCC or a name), name, investment (万元), start and end year, stage
			(储备/在建/建成/投运), expected saving (tce a year), expected CO2 reduction (t a year), method of estimate, investment completed (万元).
			列：领域、区县、业主（登记企业统一社会信用代码或名称）、项目名称、总投资（万元）、开工及完工年份、阶段、预计年节能量（吨标准煤）、预计年减碳量（吨）、测算方法、已完成投资（万元）。""")
	ResponseEntity<byte[]> template() {
		return xlsx("key-projects-template.xlsx", workbook.template());
	}

	@GetMapping(BASE + "/export")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@ApiResponse(responseCode = "200", description = "The workbook (.xlsx) · Excel 工作簿", content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
	@Operation(operationId = "exportKeyProjects", summary = "The key projects in the caller's scope as Excel · 导出重点项目", description = """
			Every project the caller may see with its figures as stored (investment in 万元, savings in tce and tCO2 a year).
			调用者可见的全部项目及其数据（投资：万元；节能减碳：吨标准煤、吨二氧化碳/年）。""")
	ResponseEntity<byte[]> export() {
		return xlsx("key-projects.xlsx", KeyProjectWorkbook.export(projects.list(KeyProjects.Query.ALL)));
	}

	@PostMapping(path = BASE + "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "importKeyProjects", summary = "Import the key projects of a filled-in template, all or nothing · 导入重点项目", description = """
			Multipart field 'file' (.xlsx, at most 2 MiB and 1,000 projects). Every row goes through the rules of POST /key-projects; a county officer
			imports its county's projects only. If any row is wrong nothing is written: a 400 problem lists each error with its row and column.
			表单字段 file（.xlsx，至多 2 MiB、1000 个项目）。每行按新增项目的规则校验；区县人员只能导入本区县项目。任一行有误则全部不写入，400 逐项列出行与列。""")
	@ApiResponse(responseCode = "400", description = "A row is wrong: nothing was written; errors name each row and column · 有误行：全部未写入",
			content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "a wrong row · 某行有误", value = """
					{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400, "detail": "row 3, H (阶段 Stage): '开工' is not a stage",
					 "errors": [{"row": 3, "field": "H (阶段 Stage)", "message": "'开工' is not a stage: 储备, 在建, 建成 or 投运"}]}""")))
	KeyProjectImport importFile(@Parameter(description = "The filled-in template (.xlsx) · 填好的模板") @RequestParam("file") MultipartFile file) throws IOException {
		List<Long> ids = workbook.importFile(file.getBytes());
		return new KeyProjectImport(ids.size(), ids);
	}

	/** What an import stored. */
	@Schema(name = "KeyProjectImport", description = "The projects an import created · 导入结果")
	record KeyProjectImport(@Schema(description = "Number of projects created · 新增项目数") int count,
			@Schema(description = "Their ids, in the order of the rows · 新项目编号（按行序）") List<Long> ids) {
	}

	@GetMapping(BASE + "/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getKeyProject", summary = "One key project · 重点项目详情", description = """
			404 when it lies outside the caller's scope (another county's, another enterprise's). 不在调用者范围内时 404。""")
	KeyProjects.Project get(@Parameter(description = ID, example = "1") @PathVariable long id) {
		return projects.get(id);
	}

	@PostMapping(BASE)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createKeyProject", summary = "Enter a key project · 新增重点项目", description = """
			A county officer enters its county's projects only (403 otherwise). Investment in 万元 (10k CNY), savings in tce and tCO2 a year; the
			first stage entry is dated today (Beijing). Audited.
			区县人员只能录入本区县项目。投资单位万元，节能减碳单位吨标准煤、吨二氧化碳/年；首个阶段记录日期为当日（北京时间）。记录审计日志。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = KeyProjects.Input.class), examples = @ExampleObject(name = "a solar project · 光伏项目", value = EXAMPLE)))
	KeyProjects.Project create(@RequestBody KeyProjects.Input body) {
		return projects.create(body);
	}

	@PutMapping(BASE + "/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "updateKeyProject", summary = "Change a key project's data · 修改重点项目", description = """
			The whole project as in createKeyProject; a change of stage or investment completed adds a progress entry dated today. Audited with
			before and after. 与新增相同的完整内容；阶段或已完成投资变化时追加当日进度记录。审计记录修改前后。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = KeyProjects.Input.class), examples = @ExampleObject(name = "a solar project · 光伏项目", value = EXAMPLE)))
	KeyProjects.Project update(@Parameter(description = ID, example = "1") @PathVariable long id, @RequestBody KeyProjects.Input body) {
		return projects.update(id, body);
	}

	@GetMapping(BASE + "/{id}/progress")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listKeyProjectProgress", summary = "A key project's stage and investment history · 重点项目阶段与投资进度历史")
	List<KeyProjects.Progress> history(@Parameter(description = ID, example = "1") @PathVariable long id) {
		return projects.history(id);
	}

	@PostMapping(BASE + "/{id}/progress")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "recordKeyProjectProgress", summary = "Record a key project's stage and investment progress · 录入重点项目阶段与投资进度", description = """
			Dated (not after today, not before the latest entry), kept in the history; investment completed at most the total (万元). Audited.
			带日期（不晚于今日、不早于上次记录），记入历史；已完成投资不超过总投资（万元）。记录审计日志。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = KeyProjects.ProgressInput.class), examples = @ExampleObject(name = "completed · 建成", value = """
					{"stage": "COMPLETED", "investment_completed_10k_cny": 12000, "progress_on": "2026-11-30", "note": "主体工程完工"}""")))
	KeyProjects.Project progress(@Parameter(description = ID, example = "1") @PathVariable long id, @RequestBody KeyProjects.ProgressInput body) {
		return projects.progress(id, body);
	}

	@GetMapping(BASE + "/{id}/savings")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listKeyProjectSavings", summary = "A key project's realised savings entries, newest (in force) first · 重点项目实际节能减碳记录")
	List<KeyProjectSavings.Savings> savings(@Parameter(description = ID, example = "1") @PathVariable long id) {
		return savings.entries(id);
	}

	@PostMapping(BASE + "/{id}/savings/from-accounting")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "computeKeyProjectSavings", summary = "Realised savings from the owner enterprise's verified intensity · 由业主企业核查强度计算实际减碳量", description = """
			realised_co2_t = (I_before − I_after) × output_after, I = Σ tCO2 ÷ Σ output value (万元) of the owner's verified months with output value
			in the year (at least keylib.accounting.min-months of the plan folder). 422 without an owner enterprise or without enough verified months.
			实际减碳量 = (基准年强度 − 对比年强度) × 对比年产值；强度 = 已核查月份排放合计 ÷ 产值合计（万元）。无业主企业或核查月数不足时 422。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = KeyProjectSavingsYears.class), examples = @ExampleObject(name = "2024 against 2025 · 2025 年对比 2024 年", value = """
					{"before_year": 2024, "after_year": 2025}""")))
	KeyProjectSavings.Savings fromAccounting(@Parameter(description = ID, example = "1") @PathVariable long id, @RequestBody KeyProjectSavingsYears body) {
		return savings.fromAccounting(id, body == null ? null : body.beforeYear(), body == null ? null : body.afterYear());
	}

	/** The years compared. */
	@Schema(name = "KeyProjectSavingsYears", description = "The years whose verified intensities are compared · 对比的年份")
	record KeyProjectSavingsYears(
			@JsonProperty("before_year") @Schema(description = "The year before the project, 2000–2100 · 基准年", requiredMode = Schema.RequiredMode.REQUIRED) Integer beforeYear,
			@JsonProperty("after_year") @Schema(description = "A year after it, later than before_year · 对比年", requiredMode = Schema.RequiredMode.REQUIRED) Integer afterYear) {
	}

	@PostMapping(path = BASE + "/{id}/savings", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "recordKeyProjectSavings", summary = "Enter realised savings with evidence · 录入实际节能减碳量及佐证", description = """
			Evidence: a reference number (文号), a document (PDF, PNG or JPEG, at most 10 MiB, stored with its SHA-256), or both. Append-only;
			the newest entry is in force. Audited.
			佐证：文号、文件（PDF、PNG 或 JPEG，不超过 10 MiB，保存 SHA-256）或两者。只增不改，最新一条有效。记录审计日志。""")
	KeyProjectSavings.Savings withEvidence(@Parameter(description = ID, example = "1") @PathVariable long id,
			@Parameter(description = "The year the savings refer to, 2000–2100 · 年度", example = "2026") @RequestParam(required = false) Integer year,
			@Parameter(description = "Realised energy saving, tce a year, 0 to 1e9 · 实际年节能量（吨标准煤）", example = "3200") @RequestParam(name = "realised_tce", required = false) BigDecimal realisedTce,
			@Parameter(description = "Realised CO2 reduction, tCO2 a year, 0 to 1e9 · 实际年减排二氧化碳（吨）", example = "8300") @RequestParam(name = "realised_co2_t", required = false) BigDecimal realisedCo2,
			@Parameter(description = "Reference number (文号), at most 100 characters; required without a file · 佐证文号", example = "乐市发改〔2026〕88号") @RequestParam(name = "reference_number", required = false) String reference,
			@Parameter(description = "A note, at most 500 characters · 说明") @RequestParam(required = false) String note,
			@Parameter(description = "The evidence document: PDF, PNG or JPEG, at most 10 MiB · 佐证文件") @RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		return savings.withEvidence(id, new KeyProjectSavings.Evidence(year, realisedTce, realisedCo2, reference, note,
				file == null ? null : file.getOriginalFilename(), bytes));
	}

	@GetMapping(BASE + "/{id}/savings/{savingsId}/document")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@ApiResponse(responseCode = "200", description = "The stored document · 已保存的文件", content = {
			@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
	@Operation(operationId = "downloadKeyProjectEvidence", summary = "A savings entry's evidence document · 实际节能减碳佐证文件")
	ResponseEntity<byte[]> document(@Parameter(description = ID, example = "1") @PathVariable long id,
			@Parameter(description = "The savings entry's id · 记录编号", example = "1") @PathVariable long savingsId) {
		KeyProjectSavings.Document d = savings.document(id, savingsId);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.type())).body(d.bytes());
	}

	@PostMapping(BASE + "/from-admission/{admissionId}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "markAdmittedKeyProject", summary = "Mark an admitted project as a key project · 将准入项目列为重点项目", description = """
			The office only. The new key project takes the admitted project's name, county, owner enterprise, investment (万元) and years; the
			body adds the domain and optional expected savings. 404 when it is not an admitted project, 409 when it is already in the library.
			仅限市级。新重点项目沿用准入项目的名称、区县、业主企业、投资（万元）和年份；请求补充领域及预计节能减碳量。非准入项目 404，已在库中 409。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = KeyProjectAdmissions.Mark.class), examples = @ExampleObject(name = "industry · 产业结构绿色转型", value = """
					{"domain_no": 2, "stage": "UNDER_CONSTRUCTION", "expected_tce": 1200, "expected_co2_t": 3100, "estimate_method": "节能审查报告"}""")))
	KeyProjects.Project fromAdmission(@Parameter(description = "The admitted project's id (admission module) · 准入项目编号", example = "7") @PathVariable long admissionId,
			@RequestBody KeyProjectAdmissions.Mark body) {
		return admissions.mark(admissionId, body);
	}

	static ResponseEntity<byte[]> xlsx(String name, byte[] bytes) {
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.contentType(MediaType.parseMediaType(XLSX)).body(bytes);
	}
}
