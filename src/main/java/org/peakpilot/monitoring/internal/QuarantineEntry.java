package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** A quarantined reading with the raw payload it came in and the reason. */
public record QuarantineEntry(long id, Long enterpriseId, String channel, String sender, Long meterId, String meterCode,
		Instant ts, BigDecimal value, String unit, String raw, Reason reason, String detail, Instant receivedAt,
		QuarantineStatus status, String resolvedBy, Instant resolvedAt, String resolution) {
}
