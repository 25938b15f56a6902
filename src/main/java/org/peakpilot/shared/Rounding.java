package org.peakpilot.shared;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one rounding policy for figures that are stored or cross a module boundary: tCO2, tce, energy quantities
 * (GJ, kWh, a meter's quantity in its unit) and intensities (tCO2 or tce per 10k CNY, kgce per unit of product).
 * <p>
 * Every such figure is kept at {@value #SCALE} decimals, rounded {@link RoundingMode#HALF_UP}, trailing zeros
 * dropped and never in exponent form ({@link #stored(BigDecimal)}). This is what the accounting calculator has
 * stored since its first result, so no stored accounting figure changes; it is also the scale of the numeric
 * columns the figures are written to ({@code NUMERIC(…, 6)}). Intermediate arithmetic (products, quotients)
 * uses {@link #WORKING} (16 significant digits, {@code DECIMAL64}) and is rounded once, by this policy, when the
 * figure is stored or handed on.
 * <p>
 * Rounding for reading is not done here: pages round at display time ({@code @fmt}, {@code platform.PageFormat});
 * exports and hovers show the stored figure. Shares and percentages compared with a tolerance, and indicators
 * written at the precision the plan publishes them, round where they are computed and say why.
 */
public final class Rounding {

	/** Decimals of a stored or exchanged figure. */
	public static final int SCALE = 6;

	/** The rounding mode of a stored or exchanged figure. */
	public static final RoundingMode MODE = RoundingMode.HALF_UP;

	/** Precision of intermediate products and quotients before a figure is stored. */
	public static final MathContext WORKING = MathContext.DECIMAL64;

	private Rounding() {
	}

	/**
	 * A figure as it is stored and exchanged: {@value #SCALE} decimals {@code HALF_UP}, trailing zeros dropped,
	 * never in exponent form (1E+3 reads 1000); null stays null.
	 */
	public static BigDecimal stored(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal r = v.setScale(SCALE, MODE).stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}
}
