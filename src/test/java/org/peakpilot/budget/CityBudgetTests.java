package org.peakpilot.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.internal.CityBudget;

import static org.assertj.core.api.Assertions.assertThat;

/** The year's city budget (BUDGET-ADMISSION §3.1) on examples worked here from the formulas. No Spring. */
class CityBudgetTests {

	static BigDecimal d(String v) {
		return new BigDecimal(v);
	}

	@Test
	void requiredCutOverTwoYearsIsTheSquareRoot() {
		// R = 18 % over the period, 8 % achieved, 2 years left: r = 1 − √(0.82 ÷ 0.92) = 1 − 0.944089163… = 0.055910837
		BigDecimal expected = BigDecimal.valueOf(1 - Math.sqrt(0.82 / 0.92)).setScale(9, RoundingMode.HALF_UP);
		assertThat(expected).isEqualByComparingTo("0.055910837");
		assertThat(CityBudget.requiredCut(d("0.18"), d("0.08"), 2)).isEqualByComparingTo(expected);
		// cutting r twice reaches the period's target: (1 − R_a)(1 − r)² = 1 − R, to the 9 decimals kept
		BigDecimal reached = d("0.92").multiply(BigDecimal.ONE.subtract(expected).pow(2));
		assertThat(reached.subtract(d("0.82")).abs()).isLessThan(d("1e-8"));
	}

	@Test
	void requiredCutWithOneYearLeftIsExact() {
		// 1 − 0.82 ÷ 0.92 = 0.10 ÷ 0.92 = 0.108695652173… → 0.108695652
		assertThat(CityBudget.requiredCut(d("0.18"), d("0.08"), 1)).isEqualByComparingTo("0.108695652");
		// nothing achieved over five years: 1 − 0.82^(1/5) = 1 − 0.961089… 
		BigDecimal five = BigDecimal.valueOf(1 - Math.pow(0.82, 0.2)).setScale(9, RoundingMode.HALF_UP);
		assertThat(CityBudget.requiredCut(d("0.18"), d("0"), 5)).isEqualByComparingTo(five);
		// target already exceeded: the intensity may rise (negative cut)
		assertThat(CityBudget.requiredCut(d("0.18"), d("0.20"), 1).signum()).isNegative();
	}

	@Test
	void cityBudgetIsTargetIntensityTimesForecastGdpCappedByATotal() {
		// I*_t = 0.62 × (1 − 0.055910837) = 0.58533528106 → 0.585335 t/万元; × 25,000,000 万元 = 14,633,375 t
		BigDecimal target = CityBudget.targetIntensity(d("0.62"), d("0.055910837"));
		assertThat(target).isEqualByComparingTo("0.585335");
		BigDecimal city = CityBudget.cityBudget(target, d("25000000"));
		assertThat(city).isEqualByComparingTo(d("0.585335").multiply(d("25000000")));
		assertThat(city).isEqualByComparingTo("14633375");
		assertThat(CityBudget.total(city, d("15000000"))).isEqualByComparingTo("14633375");
		assertThat(CityBudget.total(city, d("14000000"))).isEqualByComparingTo("14000000");
		assertThat(CityBudget.total(city, null)).isEqualByComparingTo("14633375");
		// a rate the office entered: 0.5 × (1 − 0.035) = 0.4825; × 1,000 = 482.5 t
		assertThat(CityBudget.cityBudget(CityBudget.targetIntensity(d("0.5"), d("0.035")), d("1000"))).isEqualByComparingTo("482.5");
	}
}
