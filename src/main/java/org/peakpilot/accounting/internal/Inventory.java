package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.plan.PlanModel.Observation;

/**
 * The city inventory of one year (城市清单): the enterprises' verified results bottom-up, plus the statistical
 * inputs the city office enters for what enterprises do not cover, and the indicators computed from them (1–3 of
 * the plan's table). Energy in tce, emissions in tCO2, GDP and value added in 10k CNY (万元).
 *
 * @param enterprises         the enterprises' total: current results of the year's VERIFIED and LOCKED reports
 * @param industries          the same by industry (GB/T 4754), each split by county
 * @param pendingReports      reports of the year not (yet) verified: not counted
 * @param sectors             the sectors enterprises do not cover, from the office's inputs (a figure is
 *                            {@code null} while not entered)
 * @param cityTce             enterprise tce + sector tce (energy used as feedstock and renewable energy included)
 * @param cityControlTce      the same without enterprise feedstock and renewable energy (the control scope)
 * @param cityCo2T            enterprise tCO2 + sector tCO2
 * @param inputs              the current inputs of the year with their source documents
 * @param indicators          indicators 1–3: computed when GDP (and, for 3, industrial value added) is entered
 * @param trackedByPlan       whether the plan takes values for this year (else indicators are not written to it)
 * @param coverage            how much of the expected data the year holds; indicators are provisional until complete
 * @param minEnterprises      the disclosure threshold: outside the reader's own scope a figure built from fewer
 *                            enterprises is withheld ({@link Figures#confidential()}); 0 when nothing was withheld
 *                            because the reader is city-wide
 */
