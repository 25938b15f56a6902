package org.peakpilot.shared;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A carbon intensity in tonnes of CO2 per 10k CNY (of output value or value added), held as {@link Rounding} stores
 * and exchanges it ({@value Rounding#SCALE} decimals {@code HALF_UP}); made by {@link Tco2#per(Cny10k)}.
 */
public final class Tco2PerCny10k extends Quantity<Tco2PerCny10k> {

	private Tco2PerCny10k(BigDecimal value) {
		super(value);
	}

	/** The intensity in tCO2/10k CNY, rounded by {@link Rounding#stored}; null for null. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Tco2PerCny10k of(BigDecimal value) {
		return value == null ? null : new Tco2PerCny10k(Rounding.stored(value));
	}

	@Override
	public String unit() {
		return "tCO2/10k CNY";
	}

	/** The sum, rounded by {@link Rounding#stored} (e.g. of intensities of parts that share a denominator). */
	public Tco2PerCny10k plus(Tco2PerCny10k other) {
		return of(value().add(other.value()));
	}
}
