package org.peakpilot.budget;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

/**
 * One allocation of a carbon budget: what is divided ({@link Request}), by which {@link Method}, and the answer
 * ({@link Preview}) with the method's intermediate figures. The bounds below are the ones the API validates and
 * documents (one source).
 */
public final class BudgetAllocation {

	/** At most this many holders in one allocation (Leshan: 11 counties, tens of parks, about 1,000 enterprises). */
	public static final int MAX_HOLDERS = 5000;

	/** Longest holder code (a region code, a park code, a USCC of 18 characters fit). */
	public static final int MAX_CODE_LENGTH = 64;

	/** Largest total or base emissions, tCO2 (China emits about 1.3e10 t a year). */
	public static final String MAX_T = "1e12";

	/** Largest GDP or forecast GDP, 10k CNY (China's GDP is about 1.3e10 万元). */
	public static final String MAX_GDP_10K_CNY = "1e10";

	/** Largest population, persons. */
	public static final String MAX_POPULATION = "2e9";

	/** Largest base intensity, tCO2 per 10k CNY (the plan's highest zone cap is about 16). */
	public static final String MAX_INTENSITY = "1e4";

	/** Largest weight of BASE_PLUS_INCREMENT. */
	public static final String MAX_WEIGHT = "1e12";

	/** Most decimals of a figure in tCO2 or tCO2 per 10k CNY ({@code shared.Rounding.SCALE}). */
	public static final int MAX_DECIMALS_T = 6;

	/** Most decimals of any other figure. */
	public static final int MAX_DECIMALS = 12;

	/** Largest output of an enterprise, in its product's unit (t, MWh, 10k CNY). */
	public static final String MAX_OUTPUT = "1e12";

	/** Largest benchmark or historical intensity, tCO2 per unit of output. */
	public static final String MAX_UNIT_INTENSITY = "1e4";

	/** Largest control factor f of the enterprise methods (a factor above 1 lets a holder grow). */
	public static final String MAX_CONTROL_FACTOR = "10";

	/** Days of a year in HISTORICAL_EMISSIONS' days ÷ 365 (operating days at most 366). */
	public static final int YEAR_DAYS = 365;
	public static final int MAX_DAYS = 366;

	private BudgetAllocation() {
	}

	/** How the allocatable total is shared: each holder's raw figure, then budget = allocatable × raw ÷ Σ raw. */
	@Schema(name = "BudgetAllocationMethod", description = """
			How the allocatable total is shared; each method reads only its fields · 分配方法（各方法只读取所需字段）：
			GDP_SHARE gdp_10k_cny; POPULATION_SHARE population; GRANDFATHERING base_emissions_t; INTENSITY_DECLINE
			base_intensity_t_per_10k_cny × (1 − decline_rate) × forecast_gdp_10k_cny; BASE_PLUS_INCREMENT base_emissions_t +
			(allocatable − Σ base_emissions_t) × weight ÷ Σ weight; ENTROPY entropy-weighted score of population,
			base_emissions_t ÷ population, gdp_10k_cny ÷ base_emissions_t, gdp_10k_cny ÷ population and base_emissions_t;
			enterprises and parks (BUDGET-ADMISSION §3.1): OUTPUT_BENCHMARK output × benchmark_t_per_unit × control_factor;
			HISTORICAL_INTENSITY historical_intensity_t_per_unit × output × control_factor; HISTORICAL_EMISSIONS
			base_emissions_t × control_factor × days ÷ 365 (control_factor default 1, days default 365); every raw figure is then
			scaled to the amount divided · 企业与园区方法：产量×基准强度×调整系数；历史强度×产量×调整系数；历史排放×调整系数×天数/365，再按比例缩放到可分配量""")
	public enum Method {
		/** raw = GDP, 10k CNY. */
		GDP_SHARE,
		/** raw = population, persons. */
		POPULATION_SHARE,
		/** raw = base (historical) emissions, tCO2. */
		GRANDFATHERING,
		/** raw = base intensity × (1 − decline rate) × forecast GDP, tCO2. */
		INTENSITY_DECLINE,
		/** raw = base emissions + (allocatable − Σ base emissions) × weight ÷ Σ weight, tCO2 (定基数、分增量). */
		BASE_PLUS_INCREMENT,
		/** raw = entropy-weighted composite score S_i, 0 to 1 (BUDGET-ADMISSION §3.1 method 5). */
		ENTROPY,
		/** Enterprises: raw = output × benchmark intensity × f, tCO2 (§3.1 "Enterprises and parks"). */
		OUTPUT_BENCHMARK,
		/** Enterprises: raw = historical intensity × output × f, tCO2. */
		HISTORICAL_INTENSITY,
		/** Enterprises: raw = historical emissions × f × days ÷ 365, tCO2. */
		HISTORICAL_EMISSIONS;

