package org.peakpilot.monitoring.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How soon an MQTT subscriber reconnects: at once (200 ms) after a connection that lasted; after 3 connections in a
 * row that ended within 10 s of being made, 200 ms × 2^n up to the maximum (30 s), said once; a connection that lasts
 * 10 s ends that. Time is a clock the test moves.
 */
class ReconnectPolicyTests {

	final AtomicLong now = new AtomicLong(1_000_000_000L);
	final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(10), 3, now::get);

	/** A connection that lasts {@code held}, then the broker ends it. */
	ReconnectPolicy.Decision connectionLasting(Duration held) {
		policy.connected();
		now.addAndGet(held.toNanos());
		return policy.disconnected();
	}

	@Test
	void aSingleLostConnectionIsFollowedByAnImmediateReconnect() {
		ReconnectPolicy.Decision d = connectionLasting(Duration.ofMinutes(5));
		assertThat(d.delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(d.backingOffNow()).isFalse();
		assertThat(policy.backingOff()).isFalse();
		// even a short one on its own, and a second: below the threshold
		assertThat(connectionLasting(Duration.ofMillis(300)).delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(connectionLasting(Duration.ofMillis(300)).delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.backingOff()).isFalse();
	}

	@Test
	void theThirdShortConnectionInARowStartsABackOffThatDoublesUpToTheMaximumAndIsSaidOnce() {
		List<Long> delays = new ArrayList<>();
		List<Boolean> said = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			ReconnectPolicy.Decision d = connectionLasting(Duration.ofMillis(250));
			delays.add(d.delay().toMillis());
			said.add(d.backingOffNow());
		}
		// 200 × 2^1 … 200 × 2^7 = 25 600, then 30 000
		assertThat(delays).containsExactly(200L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 25_600L, 30_000L, 30_000L, 30_000L);
		assertThat(said).containsExactly(false, false, true, false, false, false, false, false, false, false, false, false);
		assertThat(policy.backingOff()).isTrue();
		assertThat(policy.shortInARow()).isEqualTo(12);
	}

	@Test
	void aConnectionJustUnderTheStableTimeIsShortAndOneOfExactlyTheStableTimeIsNot() {
		Duration under = Duration.ofSeconds(10).minusNanos(1);
		connectionLasting(under);
		connectionLasting(under);
		assertThat(connectionLasting(under).delay()).isEqualTo(Duration.ofMillis(400));
		assertThat(connectionLasting(Duration.ofSeconds(10)).delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.shortInARow()).isZero();
	}

	@Test
	void aConnectionThatLastsEndsTheBackOffAlreadyWhileItIsHeldAndANewStreakIsSaidAgain() {
		for (int i = 0; i < 5; i++) {
			connectionLasting(Duration.ofMillis(100));
		}
		assertThat(policy.backingOff()).isTrue();
		policy.connected();
		now.addAndGet(Duration.ofSeconds(9).toNanos());
		assertThat(policy.backingOff()).as("held 9 s: not yet").isTrue();
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(policy.backingOff()).as("held 10 s").isFalse();
		ReconnectPolicy.Decision d = policy.disconnected();
		assertThat(d.delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.shortInARow()).isZero();
		// the next streak starts from the beginning and is said again
		assertThat(connectionLasting(Duration.ofMillis(100)).delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(connectionLasting(Duration.ofMillis(100)).delay()).isEqualTo(Duration.ofMillis(200));
		ReconnectPolicy.Decision third = connectionLasting(Duration.ofMillis(100));
		assertThat(third.delay()).isEqualTo(Duration.ofMillis(400));
		assertThat(third.backingOffNow()).isTrue();
	}

	@Test
	void aDisconnectWithoutAConnectionChangesNothing() {
		connectionLasting(Duration.ofMillis(100));
		connectionLasting(Duration.ofMillis(100));
		assertThat(policy.disconnected().delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.shortInARow()).isEqualTo(2);
		assertThat(connectionLasting(Duration.ofMillis(100)).backingOffNow()).isTrue();
	}

	@Test
	void aMaximumBelowTheFirstPauseIsTheFirstPauseAndLongStreaksDoNotOverflow() {
		ReconnectPolicy small = new ReconnectPolicy(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofSeconds(10), 3, now::get);
		ReconnectPolicy big = new ReconnectPolicy(Duration.ofMillis(200), Duration.ofDays(3650), Duration.ofSeconds(10), 3, now::get);
		for (int i = 0; i < 100; i++) {
			small.connected();
			big.connected();
			assertThat(small.disconnected().delay()).isEqualTo(Duration.ofMillis(200));
			assertThat(big.disconnected().delay()).isPositive().isLessThanOrEqualTo(Duration.ofDays(3650));
		}
		big.connected();
		assertThat(big.disconnected().delay()).isEqualTo(Duration.ofDays(3650));
	}
}
