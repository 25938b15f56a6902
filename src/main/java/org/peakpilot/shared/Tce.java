package org.peakpilot.shared;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Tonnes of standard coal equivalent (tce, 吨标准煤), energy consumed or deducted (negative), held as {@link Rounding} stores and exchanges it ({@value Rounding#SCALE} decimals {@code HALF_UP}, trailing
 * zeros dropped): {@link #of} rounds once, and so does every sum.
 */
public final class Tce extends Quantity<Tce> {

	public static final Tce ZERO = new Tce(BigDecimal.ZERO);

	private Tce(BigDecimal value) {
		super(value);
	}

	/** The figure in tce, rounded by {@link Rounding#stored}; null for null. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Tce of(BigDecimal value) {
		return value == null ? null : new Tce(Rounding.stored(value));
	}

	@Override
	public String unit() {
		return "tce";
	}

	/** The sum, rounded by {@link Rounding#stored}. */
	public Tce plus(Tce other) {
		return of(value().add(other.value()));
	}
}
