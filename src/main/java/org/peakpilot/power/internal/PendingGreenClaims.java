package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Stand-in until the claims ledger ({@code GreenClaims}) is part of this branch: no enterprise has claimed green
 * electricity. Replaced by the adapter over the ledger when it is merged.
 */
@Component
class PendingGreenClaims implements ClaimedGreenPower {

	@Override
	public BigDecimal claimedMwh(long enterpriseId, int year) {
		return BigDecimal.ZERO;
	}

	@Override
	public List<String> claimedLotCodes(long enterpriseId, int year) {
		return List.of();
	}
}
