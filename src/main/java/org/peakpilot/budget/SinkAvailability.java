package org.peakpilot.budget;

import java.math.BigDecimal;

/**
 * What the sink ledger can still give to forestry carbon tickets (林业碳票) of a county and year, tCO2, and why: the
 * county's verified Σ ΔS minus what was already issued as tickets, never more than the city's Σ ΔS minus all tickets
 * minus the sink credit a budget version of the year already took. {@code available} is in whole tonnes.
 */
public record SinkAvailability(String countyCode, int year, BigDecimal countyIncrement, BigDecimal countyWithdrawn, BigDecimal cityIncrement,
		BigDecimal cityWithdrawn, BigDecimal budgetCredit, BigDecimal available) {

	/** The figures in words, for a refusal. */
	public String explained() {
		return "county " + countyCode + ", " + year + ": verified sinks Σ ΔS " + plain(countyIncrement) + " t, already issued as tickets "
				+ plain(countyWithdrawn) + " t; city-wide Σ ΔS " + plain(cityIncrement) + " t − issued " + plain(cityWithdrawn)
				+ " t − the budget's sink credit " + plain(budgetCredit) + " t; available " + plain(available) + " t";
	}

	private static String plain(BigDecimal v) {
		BigDecimal s = v.stripTrailingZeros();
		return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
	}
}
