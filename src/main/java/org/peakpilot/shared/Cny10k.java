package org.peakpilot.shared;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * An amount of money in 10k CNY (万元), e.g. an enterprise's industrial output value or value added of a month. It is
 * an entered figure, not a computed one: {@link #of} keeps it exactly as given (the module that stores it decides its
 * scale and refuses what is out of bounds; rounding an unchecked input such as {@code 1e999999999} would itself be
 * the failure). It is the denominator of intensities ({@link Tco2#per}).
 */
public final class Cny10k extends Quantity<Cny10k> {

	private Cny10k(BigDecimal value) {
		super(value);
	}

	/** The amount in 10k CNY, as given; null for null. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Cny10k of(BigDecimal value) {
		return value == null ? null : new Cny10k(value);
	}

	@Override
	public String unit() {
		return "10k CNY";
	}

	/** The sum, as given (no rounding: sums of amounts are exact). */
	public Cny10k plus(Cny10k other) {
		return of(value().add(other.value()));
	}
}
