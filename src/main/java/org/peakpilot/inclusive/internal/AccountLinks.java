package org.peakpilot.inclusive.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents (授权, per scene and data source, revocable) and account links (账户关联): a citizen grants a partner an
 * opaque token, shown once and stored as its SHA-256, with which the partner pushes the citizen's trips. A link
 * resolves while it is not revoked and the citizen's {@link #TRAVEL} consent for that partner stands; revoking
 * either stops it at once. Granting a link grants that consent; a new grant to the same partner revokes the old link.
 */
@Component
public class AccountLinks {

	private static final Logger log = LoggerFactory.getLogger(AccountLinks.class);

	/** The scene of green trips pushed by operators (the consent a link needs). */
	public static final String TRAVEL = "TRAVEL";
	/** The scene of check-ins at scenes by scanning their QR code. */
	public static final String CHECKIN = "CHECKIN";
	/** The city ranking (the citizen's own data, no partner). */
	public static final String RANKING = "RANKING";
	/** What a scene code looks like. */
	public static final String SCENE_PATTERN = "^[A-Z0-9][A-Z0-9_-]{0,39}$";
	private static final Pattern SCENE = Pattern.compile(SCENE_PATTERN);
	/** Prefix of a link token: "ppl_" and 64 hex digits. */
	public static final String TOKEN_PREFIX = "ppl_";
	/** Length of a link token. */
	public static final int TOKEN_LENGTH = TOKEN_PREFIX.length() + 64;

	/** A consent as the citizen sees it. */
	public record Consent(long id, String scene, Long partnerId, String partnerName, OffsetDateTime grantedAt, OffsetDateTime revokedAt) {
		public boolean active() {
			return revokedAt == null;
		}
	}

