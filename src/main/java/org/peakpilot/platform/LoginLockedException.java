package org.peakpilot.platform;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * Sign-in refused without checking the password: the account or the client address is locked after repeated
 * failures ({@link LoginThrottle}). Answered 429 with Retry-After on the API and a message on the form.
 */
class LoginLockedException extends LockedException {

	private final Duration retryAfter;

	LoginLockedException(Duration retryAfter) {
		super("too many failed sign-ins: locked for " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

	/** The lock in whole seconds, at least 1, as for Retry-After. */
	long retryAfterSeconds() {
		return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
	}

	/** The lock in whole minutes, at least 1, as shown to people. */
	long retryAfterMinutes() {
		return (retryAfterSeconds() + 59) / 60;
	}
}
