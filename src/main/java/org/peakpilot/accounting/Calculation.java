package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import io.swagger.v3.oas.annotations.media.Schema;

/** The calculator's request and answer: activity lines in, tCO2 by scope and tce out, each line with its factor. */
public final class Calculation {

	private Calculation() {
	}

	/** What an activity line is. Exports and carbon fixed in products are deductions (negative results). */
	public enum LineType {
		/** Fuel burned: factorCode of a fuel, quantity in its unit; optional measured NCV (GJ per unit) and carbon content (tC/TJ). */
		FUEL,
		/** Purchased electricity in kWh (or MWh); {@code greenKwh} of it certified green (zero in the market-based total). */
		ELECTRICITY,
		/** Electricity exported to others, kWh (or MWh): deducted. */
		ELECTRICITY_EXPORT,
		/** Purchased heat in GJ. */
		HEAT,
		/** Heat exported to others, GJ: deducted. */
		HEAT_EXPORT,
		/** Carbonate decomposed: factorCode of a carbonate (or flux), tonnes; {@code fraction} purity × calcination (default 1). */
		CARBONATE,
		/** Clinker produced, tonnes, with CaO/MgO mass fractions (and their non-carbonate parts); without them the default factor. */
		CLINKER,
		/** Another process factor applied to tonnes (e.g. graphite electrodes). */
		PROCESS,
		/** Carbon fixed in a product (e.g. crude steel), tonnes: deducted. */
		CARBON_FIXED,
		/**
		 * Carbon mass balance, a carbon-bearing input (e.g. reductant coke or anthracite of a yellow-phosphorus
		 * furnace, carbide feed): tonnes × carbon mass fraction ({@code fraction}, measured) or × the carbon content
		 * of a factor (factorCode, tC/t), × 44/12.
		 */
		CARBON_INPUT,
		/** Carbon mass balance, carbon leaving in a product or waste (e.g. PVC, carbide, dust): deducted the same way. */
		CARBON_OUTPUT
	}

	/** The scope of a result: direct (1) or purchased energy (2). */
	public enum Scope {
		SCOPE_1, SCOPE_2
	}