@Schema(description = "The city inventory of a year with indicators 1–3 · 城市年度清单及指标 1–3")
public record Inventory(
		@Schema(example = "2024", description = "The inventory's year · 年份") int year,
		@Schema(description = "The enterprises' total from VERIFIED and LOCKED reports · 企业合计（已核查、已锁定报告）") Figures enterprises,
		@Schema(description = "The enterprises' results by industry (GB/T 4754), each split by county · 分行业企业结果（按区县细分）") List<Industry> industries,
		@Schema(example = "3", description = "Reports of the year not yet verified, not counted · 未核查（未计入）的报告数") int pendingReports,
		@Schema(description = "The sectors enterprises do not cover, from the office's inputs · 企业未覆盖部门") List<SectorFigures> sectors,
		@Schema(example = "5120000.5", description = "City energy use, tce: enterprises (feedstock and renewables included) + sectors · 全市能源消费量（吨标准煤）") BigDecimal cityTce,
		@Schema(example = "4980000.2", description = "City energy use in the control scope (without enterprise feedstock and renewables), tce · 全市双控口径能耗（吨标准煤）") BigDecimal cityControlTce,
		@Schema(example = "12800000.3", description = "City emissions, tCO2: enterprises + sectors · 全市二氧化碳排放量（吨二氧化碳）") BigDecimal cityCo2T,
		@Schema(description = "The current inputs of the year with their source documents · 当年现行录入数据") List<Input> inputs,
		@Schema(description = "Indicators 1–3, computed when GDP (for 3, industrial value added) is entered · 指标 1–3") List<Indicator> indicators,
		@Schema(description = "Whether the plan takes values for this year (else indicators are not written to it) · 方案是否跟踪该年") boolean trackedByPlan,
		@Schema(description = "How much of the expected data the year holds; indicators are provisional until complete · 数据覆盖情况") Coverage coverage,
		@Schema(example = "3", description = "Disclosure threshold: outside the reader's own county a figure from fewer enterprises is withheld; 0 for city-wide readers · 保密阈值（企业数）") int minEnterprises) {

	/** The first year the inventory accepts inputs for. */
	public static final int FIRST_YEAR = 2010;

	/** Whether GDP is entered: without it no indicator is computed. */
	public boolean hasGdp() {
		return gdp() != null;
	}

	/** The current GDP input, or {@code null}. */
	public Input gdp() {
		return input(InputCode.GDP);
	}

	/** The current input of a code, or {@code null}. */
	public Input input(InputCode code) {
		return inputs.stream().filter(i -> i.code() == code).findFirst().orElse(null);
	}

	/** The sectors that enterprise reports do not cover. */
	public enum Sector {
		TRANSPORT("交通运输", "Transport"),
		BUILDINGS("建筑", "Buildings"),
		AGRICULTURE("农业", "Agriculture"),
		OTHER("其他", "Other");

		private final String nameZh;
		private final String nameEn;

		Sector(String nameZh, String nameEn) {
			this.nameZh = nameZh;
			this.nameEn = nameEn;
		}

		public String nameZh() {
			return nameZh;
		}

		public String nameEn() {
			return nameEn;
		}

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public InputCode energyInput() {
			return InputCode.valueOf(name() + "_TCE");
		}

		public InputCode co2Input() {
			return InputCode.valueOf(name() + "_CO2_T");
		}
	}

	/** What the office enters per year, with the unit it is entered in. */
	public enum InputCode {
		GDP("地区生产总值", "GDP", "万元", "10k CNY", null),
		INDUSTRIAL_VALUE_ADDED("工业增加值", "Industrial value added", "万元", "10k CNY", null),
		TRANSPORT_TCE("交通运输能源消费量", "Transport energy use", "吨标准煤", "tce", Sector.TRANSPORT),
		TRANSPORT_CO2_T("交通运输二氧化碳排放量", "Transport CO2 emissions", "吨二氧化碳", "tCO2", Sector.TRANSPORT),
		BUILDINGS_TCE("建筑能源消费量", "Buildings energy use", "吨标准煤", "tce", Sector.BUILDINGS),
		BUILDINGS_CO2_T("建筑二氧化碳排放量", "Buildings CO2 emissions", "吨二氧化碳", "tCO2", Sector.BUILDINGS),
		AGRICULTURE_TCE("农业能源消费量", "Agriculture energy use", "吨标准煤", "tce", Sector.AGRICULTURE),
		AGRICULTURE_CO2_T("农业二氧化碳排放量", "Agriculture CO2 emissions", "吨二氧化碳", "tCO2", Sector.AGRICULTURE),
		OTHER_TCE("其他（企业未覆盖）能源消费量", "Other energy use (not covered by enterprises)", "吨标准煤", "tce", Sector.OTHER),
		OTHER_CO2_T("其他（企业未覆盖）二氧化碳排放量", "Other CO2 emissions (not covered by enterprises)", "吨二氧化碳", "tCO2",
				Sector.OTHER);

		private final String nameZh;
		private final String nameEn;
		private final String unitZh;
		private final String unit;
		private final Sector sector;

		InputCode(String nameZh, String nameEn, String unitZh, String unit, Sector sector) {
			this.nameZh = nameZh;
			this.nameEn = nameEn;
			this.unitZh = unitZh;
			this.unit = unit;
			this.sector = sector;
		}

		public String nameZh() {
			return nameZh;
		}

		public String nameEn() {
			return nameEn;
		}

		public String unitZh() {
			return unitZh;
		}

		public String unit() {
			return unit;
		}

		/** The sector of an energy or CO2 input; {@code null} for GDP and industrial value added. */
		public Sector sector() {
			return sector;
		}

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String unitLabel(Locale locale) {
			return english(locale) ? unit : unitZh;
		}

		/** Whether the figure divides an indicator, so that it must be above zero. */
		public boolean divisor() {
			return this == GDP || this == INDUSTRIAL_VALUE_ADDED;
		}
	}

	/**
	 * An input as entered: append-only, a correction supersedes the current row ({@code supersededAt} set) and
	 * points back to it.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "InventoryInput")
	public record Input(
			@Schema(example = "15", description = "The input's id · 录入 ID") long id,
			@Schema(example = "2024", description = "The year · 年份") int year,
			@Schema(example = "GDP", description = "What the figure is · 数据项代码") InputCode code,
			@Schema(example = "22050000", description = "The figure in unit (万元 10k CNY, tce or tCO2) · 数值") BigDecimal value,
			@Schema(example = "10k CNY", description = "The code's unit: 10k CNY (万元), tce or tCO2 · 单位") String unit,
			@Schema(example = "2024年乐山市国民经济和社会发展统计公报", description = "The document the figure comes from · 数据来源文件") String sourceDocument,
			@Schema(description = "The office's note · 备注") String note,
			@Schema(description = "Who entered it · 录入人") String enteredBy,
			@Schema(description = "When it was entered · 录入时间") Instant enteredAt,
			@Schema(example = "9", description = "The input it replaced; absent for the first · 被替代的录入 ID") Long supersedesId,
			@Schema(description = "When a newer input replaced it; absent for the current one · 被替代时间") Instant supersededAt) {

		public boolean current() {
			return supersededAt == null;
		}
	}

	/**
	 * Enterprise results summed: how many reports and enterprises they come from, tCO2, tce and control-scope tce.
	 * A confidential figure (保密) is withheld from this reader: its amounts are {@code null}, its counts stay.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "InventoryFigures")
	public record Figures(
			@Schema(example = "120", description = "Number of reports counted · 报告数") int reports,
			@Schema(example = "12", description = "Number of enterprises counted · 企业数") int enterprises,
			@Schema(example = "222000.7", description = "Emissions, tCO2; absent when confidential · 排放量（吨二氧化碳）") BigDecimal co2T,
			@Schema(example = "81000.3", description = "Energy, all uses, tce; absent when confidential · 能耗（吨标准煤）") BigDecimal tce,
			@Schema(example = "79000.3", description = "Energy in the control scope (without feedstock and renewables), tce; absent when confidential · 双控口径能耗（吨标准煤）") BigDecimal controlTce,
			@Schema(description = "Withheld from this reader (保密): built from fewer than minEnterprises enterprises · 是否保密") boolean confidential) {

		public Figures(int reports, int enterprises, BigDecimal co2T, BigDecimal tce, BigDecimal controlTce) {
			this(reports, enterprises, co2T, tce, controlTce, false);
		}

		public Figures withheld() {
			return new Figures(reports, enterprises, null, null, null, true);
		}
	}

	/** One industry's enterprise results, with the split by county. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "InventoryIndustry")
	public record Industry(
			@Schema(example = "3011", description = "Industry code (GB/T 4754) · 行业代码") String code,
			@Schema(example = "水泥制造", description = "Name in Chinese · 中文名称") String nameZh,
			@Schema(example = "Cement manufacturing", description = "Name in English · 英文名称") String nameEn,
			@Schema(description = "The industry's enterprise results · 行业企业结果") Figures figures,
			@Schema(description = "The same by county · 分区县结果") List<County> counties) {

		public Industry with(Figures total, List<County> cells) {
			return new Industry(code, nameZh, nameEn, total, cells);
		}

		public String name(Locale locale) {
			return english(locale) && nameEn != null ? nameEn : nameZh;
		}
	}

	@Schema(description = "An industry's results in one county · 行业在某区县的结果")
	public record County(
			@Schema(example = "511111", description = "County code (GB/T 2260) · 区县代码") String code,
			@Schema(example = "沙湾区", description = "County name · 区县名称") String name,
			@Schema(description = "The results in the county · 区县结果") Figures figures) {

		public County with(Figures f) {
			return new County(code, name, f);
		}
	}

	/**
	 * How complete the year's data is, against the plan's coverage rule: the sectors enterprises do not cover and
	 * the statistical inputs still missing; the key energy-using units, how many reported, and their months
	 * (units × 12) expected and covered by verified reports; {@code percent} = covered ÷ expected (one decimal,
	 * {@code null} when the registry lists no key unit). Indicators computed while not {@code complete} are
	 * provisional.
	 */
	@Schema(description = "How complete the year's data is · 年度数据覆盖情况")
	public record Coverage(
			@Schema(description = "Sectors without their figures · 缺少数据的部门") List<Sector> sectorsMissing,
			@Schema(description = "Statistical inputs not yet entered · 尚未录入的统计数据") List<InputCode> inputsMissing,
			@Schema(example = "40", description = "Key energy-using units in the registry · 重点用能单位数") int keyUnits,
			@Schema(example = "38", description = "Key units with at least one verified or locked report of the year · 有已核查报告的重点用能单位数") int keyUnitsReporting,
			@Schema(example = "480", description = "Months expected: key units × 12 · 应报月数") int keyUnitMonthsExpected,
			@Schema(example = "451", description = "Months covered by verified reports · 已核查月数") int keyUnitMonthsVerified,
			@Schema(example = "94.0", description = "Months verified ÷ expected, %, one decimal rounded down; absent when the registry lists no key unit · 覆盖率（%）") BigDecimal percent,
			@Schema(description = "Whether the plan's coverage rule is met (until then indicators are provisional) · 是否满足覆盖要求") boolean complete,
			@Schema(description = "The rule: whether every sector's figures are required · 规则：是否要求全部部门数据") boolean allSectorsRequired,
			@Schema(example = "95", description = "The rule: least share of key-unit months verified, % · 规则：重点用能单位月数最低覆盖率（%）") BigDecimal minKeyUnitMonthsPercent) {
	}

	/** A sector's figures from the office's inputs; a figure is {@code null} while its input is not entered. */
	@Schema(description = "A sector's figures from the office's inputs · 部门数据（来自市级录入）")
	public record SectorFigures(
			@Schema(example = "TRANSPORT", description = "The sector · 部门") Sector sector,
			@Schema(example = "820000", description = "Energy use, tce; absent while not entered · 能源消费量（吨标准煤）") BigDecimal tce,
			@Schema(example = "1750000", description = "Emissions, tCO2; absent while not entered · 二氧化碳排放量（吨二氧化碳）") BigDecimal co2T,
			@Schema(description = "The input the tce comes from · 能耗数据来源录入") Input energyInput,
			@Schema(description = "The input the tCO2 comes from · 排放数据来源录入") Input co2Input) {
	}

	/** The indicators the inventory computes, with the unit of their value. */
	public enum IndicatorKind {
		/** 单位GDP能源消费量: city tce ÷ GDP. */
		ENERGY_PER_GDP("单位GDP能源消费量", "Energy use per unit GDP", "吨标准煤/万元", "tce per 10k CNY"),
		/** 单位GDP二氧化碳排放量: city tCO2 ÷ GDP. */
		CO2_PER_GDP("单位GDP二氧化碳排放量", "CO2 emissions per unit GDP", "吨/万元", "tCO2 per 10k CNY"),
		/** 单位工业增加值二氧化碳排放量: enterprise (industrial) tCO2 ÷ industrial value added. */
		CO2_PER_INDUSTRIAL_VALUE_ADDED("单位工业增加值二氧化碳排放量", "CO2 emissions per unit industrial value added", "吨/万元",
				"tCO2 per 10k CNY");

		private final String nameZh;
		private final String nameEn;
		private final String unitZh;
		private final String unit;

		IndicatorKind(String nameZh, String nameEn, String unitZh, String unit) {
			this.nameZh = nameZh;
			this.nameEn = nameEn;
			this.unitZh = unitZh;
			this.unit = unit;
		}

		public String nameZh() {
			return nameZh;
		}

		public String nameEn() {
			return nameEn;
		}

		public String unit() {
			return unit;
		}

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String unitLabel(Locale locale) {
			return english(locale) ? unit : unitZh;
		}
	}

	/**
	 * An indicator of the year: {@code value} = ({@code enterprisePart} + {@code sectorPart}) ÷ {@code denominator},
	 * rounded to 4 decimals, or {@code null} while {@code missing} names the input it still needs.
	 *
	 * @param itemCode the plan item it is written to, {@code null} when the plan folder maps it to none
	 * @param formula  the arithmetic with its figures, in English
	 * @param cockpit  the plan's current value of the item for the year (computed, or entered by hand)
	 */
	@Schema(description = "An indicator of the year computed from the inventory · 由清单计算的指标")
	public record Indicator(
			@Schema(description = "ENERGY_PER_GDP (tce per 万元), CO2_PER_GDP or CO2_PER_INDUSTRIAL_VALUE_ADDED (tCO2 per 万元) · 指标") IndicatorKind kind,
			@Schema(description = "The plan item it is written to; absent when the plan maps it to none · 方案指标代码") String itemCode,
			@Schema(example = "0.2322", description = "The value, tce or tCO2 per 万元 (10k CNY), 4 decimals; absent while an input is missing · 指标值") BigDecimal value,
			@Schema(example = "3300000.1", description = "The enterprises' part of the numerator, tce or tCO2 · 分子中企业部分") BigDecimal enterprisePart,
			@Schema(example = "1820000.4", description = "The sectors' part of the numerator, tce or tCO2 · 分子中部门部分") BigDecimal sectorPart,
			@Schema(example = "22050000", description = "The denominator, GDP or industrial value added, 万元 (10k CNY) · 分母（万元）") BigDecimal denominator,
			@Schema(example = "GDP", description = "The input still needed; absent when computed · 缺少的录入项") InputCode missing,
			@Schema(description = "The arithmetic with its figures, in English · 计算过程") String formula,
			@Schema(description = "The plan's current value of the item for the year (computed or entered by hand) · 方案中该年的现值") Observation cockpit) {

		public boolean computed() {
			return value != null;
		}
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}
}
