package org.peakpilot.platform;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Binds a decimal typed on a page form; register it in the controller's {@code @InitBinder} for {@link BigDecimal}.
 * Accepted: surrounding blanks (a blank field is null), thousands separators in groups of three, also the full-width
 * comma of a Chinese input method ({@code 12,345.6}, {@code 12，345.6}), and the exponent form that spreadsheets and
 * calculators write ({@code 1E3} is 1000, {@code 1e-3} is 0.001). Refused, as a binding failure that
 * {@link PageErrorAdvice} shows naming the field: text that is no number, separators that are not thousands
 * ({@code 1,2} could mean 1.2 to a European reader, so it is not read as 12) and a figure with more than
 * {@value #MAX_DIGITS} digits on either side of the point once written out ({@code 1e999999999}). What comes out is
 * written out, never with a negative scale. (Not {@code @NumberFormat}: {@code java.text.DecimalFormat} writes out an
 * exponent such as {@code 1e999999999} digit by digit.)
 */
public class GroupedDecimalEditor extends PropertyEditorSupport {

	/** Digits a figure may have before and after its point once written out; no figure of this platform needs more. */
	public static final int MAX_DIGITS = 30;

	/** The integer part when it carries separators: one to three digits, then groups of three. */
	private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");

	@Override
	public void setAsText(String text) {
		if (text == null || text.isBlank()) {
			setValue(null);
			return;
		}
		String number = text.strip().replace('，', ',');
		if (number.indexOf(',') >= 0) {
			int end = firstOf(number, '.', 'e', 'E');
			if (!GROUPED.matcher(number.substring(0, end)).matches() || number.indexOf(',', end) >= 0) {
				throw new IllegalArgumentException("thousands separators in groups of three only");
			}
			number = number.replace(",", "");
		}
		BigDecimal value;
		try {
			value = new BigDecimal(number);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a number", ex);
		}
		if (value.signum() == 0) {
			setValue(value.scale() < 0 ? value.setScale(0) : value.scale() > MAX_DIGITS ? BigDecimal.ZERO : value);
			return;
		}
		if (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS) {
			throw new IllegalArgumentException("more than " + MAX_DIGITS + " digits before or after the point");
		}
		setValue(value.scale() < 0 ? value.setScale(0) : value);
	}

	private static int firstOf(String text, char... chars) {
		int first = text.length();
		for (char c : chars) {
			int at = text.indexOf(c);
			if (at >= 0 && at < first) {
				first = at;
			}
		}
		return first;
	}

	@Override
	public String getAsText() {
		return getValue() == null ? "" : ((BigDecimal) getValue()).toPlainString();
	}
}
