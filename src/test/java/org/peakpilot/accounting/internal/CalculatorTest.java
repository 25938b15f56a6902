package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.Calculation.Request;
import org.peakpilot.accounting.Calculation.Result;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Factor.Kind;
import org.peakpilot.accounting.Factor.Tag;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Worked examples: each expected figure is written out from the standard's formula with the values of
 * shared/reference (fuels.csv, process_factors.csv, grid_factors.csv), not taken from the code under test.
 */
class CalculatorTest {

	static final MathContext MC = MathContext.DECIMAL64;

	/** The reference rows these examples use, as the CSV files state them. */
	static final Map<String, Factor> FACTORS = Arrays.stream(new Factor[] {
			fuel("NATURAL-GAS", "10^4 Nm3", "389.31", "15.3", "0.99", null),
			fuel("BITUMINOUS-COAL", "t", "19.57", "26.1", "0.93", null),
			fuel("COKE", "t", "28.435", "29.5", "0.93", "0.9714"),
			fuel("ANTHRACITE", "t", "26.7", "27.4", "0.94", null),
			new Factor("RAW-COAL", 1, Kind.ENERGY, "原煤", "raw coal", bd("0.7143"), "tce/t", "t", bd("20.908"), "GJ/t", null, null,
					bd("0.7143"), null, null, null, null, "GB/T 2589 Appendix A", Tag.UNTAGGED, LocalDate.of(2015, 1, 1), null, "test",
					Instant.EPOCH, null),
			energy("ELECTRICITY-CALORIFIC", "kWh", "0.0001229"),
			energy("HEAT", "GJ", "0.03412"),
			process("HEAT-PURCHASED", "0.11", "tCO2/GJ", Tag.VERIFIED_SECONDARY),
			process("CARBONATE-CACO3", "0.4397", "tCO2/t carbonate", Tag.COMPUTED),
			process("CEMENT-CAO-IN-CLINKER", "0.7857", "tCO2/t CaO", Tag.VERIFIED_SECONDARY),
			process("CEMENT-MGO-IN-CLINKER", "1.1", "tCO2/t MgO", Tag.VERIFIED_SECONDARY),
			process("CEMENT-CLINKER-DEFAULT-PORTLAND", "0.535", "tCO2/t clinker", Tag.UNVERIFIED),
			process("STEEL-GRAPHITE-ELECTRODE", "3.663", "tCO2/t", Tag.UNVERIFIED),
			process("STEEL-FIXED-CRUDE-STEEL", "0.0154", "tCO2/t", Tag.UNVERIFIED),
			process("CHEMICALS-VCM-PVC-POLYMER", "0.3844", "tC/t", Tag.COMPUTED),
			grid("SICHUAN", 2022, "0.1404"), grid("SICHUAN", 2023, "0.1564"), grid("NATIONAL", 2023, "0.5306"),
			// the residual (national excl. market-traded non-fossil) that prices market-based scope 2 (issue 15)
			grid("NATIONAL-EXCL-NONFOSSIL", 2022, "0.5856"), grid("NATIONAL-EXCL-NONFOSSIL", 2023, "0.6096") })
		.collect(Collectors.toMap(Factor::code, Function.identity()));

	static final Calculator.Factors LOOKUP = new Calculator.Factors() {
		@Override
		public Optional<Factor> inForce(String code, int year) {
			return Optional.ofNullable(FACTORS.get(code)).filter(f -> f.appliesTo(year));
		}

		@Override
		public Optional<Factor> grid(String region, int year) {
			return FACTORS.values().stream().filter(f -> f.kind() == Kind.GRID && f.regionCode().equals(region) && f.year() <= year)
				.max((a, b) -> Integer.compare(a.year(), b.year()));
		}
	};

	static Result calc(int year, Line... lines) {
		return Calculator.calculate(new Request(year, null, List.of(lines)), LOOKUP, "SICHUAN");
	}

