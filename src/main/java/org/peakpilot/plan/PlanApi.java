package org.peakpilot.plan;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.PlanInfo;
import org.peakpilot.plan.PlanModel.ProjectDomain;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.Tracked;
import org.peakpilot.plan.PlanModel.Zone;
import org.peakpilot.platform.InvalidInputException;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The plan over REST: indicators and commitments with progress, their history, recording values (JSON or an
 * Excel upload), publishing computed values and provincial targets. The read-only part is also public under
 * {@code /api/v1/public}, where computed values appear only once the office has published them.
 */
@RestController
@Tag(name = "plan", description = "Pilot plan: indicators, commitments, yearly values, progress")
class PlanApi {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final String CODE = "The item's code: an indicator's number (1–31) or a commitment's (C01…) · 指标或承诺编号";
	private static final String YEAR = "The year of the value · 数值所属年份";
	private static final String TARGET_YEAR = "The target year, from the plan's baseline year to " + PilotPlan.TARGET_YEAR_MAX
			+ " · 目标年份（基准年至 " + PilotPlan.TARGET_YEAR_MAX + " 年）";

	private final PilotPlan plan;

	PlanApi(PilotPlan plan) {
		this.plan = plan;
	}

	@GetMapping("/api/v1/plan")
	@Operation(operationId = "getPlan", summary = "The plan this installation runs · 本平台运行的试点方案")
	PlanInfo info() {
		return plan.info();
	}

	@GetMapping("/api/v1/public/plan")
	@Operation(operationId = "getPublicPlan", summary = "The plan this installation runs · 本平台运行的试点方案")
	PlanInfo publicInfo() {
		return plan.info();
	}

	@GetMapping("/api/v1/plan/indicators")
	@Operation(operationId = "listIndicators", summary = "The indicators of the plan's table with targets, latest value (published or not) and status; "
			+ "a value computed from incomplete data has status PROVISIONAL with its coverage"
			+ " · 方案指标表的指标及目标、最新值（无论是否公布）与进展；数据不完整的计算值为暂定（PROVISIONAL）并标明覆盖率")
	List<Tracked> indicators() {
		return plan.tracked(Kind.INDICATOR);
	}

	@GetMapping("/api/v1/public/plan/indicators")
	@Operation(operationId = "listPublicIndicators",
			summary = "The plan's indicators with targets, latest entered or published value and status · 试点指标及目标、最新公布值与进展",
			description = """
					The public cockpit's table: each indicator with its unit, baseline, yearly targets and its progress from the
					values the office entered or published (computed values appear only once published). status is one of
					ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, TARGET_MISSING, PROVISIONAL.
					公开驾驶舱的指标表：单位、基准、分年目标，以及按已录入或已公布数值评估的进展（计算值须经公布后才显示）。""")
	List<Tracked> publicIndicators() {
		return plan.published(Kind.INDICATOR);
	}

	@GetMapping("/api/v1/plan/commitments")
	@Operation(operationId = "listCommitments", summary = "The other numeric commitments of the plan with target, latest value (published or not) and status"
			+ " · 方案其他量化承诺及目标、最新值（无论是否公布）与进展")
	List<Tracked> commitments() {
		return plan.tracked(Kind.COMMITMENT);
	}

	@GetMapping("/api/v1/public/plan/commitments")
	@Operation(operationId = "listPublicCommitments", summary = "The other numeric commitments with target, latest entered or published value and status"
			+ " · 其他量化承诺及目标、最新录入或公布值与进展")
	List<Tracked> publicCommitments() {
		return plan.published(Kind.COMMITMENT);
	}

	@GetMapping("/api/v1/plan/items/{code}")
	@Operation(operationId = "getPlanItem", summary = "One indicator (code 1–31) or commitment (C01…) with its progress · 单个指标（编号 1–31）或承诺（C01…）及其进展")
	Tracked item(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code) {
		return plan.tracked(code);
	}

	@GetMapping("/api/v1/public/plan/items/{code}")
	@Operation(operationId = "getPublicPlanItem", summary = "One indicator or commitment with its progress from entered and published values"
			+ " · 单个指标或承诺及其按已录入和已公布数值评估的进展")
	Tracked publicItem(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code) {
		return plan.published(code);
	}

	@GetMapping("/api/v1/plan/items/{code}/observations")
	@Operation(operationId = "listObservations", summary = "Every value recorded for an item, including replaced and unpublished ones, with lineage, "
			+ "provisional flag, coverage and publication · 指标的全部数值（含被替换和未公布的），含来源、暂定标记、覆盖率与公布情况")
	List<Observation> history(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code) {
		return plan.history(code);
	}

