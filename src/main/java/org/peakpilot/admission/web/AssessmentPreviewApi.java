package org.peakpilot.admission.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The stateless assessment preview over REST (ADR 0017): the project's JSON in, its assessment and verdict out. */
@RestController
@RequestMapping("/api/v1/admission")
@Tag(name = "admission", description = "Project carbon assessment and admission · 项目碳排放评价与准入")
class AssessmentPreviewApi {

	/** A 1 Mt electric-arc-furnace steel plant in Shawan's control zone (the document's example). */
	static final String EXAMPLE = """
			{"name": "沙湾短流程电炉炼钢项目", "county": "511111", "park": "SHAWAN-EDZ", "industry": "3120", "kind": "NEW",
			 "year": 2026, "investment_10k_cny": 180000, "construction_start_year": 2026, "commissioning_year": 2028,
			 "products": [{"code": "CRUDE_STEEL", "quantity": 1000000, "unit": "t", "capacity": 1000000}],
			 "output_value_10k_cny": 400000, "value_added_10k_cny": 80000,
			 "lines": [
			  {"type": "ELECTRICITY", "quantity": 420000, "unit": "MWh", "label": "EAF and rolling"},
			  {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 1200, "unit": "10^4 Nm3", "label": "ladle and reheating"},
			  {"type": "PROCESS", "factorCode": "STEEL-GRAPHITE-ELECTRODE", "quantity": 1500, "unit": "t", "label": "electrodes"},
			  {"type": "CARBONATE", "factorCode": "STEEL-FLUX-LIMESTONE", "quantity": 40000, "unit": "t", "label": "flux"}],
			 "grid_region": "SICHUAN", "own_renewable_kwh": 0, "green_power_kwh": 20000000, "feedstock_tce": 0, "recovered_co2_t": 0,
			 "substitution_tce": 0, "substitution_co2_t": 0, "processes": ["EAF-GE50"], "major_project": false}""";

	private final ProjectAdmission admission;

	AssessmentPreviewApi(ProjectAdmission admission) {
		this.admission = admission;
	}

	@PostMapping("/assessments/preview")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "previewAdmissionAssessment",
			summary = "Assess a project and show its verdict, storing nothing · 预评价项目碳排放与准入结论（不保存）",
			description = """
					Takes the project as a filing would (same body) and answers its assessment: annual CO2 by source and tce through the
					accounting calculator with the factor versions of `year` (location-based; recovered CO2 shown apart, never deducted;
					fixed carbon as the calculator deducts it), intensities per 10k CNY output value and value added and per product, the
					mandatory limit and 基准/标杆 levels (one product only), the control zone's cap of the park's zone (tCO2 per 10k CNY of
					the rules' denominator, null outside a zone), K, the regional impact indices m and n for energy and CO2, the share u
					of the county's budget headroom in the commissioning year, the city's path to 2030 with and without the project, and
					the verdict FAIL > ROUTE_UP > CONDITIONAL > PASS with every reason (rule, figure, threshold, unit, text zh/en), the
					conditions, and the tests not assessed for lack of data (never a failure). rules_version names the plan folder's
					admission rules that judged it. Bad input (unknown factor code or product, a unit not allowed, missing value added,
					a park outside the county, amounts of 10^12 or more, texts too long) is answered 400 naming each body path
					(lines[2].unit, value_added_10k_cny, park). For enterprise users, park managers and county and city officers.
					按申报同一结构提交项目，返回评价结果：按核算年度因子经核算计算器得出的分来源年二氧化碳排放与综合能耗（基于位置；回收利用量单列不扣减；
					产品固碳按计算器扣减），单位产值、单位增加值与单位产品强度，能耗限额与基准/标杆水平对标（限单一产品），园区所在管控区强度上限
					（按规则分母，不在管控区为 null），碳效值 K，能耗与碳排放的区域影响指数 m、n，占投产年区县剩余碳预算比例 u，含/不含本项目的
					全市 2030 年前排放路径，以及结论（不予通过 > 报上级审查 > 有条件通过 > 通过）和各项依据（规则、数值、阈值、单位、中英文说明）、
					附加条件、因数据缺失未评价的项目（不视为不通过）。rules_version 为所用评价规则版本。输入有误时返回 400 并指出字段。
					企业用户、园区管理人员及区县、市级人员可调用；不保存任何数据。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProjectInput.class),
			examples = @ExampleObject(name = "EAF steel plant in Shawan · 沙湾电炉炼钢项目", value = EXAMPLE)))
	@ApiResponse(responseCode = "200", description = "The assessment and verdict with reasons · 评价结果与结论",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Assessment.class)))
	@ApiResponse(responseCode = "400", description = "Input that cannot be assessed, each error named by its body path · 输入有误（指出字段）",
			content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "park outside the county · 园区不在该区县", value = """
					{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400,
					 "detail": "1 error(s): [park: park SHAWAN-EDZ lies in county 511111, not in 511102]",
					 "instance": "/api/v1/admission/assessments/preview",
					 "errors": [{"row": null, "field": "park", "message": "park SHAWAN-EDZ lies in county 511111, not in 511102"}]}""")))
	Assessment preview(@RequestBody ProjectInput body) {
		return admission.preview(body);
	}
}
