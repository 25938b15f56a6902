package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** A meter exchange: the old register's final value and the new one's initial value. */
public record Replacement(long id, long meterId, Instant replacedAt, BigDecimal oldFinal, BigDecimal newInitial, String reason,
		String createdBy, Instant createdAt) {
}
