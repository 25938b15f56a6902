package org.peakpilot.inclusive.internal;

/**
 * The kinds of ledger accounts. An account is (kind, owner reference, asset); the owner reference is the owning
 * row's id as text ({@code citizen id}, {@code partner id}, {@code event id}, {@code holder id}) or {@code "scheme"} for the
 * scheme's own accounts. Only {@link #allowsNegative()} kinds may go below zero: they are where units come from.
 */
public enum AccountKind {
	/** Where points are created when a methodology credits a reduction (negative: Σ points issued). */
	POINT_ISSUANCE,
	/** Where engagement points are created. */
	ENGAGEMENT_ISSUANCE,
	/** Where carbon tickets are created when the forestry bureau's approval issues them (negative: Σ tickets issued). */
	TICKET_ISSUANCE,
	/** A citizen's points or engagement points (owner: citizen id). */
	CITIZEN,
	/** A partner's account: points received for redeemed goods (owner: partner id). */
	PARTNER,
	/** A holder of carbon tickets: a forestry project's owner, a buyer, an event organiser (owner: holder id). */
	TICKET_HOLDER,
	/** Tickets locked while pledged (owner: holder id); still the holder's, not usable. */
	TICKET_PLEDGED,
	/** Units donated to a zero-carbon event and not yet retired (owner: event id). */
	EVENT,
	/** Units retired for good (owner: "scheme"): a retired unit never moves again. */
	RETIRED,
	/** Units expired (owner: "scheme"). */
	EXPIRED;

	public boolean allowsNegative() {
		return this == POINT_ISSUANCE || this == ENGAGEMENT_ISSUANCE || this == TICKET_ISSUANCE;
	}
}
