package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.budget.internal.SubAllocations;
import org.peakpilot.budget.internal.TrueUps;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Parks and enterprises as budget holders over REST (ADR 0016, amendment "parks, enterprises and methods side by
 * side"): the stateless comparison of methods, the division of a draft's county, park or direct part among parks and
 * enterprises, and the true-up of an enterprise's budget after verification. Writes are for the city's roles.
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetHolderApi {

	static final String COMPARE_EXAMPLE = """
			{"total_t": 1000000, "reserve_share": 0.05, "methods": ["GDP_SHARE", "POPULATION_SHARE", "GRANDFATHERING"], "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000, "population": 1150000, "base_emissions_t": 420000},
			  {"code": "511111", "gdp_10k_cny": 2400000, "population": 420000, "base_emissions_t": 310000},
			  {"code": "511112", "gdp_10k_cny": 1800000, "population": 330000, "base_emissions_t": 270000}]}""";

	static final String SUB_ALLOCATION_EXAMPLE = """
			{"level": "PARK", "parent": "SHAWAN-EDZ", "method": "OUTPUT_BENCHMARK", "common_t": 20000, "pre_allocation_share": 0.7,
			 "holders": [
			  {"code": "91511111MA62Q0AB1X", "kind": "ENTERPRISE", "output": 1200000, "benchmark_t_per_unit": 0.86, "control_factor": 0.98},
			  {"code": "91511111MA62Q0CD2Y", "kind": "ENTERPRISE", "output": 400000, "benchmark_t_per_unit": 1.52},
			  {"code": "91511111MA62Q0EF3Z", "kind": "ENTERPRISE", "national_ets": true,
			   "ets_source": "MEE national ETS list 2026 · 生态环境部 2026 年全国碳市场重点排放单位名录"}]}""";

	static final String TRUE_UP_EXAMPLE = """
			{"verified_output": 1150000, "source": "Verified report 2027 of the enterprise · 2027 年度核查报告"}""";

	private final CarbonBudgets budgets;
	private final SubAllocations subAllocations;
	private final TrueUps trueUps;

	BudgetHolderApi(CarbonBudgets budgets, SubAllocations subAllocations, TrueUps trueUps) {
		this.budgets = budgets;
		this.subAllocations = subAllocations;
		this.trueUps = trueUps;
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/sub-allocations")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "subAllocateBudgetDraft",
			summary = "Divide a draft's county, park or direct part among parks and enterprises by a method · 将草稿中区县、园区或市直接分配部分按方法分配给园区和企业",
			description = """
					level CITY: the city allocates amount_t (whole tonnes, at most allocatable_t) directly to parks and enterprises
					(parent = the city's region code, outside the county lines); an allocated county division is divided again from its
					stored inputs, which clears what lay below the counties. level COUNTY: the county's budget_t minus common_t among the
					parks and enterprises in it (parent = the county's code). level PARK: the park's budget_t minus common_t among its
					enterprises. Each level has its own method (the six regional methods or OUTPUT_BENCHMARK, HISTORICAL_INTENSITY,
					HISTORICAL_EMISSIONS), whole tonnes by largest remainder, so total = Σ counties + Σ direct holders + reserve + pool +
					sink credit and a county's (park's) budget = Σ holders below it + common_t. A holder's parent must be where the
					registry says it lies (a park's county, an enterprise's park or county; an enterprise whose park is a holder goes
					under the park), else 400 at holders[i].parent; an unknown code is 400 at holders[i].code. A national-ETS enterprise
					(national_ets with ets_source) gets 0 t unless ets_override_reason is given. pre_allocation_share p issues
					round(p × Σ enterprise budgets) now (largest remainder); the rest waits for the true-up. Dividing a parent again
					replaces what lay below it. A county officer may propose the division of its own county (COUNTY) and of the parks
					in it (PARK), nothing else (403); the city reviews it in the version's approval steps. Only a draft (409
					otherwise); audited.
					CITY：市直接将 amount_t（整吨，不超过可分配量）分配给园区和企业（上级为市级代码，不计入区县）；已分配的区县按原数据重新分配，
					区县以下的分配随之清除。COUNTY：区县预算减 common_t 后分配给区内园区和企业。PARK：园区预算减 common_t 后分配给园区内企业。
					每个层级可选不同方法（六种区域方法或产量×基准、历史强度、历史排放），整吨、最大余数法；总量 = 各区县 + 市直接分配单位 + 预留 + 项目池 + 碳汇，
					区县（园区）预算 = 下级之和 + 自留部分。上级须与登记信息一致（园区所在区县，企业所在园区或区县；所在园区已是预算单位的企业须归入园区），
					否则 400（holders[i].parent）；代码未登记为 400（holders[i].code）。全国碳市场企业（national_ets 及 ets_source）预算为 0，
					除非给出 ets_override_reason。pre_allocation_share 为预分配比例，其余待核查后清算。重新分配会替换该上级以下的分配。区县人员可提出本区县（COUNTY）及区内园区（PARK）的分配方案，其他情况返回 403，由市级在版本审批中审核。仅限草稿（否则 409），记入审计日志。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = SubAllocationBody.class),
			examples = @ExampleObject(name = "a park's enterprises by benchmark, 70 % now, one in the national ETS · 园区企业按基准法分配，预分配 70%，一家纳入全国碳市场",
					value = SUB_ALLOCATION_EXAMPLE)))
	SubAllocations.Answer subAllocate(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number within the year, from 1 · 版本号", example = "1") @PathVariable int version,
			@RequestBody SubAllocationBody body) {
		BudgetYearApi.checkedYear(year);
		return subAllocations.allocate(year, version, body.request());
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/holders/{code}/true-up")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "trueUpBudgetHolder", summary = "True up an enterprise's budget to its verified figures · 按核查数据清算企业预算",
			description = """
					For an enterprise of a park or enterprise division by OUTPUT_BENCHMARK or HISTORICAL_INTENSITY (verified_output) or
					HISTORICAL_EMISSIONS (verified_days): the method on the verified figures with the stored benchmark, intensity,
					emissions and control factor, scaled as its division was: final_budget_t = amount_t × verified raw ÷ Σ raw, whole
					tonnes half up; to_issue_t = final − pre-allocated. Recorded beside the version (a published version never changes;
					moving tonnes is an adjustment), a later true-up supersedes it; audited. Another method or an ETS enterprise without
					a budget is 422.
					适用于按产量×基准、历史强度（verified_output）或历史排放（verified_days）分配的企业：以核查数据和原有基准、强度、排放及系数重新计算，
					按原分配的缩放比例换算为最终预算（整吨、四舍五入）；to_issue_t = 最终预算 − 预分配量。结果与版本并存（已发布版本不变，调剂另行办理），
					后一次清算取代前一次，记入审计日志。其他方法或无预算的全国碳市场企业返回 422。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = TrueUpBody.class),
			examples = @ExampleObject(name = "verified output · 核查产量", value = TRUE_UP_EXAMPLE)))
	TrueUps.TrueUp trueUp(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number within the year, from 1 · 版本号", example = "1") @PathVariable int version,
			@Parameter(description = "The enterprise's USCC, at most 64 characters · 企业统一社会信用代码", example = "91511111MA62Q0AB1X") @PathVariable String code,
			@RequestBody TrueUpBody body) {
		BudgetYearApi.checkedYear(year);
		List<InputError> errors = new ArrayList<>();
		InputBounds.length(errors, "code", code, BudgetAllocation.MAX_CODE_LENGTH);
		BudgetApi.number(errors, "verified_output", body.verifiedOutput(), BudgetAllocation.MAX_OUTPUT, BudgetAllocation.MAX_DECIMALS);
		if (body.verifiedOutput() != null && body.verifiedOutput().signum() < 0) {
			errors.add(InputError.field("verified_output", "must be at least 0"));
		}
		if (body.verifiedDays() != null && (body.verifiedDays() < 0 || body.verifiedDays() > BudgetAllocation.MAX_DAYS)) {
			errors.add(InputError.field("verified_days", "must lie between 0 and " + BudgetAllocation.MAX_DAYS));
		}
		InputBounds.length(errors, "source", body.source(), BudgetYearApi.MAX_SOURCE);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return trueUps.record(year, version, code, new TrueUps.Verified(body.verifiedOutput(), body.verifiedDays(), body.source()));
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

	/** A division of one parent's budget. */
	@Schema(name = "BudgetSubAllocationBody", description = "Whose budget to divide, how, and among which parks and enterprises · 分配层级、方法及园区和企业")
	record SubAllocationBody(
			@Schema(description = "CITY (the city's direct holders), COUNTY or PARK · 分配层级", requiredMode = Schema.RequiredMode.REQUIRED) SubAllocations.Level level,
			@Schema(description = "The parent: a county's region code (COUNTY), a park's code (PARK); the city's code or absent for CITY · 上级单位代码",
					maxLength = BudgetAllocation.MAX_CODE_LENGTH, example = "SHAWAN-EDZ") String parent,
			@Schema(description = "The method of this level · 本层级分配方法", requiredMode = Schema.RequiredMode.REQUIRED) BudgetAllocation.Method method,
			@JsonProperty("amount_t") @Schema(description = "CITY only and required there: whole tCO2 the city allocates directly, at most allocatable_t · 市直接分配量（整吨），仅 CITY",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "500000") BigDecimal amountT,
			@JsonProperty("common_t") @Schema(description = "COUNTY and PARK: whole tCO2 the parent keeps as its common part, 0 to its budget, default 0 · 上级自留（公共）部分（整吨），默认 0",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "20000") BigDecimal commonT,
			@JsonProperty("pre_allocation_share") @Schema(description = "Share of the enterprises' budgets issued now, fraction of 1 above 0 and at most 1 (0.7 is 70 %); absent: no pre-allocation · 预分配比例（0.7 即 70%）",
					minimum = "0", exclusiveMinimum = true, maximum = "1", example = "0.7") BigDecimal preAllocationShare,
			@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The parks and enterprises directly below the parent, 1 to 5000, codes unique · 上级以下的园区和企业"),
					minItems = 1, maxItems = BudgetAllocation.MAX_HOLDERS) List<SubAllocationHolderBody> holders) {

		SubAllocations.Request request() {
			List<InputError> errors = new ArrayList<>();
			InputBounds.length(errors, "parent", parent, BudgetAllocation.MAX_CODE_LENGTH);
			BudgetApi.number(errors, "amount_t", amountT, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			BudgetApi.number(errors, "common_t", commonT, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			BudgetApi.number(errors, "pre_allocation_share", preAllocationShare, "1", BudgetAllocation.MAX_DECIMALS);
			if (holders != null && holders.size() <= BudgetAllocation.MAX_HOLDERS) {
				for (int i = 0; i < holders.size(); i++) {
					SubAllocationHolderBody h = holders.get(i);
					if (h == null) {
						continue;
					}
					String at = "holders[" + i + "].";
					BudgetApi.HolderFigures f = h.figures();
					f.check(errors, at);
					InputBounds.length(errors, at + "parent", h.parent(), BudgetAllocation.MAX_CODE_LENGTH);
					InputBounds.length(errors, at + "ets_source", h.etsSource(), SubAllocations.MAX_TEXT);
					InputBounds.length(errors, at + "ets_override_reason", h.etsOverrideReason(), SubAllocations.MAX_TEXT);
					if (h.days() != null && (h.days() < 0 || h.days() > BudgetAllocation.MAX_DAYS)) {
						errors.add(InputError.field(at + "days", "must lie between 0 and " + BudgetAllocation.MAX_DAYS));
					}
				}
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			// typed only once every magnitude passed: a quantity rounds its value, and 1e999999999 must never be rounded
			List<SubAllocations.SubHolder> out = new ArrayList<>();
			for (SubAllocationHolderBody h : holders == null ? List.<SubAllocationHolderBody>of() : holders) {
				out.add(h == null ? null : new SubAllocations.SubHolder(h.code() == null ? null : h.code().strip(), h.kind(), blank(h.parent()),
						h.figures().holder(), Boolean.TRUE.equals(h.nationalEts()), blank(h.etsSource()), blank(h.etsOverrideReason())));
			}
			return new SubAllocations.Request(level, blank(parent), method, amountT, commonT, preAllocationShare, holders == null ? null : out);
		}

		private static String blank(String s) {
			return s == null || s.isBlank() ? null : s.strip();
		}
	}

	/** One park or enterprise of a division: its kind, the method's figures and the national-ETS marking. */
	@Schema(name = "BudgetSubAllocationHolderBody", description = "A park or enterprise to divide among; each method reads only its figures · 园区或企业及其基础数据（各方法只读取所需字段）")
	record SubAllocationHolderBody(
			@Schema(description = "A park's code (plan folder, /api/v1/registry/parks) or an enterprise's USCC, at most 64 characters · 园区代码或企业统一社会信用代码",
					requiredMode = Schema.RequiredMode.REQUIRED, maxLength = BudgetAllocation.MAX_CODE_LENGTH, example = "91511111MA62Q0AB1X") String code,
			@Schema(description = "PARK or ENTERPRISE · 单位类型", requiredMode = Schema.RequiredMode.REQUIRED) Kind kind,
			@Schema(description = "Optional: the parent, which must equal the division's parent · 上级单位代码（可选，须与本次分配的上级一致）",
					maxLength = BudgetAllocation.MAX_CODE_LENGTH) String parent,
			@JsonProperty("gdp_10k_cny") @Schema(description = "GDP or value added, 万元 10k CNY, at least 0 · 增加值，万元", minimum = "0", maximum = BudgetAllocation.MAX_GDP_10K_CNY) BigDecimal gdp10kCny,
			@Schema(description = "Population or employees, persons, at least 0 · 人口（职工）数，人", minimum = "0", maximum = BudgetAllocation.MAX_POPULATION) BigDecimal population,
			@JsonProperty("base_emissions_t") @Schema(description = "Historical emissions, tCO2, at least 0 · 历史排放量，吨二氧化碳", minimum = "0", maximum = BudgetAllocation.MAX_T) BigDecimal baseEmissionsT,
			@JsonProperty("base_intensity_t_per_10k_cny") @Schema(description = "Base carbon intensity, tCO2 per 10k CNY (吨/万元) · 基准碳排放强度，吨二氧化碳/万元", minimum = "0", maximum = BudgetAllocation.MAX_INTENSITY) BigDecimal baseIntensityTPer10kCny,
			@JsonProperty("forecast_gdp_10k_cny") @Schema(description = "Forecast value added, 万元 10k CNY · 预测增加值，万元", minimum = "0", maximum = BudgetAllocation.MAX_GDP_10K_CNY) BigDecimal forecastGdp10kCny,
			@JsonProperty("decline_rate") @Schema(description = "Intensity decline, fraction of 1, -1 to 1 · 强度下降率", minimum = "-1", maximum = "1") BigDecimal declineRate,
			@Schema(description = "Weight for BASE_PLUS_INCREMENT, at least 0 · 分增量权重", minimum = "0", maximum = BudgetAllocation.MAX_WEIGHT) BigDecimal weight,
			@Schema(description = "Output of the year, the product's unit (t, MWh, 10k CNY), at least 0 · 年度产量（产品单位）", minimum = "0", maximum = BudgetAllocation.MAX_OUTPUT, example = "1200000") BigDecimal output,
			@JsonProperty("benchmark_t_per_unit") @Schema(description = "Benchmark intensity, tCO2 per unit of output · 基准碳排放强度，吨二氧化碳/产品单位", minimum = "0", maximum = BudgetAllocation.MAX_UNIT_INTENSITY, example = "0.86") BigDecimal benchmarkTPerUnit,
			@JsonProperty("historical_intensity_t_per_unit") @Schema(description = "Historical intensity, tCO2 per unit of output · 历史碳排放强度，吨二氧化碳/产品单位", minimum = "0", maximum = BudgetAllocation.MAX_UNIT_INTENSITY) BigDecimal historicalIntensityTPerUnit,
			@JsonProperty("control_factor") @Schema(description = "Control factor f, 0 to 10, default 1 · 调整系数，默认 1", minimum = "0", maximum = BudgetAllocation.MAX_CONTROL_FACTOR, example = "0.98") BigDecimal controlFactor,
			@Schema(description = "Operating days, 0 to 366, default 365 · 年运行天数，默认 365", minimum = "0", maximum = "366") Integer days,
			@JsonProperty("national_ets") @Schema(description = "In the national carbon market (entered by the office, with ets_source): budget 0 unless ets_override_reason · 纳入全国碳市场（须注明来源），除非说明理由，否则预算为 0") Boolean nationalEts,
			@JsonProperty("ets_source") @Schema(description = "Where the ETS marking comes from (the list), text, at most 2000 characters · 全国碳市场名录来源", maxLength = SubAllocations.MAX_TEXT) String etsSource,
			@JsonProperty("ets_override_reason") @Schema(description = "Why a national-ETS enterprise gets a budget all the same, text, at most 2000 characters · 全国碳市场企业仍分配预算的理由", maxLength = SubAllocations.MAX_TEXT) String etsOverrideReason) {

		BudgetApi.HolderFigures figures() {
			return new BudgetApi.HolderFigures(code, gdp10kCny, population, baseEmissionsT, baseIntensityTPer10kCny, forecastGdp10kCny,
					declineRate, weight, output, benchmarkTPerUnit, historicalIntensityTPerUnit, controlFactor, days);
		}
	}

	/** The verified figures of a true-up. */
	@Schema(name = "BudgetTrueUpBody", description = "The enterprise's verified figures of the year · 企业年度核查数据")
	record TrueUpBody(
			@JsonProperty("verified_output") @Schema(description = "Verified output, the product's unit, at least 0; OUTPUT_BENCHMARK and HISTORICAL_INTENSITY · 核查产量（产品单位）",
					minimum = "0", maximum = BudgetAllocation.MAX_OUTPUT, example = "1150000") BigDecimal verifiedOutput,
			@JsonProperty("verified_days") @Schema(description = "Verified operating days, 0 to 366; HISTORICAL_EMISSIONS · 核查运行天数", minimum = "0", maximum = "366") Integer verifiedDays,
			@Schema(description = "The verified report the figures come from, text, 1 to 2000 characters · 核查报告来源", requiredMode = Schema.RequiredMode.REQUIRED,
					maxLength = BudgetYearApi.MAX_SOURCE, example = "Verified report 2027 · 2027 年度核查报告") String source) {
	}
}
