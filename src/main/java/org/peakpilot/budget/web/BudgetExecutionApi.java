package org.peakpilot.budget.web;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.BudgetWarnings;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The execution of a year's published budget and its warnings over REST (ADR 0016, amendment "execution and
 * warnings"): read per holder within the caller's scope, recomputed by the city's roles (audited), warnings listed and
 * acknowledged with an action plan (audited).
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetExecutionApi {

	static final int MAX_HOLDER_CODE = 64;

	static final String ACKNOWLEDGE_EXAMPLE = """
			{"action_plan": "Kiln 2 runs at reduced load until the end of the quarter; monthly review with the county DRC · 2 号窑降负荷运行至季末，每月与区县发改局复核"}""";

	private final Execution execution;
	private final BudgetWarnings warnings;

	BudgetExecutionApi(Execution execution, BudgetWarnings warnings) {
		this.execution = execution;
		this.warnings = warnings;
	}

	@GetMapping("/api/v1/budget/years/{year}/execution")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getBudgetExecution", summary = "The year's budget execution per holder · 年度碳预算执行情况（按预算单位）", description = """
			Per holder of the year's published version, from the stored computation: the months closed (Beijing), each month's
			emissions with their source (VERIFIED reports, else REPORTED submitted reports, else ESTIMATE from metered energy,
			else MISSING), the seasonal budget path (last year's monthly shares when all 12 months are known, else days of the
			month ÷ days of the year), cumulated, the year-end forecast (used ÷ the path's share to date), the intensity against
			the same months of last year and the warning level with its reason. A county's or park's figures sum its registry
			enterprises; with data missing (complete false) used and forecast are lower bounds and GREEN is never given.
			City roles see every holder, a county officer the holders in its county, a park manager its park and its
			enterprises, an enterprise user its own; a holder outside the scope is 404. execution_status NOT_AVAILABLE with no
			holders until a published version is computed.
			按年度已发布版本的各预算单位读取已存储的计算结果：已结束月份（北京时间）、各月排放及来源（已核查报告，其次已报送报告，其次计量估算，否则缺失）、
			季节性预算进度（上年 12 个月数据齐全时按上年各月占比，否则按当月天数 ÷ 全年天数）及累计值、年末预测（已用量 ÷ 截至当前的进度占比）、
			与上年同期比较的排放强度以及预警等级和原因。区县、园区为其登记企业之和；数据不全时（complete 为 false）已用量和预测为下限，且不会判为绿色。
			市级角色可见全部，区县人员可见本区县的单位，园区管理员可见本园区及其企业，企业用户仅可见本企业；权限外的单位返回 404。""")
	Execution.View get(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "Only this holder: a county's region code, a park's code or an enterprise's USCC, at most 64 characters · 仅查询该预算单位（区县代码、园区代码或统一社会信用代码）",
					example = "511102") @RequestParam(name = "holder", required = false) String holder) {
		BudgetYearApi.checkedYear(year);
		return execution.view(year, checkedHolder(holder));
	}

	@PostMapping("/api/v1/budget/years/{year}/execution/recompute")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "recomputeBudgetExecution", summary = "Recompute the year's budget execution and warnings now · 立即重算年度碳预算执行情况与预警",
			description = """
					Recomputes every holder of the year's latest published version from the registry, accounting's reports and
					monitoring's metered months, replaces the stored execution, raises or clears warnings and publishes the level
					changes; audited (budget.execution-recomputed). Without a published version nothing is computed (version null).
					The system also recomputes on publication, every few minutes and after monthly closings.
					按年度最新已发布版本，依据企业登记、核算报告和监测计量数据重算全部预算单位，替换已存储的执行情况，产生或解除预警并发布等级变化，记入审计日志。
					无已发布版本时不计算（version 为空）。系统在发布时、每隔数分钟及月度结算后也会自动重算。""")
	Execution.Recomputed recompute(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year) {
		BudgetYearApi.checkedYear(year);
		return execution.recomputeAudited(year);
	}

	@GetMapping("/api/v1/budget/years/{year}/warnings")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listBudgetWarnings", summary = "The year's budget warnings to act on · 年度碳预算预警清单", description = """
			Warnings raised when a holder's level became YELLOW, AMBER or RED, newest first (at most 2000), within the caller's
			scope as for the execution; cleared_at is set when the level changed again. By default only those still holding.
			持有单位等级变为黄色、橙色或红色时产生的预警，按时间倒序（最多 2000 条），权限范围同执行情况；等级再次变化时填写 cleared_at。默认只列出仍有效的预警。""")
	List<BudgetWarnings.Warning> list(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "true (default): only warnings still holding; false: with cleared ones · 是否仅列出仍有效的预警")
			@RequestParam(name = "open", defaultValue = "true") boolean open,
			@Parameter(description = "Only this level (YELLOW, AMBER, RED) · 仅列出该等级") @RequestParam(name = "level", required = false) WarningLevel level) {
		BudgetYearApi.checkedYear(year);
		return warnings.list(year, open, level);
	}

	@PostMapping("/api/v1/budget/years/{year}/warnings/{id}/acknowledge")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "acknowledgeBudgetWarning", summary = "Acknowledge a warning with an action plan · 确认预警并提交整改措施", description = """
			Acknowledges the warning once, with the action plan (required, 1 to 4000 characters), by someone in the holder's
			scope (a warning outside it is 404); audited (budget.warning-acknowledged). An acknowledged warning is 409.
			由预算单位权限范围内的用户确认预警并提交整改措施（必填，1–4000 字）；权限外的预警返回 404；记入审计日志。已确认的预警返回 409。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = AcknowledgeBody.class),
			examples = @ExampleObject(name = "an action plan · 整改措施", value = ACKNOWLEDGE_EXAMPLE)))
	BudgetWarnings.Warning acknowledge(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The warning's id · 预警 ID", example = "17") @PathVariable long id, @RequestBody AcknowledgeBody body) {
		BudgetYearApi.checkedYear(year);
		return warnings.acknowledge(year, id, AcknowledgeBody.plan(body));
	}

	/** The action plan of an acknowledgement. */
	@Schema(name = "BudgetWarningAcknowledgeBody", description = "The action plan that comes with acknowledging a warning · 确认预警时提交的整改措施")
	record AcknowledgeBody(@JsonProperty("action_plan") @Schema(description = "What the holder will do, text, 1 to 4000 characters · 整改措施",
			requiredMode = Schema.RequiredMode.REQUIRED, maxLength = BudgetWarnings.MAX_PLAN,
			example = "Kiln 2 runs at reduced load until the end of the quarter · 2 号窑降负荷运行至季末") String actionPlan) {

		static String plan(AcknowledgeBody body) {
			List<InputError> errors = new ArrayList<>();
			String plan = body == null ? null : body.actionPlan();
			if (plan == null || plan.isBlank()) {
				errors.add(InputError.field("action_plan", "is required"));
			}
			else {
				InputBounds.length(errors, "action_plan", plan, BudgetWarnings.MAX_PLAN);
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return plan.strip();
		}
	}

	static String checkedHolder(String holder) {
		if (holder == null || holder.isBlank()) {
			return null;
		}
		if (holder.length() > MAX_HOLDER_CODE) {
			throw new InvalidInputException("holder", "must be at most " + MAX_HOLDER_CODE + " characters");
		}
		return holder.strip();
	}
}
