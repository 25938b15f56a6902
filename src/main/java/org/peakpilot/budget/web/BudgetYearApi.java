package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.internal.BudgetVersions;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.DraftInputs;
import org.peakpilot.budget.internal.Execution;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The year's city carbon budget over REST (ADR 0016): read the year's published (else latest draft) version, and
 * the office's draft, allocate and publish. Writes are for the city's roles and audited by {@link BudgetVersions}.
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetYearApi {

	static final int MIN_YEAR = 2000;
	static final int MAX_YEAR = 2100;
	static final int MAX_SOURCE = 2000;
	static final int MAX_YEARS_LEFT = 5;

	static final String DRAFT_EXAMPLE = """
			{"base_intensity_t_per_10k_cny": 0.62, "period_target_cut": 0.18, "achieved_cut": 0.08, "years_left": 2,
			 "forecast_gdp_10k_cny": 25000000, "total_cap_t": 15000000, "reserve_share": 0.05, "pool_t": 300000,
			 "sink_credit_t": 50000, "source": "Intensity 2026: statistics bureau bulletin; GDP forecast: DRC 2027 plan · 2026 年强度：统计公报；GDP 预测：发改委 2027 年计划"}""";

	static final String ALLOCATION_EXAMPLE = """
			{"method": "GDP_SHARE", "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000},
			  {"code": "511111", "gdp_10k_cny": 2400000},
			  {"code": "511112", "gdp_10k_cny": 1800000}]}""";

	static final String STEP_EXAMPLE = """
			{"comment": "Agreed at the meeting of 2026-12-01 · 2026-12-01 会议同意"}""";

	private final BudgetVersions versions;
	private final Execution execution;

	BudgetYearApi(BudgetVersions versions, Execution execution) {
		this.versions = versions;
		this.execution = execution;
	}

	@GetMapping("/api/v1/budget/years/{year}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getBudgetYear", summary = "The year's city carbon budget · 年度城市碳预算", description = """
			The year's latest published version, else its latest draft: total_t = Σ holders' budget_t + reserve_t + pool_t +
			sink_credit_t once allocated, summed over the top holders (counties and the parks and enterprises the city allocates
			directly, whose parent is the city's code); a county's or park's budget_t contains the holders below it (common_t
			is its own part). A county officer sees its county and the parks and enterprises below it, a park manager its park
			and its enterprises, an enterprise user its own line. National-ETS enterprises are listed with national_ets and
			budget_t 0 unless overridden; pre_allocated_t is the part issued before the true-up. used, forecast and warning
			come from the stored execution of the published version (execution_status COMPUTED; GET …/execution has the
			details); null with execution_status NOT_AVAILABLE for a draft, before the first computation or before the year's
			first month is over. 404 when the year has no version.
			该年度最新已发布版本，否则最新草稿；分配后 total_t = 各单位 budget_t 之和 + reserve_t + pool_t + sink_credit_t。
			恒等式按顶层单位（区县及市直接分配的园区、企业，其上级为市级代码）求和；区县、园区预算包含其下级单位预算（common_t 为自留部分）。
			区县人员看到本区县及其园区、企业，园区管理员看到本园区及其企业，企业用户只看到本企业。全国碳市场企业标注 national_ets，
			除非办公室说明理由，否则预算为 0；pre_allocated_t 为清算前的预分配量。执行情况（used、forecast、warning）取自已发布版本的计算结果，草稿或尚未计算时为 null。该年度无版本时返回 404。""")
	BudgetYear get(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year) {
		return execution.fill(versions.current(checkedYear(year)));
	}

	@GetMapping("/api/v1/public/budget/years/{year}")
	@Operation(operationId = "getPublishedBudgetYear", summary = "The year's published city carbon budget, county level · 已发布的年度城市碳预算（区县级）",
			description = """
					The year's latest published version with the county-level budgets and, once computed, their warning levels
					(used and forecast stay null for the public), for everyone; drafts are never shown (404).
					该年度最新已发布版本及区县级预算，计算后附预警等级（公开时不显示已使用量与预测），公开可读；草稿不公开（404）。""")
	BudgetYear getPublished(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year) {
		return execution.fillWarnings(versions.published(checkedYear(year)));
	}

	@PostMapping("/api/v1/budget/years/{year}/versions")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "createBudgetDraft", summary = "Create the next draft version of a year's city budget · 新建年度城市碳预算草稿版本",
			description = """
					From the office's inputs: I*_t = base intensity × (1 − rate), where rate is decline_rate, else the required cut
					r = 1 − ((1 − period_target_cut) ÷ (1 − achieved_cut))^(1/years_left); city_budget_t = I*_t × forecast GDP;
					total_t = min(city_budget_t, total_cap_t). The reserve (reserve_share × total_t), the pool and the sink credit
					(sink_credit_t, else min(Σ ΔS of the year's sink ledger, β × total_t); at most β, default 5 %, of total_t; sinks never
					enter the intensity figures) are carved out; what remains is allocatable. The indicator-2 target of the plan is
					not read yet: period_target_cut is entered.
					由办公室录入：目标强度 = 上年强度 × (1 − 下降率)，下降率取 decline_rate，未填则取剩余年份年均需下降率；
					城市预算 = 目标强度 × 预测 GDP；总量 = min(城市预算, 总量上限)。扣除预留（比例 × 总量）、重大项目池和碳汇抵扣（未填时取当年碳汇台账增量合计与 β × 总量的较小值，不超过总量的 β，默认 5%；碳汇不计入强度）后为可分配量。
					尚未从规划读取指标 2 的目标：五年期下降目标由办公室录入。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetDraftBody.class),
			examples = @ExampleObject(name = "required cut over two years · 按剩余两年需下降率", value = DRAFT_EXAMPLE)))
	BudgetYear createDraft(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@RequestBody BudgetDraftBody body) {
		checkedYear(year);
		return versions.createDraft(year, body.inputs());
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/allocation")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "allocateBudgetDraft", summary = "Allocate a draft to the counties by a method · 按方法将草稿分配到区县",
			description = """
					Divides the draft's allocatable_t among the counties (registry codes) by the method, with the preview's
					arithmetic and figures (whole tonnes, largest remainder); the sub-tonne rest joins the reserve. Replaces an
					earlier allocation of the same draft; a published version is refused (409).
					按所选方法将草稿的可分配量分配到各区县（登记的区划代码），算法与预览相同（整吨、最大余数法），不足一吨的余量计入预留。
					重新分配会替换该草稿原有分配；已发布版本不可修改（409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetDraftAllocationBody.class),
			examples = @ExampleObject(name = "three counties by GDP · 三个区县按 GDP 分配", value = ALLOCATION_EXAMPLE)))
	BudgetYear allocate(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number within the year, from 1 · 版本号", example = "1") @PathVariable int version,
			@RequestBody BudgetDraftAllocationBody body) {
		checkedYear(year);
		return versions.allocate(year, version, body.method(), body.holderInputs());
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/advance")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "advanceBudgetVersion", summary = "Take the next approval step of a version · 推进预算版本的下一审批步骤",
			description = """
					DRAFT → COUNTY_REVIEW (city roles, allocated drafts only, else 422), COUNTY_REVIEW → CITY_REVIEW (a county
					officer or a city role), CITY_REVIEW → LEADING_GROUP_REVIEW (city roles); the step, its role and comment are kept
					and audited. A version awaiting the leading group is published instead (422); a published one is refused (409).
					草稿 → 区县审核（市级角色，仅已分配的草稿，否则 422），区县审核 → 市级审核（区县人员或市级角色），市级审核 → 领导小组审批（市级角色）；
					步骤、角色与意见均保存并记入审计日志。待领导小组审批的版本应发布（422）；已发布版本不可修改（409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetStepBody.class),
			examples = @ExampleObject(name = "a comment · 审核意见", value = STEP_EXAMPLE)))
	BudgetYear advance(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number within the year, from 1 · 版本号", example = "1") @PathVariable int version,
			@RequestBody(required = false) BudgetStepBody body) {
		checkedYear(year);
		return versions.advance(year, version, BudgetStepBody.comment(body));
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/publish")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "publishBudgetVersion", summary = "Publish a version the leading group approved; it never changes afterwards · 发布经领导小组审批的版本（发布后不可修改）",
			description = """
					Records the leading group's approval (by a city role: the platform has no leading-group role) and publishes.
					A version not in LEADING_GROUP_REVIEW is refused (422); a published one too (409).
					由市级角色记录领导小组的审批并发布（平台尚无领导小组角色）。未处于领导小组审批的版本不可发布（422）；已发布版本亦不可再次发布（409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetStepBody.class),
			examples = @ExampleObject(name = "the leading group's decision · 领导小组决定", value = STEP_EXAMPLE)))
	BudgetYear publish(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number within the year, from 1 · 版本号", example = "1") @PathVariable int version,
			@RequestBody(required = false) BudgetStepBody body) {
		checkedYear(year);
		return versions.publish(year, version, BudgetStepBody.comment(body));
	}

	/** A step's comment. */
	@Schema(name = "BudgetStepBody", description = "A comment on an approval step · 审批意见")
	record BudgetStepBody(@Schema(description = "The comment, text, at most 2000 characters · 意见", maxLength = MAX_SOURCE,
			example = "Agreed at the meeting of 2026-12-01 · 2026-12-01 会议同意") String comment) {

		static String comment(BudgetStepBody body) {
			if (body == null || body.comment() == null || body.comment().isBlank()) {
				return null;
			}
			List<InputError> errors = new ArrayList<>();
			InputBounds.length(errors, "comment", body.comment(), MAX_SOURCE);
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return body.comment().strip();
		}
	}

	static int checkedYear(int year) {
		if (year < MIN_YEAR || year > MAX_YEAR) {
			throw new InvalidInputException("year", "must lie between " + MIN_YEAR + " and " + MAX_YEAR + ", got " + year);
		}
		return year;
	}

	/** The office's inputs of a draft. */
	@Schema(name = "BudgetDraftBody", description = "The office's inputs of a year's city budget · 年度城市碳预算的录入数据")
	record BudgetDraftBody(
			@JsonProperty("base_intensity_t_per_10k_cny") @Schema(description = "I_{t−1}: the previous year's CO2 per GDP, tCO2 per 10k CNY at constant prices, above 0 · 上年单位 GDP 二氧化碳排放，吨/万元（不变价）",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", exclusiveMinimum = true, maximum = BudgetAllocation.MAX_INTENSITY, example = "0.62") BigDecimal baseIntensity,
			@JsonProperty("decline_rate") @Schema(description = "r_t: the year's intensity cut, fraction of 1 (0.035 is 3.5 %), -1 to 1; required unless the period's figures are given, and preferred over the required cut · 年度强度下降率",
					minimum = "-1", maximum = "1", example = "0.035") BigDecimal declineRate,
			@JsonProperty("period_target_cut") @Schema(description = "R: the five-year period's intensity cut, fraction of 1, 0 to below 1 · 五年期强度下降目标",
					minimum = "0", maximum = "1", exclusiveMaximum = true, example = "0.18") BigDecimal periodTargetCut,
			@JsonProperty("achieved_cut") @Schema(description = "R_a: the cut achieved so far in the period, fraction of 1, -1 to below 1 · 本期已完成下降率",
					minimum = "-1", maximum = "1", exclusiveMaximum = true, example = "0.08") BigDecimal achievedCut,
			@JsonProperty("years_left") @Schema(description = "n_left: years left in the period, this year included, 1 to 5, years · 本期剩余年数（含当年）",
					minimum = "1", maximum = "5", example = "2") Integer yearsLeft,
			@JsonProperty("forecast_gdp_10k_cny") @Schema(description = "GDP^f_t: forecast GDP of the year at constant prices, 10k CNY, at least 0 · 预测 GDP（不变价），万元",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = BudgetAllocation.MAX_GDP_10K_CNY, example = "25000000") BigDecimal forecastGdp,
			@JsonProperty("total_cap_t") @Schema(description = "Optional cap on the total, tCO2, at least 0 (总量调控为辅) · 总量上限，吨二氧化碳（可选）",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "15000000") BigDecimal totalCap,
			@JsonProperty("reserve_share") @Schema(description = "Share of the total kept as reserve, fraction of 1, 0 to below 1; default 0.05 · 预留比例，默认 0.05",
					minimum = "0", maximum = "1", exclusiveMaximum = true, example = "0.05") BigDecimal reserveShare,
			@JsonProperty("pool_t") @Schema(description = "The major-project pool, tCO2, at least 0; default 0 · 重大项目池，吨二氧化碳",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "300000") BigDecimal pool,
			@JsonProperty("sink_credit_t") @Schema(description = "The sink credit, tCO2, at least 0 and at most β (plan folder, default 5 %) of the total; default min(Σ ΔS of the year's sink ledger, β × total) · 碳汇抵扣量，吨二氧化碳（不超过总量的 β，默认 5%；未填时取当年碳汇台账增量合计与 β × 总量的较小值）",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "50000") BigDecimal sinkCredit,
			@Schema(description = "Where the inputs come from (documents, decisions), text, 1 to 2000 characters · 数据来源（文件、决定）",
					requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_SOURCE, example = "Statistics bureau bulletin 2026 · 2026 年统计公报") String source) {

		DraftInputs inputs() {
			List<InputError> errors = new ArrayList<>();
			required(errors, "base_intensity_t_per_10k_cny", baseIntensity);
			required(errors, "forecast_gdp_10k_cny", forecastGdp);
			if (source == null || source.isBlank()) {
				errors.add(InputError.field("source", "is required"));
			}
			InputBounds.length(errors, "source", source, MAX_SOURCE);
			if (BudgetApi.magnitude(errors, "base_intensity_t_per_10k_cny", baseIntensity, BudgetAllocation.MAX_INTENSITY, BudgetAllocation.MAX_DECIMALS_T)) {
				InputBounds.positive(errors, "base_intensity_t_per_10k_cny", baseIntensity, new BigDecimal(BudgetAllocation.MAX_INTENSITY));
			}
			fraction(errors, "decline_rate", declineRate, BigDecimal.ONE.negate(), false);
			fraction(errors, "period_target_cut", periodTargetCut, BigDecimal.ZERO, true);
			fraction(errors, "achieved_cut", achievedCut, BigDecimal.ONE.negate(), true);
			if (yearsLeft != null && (yearsLeft < 1 || yearsLeft > MAX_YEARS_LEFT)) {
				errors.add(InputError.field("years_left", "must lie between 1 and " + MAX_YEARS_LEFT + ", got " + yearsLeft));
			}
			nonNegative(errors, "forecast_gdp_10k_cny", forecastGdp, BudgetAllocation.MAX_GDP_10K_CNY, BudgetAllocation.MAX_DECIMALS);
			nonNegative(errors, "total_cap_t", totalCap, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			fraction(errors, "reserve_share", reserveShare, BigDecimal.ZERO, true);
			nonNegative(errors, "pool_t", pool, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			nonNegative(errors, "sink_credit_t", sinkCredit, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return new DraftInputs(baseIntensity, declineRate, periodTargetCut, achievedCut, yearsLeft, forecastGdp, totalCap,
					reserveShare == null ? new BigDecimal("0.05") : reserveShare, pool == null ? BigDecimal.ZERO : pool,
					sinkCredit, source.strip());
		}

		private static void required(List<InputError> errors, String field, Object v) {
			if (v == null) {
				errors.add(InputError.field(field, "is required"));
			}
		}

		/** A fraction from {@code min} to 1 (1 excluded where {@code belowOne}), at most 12 decimals. */
		private static void fraction(List<InputError> errors, String field, BigDecimal v, BigDecimal min, boolean belowOne) {
			if (v == null || !BudgetApi.magnitude(errors, field, v, "1", BudgetAllocation.MAX_DECIMALS)) {
				return;
			}
			if (v.compareTo(min) < 0 || (belowOne ? v.compareTo(BigDecimal.ONE) >= 0 : v.compareTo(BigDecimal.ONE) > 0)) {
				errors.add(InputError.field(field, "must lie between " + min.toPlainString() + " and 1" + (belowOne ? " (1 excluded)" : "")
						+ ", got " + InputBounds.shown(v)));
			}
		}

		private static void nonNegative(List<InputError> errors, String field, BigDecimal v, String max, int decimals) {
			if (v != null && BudgetApi.magnitude(errors, field, v, max, decimals) && v.signum() < 0) {
				errors.add(InputError.field(field, "must be at least 0, got " + InputBounds.shown(v)));
			}
		}
	}

	/** How to allocate a draft: the method and the counties' figures (the preview's holder figures). */
	@Schema(name = "BudgetDraftAllocationBody", description = "The method and the counties' figures · 分配方法与各区县基础数据")
	record BudgetDraftAllocationBody(
			@Schema(description = "The allocation method · 分配方法", requiredMode = Schema.RequiredMode.REQUIRED) BudgetAllocation.Method method,
			@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The counties (registry codes), 1 to 5000, codes unique; parks and enterprises come later · 各区县（登记代码），代码不得重复；园区与企业后续支持"),
					minItems = 1, maxItems = BudgetAllocation.MAX_HOLDERS) List<BudgetApi.HolderFigures> holders) {

		/** The holders as the arithmetic takes them, checked as the preview checks them (magnitudes, decimals). */
		List<BudgetAllocation.Holder> holderInputs() {
			return new BudgetApi.AllocationPreviewBody(BigDecimal.ZERO, BigDecimal.ZERO, method, holders).request().holders();
		}
	}
}
