package org.peakpilot.monitoring.internal;

import java.time.Instant;

/**
 * The silence of a RECOVERED offline alarm: from the last reading before it to the interval end at which readings
 * came again; {@code intervals} the meter's intervals in between (neither end counted), {@code backfilled} those
 * of them present now (resent later), {@code missing} the rest.
 */
public record AlarmGap(Instant from, Instant to, int intervals, int backfilled) {

	public int missing() {
		return Math.max(0, intervals - backfilled);
	}
}
