package org.peakpilot.accounting;

import java.math.BigDecimal;

/**
 * An enterprise's purchased electricity of a year as its verified (or locked) monthly reports state it, and how many
 * months of the year those reports cover: the denominator of a green-power share, which is incomplete until all 12
 * months are verified.
 *
 * @param enterpriseId   the enterprise (registry id)
 * @param year           the accounting year
 * @param verifiedMonths months of the year with a VERIFIED or LOCKED report, 0–12
 * @param purchasedKwh   purchased electricity of those reports, kWh (0 without electricity lines)
 * @param greenKwh       of it stated as certified green on the report lines, kWh; null when no line states it
 */
public record PurchasedElectricity(long enterpriseId, int year, int verifiedMonths, BigDecimal purchasedKwh, BigDecimal greenKwh) {

	/** Whether all 12 months of the year are verified. */
	public boolean complete() {
		return verifiedMonths >= 12;
	}
}
