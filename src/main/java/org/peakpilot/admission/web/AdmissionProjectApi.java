package org.peakpilot.admission.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.Verdict;
import org.peakpilot.admission.internal.AdmissionRecords;
import org.peakpilot.admission.internal.AdmissionRecords.CityDecision;
import org.peakpilot.admission.internal.AdmissionRecords.CommentBody;
import org.peakpilot.admission.internal.AdmissionRecords.Commissioning;
import org.peakpilot.admission.internal.AdmissionRecords.ConstructionStart;
import org.peakpilot.admission.internal.AdmissionRecords.CountyReview;
import org.peakpilot.admission.internal.AdmissionRecords.HigherOutcome;
import org.peakpilot.admission.internal.AdmissionRecords.Listing;
import org.peakpilot.admission.internal.AdmissionRecords.Project;
import org.peakpilot.admission.internal.AdmissionWorkflow;
import org.peakpilot.admission.internal.ProjectStatus;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Filed projects and their review over REST (issue 13, ADR 0017 "Filing and review"): filing, list, one project with
 * its assessment and history, change, submission, the county's review, the city's decision, the higher authority's
 * outcome, construction start, commissioning, re-assessment, comments and the re-review check. Thin: the store
 * ({@link AdmissionWorkflow}) checks roles, scope, status and input.
 */
@RestController
@Tag(name = "admission", description = "Project carbon assessment and admission · 项目碳排放评价与准入")
class AdmissionProjectApi {

	static final String BASE = "/api/v1/admission/projects";

	/** A filing: the preview's example (a 1 Mt EAF steel plant in Shawan), the same body. */
	static final String FILING_EXAMPLE = AssessmentPreviewApi.EXAMPLE;

	private final AdmissionWorkflow workflow;

	AdmissionProjectApi(AdmissionWorkflow workflow) {
		this.workflow = workflow;
	}

