package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.peakpilot.shared.Rounding;

/**
 * The year's city budget (BUDGET-ADMISSION §3.1, ADR 0016), pure: no Spring, no I/O.
 * <ul>
 * <li>required yearly cut {@code r = 1 − ((1−R)/(1−R_a))^(1/n_left)} for what remains of the five-year period, to
 * {@value #RATE_SCALE} decimals (a root: {@code Math.pow} in double, 15 significant digits, then rounded half up);</li>
 * <li>target intensity {@code I*_t = I_{t−1}(1 − r_t)}, with r_t the office's rate, else the required cut;</li>
 * <li>{@code B_city = I*_t × GDP^f_t}, the total {@code min(B_city, cap)} where the office set a cap.</li>
 * </ul>
 * Figures are rounded once, by {@link Rounding#stored} (6 decimals half up), from the exact products.
 */
public final class CityBudget {

	/** Decimals of the required cut. */
	public static final int RATE_SCALE = 9;

	private CityBudget() {
	}

	/** The required yearly cut r, fraction of 1; R and R_a below 1, n_left at least 1. */
	public static BigDecimal requiredCut(BigDecimal periodCut, BigDecimal achievedCut, int yearsLeft) {
		BigDecimal ratio = BigDecimal.ONE.subtract(periodCut).divide(BigDecimal.ONE.subtract(achievedCut), Rounding.WORKING);
		BigDecimal root = yearsLeft == 1 ? ratio : BigDecimal.valueOf(Math.pow(ratio.doubleValue(), 1.0 / yearsLeft));
		return strip(BigDecimal.ONE.subtract(root).setScale(RATE_SCALE, RoundingMode.HALF_UP));
	}

	/** I*_t = I_{t−1}(1 − r_t), tCO2 per 10k CNY, 6 decimals. */
	public static BigDecimal targetIntensity(BigDecimal previousIntensity, BigDecimal rate) {
		return Rounding.stored(previousIntensity.multiply(BigDecimal.ONE.subtract(rate)));
	}

	/** B_city = I*_t × GDP^f_t, tCO2, 6 decimals (the exact product of the stored intensity and the forecast). */
	public static BigDecimal cityBudget(BigDecimal targetIntensity, BigDecimal forecastGdp10kCny) {
		return Rounding.stored(targetIntensity.multiply(forecastGdp10kCny));
	}

	/** min(B_city, cap); without a cap the city budget. */
	public static BigDecimal total(BigDecimal cityBudget, BigDecimal cap) {
		return cap == null ? cityBudget : cityBudget.min(cap);
	}

	private static BigDecimal strip(BigDecimal v) {
		BigDecimal r = v.stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}
}
