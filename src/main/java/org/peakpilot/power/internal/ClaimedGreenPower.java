package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the green-power share and the product footprint read of the green-certificate claims: an enterprise's claimed
 * green electricity of a year (MWh, from declared, valid, period-matched GECs) and the codes of the lots behind it.
 * Implemented over the claims ledger ({@code GreenClaims}).
 */
public interface ClaimedGreenPower {

	/** The enterprise's claimed green MWh of the year; 0 without claims. */
	BigDecimal claimedMwh(long enterpriseId, int year);

	/** The 32-character codes of the GEC lots behind the year's claims, for the footprint's trace. */
	List<String> claimedLotCodes(long enterpriseId, int year);
}
