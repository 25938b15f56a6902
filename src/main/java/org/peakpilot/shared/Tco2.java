package org.peakpilot.shared;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Tonnes of CO2 (tCO2), an emission or a deduction (negative), held as {@link Rounding} stores and exchanges it ({@value Rounding#SCALE} decimals {@code HALF_UP}, trailing
 * zeros dropped): {@link #of} rounds once, and so does every sum.
 */
public final class Tco2 extends Quantity<Tco2> {

	public static final Tco2 ZERO = new Tco2(BigDecimal.ZERO);

	private Tco2(BigDecimal value) {
		super(value);
	}

	/** The figure in tCO2, rounded by {@link Rounding#stored}; null for null. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Tco2 of(BigDecimal value) {
		return value == null ? null : new Tco2(Rounding.stored(value));
	}

	@Override
	public String unit() {
		return "tCO2";
	}

	/** The sum, rounded by {@link Rounding#stored}. */
	public Tco2 plus(Tco2 other) {
		return of(value().add(other.value()));
	}

	/**
	 * The intensity per amount of money ({@link Rounding#WORKING}, then rounded once); null when the amount is
	 * absent or zero (no intensity of a month without output).
	 */
	public Tco2PerCny10k per(Cny10k amount) {
		return amount == null || amount.signum() == 0 ? null
				: Tco2PerCny10k.of(value().divide(amount.value(), Rounding.WORKING));
	}
}
