package org.peakpilot.inclusive.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.UserAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scheme's citizens (碳普惠用户): self sign-up with a phone number or e-mail address, a password and a pseudonymous
 * public name (no real-name data), and who the signed-in citizen is. A citizen sees only itself: {@link #current()} is
 * the one way the citizen's pages and API find their citizen.
 */
@Component
public class Citizens {

	/** The longest public name (the column inclusive_citizen.public_name). */
	public static final int PUBLIC_NAME_MAX = 40;

	/** A citizen as its own pages see it. */
	public record Citizen(long id, long userId, String publicName, boolean rankOptIn, String avatarFrame, OffsetDateTime createdAt) {
	}

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final AccountLinks links;
	private final Badges badges;
	private final Clock clock;
	private final int signUpsPerAddress;
	private final Duration signUpWindow;

	Citizens(JdbcClient jdbc, UserAccounts accounts, AccountLinks links, Badges badges, Clock clock,
			@Value("${peakpilot.inclusive.signup.per-address:10}") int signUpsPerAddress,
			@Value("${peakpilot.inclusive.signup.window:PT1H}") Duration signUpWindow) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.links = links;
		this.badges = badges;
		this.clock = clock;
		this.signUpsPerAddress = signUpsPerAddress;
		this.signUpWindow = signUpWindow;
	}

	/**
	 * Signs a citizen up: a platform user of role CITIZEN whose login is the phone number or e-mail address, and its
	 * citizen row. Errors name {@code login}, {@code password}, {@code publicName} (a taken login included). Used by
	 * the sign-up page and by demo loaders. Answers the citizen's id.
	 */
	@Transactional
	public long signUp(String login, String password, String publicName) {
		long userId = accounts.signUpCitizen(login, password, publicName, PUBLIC_NAME_MAX);
		return jdbc.sql("INSERT INTO inclusive_citizen (user_id, public_name, created_at) VALUES (:u, :n, :now) RETURNING id")
			.param("u", userId).param("n", publicName.strip()).param("now", now()).query(Long.class).single();
	}

	/**
	 * Counts a sign-up attempt of a client address and refuses (429-like rule violation) when the address made more
	 * than {@code peakpilot.inclusive.signup.per-address} attempts within {@code peakpilot.inclusive.signup.window}.
	 * In a transaction of its own so that a refused sign-up still counts.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void countSignUpAttempt(String address) {
		String a = address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
		OffsetDateTime now = now();
		jdbc.sql("DELETE FROM inclusive_signup_attempt WHERE at < :old").param("old", now.minusDays(1)).update();
		long recent = jdbc.sql("SELECT count(*) FROM inclusive_signup_attempt WHERE address = :a AND at > :since")
			.param("a", a).param("since", now.minus(signUpWindow)).query(Long.class).single();
		if (recent >= signUpsPerAddress) {
			throw new SignUpThrottledException();
		}
		jdbc.sql("INSERT INTO inclusive_signup_attempt (address, at) VALUES (:a, :now)").param("a", a).param("now", now).update();
	}

	/** Too many sign-ups from one address: try again later. */
	public static class SignUpThrottledException extends RuleViolationException {
		SignUpThrottledException() {
			super("too many sign-ups from this address; try again in an hour");
		}
	}

	/** The signed-in citizen; a caller of another role is refused. */
	public Citizen current() {
		AccessScope.current().requireRole(Role.CITIZEN);
		long userId = accounts.me().id();
		return byUser(userId).orElseThrow(() -> new NotFoundException("citizen of user " + userId));
	}

	/** The citizen of a platform user, if any. */
	public Optional<Citizen> byUser(long userId) {
		return jdbc.sql("SELECT * FROM inclusive_citizen WHERE user_id = :u").param("u", userId)
			.query((rs, n) -> row(rs))
			.optional();
	}

	/** A citizen by id (for jobs and the office; no scope check). */
	public Optional<Citizen> byId(long citizenId) {
		return jdbc.sql("SELECT * FROM inclusive_citizen WHERE id = :id").param("id", citizenId)
			.query((rs, n) -> row(rs))
			.optional();
	}

	/**
	 * The citizen's choice to appear (under its public name) in the city's ranking, recorded as its RANKING consent
	 * too; opting out takes it off the list at once (pages read only opted-in citizens' places).
	 */
	@Transactional
	public void setRankOptIn(long citizenId, boolean optIn) {
		jdbc.sql("UPDATE inclusive_citizen SET rank_opt_in = :o WHERE id = :id").param("o", optIn).param("id", citizenId).update();
		if (optIn) {
			links.grantConsent(citizenId, AccountLinks.RANKING, null);
		}
		else {
			jdbc.sql("UPDATE inclusive_consent SET revoked_at = :now WHERE citizen_id = :c AND scene = 'RANKING' AND revoked_at IS NULL")
				.param("now", now()).param("c", citizenId).update();
		}
	}

	/** The avatar frame the citizen shows: one it has won, or none (null). */
	@Transactional
	public void setAvatarFrame(long citizenId, String code) {
		if (code != null && (badges.definition(code).filter(Badges.Badge::frame).isEmpty() || !badges.hasWon(citizenId, code))) {
			throw new InvalidInputException("code", "a frame you have won");
		}
		jdbc.sql("UPDATE inclusive_citizen SET avatar_frame = :f WHERE id = :id").param("f", code).param("id", citizenId).update();
	}

	private static Citizen row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Citizen(rs.getLong("id"), rs.getLong("user_id"), rs.getString("public_name"), rs.getBoolean("rank_opt_in"),
				rs.getString("avatar_frame"), rs.getObject("created_at", OffsetDateTime.class));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}
}
