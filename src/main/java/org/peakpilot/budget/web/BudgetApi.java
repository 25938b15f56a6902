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
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Carbon budgets over REST: the allocation preview (ADR 0016). */
@RestController
@RequestMapping("/api/v1/budget")
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetApi {

	static final String EXAMPLE = """
			{"total_t": 1000000, "reserve_share": 0.05, "method": "GDP_SHARE", "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000, "population": 1150000, "base_emissions_t": 420000},
			  {"code": "511111", "gdp_10k_cny": 2400000, "population": 420000, "base_emissions_t": 310000},
			  {"code": "511112", "gdp_10k_cny": 1800000, "population": 330000, "base_emissions_t": 270000}]}""";

	private final CarbonBudgets budgets;

	BudgetApi(CarbonBudgets budgets) {
		this.budgets = budgets;
	}

	@PostMapping("/allocations/preview")
	@Operation(operationId = "previewBudgetAllocation",
			summary = "Preview an allocation of a carbon budget, storing nothing · 预览碳预算分配（不保存）",
			description = """
					Divides total_t (tCO2) among the holders by the method: allocatable_t = total_t × (1 − reserve_share)
					rounded half up to whole tonnes (never above total_t); each holder's raw figure by the method; budget_t = allocatable_t × raw ÷ Σ raw
					in whole tonnes by largest remainder (equal remainders to the smaller code); reserve_t = total_t − Σ budget_t,
					so budgets plus reserve equal the total exactly. Each method reads only its fields (see method); a field it
					needs that is missing, a negative total, a reserve share outside 0 ≤ s < 1, an unknown method or duplicate codes
					are answered 400 naming the field (holders[3].gdp_10k_cny). A holder with zero GDP and a reserve share of 0 are
					valid. Any signed-in user may call it: it reads and stores nothing.
					按所选方法将 total_t（吨二氧化碳）分配给各单位：可分配量 = 总量 × (1 − 预留比例)，四舍五入到整吨；各单位按方法取原始值；
					预算 = 可分配量 × 原始值 ÷ 原始值之和，按最大余数法取整吨（余数相同时代码小者优先）；预留量 = 总量 − 各预算之和，
					预算与预留量之和恰等于总量。各方法只读取所需字段；缺少所需字段、总量为负、预留比例不在 0 ≤ s < 1、方法未知或代码重复时
					返回 400 并指出字段。GDP 为 0 的单位和预留比例 0 均有效。任何已登录用户均可调用：不读取也不保存任何数据。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = AllocationPreviewBody.class),
			examples = @ExampleObject(name = "three counties by GDP · 三个区县按 GDP 分配", value = EXAMPLE)))
	@ApiResponse(responseCode = "200", description = "The budgets, the reserve and the method's figures · 各单位预算、预留量及计算依据",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BudgetAllocation.Preview.class)))
	@ApiResponse(responseCode = "400", description = "A field the method cannot use, named by its path in the body · 输入有误（指出字段）",
			content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "missing GDP · 缺少 GDP", value = """
					{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400,
					 "detail": "holders[1].gdp_10k_cny: is required for this method", "instance": "/api/v1/budget/allocations/preview",
					 "errors": [{"row": null, "field": "holders[1].gdp_10k_cny", "message": "is required for this method"}]}""")))
	BudgetAllocation.Preview preview(@RequestBody AllocationPreviewBody body) {
		return budgets.previewAllocation(body.request());
	}

	/** The preview's body, snake_case as the issue writes it; numbers checked for magnitude before they become quantities. */
	@Schema(name = "BudgetAllocationPreviewBody", description = "What to divide and among whom · 分配的总量、方法与单位")
	record AllocationPreviewBody(
			@JsonProperty("total_t") @Schema(description = "The total to divide, tCO2, at least 0, at most 6 decimals · 预算总量，吨二氧化碳",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = BudgetAllocation.MAX_T, example = "1000000") BigDecimal totalT,
			@JsonProperty("reserve_share") @Schema(description = "Share of the total kept as reserve, fraction of 1, at least 0 and below 1 (0.05 is 5 %) · 预留比例（0.05 即 5%）",
					requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "1", exclusiveMaximum = true, example = "0.05") BigDecimal reserveShare,
			@Schema(description = "The allocation method · 分配方法", requiredMode = Schema.RequiredMode.REQUIRED) BudgetAllocation.Method method,
			@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The holders (counties, parks, enterprises), 1 to 5000, codes unique · 预算单位（区县、园区、企业），代码不得重复"),
					minItems = 1, maxItems = BudgetAllocation.MAX_HOLDERS) List<HolderFigures> holders) {

		/** The typed request, after the magnitudes and decimals are checked (every error at once, each named). */
		BudgetAllocation.Request request() {
			List<InputError> errors = new ArrayList<>();
			number(errors, "total_t", totalT, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			number(errors, "reserve_share", reserveShare, "1", BudgetAllocation.MAX_DECIMALS);
			if (holders != null && holders.size() <= BudgetAllocation.MAX_HOLDERS) {
				for (int i = 0; i < holders.size(); i++) {
					HolderFigures h = holders.get(i);
					if (h != null) {
						h.check(errors, "holders[" + i + "].");
					}
				}
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return new BudgetAllocation.Request(Tco2.of(totalT), reserveShare, method,
					holders == null ? null : holders.stream().map(h -> h == null ? null : h.holder()).toList());
		}
	}

	/** One holder's figures; each method reads only those it needs. */
	@Schema(name = "BudgetAllocationHolderFigures", description = "One holder's figures; each method reads only those it needs · 单位的基础数据（各方法只读取所需字段）")
	record HolderFigures(
			@Schema(description = "The holder's code, unique in the request, at most 64 characters (a region code, a park code, a USCC) · 单位代码",
					requiredMode = Schema.RequiredMode.REQUIRED, maxLength = BudgetAllocation.MAX_CODE_LENGTH, example = "511102") String code,
			@JsonProperty("gdp_10k_cny") @Schema(description = "GDP (or value added), 万元 10k CNY, at least 0; GDP_SHARE and ENTROPY · 地区生产总值（增加值），万元",
					minimum = "0", maximum = BudgetAllocation.MAX_GDP_10K_CNY, example = "6500000") BigDecimal gdp10kCny,
			@Schema(description = "Resident population, persons, at least 0 (above 0 for ENTROPY); POPULATION_SHARE and ENTROPY · 常住人口，人",
					minimum = "0", maximum = BudgetAllocation.MAX_POPULATION, example = "1150000") BigDecimal population,
			@JsonProperty("base_emissions_t") @Schema(description = "Base (historical) emissions, tCO2, at least 0 (above 0 for ENTROPY); GRANDFATHERING, BASE_PLUS_INCREMENT and ENTROPY · 基准（历史）排放量，吨二氧化碳",
					minimum = "0", maximum = BudgetAllocation.MAX_T, example = "420000") BigDecimal baseEmissionsT,
			@JsonProperty("base_intensity_t_per_10k_cny") @Schema(description = "Base carbon intensity, tCO2 per 10k CNY (吨/万元), at least 0; INTENSITY_DECLINE · 基准碳排放强度，吨二氧化碳/万元",
					minimum = "0", maximum = BudgetAllocation.MAX_INTENSITY, example = "0.46") BigDecimal baseIntensityTPer10kCny,
			@JsonProperty("forecast_gdp_10k_cny") @Schema(description = "Forecast GDP of the budget year at constant prices, 万元 10k CNY, at least 0; INTENSITY_DECLINE · 预算年度预测 GDP（不变价），万元",
					minimum = "0", maximum = BudgetAllocation.MAX_GDP_10K_CNY, example = "6800000") BigDecimal forecastGdp10kCny,
			@JsonProperty("decline_rate") @Schema(description = "Intensity decline of the year, fraction of 1 (0.035 is a 3.5 % decline; negative lets it rise), -1 to 1; INTENSITY_DECLINE · 强度下降率（0.035 即下降 3.5%）",
					minimum = "-1", maximum = "1", example = "0.035") BigDecimal declineRate,
			@Schema(description = "Weight for sharing the increment (or cut) over Σ base emissions, any number at least 0, relative to the others; BASE_PLUS_INCREMENT · 分增量权重（相对值）",
					minimum = "0", maximum = BudgetAllocation.MAX_WEIGHT, example = "1") BigDecimal weight,
			@Schema(description = "Output of the budget year (forecast, or verified at the true-up), in the product's unit (t of clinker, MWh, 10k CNY of output value), at least 0; OUTPUT_BENCHMARK and HISTORICAL_INTENSITY · 预算年度产量（产品单位：吨熟料、兆瓦时、万元产值）",
					minimum = "0", maximum = BudgetAllocation.MAX_OUTPUT, example = "1200000") BigDecimal output,
			@JsonProperty("benchmark_t_per_unit") @Schema(description = "Benchmark intensity of the product, tCO2 per unit of output, at least 0; OUTPUT_BENCHMARK · 产品基准碳排放强度，吨二氧化碳/产品单位",
					minimum = "0", maximum = BudgetAllocation.MAX_UNIT_INTENSITY, example = "0.86") BigDecimal benchmarkTPerUnit,
			@JsonProperty("historical_intensity_t_per_unit") @Schema(description = "The holder's historical (base-period average) intensity, tCO2 per unit of output, at least 0; HISTORICAL_INTENSITY · 历史平均碳排放强度，吨二氧化碳/产品单位",
					minimum = "0", maximum = BudgetAllocation.MAX_UNIT_INTENSITY, example = "0.91") BigDecimal historicalIntensityTPerUnit,
			@JsonProperty("control_factor") @Schema(description = "Control factor f, fraction (0.98 cuts 2 %), 0 to 10, default 1; the enterprise methods · 调整（控排）系数，默认 1",
					minimum = "0", maximum = BudgetAllocation.MAX_CONTROL_FACTOR, example = "0.98") BigDecimal controlFactor,
			@Schema(description = "Operating days of the year, 0 to 366, default 365 (a unit closing or starting mid-year); HISTORICAL_EMISSIONS multiplies by days ÷ 365 · 年运行天数，默认 365",
					minimum = "0", maximum = "366", example = "365") Integer days) {

		/** The figures of the six regional methods (no enterprise figures). */
		HolderFigures(String code, BigDecimal gdp10kCny, BigDecimal population, BigDecimal baseEmissionsT, BigDecimal baseIntensityTPer10kCny,
				BigDecimal forecastGdp10kCny, BigDecimal declineRate, BigDecimal weight) {
			this(code, gdp10kCny, population, baseEmissionsT, baseIntensityTPer10kCny, forecastGdp10kCny, declineRate, weight, null, null, null,
					null, null);
		}

		void check(List<InputError> errors, String at) {
			InputBounds.length(errors, at + "code", code, BudgetAllocation.MAX_CODE_LENGTH);
			number(errors, at + "gdp_10k_cny", gdp10kCny, BudgetAllocation.MAX_GDP_10K_CNY, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "population", population, BudgetAllocation.MAX_POPULATION, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "base_emissions_t", baseEmissionsT, BudgetAllocation.MAX_T, BudgetAllocation.MAX_DECIMALS_T);
			number(errors, at + "base_intensity_t_per_10k_cny", baseIntensityTPer10kCny, BudgetAllocation.MAX_INTENSITY,
					BudgetAllocation.MAX_DECIMALS_T);
			number(errors, at + "forecast_gdp_10k_cny", forecastGdp10kCny, BudgetAllocation.MAX_GDP_10K_CNY, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "decline_rate", declineRate, "1", BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "weight", weight, BudgetAllocation.MAX_WEIGHT, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "output", output, BudgetAllocation.MAX_OUTPUT, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "benchmark_t_per_unit", benchmarkTPerUnit, BudgetAllocation.MAX_UNIT_INTENSITY, BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "historical_intensity_t_per_unit", historicalIntensityTPerUnit, BudgetAllocation.MAX_UNIT_INTENSITY,
					BudgetAllocation.MAX_DECIMALS);
			number(errors, at + "control_factor", controlFactor, BudgetAllocation.MAX_CONTROL_FACTOR, BudgetAllocation.MAX_DECIMALS);
		}

		BudgetAllocation.Holder holder() {
			return new BudgetAllocation.Holder(code, Cny10k.of(gdp10kCny), population, Tco2.of(baseEmissionsT),
					Tco2PerCny10k.of(baseIntensityTPer10kCny), Cny10k.of(forecastGdp10kCny), declineRate, weight, output, benchmarkTPerUnit,
					historicalIntensityTPerUnit, controlFactor, days);
		}
	}

	/**
	 * A number's magnitude (|v| at most {@code max}; the sign is the arithmetic's rule) and decimals, checked before it
	 * is rounded or multiplied: {@code 1e999999999} or {@code 1e-999999999} would otherwise cost the server its memory.
	 */
	static void number(List<InputError> errors, String field, BigDecimal v, String max, int decimals) {
		magnitude(errors, field, v, max, decimals);
	}

	/** As {@link #number}, answering whether the number passed (null passes). */
	static boolean magnitude(List<InputError> errors, String field, BigDecimal v, String max, int decimals) {
		if (v == null) {
			return true;
		}
		if (v.abs().compareTo(new BigDecimal(max)) > 0) {
			errors.add(InputError.field(field, "must be at most " + max + " in size, got " + InputBounds.shown(v)));
			return false;
		}
		if (v.stripTrailingZeros().scale() > decimals) {
			errors.add(InputError.field(field, "at most " + decimals + " decimals"));
			return false;
		}
		return true;
	}
}
