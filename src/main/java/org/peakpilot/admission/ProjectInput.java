package org.peakpilot.admission;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.Calculation;

/**
 * A project as filed or previewed (the same body for both): where it is, what it makes, what it burns and buys a year
 * at full operation (as the accounting calculator's activity lines), its money figures and schedule. Validated by the
 * admission module before any figure is computed ({@code internal.ProjectInputs}); every error names its body path
 * ({@code lines[2].unit}, {@code value_added_10k_cny}, {@code park}). The bounds are the constants below.
 */
@Schema(name = "AdmissionProjectInput", description = "A project to assess (filing and preview take the same body) · 待评价项目（申报与预评价同一结构）")
public record ProjectInput(
		@JsonProperty("name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = NAME_MAX, example = "沙湾短流程电炉炼钢项目",
				description = "The project's name · 项目名称") String name,
		@JsonProperty("county") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "\\d{6}", example = "511111",
				description = "County-level division (GB/T 2260) the project lies in · 所在区县代码") String county,
		@JsonProperty("park") @Schema(maxLength = CODE_MAX, example = "SHAWAN-EDZ",
				description = "The park's code (registry); must lie in the county; its control zone (if any) follows from it · 所在园区代码（须在该区县内）") String park,
		@JsonProperty("industry") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CODE_MAX, example = "3120",
				description = "Industry (GB/T 4754), one of the plan's industries · 国民经济行业代码") String industry,
		@JsonProperty("kind") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "NEW",
				description = "NEW, EXPANSION or REVAMP (REVAMP needs baseline) · 项目类型：新建、扩建、改建") ProjectKind kind,
		@JsonProperty("year") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "" + Calculation.YEAR_MIN,
				maximum = "" + Calculation.YEAR_MAX, example = "2026",
				description = "Accounting year whose factor versions apply to the lines · 核算年度（适用该年因子）") Integer year,
		@JsonProperty("investment_10k_cny") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "180000",
				description = "Total investment, 万元 (10k CNY) · 总投资（万元）") BigDecimal investment10kCny,
		@JsonProperty("construction_start_year") @Schema(minimum = "" + Calculation.YEAR_MIN, maximum = "" + Calculation.YEAR_MAX,
				example = "2026", description = "Year construction starts · 开工年份") Integer constructionStartYear,
		@JsonProperty("commissioning_year") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "" + Calculation.YEAR_MIN,
				maximum = "" + Calculation.YEAR_MAX, example = "2028",
				description = "First year of operation; not before the construction start · 投产年份") Integer commissioningYear,
		@JsonProperty("products") @ArraySchema(maxItems = PRODUCTS_MAX, arraySchema = @Schema(
				description = "Products a year at full operation · 达产年产品")) List<Product> products,
		@JsonProperty("output_value_10k_cny") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = AMOUNT_MAX,
				example = "150000", description = "Above 0. Industrial output value a year at full operation, 万元 (10k CNY) · 达产年工业总产值（万元）") BigDecimal outputValue10kCny,
		@JsonProperty("value_added_10k_cny") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = AMOUNT_MAX,
				example = "30000", description = "Above 0. Industrial value added a year at full operation, 万元 (10k CNY) · 达产年工业增加值（万元）") BigDecimal valueAdded10kCny,
		@JsonProperty("lines") @ArraySchema(minItems = 1, maxItems = LINES_MAX, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Activity lines a year at full operation, exactly as the accounting calculator takes them (fuels, process "
						+ "materials, purchased electricity and heat, fixed carbon) · 达产年活动数据（与核算计算器相同）")) List<Calculation.Line> lines,
		@JsonProperty("grid_region") @Schema(maxLength = CODE_MAX, example = "SICHUAN",
				description = "Overrides the plan's grid factor region (SICHUAN, SOUTHWEST, NATIONAL) · 电网排放因子区域") String gridRegion,
		@JsonProperty("own_renewable_kwh") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
				description = "Own renewable electricity used a year, kWh (not in the lines) · 自建可再生能源发电自用量（千瓦时）") BigDecimal ownRenewableKwh,
		@JsonProperty("green_power_kwh") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "20000000",
				description = "Green electricity contracted a year, kWh (information and conditions; the CO2 stays location-based) · 签约绿电量（千瓦时）") BigDecimal greenPowerKwh,
		@JsonProperty("feedstock_tce") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
				description = "Energy used as feedstock within the lines' energy, tce (outside the control scope) · 原料用能（吨标准煤）") BigDecimal feedstockTce,
		@JsonProperty("recovered_co2_t") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
				description = "CO2 recovered (captured for use or storage) a year, tCO2; shown apart, never deducted · 回收利用二氧化碳量（吨，单列不扣减）") BigDecimal recoveredCo2T,
		@JsonProperty("substitution_tce") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
				description = "Energy reduction or substitution source secured (能耗减量替代), tce a year · 能耗减量替代来源（吨标准煤/年）") BigDecimal substitutionTce,
		@JsonProperty("substitution_co2_t") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
				description = "CO2 reduction or substitution source secured (碳排放减量替代), tCO2 a year · 碳排放减量替代来源（吨二氧化碳/年）") BigDecimal substitutionCo2T,
		@JsonProperty("processes") @ArraySchema(maxItems = PROCESSES_MAX, arraySchema = @Schema(
				description = "Process or equipment codes, checked against the banned list of the rules · 工艺装备代码（对照淘汰类清单）"),
				schema = @Schema(maxLength = CODE_MAX, example = "EAF-GE50")) List<String> processes,
		@JsonProperty("major_project") @Schema(example = "false",
				description = "A major project (重大项目) of the province or state: exempt from the red-county 两高 stop; absent is false · 是否重大项目") Boolean majorProject,
		@JsonProperty("baseline") @Schema(description = "REVAMP only: the existing plant's annual figures; thresholds of Order 31 and Sichuan then "
				+ "read the increment · 改建项目：现有装置年度基准") Baseline baseline,
		@JsonProperty("enterprise_id") @Schema(example = "42",
				description = "The applicant enterprise (registry id) when the office files on its behalf; not read by the assessment · 申报企业编号") Long enterpriseId) {

	/** An absent {@code major_project} is false, so the accessor never answers null. */
	public ProjectInput {
		majorProject = Boolean.TRUE.equals(majorProject);
	}

	public static final int NAME_MAX = 200;
	public static final int CODE_MAX = 40;
	public static final int UNIT_MAX = 20;
	public static final int PRODUCTS_MAX = 50;
	public static final int LINES_MAX = 200;
	public static final int PROCESSES_MAX = 50;
	/** The largest amount of any figure (10k CNY, kWh, tce, tCO2, a product's quantity): below 10^12. */
	public static final String AMOUNT_MAX = "1000000000000";

	/** A product and its yearly quantity at full operation; {@code code} from accounting's products. */
	@Schema(name = "AdmissionProduct", description = "A product of the project · 项目产品")
	public record Product(
			@JsonProperty("code") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CODE_MAX, example = "CRUDE_STEEL",
					description = "The product's code in /api/v1/accounting/products · 产品代码") String code,
			@JsonProperty("quantity") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = AMOUNT_MAX, example = "1000000",
					description = "Above 0. Yearly output at full operation, in unit · 达产年产量") BigDecimal quantity,
			@JsonProperty("unit") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = UNIT_MAX, example = "t",
					description = "The product's unit as accounting states it (t, m2) · 产量单位") String unit,
			@JsonProperty("capacity") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "1000000",
					description = "Design capacity a year, in unit; at least the quantity · 设计产能") BigDecimal capacity) {
	}

	/** A revamped plant before the revamp: its annual figures (the assessment reads the increment). */
	@Schema(name = "AdmissionBaseline", description = "The existing plant's annual figures before a revamp · 改建前现有装置年度数据")
	public record Baseline(
			@JsonProperty("co2_t") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = AMOUNT_MAX, example = "800000",
					description = "Annual CO2, tCO2 (location-based, as accounting reports it) · 年二氧化碳排放量（吨）") BigDecimal co2T,
			@JsonProperty("tce") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = AMOUNT_MAX, example = "300000",
					description = "Annual energy use, tce · 年综合能耗（吨标准煤）") BigDecimal tce,
			@JsonProperty("coal_t") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "0",
					description = "Annual coal use, t · 年煤炭消费量（吨）") BigDecimal coalT,
			@JsonProperty("output_value_10k_cny") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "120000",
					description = "Annual industrial output value, 万元 (10k CNY) · 年工业总产值（万元）") BigDecimal outputValue10kCny,
			@JsonProperty("value_added_10k_cny") @Schema(minimum = "0", maximum = AMOUNT_MAX, example = "25000",
					description = "Annual industrial value added, 万元 (10k CNY) · 年工业增加值（万元）") BigDecimal valueAdded10kCny) {
	}
}
