package org.peakpilot.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brute-force protection for everything that takes a password (sign-in form, HTTP Basic, the current password on
 * a password change). Failures are counted in the database per account (the name as typed) and per client
 * address; from the {@code max-failures}th failure on, each failure locks for {@code first-lock} doubled per further
 * failure up to {@code max-lock} (1, 2, 4 … minutes). While locked, no password is checked, not even the right one.
 * Failures older than {@code forget-after} are forgotten; a successful sign-in forgets the account's failures (not
 * the address's). Each lock is audited; the city administrator can unlock an account. See docs/adr/0011.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
	static final String ACCOUNT = "ACCOUNT";
	static final String ADDRESS = "ADDRESS";

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final int maxFailures;
	private final int maxFailuresPerAddress;
	private final Duration firstLock;
	private final Duration maxLock;
	private final Duration forgetAfter;

	LoginThrottle(JdbcClient jdbc, AuditLog audit, Clock clock,
			@Value("${peakpilot.security.login.max-failures:5}") int maxFailures,
			@Value("${peakpilot.security.login.max-failures-per-address:20}") int maxFailuresPerAddress,
			@Value("${peakpilot.security.login.first-lock:PT1M}") Duration firstLock,
			@Value("${peakpilot.security.login.max-lock:PT30M}") Duration maxLock,
			@Value("${peakpilot.security.login.forget-after:PT1H}") Duration forgetAfter) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.maxFailuresPerAddress = maxFailuresPerAddress;
		this.firstLock = firstLock;
		this.maxLock = maxLock;
		this.forgetAfter = forgetAfter;
	}

	/** How long the account or the address is still locked, if it is. */
	Optional<Duration> lockedFor(String username, String address) {
		Instant now = clock.instant();
		return jdbc.sql("""
				SELECT max(locked_until) FROM login_throttle
				WHERE ((kind = 'ACCOUNT' AND subject = :u) OR (kind = 'ADDRESS' AND subject = :a)) AND locked_until > :now
				""")
			.param("u", subject(username)).param("a", subject(address)).param("now", at(now))
			.query(OffsetDateTime.class).optional()
			.map(until -> Duration.between(now, until.toInstant()));
	}

	/**
	 * Counts a wrong password for the account and the address, in a transaction of its own (the caller's may roll
	 * back); answers how long they are now locked, if a lock began.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Optional<Duration> failed(String username, String address) {
		Optional<Duration> account = count(ACCOUNT, subject(username), maxFailures);
		Optional<Duration> byAddress = address == null ? Optional.empty() : count(ADDRESS, subject(address), maxFailuresPerAddress);
		if (account.isPresent() && byAddress.isPresent()) {
			return Optional.of(account.get().compareTo(byAddress.get()) >= 0 ? account.get() : byAddress.get());
		}
		return account.isPresent() ? account : byAddress;
	}

	/** A right password: the account's failures are forgotten. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void succeeded(String username) {
		jdbc.sql("DELETE FROM login_throttle WHERE kind = 'ACCOUNT' AND subject = :u").param("u", subject(username)).update();
	}

	/** The end of the account's lock, if it is locked now. */
	Optional<Instant> lockedUntil(String username) {
		return jdbc.sql("SELECT locked_until FROM login_throttle WHERE kind = 'ACCOUNT' AND subject = :u AND locked_until > :now")
			.param("u", subject(username)).param("now", at(clock.instant())).query(OffsetDateTime.class).optional()
			.map(OffsetDateTime::toInstant);
	}

	/** Forgets the account's failures and lock; in the caller's transaction, which audits the unlock. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean unlock(String username) {
		return jdbc.sql("DELETE FROM login_throttle WHERE kind = 'ACCOUNT' AND subject = :u").param("u", subject(username))
			.update() > 0;
	}

	private Optional<Duration> count(String kind, String subject, int max) {
		Instant now = clock.instant();
		int failures = jdbc.sql("""
				INSERT INTO login_throttle (kind, subject, failures, last_failure_at) VALUES (:k, :s, 1, :now)
				ON CONFLICT (kind, subject) DO UPDATE SET
				    failures = CASE WHEN login_throttle.last_failure_at < :forget THEN 1 ELSE login_throttle.failures + 1 END,
				    last_failure_at = :now
				RETURNING failures
				""")
			.param("k", kind).param("s", subject).param("now", at(now)).param("forget", at(now.minus(forgetAfter)))
			.query(Integer.class).single();
		if (failures < max) {
			return Optional.empty();
		}
		Duration lock = lockAfter(failures - max);
		Instant until = now.plus(lock);
		jdbc.sql("UPDATE login_throttle SET locked_until = :until WHERE kind = :k AND subject = :s")
			.param("until", at(until)).param("k", kind).param("s", subject).update();
		audit.record("login.locked", "login", kind.toLowerCase() + ":" + subject, null,
				AuditLog.snapshot("failures", failures, "lockedUntil", until, "lockSeconds", lock.toSeconds()));
		log.warn("Locked sign-in for {} {} until {} after {} failures", kind.toLowerCase(), ACCOUNT.equals(kind) ? subject : "(address)",
				until, failures);
		return Optional.of(lock);
	}

	/** The n-th lock (from 0): first-lock × 2ⁿ, at most max-lock. */
	Duration lockAfter(int n) {
		Duration lock = firstLock;
		for (int i = 0; i < n && lock.compareTo(maxLock) < 0; i++) {
			lock = lock.multipliedBy(2);
		}
		return lock.compareTo(maxLock) > 0 ? maxLock : lock;
	}

	/** The client address of the current request, if there is one. */
	static String currentAddress() {
		return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
				instanceof org.springframework.web.context.request.ServletRequestAttributes a ? a.getRequest().getRemoteAddr() : null;
	}

	private static String subject(String text) {
		String s = text == null ? "" : text.strip();
		return s.length() > 128 ? s.substring(0, 128) : s;
	}

	private OffsetDateTime at(Instant t) {
		return OffsetDateTime.ofInstant(t, clock.getZone());
	}
}
