package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.CarbonBudgets;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parks and enterprises as budget holders over REST (ADR 0016, amendment "parks, enterprises and methods side by
 * side"): the stateless comparison of methods.
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetHolderApi {

	static final String COMPARE_EXAMPLE = """
			{"total_t": 1000000, "reserve_share": 0.05, "methods": ["GDP_SHARE", "POPULATION_SHARE", "GRANDFATHERING"], "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000, "population": 1150000, "base_emissions_t": 420000},
			  {"code": "511111", "gdp_10k_cny": 2400000, "population": 420000, "base_emissions_t": 310000},
			  {"code": "511112", "gdp_10k_cny": 1800000, "population": 330000, "base_emissions_t": 270000}]}""";

	private final CarbonBudgets budgets;

	BudgetHolderApi(CarbonBudgets budgets) {
		this.budgets = budgets;
	}

	@PostMapping("/api/v1/budget/allocations/compare")
	@Operation(operationId = "compareBudgetAllocations",
			summary = "Compare allocation methods side by side on the same inputs, storing nothing · 同一输入下并列比较多种分配方法（不保存）",
			description = """
					The preview's body with methods (2 to 6, no repeats) instead of method. previews holds each method's answer exactly
					as POST /api/v1/budget/allocations/preview answers it; holders lists, per holder in the order given, its budget_t
					and share under each method and difference_t = budget_t − the budget under the first method, with min_t, max_t and
					spread_t. Errors as the preview's, each naming the field (holders[2].population) and, in the message, the method
					that needs it. Any signed-in user may call it: it reads and stores nothing.
					与预览接口相同的请求体，以 methods（2 至 6 种，不得重复）代替 method。previews 为各方法的结果，与预览接口完全一致；
					holders 按提交顺序列出各单位在各方法下的预算、份额，以及与第一种方法预算之差 difference_t，并给出最小值、最大值和极差。
					错误与预览相同，指出字段并在说明中注明所需方法。任何已登录用户均可调用：不读取也不保存任何数据。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = AllocationComparisonBody.class),
			examples = @ExampleObject(name = "three counties by GDP, population and history · 三个区县按 GDP、人口、历史排放比较", value = COMPARE_EXAMPLE)))
	@ApiResponse(responseCode = "200", description = "Each method's preview and each holder's budgets side by side · 各方法结果及各单位预算对比",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BudgetAllocation.Comparison.class)))
	BudgetAllocation.Comparison compare(@RequestBody AllocationComparisonBody body) {
		BudgetAllocation.Request request = new BudgetApi.AllocationPreviewBody(body.totalT(), body.reserveShare(), null, body.holders()).request();
		return budgets.compareAllocations(request, body.methods());
	}

	/** The comparison's body: the preview's, with two or more methods. */
	@Schema(name = "BudgetAllocationComparisonBody", description = "What to divide, among whom, by which methods · 比较的总量、方法与单位")
	record AllocationComparisonBody(
			@JsonProperty("total_t") @Schema(description = "The total to divide, tCO2, at least 0, at most 6 decimals · 预算总量，吨二氧化碳",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = BudgetAllocation.MAX_T, example = "1000000") BigDecimal totalT,
			@JsonProperty("reserve_share") @Schema(description = "Share of the total kept as reserve, fraction of 1, at least 0 and below 1 (0.05 is 5 %) · 预留比例（0.05 即 5%）",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "1", exclusiveMaximum = true, example = "0.05") BigDecimal reserveShare,
			@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The methods to compare, 2 to 6, no repeats; the first is the baseline of difference_t · 参与比较的方法（2 至 6 种，第一种为差额基准）"),
					minItems = 2, maxItems = BudgetAllocation.MAX_COMPARED_METHODS) List<BudgetAllocation.Method> methods,
			@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The holders (counties, parks, enterprises), 1 to 5000, codes unique · 预算单位（区县、园区、企业），代码不得重复"),
					minItems = 1, maxItems = BudgetAllocation.MAX_HOLDERS) List<BudgetApi.HolderFigures> holders) {
	}
}
