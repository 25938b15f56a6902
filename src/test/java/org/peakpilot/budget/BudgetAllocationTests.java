package org.peakpilot.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.BudgetAllocation.Holder;
import org.peakpilot.budget.BudgetAllocation.HolderBudget;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.BudgetAllocation.Preview;
import org.peakpilot.budget.BudgetAllocation.Request;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The allocation arithmetic of BUDGET-ADMISSION §5 (ADR 0016) on small examples worked by hand (the arithmetic in
 * the comments, or computed here from the formula), plus random inputs for the sums. No Spring.
 */
class BudgetAllocationTests {

	private final CarbonBudgets budgets = new CarbonBudgets();

	static BigDecimal d(String v) {
		return new BigDecimal(v);
	}

	static Holder gdp(String code, String gdp) {
		return new Holder(code, Cny10k.of(d(gdp)), null, null, null, null, null, null);
	}

	static Holder people(String code, String population) {
		return new Holder(code, null, d(population), null, null, null, null, null);
	}

	static Holder base(String code, String emissions, String weight) {
		return new Holder(code, null, null, Tco2.of(d(emissions)), null, null, null, weight == null ? null : d(weight));
	}

	static Holder intensity(String code, String intensity, String decline, String forecastGdp) {
		return new Holder(code, null, null, null, Tco2PerCny10k.of(d(intensity)), Cny10k.of(d(forecastGdp)), d(decline), null);
	}

	static Holder all(String code, String gdp, String population, String emissions) {
		return new Holder(code, Cny10k.of(d(gdp)), d(population), Tco2.of(d(emissions)), null, null, null, null);
	}

	Preview preview(String total, String reserve, Method method, Holder... holders) {
		return budgets.previewAllocation(new Request(Tco2.of(d(total)), d(reserve), method, List.of(holders)));
	}

	static List<BigDecimal> budgetsOf(Preview p) {
		return p.holders().stream().map(h -> h.budget().value()).toList();
	}

	static List<BigDecimal> tonnes(long... t) {
		return Arrays.stream(t).mapToObj(BigDecimal::valueOf).toList();
	}

	/** Budgets plus reserve are the total, the budgets the allocatable whole tonnes, none negative. */
	static void assertExact(Preview p) {
		BigDecimal sum = budgetsOf(p).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(sum).isEqualByComparingTo(p.allocatable().value());
		assertThat(sum.add(p.reserve().value())).isEqualByComparingTo(p.total().value());
		assertThat(p.reserve().signum()).isGreaterThanOrEqualTo(0);
		assertThat(budgetsOf(p)).allSatisfy(b -> {
			assertThat(b.signum()).isGreaterThanOrEqualTo(0);
			assertThat(b.stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
		});
	}

	@Test
	void gdpShareGivesTheTonneLeftToTheLargestRemainder() {
		// allocatable = 1000 × (1 − 0.05) = 950; quotas 950 × 300/600 = 475, × 200/600 = 316.667, × 100/600 = 158.333;
		// integer parts 475 + 316 + 158 = 949, the tonne left goes to B (remainder .667): 475, 317, 158; reserve 50
		Preview p = preview("1000", "0.05", Method.GDP_SHARE, gdp("A", "300"), gdp("B", "200"), gdp("C", "100"));
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(475, 317, 158));
		assertThat(p.allocatable().value()).isEqualByComparingTo("950");
		assertThat(p.reserve().value()).isEqualByComparingTo("50");
		assertThat(p.holders().get(1).share()).isEqualByComparingTo("0.333333333");
		assertThat(p.holders().get(1).quota().value()).isEqualByComparingTo("316.666667");
		assertThat(p.rawSum()).isEqualByComparingTo("600");
		assertExact(p);
	}

