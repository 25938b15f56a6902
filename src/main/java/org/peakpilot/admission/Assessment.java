package org.peakpilot.admission;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

/**
 * A project's assessment (项目碳评): computed, never typed in. CO2 and tce through the accounting calculator
 * (location-based; recovered CO2 shown apart, never deducted; fixed carbon as the calculator deducts it), intensities,
 * the comparisons with the mandatory limit, 基准/标杆 levels and the control zone's cap, the K grade, the regional impact
 * indices m and n for energy and CO2, the share u of the county's budget headroom, the city's path with and without
 * the project, and the verdict with every reason (rule, figure, threshold, unit, text zh and en), the conditions and
 * the tests not assessed for lack of data. {@code rulesVersion} names the version of the plan folder's
 * {@code admission.properties} that judged it. A figure that could not be computed is null and its test is listed
 * in {@code notAssessed}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AdmissionAssessment", description = "A project's assessment and verdict with reasons · 项目碳排放评价及结论")
public record Assessment(
		@JsonProperty("rules_version") @Schema(example = "leshan-2026.1", description = "The admission rules' version that judged it · 评价规则版本") String rulesVersion,
		@JsonProperty("year") @Schema(example = "2026", description = "Accounting year whose factors applied · 核算年度") int year,
		@JsonProperty("county") @Schema(example = "511111", description = "County (GB/T 2260) · 区县代码") String county,
		@JsonProperty("park") @Schema(example = "SHAWAN-EDZ", description = "Park code; absent outside a park · 园区代码") String park,
		@JsonProperty("zone_code") @Schema(example = "SHAWAN-STEEL", description = "The park's control zone; absent outside one · 所在管控区代码") String zoneCode,
		@JsonProperty("industry") @Schema(example = "3120", description = "Industry (GB/T 4754) · 行业代码") String industry,
		@JsonProperty("two_high") @Schema(description = "Whether the industry is 两高 (high energy use, high emissions) by the rules · 是否两高项目") boolean twoHigh,
		@JsonProperty("kind") @Schema(description = "NEW, EXPANSION or REVAMP · 项目类型") ProjectKind kind,
		@JsonProperty("grid_region") @Schema(example = "SICHUAN", description = "The grid factor region the calculator used · 所用电网排放因子区域") String gridRegion,
		@JsonProperty("co2_t") @Schema(description = "Annual CO2 by source, tCO2 · 年二氧化碳排放量（分来源，吨）") Co2 co2T,
		@JsonProperty("tce") @Schema(example = "61250.3", description = "Annual energy use, tce, as the calculator computes it (electricity at its calorific "
				+ "equivalent) · 年综合能耗（当量值，吨标准煤）") Tce tce,
		@JsonProperty("energy") @Schema(description = "Energy details, tce, t and kWh · 能源消费明细") Energy energy,
		@JsonProperty("increment") @Schema(description = "What the region's totals grow by: the project's figures, or for a REVAMP the figures minus the "
				+ "baseline · 新增量（改建项目为扣除基准后的增量）") Increment increment,
		@JsonProperty("intensity_t_per_10k_cny_output") @Schema(example = "0.9872",
				description = "CO2 per output value, tCO2 per 10k CNY (吨/万元工业总产值) · 单位工业总产值二氧化碳排放（吨/万元）") Tco2PerCny10k intensityPerOutput,
		@JsonProperty("intensity_t_per_10k_cny_value_added") @Schema(example = "4.936",
				description = "CO2 per value added, tCO2 per 10k CNY (吨/万元工业增加值) · 单位工业增加值二氧化碳排放（吨/万元）") Tco2PerCny10k intensityPerValueAdded,
		@JsonProperty("tce_per_10k_cny_value_added") @Schema(example = "2.0417",
				description = "Energy per value added, tce per 10k CNY · 单位工业增加值能耗（吨标准煤/万元）") BigDecimal tcePerValueAdded,
		@JsonProperty("products") @Schema(description = "Per-product intensities · 单位产品排放与能耗") List<ProductFigure> products,
		@JsonProperty("efficiency") @Schema(description = "Per-product energy against the mandatory limit and 基准/标杆 levels; absent when not assessed · "
				+ "单位产品能耗对标（限额、基准、标杆）") Efficiency efficiency,
		@JsonProperty("zone_cap") @Schema(description = "The control zone's cap compared; absent (null) outside a zone · 管控区强度上限对比（不在管控区时为空）") ZoneCap zoneCap,
		@JsonProperty("k_grade") @Schema(description = "Carbon-efficiency grade K; absent when not assessed · 碳效等级 K") KGrade kGrade,
		@JsonProperty("energy_impact") @Schema(description = "Regional impact m and n for energy; absent when not assessed · 对区域能耗的影响（m、n）") Impact energyImpact,
		@JsonProperty("co2_impact") @Schema(description = "Regional impact m and n for CO2 (bands of the energy method, our extrapolation) · "
				+ "对区域碳排放的影响（m、n）") Impact co2Impact,
		@JsonProperty("budget") @Schema(description = "Share u of the county's budget headroom in the commissioning year; absent when not assessed · "
				+ "占区县剩余碳预算比例") BudgetShare budget,
		@JsonProperty("city_path") @Schema(description = "The city's CO2 path to 2030 with and without the project; absent without an inventory · "
				+ "全市排放路径（含/不含本项目）") CityPath cityPath,
		@JsonProperty("verdict") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The verdict · 评价结论") Verdict verdict,
		@JsonProperty("reasons") @Schema(description = "Every test assessed with its effect, figure and threshold; the verdict is the highest effect · "
				+ "各项评价依据") List<Reason> reasons,
		@JsonProperty("conditions") @Schema(description = "Conditions of a CONDITIONAL verdict (or duties that come with any verdict) · 附加条件") List<Condition> conditions,
		@JsonProperty("not_assessed") @Schema(description = "Tests skipped for lack of data, never turned into a failure · 因数据缺失未评价的项目") List<NotAssessed> notAssessed,
		@JsonProperty("lines") @Schema(description = "The calculator's result per activity line, with the factor versions used · 各活动数据行计算结果（含因子版本）") List<Calculation.LineResult> lines) {

	/** The rules a reason, condition or skipped test names. */
	@Schema(name = "AdmissionRule", description = "A rule of the admission rules · 评价规则")
	public enum Rule {
		/** Order 31 Art. 8: ≥ 10,000 tce a year or ≥ 10,000 t coal (the increment for a revamp) → the province reviews. */
		ORDER31_PROVINCE,
		/** Order 31 Art. 9: ≥ 500,000 tce a year → NDRC reviews. */
		ORDER31_NDRC,
		/** Sichuan: ≥ 100,000 tCO2 a year of new fuel and process CO2 → a carbon chapter reviewed by the province. */
		SICHUAN_CARBON_CHAPTER,
		/** Sichuan: ≥ 500,000 tCO2 a year → online monitoring duty (a condition). */
		MONITORING_DUTY,
		/** A process or equipment on the banned list. */
		BANNED_PROCESS,
		/** Per-product energy above the mandatory limit (限额标准限定值). */
		MANDATORY_LIMIT,
		/** Per-product energy against the 基准/标杆 levels. */
		EFFICIENCY_LEVEL,
		/** The control zone's intensity cap. */
		ZONE_CAP,
		/** A 两高 project in a county whose budget warning is red, unless a major project. */
		TWO_HIGH_RED_COUNTY,
		/** K = the project's CO2 per output value ÷ its industry's average. */
		K_GRADE,
		/** m for energy: increment ÷ the region's five-year energy-increment control. */
		M_ENERGY,
		/** m for CO2. */
		M_CO2,
		/** n for energy: the change of the region's energy per GDP. */
		N_ENERGY,
		/** n for CO2. */
		N_CO2,
		/** u = annual CO2 ÷ the county's budget headroom in the commissioning year. */
		BUDGET_SHARE,
		/** The city's path with the project (information). */
		CITY_PATH,
		/** Green power share (a condition where it is low). */
		GREEN_POWER
	}

	/** The impact bands of m and n (BUDGET-ADMISSION §2). */
	@Schema(name = "AdmissionImpactBand", description = "MINOR 较小, SOME 一定, LARGE 较大, MAJOR 重大, DECISIVE 决定性 · 影响程度")
	public enum ImpactBand {
		MINOR, SOME, LARGE, MAJOR, DECISIVE
	}

	@Schema(name = "AdmissionCo2", description = "Annual CO2 by source, location-based, tCO2 · 年二氧化碳排放（分来源，基于位置，吨）")
	public record Co2(
			@JsonProperty("total") @Schema(example = "148100.5", description = "Total as the calculator computes it (fuel + process + electricity + heat, "
					+ "fixed carbon deducted), tCO2 · 合计（吨）") Tco2 total,
			@JsonProperty("fuel") @Schema(description = "Fuel combustion, tCO2 · 燃料燃烧（吨）") Tco2 fuel,
			@JsonProperty("process") @Schema(description = "Industrial processes, fixed carbon deducted, tCO2 · 工业过程（吨，已扣固碳）") Tco2 process,
			@JsonProperty("electricity") @Schema(description = "Purchased electricity net of exports, location-based, tCO2 · 净购入电力（吨）") Tco2 electricity,
			@JsonProperty("heat") @Schema(description = "Purchased heat net of exports, tCO2 · 净购入热力（吨）") Tco2 heat,
			@JsonProperty("fixed_carbon") @Schema(description = "Carbon fixed in products as the calculator deducts it (zero or negative), tCO2 · 产品固碳（吨，负值为扣减）") Tco2 fixedCarbon,
			@JsonProperty("recovered") @Schema(description = "CO2 recovered as stated, shown apart and not deducted, tCO2 · 回收利用量（吨，单列不扣减）") Tco2 recovered,
			@JsonProperty("fuel_and_process") @Schema(description = "Fuel + process, tCO2: what Sichuan's carbon-chapter threshold reads · 燃料燃烧与工业过程合计（吨）") Tco2 fuelAndProcess,
			@JsonProperty("market_total") @Schema(description = "Total, market-based (certified green kWh of the lines at zero), tCO2 · 合计（市场法，吨）") Tco2 marketTotal) {
	}

	@Schema(name = "AdmissionEnergy", description = "Energy details · 能源消费明细")
	public record Energy(
			@JsonProperty("tce_equal_value") @Schema(description = "Energy, tce, electricity at the year's equal-value coefficient; absent when none is set · 等价值（吨标准煤）") Tce tceEqualValue,
			@JsonProperty("feedstock_tce") @Schema(description = "Feedstock energy as stated, tce · 原料用能（吨标准煤）") Tce feedstockTce,
			@JsonProperty("control_tce") @Schema(description = "Energy in the control scope: tce minus feedstock, tce · 能耗双控口径（吨标准煤）") Tce controlTce,
			@JsonProperty("coal_t") @Schema(description = "Coal used: the FUEL lines whose factor the rules list as coal, in t · 煤炭消费量（吨）") BigDecimal coalT,
			@JsonProperty("electricity_kwh") @Schema(description = "Purchased electricity of the lines, kWh · 外购电量（千瓦时）") BigDecimal electricityKwh,
			@JsonProperty("own_renewable_kwh") @Schema(description = "Own renewable electricity as stated, kWh · 自发可再生电量（千瓦时）") BigDecimal ownRenewableKwh,
			@JsonProperty("green_power_kwh") @Schema(description = "Green power contracted as stated, kWh · 签约绿电（千瓦时）") BigDecimal greenPowerKwh,
			@JsonProperty("green_power_share") @Schema(description = "(green power + own renewables) ÷ (purchased + own renewables), fraction of 1; "
					+ "absent without electricity · 绿电占比") BigDecimal greenPowerShare) {
	}

	@Schema(name = "AdmissionIncrement", description = "What the region's totals grow by · 新增量")
	public record Increment(
			@JsonProperty("co2_t") @Schema(description = "CO2 increment, tCO2 · 新增二氧化碳（吨）") Tco2 co2T,
			@JsonProperty("fuel_and_process_co2_t") @Schema(description = "Fuel and process CO2 increment, tCO2 (for a revamp the total's increment, "
					+ "the baseline giving no split) · 新增燃料与过程排放（吨）") Tco2 fuelAndProcessCo2T,
			@JsonProperty("tce") @Schema(description = "Energy increment, tce · 新增能耗（吨标准煤）") Tce tce,
			@JsonProperty("control_tce") @Schema(description = "Energy increment in the control scope, tce · 新增双控口径能耗（吨标准煤）") Tce controlTce,
			@JsonProperty("coal_t") @Schema(description = "Coal increment, t · 新增煤炭消费（吨）") BigDecimal coalT,
			@JsonProperty("value_added_10k_cny") @Schema(description = "Value-added increment, 万元 (10k CNY) · 新增工业增加值（万元）") BigDecimal valueAdded10kCny) {
	}

	@Schema(name = "AdmissionProductFigure", description = "A product's intensities · 单位产品排放与能耗")
	public record ProductFigure(
			@JsonProperty("code") @Schema(example = "CRUDE_STEEL", description = "Product code · 产品代码") String code,
			@JsonProperty("quantity") @Schema(description = "Yearly quantity, in unit · 年产量") BigDecimal quantity,
			@JsonProperty("unit") @Schema(example = "t", description = "The product's unit · 单位") String unit,
			@JsonProperty("co2_t_per_unit") @Schema(description = "Project CO2 ÷ quantity, tCO2 per unit; the whole project's CO2 when it states one "
					+ "product · 单位产品二氧化碳（吨/单位）") BigDecimal co2TPerUnit,
			@JsonProperty("kgce_per_unit") @Schema(description = "Project energy ÷ quantity, kgce per unit · 单位产品能耗（千克标准煤/单位）") BigDecimal kgcePerUnit) {
	}

	@Schema(name = "AdmissionEfficiency", description = "Per-product energy against national levels, kgce per unit · 单位产品能耗对标（千克标准煤/单位）")
	public record Efficiency(
			@JsonProperty("product") @Schema(example = "CRUDE_STEEL", description = "Product code · 产品代码") String product,
			@JsonProperty("level_code") @Schema(example = "CRUDE_STEEL.EAF_GE50", description = "The efficiency level row compared (monitoring's data) · 对标条目") String levelCode,
			@JsonProperty("unit") @Schema(example = "kgce/t", description = "The levels' unit · 单位") String unit,
			@JsonProperty("value") @Schema(description = "The project's energy per unit, kgce per unit · 项目单位产品能耗") BigDecimal value,
			@JsonProperty("benchmark") @Schema(description = "标杆水平 (benchmark), kgce per unit; absent when none · 标杆水平") BigDecimal benchmark,
			@JsonProperty("baseline") @Schema(description = "基准水平 (baseline), kgce per unit; absent when none · 基准水平") BigDecimal baseline,
			@JsonProperty("limit") @Schema(description = "Mandatory limit (限定值, the limit standard's level 3), kgce per unit; absent when none · 能耗限额限定值") BigDecimal limit,
			@JsonProperty("limit_standard") @Schema(example = "GB 21256-2025", description = "The limit standard · 限额标准") String limitStandard,
			@JsonProperty("source") @Schema(description = "Where the levels come from, with their verification tag · 数据来源") String source) {
	}

	@Schema(name = "AdmissionZoneCap", description = "A control zone's cap compared · 管控区强度上限对比")
	public record ZoneCap(
			@JsonProperty("zone_code") @Schema(example = "SHAWAN-STEEL", description = "The zone's code · 管控区代码") String zoneCode,
			@JsonProperty("zone_industry") @Schema(example = "steel", description = "The industry the zone admits (English, as the plan) · 管控区准入行业") String zoneIndustry,
			@JsonProperty("industry_matches") @Schema(description = "Whether the project's sector is the zone's; the cap applies either way · 项目行业是否与管控区行业一致") boolean industryMatches,
			@JsonProperty("cap") @Schema(example = "4.03", description = "The cap, tCO2 per 10k CNY of the denominator · 强度上限（吨/万元）") Tco2PerCny10k cap,
			@JsonProperty("denominator") @Schema(example = "OUTPUT_VALUE", description = "OUTPUT_VALUE (工业总产值) or VALUE_ADDED (工业增加值), a setting of the rules · 强度分母") String denominator,
			@JsonProperty("intensity") @Schema(example = "0.9872", description = "The project's intensity on that denominator, tCO2 per 10k CNY · 项目强度（吨/万元）") Tco2PerCny10k intensity,
			@JsonProperty("from_year") @Schema(example = "2025", description = "The year the cap applies from · 起始年份") int fromYear,
			@JsonProperty("applies") @Schema(description = "Whether the cap applies in the commissioning year · 投产年份是否适用") boolean applies,
			@JsonProperty("exceeds") @Schema(description = "Whether the intensity is above the cap · 是否超过上限") boolean exceeds) {
	}

	@Schema(name = "AdmissionKGrade", description = "Carbon-efficiency grade K · 碳效等级")
	public record KGrade(
			@JsonProperty("k") @Schema(example = "0.85", description = "K = project intensity ÷ industry average (both tCO2 per 10k CNY output value) · 碳效值 K") BigDecimal k,
			@JsonProperty("grade") @Schema(example = "3", description = "Grade 1–5 by the rules' bands · 碳效等级 1–5") int grade,
			@JsonProperty("industry_average") @Schema(description = "The industry's average, tCO2 per 10k CNY output value · 行业平均强度") Tco2PerCny10k industryAverage,
			@JsonProperty("industry_year") @Schema(example = "2025", description = "The year of verified reports the average comes from · 行业平均所用年份") int industryYear,
			@JsonProperty("enterprises") @Schema(example = "4", description = "Enterprises the average counts · 计入企业数") int enterprises) {
	}

	@Schema(name = "AdmissionImpact", description = "Regional impact indices m and n for energy or CO2 (BUDGET-ADMISSION §2) · 区域影响指数 m、n")
	public record Impact(
			@JsonProperty("increment") @Schema(description = "d: the project's increment, tce or tCO2 · 项目新增量") BigDecimal increment,
			@JsonProperty("unit") @Schema(example = "tce", description = "tce or tCO2 · 单位") String unit,
			@JsonProperty("m_percent") @Schema(description = "m = d ÷ the region's five-year increment control × 100, %; absent without a control · 能源或排放增量占比 m（%）") BigDecimal mPercent,
			@JsonProperty("m_band") @Schema(description = "m's band · m 影响程度") ImpactBand mBand,
			@JsonProperty("increment_control") @Schema(description = "The region's five-year increment control, tce or tCO2 · 区域“十五五”增量控制目标") BigDecimal incrementControl,
			@JsonProperty("n_percent") @Schema(description = "n = ((a+d)/(b+e) − c)/c × 100, %; absent without the inventory · 区域强度变化率 n（%）") BigDecimal nPercent,
			@JsonProperty("n_band") @Schema(description = "n's band · n 影响程度") ImpactBand nBand,
			@JsonProperty("region_total") @Schema(description = "a: the city's total of the inventory year, tce or tCO2 · 区域总量 a") BigDecimal regionTotal,
			@JsonProperty("region_gdp_10k_cny") @Schema(description = "b: the city's GDP of the inventory year, 万元 (10k CNY) · 区域 GDP b（万元）") BigDecimal regionGdp10kCny,
			@JsonProperty("region_intensity") @Schema(description = "c = a ÷ b, per 10k CNY · 区域强度 c") BigDecimal regionIntensity,
			@JsonProperty("value_added_10k_cny") @Schema(description = "e: the project's value added (increment), 万元 (10k CNY) · 项目增加值 e（万元）") BigDecimal valueAdded10kCny,
			@JsonProperty("inventory_year") @Schema(description = "The city inventory's year a, b come from · 清单年份") Integer inventoryYear) {
	}

	@Schema(name = "AdmissionBudgetShare", description = "Share of the county's budget headroom · 占区县剩余碳预算")
	public record BudgetShare(
			@JsonProperty("county") @Schema(example = "511111", description = "County · 区县") String county,
			@JsonProperty("year") @Schema(example = "2028", description = "The commissioning year, whose budget is read · 预算年度（投产年）") int year,
			@JsonProperty("version") @Schema(description = "The published budget version read · 预算版本") int version,
			@JsonProperty("budget_t") @Schema(description = "The county's budget, tCO2 · 区县预算（吨）") Tco2 budgetT,
			@JsonProperty("emissions_t") @Schema(description = "The county's year-end emissions as execution forecasts them, tCO2; absent before any "
					+ "month of the year is closed · 区县排放（已用+预测，吨）") Tco2 emissionsT,
			@JsonProperty("reserved_t") @Schema(description = "Reserved for admitted projects in that year, tCO2 · 已准入项目预留（吨）") Tco2 reservedT,
			@JsonProperty("headroom_t") @Schema(description = "Headroom = budget − emissions − reserved, tCO2 (may be negative) · 剩余空间（吨）") Tco2 headroomT,
			@JsonProperty("reserve_available_t") @Schema(description = "The city reserve not yet drawn, tCO2 · 市级预留可用量（吨）") Tco2 reserveAvailableT,
			@JsonProperty("annual_co2_t") @Schema(description = "The project's annual CO2 increment, tCO2 · 项目年新增排放（吨）") Tco2 annualCo2T,
			@JsonProperty("u") @Schema(description = "u = annual CO2 ÷ headroom, fraction of 1; absent when the headroom is zero or negative · 占用比例 u") BigDecimal u,
			@JsonProperty("draws_reserve") @Schema(description = "Whether the project needs the city reserve (above the headroom, within headroom + reserve) · 是否动用市级预留") boolean drawsReserve,
			@JsonProperty("exceeds") @Schema(description = "Whether it is above headroom + reserve available · 是否超出剩余空间与预留之和") boolean exceeds,
			@JsonProperty("complete") @Schema(description = "Whether the emissions figure is complete (every enterprise-month known) · 排放数据是否完整") boolean complete,
			@JsonProperty("basis") @Schema(description = "How the headroom was read, in words · 计算依据") String basis) {
	}

	@Schema(name = "AdmissionCityPath", description = "The city's CO2 path to 2030 · 全市排放路径")
	public record CityPath(
			@JsonProperty("inventory_year") @Schema(example = "2025", description = "The city inventory's latest year, the path's start · 清单年份") int inventoryYear,
			@JsonProperty("points") @Schema(description = "One point a year from the inventory year to 2030 · 各年数据") List<PathPoint> points,
			@JsonProperty("peak_year_without") @Schema(description = "The year of the highest figure without the project · 不含项目峰值年") int peakYearWithout,
			@JsonProperty("peak_year_with") @Schema(description = "The year of the highest figure with the project · 含项目峰值年") int peakYearWith) {
	}

	@Schema(name = "AdmissionPathPoint", description = "One year of the city's path · 路径一年")
	public record PathPoint(
			@JsonProperty("year") @Schema(example = "2028", description = "Year · 年份") int year,
			@JsonProperty("without_t") @Schema(description = "Inventory + admitted projects in operation, tCO2 · 不含本项目（吨）") Tco2 withoutT,
			@JsonProperty("with_t") @Schema(description = "The same plus this project from its commissioning year, tCO2 · 含本项目（吨）") Tco2 withT) {
	}

	@Schema(name = "AdmissionReason", description = "A test assessed: rule, effect, figure and threshold · 评价依据")
	public record Reason(
			@JsonProperty("rule") @Schema(description = "The rule · 规则") Rule rule,
			@JsonProperty("effect") @Schema(description = "What the test leads to; the verdict is the highest effect · 该项结论") Verdict effect,
			@JsonProperty("figure") @Schema(description = "The project's figure, in unit · 项目数值") BigDecimal figure,
			@JsonProperty("threshold") @Schema(description = "The threshold it was compared with, in unit · 阈值") BigDecimal threshold,
			@JsonProperty("unit") @Schema(example = "tce", description = "The unit of figure and threshold · 单位") String unit,
			@JsonProperty("message_key") @Schema(example = "admission.reason.ORDER31_PROVINCE.ROUTE_UP", description = "The message key of the text · 文本键") String messageKey,
			@JsonProperty("text_zh") @Schema(description = "The reason in Chinese · 中文说明") String textZh,
			@JsonProperty("text_en") @Schema(description = "The reason in English · 英文说明") String textEn) {
	}

	@Schema(name = "AdmissionCondition", description = "A condition or duty of the verdict · 附加条件")
	public record Condition(
			@JsonProperty("rule") @Schema(description = "The rule that sets it · 规则") Rule rule,
			@JsonProperty("message_key") @Schema(example = "admission.condition.MONITORING_DUTY", description = "The message key of the text · 文本键") String messageKey,
			@JsonProperty("text_zh") @Schema(description = "The condition in Chinese · 中文说明") String textZh,
			@JsonProperty("text_en") @Schema(description = "The condition in English · 英文说明") String textEn) {
	}

	@Schema(name = "AdmissionNotAssessed", description = "A test skipped for lack of data · 未评价项目")
	public record NotAssessed(
			@JsonProperty("rule") @Schema(description = "The rule · 规则") Rule rule,
			@JsonProperty("message_key") @Schema(example = "admission.not-assessed.K_GRADE", description = "The message key of the text · 文本键") String messageKey,
			@JsonProperty("why_zh") @Schema(description = "Why, in Chinese · 原因（中文）") String whyZh,
			@JsonProperty("why_en") @Schema(description = "Why, in English · 原因（英文）") String whyEn) {
	}
}
