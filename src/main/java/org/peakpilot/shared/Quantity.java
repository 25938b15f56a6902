package org.peakpilot.shared;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A figure in a fixed unit that crosses a module boundary: tonnes of CO2 ({@link Tco2}), tonnes of coal equivalent
 * ({@link Tce}), gigajoules ({@link Gj}), 10k CNY ({@link Cny10k}) and tCO2 per 10k CNY ({@link Tco2PerCny10k}).
 * Immutable; equal by numeric value ({@code 1.50} equals {@code 1.5}) within the same type, never across types;
 * {@code toString} is the plain figure and its unit ({@code "12.5 tCO2"}). In JSON a quantity is a plain number (its
 * {@link #value()}) and is read back from one; the unit is in the field's name and in the API description. No unit
 * conversion lives here: factors come from the accounting module's reference data.
 */
public abstract sealed class Quantity<Q extends Quantity<Q>> implements Comparable<Q>, java.io.Serializable
		permits Tco2, Tce, Gj, Cny10k, Tco2PerCny10k {

	/** Serializable because pages keep quantities in flash messages, which the session store serializes (issue 16). */
	private static final long serialVersionUID = 1L;

	private final BigDecimal value;

	Quantity(BigDecimal value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	/** The figure in {@link #unit()}. */
	@JsonValue
	public final BigDecimal value() {
		return value;
	}

	/** The unit, as written after the figure (tCO2, tce, GJ, 10k CNY, tCO2/10k CNY). */
	public abstract String unit();

	/** -1, 0 or 1 as the figure is negative (a deduction), zero or positive. */
	public final int signum() {
		return value.signum();
	}

	@Override
	public final int compareTo(Q other) {
		return value.compareTo(other.value());
	}

	@Override
	public final boolean equals(Object o) {
		return o != null && o.getClass() == getClass() && value.compareTo(((Quantity<?>) o).value) == 0;
	}

	@Override
	public final int hashCode() {
		return 31 * getClass().hashCode() + value.stripTrailingZeros().hashCode();
	}

	@Override
	public final String toString() {
		return value.toPlainString() + " " + unit();
	}

	/** The figure of a quantity that may be absent (null stays null), e.g. for a JDBC parameter. */
	public static BigDecimal valueOf(Quantity<?> q) {
		return q == null ? null : q.value();
	}
}
