package org.peakpilot.monitoring.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When an MQTT subscriber reconnects after the broker ended its connection (not the application, not a takeover the
 * broker named): at once (the first pause) after a connection that lasted, and with a pause that doubles up to a
 * maximum once {@code threshold} connections in a row ended within {@code stable} of being made. Two clients with one
 * client id at a broker that closes the older connection without saying why (Mosquitto 2.0) otherwise take the
 * session from each other several times a second, and the broker redelivers every message in flight each time. A
 * connection that lasts {@code stable} ends the streak. One per subscriber; the clock is a nanosecond source
 * ({@link System#nanoTime()} in the application).
 */
final class ReconnectPolicy {

	/**
	 * What to do after a connection ended.
	 *
	 * @param delay          the pause before reconnecting
	 * @param backingOffNow  this disconnect started the back-off (the threshold was just reached): say so, once
	 */
	record Decision(Duration delay, boolean backingOffNow) {
	}

	private final Duration first;
	private final Duration max;
	private final long stableNanos;
	private final int threshold;
	private final LongSupplier nanoTime;
	/** When the current connection was made; meaningful while connected. */
	private long connectedAt;
	private boolean connected;
	/** Connections in a row that ended within {@code stable}. */
	private int shortInARow;

	ReconnectPolicy(Duration first, Duration max, Duration stable, int threshold, LongSupplier nanoTime) {
		if (first.isNegative() || first.isZero() || stable.isNegative() || stable.isZero() || threshold < 1) {
			throw new IllegalArgumentException("first and stable must be positive and threshold at least 1");
		}
		this.first = first;
		this.max = max.compareTo(first) < 0 ? first : max;
		this.stableNanos = stable.toNanos();
		this.threshold = threshold;
		this.nanoTime = nanoTime;
	}

	synchronized void connected() {
		connected = true;
		connectedAt = nanoTime.getAsLong();
	}

	/** The connection made last ended, not by this side: how long to wait before reconnecting. */
	synchronized Decision disconnected() {
		if (!connected) {
			// no connection was made since the last one ended: nothing to judge
			return new Decision(first, false);
		}
		connected = false;
		if (nanoTime.getAsLong() - connectedAt >= stableNanos) {
			shortInARow = 0;
			return new Decision(first, false);
		}
		shortInARow++;
		if (shortInARow < threshold) {
			return new Decision(first, false);
		}
		int doublings = shortInARow - threshold + 1;
		Duration delay = doublings >= 31 ? max : first.multipliedBy(1L << doublings);
		return new Decision(delay.compareTo(max) > 0 ? max : delay, shortInARow == threshold);
	}

	/** Whether reconnects are slowed down now: the threshold reached, and no connection since that has lasted. */
	synchronized boolean backingOff() {
		return shortInARow >= threshold && !(connected && nanoTime.getAsLong() - connectedAt >= stableNanos);
	}

	/** Connections in a row that ended shortly after being made. */
	synchronized int shortInARow() {
		return shortInARow;
	}
}
