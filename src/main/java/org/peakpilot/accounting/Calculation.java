package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

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
	public record Line(LineType type, String factorCode, BigDecimal quantity, String unit, BigDecimal measuredNcv,
			BigDecimal measuredCarbonContent, BigDecimal greenKwh, BigDecimal fraction, BigDecimal caoFraction,
			BigDecimal mgoFraction, BigDecimal nonCarbonateCaoFraction, BigDecimal nonCarbonateMgoFraction, String clinkerType,
			String label, BigDecimal measuredOxidationRate, String coalClass, BigDecimal steamPressureMpa,
			BigDecimal steamTemperatureC) {

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
	public record Request(Integer year, String gridRegion, List<Line> lines) {
	}

	/** The factor version a figure used. */
	public record FactorUsed(String code, int version, BigDecimal value, String unit, String source, Factor.Tag tag,
			boolean verified) {

		public static FactorUsed of(Factor f) {
			return new FactorUsed(f.code(), f.version(), f.value(), f.unit(), f.source(), f.tag(), f.tag().verified());
		}
	}

	/**
	 * The result of one line: location-based and market-based tCO2 (they differ only for certified green
	 * electricity), tce (electricity at its calorific equivalent), GJ where the line has a calorific value, the
	 * factors used, notes (default factor, measured parameters, choice of grid year) and the formula applied.
	 */
	public record LineResult(int index, LineType type, String label, Scope scope, String category, Tco2 co2T,
			Tco2 co2MarketT, Tce tce, Gj energyGj, List<FactorUsed> factors, List<String> notes,
			String formula, Tce tceEqualValue, List<DefaultAssumed> defaults) {

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
	public record DefaultAssumed(String parameter, BigDecimal value, String unit, String factorCode, Integer factorVersion,
			String source) {

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
	public record Totals(Tco2 scope1CombustionCo2T, Tco2 scope1ProcessCo2T, Tco2 scope2ElectricityCo2T,
			Tco2 scope2HeatCo2T, Tco2 totalCo2T, Tco2 scope2ElectricityMarketCo2T, Tco2 totalMarketCo2T,
			Tce tce, Tce tceEqualValue) {
	}

	/** The answer: per-line results and totals. */
	public record Result(int year, String gridRegion, List<LineResult> lines, Totals totals) {
	}
}