		/** Whether the method reads an enterprise's output or history (not a region's GDP, population or emissions). */
		public boolean forEnterprises() {
			return this == OUTPUT_BENCHMARK || this == HISTORICAL_INTENSITY || this == HISTORICAL_EMISSIONS;
		}

		/** The methods that divide among regions (counties): those that read GDP, population and emissions. */
		public static List<Method> forRegions() {
			return java.util.Arrays.stream(values()).filter(m -> !m.forEnterprises()).toList();
		}
	}

	/**
	 * What to divide: a total in tCO2 (at least 0), the reserve share (at least 0 and below 1), the method and the
	 * holders with the figures the method reads (others may be null).
	 */
	public record Request(Tco2 total, BigDecimal reserveShare, Method method, List<Holder> holders) {
	}

	/**
	 * One holder's figures: GDP and forecast GDP in 10k CNY, population in persons, base emissions in tCO2, base
	 * intensity in tCO2 per 10k CNY, the decline rate as a fraction (0.035 is 3.5 %; negative lets the intensity rise)
	 * and a weight (any non-negative number, relative to the others); for the enterprise methods the output of the year
	 * in the product's unit, the benchmark and the historical intensity in tCO2 per unit of output, the control factor
	 * f (null: 1) and the operating days (null: 365).
	 */
	public record Holder(String code, Cny10k gdp, BigDecimal population, Tco2 baseEmissions, Tco2PerCny10k baseIntensity,
			Cny10k forecastGdp, BigDecimal declineRate, BigDecimal weight, BigDecimal output, BigDecimal benchmarkIntensity,
			BigDecimal historicalIntensity, BigDecimal controlFactor, Integer days) {

		/** A holder of the six regional methods (no enterprise figures). */
		public Holder(String code, Cny10k gdp, BigDecimal population, Tco2 baseEmissions, Tco2PerCny10k baseIntensity,
				Cny10k forecastGdp, BigDecimal declineRate, BigDecimal weight) {
			this(code, gdp, population, baseEmissions, baseIntensity, forecastGdp, declineRate, weight, null, null, null, null, null);
		}

		/** f, 1 when not given. */
		public BigDecimal factor() {
			return controlFactor == null ? BigDecimal.ONE : controlFactor;
		}

		/** Operating days, 365 when not given. */
		public int operatingDays() {
			return days == null ? YEAR_DAYS : days;
		}
	}

	/** The allocation and how it came about; budgets plus reserve equal the total exactly. */
	@Schema(name = "BudgetAllocationPreview", description = "An allocation computed and not stored · 预算分配预览（不保存）")
	public record Preview(
			@Schema(description = "The method used · 分配方法") Method method,
			@JsonProperty("total_t") @Schema(description = "The total divided, tCO2 · 预算总量，吨二氧化碳") Tco2 total,
			@JsonProperty("reserve_share") @Schema(description = "The reserve share asked for, fraction of 1 · 预留比例") BigDecimal reserveShare,
			@JsonProperty("allocatable_t") @Schema(description = "total_t × (1 − reserve_share) rounded half up to whole tonnes (at most total_t's whole tonnes): the sum of the budgets, tCO2 · 可分配量（取整吨），即各预算之和") Tco2 allocatable,
			@JsonProperty("reserve_t") @Schema(description = "total_t − Σ budget_t, tCO2 · 预留量 = 总量 − 各预算之和") Tco2 reserve,
			@JsonProperty("raw_sum") @Schema(description = "Σ raw over the holders, in the method's unit · 各单位原始值之和") BigDecimal rawSum,
			@Schema(description = "Each holder's budget, in the order given · 各单位预算（按提交顺序）") List<HolderBudget> holders,
			@JsonProperty("entropy_indicators") @Schema(description = "ENTROPY only: each indicator's direction, range, entropy e_j and weight w_j; empty for other methods · 熵权法各指标的方向、取值范围、熵值与权重") List<EntropyIndicator> entropyIndicators) {
	}