	@PostMapping(BASE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "fileAdmissionProject", summary = "File a project for carbon assessment and admission · 申报项目碳评与准入", description = """
			Stores the filing as a DRAFT with its assessment, computed by the engine as the preview computes it (tCO2, tce, 万元),
			never typed in. An enterprise user files for its own enterprise (enterprise_id defaults to it); the city office for any
			registered enterprise or none. Bad input (unknown factor codes, units not allowed, missing value added, a park outside
			the county, …) is a 400 naming every field, and nothing is stored.
			保存为草稿并计算碳评（与预览相同的算法，单位：吨二氧化碳、吨标准煤、万元），不可手填。企业用户只能为本企业申报；市级可代任何已登记企业或尚未登记的企业申报。
			输入有误（排放因子代码未知、单位不允许、缺少增加值、园区不在该区县等）时返回 400 并列出所有字段，不保存任何内容。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProjectInput.class), examples = @ExampleObject(name = "EAF steel plant in Shawan · 沙湾电炉炼钢项目", value = FILING_EXAMPLE)))
	Project file(@RequestBody ProjectInput body) {
		return workflow.file(body);
	}

	@GetMapping(BASE)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listAdmissionProjects", summary = "Filed projects within the caller's scope · 已申报项目列表", description = """
			Newest first. The office sees all, a county officer its county's, a park manager its park's, an enterprise user its
			enterprise's applications.
			按申报时间倒序。市级看全部，区县人员看本区县，园区人员看本园区，企业用户只看本企业的申报。""")
	List<Listing> list(
			@Parameter(description = "Only this status · 按状态筛选") @RequestParam(name = "status", required = false) ProjectStatus status,
			@Parameter(description = "Only this county (GB/T 2260) · 按区县代码筛选", example = "511111") @RequestParam(name = "county", required = false) String county,
			@Parameter(description = "Only this park code · 按园区代码筛选", example = "SHAWAN-EDZ") @RequestParam(name = "park", required = false) String park,
			@Parameter(description = "Only this industry (GB/T 4754) · 按行业代码筛选", example = "3011") @RequestParam(name = "industry", required = false) String industry,
			@Parameter(description = "Only this verdict · 按碳评结论筛选") @RequestParam(name = "verdict", required = false) Verdict verdict,
			@Parameter(description = "Only this applicant enterprise · 按申报企业筛选") @RequestParam(name = "enterprise_id", required = false) Long enterpriseId,
			@Parameter(description = "At most this many, 1–1000, default 100 · 返回条数上限") @RequestParam(name = "limit", required = false) Integer limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(name = "offset", required = false) Integer offset) {
		return workflow.projects(new AdmissionRecords.Query(status, county, park, industry, verdict, enterpriseId, limit, offset));
	}

	@GetMapping(BASE + "/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getAdmissionProject", summary = "A filed project with its assessment, verdict, reasons and history · 项目详情（碳评、结论、理由及办理记录）",
			description = """
					The assessment as stored: computed on filing, change and submission, again when a reviewer asks, frozen at the decision
					(a later rules version never alters it). 404 outside the caller's scope.
					碳评结果按保存的版本返回：申报、修改、提交时计算，审查人员可在决定前重新计算，决定后冻结（此后规则版本变化不影响）。超出权限范围时 404。""")
	Project get(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id) {
		return workflow.project(id);
	}

	@PutMapping(BASE + "/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "updateAdmissionProject", summary = "Change a draft or returned filing · 修改草稿或退回的申报", description = """
			The applicant's change while DRAFT or RETURNED (422 otherwise); the assessment is computed again. 400 naming fields, nothing stored.
			申报人在草稿或退回状态下修改（否则 422），重新计算碳评。输入有误时 400 并列出字段，不保存。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProjectInput.class), examples = @ExampleObject(name = "EAF steel plant in Shawan · 沙湾电炉炼钢项目", value = FILING_EXAMPLE)))
	Project update(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody ProjectInput body) {
		return workflow.update(id, body);
	}

	@PostMapping(BASE + "/{id}/submit")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "submitAdmissionProject", summary = "Submit a project to the county's review · 提交区县审查", description = """
			DRAFT or RETURNED → SUBMITTED, by the applicant; the assessment is computed again with the rules in force.
			申报人提交：草稿或退回 → 已提交；按现行规则重新计算碳评。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CommentBody.class), examples = @ExampleObject(name = "submission · 提交", value = "{\"comment\": \"请审查\"}")))
	Project submit(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id,
			@RequestBody(required = false) CommentBody body) {
		return workflow.submit(id, body == null ? null : body.comment());
	}

	@PostMapping(BASE + "/{id}/county-review")
	@ApiRoles({ Role.COUNTY_OFFICER })
	@Operation(operationId = "reviewAdmissionProjectInCounty", summary = "The county's review: forward or return · 区县审查：转报或退回", description = """
			The county officer of the project's county: FORWARD (SUBMITTED → CITY_REVIEW) or RETURN to the applicant with a comment
			(SUBMITTED → RETURNED).
			项目所在区县人员：转报市级（已提交 → 市级审查）或附意见退回申报人（已提交 → 退回）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CountyReview.class),
			examples = @ExampleObject(name = "forward · 转报", value = "{\"action\": \"FORWARD\", \"comment\": \"符合本县产业规划，同意转报\"}")))
	Project countyReview(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody CountyReview body) {
		return workflow.countyReview(id, body);
	}

	@PostMapping(BASE + "/{id}/city-decision")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "decideAdmissionProject", summary = "The city office's decision · 市级准入决定", description = """
			CITY_REVIEW → ADMITTED (PASS or CONDITIONAL verdicts; a CONDITIONAL one with its conditions; the annual CO2, tCO2, is reserved
			in the county's carbon budget from the commissioning year), REJECTED (with a comment) or ROUTED_UP (ROUTE_UP verdicts, to the
			province or NDRC). A FAIL verdict cannot be admitted: 422 naming the reasons. The assessment is frozen from here.
			市级审查 → 准入（仅限通过或有条件通过；有条件通过须列明条件；自投产年起在区县碳预算中预留年排放量，吨二氧化碳）、不予准入（须附意见）或报上级（仅限需报上级的结论）。
			不通过的项目不能准入：422 并列出理由。此后碳评结果冻结。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CityDecision.class),
			examples = @ExampleObject(name = "conditional admission · 有条件准入", value = """
					{"action": "ADMIT", "comment": "同意准入", "conditions": ["绿电占比不低于30%", "安装在线监测"]}""")))
	Project decide(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody CityDecision body) {
		return workflow.cityDecision(id, body);
	}

	@PostMapping(BASE + "/{id}/province-outcome")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "recordAdmissionProvinceOutcome", summary = "The higher authority's outcome of a routed-up project · 录入上级审查结果",
			description = """
					ROUTED_UP → ADMITTED (the annual CO2 is reserved as for a city admission) or REJECTED, with the province's or NDRC's
					document reference (文号).
					报上级 → 准入（与市级准入一样预留排放）或不予准入，须录入省级或国家发展改革委的文号。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = HigherOutcome.class),
			examples = @ExampleObject(name = "admitted by the province · 省级准入", value = """
					{"outcome": "ADMITTED", "document_ref": "川发改环资函〔2027〕15号", "comment": "省发展改革委节能审查意见"}""")))
	Project higherOutcome(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody HigherOutcome body) {
		return workflow.higherOutcome(id, body);
	}

	@PostMapping(BASE + "/{id}/construction-start")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "recordAdmissionConstructionStart", summary = "Record an admitted project's construction start · 录入开工",
			description = """
					By the applicant or the office; an admitted project without construction start lapses after the rules' lapse years
					(2) and its reservation is released (Order 31 Art. 19).
					申报人或市级录入；准入后规定年限（2 年）内未开工的项目失效并释放预留（第 31 号令第十九条）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ConstructionStart.class),
			examples = @ExampleObject(name = "construction start · 开工", value = "{\"started_on\": \"2027-03-01\", \"comment\": \"已取得施工许可\"}")))
	Project constructionStart(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id,
			@RequestBody ConstructionStart body) {
		return workflow.constructionStart(id, body);
	}

	@PostMapping(BASE + "/{id}/commissioning")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "recordAdmissionCommissioning", summary = "Record commissioning and the enterprise that reports · 录入投产及报送企业",
			description = """
					ADMITTED (under construction) → COMMISSIONED, linking the registry enterprise whose verified reports are compared
					with the approved annual CO2 (tCO2) for the re-review.
					准入（已开工）→ 已投产，关联报送排放的登记企业，其核查后的排放将与批复年排放量（吨二氧化碳）对比。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = Commissioning.class),
			examples = @ExampleObject(name = "commissioning · 投产", value = "{\"enterprise_id\": 42, \"commissioned_on\": \"2028-06-30\"}")))
	Project commissioning(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody Commissioning body) {
		return workflow.commissioning(id, body);
	}

	@PostMapping(BASE + "/{id}/reassess")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "reassessAdmissionProject", summary = "Compute the assessment again before the decision · 决定前重新计算碳评",
			description = """
					The county officer while SUBMITTED, the office while SUBMITTED or in CITY_REVIEW, e.g. after the rules changed; after the
					decision the assessment is frozen (422).
					区县人员在已提交时、市级在已提交或市级审查时可重新计算（如规则更新后）；决定后碳评冻结（422）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CommentBody.class), examples = @ExampleObject(name = "new rules · 规则更新", value = "{\"comment\": \"规则已更新\"}")))
	Project reassess(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id,
			@RequestBody(required = false) CommentBody body) {
		return workflow.reassess(id, body == null ? null : body.comment());
	}

	@PostMapping(BASE + "/{id}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "commentAdmissionProject", summary = "Comment on a project · 填写项目意见", description = """
			The applicant, the county officer or the office, in any status; the project with its comments is returned.
			申报人、区县人员或市级在任何状态下均可填写意见；返回含意见的项目。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = CommentBody.class), examples = @ExampleObject(name = "question · 询问", value = "{\"comment\": \"请补充绿电合同\"}")))
	Project comment(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id, @RequestBody CommentBody body) {
		return workflow.comment(id, body == null ? null : body.comment());
	}

	@PostMapping(BASE + "/{id}/re-review-check")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "checkAdmissionReReview", summary = "Compare actual emissions with the approval now · 立即核对实际排放与批复",
			description = """
					For a COMMISSIONED project: the operating enterprise's verified (or locked) monthly reports of each year from
					commissioning, summed in tCO2, against the approved annual CO2; at or above approval × 1.10 (the rules' deviation) the
					project is flagged RE_REVIEW_DUE with both figures (Order 31 Art. 26). The daily job does the same.
					已投产项目：自投产年起逐年汇总报送企业经核查（或已锁定）的月报排放（吨二氧化碳），与批复年排放量对比；达到批复 × 1.10（规则偏差）时标记为待复核并记录两项数字
					（第 31 号令第二十六条）。每日任务执行相同检查。""")
	Project checkReReview(@Parameter(description = "The project's id · 项目编号", example = "12") @PathVariable long id) {
		return workflow.checkReReview(id);
	}
}