	@Test
	void combustionOfNaturalGasFollowsGbT32150() {
		Result r = calc(2024, line(LineType.FUEL, "NATURAL-GAS", "120", "10^4 Nm3"));
		// 120 × 10^4 Nm3 × 389.31 GJ/10^4 Nm3 = 46,717.2 GJ; × 15.3 tC/TJ ÷ 1000 × 0.99 × 44/12
		BigDecimal gj = bd("120").multiply(bd("389.31"));
		BigDecimal co2 = gj.multiply(bd("15.3")).divide(bd("1000"), MC).multiply(bd("0.99")).multiply(bd("44")).divide(bd("12"), MC);
		LineResult line = r.lines().get(0);
		assertThat(line.co2T().value()).isCloseTo(co2, within(bd("0.000001")));
		assertThat(line.co2T().value()).isCloseTo(bd("2594.626571"), within(bd("0.000001")));
		// the reference CO2 factor 21.6219 tCO2/10^4 Nm3 × 120 agrees to its rounding
		assertThat(line.co2T().value()).isCloseTo(bd("21.6219").multiply(bd("120")), within(bd("0.01")));
		// no GB/T 2589 coefficient for natural gas in the table: GJ ÷ 29.3076
		assertThat(line.tce().value()).isCloseTo(gj.divide(bd("29.3076"), MC), within(bd("0.000001")));
		assertThat(line.energyGj().value()).isEqualByComparingTo("46717.2");
		assertThat(line.factors()).singleElement().satisfies(f -> {
			assertThat(f.code()).isEqualTo("NATURAL-GAS");
			assertThat(f.version()).isEqualTo(1);
			assertThat(f.source()).contains("GB/T 32151");
		});
		assertThat(r.totals().scope1CombustionCo2T().value()).isEqualByComparingTo(line.co2T().value());
	}

	@Test
	void aMeasuredNcvOverridesTheDefaultAndIsMarked() {
		Result r = calc(2024, new Line(LineType.FUEL, "BITUMINOUS-COAL", bd("1000"), "t", bd("21.5"), null, null, null, null,
				null, null, null, null, "boiler"));
		// 1000 t × 21.5 GJ/t = 21,500 GJ; × 26.1 tC/TJ ÷ 1000 = 561.15 tC; × 0.93 = 521.8695 tC; × 44/12 = 1913.5215 tCO2
		assertThat(r.lines().get(0).co2T().value()).isEqualByComparingTo("1913.5215");
		// tce from the measured calorific value: 21,500 GJ ÷ 29.3076
		assertThat(r.lines().get(0).tce().value()).isCloseTo(bd("21500").divide(bd("29.3076"), MC), within(bd("0.000001")));
		assertThat(r.lines().get(0).notes()).anyMatch(n -> n.startsWith("measured NCV 21.5"));
	}

	@Test
	void cokeUsesItsGbT2589CoefficientForTce() {
		Result r = calc(2024, line(LineType.FUEL, "COKE", "2000", "kg"));
		// 2000 kg = 2 t × 0.9714 tce/t
		assertThat(r.lines().get(0).tce().value()).isEqualByComparingTo("1.9428");
		// 2 t × 28.435 GJ/t × 29.5 tC/TJ ÷ 1000 × 0.93 × 44/12
		assertThat(r.lines().get(0).co2T().value()).isCloseTo(bd("2").multiply(bd("28.435")).multiply(bd("29.5"))
			.divide(bd("1000"), MC).multiply(bd("0.93")).multiply(bd("44")).divide(bd("12"), MC), within(bd("0.000001")));
	}