	/** A link as the citizen sees it: never its token, only the token's first characters. */
	public record Link(long id, long partnerId, String partnerName, String tokenPrefix, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
		public boolean active() {
			return revokedAt == null;
		}
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	AccountLinks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The citizen whose link the partner presents: the citizen's id if the token is the partner's active link and the
	 * citizen's TRAVEL consent for that partner is not revoked; empty otherwise (a malformed or forged token, another
	 * partner's token, a revoked link or consent). One indexed lookup by the token's hash.
	 */
	public Optional<Long> resolve(long partnerId, String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT l.citizen_id FROM inclusive_account_link l
				WHERE l.token_sha256 = :h AND l.partner_id = :p AND l.revoked_at IS NULL
				  AND EXISTS (SELECT 1 FROM inclusive_consent c WHERE c.citizen_id = l.citizen_id AND c.scene = 'TRAVEL'
				              AND c.partner_id = l.partner_id AND c.revoked_at IS NULL)
				""")
			.param("h", UserAccounts.sha256(token)).param("p", partnerId).query(Long.class).optional();
	}

	/** {@link #resolve} for a batch of tokens in one query: token → citizen id for the tokens that resolve. */
	public Map<String, Long> resolveAll(long partnerId, Collection<String> tokens) {
		Map<String, String> byHash = new HashMap<>();
		for (String t : tokens) {
			if (wellFormed(t)) {
				byHash.put(UserAccounts.sha256(t), t);
			}
		}
		Map<String, Long> resolved = new HashMap<>();
		if (byHash.isEmpty()) {
			return resolved;
		}
		jdbc.sql("""
				SELECT l.token_sha256, l.citizen_id FROM inclusive_account_link l
				WHERE l.token_sha256 IN (:h) AND l.partner_id = :p AND l.revoked_at IS NULL
				  AND EXISTS (SELECT 1 FROM inclusive_consent c WHERE c.citizen_id = l.citizen_id AND c.scene = 'TRAVEL'
				              AND c.partner_id = l.partner_id AND c.revoked_at IS NULL)
				""")
			.param("h", List.copyOf(byHash.keySet())).param("p", partnerId)
			.query((rs, n) -> resolved.put(byHash.get(rs.getString(1)), rs.getLong(2))).list();
		return resolved;
	}

	/**
	 * Grants the partner a new link token for the citizen (and the citizen's TRAVEL consent for that partner); a
	 * previous active link to the partner is revoked. Answers the token, to be shown once: only its hash is kept.
	 */
	@Transactional
	public String grant(long citizenId, long partnerId) {
		requirePartner(partnerId);
		OffsetDateTime now = now();
		jdbc.sql("UPDATE inclusive_account_link SET revoked_at = :now WHERE citizen_id = :c AND partner_id = :p AND revoked_at IS NULL")
			.param("now", now).param("c", citizenId).param("p", partnerId).update();
		grantConsent(citizenId, TRAVEL, partnerId);
		String token = UserAccounts.newSecret(TOKEN_PREFIX);
		jdbc.sql("""
				INSERT INTO inclusive_account_link (citizen_id, partner_id, token_sha256, token_prefix, created_at)
				VALUES (:c, :p, :h, :prefix, :now)
				""")
			.param("c", citizenId).param("p", partnerId).param("h", UserAccounts.sha256(token))
			.param("prefix", token.substring(0, 10)).param("now", now).update();
		log.info("Citizen {} linked its account to partner {}", citizenId, partnerId);
		return token;
	}

	/** Revokes one of the citizen's links (another citizen's link is not found). */
	@Transactional
	public void revokeLink(long citizenId, long linkId) {
		int n = jdbc.sql("UPDATE inclusive_account_link SET revoked_at = :now WHERE id = :id AND citizen_id = :c AND revoked_at IS NULL")
			.param("now", now()).param("id", linkId).param("c", citizenId).update();
		if (n == 0 && jdbc.sql("SELECT count(*) FROM inclusive_account_link WHERE id = :id AND citizen_id = :c")
			.param("id", linkId).param("c", citizenId).query(Long.class).single() == 0) {
			throw new NotFoundException("account link " + linkId);
		}
	}

	/** The citizen's links, newest first. */
	public List<Link> links(long citizenId) {
		return jdbc.sql("""
				SELECT l.*, p.name AS partner_name FROM inclusive_account_link l JOIN inclusive_partner p ON p.id = l.partner_id
				WHERE l.citizen_id = :c ORDER BY l.id DESC LIMIT 100
				""")
			.param("c", citizenId)
			.query((rs, n) -> new Link(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("partner_name"),
					rs.getString("token_prefix"), rs.getObject("created_at", OffsetDateTime.class),
					rs.getObject("revoked_at", OffsetDateTime.class)))
			.list();
	}

	/** Grants a consent for a scene and data source (null: the citizen itself); granting an active one changes nothing. */
	@Transactional
	public void grantConsent(long citizenId, String scene, Long partnerId) {
		if (scene == null || !SCENE.matcher(scene).matches()) {
			throw new InvalidInputException("scene", "a scene code: 1 to 40 of A-Z 0-9 _ -");
		}
		if (partnerId != null) {
			requirePartner(partnerId);
		}
		jdbc.sql("""
				INSERT INTO inclusive_consent (citizen_id, scene, partner_id, granted_at) VALUES (:c, :s, :p, :now)
				ON CONFLICT (citizen_id, scene, COALESCE(partner_id, 0)) WHERE revoked_at IS NULL DO NOTHING
				""")
			.param("c", citizenId).param("s", scene).param("p", partnerId).param("now", now()).update();
	}

	/** Revokes one of the citizen's consents (another citizen's consent is not found); a link that needed it stops resolving. */
	@Transactional
	public void revokeConsent(long citizenId, long consentId) {
		int n = jdbc.sql("UPDATE inclusive_consent SET revoked_at = :now WHERE id = :id AND citizen_id = :c AND revoked_at IS NULL")
			.param("now", now()).param("id", consentId).param("c", citizenId).update();
		if (n == 0 && jdbc.sql("SELECT count(*) FROM inclusive_consent WHERE id = :id AND citizen_id = :c")
			.param("id", consentId).param("c", citizenId).query(Long.class).single() == 0) {
			throw new NotFoundException("consent " + consentId);
		}
	}

	/** Whether the citizen's consent for the scene and source (null: the citizen itself) stands. */
	public boolean consents(long citizenId, String scene, Long partnerId) {
		return jdbc.sql("""
				SELECT count(*) FROM inclusive_consent WHERE citizen_id = :c AND scene = :s
				  AND COALESCE(partner_id, 0) = :p AND revoked_at IS NULL
				""")
			.param("c", citizenId).param("s", scene).param("p", partnerId == null ? 0L : partnerId).query(Long.class).single() > 0;
	}

	/** The citizen's consents, active first, newest first. */
	public List<Consent> consentsOf(long citizenId) {
		return jdbc.sql("""
				SELECT c.*, p.name AS partner_name FROM inclusive_consent c LEFT JOIN inclusive_partner p ON p.id = c.partner_id
				WHERE c.citizen_id = :c ORDER BY (c.revoked_at IS NULL) DESC, c.id DESC LIMIT 200
				""")
			.param("c", citizenId)
			.query((rs, n) -> new Consent(rs.getLong("id"), rs.getString("scene"), rs.getObject("partner_id", Long.class),
					rs.getString("partner_name"), rs.getObject("granted_at", OffsetDateTime.class),
					rs.getObject("revoked_at", OffsetDateTime.class)))
			.list();
	}

	private void requirePartner(long partnerId) {
		if (jdbc.sql("SELECT count(*) FROM inclusive_partner WHERE id = :p AND active").param("p", partnerId).query(Long.class).single() == 0) {
			throw new InvalidInputException("partnerId", "no active partner " + partnerId);
		}
	}

	private static boolean wellFormed(String token) {
		return token != null && token.length() == TOKEN_LENGTH && token.startsWith(TOKEN_PREFIX)
				&& token.substring(TOKEN_PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}
}
