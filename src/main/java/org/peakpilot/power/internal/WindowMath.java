package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.peakpilot.shared.Rounding;

/**
 * The arithmetic of green windows (no Spring, no I/O). Of a day's 24 profile values (gCO2/kWh by Beijing hour,
 * null where unknown) the cleanest quarter are the green hours and the dirtiest quarter the dirty window (a quarter
 * of the known hours, rounded up; ties at the boundary join). Shifting a share s of the load L_h of each dirty hour h
 * into the green hours saves
 * <pre>ΔCO2 [g/day] = s × Σ_{h ∈ dirty} L_h × (CI_h − mean CI_green)</pre>
 * with L_h the enterprise's average kWh in hour h. It assumes the shifted kWh spread over the green hours and the
 * profile holds on that day: an estimate for a decision, not an accounting figure.
 */
public final class WindowMath {

	private WindowMath() {
	}

	// The green and dirty hours of a profile, ascending.
	public record Classes(List<Integer> green, List<Integer> dirty, BigDecimal greenMean, BigDecimal dirtyFrom) {
	}

	public static Classes classify(List<BigDecimal> profile) {
		List<Integer> known = new ArrayList<>();
		for (int h = 0; h < profile.size(); h++) {
			if (profile.get(h) != null) {
				known.add(h);
			}
		}
		if (known.isEmpty()) {
			return new Classes(List.of(), List.of(), null, null);
		}
		int quarter = (known.size() + 3) / 4;
		List<Integer> byValue = new ArrayList<>(known);
		byValue.sort(Comparator.comparing(profile::get));
		BigDecimal greenUpTo = profile.get(byValue.get(quarter - 1));
		BigDecimal dirtyFrom = profile.get(byValue.get(byValue.size() - quarter));
		TreeSet<Integer> green = new TreeSet<>(), dirty = new TreeSet<>();
		for (int h : known) {
			if (profile.get(h).compareTo(greenUpTo) <= 0) {
				green.add(h);
			}
			if (profile.get(h).compareTo(dirtyFrom) >= 0 && !green.contains(h)) {
				dirty.add(h);
			}
		}
		BigDecimal sum = green.stream().map(profile::get).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal mean = sum.divide(BigDecimal.valueOf(green.size()), MathContext.DECIMAL64);
		return new Classes(List.copyOf(green), List.copyOf(dirty), Rounding.stored(mean), dirtyFrom);
	}

	/**
	 * kWh per day moved: s × Σ_{h ∈ dirty} L_h ({@code share} a fraction 0–1; a load of null counts as 0).
	 */
	public static BigDecimal shiftedKwh(List<BigDecimal> load, Classes c, BigDecimal share) {
		BigDecimal sum = BigDecimal.ZERO;
		for (int h : c.dirty()) {
			if (load.get(h) != null) {
				sum = sum.add(load.get(h));
			}
		}
		return Rounding.stored(sum.multiply(share, MathContext.DECIMAL64));
	}

	/** kgCO2 saved per day: s × Σ_{h ∈ dirty} L_h × (CI_h − mean CI_green) ÷ 1000. */
	public static BigDecimal savingKg(List<BigDecimal> profile, List<BigDecimal> load, Classes c, BigDecimal share) {
		if (c.greenMean() == null) {
			return null;
		}
		BigDecimal grams = BigDecimal.ZERO;
		for (int h : c.dirty()) {
			if (load.get(h) != null) {
				grams = grams.add(load.get(h).multiply(profile.get(h).subtract(c.greenMean()), MathContext.DECIMAL64));
			}
		}
		return Rounding.stored(grams.multiply(share, MathContext.DECIMAL64).divide(BigDecimal.valueOf(1000), MathContext.DECIMAL64));
	}

	/** The 90th percentile by nearest rank (the ⌈0.9 n⌉-th smallest); null for no values. */
	public static BigDecimal p90(List<BigDecimal> values) {
		if (values.isEmpty()) {
			return null;
		}
		List<BigDecimal> sorted = new ArrayList<>(values);
		sorted.sort(Comparator.naturalOrder());
		int rank = (int) Math.ceil(0.9 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}
}
