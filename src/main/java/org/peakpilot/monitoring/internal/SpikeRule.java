package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spike rule: an interval is a spike when its quantity exceeds the median of the same time of day over the
 * previous days (the profile; at least {@code minDays} of them present) by more than the largest of
 * <ul>
 * <li>{@code k} × 1.4826 × MAD (the median absolute deviation from that median, scaled to a standard deviation
 * for normally distributed values: a robust "k sigma"),</li>
 * <li>{@code relative} × the median (so that a very regular profile does not alarm on small changes),</li>
 * <li>{@code floor}, an absolute minimum step (a share of the meter's range, so that an idle meter's zeros do not
 * make every small load a spike).</li>
 * </ul>
 * Median and MAD ignore single outliers in the profile, unlike mean and standard deviation.
 */
record SpikeRule(BigDecimal k, BigDecimal relative, int minDays) {

	static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");
	private static final MathContext MC = MathContext.DECIMAL64;

	/** The profile's statistics and the level above which a quantity is a spike. */
	record Verdict(BigDecimal median, BigDecimal mad, int days, BigDecimal threshold, boolean spike) {
	}

	/** Judges a quantity against its profile; empty when the profile has fewer than {@code minDays} values. */
	Optional<Verdict> judge(BigDecimal quantity, List<BigDecimal> profile, BigDecimal floor) {
		if (profile.size() < minDays) {
			return Optional.empty();
		}
		BigDecimal median = median(profile);
		List<BigDecimal> deviations = new ArrayList<>(profile.size());
		for (BigDecimal v : profile) {
			deviations.add(v.subtract(median).abs());
		}
		BigDecimal mad = median(deviations);
		BigDecimal step = k.multiply(MAD_TO_SIGMA, MC).multiply(mad, MC).max(relative.multiply(median.abs(), MC)).max(floor);
		BigDecimal threshold = median.add(step, MC);
		return Optional.of(new Verdict(median, mad, profile.size(), threshold, quantity.compareTo(threshold) > 0));
	}

	static BigDecimal median(List<BigDecimal> values) {
		List<BigDecimal> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
	}
}