	/**
	 * One activity line. Only the fields its type needs are read. {@code measuredOxidationRate} is a fraction above 0
	 * and at most 1 (98 % is 0.98); {@code coalClass} (ANTHRACITE, BITUMINOUS-COAL, LIGNITE) gives raw coal (RAW-COAL) the
	 * default carbon content and oxidation rate of its class; a HEAT or HEAT_EXPORT line in tonnes ("t") is steam at
	 * {@code steamPressureMpa} (absolute) and {@code steamTemperatureC} (absent: saturated steam). Fractions are 0–1 mass fractions; {@code
	 * clinkerType} picks the default clinker factor (PORTLAND if absent) when no CaO/MgO analysis is given.
	 */
	@Schema(name = "ActivityLine", description = "One activity line; only the fields its type needs are read · 一行活动数据（按类型读取所需字段）")
	public record Line(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "FUEL", description = "What the line is · 活动类型") LineType type,
			@Schema(example = "NATURAL-GAS", description = "The factor's code in /api/v1/accounting/factors (fuels, carbonates, processes, "
					+ "fixed carbon); not needed for ELECTRICITY and HEAT · 排放因子代码") String factorCode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = QUANTITY_MAX, example = "120",
					description = "The activity quantity, in unit · 活动数据量（按 unit 计）") BigDecimal quantity,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10^4 Nm3",
					description = "The quantity's unit, one the factor accepts (t, 10^4 Nm3, kWh, MWh, GJ, …) · 计量单位") String unit,
			@Schema(minimum = "0", maximum = NCV_MAX, example = "21.5",
					description = "Above 0. Measured net calorific value, GJ per unit of quantity · 实测低位发热量（GJ/单位）") BigDecimal measuredNcv,
			@Schema(minimum = "0", maximum = CARBON_CONTENT_MAX, example = "26.18",
					description = "Above 0. Measured carbon content per calorific value, tC/TJ · 实测单位热值含碳量（tC/TJ）") BigDecimal measuredCarbonContent,
			@Schema(minimum = "0", example = "500000",
					description = "ELECTRICITY: certified green electricity within quantity, kWh (zero in the market-based total) · 其中绿证电量（kWh）") BigDecimal greenKwh,
			@Schema(minimum = "0", maximum = "1", example = "0.9", description = "CARBONATE: mass fraction of the carbonate in the material (0–1) · 碳酸盐质量分数") BigDecimal fraction,
			@Schema(minimum = "0", maximum = "1", example = "0.65", description = "CLINKER: CaO mass fraction of the clinker (0–1) · 熟料中 CaO 含量") BigDecimal caoFraction,
			@Schema(minimum = "0", maximum = "1", example = "0.02", description = "CLINKER: MgO mass fraction of the clinker (0–1) · 熟料中 MgO 含量") BigDecimal mgoFraction,
			@Schema(minimum = "0", maximum = "1", example = "0.005", description = "CLINKER: CaO from non-carbonate sources (0–1) · 非碳酸盐来源 CaO") BigDecimal nonCarbonateCaoFraction,
			@Schema(minimum = "0", maximum = "1", example = "0", description = "CLINKER: MgO from non-carbonate sources (0–1) · 非碳酸盐来源 MgO") BigDecimal nonCarbonateMgoFraction,
			@Schema(example = "PORTLAND", description = "CLINKER without CaO/MgO analysis: the default clinker factor's type (PORTLAND if absent) · 熟料类型") String clinkerType,
			@Schema(maxLength = LABEL_MAX, example = "2# kiln", description = "A label of the caller's, echoed in the result · 行标签") String label,
			@Schema(minimum = "0", maximum = "1", example = "0.98",
					description = "Above 0. FUEL: measured oxidation rate (98 % is 0.98) · 实测碳氧化率") BigDecimal measuredOxidationRate,
			@Schema(allowableValues = { "ANTHRACITE", "BITUMINOUS-COAL", "LIGNITE" }, example = "BITUMINOUS-COAL",
					description = "RAW-COAL: the coal class whose default carbon content and oxidation rate apply · 原煤煤种") String coalClass,
			@Schema(minimum = "0", example = "1.0",
					description = "Above 0. HEAT in t (steam): absolute pressure, MPa · 蒸汽绝对压力（MPa）") BigDecimal steamPressureMpa,
			@Schema(example = "250", description = "HEAT in t (steam): temperature, °C; absent: saturated steam · 蒸汽温度（°C），缺省为饱和蒸汽") BigDecimal steamTemperatureC) {

		/** A line without a measured oxidation rate, coal class or steam state (the shape before these existed). */
		public Line(LineType type, String factorCode, BigDecimal quantity, String unit, BigDecimal measuredNcv,
				BigDecimal measuredCarbonContent, BigDecimal greenKwh, BigDecimal fraction, BigDecimal caoFraction,
				BigDecimal mgoFraction, BigDecimal nonCarbonateCaoFraction, BigDecimal nonCarbonateMgoFraction, String clinkerType,
				String label) {
			this(type, factorCode, quantity, unit, measuredNcv, measuredCarbonContent, greenKwh, fraction, caoFraction, mgoFraction,
					nonCarbonateCaoFraction, nonCarbonateMgoFraction, clinkerType, label, null, null, null, null);
		}
	}

	/**
	 * A calculation request for one accounting year; {@code gridRegion} overrides the plan's choice of grid
	 * factor region (e.g. SICHUAN, SOUTHWEST, NATIONAL).
	 */
	@Schema(name = "CalculationRequest", description = "Activity lines of one accounting year to calculate · 待计算的一个核算年度的活动数据")
	public record Request(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "" + YEAR_MIN, maximum = "" + YEAR_MAX, example = "2024",
					description = "Accounting year, whose factor versions apply · 核算年度") Integer year,
			@Schema(example = "SICHUAN", description = "Overrides the plan's grid factor region (SICHUAN, SOUTHWEST, NATIONAL, …) · 电网排放因子区域") String gridRegion,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The activity lines · 活动数据行") List<Line> lines) {
	}

	/** The largest activity quantity, in its unit (below 10^12; the columns are NUMERIC(24,6)). */
	public static final String QUANTITY_MAX = "1000000000000";
	/** The largest measured net calorific value, GJ per activity unit (nothing burnt reaches it). */
	public static final String NCV_MAX = "10000";
	/** The largest measured carbon content, tC/TJ (physically below it). */
	public static final String CARBON_CONTENT_MAX = "1000";
	/** The first and last accounting year a calculation may name. */
	public static final int YEAR_MIN = 2005;
	public static final int YEAR_MAX = 2100;
	/** The longest line label. */
	public static final int LABEL_MAX = 200;

	/** The factor version a figure used. */
	@Schema(description = "The factor version a figure used · 所用因子版本")
	public record FactorUsed(
			@Schema(example = "NATURAL-GAS", description = "The factor's code · 因子代码") String code,
			@Schema(example = "1", description = "The factor's version · 因子版本") int version,
			@Schema(example = "21.62", description = "The value used, in unit · 所用数值") BigDecimal value,
			@Schema(example = "tCO2/10^4 Nm3", description = "The value's unit (tCO2/t, tCO2/MWh, tce/kWh, …) · 数值单位") String unit,
			@Schema(description = "Where the value comes from · 数据来源") String source,
			@Schema(description = "The value's verification tag · 核验标记") Factor.Tag tag,
			@Schema(description = "Whether the tag counts as verified (VERIFIED_SECONDARY, COMPUTED, CONVENTION) · 是否已核验") boolean verified) {

		public static FactorUsed of(Factor f) {
			return new FactorUsed(f.code(), f.version(), f.value(), f.unit(), f.source(), f.tag(), f.tag().verified());
		}
	}

	/**
	 * The result of one line: location-based and market-based tCO2 (they differ only for certified green
	 * electricity), tce (electricity at its calorific equivalent), GJ where the line has a calorific value, the
	 * factors used, notes (default factor, measured parameters, choice of grid year) and the formula applied.
	 */
	@Schema(description = "The result of one activity line · 一行活动数据的结果")
	public record LineResult(
			@Schema(description = "The line's index in the request, from 0 · 行号（从 0 起）") int index,
			@Schema(description = "The line's type · 活动类型") LineType type,
			@Schema(description = "The line's label · 行标签") String label,
			@Schema(description = "Scope 1 (direct) or 2 (purchased energy) · 范围") Scope scope,
			@Schema(description = "Emission category (combustion, process, electricity, heat, …) · 排放类别") String category,
			@Schema(description = "Emissions, location-based, tCO2 (negative for exports and fixed carbon) · 排放量（吨二氧化碳）") Tco2 co2T,
			@Schema(description = "Emissions, market-based, tCO2 · 排放量（市场法，吨二氧化碳）") Tco2 co2MarketT,
			@Schema(description = "Energy, tce (calorific equivalent) · 能耗（当量值，吨标准煤）") Tce tce,
			@Schema(description = "Energy, GJ, where the line has a calorific value · 热量（GJ）") Gj energyGj,
			@Schema(description = "The factor versions used · 所用因子版本") List<FactorUsed> factors,
			@Schema(description = "Notes: defaults assumed, measured parameters, grid year chosen · 说明") List<String> notes,
			@Schema(description = "The formula applied, with its figures · 计算公式") String formula,
			@Schema(description = "Energy, tce, at the year's equal-value coefficient · 能耗（等价值，吨标准煤）") Tce tceEqualValue,
			@Schema(description = "Parameters the line did not measure and the calculator assumed · 采用的缺省参数") List<DefaultAssumed> defaults) {

		public LineResult(int index, LineType type, String label, Scope scope, String category, Tco2 co2T, Tco2 co2MarketT,
				Tce tce, Gj energyGj, List<FactorUsed> factors, List<String> notes, String formula) {
			this(index, type, label, scope, category, co2T, co2MarketT, tce, energyGj, factors, notes, formula, tce, List.of());
		}

		public LineResult(int index, LineType type, String label, Scope scope, String category, Tco2 co2T, Tco2 co2MarketT,
				Tce tce, Gj energyGj, List<FactorUsed> factors, List<String> notes, String formula,
				Tce tceEqualValue) {
			this(index, type, label, scope, category, co2T, co2MarketT, tce, energyGj, factors, notes, formula, tceEqualValue,
					List.of());
		}
	}

	/**
	 * A parameter the line did not measure, for which the calculator assumed a default: which parameter (e.g.
	 * {@code carbonContent}), the value and unit assumed, and where it comes from (the factor's code, version and
	 * source with its verification tag, or the method that defines it). Each is also one of the line's notes.
	 */
	@Schema(description = "A parameter the line did not measure and the calculator assumed · 采用的缺省参数")
	public record DefaultAssumed(
			@Schema(example = "carbonContent", description = "Which parameter (ncv, carbonContent, oxidationRate, …) · 参数名") String parameter,
			@Schema(example = "26.18", description = "The value assumed, in unit · 缺省值") BigDecimal value,
			@Schema(example = "tC/TJ", description = "The value's unit (GJ/t, tC/TJ, …; absent for fractions) · 单位") String unit,
			@Schema(example = "BITUMINOUS-COAL", description = "The factor the default comes from · 来源因子代码") String factorCode,
			@Schema(example = "1", description = "The version of that factor · 来源因子版本") Integer factorVersion,
			@Schema(description = "Where the default comes from (source with verification tag, or the method) · 来源") String source) {

		/** The note that states this default on the report and in the calculation trace. */
		public String note() {
			return "default " + parameter + " = " + value.stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit)
					+ (factorCode == null ? "" : " (" + factorCode + (factorVersion == null ? "" : " v" + factorVersion) + ")")
					+ (source == null ? "" : ": " + source);
		}
	}

	/**
	 * Totals in tCO2 and tce. {@code tce} counts electricity at its calorific equivalent (0.1229 kgce/kWh);
	 * {@code tceEqualValue} at the equal-value coefficient the office set for the year, null while none is set.
	 */
	@Schema(name = "CalculationTotals", description = "Totals of all lines · 合计")
	public record Totals(
			@Schema(description = "Scope 1, fuel combustion, tCO2 · 范围一燃料燃烧排放（吨二氧化碳）") Tco2 scope1CombustionCo2T,
			@Schema(description = "Scope 1, industrial processes, tCO2 · 范围一工业过程排放（吨二氧化碳）") Tco2 scope1ProcessCo2T,
			@Schema(description = "Scope 2, purchased electricity (location-based), tCO2 · 范围二外购电力排放（吨二氧化碳）") Tco2 scope2ElectricityCo2T,
			@Schema(description = "Scope 2, purchased heat, tCO2 · 范围二外购热力排放（吨二氧化碳）") Tco2 scope2HeatCo2T,
			@Schema(description = "Total, location-based, tCO2 · 排放总量（吨二氧化碳）") Tco2 totalCo2T,
			@Schema(description = "Scope 2 electricity, market-based (certified green kWh at zero), tCO2 · 范围二电力排放（市场法）") Tco2 scope2ElectricityMarketCo2T,
			@Schema(description = "Total, market-based, tCO2 · 排放总量（市场法，吨二氧化碳）") Tco2 totalMarketCo2T,
			@Schema(description = "Energy, tce, electricity at its calorific equivalent (0.1229 kgce/kWh) · 综合能耗（当量值，吨标准煤）") Tce tce,
			@Schema(description = "Energy, tce, electricity at the year's equal-value coefficient; absent while none is set · 综合能耗（等价值，吨标准煤）") Tce tceEqualValue) {
	}

	/** The answer: per-line results and totals. */
	@Schema(name = "CalculationResult", description = "Per-line results and totals · 分行结果与合计")
	public record Result(
			@Schema(description = "Accounting year · 核算年度") int year,
			@Schema(description = "The grid factor region used · 所用电网排放因子区域") String gridRegion,
			@Schema(description = "One result per activity line, in order · 各行结果（顺序同请求）") List<LineResult> lines,
			@Schema(description = "Totals · 合计") Totals totals) {
	}
}
