package org.peakpilot.platform;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;

/**
 * Binds a decimal typed on a page form, with thousands separators allowed ({@code 1,234.5}) and surrounding blanks
 * ignored; a blank field is null. Register it in the controller's {@code @InitBinder} for {@link BigDecimal}. Text that
 * is no number is a binding failure, which {@link PageErrorAdvice} shows naming the field. (Not {@code @NumberFormat}:
 * {@code java.text.DecimalFormat} writes out an exponent such as {@code 1e999999999} digit by digit.)
 */
public class GroupedDecimalEditor extends PropertyEditorSupport {

	@Override
	public void setAsText(String text) {
		if (text == null || text.isBlank()) {
			setValue(null);
			return;
		}
		try {
			setValue(new BigDecimal(text.strip().replace(",", "")));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a number", ex);
		}
	}

	@Override
	public String getAsText() {
		return getValue() == null ? "" : ((BigDecimal) getValue()).toString();
	}
}
