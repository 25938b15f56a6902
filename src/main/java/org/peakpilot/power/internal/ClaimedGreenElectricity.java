package org.peakpilot.power.internal;

import java.math.BigDecimal;

import org.peakpilot.accounting.CertifiedGreenElectricity;
import org.springframework.stereotype.Component;

/** Accounting's question "how much certified green electricity has this enterprise claimed for the year", in kWh. */
@Component
class ClaimedGreenElectricity implements CertifiedGreenElectricity {

	private final GreenClaims claims;

	ClaimedGreenElectricity(GreenClaims claims) {
		this.claims = claims;
	}

	@Override
	public BigDecimal claimedKwh(long enterpriseId, int year) {
		return claims.claimedMwh(enterpriseId, year).multiply(BigDecimal.valueOf(1000));
	}
}
