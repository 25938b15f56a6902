package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whole-tonne arithmetic of ticket issuance. */
final class ForestryMath {

	private ForestryMath() {
	}

	/**
	 * Splits {@code tonnes} whole tonnes over the years in proportion to their figures, by largest remainder (ties to
	 * the earlier year); the parts sum to {@code tonnes} exactly. Years in ascending order.
	 */
	static Map<Integer, Long> split(long tonnes, Map<Integer, BigDecimal> figures) {
		TreeMap<Integer, BigDecimal> years = new TreeMap<>(figures);
		BigDecimal sum = years.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		Map<Integer, Long> parts = new TreeMap<>();
		if (sum.signum() <= 0) {
			throw new IllegalArgumentException("no increment figures to split by");
		}
		List<Object[]> remainders = new ArrayList<>();
		long given = 0;
		for (var e : years.entrySet()) {
			BigDecimal exact = BigDecimal.valueOf(tonnes).multiply(e.getValue()).divide(sum, 12, RoundingMode.HALF_EVEN);
			long floor = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
			parts.put(e.getKey(), floor);
			given += floor;
			remainders.add(new Object[] { e.getKey(), exact.subtract(BigDecimal.valueOf(floor)) });
		}
		remainders.sort(Comparator.<Object[], BigDecimal>comparing(r -> (BigDecimal) r[1]).reversed().thenComparing(r -> (Integer) r[0]));
		for (int i = 0; given < tonnes; i++, given++) {
			int year = (Integer) remainders.get(i % remainders.size())[0];
			parts.merge(year, 1L, Long::sum);
		}
		return parts;
	}
}
