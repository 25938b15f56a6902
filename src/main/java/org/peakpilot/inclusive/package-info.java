/**
 * The carbon-inclusive scheme (碳普惠, plan 二(二)3–4, 二(五)3–4, 五(四), 六(二)3; ../shared/INCLUSIVE-POWER.md §1, §3.A):
 * citizens' and visitors' green trips and scene check-ins turned into gCO2 by versioned methodologies (ER = BE − PE,
 * 1 point = 1 gCO2), badges, avatar frames and verifiable low-carbon certificates, partners' goods and tickets for
 * points; forestry carbon tickets (林业碳票) issued from the budget's verified sink increments; zero-carbon events
 * (零碳会议/活动) that offset their MEE 2019 footprint by retiring tickets and donated points; the 2027 tourism
 * certification of scenic spots and enterprises.
 * <p>
 * One ledger ({@code internal.Ledger}, ADR 0019): every earn, spend, donate, expire, issue, transfer, pledge and
 * retire is one append-only double-entry transaction with a sequence number; balances are derived; each asset sums to
 * zero; a unit is used once. Assets and units: {@code POINT} (1 point = 1 gCO2, integer), {@code ENGAGEMENT}
 * (quiz and event points, never a carbon figure), {@code TICKET} (carbon tickets, whole tCO2).
 * <p>
 * Who: citizens ({@code Role.CITIZEN}) see only themselves; partners ({@code Role.PARTNER}) their own trips and
 * scenes; the office all; the forestry bureau ({@code Role.FORESTRY_OFFICER}) its ticket projects; the public a
 * certificate's facts. The scheme's gCO2 is information for indicators, never a figure the city reports.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "registry", "accounting", "budget", "shared" })
package org.peakpilot.inclusive;
