package org.peakpilot.inclusive.internal;

/** What a ledger transaction did (ADR 0019). */
public enum TxnKind {
	EARN, ENGAGE, SPEND, DONATE, EXPIRE, ISSUE, TRANSFER, PLEDGE, UNPLEDGE, RETIRE, REVERSE
}