	@Test
	void populationShareWithoutReserve() {
		// 10000 × 1150000/1900000 = 6052.632, × 420000/1900000 = 2210.526, × 330000/1900000 = 1736.842; integer parts
		// 6052 + 2210 + 1736 = 9998; the 2 tonnes left go to the remainders .842 (C) and .632 (A)
		Preview p = preview("10000", "0", Method.POPULATION_SHARE, people("A", "1150000"), people("B", "420000"),
				people("C", "330000"));
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(6053, 2210, 1737));
		assertThat(p.reserve().value()).isEqualByComparingTo("0");
		assertExact(p);
	}

	@Test
	void grandfatheringGivesAHolderWithoutEmissionsNothing() {
		// allocatable = 1001 × 0.9 = 900.9 → 901 (half up); 901 × 500/800 = 563.125, × 300/800 = 337.875, 0;
		// 563 + 337 = 900, the tonne left to B (.875); reserve 1001 − 901 = 100
		Preview p = preview("1001", "0.1", Method.GRANDFATHERING, base("A", "500", null), base("B", "300", null),
				base("C", "0", null));
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(563, 338, 0));
		assertThat(p.reserve().value()).isEqualByComparingTo("100");
		assertExact(p);
	}

	@Test
	void intensityDeclineSharesIntensityTimesForecastGdp() {
		BigDecimal x = d("0.5").multiply(d("1").subtract(d("0.04"))).multiply(d("1000")); // 480
		BigDecimal y = d("1.2").multiply(d("1").subtract(d("0.05"))).multiply(d("500")); // 570
		BigDecimal z = d("0.8").multiply(d("1").subtract(d("-0.02"))).multiply(d("250")); // 204: a negative rate lets it rise
		Holder[] holders = { intensity("X", "0.5", "0.04", "1000"), intensity("Y", "1.2", "0.05", "500"),
				intensity("Z", "0.8", "-0.02", "250") };
		// a total equal to Σ raw gives each its raw figure
		Preview exact = preview("1254", "0", Method.INTENSITY_DECLINE, holders);
		assertThat(budgetsOf(exact)).usingElementComparator(BigDecimal::compareTo).containsExactly(x, y, z);
		// 1900 × 480/1254 = 727.273, × 570/1254 = 863.636, × 204/1254 = 309.091: 1899, the tonne left to Y
		Preview p = preview("2000", "0.05", Method.INTENSITY_DECLINE, holders);
		assertThat(p.holders().get(0).raw()).isEqualByComparingTo(x);
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(727, 864, 309));
		assertExact(p);
	}

	@Test
	void basePlusIncrementSharesTheIncrementOrTheCutByWeight() {
		// Σ base = 900; increment 1100 − 900 = 200 by weights 1:1:2 → 400 + 50, 300 + 50, 200 + 100
		Preview up = preview("1100", "0", Method.BASE_PLUS_INCREMENT, base("A", "400", "1"), base("B", "300", "1"),
				base("C", "200", "2"));
		assertThat(budgetsOf(up)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(450, 350, 300));
		// a cut: 800 − 900 = −100 → 400 − 25, 300 − 25, 200 − 50
		Preview down = preview("800", "0", Method.BASE_PLUS_INCREMENT, base("A", "400", "1"), base("B", "300", "1"),
				base("C", "200", "2"));
		assertThat(budgetsOf(down)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(375, 275, 150));
		// 100 t by thirds: 433.333, 333.333, 233.333 (each third at 16 digits, Σ raw 999.9999999999999): 999 whole tonnes,
		// the tonne left to A, whose remainder 1000 × 433.3333333333333 − 433 × Σ raw = 333.33333333334 is the largest
		Preview thirds = preview("1000", "0", Method.BASE_PLUS_INCREMENT, base("C", "200", "1"), base("B", "300", "1"),
				base("A", "400", "1"));
		assertThat(budgetsOf(thirds)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(233, 333, 434));
		assertExact(thirds);
	}

	@Test
	void basePlusIncrementRefusesACutBelowZeroNamingTheWeight() {
		// cut 710 − 810 = −100: C's share −100 × 2/4 = −50 takes its 10 t below 0
		assertThatThrownBy(() -> preview("710", "0", Method.BASE_PLUS_INCREMENT, base("A", "500", "1"), base("B", "300", "1"),
				base("C", "10", "2")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).extracting(InputError::field).containsExactly("holders[2].weight"));
	}

	@Test
	void naiveRoundingWouldLoseOrCreateATonneLargestRemainderDoesNot() {
		// 100 / 3 = 33.333 each: rounding each gives 99 (a tonne lost); the tonne goes to the smaller code, A,
		// whatever the order of the holders
		Preview lose = preview("100", "0", Method.GDP_SHARE, gdp("C", "1"), gdp("A", "1"), gdp("B", "1"));
		assertThat(budgetsOf(lose)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(33, 34, 33));
		// 1 / 2 = 0.5 each: rounding half up gives 2 (a tonne created); largest remainder gives 1 to A, 0 to B
		Preview create = preview("1", "0", Method.GDP_SHARE, gdp("B", "7"), gdp("A", "7"));
		assertThat(budgetsOf(create)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(0, 1));
		assertExact(lose);
		assertExact(create);
	}

	@Test
	void entropyOfTwoHoldersWeighsEveryIndicatorThatTellsThemApart() {
		// A: gdp 100, population 10, emissions 50; B: gdp 300, population 20, emissions 100
		// population + (10, 20) → x (0, 1); emissions per capita − (5, 5) constant → e = 1, w = 0;
		// carbon productivity + (2, 3) → (0, 1); gdp per capita − (10, 15) → (1, 0); historical emissions − (50, 100) → (1, 0)
		// with N = 2 each varying indicator has p = (1, 0): e = −(1 ln 1)/ln 2 = 0, so w = 1/4 each;
		// S_A = ¼(0 + 0 + 1 + 1) = 0.5 = S_B: 1001 t halved, 500.5 each, the tonne left to A (equal remainders)
		Preview p = preview("1001", "0", Method.ENTROPY, all("B", "300", "20", "100"), all("A", "100", "10", "50"));
		assertThat(p.entropyIndicators()).extracting(i -> i.indicator() + " " + i.entropy().toPlainString() + " " + i.weight().toPlainString())
			.containsExactly("population 0 0.25", "emissions_per_capita 1 0", "carbon_productivity 0 0.25", "gdp_per_capita 0 0.25",
					"historical_emissions 0 0.25");
		assertThat(p.holders()).extracting(HolderBudget::raw).usingElementComparator(BigDecimal::compareTo)
			.containsExactly(d("0.5"), d("0.5"));
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(500, 501));
	}

	@Test
	void entropyOfThreeHoldersFollowsTheFormula() {
		double[][] figures = { { 6_500_000, 1_150_000, 420_000 }, { 2_400_000, 420_000, 310_000 }, { 1_800_000, 330_000, 270_000 } };
		// the formula of §3.1, in doubles: indicators, min–max with direction, p, e, w, S
		double[][] ind = new double[5][3];
		boolean[] positive = { true, false, true, false, false };
		for (int i = 0; i < 3; i++) {
			double g = figures[i][0], pop = figures[i][1], e = figures[i][2];
			ind[0][i] = pop;
			ind[1][i] = e / pop;
			ind[2][i] = g / e;
			ind[3][i] = g / pop;
			ind[4][i] = e;
		}
		double[][] x = new double[5][3];
		double[] entropy = new double[5];
		for (int j = 0; j < 5; j++) {
			double min = Arrays.stream(ind[j]).min().getAsDouble(), max = Arrays.stream(ind[j]).max().getAsDouble();
			double sum = 0;
			for (int i = 0; i < 3; i++) {
				x[j][i] = positive[j] ? (ind[j][i] - min) / (max - min) : (max - ind[j][i]) / (max - min);
				sum += x[j][i];
			}
			double h = 0;
			for (int i = 0; i < 3; i++) {
				double pij = x[j][i] / sum;
				h -= pij == 0 ? 0 : pij * Math.log(pij);
			}
			entropy[j] = h / Math.log(3);
		}
		double divergence = Arrays.stream(entropy).map(e -> 1 - e).sum();
		double[] s = new double[3];
		for (int j = 0; j < 5; j++) {
			for (int i = 0; i < 3; i++) {
				s[i] += (1 - entropy[j]) / divergence * x[j][i];
			}
		}
		Preview p = preview("1000000", "0.05", Method.ENTROPY, all("511102", "6500000", "1150000", "420000"),
				all("511111", "2400000", "420000", "310000"), all("511112", "1800000", "330000", "270000"));
		for (int j = 0; j < 5; j++) {
			assertThat(p.entropyIndicators().get(j).entropy().doubleValue()).isCloseTo(entropy[j], within(1e-9));
			assertThat(p.entropyIndicators().get(j).weight().doubleValue()).isCloseTo((1 - entropy[j]) / divergence, within(1e-9));
		}
		double sum = Arrays.stream(s).sum();
		for (int i = 0; i < 3; i++) {
			assertThat(p.holders().get(i).raw().doubleValue()).isCloseTo(s[i], within(1e-8));
			assertThat(p.holders().get(i).budget().value().doubleValue()).isCloseTo(950_000 * s[i] / sum, within(1.0));
		}
		assertExact(p);
	}

	@Test
	void entropyOfOneHolderOrOfHoldersAlikeIsAnEqualSplit() {
		Preview one = preview("999", "0.5", Method.ENTROPY, all("A", "100", "10", "50"));
		// 999 × 0.5 = 499.5 → 500 (half up); reserve 499
		assertThat(budgetsOf(one)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(500));
		assertThat(one.reserve().value()).isEqualByComparingTo("499");
		assertThat(one.entropyIndicators()).allSatisfy(i -> {
			assertThat(i.entropy()).isEqualByComparingTo("1");
			assertThat(i.weight()).isEqualByComparingTo("0");
		});
		Preview alike = preview("10", "0", Method.ENTROPY, all("B", "100", "10", "50"), all("A", "100", "10", "50"),
				all("C", "100", "10", "50"));
		assertThat(budgetsOf(alike)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(3, 4, 3));
	}

	@Test
	void roundingHalfUpNeverTakesMoreThanTheTotal() {
		// 100.6 × (1 − 0) = 100.6 would round half up to 101 t, above the total: the budgets get 100 t, the reserve 0.6 t
		Preview p = preview("100.6", "0", Method.GDP_SHARE, gdp("A", "1"), gdp("B", "1"));
		assertThat(p.allocatable().value()).isEqualByComparingTo("100");
		assertThat(p.reserve().value()).isEqualByComparingTo("0.6");
		assertExact(p);
	}

	@Test
	void aZeroGdpHolderAndAZeroReserveAreValid() {
		Preview p = preview("500", "0", Method.GDP_SHARE, gdp("A", "0"), gdp("B", "10"));
		assertThat(budgetsOf(p)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(0, 500));
		assertThat(p.reserve().value()).isEqualByComparingTo("0");
	}

	@Test
	void nothingToShareByIsRefusedUnlessThereIsNothingToShare() {
		assertThatThrownBy(() -> preview("500", "0", Method.GDP_SHARE, gdp("A", "0"), gdp("B", "0")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).extracting(InputError::field).containsExactly("holders[*].gdp_10k_cny"));
		Preview none = preview("0", "0", Method.GDP_SHARE, gdp("A", "0"), gdp("B", "0"));
		assertThat(budgetsOf(none)).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(tonnes(0, 0));
	}

	@Test
	void everyInvalidFieldIsNamedBeforeAnyArithmetic() {
		assertThatThrownBy(() -> budgets.previewAllocation(new Request(Tco2.of(d("-1")), d("1.0"), Method.INTENSITY_DECLINE,
				List.of(intensity("A", "0.5", "0.04", "100"), new Holder("A", null, null, null, Tco2PerCny10k.of(d("0.4")), null,
						d("1.5"), null)))))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(InputError::field)
				.containsExactly("total_t", "reserve_share", "holders[1].code", "holders[1].forecast_gdp_10k_cny",
						"holders[1].decline_rate"));
		assertThatThrownBy(() -> budgets.previewAllocation(new Request(Tco2.of(d("1")), d("0"), null, List.of())))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).extracting(InputError::field).containsExactly("method", "holders"));
		List<Holder> tooMany = new ArrayList<>();
		for (int i = 0; i <= BudgetAllocation.MAX_HOLDERS; i++) {
			tooMany.add(gdp("H" + i, "1"));
		}
		assertThatThrownBy(() -> budgets.previewAllocation(new Request(Tco2.of(d("1")), d("0"), Method.GDP_SHARE, tooMany)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).extracting(InputError::field).containsExactly("holders"));
	}

	@Test
	void randomAllocationsAddUpToTheTotalAndNoBudgetIsNegative() {
		Random random = new Random(20261206);
		for (int round = 0; round < 300; round++) {
			Method method = Method.values()[random.nextInt(Method.values().length)];
			int n = 1 + random.nextInt(random.nextBoolean() ? 12 : 400);
			List<Holder> holders = new ArrayList<>();
			BigDecimal baseSum = BigDecimal.ZERO;
			for (int i = 0; i < n; i++) {
				BigDecimal emissions = BigDecimal.valueOf(1 + random.nextInt(5_000_000), random.nextInt(4));
				baseSum = baseSum.add(emissions);
				holders.add(new Holder("H" + random.nextInt(1_000_000) + "-" + i,
						Cny10k.of(BigDecimal.valueOf(random.nextInt(3) == 0 ? 0 : random.nextInt(10_000_000), random.nextInt(3))),
						BigDecimal.valueOf(1 + random.nextInt(2_000_000)), Tco2.of(emissions),
						Tco2PerCny10k.of(BigDecimal.valueOf(random.nextInt(50_000), 4)),
						Cny10k.of(BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2)), BigDecimal.valueOf(random.nextInt(200) - 50, 3),
						BigDecimal.valueOf(random.nextInt(100)),
						// the enterprise methods' figures: output, benchmark and historical intensity, f, operating days
						BigDecimal.valueOf(1 + random.nextInt(5_000_000), random.nextInt(3)), BigDecimal.valueOf(1 + random.nextInt(30_000), 4),
						BigDecimal.valueOf(1 + random.nextInt(30_000), 4), BigDecimal.valueOf(50 + random.nextInt(100), 2), 1 + random.nextInt(366)));
			}
			BigDecimal reserve = BigDecimal.valueOf(random.nextInt(300), 3);
			// BASE_PLUS_INCREMENT: a total at least Σ base (a cut could be refused); others any total up to 1e9 t, to 6 decimals
			BigDecimal total = method == Method.BASE_PLUS_INCREMENT
					? baseSum.divide(BigDecimal.ONE.subtract(reserve), 0, RoundingMode.UP).add(BigDecimal.valueOf(random.nextInt(1_000_000)))
					: BigDecimal.valueOf(random.nextLong(1_000_000_000_000_000L), 6);
			Preview p;
			try {
				p = budgets.previewAllocation(new Request(Tco2.of(total), reserve, method, holders));
			}
			catch (InvalidInputException e) {
				// only Σ raw = 0 may refuse random input (every GDP drawn 0)
				assertThat(e.errors()).extracting(InputError::field).containsExactly("holders[*].gdp_10k_cny");
				continue;
			}
			assertExact(p);
			assertThat(p.total().value()).isEqualByComparingTo(total);
			assertThat(p.allocatable().value()).isEqualByComparingTo(total.multiply(BigDecimal.ONE.subtract(reserve))
				.setScale(0, RoundingMode.HALF_UP).min(total.setScale(0, RoundingMode.FLOOR)));
			for (HolderBudget h : p.holders()) {
				assertThat(h.budget().value().subtract(h.quota().value()).abs()).as(method + " " + h.code()).isLessThan(BigDecimal.ONE);
			}
		}
	}

	@Test
	void aThousandHoldersAreDividedInOnePass() {
		List<Holder> holders = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			holders.add(all(String.format("E%04d", i), String.valueOf(1000 + i * 37 % 911), String.valueOf(500 + i * 53 % 701),
					String.valueOf(100 + i * 29 % 613)));
		}
		for (Method method : List.of(Method.GDP_SHARE, Method.ENTROPY)) {
			Preview p = budgets.previewAllocation(new Request(Tco2.of(d("12345678.9")), d("0.07"), method, holders));
			assertExact(p);
			assertThat(p.holders()).hasSize(1000);
		}
	}
}
