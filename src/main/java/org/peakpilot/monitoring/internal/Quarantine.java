package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peakpilot.monitoring.internal.ReadingIngest.Invalid;
import org.peakpilot.monitoring.internal.ReadingIngest.Origin;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The quarantine (隔离区): every reading that failed validation, with the raw text it came in, the reason and
 * who sent it, owned by the sender's enterprise (or by nobody when the sender could not be identified: then only
 * the city sees it). Rows are never deleted: they are replayed (corrected or not) or discarded with a comment.
 */
@Component
public class Quarantine {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Registry registry;
	private final Clock clock;

	Quarantine(JdbcClient jdbc, JdbcTemplate template, Registry registry, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.registry = registry;
		this.clock = clock;
	}

	/** Stores rejected readings of a batch (inside the batch's transaction); returns their ids in the same order. */
	List<Long> put(Origin origin, List<Invalid> rejected, Instant now) {
		if (rejected.isEmpty()) {
			return List.of();
		}
		RegistryModel.Enterprise e = enterprise(origin.enterpriseId());
		List<Long> ids = jdbc.sql("SELECT nextval('monitoring_quarantine_id_seq') FROM generate_series(1, :n)")
			.param("n", rejected.size()).query(Long.class).list();
		List<Object[]> rows = new ArrayList<>(rejected.size());
		for (int i = 0; i < rejected.size(); i++) {
			Invalid x = rejected.get(i);
			rows.add(new Object[] { ids.get(i), e.id(), e.countyCode(), e.parkId(), e.industryCode(), origin.channel(), origin.sender(),
					x.meter() == null ? null : x.meter().id(), truncate(x.meterCode(), 200), Gateways.utc(x.ts()), x.value(),
					truncate(x.unit(), 32), x.raw(), x.reason().name(), x.detail(), Gateways.utc(now) });
		}
		template.batchUpdate("""
				INSERT INTO monitoring_quarantine (id, enterprise_id, county_code, park_id, industry_code, channel, sender, meter_id,
				    meter_code, ts, value, unit, raw, reason_code, reason, received_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
		return ids;
	}

	/**
	 * A whole payload that could not be read as readings (a malformed MQTT message, an unknown device token):
	 * kept with its raw text. {@code enterpriseId} is null when the sender is unknown.
	 */
	long putPayload(String channel, String sender, Long enterpriseId, String raw, Reason reason, String detail) {
		RegistryModel.Enterprise e = enterpriseId == null ? null : enterprise(enterpriseId);
		return jdbc.sql("""
				INSERT INTO monitoring_quarantine (enterprise_id, county_code, park_id, industry_code, channel, sender, raw, reason_code,
				    reason, received_at)
				VALUES (:e, :county, :park, :industry, :channel, :sender, :raw, :code, :reason, :now) RETURNING id
				""")
			.param("e", enterpriseId).param("county", e == null ? null : e.countyCode()).param("park", e == null ? null : e.parkId())
			.param("industry", e == null ? null : e.industryCode()).param("channel", channel).param("sender", truncate(sender, 128))
			.param("raw", raw).param("code", reason.name()).param("reason", detail).param("now", Gateways.utc(clock.instant()))
			.query(Long.class).single();
	}

	public List<QuarantineEntry> list(Long enterpriseId, QuarantineStatus status, int limit) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("""
				SELECT * FROM monitoring_quarantine WHERE %s AND (CAST(:e AS bigint) IS NULL OR enterprise_id = :e)
				  AND (CAST(:s AS text) IS NULL OR status = :s) ORDER BY id DESC LIMIT :limit
				""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("s", status == null ? null : status.name())
			.param("limit", Math.max(1, Math.min(limit, 1000))).query(Quarantine::entry).list();
	}

	public long countOpen(Long enterpriseId) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("""
				SELECT count(*) FROM monitoring_quarantine WHERE %s AND status = 'OPEN' AND (CAST(:e AS bigint) IS NULL OR enterprise_id = :e)
				""".formatted(scope.sql())).params(scope.params()).param("e", enterpriseId).query(Long.class).single();
	}

	/** An entry the caller may read (404 otherwise, also when it exists outside the scope). */
	public QuarantineEntry get(long id) {
		QuarantineEntry q = find(id).orElseThrow(() -> new NotFoundException("quarantined reading " + id));
		AccessScope scope = AccessScope.current();
		boolean readable = q.enterpriseId() == null ? scope.isCityWide()
				: scope.canRead(ownerOf(id));
		if (!readable) {
			throw new NotFoundException("quarantined reading " + id);
		}
		return q;
	}

	/** Marks an entry resolved (replayed or discarded); false if someone else resolved it first. */
	boolean resolve(long id, QuarantineStatus status, String comment) {
		return jdbc.sql("""
				UPDATE monitoring_quarantine SET status = :s, resolved_by = :by, resolved_at = :now, resolution = :c
				WHERE id = :id AND status = 'OPEN'
				""")
			.param("s", status.name()).param("by", AccessScope.current().actor()).param("now", Gateways.utc(clock.instant()))
			.param("c", comment).param("id", id).update() == 1;
	}

	Optional<QuarantineEntry> find(long id) {
		return jdbc.sql("SELECT * FROM monitoring_quarantine WHERE id = :id").param("id", id).query(Quarantine::entry).optional();
	}

	private Owner ownerOf(long id) {
		return jdbc.sql("SELECT county_code, park_id, enterprise_id FROM monitoring_quarantine WHERE id = :id").param("id", id)
			.query((rs, n) -> new Owner(rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class))).single();
	}

	private RegistryModel.Enterprise enterprise(long id) {
		return org.peakpilot.platform.SystemActor.call("monitoring", () -> registry.enterprise(id));
	}

	private static QuarantineEntry entry(ResultSet rs, int n) throws SQLException {
		BigDecimal value = rs.getBigDecimal("value");
		return new QuarantineEntry(rs.getLong("id"), rs.getObject("enterprise_id", Long.class), rs.getString("channel"),
				rs.getString("sender"), rs.getObject("meter_id", Long.class), rs.getString("meter_code"), Gateways.instant(rs, "ts"),
				value == null ? null : value.stripTrailingZeros(), rs.getString("unit"), rs.getString("raw"),
				Reason.valueOf(rs.getString("reason_code")), rs.getString("reason"), Gateways.instant(rs, "received_at"),
				QuarantineStatus.valueOf(rs.getString("status")), rs.getString("resolved_by"), Gateways.instant(rs, "resolved_at"),
				rs.getString("resolution"));
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}
}