	@Test
	void purchasedElectricityUsesTheLatestSichuanFactorAndLeavesGreenPowerOutOfTheMarketFigure() {
		Line purchased = new Line(LineType.ELECTRICITY, null, bd("2000000"), "kWh", null, null, bd("500000"), null, null, null,
				null, null, null, null);
		Result r = calc(2024, purchased, line(LineType.ELECTRICITY_EXPORT, null, "100000", "kWh"));
		LineResult in = r.lines().get(0);
		// no 2024 factor: 2023's 0.1564 tCO2/MWh; 2000 MWh × 0.1564 = 312.8 (location-based). Market-based (issue 15): the
		// 500 MWh certified green at zero, the remainder at the residual factor NATIONAL-EXCL-NONFOSSIL of 2023 (0.6096,
		// latest year not after 2024): (2000 − 500) × 0.6096 = 914.4 — no longer the Sichuan average, which already
		// counts the hydro whose certificates others claim
		assertThat(in.co2T().value()).isEqualByComparingTo("312.8");
		assertThat(in.co2MarketT().value()).isEqualByComparingTo("914.4");
		assertThat(in.factors()).extracting(f -> f.code()).contains("GRID-NATIONAL-EXCL-NONFOSSIL-2023");
		assertThat(in.tce().value()).isEqualByComparingTo("245.8");
		assertThat(in.factors().get(0).code()).isEqualTo("GRID-SICHUAN-2023");
		assertThat(in.notes().get(0)).contains("SICHUAN 2023").contains("latest year not after 2024");
		// exported 100 MWh × 0.1564 deducted
		assertThat(r.lines().get(1).co2T().value()).isEqualByComparingTo("-15.64");
		assertThat(r.totals().scope2ElectricityCo2T().value()).isEqualByComparingTo("297.16");
		// market-based: 914.4 − 100 MWh exported × 0.6096 = 914.4 − 60.96 = 853.44
		assertThat(r.totals().scope2ElectricityMarketCo2T().value()).isEqualByComparingTo("853.44");
		// 2022 has its own factors: Sichuan 0.1404 location-based, the residual 0.5856 market-based
		LineResult y2022 = calc(2022, line(LineType.ELECTRICITY, null, "1", "MWh")).lines().get(0);
		assertThat(y2022.co2T().value()).isEqualByComparingTo("0.1404");
		assertThat(y2022.co2MarketT().value()).isEqualByComparingTo("0.5856");
	}

	@Test
	void electricityAtTheEqualValueCoefficientOnceTheOfficeSetsOne() {
		// the equal value has no fixed number (GB/T 2589); 0.0003 tce/kWh stands for what an office would enter for 2024
		Factor equal2024 = new Factor("ELECTRICITY-EQUAL-VALUE", 2, Kind.METHOD, "电力(等价值)", "electricity, equal value",
				bd("0.0003"), "tce/kWh", "kWh", null, null, null, null, null, null, null, null, null, "office entry (test)",
				Tag.UNTAGGED, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "test", Instant.EPOCH, null);
		Calculator.Factors withEqual = new Calculator.Factors() {
			@Override
			public Optional<Factor> inForce(String code, int year) {
				return code.equals(equal2024.code()) ? Optional.of(equal2024).filter(f -> f.appliesTo(year)) : LOOKUP.inForce(code, year);
			}

			@Override
			public Optional<Factor> grid(String region, int year) {
				return LOOKUP.grid(region, year);
			}
		};
		Result r = Calculator.calculate(new Request(2024, null, List.of(line(LineType.ELECTRICITY, null, "1000000", "kWh"),
				line(LineType.HEAT, null, "100", "GJ"))), withEqual, "SICHUAN");
		// 1,000,000 kWh × 0.0003 = 300 tce against 122.9 at the calorific equivalent; heat 100 × 0.03412 = 3.412 either way
		assertThat(r.lines().get(0).tceEqualValue().value()).isEqualByComparingTo("300");
		assertThat(r.totals().tce().value()).isEqualByComparingTo("126.312");
		assertThat(r.totals().tceEqualValue().value()).isEqualByComparingTo("303.412");
		assertThat(r.lines().get(0).factors()).extracting(Calculation.FactorUsed::code).contains("ELECTRICITY-EQUAL-VALUE");
		Result r2023 = Calculator.calculate(new Request(2023, null, List.of(line(LineType.ELECTRICITY, null, "1000000", "kWh"))),
				withEqual, "SICHUAN");
		assertThat(r2023.totals().tceEqualValue()).isNull();
	}

	@Test
	void heatAtPoint11TonnesPerGigajoule() {
		Result r = calc(2024, line(LineType.HEAT, null, "800", "GJ"), line(LineType.HEAT_EXPORT, null, "100", "GJ"));
		assertThat(r.lines().get(0).co2T().value()).isEqualByComparingTo("88");
		assertThat(r.lines().get(0).tce().value()).isEqualByComparingTo("27.296");
		assertThat(r.totals().scope2HeatCo2T().value()).isEqualByComparingTo("77");
	}

