package org.peakpilot.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Append-only record of every change: who, when, what, before → after. Callers record inside their own
 * transaction, so a change and its audit record commit or roll back together.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a change by the current caller. {@code before} is {@code null} for a creation, {@code after} for a
	 * deletion; both are stored as JSON snapshots.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String entityType, Object entityId, Object before, Object after) {
		jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, before_state, after_state)
				VALUES (:at, :actor, :action, :type, :id, CAST(:before AS jsonb), CAST(:after AS jsonb))
				""")
			.param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone()))
			.param("actor", AccessScope.current().actor())
			.param("action", action)
			.param("type", entityType)
			.param("id", String.valueOf(entityId))
			.param("before", before == null ? null : json.writeValueAsString(before))
			.param("after", after == null ? null : json.writeValueAsString(after))
			.update();
	}

	/** One entity's change in {@link #recordAll}. */
	public record Change(Object entityId, Object before, Object after) {
	}

	/**
	 * Records the same action on many entities by the current caller, as {@link #record} would one by one, in one
	 * statement (e.g. thousands of reports restated together).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAll(String action, String entityType, List<Change> changes) {
		recordAllBy(AccessScope.current().actor(), action, entityType, changes);
	}

	/**
	 * Records the same action on many entities by a named actor, such as a meter gateway whose message came over a
	 * channel without a signed-in caller (MQTT); otherwise as {@link #recordAll}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAllBy(String actor, String action, String entityType, List<Change> changes) {
		if (changes.isEmpty()) {
			return;
		}
		String[] ids = new String[changes.size()];
		String[] before = new String[changes.size()];
		String[] after = new String[changes.size()];
		for (int i = 0; i < ids.length; i++) {
			Change c = changes.get(i);
			ids[i] = String.valueOf(c.entityId());
			before[i] = c.before() == null ? null : json.writeValueAsString(c.before());
			after[i] = c.after() == null ? null : json.writeValueAsString(c.after());
		}
		jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, before_state, after_state)
				SELECT :at, :actor, :action, :type, c.id, CAST(c.before AS jsonb), CAST(c.after AS jsonb)
				FROM unnest(CAST(:ids AS text[]), CAST(:before AS text[]), CAST(:after AS text[])) WITH ORDINALITY AS c(id, before, after, n)
				ORDER BY c.n
				""")
			.param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone()))
			.param("actor", actor)
			.param("action", action)
			.param("type", entityType)
			.param("ids", ids)
			.param("before", before)
			.param("after", after)
			.update();
	}

	/** The newest events first, optionally of one entity type; for the city administrator only. */
	public List<AuditEvent> recent(String entityType, int limit, int offset) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		return jdbc.sql("""
				SELECT id, occurred_at, actor, action, entity_type, entity_id,
				       before_state::text AS before_state, after_state::text AS after_state
				FROM audit_event
				WHERE (CAST(:type AS text) IS NULL OR entity_type = :type)
				ORDER BY id DESC LIMIT :limit OFFSET :offset
				""")
			.param("type", entityType == null || entityType.isBlank() ? null : entityType)
			.param("limit", Math.min(Math.max(limit, 1), QueryLimits.MAX_LIMIT))
			.param("offset", Math.max(offset, 0))
			.query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
					rs.getString("before_state"), rs.getString("after_state")))
			.list();
	}

	/** Entity types that occur in the log, for filtering. */
	public List<String> entityTypes() {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		return jdbc.sql("SELECT DISTINCT entity_type FROM audit_event ORDER BY 1").query(String.class).list();
	}

	/** One audit record; states are JSON text. */
	@io.swagger.v3.oas.annotations.media.Schema(description = "One audit record · 一条审计记录")
	public record AuditEvent(
			@io.swagger.v3.oas.annotations.media.Schema(example = "1024", description = "Id, increasing with time · 记录编号（按时间递增）") long id,
			@io.swagger.v3.oas.annotations.media.Schema(description = "When it happened · 发生时间") Instant occurredAt,
			@io.swagger.v3.oas.annotations.media.Schema(example = "city.officer", description = "User name of who did it, or a system actor "
					+ "· 操作人（用户名或系统）") String actor,
			@io.swagger.v3.oas.annotations.media.Schema(example = "user.created", description = "What was done, as entity.verb · 操作") String action,
			@io.swagger.v3.oas.annotations.media.Schema(example = "user", description = "The kind of thing changed (user, api-token, "
					+ "enterprise, plan-item, …) · 对象类型") String entityType,
			@io.swagger.v3.oas.annotations.media.Schema(example = "7", description = "Its id or key · 对象标识") String entityId,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Its state before, as JSON text; absent for a creation · 变更前状态（JSON 文本）") String before,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Its state after, as JSON text; absent for a deletion · 变更后状态（JSON 文本）") String after) {
	}

	static Map<String, Object> snapshot(Object... keyValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}
}
