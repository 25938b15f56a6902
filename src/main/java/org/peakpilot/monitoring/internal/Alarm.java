package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An alarm. {@code observed} and {@code threshold} are in {@code unit} (the meter's unit, "intervals" for
 * OFFLINE, kgce per product unit for UNIT_ENERGY); {@code referenceCode} and {@code referenceTag} name the
 * efficiency level compared with and how far it is verified; {@code resolvedAt} is when the condition ended by
 * itself (OFFLINE: readings came again); {@code neverReported}: an OFFLINE alarm of a meter that had sent nothing since
 * its registration ({@code periodTs}).
 */
public record Alarm(long id, long enterpriseId, String countyCode, Long parkId, Long meterId, String meterCode, AlarmKind kind,
		Instant periodTs, String subject, String detail, BigDecimal observed, BigDecimal threshold, String unit,
		String referenceCode, String referenceTag, boolean referenceVerified, Instant raisedAt, Instant resolvedAt,
		AlarmStatus status, String acknowledgedBy, Instant acknowledgedAt, String acknowledgeComment, String closedBy,
		Instant closedAt, String comment, AlarmGap gap, boolean neverReported) {
}
