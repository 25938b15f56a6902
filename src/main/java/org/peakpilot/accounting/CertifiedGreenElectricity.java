package org.peakpilot.accounting;

import java.math.BigDecimal;

/**
 * Certified green electricity an enterprise has claimed for a year from declared green certificates (绿证) it holds:
 * what backs the {@code greenKwh} of its reports' ELECTRICITY lines (market-based scope 2 at zero). Accounting asks,
 * another module answers (the power module's claims, which let a certificate back one claim only); without an
 * implementation nothing is claimed and no green kWh can be reported. Unscoped: accounting checks the caller.
 */
public interface CertifiedGreenElectricity {

	/** The kWh the enterprise has claimed for months of {@code year}; 0 when none. */
	BigDecimal claimedKwh(long enterpriseId, int year);
}
