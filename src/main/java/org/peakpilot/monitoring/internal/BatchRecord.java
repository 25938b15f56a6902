package org.peakpilot.monitoring.internal;

import java.time.Instant;

/**
 * What one batch of a gateway produced: when it was received, over which channel, and how many of its readings
 * were stored, already stored (duplicates), quarantined, corrected and snapped. A batch id sent again (a retry)
 * has one record per delivery.
 */
public record BatchRecord(long gatewayId, String batchId, String channel, Instant receivedAt, int received, int stored,
		int duplicates, int quarantined, int corrected, int snapped) {
}
