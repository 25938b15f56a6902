package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.accounting.Calculation.DefaultAssumed;
import org.peakpilot.accounting.Calculation.FactorUsed;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.Calculation.Request;
import org.peakpilot.accounting.Calculation.Result;
import org.peakpilot.accounting.Calculation.Scope;
import org.peakpilot.accounting.Calculation.Totals;
import org.peakpilot.accounting.Factor;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * The accounting formulas, free of storage: every factor comes from a {@link Factors} lookup, so the stored
 * pipeline and the stateless calculator share this code and give the same figures.
 * <ul>
 * <li>Combustion (GB/T 32150): t × NCV (GJ/t) × carbon content (tC/TJ) ÷ 1000 × oxidation × 44/12.</li>
 * <li>Electricity: MWh × grid factor (tCO2/MWh), location-based; market-based: certified green kWh at zero and the
 * remainder × the residual factor ({@value #RESIDUAL_REGION}, the year's or the latest earlier; the location-based
 * factor, with a note, where none exists). Exports are deducted the same way in each figure.</li>
 * <li>Heat: GJ × 0.11 tCO2/GJ; steam in tonnes: AD = Ma × (En − 83.74) ÷ 1000 GJ with En by IAPWS-IF97
 * ({@link SteamEnthalpy}). Exports are deducted with the same factors.</li>
 * <li>Every parameter not measured takes its default (NCV, carbon content, oxidation rate, a raw coal's class, a
 * steam's saturation temperature) and the line carries a {@link DefaultAssumed} and a note naming it.</li>
 * <li>Carbonates: t × stoichiometric factor × fraction. Clinker (GB/T 32151.8): t × [(CaO − CaO_nc) × 44/56 +
 * (MgO − MgO_nc) × 44/40], the default factor only without an analysis.</li>
 * <li>tce (GB/T 2589): the fuel's coefficient, or GJ ÷ 29.3076 with a measured NCV; electricity 0.1229
 * kgce/kWh (calorific equivalent); heat 0.03412 tce/GJ.</li>
 * </ul>
 */
public final class Calculator {

	static final MathContext MC = MathContext.DECIMAL64;
	static final BigDecimal CO2_PER_C = new BigDecimal("44").divide(new BigDecimal("12"), MC);
	/** 1 tce = 7,000 kcal × 4.1868 kJ/kcal = 29.3076 GJ (GB/T 2589). */
	static final BigDecimal GJ_PER_TCE = new BigDecimal("29.3076");
	static final String ELECTRICITY_TCE = "ELECTRICITY-CALORIFIC";
	/**
	 * The region of the residual grid factor (national, excluding market-traded non-fossil electricity; MEE/NBS) that
	 * prices market-based scope 2 for the purchased kWh not backed by claimed green certificates.
	 */
	public static final String RESIDUAL_REGION = "NATIONAL-EXCL-NONFOSSIL";
	/** The equal-value coefficient (等价值): no fixed number; the office publishes a version per year. */
	static final String ELECTRICITY_EQUAL_VALUE = "ELECTRICITY-EQUAL-VALUE";
	static final String HEAT_TCE = "HEAT";
	static final String HEAT_CO2 = "HEAT-PURCHASED";
	static final String CLINKER_CAO = "CEMENT-CAO-IN-CLINKER";
	static final String CLINKER_MGO = "CEMENT-MGO-IN-CLINKER";
	static final String CLINKER_DEFAULT = "CEMENT-CLINKER-DEFAULT-";
	static final String RAW_COAL = "RAW-COAL";
	/** The coal rows whose default carbon content and oxidation rate a raw coal of that class takes. */
	static final List<String> COAL_CLASSES = List.of("ANTHRACITE", "BITUMINOUS-COAL", "LIGNITE");
	/** Enthalpy of the 20 °C feed water that purchased steam is counted against (GB/T 32151, HEAT-PURCHASED method note). */
	static final BigDecimal WATER_ENTHALPY_KJ_PER_KG = new BigDecimal("83.74");
	/** Units of a HEAT line that make it steam in tonnes. */
	static final java.util.Set<String> STEAM_UNITS = java.util.Set.of("t", "吨");

	/** Where the calculator finds factors: the version in force for a year. */
	public interface Factors {
		Optional<Factor> inForce(String code, int year);

		/** The grid factor of a region for the year, else of the latest earlier year. */
		Optional<Factor> grid(String region, int year);
	}

	/** Units accepted per activity unit, with the multiplier into it. */
	private static final Map<String, Map<String, BigDecimal>> UNITS = Map.of(
			"t", Map.of("t", BigDecimal.ONE, "吨", BigDecimal.ONE, "kg", new BigDecimal("0.001"), "千克", new BigDecimal("0.001")),
			"10^4 Nm3", Map.of("10^4 Nm3", BigDecimal.ONE, "万Nm3", BigDecimal.ONE, "万立方米", BigDecimal.ONE,
					"Nm3", new BigDecimal("0.0001"), "m3", new BigDecimal("0.0001"), "立方米", new BigDecimal("0.0001")),
			"kWh", Map.of("kWh", BigDecimal.ONE, "千瓦时", BigDecimal.ONE, "MWh", new BigDecimal("1000"), "万kWh", new BigDecimal("10000"),
					"万千瓦时", new BigDecimal("10000")),
			"GJ", Map.of("GJ", BigDecimal.ONE, "吉焦", BigDecimal.ONE, "MJ", new BigDecimal("0.001")));

	private Calculator() {
	}

	public static Result calculate(Request request, Factors factors, String defaultGridRegion) {
		List<LineResult> results = lines(request, factors, defaultGridRegion);
		return new Result(request.year(), region(request, defaultGridRegion), results, totals(results));
	}

	/** The grid factor region of a request: its own, else the default. */
	private static String region(Request request, String defaultGridRegion) {
		return request.gridRegion() == null || request.gridRegion().isBlank() ? defaultGridRegion
				: request.gridRegion().strip().toUpperCase(Locale.ROOT);
	}

	/** The lines of {@link #calculate} without the totals (a bulk recompute stores the lines only). */
	static List<LineResult> lines(Request request, Factors factors, String defaultGridRegion) {
		List<InputError> errors = new ArrayList<>();
		AccountingBounds.requireYear("year", request == null ? null : request.year());
		if (request.lines() == null || request.lines().isEmpty()) {
			throw new InvalidInputException("lines", "at least one activity line is required");
		}
		int year = request.year();
		String region = region(request, defaultGridRegion);
		List<LineResult> results = new ArrayList<>();
		for (int i = 0; i < request.lines().size(); i++) {
			Line line = request.lines().get(i);
			String at = "lines[" + i + "]";
			int before = errors.size();
			LineResult r = line == null || line.type() == null ? null : switch (line.type()) {
				case FUEL -> fuel(i, line, year, factors, errors, at);
				case ELECTRICITY, ELECTRICITY_EXPORT -> electricity(i, line, year, region, factors, errors, at);
				case HEAT, HEAT_EXPORT -> heat(i, line, year, factors, errors, at);
				case CARBONATE, PROCESS, CARBON_FIXED -> process(i, line, year, factors, errors, at);
				case CLINKER -> clinker(i, line, year, factors, errors, at);
				case CARBON_INPUT, CARBON_OUTPUT -> carbonBalance(i, line, year, factors, errors, at);
			};
			if (line == null || line.type() == null) {
				errors.add(InputError.field(at + ".type", "the line type is required: one of " + List.of(LineType.values())));
			}
			else if (!InputBounds.length(errors, at + ".label", line.label(), AccountingBounds.LABEL_MAX)) {
				// named
			}
			else if (errors.size() == before && r != null) {
				results.add(r);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return results;
	}

	private static LineResult fuel(int i, Line line, int year, Factors factors, List<InputError> errors, String at) {
		Factor f = factor(line.factorCode(), year, factors, errors, at);
		if (f == null) {
			return null;
		}
		if (f.kind() != Factor.Kind.FUEL && line.measuredCarbonContent() == null && !RAW_COAL.equals(f.code())) {
			errors.add(InputError.field(at + ".factorCode", f.code() + " is not a fuel with a default carbon content"));
			return null;
		}
		BigDecimal q = quantity(line, f.activityUnit(), errors, at);
		BigDecimal ncv = positive(line.measuredNcv(), AccountingBounds.NCV_MAX, errors, at + ".measuredNcv");
		BigDecimal cc = positive(line.measuredCarbonContent(), AccountingBounds.CARBON_CONTENT_MAX, errors, at + ".measuredCarbonContent");
		BigDecimal of = oxidationRate(line.measuredOxidationRate(), errors, at + ".measuredOxidationRate");
		Factor coalClass = coalClass(line, f, year, factors, errors, at);
		if (q == null || (line.measuredNcv() != null && ncv == null) || (line.measuredCarbonContent() != null && cc == null)
				|| (line.measuredOxidationRate() != null && of == null) || (line.coalClass() != null && coalClass == null)) {
			return null;
		}
		List<String> notes = new ArrayList<>();
		List<DefaultAssumed> defaults = new ArrayList<>();
		List<FactorUsed> used = new ArrayList<>(List.of(FactorUsed.of(f)));
		if (coalClass != null) {
			used.add(FactorUsed.of(coalClass));
		}
		if (ncv != null) {
			notes.add("measured NCV " + plain(ncv) + " " + f.ncvUnit());
		}
		else if (f.ncv() != null) {
			ncv = f.ncv();
			defaults.add(assumed("NCV", ncv, f.ncvUnit(), f));
		}
		// a raw coal (or another fuel without its own default) takes the carbon content and oxidation rate of its class
		Factor ccSource = f.carbonContentTcPerTj() == null && coalClass != null ? coalClass : f;
		if (cc != null) {
			notes.add("measured carbon content " + plain(cc) + " tC/TJ");
		}
		else if (ccSource.carbonContentTcPerTj() != null) {
			cc = ccSource.carbonContentTcPerTj();
			defaults.add(assumed("carbonContent", cc, "tC/TJ", ccSource));
		}
		else {
			errors.add(InputError.field(at + (RAW_COAL.equals(f.code()) ? ".coalClass" : ".measuredCarbonContent"), f.code()
					+ " has no default carbon content: give the measured carbon content"
					+ (RAW_COAL.equals(f.code()) ? " or the coal class (one of " + COAL_CLASSES + ")" : "")));
			return null;
		}
		Factor ofSource = f.oxidationRate() == null && coalClass != null ? coalClass : f;
		if (of != null) {
			notes.add("measured oxidation rate " + plain(of));
		}
		else if (ofSource.oxidationRate() != null) {
			of = ofSource.oxidationRate();
			defaults.add(assumed("oxidationRate", of, null, ofSource));
		}
		else {
			errors.add(InputError.field(at + ".measuredOxidationRate", f.code() + " has no default oxidation rate: give the measured rate"
					+ (RAW_COAL.equals(f.code()) ? " or the coal class (one of " + COAL_CLASSES + ")" : "")));
			return null;
		}
		if (ncv == null) {
			errors.add(InputError.field(at + ".measuredNcv", f.code() + " has no default NCV: give the measured NCV"));
			return null;
		}
		BigDecimal gj = q.multiply(ncv, MC);
		BigDecimal co2 = gj.multiply(cc, MC).divide(BigDecimal.valueOf(1000), MC).multiply(of, MC).multiply(CO2_PER_C, MC);
		BigDecimal tce = f.tcePerUnit() != null && line.measuredNcv() == null ? q.multiply(f.tcePerUnit(), MC) : gj.divide(GJ_PER_TCE, MC);
		defaults.forEach(d -> notes.add(d.note()));
		notes.add(f.tcePerUnit() != null && line.measuredNcv() == null ? "tce by the fuel's GB/T 2589 coefficient" : "tce = GJ ÷ 29.3076");
		for (FactorUsed u : used) {
			if (!u.verified()) {
				notes.add("factor " + u.code() + " is " + u.tag());
			}
		}
		String formula = plain(q) + " " + f.activityUnit() + " × " + plain(ncv) + " GJ/" + f.activityUnit() + " × " + plain(cc)
				+ " tC/TJ ÷ 1000 × " + plain(of) + " × 44/12";
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_1, "combustion", Tco2.of(co2), Tco2.of(co2), Tce.of(tce),
				Gj.of(gj), used, notes, formula, Tce.of(tce), defaults);
	}

	/** The class row of a raw coal line (ANTHRACITE, BITUMINOUS-COAL, LIGNITE), null when none is given or it is refused. */
	private static Factor coalClass(Line line, Factor fuel, int year, Factors factors, List<InputError> errors, String at) {
		if (line.coalClass() == null || line.coalClass().isBlank()) {
			return null;
		}
		String code = line.coalClass().strip().toUpperCase(Locale.ROOT);
		if (!RAW_COAL.equals(fuel.code())) {
			errors.add(InputError.field(at + ".coalClass", "a coal class applies to raw coal (" + RAW_COAL + ") only"));
			return null;
		}
		if (!COAL_CLASSES.contains(code)) {
			errors.add(InputError.field(at + ".coalClass", "one of " + COAL_CLASSES));
			return null;
		}
		Optional<Factor> f = factors.inForce(code, year);
		if (f.isEmpty()) {
			errors.add(InputError.field(at + ".coalClass", "no factor '" + code + "' in force in " + year));
			return null;
		}
		return f.get();
	}

	/** A measured oxidation rate: a fraction above 0 and at most 1; a percentage (e.g. 98) is refused with its fraction named. */
	private static BigDecimal oxidationRate(BigDecimal v, List<InputError> errors, String field) {
		if (v == null) {
			return null;
		}
		if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) > 0) {
			errors.add(InputError.field(field, "an oxidation rate is a fraction in (0, 1]" + (v.compareTo(BigDecimal.ONE) > 0
					&& v.compareTo(BigDecimal.valueOf(100)) <= 0 ? "; " + plain(v) + " % is " + plain(v.movePointLeft(2)) : "")));
			return null;
		}
		return v;
	}

	private static DefaultAssumed assumed(String parameter, BigDecimal value, String unit, Factor source) {
		return new DefaultAssumed(parameter, value, unit, source.code(), source.version(), shortSource(source));
	}

	/** The verification tag and the first clause of a factor's source, short enough for a note. */
	static String shortSource(Factor f) {
		String s = f.source() == null ? "" : f.source().strip();
		int cut = s.indexOf(';');
		s = cut > 0 ? s.substring(0, cut) : s;
		return s.length() > 120 ? s.substring(0, 119) + "…" : s;
	}

	private static LineResult electricity(int i, Line line, int year, String region, Factors factors, List<InputError> errors,
			String at) {
		BigDecimal kwh = quantity(line, "kWh", errors, at);
		Optional<Factor> grid = factors.grid(region, year);
		if (grid.isEmpty()) {
			errors.add(InputError.field("gridRegion", "no grid factor of region '" + region + "' for " + year + " or earlier"));
			return null;
		}
		Factor tceFactor = factor(ELECTRICITY_TCE, year, factors, errors, at);
		if (kwh == null || tceFactor == null) {
			return null;
		}
		BigDecimal green = line.greenKwh() == null ? BigDecimal.ZERO : line.greenKwh();
		boolean export = line.type() == LineType.ELECTRICITY_EXPORT;
		if (green.signum() < 0 || green.compareTo(kwh) > 0 || (export && green.signum() > 0)) {
			errors.add(InputError.field(at + ".greenKwh", "certified green kWh lie between 0 and the purchased kWh"));
			return null;
		}
		Factor g = grid.get();
		List<String> notes = new ArrayList<>();
		notes.add("grid factor " + g.regionCode() + " " + g.year() + (g.year() == year ? "" : " (latest year not after " + year + ")"));
		if (!g.tag().verified()) {
			notes.add("factor " + g.code() + " is " + g.tag());
		}
		BigDecimal sign = export ? BigDecimal.ONE.negate() : BigDecimal.ONE;
		BigDecimal mwh = kwh.divide(BigDecimal.valueOf(1000), MC);
		BigDecimal co2 = mwh.multiply(g.value(), MC).multiply(sign);
		// market-based: certified green kWh at zero, the remainder at the residual factor (national, excluding market-traded
		// non-fossil electricity), so that a certificate claimed here does not also lower the factor of the rest
		Factor residual = factors.grid(RESIDUAL_REGION, year).orElse(null);
		BigDecimal marketFactor = residual == null ? g.value() : residual.value();
		BigDecimal remainderMwh = kwh.subtract(green).divide(BigDecimal.valueOf(1000), MC);
		BigDecimal market = remainderMwh.multiply(marketFactor, MC).multiply(sign);
		BigDecimal tce = kwh.multiply(tceFactor.value(), MC).multiply(sign);
		if (green.signum() > 0) {
			notes.add(plain(green) + " kWh certified green: zero in the market-based figure");
		}
		if (residual != null) {
			notes.add("market-based: " + plain(remainderMwh) + " MWh × residual factor " + residual.regionCode() + " " + residual.year() + " "
					+ plain(residual.value()) + " tCO2/MWh" + (residual.year() == year ? "" : " (latest year not after " + year + ")"));
			if (!residual.tag().verified()) {
				notes.add("factor " + residual.code() + " is " + residual.tag());
			}
		}
		else {
			notes.add("market-based: no residual factor " + RESIDUAL_REGION + " for " + year + " or earlier; the remainder at the location-based factor");
		}
		String formula = (export ? "−" : "") + plain(mwh) + " MWh × " + plain(g.value()) + " tCO2/MWh; market-based " + (export ? "−" : "")
				+ plain(remainderMwh) + " MWh × " + plain(marketFactor) + " tCO2/MWh";
		List<FactorUsed> used = new ArrayList<>(List.of(FactorUsed.of(g), FactorUsed.of(tceFactor)));
		if (residual != null) {
			used.add(FactorUsed.of(residual));
		}
		Optional<Factor> equal = factors.inForce(ELECTRICITY_EQUAL_VALUE, year);
		Tce tceEqual = null;
		if (equal.isPresent()) {
			// named even without a value, so that publishing the year's coefficient restates this line
			used.add(FactorUsed.of(equal.get()));
			if (equal.get().value() != null) {
				tceEqual = Tce.of(kwh.multiply(equal.get().value(), MC).multiply(sign));
			}
		}
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_2, "electricity", Tco2.of(co2), Tco2.of(market), Tce.of(tce),
				null, used, notes, formula, tceEqual);
	}

	private static LineResult heat(int i, Line line, int year, Factors factors, List<InputError> errors, String at) {
		String unit = line.unit() == null ? "" : line.unit().strip();
		boolean steam = STEAM_UNITS.contains(unit);
		if (!steam && (line.steamPressureMpa() != null || line.steamTemperatureC() != null)) {
			errors.add(InputError.field(at + ".unit", "steam pressure and temperature need the steam in tonnes (t)"));
			return null;
		}
		Factor co2Factor = factor(HEAT_CO2, year, factors, errors, at);
		Factor tceFactor = factor(HEAT_TCE, year, factors, errors, at);
		List<String> notes = new ArrayList<>();
		List<DefaultAssumed> defaults = new ArrayList<>();
		BigDecimal gj;
		String activity;
		if (steam) {
			BigDecimal tonnes = quantity(line, "t", errors, at);
			BigDecimal enthalpy = steamEnthalpy(line, errors, at, notes, defaults);
			if (tonnes == null || enthalpy == null) {
				return null;
			}
			gj = tonnes.multiply(enthalpy.subtract(WATER_ENTHALPY_KJ_PER_KG), MC).divide(BigDecimal.valueOf(1000), MC);
			activity = plain(tonnes) + " t × (" + plain(enthalpy) + " − 83.74) kJ/kg ÷ 1000 = " + plain(Rounding.stored(gj)) + " GJ";
		}
		else {
			gj = quantity(line, "GJ", errors, at);
			activity = gj == null ? "" : plain(gj) + " GJ";
		}
		if (gj == null || co2Factor == null || tceFactor == null) {
			return null;
		}
		BigDecimal sign = line.type() == LineType.HEAT_EXPORT ? BigDecimal.ONE.negate() : BigDecimal.ONE;
		BigDecimal co2 = gj.multiply(co2Factor.value(), MC).multiply(sign);
		BigDecimal tce = gj.multiply(tceFactor.value(), MC).multiply(sign);
		String formula = (sign.signum() < 0 ? "−" : "") + activity + " × " + plain(co2Factor.value()) + " tCO2/GJ";
		defaults.forEach(d -> notes.add(d.note()));
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_2, "heat", Tco2.of(co2), Tco2.of(co2), Tce.of(tce),
				Gj.of(gj.multiply(sign)), List.of(FactorUsed.of(co2Factor), FactorUsed.of(tceFactor)), notes, formula, Tce.of(tce), defaults);
	}

	/**
	 * En (kJ/kg) of the line's steam by IAPWS-IF97, rounded to 0.01 kJ/kg, or null with the out-of-range field named.
	 * Without a temperature the steam is taken as saturated at its pressure, and the line says so.
	 */
	private static BigDecimal steamEnthalpy(Line line, List<InputError> errors, String at, List<String> notes,
			List<DefaultAssumed> defaults) {
		BigDecimal p = line.steamPressureMpa();
		if (p == null) {
			errors.add(InputError.field(at + ".steamPressureMpa", "steam in tonnes needs its absolute pressure in MPa"));
			return null;
		}
		if (p.doubleValue() < SteamEnthalpy.PRESSURE_MIN_MPA || p.doubleValue() > SteamEnthalpy.PRESSURE_MAX_MPA) {
			errors.add(InputError.field(at + ".steamPressureMpa", InputBounds.shown(p) + " MPa is outside "
					+ SteamEnthalpy.PRESSURE_MIN_MPA + "–" + (int) SteamEnthalpy.PRESSURE_MAX_MPA + " MPa (absolute)"));
			return null;
		}
		double saturationC = SteamEnthalpy.saturationTemperatureK(p.doubleValue()) - 273.15;
		BigDecimal t = line.steamTemperatureC();
		if (t != null && (t.doubleValue() > SteamEnthalpy.TEMPERATURE_MAX_C || t.doubleValue() < Math.floor(saturationC * 10) / 10)) {
			errors.add(InputError.field(at + ".steamTemperatureC", InputBounds.shown(t) + " °C is outside "
					+ BigDecimal.valueOf(saturationC).setScale(1, RoundingMode.FLOOR).toPlainString() + "–"
					+ (int) SteamEnthalpy.TEMPERATURE_MAX_C + " °C (saturation at " + plain(p) + " MPa up to the formulation's limit)"));
			return null;
		}
		// a temperature within 0.1 K below saturation (rounded saturation temperature) is saturated vapour
		Double tc = t == null || t.doubleValue() < saturationC ? null : t.doubleValue();
		BigDecimal en = BigDecimal.valueOf(SteamEnthalpy.enthalpy(p.doubleValue(), tc)).setScale(2, RoundingMode.HALF_UP);
		String state = tc == null ? "saturated steam at " + plain(p) + " MPa (" + BigDecimal.valueOf(saturationC).setScale(1, RoundingMode.HALF_UP)
				.toPlainString() + " °C)" : "steam at " + plain(p) + " MPa, " + plain(t) + " °C";
		if (t == null) {
			defaults.add(new DefaultAssumed("steamTemperature", BigDecimal.valueOf(saturationC).setScale(1, RoundingMode.HALF_UP), "°C",
					null, null, "no temperature given: saturated steam at its pressure (IAPWS-IF97 Eq. 31)"));
		}
		notes.add("En = " + en.toPlainString() + " kJ/kg, " + state + ", by IAPWS-IF97 region 2 [computed]; AD = Ma × (En − 83.74) ÷ 1000 GJ (GB/T 32151)");
		return en;
	}

	private static LineResult process(int i, Line line, int year, Factors factors, List<InputError> errors, String at) {
		Factor f = factor(line.factorCode(), year, factors, errors, at);
		if (f == null) {
			return null;
		}
		boolean rightKind = switch (line.type()) {
			case CARBONATE -> f.code().startsWith("CARBONATE-") || f.code().startsWith("STEEL-FLUX-");
			case CARBON_FIXED -> f.code().startsWith("STEEL-FIXED-");
			default -> f.kind() == Factor.Kind.PROCESS && f.unit().startsWith("tCO2/t") && !f.code().startsWith(CLINKER_DEFAULT)
					&& !f.code().startsWith("STEEL-FIXED-");
		};
		if (!rightKind) {
			errors.add(InputError.field(at + ".factorCode", f.code() + " is not a factor for a " + line.type() + " line"));
			return null;
		}
		BigDecimal t = quantity(line, "t", errors, at);
		BigDecimal fraction = line.fraction() == null ? BigDecimal.ONE : line.fraction();
		if (line.fraction() != null && (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0)) {
			errors.add(InputError.field(at + ".fraction", "a fraction lies in (0, 1]"));
			return null;
		}
		if (t == null) {
			return null;
		}
		BigDecimal sign = line.type() == LineType.CARBON_FIXED ? BigDecimal.ONE.negate() : BigDecimal.ONE;
		BigDecimal co2 = t.multiply(f.value(), MC).multiply(fraction, MC).multiply(sign);
		List<String> notes = new ArrayList<>();
		List<DefaultAssumed> defaults = new ArrayList<>();
		if (line.type() == LineType.CARBONATE && line.fraction() == null) {
			defaults.add(new DefaultAssumed("fraction", BigDecimal.ONE, null, null, null,
					"no purity × calcination fraction given: 1, pure and fully calcined (" + f.code() + " method note)"));
			notes.add(defaults.get(0).note());
		}
		if (!f.tag().verified()) {
			notes.add("factor " + f.code() + " is " + f.tag());
		}
		String formula = (sign.signum() < 0 ? "−" : "") + plain(t) + " t × " + plain(f.value()) + " " + f.unit()
				+ (line.fraction() == null ? "" : " × " + plain(fraction));
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_1, "process", Tco2.of(co2), Tco2.of(co2), Tce.ZERO,
				null, List.of(FactorUsed.of(f)), notes, formula, Tce.ZERO, defaults);
	}

	private static LineResult clinker(int i, Line line, int year, Factors factors, List<InputError> errors, String at) {
		BigDecimal t = quantity(line, "t", errors, at);
		boolean analysed = line.caoFraction() != null || line.mgoFraction() != null;
		if (!analysed) {
			String type = line.clinkerType() == null || line.clinkerType().isBlank() ? "PORTLAND" : line.clinkerType().strip().toUpperCase(Locale.ROOT);
			Factor f = factor(CLINKER_DEFAULT + type, year, factors, errors, at);
			if (t == null || f == null) {
				return null;
			}
			List<String> notes = new ArrayList<>(List.of("default factor: no CaO/MgO analysis given"));
			DefaultAssumed d = assumed("clinkerFactor", f.value(), f.unit(), f);
			notes.add(d.note());
			if (!f.tag().verified()) {
				notes.add("factor " + f.code() + " is " + f.tag());
			}
			return new LineResult(i, line.type(), line.label(), Scope.SCOPE_1, "process", Tco2.of(t.multiply(f.value(), MC)),
					Tco2.of(t.multiply(f.value(), MC)), Tce.ZERO, null, List.of(FactorUsed.of(f)), notes,
					plain(t) + " t × " + plain(f.value()) + " tCO2/t clinker (default)", Tce.ZERO, List.of(d));
		}
		BigDecimal cao = fraction(line.caoFraction(), errors, at + ".caoFraction");
		BigDecimal mgo = fraction(line.mgoFraction(), errors, at + ".mgoFraction");
		BigDecimal caoNc = fraction(line.nonCarbonateCaoFraction(), errors, at + ".nonCarbonateCaoFraction");
		BigDecimal mgoNc = fraction(line.nonCarbonateMgoFraction(), errors, at + ".nonCarbonateMgoFraction");
		Factor fCao = factor(CLINKER_CAO, year, factors, errors, at);
		Factor fMgo = factor(CLINKER_MGO, year, factors, errors, at);
		if (t == null || cao == null || mgo == null || caoNc == null || mgoNc == null || fCao == null || fMgo == null) {
			return null;
		}
		if (caoNc.compareTo(cao) > 0 || mgoNc.compareTo(mgo) > 0) {
			errors.add(InputError.field(at + ".nonCarbonateCaoFraction", "the non-carbonate part cannot exceed the total CaO or MgO"));
			return null;
		}
		BigDecimal perTonne = cao.subtract(caoNc).multiply(fCao.value(), MC).add(mgo.subtract(mgoNc).multiply(fMgo.value(), MC));
		BigDecimal co2 = t.multiply(perTonne, MC);
		String formula = plain(t) + " t × [(" + plain(cao) + " − " + plain(caoNc) + ") × " + plain(fCao.value()) + " + ("
				+ plain(mgo) + " − " + plain(mgoNc) + ") × " + plain(fMgo.value()) + "]";
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_1, "process", Tco2.of(co2), Tco2.of(co2), Tce.ZERO,
				null, List.of(FactorUsed.of(fCao), FactorUsed.of(fMgo)), List.of("CaO/MgO analysis of the clinker"), formula);
	}

	private static LineResult carbonBalance(int i, Line line, int year, Factors factors, List<InputError> errors, String at) {
		BigDecimal t = quantity(line, "t", errors, at);
		BigDecimal carbon;
		List<FactorUsed> used = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (line.fraction() != null) {
			if (line.fraction().signum() <= 0 || line.fraction().compareTo(BigDecimal.ONE) > 0) {
				errors.add(InputError.field(at + ".fraction", "the carbon mass fraction lies in (0, 1]"));
				return null;
			}
			carbon = line.fraction();
			notes.add("measured carbon content " + plain(carbon) + " tC/t");
		}
		else {
			if (line.factorCode() == null || line.factorCode().isBlank()) {
				errors.add(InputError.field(at + ".fraction", "give the measured carbon mass fraction or a factor with a carbon content (tC/t)"));
				return null;
			}
			Factor f = factor(line.factorCode(), year, factors, errors, at);
			if (f == null) {
				return null;
			}
			if (!"tC/t".equals(f.unit())) {
				errors.add(InputError.field(at + ".factorCode", f.code() + " is not a carbon content in tC/t"));
				return null;
			}
			carbon = f.value();
			used.add(FactorUsed.of(f));
			if (!f.tag().verified()) {
				notes.add("factor " + f.code() + " is " + f.tag());
			}
		}
		if (t == null) {
			return null;
		}
		BigDecimal sign = line.type() == LineType.CARBON_OUTPUT ? BigDecimal.ONE.negate() : BigDecimal.ONE;
		BigDecimal co2 = t.multiply(carbon, MC).multiply(CO2_PER_C, MC).multiply(sign);
		String formula = (sign.signum() < 0 ? "−" : "") + plain(t) + " t × " + plain(carbon) + " tC/t × 44/12";
		return new LineResult(i, line.type(), line.label(), Scope.SCOPE_1, "process", Tco2.of(co2), Tco2.of(co2), Tce.ZERO, null,
				used, notes, formula);
	}

	private static Totals totals(List<LineResult> lines) {
		Tco2 combustion = sum(lines, "combustion", false);
		Tco2 process = sum(lines, "process", false);
		Tco2 electricity = sum(lines, "electricity", false);
		Tco2 heat = sum(lines, "heat", false);
		Tco2 electricityMarket = sum(lines, "electricity", true);
		Tce tce = lines.stream().map(LineResult::tce).reduce(Tce.ZERO, Tce::plus);
		boolean equalKnown = lines.stream().allMatch(l -> l.tceEqualValue() != null);
		Tce tceEqual = equalKnown ? lines.stream().map(LineResult::tceEqualValue).reduce(Tce.ZERO, Tce::plus) : null;
		return new Totals(combustion, process, electricity, heat, combustion.plus(process).plus(electricity).plus(heat),
				electricityMarket, combustion.plus(process).plus(electricityMarket).plus(heat), tce, tceEqual);
	}

	private static Tco2 sum(List<LineResult> lines, String category, boolean market) {
		return lines.stream().filter(l -> l.category().equals(category))
			.map(market ? LineResult::co2MarketT : LineResult::co2T).reduce(Tco2.ZERO, Tco2::plus);
	}

	private static Factor factor(String code, int year, Factors factors, List<InputError> errors, String at) {
		if (code == null || code.isBlank()) {
			errors.add(InputError.field(at + ".factorCode", "a factor code is required"));
			return null;
		}
		Optional<Factor> f = factors.inForce(code.strip().toUpperCase(Locale.ROOT), year);
		if (f.isEmpty() || f.get().value() == null && f.get().kind() != Factor.Kind.FUEL) {
			errors.add(InputError.field(at + ".factorCode", "no factor '" + code + "' in force in " + year));
			return null;
		}
		return f.get();
	}

	private static BigDecimal quantity(Line line, String activityUnit, List<InputError> errors, String at) {
		if (line.quantity() == null) {
			errors.add(InputError.field(at + ".quantity", "a quantity is required"));
			return null;
		}
		if (line.quantity().signum() < 0) {
			errors.add(InputError.field(at + ".quantity", "a quantity cannot be negative (exports have their own line types)"));
			return null;
		}
		if (line.quantity().compareTo(AccountingBounds.QUANTITY_MAX) > 0) {
			errors.add(InputError.field(at + ".quantity", InputBounds.shown(line.quantity()) + " is implausibly large"));
			return null;
		}
		Map<String, BigDecimal> allowed = UNITS.getOrDefault(activityUnit, Map.of(activityUnit, BigDecimal.ONE));
		String unit = line.unit() == null || line.unit().isBlank() ? activityUnit : line.unit().strip();
		BigDecimal multiplier = allowed.get(unit);
		if (multiplier == null) {
			errors.add(InputError.field(at + ".unit", "unit '" + unit + "' is not allowed here; use one of " + allowed.keySet()));
			return null;
		}
		return line.quantity().multiply(multiplier, MC);
	}

	private static BigDecimal positive(BigDecimal v, List<InputError> errors, String field) {
		if (v == null) {
			return null;
		}
		if (v.signum() <= 0) {
			errors.add(InputError.field(field, "must be positive"));
			return null;
		}
		return v;
	}

	/** A positive value at most {@code max} (a measured calorific value or carbon content), or null with its error. */
	private static BigDecimal positive(BigDecimal v, BigDecimal max, List<InputError> errors, String field) {
		return positive(v, errors, field) == null ? null : InputBounds.positive(errors, field, v, max) ? v : null;
	}

	private static BigDecimal fraction(BigDecimal v, List<InputError> errors, String field) {
		BigDecimal f = v == null ? BigDecimal.ZERO : v;
		if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) > 0) {
			errors.add(InputError.field(field, "a mass fraction lies between 0 and 1 (e.g. 0.65 for 65 %)"));
			return null;
		}
		return f;
	}

	/** A stored figure as it reads: trailing zeros dropped, never in exponent form; null stays null. */
	public static BigDecimal strip(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal s = v.stripTrailingZeros();
		return s.scale() < 0 ? s.setScale(0) : s;
	}

	private static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}
}
