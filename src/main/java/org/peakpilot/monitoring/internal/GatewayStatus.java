package org.peakpilot.monitoring.internal;

import java.time.Instant;

/** The status a gateway reported on its own (heartbeat), and when it was received. */
public record GatewayStatus(long gatewayId, Instant receivedAt, String status) {
}
