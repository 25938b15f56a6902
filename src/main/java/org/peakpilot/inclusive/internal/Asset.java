package org.peakpilot.inclusive.internal;

/** What a ledger account holds; each asset balances to zero over all accounts (ADR 0019). */
public enum Asset {
	/** Carbon-inclusive points, 1 point = 1 gCO2 avoided (whole points). */
	POINT,
	/** Engagement points (quiz, events): a separate currency that never becomes a carbon figure. */
	ENGAGEMENT,
	/** Forestry carbon tickets (林业碳票), whole tCO2 (1 t units). */
	TICKET
}