	@GetMapping("/api/v1/public/plan/items/{code}/observations")
	@Operation(operationId = "listPublicObservations", summary = "The entered and published values of an item, including replaced ones, with lineage"
			+ " · 指标已录入和已公布的数值（含被替换的）及其来源")
	List<Observation> publicHistory(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code) {
		return plan.publishedHistory(code);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping("/api/v1/plan/items/{code}/observations/{year}/publish")
	@Operation(operationId = "publishObservation", summary = "Publish the current computed value of an item for a year (city office): the public cockpit and "
			+ "API show it from then on; a provisional value is refused (422); audited · 公布某年的计算值（市级部门）：此后公开驾驶舱与接口显示该值；暂定值拒绝公布（422）；记入审计")
	Observation publish(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code,
			@Parameter(description = YEAR, example = "2025") @PathVariable int year) {
		return plan.publish(code, year);
	}

	@GetMapping("/api/v1/plan/zones")
	@Operation(operationId = "listPlanZones", summary = "The admission control zones and their intensity caps · 准入管控区及其强度上限")
	List<Zone> zones() {
		return plan.zones();
	}

	@GetMapping("/api/v1/public/plan/zones")
	@Operation(operationId = "listPublicPlanZones", summary = "The admission control zones and their intensity caps · 准入管控区及其强度上限")
	List<Zone> publicZones() {
		return plan.zones();
	}

	@GetMapping("/api/v1/plan/project-domains")
	@Operation(operationId = "listProjectDomains", summary = "The plan's key-project domains · 方案的重点项目领域")
	List<ProjectDomain> domains() {
		return plan.projectDomains();
	}

	@GetMapping("/api/v1/public/plan/project-domains")
	@Operation(operationId = "listPublicProjectDomains", summary = "The plan's key-project domains · 方案的重点项目领域")
	List<ProjectDomain> publicDomains() {
		return plan.projectDomains();
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping("/api/v1/plan/observations")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "recordObservation", summary = "Record a yearly value (city office); a value for the same year is replaced and kept in history"
			+ " · 录入年度数值（市级部门）；同一年份的旧值被替换并保留在历史中")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = PilotPlan.NewObservation.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"itemCode": "1", "year": 2025, "value": 3.2, "sourceDocument": "2025年乐山市国民经济和社会发展统计公报"}""")))
	Observation record(@RequestBody PilotPlan.NewObservation body) {
		return plan.record(body);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping(path = "/api/v1/plan/observations/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "importObservations", summary = "Import yearly values from the Excel template: all rows or none, errors by row and column"
			+ " · 从 Excel 模板导入年度数值：全部成功或全部不导入，错误按行列列出")
	List<Observation> importWorkbook(@Parameter(description = "The filled-in Excel template (.xlsx), at most "
			+ ObservationWorkbook.MAX_BYTES / 1024 / 1024 + " MiB · 填写好的 Excel 模板") @RequestParam("file") MultipartFile file) throws IOException {
		if (file.getSize() > ObservationWorkbook.MAX_BYTES) {
			throw new InvalidInputException("file", "the file has " + file.getSize() / 1024 + " KiB; at most "
					+ ObservationWorkbook.MAX_BYTES / 1024 / 1024 + " MiB are accepted");
		}
		return plan.importWorkbook(file.getBytes());
	}

	@GetMapping("/api/v1/plan/observations/template")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The Excel template (.xlsx) · Excel 模板",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@Operation(operationId = "downloadObservationTemplate", summary = "The Excel template for yearly values · 年度数值 Excel 模板")
	ResponseEntity<byte[]> template() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"plan-values-template.xlsx\"")
			.contentType(MediaType.parseMediaType(XLSX))
			.body(plan.template());
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "A provincial target of an indicator · 省下达目标")
	record ProvincialTarget(
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, minimum = "0",
					maximum = ValueRule.LIMIT_TEXT, description = "The target, in the indicator's unit · 目标值（按指标单位）") BigDecimal value,
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, minLength = 1,
					description = "The document that sets it · 目标来源文件") String sourceDocument) {
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PutMapping("/api/v1/plan/items/{code}/provincial-targets/{year}")
	@Operation(operationId = "setProvincialTarget", summary = "Enter the provincial target (完成省下目标) of an indicator for a year (city office)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProvincialTarget.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"value": 18.5, "sourceDocument": "省发展改革委 2026 年目标分解通知"}""")))
	Target provincialTarget(@Parameter(description = CODE, schema = @Schema(type = "string", example = "1")) @PathVariable String code,
			@Parameter(description = TARGET_YEAR, example = "2025", schema = @Schema(type = "integer", format = "int32", maximum = "" + PilotPlan.TARGET_YEAR_MAX)) @PathVariable int year,
			@RequestBody ProvincialTarget body) {
		return plan.setProvincialTarget(code, year, body.value(), body.sourceDocument());
	}
}
