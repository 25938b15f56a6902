package org.peakpilot.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

import org.peakpilot.monitoring.CreatedGateway;
import org.peakpilot.monitoring.Gateway;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.CacheInvalidation;
import org.peakpilot.platform.DeviceCredentials;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gateways (采集终端) and their device tokens. A token is shown once and stored as its SHA-256; it signs a
 * gateway in as {@link AccessScope#device} of its one enterprise, over HTTP (Bearer) and MQTT (the password of its
 * connection, with its id as user name; or a user property). Tokens are looked up once and then cached for 30
 * seconds ({@code peakpilot.monitoring.token-cache}) as long as the cache topic {@value #CACHE_TOPIC} keeps its
 * version ({@link CacheInvalidation}): a revocation or rotation on any instance takes effect at once on all (and
 * closes the gateway's connections to this instance's embedded broker when made here).
 */
@Component
public class Gateways implements DeviceCredentials {

	static final String TOKEN_PREFIX = "ppd_";
	/** The cache topic of device tokens: bumped by a revocation or rotation. */
	static final String CACHE_TOPIC = "monitoring.gateways";
	private static final Duration SEEN_EVERY = Duration.ofMinutes(1);

	/**
	 * An authenticated gateway as the ingest path needs it; {@code tokenUntil} is when the token it used stops working
	 * (null for its current token, the end of the overlap for the previous one after a rotation).
	 */
	record Sender(long gatewayId, long enterpriseId, String name, AccessScope scope, Instant tokenUntil) {

		Sender(long gatewayId, long enterpriseId, String name, AccessScope scope) {
			this(gatewayId, enterpriseId, name, scope, null);
		}
	}

	private record Cached(Optional<Sender> sender, Instant at, long version) {
	}

	/** The cache topic of the gateways' default time marks: bumped by {@link #updateMarks}. */
	static final String MARKS_TOPIC = "monitoring.gateway-marks";

	private record CachedMarks(ReadingIngest.Marks marks, long version, Instant at) {
	}

	/** One entry per gateway that sent a batch without marks (gateways are registered, so this is bounded). */
	private final Map<Long, CachedMarks> marksById = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;
	private final CacheInvalidation caches;
	private final Registry registry;
	private final AuditLog audit;
	private final Clock clock;
	private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
	private final Map<Long, Instant> lastSeenWritten = new ConcurrentHashMap<>();
	private final List<LongConsumer> credentialsChanged = new CopyOnWriteArrayList<>();
	/** Until when stale answers are given without asking the database, which could not be asked (for the broker only). */
	private volatile Instant databaseAwayUntil = Instant.MIN;

	/** How long the previous token keeps working after a rotation. */
	private final Duration rotationOverlap;
	private final Duration cacheTtl;
	private final tools.jackson.databind.json.JsonMapper json;

	Gateways(JdbcClient jdbc, CacheInvalidation caches, Registry registry, AuditLog audit, Clock clock, tools.jackson.databind.json.JsonMapper json,
			@org.springframework.beans.factory.annotation.Value("${peakpilot.monitoring.token-rotation-overlap:PT10M}") Duration rotationOverlap,
			@org.springframework.beans.factory.annotation.Value("${peakpilot.monitoring.token-cache:PT30S}") Duration cacheTtl) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.registry = registry;
		this.audit = audit;
		this.clock = clock;
		this.json = json;
		if (rotationOverlap.isNegative() || rotationOverlap.compareTo(Duration.ofDays(7)) > 0) {
			throw new IllegalArgumentException("peakpilot.monitoring.token-rotation-overlap must lie between PT0S and P7D");
		}
		this.rotationOverlap = rotationOverlap;
		if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new IllegalArgumentException("peakpilot.monitoring.token-cache must lie between PT0S and PT10M");
		}
		this.cacheTtl = cacheTtl;
	}

	/** Device tokens start with {@value #TOKEN_PREFIX}. */
	@Override
	public boolean isDeviceToken(String token) {
		return token != null && token.startsWith(TOKEN_PREFIX);
	}

	/** The device scope of the active gateway holding this token. */
	@Override
	public Optional<AccessScope> authenticate(String token) {
		return sender(token).map(Sender::scope);
	}

	/** The active gateway holding this token. */
	Optional<Sender> sender(String token) {
		return sender(token, false);
	}

	/**
	 * The active gateway holding this token; with {@code staleWhileDatabaseAway}, the last answer for it is kept (for
	 * another 30 seconds each time) when the database cannot be asked, so that gateways signed in before an outage can
	 * go on publishing to the broker, where their readings wait. A revocation or rotation forgets all answers.
	 */
	private Optional<Sender> sender(String token, boolean staleWhileDatabaseAway) {
		if (!isDeviceToken(token)) {
			return Optional.empty();
		}
		return senderOfHash(UserAccounts.sha256(token), staleWhileDatabaseAway);
	}

	/** As {@link #sender(String, boolean)}, for the SHA-256 of the token. */
	private Optional<Sender> senderOfHash(String hash, boolean staleWhileDatabaseAway) {
		Instant now = clock.instant();
		Cached c = byHash.get(hash);
		if (staleWhileDatabaseAway && c != null && now.isBefore(databaseAwayUntil)) {
			// the database could not be asked a moment ago: the last answer, without waiting for it again per publish
			return usable(c, now);
		}
		try {
			long version = caches.version(CACHE_TOPIC);
			// a previous token's answer is not kept beyond the end of its overlap
			if (c == null || c.version() != version || c.at().plus(cacheTtl).isBefore(now)
					|| c.sender().map(s -> s.tokenUntil() != null && !s.tokenUntil().isAfter(now)).orElse(false)) {
				Optional<Sender> s = jdbc.sql("""
						SELECT id, enterprise_id, name, CASE WHEN token_sha256 = :h THEN NULL ELSE previous_token_until END AS until
						FROM monitoring_gateway
						WHERE revoked_at IS NULL AND (token_sha256 = :h OR (previous_token_sha256 = :h AND previous_token_until > :now))
						""")
					.param("h", hash).param("now", utc(now))
					.query((rs, n) -> new Sender(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("name"),
							AccessScope.device("gateway:" + rs.getLong("id"), rs.getLong("enterprise_id")), instant(rs, "until")))
					.optional();
				c = new Cached(s, now, version);
				// only tokens of gateways are kept: anyone can send any number of made-up tokens, and remembering the
				// answer for each would let them fill the memory (an unknown token costs one indexed query instead)
				if (s.isPresent()) {
					byHash.put(hash, c);
				}
				else {
					byHash.remove(hash);
				}
			}
		}
		catch (DataAccessException ex) {
			if (!staleWhileDatabaseAway || c == null) {
				throw ex;
			}
			databaseAwayUntil = now.plus(cacheTtl);
			c = new Cached(c.sender(), now, c.version());
			byHash.put(hash, c);
		}
		return usable(c, now);
	}

	/** The cached answer, unless it is a previous token's whose overlap has ended; counts the gateway as seen. */
	private Optional<Sender> usable(Cached c, Instant now) {
		if (c.sender().map(s -> s.tokenUntil() != null && !s.tokenUntil().isAfter(now)).orElse(false)) {
			return Optional.empty();
		}
		c.sender().ifPresent(s -> seen(s.gatewayId(), now));
		return c.sender();
	}

	/**
	 * The active gateway holding this token (with when the token stops working, for the previous one after a
	 * rotation): how the embedded broker checks a gateway at connect (its last answer kept while the database is away).
	 */
	Optional<Sender> gatewayOfToken(String token) {
		return sender(token, true);
	}

	/**
	 * The active gateway holding the token of this SHA-256, if it still works: how the embedded broker checks a
	 * connection at each publish and subscription (answers cached for 30 seconds and forgotten at once on this
	 * instance when a token is revoked or rotated; the last answer kept while the database is away).
	 */
	Optional<Sender> gatewayOfTokenHash(String hash) {
		return senderOfHash(hash, true);
	}

	/** The gateway of this id if it is active (not revoked). */
	Optional<Sender> active(long id) {
		Optional<Sender> s = jdbc.sql("SELECT id, enterprise_id, name FROM monitoring_gateway WHERE id = :id AND revoked_at IS NULL")
			.param("id", id)
			.query((rs, n) -> new Sender(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("name"),
					AccessScope.device("gateway:" + rs.getLong("id"), rs.getLong("enterprise_id"))))
			.optional();
		s.ifPresent(g -> seen(g.gatewayId(), clock.instant()));
		return s;
	}

	/**
	 * Calls {@code listener} with a gateway's id once its token was revoked or rotated (after the change committed),
	 * so that connections made with the old token can be closed.
	 */
	void onCredentialsChanged(LongConsumer listener) {
		credentialsChanged.add(listener);
	}

	void removeCredentialsListener(LongConsumer listener) {
		credentialsChanged.remove(listener);
	}

	/** Forgets cached tokens and tells the listeners, once the transaction committed (a lookup meanwhile sees the old row). */
	private void credentialsChanged(long id) {
		byHash.clear();
		afterCommit(() -> {
			byHash.clear();
			credentialsChanged.forEach(l -> l.accept(id));
		});
	}

	private static void afterCommit(Runnable changed) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					changed.run();
				}
			});
		}
		else {
			changed.run();
		}
	}

	public List<Gateway> list(long enterpriseId) {
		requireRead(enterpriseId);
		Instant now = clock.instant();
		// previousTokenUntil only while the previous token still works
		return jdbc.sql("SELECT * FROM monitoring_gateway WHERE enterprise_id = :e ORDER BY id").param("e", enterpriseId)
			.query(Gateways::gateway).list().stream()
			.map(g -> g.previousTokenUntil() == null || g.previousTokenUntil().isAfter(now) ? g
					: new Gateway(g.id(), g.enterpriseId(), g.name(), g.tokenPrefix(), g.createdAt(), g.createdBy(), g.revokedAt(), g.lastSeenAt(),
							null, g.lastStatusAt(), g.lastStatus(), g.timestampMarks()))
			.toList();
	}

	@Transactional
	public CreatedGateway create(long enterpriseId, String name) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Meters.requireManageMeters(new Owner(e.countyCode(), e.parkId(), e.id()));
		if (name == null || name.isBlank() || name.strip().length() > MonitoringBounds.GATEWAY_NAME_MAX) {
			throw new InvalidInputException("name", "a gateway needs a name of 1 to " + MonitoringBounds.GATEWAY_NAME_MAX + " characters");
		}
		String token = UserAccounts.newSecret(TOKEN_PREFIX);
		long id = jdbc.sql("""
				INSERT INTO monitoring_gateway (enterprise_id, county_code, park_id, industry_code, name, token_prefix, token_sha256,
				    created_by, created_at)
				VALUES (:e, :county, :park, :industry, :name, :prefix, :hash, :by, :now) RETURNING id
				""")
			.param("e", enterpriseId).param("county", e.countyCode()).param("park", e.parkId()).param("industry", e.industryCode())
			.param("name", name.strip()).param("prefix", token.substring(0, 10)).param("hash", UserAccounts.sha256(token))
			.param("by", AccessScope.current().actor()).param("now", utc(clock.instant())).query(Long.class).single();
		Gateway g = find(id).orElseThrow();
		audit.record("gateway.created", "gateway", id, null, g);
		return new CreatedGateway(g, token);
	}

	@Transactional
	public Gateway revoke(long id) {
		Gateway before = find(id).orElseThrow(() -> new NotFoundException("gateway " + id));
		RegistryModel.Enterprise e = registry.enterprise(before.enterpriseId());
		Meters.requireManageMeters(new Owner(e.countyCode(), e.parkId(), e.id()));
		caches.invalidate(CACHE_TOPIC);
		jdbc.sql("""
				UPDATE monitoring_gateway SET revoked_at = :now, previous_token_sha256 = NULL, previous_token_until = NULL
				WHERE id = :id AND revoked_at IS NULL
				""")
			.param("now", utc(clock.instant())).param("id", id).update();
		credentialsChanged(id);
		Gateway after = find(id).orElseThrow();
		audit.record("gateway.revoked", "gateway", id, before, after);
		return after;
	}

	/**
	 * A new device token for an active gateway (shown once). The old one keeps working for the rotation overlap
	 * (over HTTP, in MQTT messages and for new MQTT connections), so that the gateway can be given the new one
	 * meanwhile; a token older than that (rotated twice) stops at once. Connections to the embedded broker made with
	 * the old token stay connected (they were checked when they connected) unless the overlap is zero; a revocation
	 * closes them.
	 */
	@Transactional
	public CreatedGateway rotate(long id) {
		Gateway before = find(id).orElseThrow(() -> new NotFoundException("gateway " + id));
		RegistryModel.Enterprise e = registry.enterprise(before.enterpriseId());
		Meters.requireManageMeters(new Owner(e.countyCode(), e.parkId(), e.id()));
		if (before.revokedAt() != null) {
			throw new org.peakpilot.platform.RuleViolationException("gateway " + id + " is revoked: create a new one", true);
		}
		String token = UserAccounts.newSecret(TOKEN_PREFIX);
		Instant now = clock.instant();
		boolean overlap = !rotationOverlap.isZero();
		caches.invalidate(CACHE_TOPIC);
		jdbc.sql("""
				UPDATE monitoring_gateway SET token_prefix = :prefix, token_sha256 = :hash,
				    previous_token_sha256 = CASE WHEN :overlap THEN token_sha256 END,
				    previous_token_until = CASE WHEN :overlap THEN CAST(:until AS TIMESTAMPTZ) END
				WHERE id = :id
				""")
			.param("prefix", token.substring(0, 10)).param("hash", UserAccounts.sha256(token)).param("overlap", overlap)
			.param("until", utc(now.plus(rotationOverlap))).param("id", id).update();
		if (overlap) {
			// the old token still works: its connections stay, only the cached answers are forgotten
			byHash.clear();
			afterCommit(byHash::clear);
		}
		else {
			credentialsChanged(id);
		}
		Gateway after = find(id).orElseThrow();
		audit.record("gateway.token-rotated", "gateway", id, before, after);
		return new CreatedGateway(after, token);
	}

	/**
	 * Sets what a gateway's times mark when a batch does not say ("start" or "end"; a 400 naming timestampMarks
	 * otherwise); for those who manage the enterprise's meters, audited as {@code gateway.changed}.
	 */
	@Transactional
	public Gateway updateMarks(long id, String timestampMarks) {
		Gateway before = find(id).orElseThrow(() -> new NotFoundException("gateway " + id));
		RegistryModel.Enterprise e = registry.enterprise(before.enterpriseId());
		Meters.requireManageMeters(new Owner(e.countyCode(), e.parkId(), e.id()));
		ReadingIngest.Marks marks = ReadingIngest.Marks.given(timestampMarks);
		if (marks == null) {
			throw new InvalidInputException("timestampMarks", "timestampMarks is \"start\" or \"end\" (of the interval)");
		}
		jdbc.sql("UPDATE monitoring_gateway SET timestamp_marks = :m WHERE id = :id").param("m", marks.name()).param("id", id).update();
		caches.invalidate(MARKS_TOPIC);
		Gateway after = find(id).orElseThrow();
		audit.record("gateway.changed", "gateway", id, before, after);
		return after;
	}

	/**
	 * What the gateway's times mark when a batch does not say: looked up once and then cached like tokens (for
	 * {@code peakpilot.monitoring.token-cache}, as long as the cache topic {@value #MARKS_TOPIC} keeps its version,
	 * which {@link #updateMarks} on any instance bumps). Within the ingest's transaction the version is read with the
	 * meters' in one query, so a batch no longer asks for its gateway's marks (issue 16).
	 */
	ReadingIngest.Marks defaultMarks(long gatewayId) {
		long version = caches.version(MARKS_TOPIC);
		Instant now = clock.instant();
		CachedMarks c = marksById.get(gatewayId);
		if (c != null && c.version() == version && now.isBefore(c.at().plus(cacheTtl))) {
			return c.marks();
		}
		ReadingIngest.Marks marks = jdbc.sql("SELECT timestamp_marks FROM monitoring_gateway WHERE id = :id").param("id", gatewayId)
			.query(String.class).optional().map(ReadingIngest.Marks::valueOf).orElse(ReadingIngest.Marks.END);
		if (version >= 0) { // a negative version: changed in this very transaction, not committed, not cached
			marksById.put(gatewayId, new CachedMarks(marks, version, now));
		}
		return marks;
	}

	/** The gateway of this id, for those who may read its enterprise. */
	public Gateway get(long id) {
		Gateway g = find(id).orElseThrow(() -> new NotFoundException("gateway " + id));
		requireRead(g.enterpriseId());
		return g;
	}

	private void requireRead(long enterpriseId) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		AccessScope.current().requireRead(new Owner(e.countyCode(), e.parkId(), e.id()));
	}

	private void seen(long gatewayId, Instant now) {
		Instant last = lastSeenWritten.get(gatewayId);
		if (last == null || last.plus(SEEN_EVERY).isBefore(now)) {
			lastSeenWritten.put(gatewayId, now);
			try {
				jdbc.sql("UPDATE monitoring_gateway SET last_seen_at = :now WHERE id = :id").param("now", utc(now)).param("id", gatewayId).update();
			}
			catch (DataAccessException ex) {
				// bookkeeping only: while the database is away it is written again a minute later, not at every message
			}
		}
	}

	private Optional<Gateway> find(long id) {
		return jdbc.sql("SELECT * FROM monitoring_gateway WHERE id = :id").param("id", id).query(Gateways::gateway).optional();
	}

	private static Gateway gateway(ResultSet rs, int n) throws SQLException {
		return new Gateway(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("name"), rs.getString("token_prefix"),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "revoked_at"), instant(rs, "last_seen_at"),
				instant(rs, "previous_token_until"), instant(rs, "last_status_at"), rs.getString("last_status"),
				rs.getString("timestamp_marks").toLowerCase(java.util.Locale.ROOT));
	}

	/** The longest status a gateway may report (as compact JSON). */
	public static final int STATUS_MAX = 2000;

	/**
	 * A gateway's heartbeat: it is online whether or not it has readings to send. Its last-seen time is written at
	 * once (not throttled as for readings) and the status it reports kept: a JSON object of at most 2,000 characters
	 * (firmware, queue length, signal and the like, as the gateway has them), or nothing.
	 */
	GatewayStatus heartbeat(Sender sender, String body) {
		String status = null;
		if (body != null && !body.isBlank()) {
			tools.jackson.databind.JsonNode node;
			try {
				node = json.readTree(body);
			}
			catch (tools.jackson.core.JacksonException ex) {
				throw new InvalidInputException("status", "the status is a JSON object, such as {\"firmware\": \"2.1.0\", \"queued\": 0}");
			}
			if (node == null || !node.isObject()) {
				throw new InvalidInputException("status", "the status is a JSON object, such as {\"firmware\": \"2.1.0\", \"queued\": 0}");
			}
			status = json.writeValueAsString(node);
			if (status.length() > STATUS_MAX || status.indexOf('\u0000') >= 0) {
				throw new InvalidInputException("status", "the status has more than " + STATUS_MAX + " characters");
			}
		}
		Instant now = clock.instant();
		// without a status (or with one that is no JSON object, over MQTT) the last status is kept with its time
		jdbc.sql("""
				UPDATE monitoring_gateway SET last_seen_at = :now,
				    last_status_at = CASE WHEN CAST(:status AS VARCHAR) IS NULL THEN last_status_at ELSE :now END,
				    last_status = COALESCE(CAST(:status AS VARCHAR), last_status)
				WHERE id = :id
				""")
			.param("now", utc(now)).param("status", status).param("id", sender.gatewayId()).update();
		lastSeenWritten.put(sender.gatewayId(), now);
		return new GatewayStatus(sender.gatewayId(), now, status);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static OffsetDateTime utc(Instant i) {
		return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
	}
}
