package org.peakpilot.monitoring;

import java.time.Instant;

/**
 * A gateway (采集终端) and its device token's prefix; the token itself is shown once, at creation.
 * {@code previousTokenUntil}: after a rotation, until when the previous token still works (null when it does not);
 * {@code lastStatusAt}, {@code lastStatus}: the last status the gateway reported with a heartbeat;
 * {@code timestampMarks}: "start" or "end", what its times mark when a batch does not say.
 */
public record Gateway(long id, long enterpriseId, String name, String tokenPrefix, Instant createdAt, String createdBy,
		Instant revokedAt, Instant lastSeenAt, Instant previousTokenUntil, Instant lastStatusAt, String lastStatus,
		String timestampMarks) {

	public Gateway(long id, long enterpriseId, String name, String tokenPrefix, Instant createdAt, String createdBy,
			Instant revokedAt, Instant lastSeenAt) {
		this(id, enterpriseId, name, tokenPrefix, createdAt, createdBy, revokedAt, lastSeenAt, null, null, null, "end");
	}
}