	@Test
	void clinkerFromItsCaoAndMgoAnalysisFollowsGbT32151Part8() {
		Line clinker = new Line(LineType.CLINKER, null, bd("100000"), "t", null, null, null, null, bd("0.65"), bd("0.02"),
				bd("0.005"), null, null, "kiln 1");
		Result r = calc(2024, clinker);
		// 100,000 t × [(0.65 − 0.005) × 0.7857 + (0.02 − 0) × 1.1] = 100,000 × 0.5287765 = 52,877.65 tCO2
		assertThat(r.lines().get(0).co2T().value()).isEqualByComparingTo("52877.65");
		assertThat(r.totals().scope1ProcessCo2T().value()).isEqualByComparingTo("52877.65");
		assertThat(r.lines().get(0).factors()).extracting(Calculation.FactorUsed::code)
			.containsExactly("CEMENT-CAO-IN-CLINKER", "CEMENT-MGO-IN-CLINKER");
	}

	@Test
	void clinkerWithoutAnalysisUsesTheDefaultFactorAndSaysSo() {
		Result r = calc(2024, line(LineType.CLINKER, null, "1000", "t"));
		assertThat(r.lines().get(0).co2T().value()).isEqualByComparingTo("535");
		assertThat(r.lines().get(0).notes()).contains("default factor: no CaO/MgO analysis given")
			.anyMatch(n -> n.contains("UNVERIFIED"));
		assertThat(r.lines().get(0).factors().get(0).verified()).isFalse();
	}

	@Test
	void carbonatesElectrodesAndCarbonFixedInSteel() {
		Line limestone = new Line(LineType.CARBONATE, "CARBONATE-CACO3", bd("500"), "t", null, null, null, bd("0.9"), null, null,
				null, null, null, null);
		Result r = calc(2024, limestone, line(LineType.PROCESS, "STEEL-GRAPHITE-ELECTRODE", "50", "t"),
				line(LineType.CARBON_FIXED, "STEEL-FIXED-CRUDE-STEEL", "10000", "t"));
		// 500 × 0.4397 × 0.9 = 197.865; 50 × 3.663 = 183.15; −10,000 × 0.0154 = −154
		assertThat(r.lines()).extracting(l -> l.co2T().value()).usingElementComparator(BigDecimal::compareTo)
			.containsExactly(bd("197.865"), bd("183.15"), bd("-154"));
		assertThat(r.totals().scope1ProcessCo2T().value()).isEqualByComparingTo("227.015");
		assertThat(r.totals().totalCo2T().value()).isEqualByComparingTo("227.015");
	}

	@Test
	void carbonMassBalanceCountsCarbonInAndDeductsCarbonOut() {
		Line coke = new Line(LineType.CARBON_INPUT, null, bd("1200"), "t", null, null, null, bd("0.85"), null, null, null, null,
				null, "reductant coke, furnace 1");
		Result r = calc(2024, coke, line(LineType.CARBON_OUTPUT, "CHEMICALS-VCM-PVC-POLYMER", "100", "t"));
		// 1,200 t × 0.85 tC/t × 44/12 = 3,740 tCO2; PVC 100 t × 0.3844 tC/t × 44/12 = 140.946667 deducted
		assertThat(r.lines().get(0).co2T().value()).isEqualByComparingTo("3740");
		assertThat(r.lines().get(1).co2T().value()).isCloseTo(bd("-140.946667"), within(bd("0.000001")));
		assertThat(r.totals().scope1ProcessCo2T().value()).isCloseTo(bd("3599.053333"), within(bd("0.000001")));
		assertThatThrownBy(() -> calc(2024, line(LineType.CARBON_INPUT, "CARBONATE-CACO3", "1", "t")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors().get(0).message()).contains("tC/t"));
	}

