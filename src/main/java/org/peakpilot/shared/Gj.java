package org.peakpilot.shared;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Gigajoules (GJ), the calorific value of an activity line, held as {@link Rounding} stores and exchanges it ({@value Rounding#SCALE} decimals {@code HALF_UP}, trailing
 * zeros dropped): {@link #of} rounds once, and so does every sum.
 */
public final class Gj extends Quantity<Gj> {

	public static final Gj ZERO = new Gj(BigDecimal.ZERO);

	private Gj(BigDecimal value) {
		super(value);
	}

	/** The figure in GJ, rounded by {@link Rounding#stored}; null for null. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Gj of(BigDecimal value) {
		return value == null ? null : new Gj(Rounding.stored(value));
	}

	@Override
	public String unit() {
		return "GJ";
	}

	/** The sum, rounded by {@link Rounding#stored}. */
	public Gj plus(Gj other) {
		return of(value().add(other.value()));
	}
}