	/** One holder's result. */
	@Schema(name = "BudgetAllocationHolderBudget", description = "One holder's budget and the figures behind it · 单位预算及其计算依据")
	public record HolderBudget(
			@Schema(description = "The holder's code as given · 单位代码") String code,
			@Schema(description = "The method's raw figure (GDP_SHARE 10k CNY, POPULATION_SHARE persons, ENTROPY score 0–1, otherwise tCO2) · 方法原始值") BigDecimal raw,
			@Schema(description = "raw ÷ Σ raw, fraction of 1 to 9 decimals · 份额") BigDecimal share,
			@JsonProperty("quota_t") @Schema(description = "allocatable_t × share before rounding to whole tonnes (6 decimals), tCO2 · 取整前的份额量") Tco2 quota,
			@JsonProperty("budget_t") @Schema(description = "The budget in whole tonnes (largest remainder), tCO2 · 预算（整吨，最大余数法）") Tco2 budget) {
	}

	/** One indicator of the ENTROPY method. */
	@Schema(name = "BudgetEntropyIndicator", description = "One indicator of the entropy-weighted score · 熵权法的一项指标")
	public record EntropyIndicator(
			@Schema(description = "population, emissions_per_capita, carbon_productivity, gdp_per_capita or historical_emissions · 指标名") String indicator,
			@Schema(description = "POSITIVE: more of it, more budget; NEGATIVE: more of it, less budget · 方向") Direction direction,
			@Schema(description = "Smallest value over the holders, in the indicator's unit · 最小值") BigDecimal min,
			@Schema(description = "Largest value over the holders, in the indicator's unit · 最大值") BigDecimal max,
			@Schema(description = "Entropy e_j, 0 to 1 (1 when the indicator is the same for every holder), 9 decimals · 熵值") BigDecimal entropy,
			@Schema(description = "Weight w_j = (1 − e_j) ÷ Σ(1 − e_k), 9 decimals, as used in the score · 权重") BigDecimal weight) {
	}

	/** At most this many methods side by side in one comparison. */
	public static final int MAX_COMPARED_METHODS = 6;

	/** Two or more methods on the same inputs, side by side: each method's preview and each holder's budgets. */
	@Schema(name = "BudgetAllocationComparison", description = "Two or more methods on the same inputs, side by side, storing nothing · 同一输入下多种分配方法的并列比较（不保存）")
	public record Comparison(
			@Schema(description = "The methods compared, in the order asked; the first is the baseline of the differences · 参与比较的方法（按请求顺序，第一种为差额基准）") List<Method> methods,
			@JsonProperty("total_t") @Schema(description = "The total divided, tCO2 · 预算总量，吨二氧化碳") Tco2 total,
			@JsonProperty("reserve_share") @Schema(description = "The reserve share asked for, fraction of 1 · 预留比例") BigDecimal reserveShare,
			@Schema(description = "Each method's answer, exactly as the preview answers it, in the order of methods · 各方法的预览结果（与预览接口一致）") List<Preview> previews,
			@Schema(description = "Each holder's budgets under every method, in the order the holders were given · 各单位在各方法下的预算") List<ComparedHolder> holders) {
	}

	/** One holder across the methods. */
	@Schema(name = "BudgetComparedHolder", description = "One holder's budgets under each method and the differences · 单位在各方法下的预算及差额")
	public record ComparedHolder(
			@Schema(description = "The holder's code as given · 单位代码") String code,
			@Schema(description = "One entry per method, in the order of methods · 各方法下的预算（按方法顺序）") List<MethodBudget> budgets,
			@JsonProperty("min_t") @Schema(description = "The smallest of its budgets, tCO2 · 最小预算，吨二氧化碳") Tco2 min,
			@JsonProperty("max_t") @Schema(description = "The largest of its budgets, tCO2 · 最大预算，吨二氧化碳") Tco2 max,
			@JsonProperty("spread_t") @Schema(description = "max_t − min_t, tCO2 · 极差，吨二氧化碳") Tco2 spread) {
	}

	/** A holder's budget under one method. */
	@Schema(name = "BudgetMethodBudget", description = "A holder's budget under one method · 单位在某一方法下的预算")
	public record MethodBudget(
			@Schema(description = "The method · 分配方法") Method method,
			@JsonProperty("budget_t") @Schema(description = "The budget in whole tonnes, tCO2 (as the method's preview) · 预算（整吨），吨二氧化碳") Tco2 budget,
			@Schema(description = "The holder's share under the method, fraction of 1 to 9 decimals · 份额") BigDecimal share,
			@JsonProperty("difference_t") @Schema(description = "budget_t minus the budget under the first method, tCO2 (0 for the first) · 与第一种方法预算之差，吨二氧化碳") Tco2 difference) {
	}

	/** Whether more of an indicator earns more budget or less. */
	@Schema(name = "BudgetIndicatorDirection")
	public enum Direction {
		POSITIVE, NEGATIVE
	}
}
