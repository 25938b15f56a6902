package org.peakpilot.accounting.internal;

import java.math.BigDecimal;

import org.peakpilot.accounting.Calculation;

import org.peakpilot.platform.InvalidInputException;

/**
 * The bounds of accounting's input fields, in one place: from what each field means, and never beyond its column
 * (activity quantities NUMERIC(24,6), money NUMERIC(20,4), calorific values NUMERIC(20,6), carbon contents
 * NUMERIC(12,4), factor values NUMERIC(24,10)).
 */
public final class AccountingBounds {

	/** An activity quantity (a month's or a year's fuel, power, heat, product) in its unit: below 10^12. */
	static final BigDecimal QUANTITY_MAX = new BigDecimal(Calculation.QUANTITY_MAX);
	/** A month's output value or value added in 10,000 CNY: the largest enterprise stays below 10^10 (10^14 CNY). */
	static final BigDecimal MONEY_10K_CNY_MAX = new BigDecimal(org.peakpilot.accounting.ReportContent.MONEY_10K_CNY_MAX);
	/**
	 * A measured net calorific value, GJ per activity unit: coal about 20 GJ/t, fuel oil 42 GJ/t, natural gas 389 GJ per
	 * 10^4 Nm³, hydrogen about 1,200 GJ per 10^4 Nm³; nothing burnt reaches 10,000.
	 */
	static final BigDecimal NCV_MAX = new BigDecimal(Calculation.NCV_MAX);
	/** A measured carbon content in tC/TJ (coal about 26, natural gas 15.3); physically below 1,000. */
	static final BigDecimal CARBON_CONTENT_MAX = new BigDecimal(Calculation.CARBON_CONTENT_MAX);
	/** A factor value (tCO2/MWh, tCO2/t, a GWP up to SF6's 23,500): at most 1,000,000. */
	public static final String FACTOR_VALUE_LIMIT = "1000000";
	public static final BigDecimal FACTOR_VALUE_MAX = new BigDecimal(FACTOR_VALUE_LIMIT);
	/** The first and last accounting year a report, a calculation or a query may name. */
	static final int YEAR_MIN = Calculation.YEAR_MIN;
	static final int YEAR_MAX = Calculation.YEAR_MAX;

	/** Refuses a year outside {@link #YEAR_MIN}–{@link #YEAR_MAX}, naming the field. */
	public static void requireYear(String field, Integer year) {
		if (year == null || year < YEAR_MIN || year > YEAR_MAX) {
			throw new InvalidInputException(field, "an accounting year from " + YEAR_MIN + " to " + YEAR_MAX + " is required");
		}
	}

	/** Labels of a line. */
	static final int LABEL_MAX = Calculation.LABEL_MAX;
	/** Free texts (comments, reasons, sources, notes): long enough for any explanation, short enough for a page. */
	public static final int TEXT_MAX = 2000;

	private AccountingBounds() {
	}
}
