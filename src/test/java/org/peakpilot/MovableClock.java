package org.peakpilot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A clock in Beijing time that a test sets and moves, for tests of what happens at an hour, across midnight or after
 * a lock's expiry. A test class holds one in a static field and offers it as the application's {@link Clock} from a
 * {@code @TestConfiguration} ({@code @Bean @Primary Clock clock() { return NOW; }}), so the context stays the
 * class's own. Or the class imports {@link MovableClockConfiguration}, sets its start in the property
 * {@code peakpilot.test.clock} and autowires the clock (as the budget adjustment and execution tests do).
 */
final class MovableClock extends Clock {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final AtomicReference<Instant> now;

	MovableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	Instant get() {
		return now.get();
	}

	void set(Instant instant) {
		now.set(instant);
	}

	Instant updateAndGet(UnaryOperator<Instant> move) {
		return now.updateAndGet(move);
	}

	@Override
	public ZoneId getZone() {
		return BEIJING;
	}

	/** Always Beijing: the application's periods are Beijing's whatever zone a caller asks for. */
	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now.get();
	}
}
