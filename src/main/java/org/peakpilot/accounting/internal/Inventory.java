package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

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
public record Inventory(int year, Figures enterprises, List<Industry> industries, int pendingReports,
		List<SectorFigures> sectors, BigDecimal cityTce, BigDecimal cityControlTce, BigDecimal cityCo2T,
		List<Input> inputs, List<Indicator> indicators, boolean trackedByPlan, Coverage coverage, int minEnterprises) {

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
	public record Input(long id, int year, InputCode code, BigDecimal value, String unit, String sourceDocument,
			String note, String enteredBy, Instant enteredAt, Long supersedesId, Instant supersededAt) {

		public boolean current() {
			return supersededAt == null;
		}
	}

	/**
	 * Enterprise results summed: how many reports and enterprises they come from, tCO2, tce and control-scope tce.
	 * A confidential figure (保密) is withheld from this reader: its amounts are {@code null}, its counts stay.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "InventoryFigures")
	public record Figures(int reports, int enterprises, BigDecimal co2T, BigDecimal tce, BigDecimal controlTce,
			boolean confidential) {

		public Figures(int reports, int enterprises, BigDecimal co2T, BigDecimal tce, BigDecimal controlTce) {
			this(reports, enterprises, co2T, tce, controlTce, false);
		}

		public Figures withheld() {
			return new Figures(reports, enterprises, null, null, null, true);
		}
	}

	/** One industry's enterprise results, with the split by county. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "InventoryIndustry")
	public record Industry(String code, String nameZh, String nameEn, Figures figures, List<County> counties) {

		public Industry with(Figures total, List<County> cells) {
			return new Industry(code, nameZh, nameEn, total, cells);
		}

		public String name(Locale locale) {
			return english(locale) && nameEn != null ? nameEn : nameZh;
		}
	}

	public record County(String code, String name, Figures figures) {

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
	public record Coverage(List<Sector> sectorsMissing, List<InputCode> inputsMissing, int keyUnits, int keyUnitsReporting,
			int keyUnitMonthsExpected, int keyUnitMonthsVerified, BigDecimal percent, boolean complete,
			boolean allSectorsRequired, BigDecimal minKeyUnitMonthsPercent) {
	}

	/** A sector's figures from the office's inputs; a figure is {@code null} while its input is not entered. */
	public record SectorFigures(Sector sector, BigDecimal tce, BigDecimal co2T, Input energyInput, Input co2Input) {
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
	public record Indicator(IndicatorKind kind, String itemCode, BigDecimal value, BigDecimal enterprisePart,
			BigDecimal sectorPart, BigDecimal denominator, InputCode missing, String formula, Observation cockpit) {

		public boolean computed() {
			return value != null;
		}
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}
}