	@Test
	void reportsEveryBadLineByIndexAndField() {
		Line green = new Line(LineType.ELECTRICITY, null, bd("100"), "kWh", null, null, bd("200"), null, null, null, null, null,
				null, null);
		assertThatThrownBy(() -> calc(2024, line(LineType.FUEL, "UNOBTAINIUM", "1", "t"), line(LineType.FUEL, "COKE", "1", "10^4 Nm3"),
				line(LineType.HEAT, null, "-5", "GJ"), green, line(LineType.CARBONATE, "STEEL-GRAPHITE-ELECTRODE", "1", "t")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).extracting(InputError::field)
				.containsExactly("lines[0].factorCode", "lines[1].unit", "lines[2].quantity", "lines[3].greenKwh", "lines[4].factorCode"));
		assertThatThrownBy(() -> Calculator.calculate(new Request(2024, "MARS", List.of(line(LineType.ELECTRICITY, null, "1", "kWh"))),
				LOOKUP, "SICHUAN"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors().get(0).field()).isEqualTo("gridRegion"));
		assertThatThrownBy(() -> calc(2024)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aFactorOutOfForceIsNotUsed() {
		assertThatThrownBy(() -> calc(2010, line(LineType.FUEL, "COKE", "1", "t")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors().get(0).message()).contains("in force in 2010"));
	}

	@Test
	void rawCoalWithoutMeasuredCarbonContentTakesItsClassDefaultsAndSaysSo() {
		Line raw = new Line(LineType.FUEL, "RAW-COAL", bd("1000"), "t", null, null, null, null, null, null, null, null, null, null,
				null, "BITUMINOUS-COAL", null, null);
		LineResult r = calc(2024, raw).lines().get(0);
		// 1000 t × 20.908 GJ/t (raw coal, GB/T 2589) = 20,908 GJ; × 26.1 tC/TJ ÷ 1000 = 545.6988 tC (bituminous class);
		// × 0.93 (class oxidation rate) = 507.499884 tC; × 44/12 = 1860.832908 tCO2
		assertThat(r.co2T().value()).isEqualByComparingTo("1860.832908");
		// tce by raw coal's coefficient: 1000 × 0.7143
		assertThat(r.tce().value()).isEqualByComparingTo("714.3");
		assertThat(r.defaults()).extracting(Calculation.DefaultAssumed::parameter).containsExactly("NCV", "carbonContent", "oxidationRate");
		assertThat(r.defaults().get(1).factorCode()).isEqualTo("BITUMINOUS-COAL");
		assertThat(r.defaults().get(2).value()).isEqualByComparingTo("0.93");
		assertThat(r.notes()).contains("default oxidationRate = 0.93 (BITUMINOUS-COAL v1): [verified-secondary] GB/T 32151.22-2024 Table C.1");
		assertThat(r.factors()).extracting(Calculation.FactorUsed::code).containsExactly("RAW-COAL", "BITUMINOUS-COAL");
	}

	@Test
	void rawCoalWithoutCarbonContentOrClassIsRefusedNamingTheClassNeverAnOxidationRateOfOne() {
		assertThatThrownBy(() -> calc(2024, line(LineType.FUEL, "RAW-COAL", "1000", "t")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).extracting(InputError::field)
				.containsExactly("lines[0].coalClass"));
		// measured carbon content but neither a class nor a measured oxidation rate: no silent 1
		Line measured = new Line(LineType.FUEL, "RAW-COAL", bd("1000"), "t", null, bd("26"), null, null, null, null, null, null,
				null, null);
		assertThatThrownBy(() -> calc(2024, measured))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).extracting(InputError::field)
				.containsExactly("lines[0].measuredOxidationRate"));
		Line unknownClass = new Line(LineType.FUEL, "RAW-COAL", bd("1"), "t", null, null, null, null, null, null, null, null, null,
				null, null, "PEAT", null, null);
		assertThatThrownBy(() -> calc(2024, unknownClass))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).extracting(InputError::field)
				.containsExactly("lines[0].coalClass"));
	}

	@Test
	void aMeasuredOxidationRateReplacesTheDefaultAndAPercentageIsRefusedWithItsFraction() {
		Line coal = new Line(LineType.FUEL, "ANTHRACITE", bd("100"), "t", null, null, null, null, null, null, null, null, null, null,
				bd("0.9"), null, null, null);
		LineResult r = calc(2024, coal).lines().get(0);
		// 100 t × 26.7 GJ/t = 2670 GJ; × 27.4 tC/TJ ÷ 1000 = 73.158 tC; × 0.9 (measured) = 65.8422 tC; × 44/12 = 241.4214 tCO2
		assertThat(r.co2T().value()).isEqualByComparingTo("241.4214");
		assertThat(r.notes()).contains("measured oxidation rate 0.9");
		assertThat(r.defaults()).extracting(Calculation.DefaultAssumed::parameter).containsExactly("NCV", "carbonContent");
		Line percent = new Line(LineType.FUEL, "ANTHRACITE", bd("100"), "t", null, null, null, null, null, null, null, null, null,
				null, bd("98"), null, null, null);
		assertThatThrownBy(() -> calc(2024, percent))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).singleElement().satisfies(e -> {
				assertThat(e.field()).isEqualTo("lines[0].measuredOxidationRate");
				assertThat(e.message()).contains("98 % is 0.98");
			}));
		Line zero = new Line(LineType.FUEL, "ANTHRACITE", bd("100"), "t", null, null, null, null, null, null, null, null, null,
				null, bd("0"), null, null, null);
		assertThatThrownBy(() -> calc(2024, zero)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void everyDefaultFuelParameterIsNotedWithItsSource() {
		LineResult r = calc(2024, line(LineType.FUEL, "NATURAL-GAS", "1", "10^4 Nm3")).lines().get(0);
		assertThat(r.defaults()).extracting(Calculation.DefaultAssumed::parameter).containsExactly("NCV", "carbonContent", "oxidationRate");
		assertThat(r.defaults()).allSatisfy(d -> {
			assertThat(d.factorCode()).isEqualTo("NATURAL-GAS");
			assertThat(d.source()).startsWith("[verified-secondary] GB/T 32151.22-2024");
		});
		assertThat(r.notes()).contains("default NCV = 389.31 GJ/10^4 Nm3 (NATURAL-GAS v1): [verified-secondary] GB/T 32151.22-2024 Table C.1");
	}

	@Test
	void purchasedSaturatedSteamInTonnesUsesItsEnthalpyAtPressure() {
		Line steam = new Line(LineType.HEAT, null, bd("100"), "t", null, null, null, null, null, null, null, null, null, null, null,
				null, bd("1"), null);
		LineResult r = calc(2024, steam).lines().get(0);
		// IAPWS-IF97: Ts(1 MPa) = 453.035632 K (179.9 °C, Table 35 check value); h''(1 MPa) = 2777.12 kJ/kg (steam tables:
		// 2777.1). AD = 100 t × (2777.12 − 83.74) ÷ 1000 = 269.338 GJ; × 0.11 tCO2/GJ = 29.62718 tCO2; tce 269.338 × 0.03412
		assertThat(r.energyGj().value()).isEqualByComparingTo("269.338");
		assertThat(r.co2T().value()).isEqualByComparingTo("29.62718");
		assertThat(r.tce().value()).isEqualByComparingTo("9.189813"); // 9.18981256 rounded to 6 places
		assertThat(r.defaults()).singleElement().satisfies(d -> {
			assertThat(d.parameter()).isEqualTo("steamTemperature");
			assertThat(d.value()).isEqualByComparingTo("179.9");
		});
		assertThat(r.notes()).anyMatch(n -> n.startsWith("En = 2777.12 kJ/kg, saturated steam at 1 MPa"));
		assertThat(r.formula()).isEqualTo("100 t × (2777.12 − 83.74) kJ/kg ÷ 1000 = 269.338 GJ × 0.11 tCO2/GJ");
	}

	@Test
	void superheatedSteamUsesItsTemperatureAndExportedSteamIsDeducted() {
		Line steam = new Line(LineType.HEAT_EXPORT, null, bd("10"), "t", null, null, null, null, null, null, null, null, null, null,
				null, null, bd("1"), bd("250"));
		LineResult r = calc(2024, steam).lines().get(0);
		// IF97 region 2 at 523.15 K, 1 MPa: h = 2943.22 kJ/kg (IAPWS-95 tables 2942.6–2943.2); 10 × (2943.22 − 83.74) ÷ 1000
		// = 28.5948 GJ; × 0.11 = 3.145428 tCO2, deducted
		assertThat(r.energyGj().value()).isEqualByComparingTo("-28.5948");
		assertThat(r.co2T().value()).isEqualByComparingTo("-3.145428");
		assertThat(r.defaults()).isEmpty();
	}

	@Test
	void steamOutsideTheFormulationsRangeIsRefusedNamingTheField() {
		Line noPressure = new Line(LineType.HEAT, null, bd("10"), "t", null, null, null, null, null, null, null, null, null, null);
		Line tooHigh = new Line(LineType.HEAT, null, bd("10"), "t", null, null, null, null, null, null, null, null, null, null, null,
				null, bd("25"), null);
		Line water = new Line(LineType.HEAT, null, bd("10"), "t", null, null, null, null, null, null, null, null, null, null, null,
				null, bd("1"), bd("150"));
		Line hot = new Line(LineType.HEAT, null, bd("10"), "t", null, null, null, null, null, null, null, null, null, null, null,
				null, bd("1"), bd("900"));
		Line gjWithPressure = new Line(LineType.HEAT, null, bd("10"), "GJ", null, null, null, null, null, null, null, null, null,
				null, null, null, bd("1"), null);
		assertThatThrownBy(() -> calc(2024, noPressure, tooHigh, water, hot, gjWithPressure))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors()).extracting(InputError::field).containsExactly("lines[0].steamPressureMpa",
						"lines[1].steamPressureMpa", "lines[2].steamTemperatureC", "lines[3].steamTemperatureC", "lines[4].unit");
				// 150 °C at 1 MPa is below saturation (179.9 °C): water, not steam
				assertThat(ex.errors().get(2).message()).contains("179.8–800 °C");
			});
	}

	@Test
	void steamEnthalpyReproducesTheIapwsIf97CheckValues() {
		// IAPWS R7-97(2012) Table 15 (region 2) and Table 35 (region 4)
		assertThat(SteamEnthalpy.enthalpyRegion2(300, 0.0035)).isCloseTo(0.254991145e4, within(1e-5));
		assertThat(SteamEnthalpy.enthalpyRegion2(700, 0.0035)).isCloseTo(0.333568375e4, within(1e-5));
		assertThat(SteamEnthalpy.enthalpyRegion2(700, 30)).isCloseTo(0.263149474e4, within(1e-5));
		assertThat(SteamEnthalpy.saturationTemperatureK(0.1)).isCloseTo(0.372755919e3, within(1e-6));
		assertThat(SteamEnthalpy.saturationTemperatureK(1)).isCloseTo(0.453035632e3, within(1e-6));
		assertThat(SteamEnthalpy.saturationTemperatureK(10)).isCloseTo(0.584149488e3, within(1e-6));
	}

	@Test
	void aClinkerWithoutAnalysisNotesItsDefaultFactor() {
		LineResult r = calc(2024, line(LineType.CLINKER, null, "1000", "t")).lines().get(0);
		// 1000 t × 0.535 tCO2/t (default Portland clinker) = 535
		assertThat(r.co2T().value()).isEqualByComparingTo("535");
		assertThat(r.defaults()).singleElement().satisfies(d -> assertThat(d.factorCode()).isEqualTo("CEMENT-CLINKER-DEFAULT-PORTLAND"));
	}

	static Line line(LineType type, String code, String quantity, String unit) {
		return new Line(type, code, bd(quantity), unit, null, null, null, null, null, null, null, null, null, null);
	}

	static Factor fuel(String code, String unit, String ncv, String cc, String of, String tce) {
		return new Factor(code, 1, Kind.FUEL, code, code, null, "tCO2/" + unit, unit, bd(ncv), "GJ/" + unit, bd(cc), bd(of),
				tce == null ? null : bd(tce), null, null, null, null, "[verified-secondary] GB/T 32151.22-2024 Table C.1",
				Tag.VERIFIED_SECONDARY, LocalDate.of(2015, 1, 1), null, "test", Instant.EPOCH, null);
	}

	static Factor energy(String code, String unit, String tce) {
		return new Factor(code, 1, Kind.ENERGY, code, code, bd(tce), "tce/" + unit, unit, null, null, null, null, bd(tce), null,
				null, null, null, "[verified-secondary] GB/T 2589", Tag.VERIFIED_SECONDARY, LocalDate.of(2015, 1, 1), null, "test",
				Instant.EPOCH, null);
	}

	static Factor process(String code, String value, String unit, Tag tag) {
		return new Factor(code, 1, Kind.PROCESS, code, code, bd(value), unit, "t", null, null, null, null, null, null, null, null,
				null, "reference", tag, LocalDate.of(2015, 1, 1), null, "test", Instant.EPOCH, null);
	}

	static Factor grid(String region, int year, String value) {
		return new Factor("GRID-" + region + "-" + year, 1, Kind.GRID, region, region, bd(value), "tCO2/MWh", "MWh", null, null, null,
				null, null, region, year, "electricity", null, "[verified-secondary] MEE/NBS", Tag.VERIFIED_SECONDARY,
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "test", Instant.EPOCH, null);
	}

	static BigDecimal bd(String s) {
		return new BigDecimal(s);
	}
}
