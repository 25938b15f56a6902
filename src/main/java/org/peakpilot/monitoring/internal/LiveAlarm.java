package org.peakpilot.monitoring.internal;

import java.time.Instant;

/** An alarm as the live view lists it (the alarm rules and their workflow live elsewhere). */
public record LiveAlarm(long id, long enterpriseId, Long meterId, String kind, Instant periodTs, String detail, Instant raisedAt,
		String status) {
}
