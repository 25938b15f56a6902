package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.internal.Adjustments;
import org.peakpilot.budget.internal.Adjustments.Adjustment;
import org.peakpilot.budget.internal.VersionHistory;
import org.peakpilot.budget.internal.VersionHistory.Comparison;
import org.peakpilot.budget.internal.VersionHistory.VersionSummary;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adjustments of a year's published budget and the history of its versions over REST (issue 12 item 6, ADR 0016):
 * file in a window, review, approve (a new published version) or reject; list the versions and compare two.
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetAdjustmentApi {

	static final String FILE_EXAMPLE = """
			{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": 20000,
			 "reason": "Shawan's cement line 2 closed in May; Wutongqiao's polysilicon expansion approved · 沙湾区水泥 2 号线 5 月关停，五通桥区多晶硅扩产获批"}""";

	static final String COMMENT_EXAMPLE = """
			{"comment": "Agreed at the leading group's meeting of 2027-07-20 · 2027-07-20 领导小组会议同意"}""";

	private final Adjustments adjustments;
	private final VersionHistory history;

	BudgetAdjustmentApi(Adjustments adjustments, VersionHistory history) {
		this.adjustments = adjustments;
		this.history = history;
	}

	@PostMapping("/api/v1/budget/years/{year}/adjustments")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "fileBudgetAdjustment", summary = "File an adjustment request of the year's published budget · 提交年度已发布预算的调整申请",
			description = """
					Only in the plan folder's adjustment windows (default July and October, Beijing time; outside them 422 naming the
					open months) and on a published budget (else 422). TRANSFER from_code → to_code, RESERVE_DRAW and POOL_DRAW to
					to_code, CAPACITY_CLOSED (收储) from_code → reserve, all in whole tCO2 (amount_t); GDP_REVISION with
					revised_gdp_10k_cny (city roles only) re-floats the intensity budget. A county officer files for its own county
					and the holders it contains (TRANSFER and CAPACITY_CLOSED from them, draws to them), else 403. A transfer that takes
					a holder below 0 t or a draw above the reserve or pool is 400 at amount_t. Sinks never enter an intensity figure.
					仅在规划目录规定的调整窗口（默认 7 月和 10 月，北京时间）内、针对已发布预算提交（否则 422，并说明开放月份）。
					单位间划转、动用预留/重大项目池、关停产能收储（均为整吨 amount_t）；GDP 修正（仅市级角色）按修正后的预测 GDP 重算强度预算。
					区县人员只能为本区县及其所辖单位申请，否则 403。划转使单位低于 0 吨或动用量超过预留/项目池时返回 400（amount_t）。碳汇不计入强度。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetAdjustmentBody.class),
			examples = @ExampleObject(name = "a transfer between two counties · 区县间划转", value = FILE_EXAMPLE)))
	Adjustment file(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@RequestBody BudgetAdjustmentBody body) {
		BudgetYearApi.checkedYear(year);
		return adjustments.file(year, body.adjustment());
	}

	@GetMapping("/api/v1/budget/years/{year}/adjustments")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "listBudgetAdjustments", summary = "The year's adjustment requests · 年度调整申请列表", description = """
			Oldest first, with their steps. A county officer sees its county's requests and the city's GDP revisions.
			按时间先后列出，含审批步骤。区县人员看到本区县的申请及全市 GDP 修正。""")
	List<Adjustment> list(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year) {
		return adjustments.list(BudgetYearApi.checkedYear(year));
	}

	@GetMapping("/api/v1/budget/adjustments/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "getBudgetAdjustment", summary = "One adjustment request · 单个调整申请", description = """
			403 for a county officer when it concerns another county; 404 when there is none.
			涉及其他区县的申请对区县人员返回 403；不存在时返回 404。""")
	Adjustment get(@Parameter(description = "The request's id · 申请编号", example = "1") @PathVariable long id) {
		return adjustments.get(id);
	}

	@PostMapping("/api/v1/budget/adjustments/{id}/review")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "reviewBudgetAdjustment", summary = "The city's review: pass a request to the leading group · 市级审核通过，提交领导小组",
			description = """
					CITY_REVIEW → LEADING_GROUP_REVIEW, with a comment, audited; another status is 422 (409 when closed).
					市级审核 → 领导小组审批，意见保存并审计；其他状态返回 422（已结束返回 409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetYearApi.BudgetStepBody.class), examples = @ExampleObject(name = "a comment · 意见", value = COMMENT_EXAMPLE)))
	Adjustment review(@Parameter(description = "The request's id · 申请编号", example = "1") @PathVariable long id,
			@RequestBody(required = false) BudgetYearApi.BudgetStepBody body) {
		return adjustments.review(id, BudgetYearApi.BudgetStepBody.comment(body));
	}

	@PostMapping("/api/v1/budget/adjustments/{id}/approve")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "approveBudgetAdjustment", summary = "Record the leading group's approval: publish a new version · 记录领导小组批准，发布新版本",
			description = """
					LEADING_GROUP_REVIEW → APPROVED (recorded by a city role: the platform has no leading-group role). Publishes version
					n+1 of the year from the latest published version plus the change; the old version stays as it was. Transfers,
					draws and 收储 keep total_t exactly: total_t = Σ budgets + reserve_t + pool_t + sink_credit_t. Approvals of a year take
					turns (one lock), and a request that no longer fits the latest version (the reserve drawn meanwhile) is 422.
					领导小组审批 → 已批准（由市级角色记录）。在最新发布版本基础上应用调整，发布第 n+1 版；原版本保持不变。划转、动用和收储不改变总量。
					同一年度的批准依次进行；调整已不适用于最新版本（如预留已被动用）时返回 422。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetYearApi.BudgetStepBody.class), examples = @ExampleObject(name = "the decision · 决定", value = COMMENT_EXAMPLE)))
	Adjustment approve(@Parameter(description = "The request's id · 申请编号", example = "1") @PathVariable long id,
			@RequestBody(required = false) BudgetYearApi.BudgetStepBody body) {
		return adjustments.approve(id, BudgetYearApi.BudgetStepBody.comment(body));
	}

	@PostMapping("/api/v1/budget/adjustments/{id}/reject")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "rejectBudgetAdjustment", summary = "Reject an open adjustment request · 驳回调整申请", description = """
			From CITY_REVIEW or LEADING_GROUP_REVIEW, with a required comment (400 without), audited; a closed request is 409.
			市级审核或领导小组审批阶段均可驳回，须填写意见（否则 400）并审计；已结束的申请返回 409。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetYearApi.BudgetStepBody.class), examples = @ExampleObject(name = "why · 理由", value = """
					{"comment": "The reserve is kept for the second half-year's projects · 预留量保留用于下半年项目"}""")))
	Adjustment reject(@Parameter(description = "The request's id · 申请编号", example = "1") @PathVariable long id,
			@RequestBody(required = false) BudgetYearApi.BudgetStepBody body) {
		return adjustments.reject(id, BudgetYearApi.BudgetStepBody.comment(body));
	}

	@GetMapping("/api/v1/budget/years/{year}/versions")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "listBudgetVersions", summary = "Every version of the year's budget · 年度预算的全部版本", description = """
			Oldest first: status, who made and published it when, the city figures and the adjustment that produced it (null for
			a version the office drafted). sink_credit_t is never part of an intensity figure. 404 when the year has none.
			按版本先后列出：状态、创建与发布的人和时间、城市数值及产生该版本的调整（办公室起草的版本为 null）。碳汇抵扣不计入强度。无版本时 404。""")
	List<VersionSummary> versions(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year) {
		return history.versions(BudgetYearApi.checkedYear(year));
	}

	@GetMapping("/api/v1/budget/years/{year}/versions/compare")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "compareBudgetVersions", summary = "Two versions of the year's budget side by side · 年度预算两个版本对比",
			description = """
					Per holder: budget in a, in b and b − a; and total_t, reserve_t, pool_t, sink_credit_t and allocated_t (Σ top-level
					budgets). A county officer sees its county's holders. 404 when a version does not exist.
					逐单位列出版本 a、b 的预算及差额，并对比总量、预留、项目池、碳汇抵扣与已分配量。区县人员只看到本区县单位。版本不存在时 404。""")
	Comparison compare(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "Version a, from 1 · 版本 a", example = "1", required = true) @RequestParam("from") int from,
			@Parameter(description = "Version b, from 1 · 版本 b", example = "2", required = true) @RequestParam("to") int to) {
		return history.compare(BudgetYearApi.checkedYear(year), from, to);
	}

	/** An adjustment request as filed. */
	@Schema(name = "BudgetAdjustmentBody", description = "An adjustment request · 预算调整申请")
	record BudgetAdjustmentBody(
			@Schema(description = "What it changes · 调整类型", requiredMode = Schema.RequiredMode.REQUIRED) Adjustments.Kind kind,
			@JsonProperty("from_code") @Schema(description = "The holder giving tonnes: TRANSFER and CAPACITY_CLOSED only, at most 64 characters · 调出单位代码",
					maxLength = BudgetAllocation.MAX_CODE_LENGTH, example = "511111") String fromCode,
			@JsonProperty("to_code") @Schema(description = "The holder receiving tonnes: TRANSFER, RESERVE_DRAW and POOL_DRAW only, at most 64 characters · 调入单位代码",
					maxLength = BudgetAllocation.MAX_CODE_LENGTH, example = "511112") String toCode,
			@JsonProperty("amount_t") @Schema(description = "Whole tCO2 moved, above 0; all kinds but GDP_REVISION · 调整量，整吨二氧化碳",
					minimum = "0", exclusiveMinimum = true, maximum = BudgetAllocation.MAX_T, example = "20000") BigDecimal amount,
			@JsonProperty("revised_gdp_10k_cny") @Schema(description = "GDP_REVISION only: the revised forecast GDP at constant prices, 10k CNY, above 0 · 修正后的预测 GDP（不变价），万元",
					minimum = "0", exclusiveMinimum = true, maximum = BudgetAllocation.MAX_GDP_10K_CNY, example = "24000000") BigDecimal revisedGdp,
			@Schema(description = "Why, text, 1 to 2000 characters · 申请理由", requiredMode = Schema.RequiredMode.REQUIRED,
					maxLength = Adjustments.MAX_REASON, example = "Cement line 2 closed · 水泥 2 号线关停") String reason) {

		Adjustments.NewAdjustment adjustment() {
			List<InputError> errors = new ArrayList<>();
			if (kind == null) {
				errors.add(InputError.field("kind", "is required"));
			}
			if (reason == null || reason.isBlank()) {
				errors.add(InputError.field("reason", "is required"));
			}
			InputBounds.length(errors, "reason", reason, Adjustments.MAX_REASON);
			InputBounds.length(errors, "from_code", fromCode, BudgetAllocation.MAX_CODE_LENGTH);
			InputBounds.length(errors, "to_code", toCode, BudgetAllocation.MAX_CODE_LENGTH);
			if (BudgetApi.magnitude(errors, "amount_t", amount, BudgetAllocation.MAX_T, 0)) {
				InputBounds.positive(errors, "amount_t", amount, new BigDecimal(BudgetAllocation.MAX_T));
			}
			if (BudgetApi.magnitude(errors, "revised_gdp_10k_cny", revisedGdp, BudgetAllocation.MAX_GDP_10K_CNY, BudgetAllocation.MAX_DECIMALS)) {
				InputBounds.positive(errors, "revised_gdp_10k_cny", revisedGdp, new BigDecimal(BudgetAllocation.MAX_GDP_10K_CNY));
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return new Adjustments.NewAdjustment(kind, blankToNull(fromCode), blankToNull(toCode),
					amount == null ? null : amount.stripTrailingZeros().setScale(0), revisedGdp, reason.strip());
		}

		private static String blankToNull(String s) {
			return s == null || s.isBlank() ? null : s.strip();
		}
	}
}
