package org.peakpilot.platform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a value against the bounds of its field before it reaches the database, adding an error that names the
 * field. The bounds come from the field's meaning (a CT/PT multiplier, a calorific value, a percentage) and never
 * exceed its column; each module states its own in one place and checks them with these methods.
 */
public final class InputBounds {

	/** NUMERIC(24,6) holds magnitudes below 10^18. */
	public static final BigDecimal NUMERIC_24_6 = new BigDecimal("1e18");

	/** BCrypt reads at most 72 bytes of a password. */
	public static final int PASSWORD_MAX_BYTES = 72;

	private InputBounds() {
	}

	/**
	 * Whether {@code value} lies in [{@code min}, {@code max}]; if not, adds an error naming the field. A null value
	 * passes: whether it is required is the caller's rule.
	 */
	public static boolean range(List<InputError> errors, String field, BigDecimal value, BigDecimal min, BigDecimal max) {
		if (value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0)) {
			return true;
		}
		errors.add(InputError.field(field, "must lie between " + min.toPlainString() + " and " + max.toPlainString() + ", got "
				+ shown(value)));
		return false;
	}

	/** Whether {@code value} is above 0 and at most {@code max}; if not, adds an error naming the field. A null value passes. */
	public static boolean positive(List<InputError> errors, String field, BigDecimal value, BigDecimal max) {
		if (value == null || (value.signum() > 0 && value.compareTo(max) <= 0)) {
			return true;
		}
		errors.add(InputError.field(field, "must be above 0 and at most " + max.toPlainString() + ", got " + shown(value)));
		return false;
	}

	/** Whether {@code value} is at most {@code max} (the lower bound being the caller's rule); null passes. */
	public static boolean atMost(List<InputError> errors, String field, BigDecimal value, BigDecimal max) {
		if (value == null || value.compareTo(max) <= 0) {
			return true;
		}
		errors.add(InputError.field(field, "at most " + max.toPlainString() + ", got " + shown(value)));
		return false;
	}

	/** Whether a text has at most {@code max} characters; if not, adds an error naming the field. Null passes. */
	public static boolean length(List<InputError> errors, String field, String value, int max) {
		if (value == null || value.length() <= max) {
			return true;
		}
		errors.add(InputError.field(field, "at most " + max + " characters, got " + value.length()));
		return false;
	}

	/** Whether a password fits BCrypt's 72 bytes (UTF-8); if not, adds an error naming the field. Null passes. */
	public static boolean password(List<InputError> errors, String field, String value) {
		if (value == null || value.getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES) {
			return true;
		}
		errors.add(InputError.field(field, "at most " + PASSWORD_MAX_BYTES + " bytes (72 Latin or 24 Chinese characters)"));
		return false;
	}

	/** A number as shown in an error: in full when short, else in scientific notation (1E+308 has 309 digits). */
	public static String shown(BigDecimal value) {
		String plain = value.precision() - value.scale() > 24 || value.scale() > 24 ? value.toString() : value.toPlainString();
		return plain.length() > 40 ? value.round(new java.math.MathContext(6)).toString() : plain;
	}
}
