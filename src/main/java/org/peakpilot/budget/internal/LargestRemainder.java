package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whole tonnes by largest remainder (Hamilton), exactly: holder i's quota is {@code amount × raw_i ÷ Σ raw}; each
 * gets the quota's integer part ({@code (amount × raw_i) divideToIntegralValue Σ raw}, exact), and the tonnes left
 * ({@code amount − Σ integer parts}, fewer than the number of holders) go one each to the largest remainders
 * {@code amount × raw_i − integer part × Σ raw} (exact, one common denominator), equal remainders to the smaller code
 * ({@link String#compareTo}), so the answer does not depend on the holders' order. The budgets add up to
 * {@code amount}; a holder with raw 0 has remainder 0 and never gets a tonne (the tonnes left equal the sum of the
 * remainders ÷ Σ raw, each below 1, so as many holders have a remainder above 0).
 */
final class LargestRemainder {

	private LargestRemainder() {
	}

	/** {@code amount} whole tonnes (at least 0) in proportion to {@code raw} (each at least 0, Σ above 0). */
	static List<BigDecimal> divide(BigDecimal amount, List<BigDecimal> raw, List<String> codes) {
		BigDecimal sum = raw.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		int n = raw.size();
		BigDecimal[] budget = new BigDecimal[n];
		BigDecimal[] remainder = new BigDecimal[n];
		BigDecimal given = BigDecimal.ZERO;
		for (int i = 0; i < n; i++) {
			BigDecimal product = amount.multiply(raw.get(i));
			BigDecimal whole = product.divideToIntegralValue(sum);
			budget[i] = whole.setScale(0);
			remainder[i] = product.subtract(whole.multiply(sum));
			given = given.add(budget[i]);
		}
		int left = amount.subtract(given).intValueExact();
		if (left > 0) {
			List<Integer> order = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				order.add(i);
			}
			order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainder[i]).reversed().thenComparing(i -> codes.get(i)));
			for (int k = 0; k < left; k++) {
				int i = order.get(k);
				budget[i] = budget[i].add(BigDecimal.ONE);
			}
		}
		return List.of(budget);
	}
}
