package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.peakpilot.budget.BudgetAllocation.Direction;
import org.peakpilot.budget.BudgetAllocation.EntropyIndicator;
import org.peakpilot.budget.BudgetAllocation.Holder;
import org.peakpilot.shared.Rounding;

/**
 * The entropy-weighted composite score of BUDGET-ADMISSION §3.1 method 5, S_i = Σ_j w_j x_ij, over five indicators
 * read from the holder's figures (equity, efficiency, capacity, responsibility), each with a stated direction
 * (POSITIVE: more of it earns more budget):
 * population (POSITIVE, equity), emissions_per_capita = base_emissions_t ÷ population (NEGATIVE, equity),
 * carbon_productivity = gdp_10k_cny ÷ base_emissions_t (POSITIVE, efficiency: 1310号 leans to high productivity),
 * gdp_per_capita = gdp_10k_cny ÷ population (NEGATIVE, capacity to cut) and historical_emissions = base_emissions_t
 * (NEGATIVE, responsibility).
 * <p>
 * x_ij min–max normalised to 0–1 ({@code (x − min) ÷ (max − min)}, for NEGATIVE {@code (max − x) ÷ (max − min)}),
 * p_ij = x_ij ÷ Σ_i x_ij, e_j = −Σ_i p_ij ln p_ij ÷ ln N (0 ln 0 = 0), w_j = (1 − e_j) ÷ Σ_k (1 − e_k). Decimal
 * arithmetic at {@code Rounding.WORKING}; the logarithms in {@code double} ({@link Math#log}, within 1 ulp), whose
 * error over 5,000 holders stays near 1e-12, far below the 9 decimals e_j and w_j are rounded to; the rounded w_j are
 * the ones the score uses, so the reported weights reproduce the scores.
 * <p>
 * Edge cases: an indicator with the same value for every holder (always so for N = 1) carries no information: its
 * p_ij are 1/N, e_j = 1 and w_j = 0. When no indicator carries information (N = 1, or holders alike in everything)
 * every S_i is 1, an equal split. A holder last on every weighted indicator scores 0 and gets no budget: that is the
 * method (ADR 0016); scores can instead be sent as BASE_PLUS_INCREMENT weights.
 */
final class EntropyScores {

	static final int SCALE = 9;

	private record Indicator(String name, Direction direction, Function<Holder, BigDecimal> value) {
	}

	private static final List<Indicator> INDICATORS = List.of(
			new Indicator("population", Direction.POSITIVE, Holder::population),
			new Indicator("emissions_per_capita", Direction.NEGATIVE,
					h -> h.baseEmissions().value().divide(h.population(), Rounding.WORKING)),
			new Indicator("carbon_productivity", Direction.POSITIVE,
					h -> h.gdp().value().divide(h.baseEmissions().value(), Rounding.WORKING)),
			new Indicator("gdp_per_capita", Direction.NEGATIVE, h -> h.gdp().value().divide(h.population(), Rounding.WORKING)),
			new Indicator("historical_emissions", Direction.NEGATIVE, h -> h.baseEmissions().value()));

	private final List<BigDecimal> scores;
	private final List<EntropyIndicator> indicators;

	private EntropyScores(List<BigDecimal> scores, List<EntropyIndicator> indicators) {
		this.scores = scores;
		this.indicators = indicators;
	}

	List<BigDecimal> scores() {
		return scores;
	}

	List<EntropyIndicator> indicators() {
		return indicators;
	}

	/** The scores of holders that each have gdp at least 0, population and base emissions above 0. */
	static EntropyScores of(List<Holder> holders) {
		int n = holders.size();
		int m = INDICATORS.size();
		BigDecimal[][] x = new BigDecimal[m][n];
		BigDecimal[] min = new BigDecimal[m];
		BigDecimal[] max = new BigDecimal[m];
		double[] entropy = new double[m];
		for (int j = 0; j < m; j++) {
			Indicator indicator = INDICATORS.get(j);
			BigDecimal[] raw = new BigDecimal[n];
			for (int i = 0; i < n; i++) {
				raw[i] = indicator.value().apply(holders.get(i));
				min[j] = min[j] == null || raw[i].compareTo(min[j]) < 0 ? raw[i] : min[j];
				max[j] = max[j] == null || raw[i].compareTo(max[j]) > 0 ? raw[i] : max[j];
			}
			BigDecimal range = max[j].subtract(min[j]);
			if (range.signum() == 0) {
				// the same for every holder (N = 1 included): uniform p, e_j = 1, no weight
				java.util.Arrays.fill(x[j], BigDecimal.ZERO);
				entropy[j] = 1;
				continue;
			}
			BigDecimal sum = BigDecimal.ZERO;
			for (int i = 0; i < n; i++) {
				BigDecimal distance = indicator.direction() == Direction.POSITIVE ? raw[i].subtract(min[j]) : max[j].subtract(raw[i]);
				x[j][i] = distance.divide(range, Rounding.WORKING);
				sum = sum.add(x[j][i]);
			}
			double h = 0;
			for (int i = 0; i < n; i++) {
				double p = x[j][i].divide(sum, Rounding.WORKING).doubleValue();
				if (p > 0) {
					h -= p * Math.log(p);
				}
			}
			entropy[j] = Math.min(1, h / Math.log(n));
		}
		double informative = 0;
		for (int j = 0; j < m; j++) {
			informative += 1 - entropy[j];
		}
		BigDecimal[] weight = new BigDecimal[m];
		boolean anyWeight = false;
		for (int j = 0; j < m; j++) {
			weight[j] = informative <= 0 ? BigDecimal.ZERO
					: BigDecimal.valueOf((1 - entropy[j]) / informative).setScale(SCALE, RoundingMode.HALF_UP);
			anyWeight |= weight[j].signum() > 0;
		}
		List<BigDecimal> scores = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			BigDecimal s = BigDecimal.ZERO;
			for (int j = 0; j < m; j++) {
				if (weight[j].signum() > 0) {
					s = s.add(weight[j].multiply(x[j][i]), Rounding.WORKING);
				}
			}
			// no indicator tells the holders apart: an equal split
			scores.add(anyWeight ? s : BigDecimal.ONE);
		}
		List<EntropyIndicator> out = new ArrayList<>(m);
		for (int j = 0; j < m; j++) {
			Indicator indicator = INDICATORS.get(j);
			out.add(new EntropyIndicator(indicator.name(), indicator.direction(), Allocations.plain(min[j]),
					Allocations.plain(max[j]), Allocations.plain(BigDecimal.valueOf(entropy[j]).setScale(SCALE, RoundingMode.HALF_UP)),
					Allocations.plain(weight[j])));
		}
		return new EntropyScores(scores, out);
	}
}
