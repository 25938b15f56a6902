package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peakpilot.monitoring.Meter;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alarms as people see and handle them: the list within the caller's scope, acknowledgement and closing with a
 * comment (by the enterprise itself or an officer who manages it, every step audited), and the per-meter alarm
 * settings.
 */
@Component
public class Alarms {

	private static final Logger log = LoggerFactory.getLogger(Alarms.class);
	static final int MAX_LIST = QueryLimits.MAX_LIMIT;
	/** The most alarms closed at once (the alarm page lists 500). */
	public static final int MAX_BULK = 500;

	private final JdbcClient jdbc;
	private final Meters meters;
	private final AuditLog audit;
	private final Clock clock;
	private final int defaultOfflineIntervals;

	Alarms(JdbcClient jdbc, Meters meters, AuditLog audit, Clock clock,
			@Value("${peakpilot.monitoring.alarms.offline-intervals:4}") int defaultOfflineIntervals) {
		this.jdbc = jdbc;
		this.meters = meters;
		this.audit = audit;
		this.clock = clock;
		this.defaultOfflineIntervals = defaultOfflineIntervals;
	}

	public List<Alarm> list(AlarmQuery q) {
		AccessScope.SqlCondition scope = AccessScope.current().where("a.county_code", "a.park_id", "a.enterprise_id");
		int limit = q.limit() == null ? 200 : Math.min(Math.max(q.limit(), 1), MAX_LIST);
		return jdbc.sql("""
				SELECT a.*, m.code AS meter_code FROM monitoring_alarm a LEFT JOIN monitoring_meter m ON m.id = a.meter_id
				WHERE %s AND (CAST(:kind AS text) IS NULL OR a.kind = :kind) AND (CAST(:status AS text) IS NULL OR a.status = :status)
				  AND (CAST(:e AS bigint) IS NULL OR a.enterprise_id = :e)
				ORDER BY a.raised_at DESC, a.id DESC LIMIT :limit
				""".formatted(scope.sql()))
			.params(scope.params()).param("kind", q.kind() == null ? null : q.kind().name())
			.param("status", q.status() == null ? null : q.status().name()).param("e", q.enterpriseId()).param("limit", limit)
			.query(Alarms::alarm).list();
	}

	public Alarm get(long id) {
		Alarm a = find(id).orElseThrow(() -> new NotFoundException("alarm " + id));
		if (!AccessScope.current().canRead(owner(a))) {
			throw new NotFoundException("alarm " + id);
		}
		return a;
	}

	private Optional<Alarm> find(long id) {
		return jdbc.sql("SELECT a.*, m.code AS meter_code FROM monitoring_alarm a LEFT JOIN monitoring_meter m ON m.id = a.meter_id WHERE a.id = :id")
			.param("id", id).query(Alarms::alarm).optional();
	}

	@Transactional
	public Alarm acknowledge(long id, String comment) {
		Alarm before = get(id);
		requireHandle(before);
		List<InputError> tooLong = new ArrayList<>();
		if (!InputBounds.length(tooLong, "comment", comment, MonitoringBounds.TEXT_MAX)) {
			throw new InvalidInputException(tooLong);
		}
		int n = jdbc.sql("""
				UPDATE monitoring_alarm SET status = 'ACKNOWLEDGED', acknowledged_by = :by, acknowledged_at = :now, acknowledge_comment = :c
				WHERE id = :id AND status = 'OPEN'
				""").param("by", AccessScope.current().actor()).param("now", Gateways.utc(clock.instant()))
			.param("c", comment == null || comment.isBlank() ? null : comment.strip()).param("id", id).update();
		if (n == 0) {
			throw new RuleViolationException("alarm " + id + " is " + before.status() + ": only an open alarm is acknowledged", true);
		}
		Alarm after = find(id).orElseThrow();
		audit.record("alarm.acknowledged", "alarm", id, before, after);
		log.info("Alarm {} of enterprise {} acknowledged by {}", id, before.enterpriseId(), after.acknowledgedBy());
		return after;
	}

	@Transactional
	public Alarm close(long id, String comment) {
		Alarm before = get(id);
		requireHandle(before);
		List<InputError> errors = new ArrayList<>();
		closeComment(errors, comment);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int n = jdbc.sql("""
				UPDATE monitoring_alarm SET status = 'CLOSED', closed_by = :by, closed_at = :now, comment = :c
				WHERE id = :id AND status IN ('OPEN', 'ACKNOWLEDGED')
				""").param("by", AccessScope.current().actor()).param("now", Gateways.utc(clock.instant())).param("c", comment.strip())
			.param("id", id).update();
		if (n == 0) {
			throw new RuleViolationException("alarm " + id + " is closed or recovered already", true);
		}
		Alarm after = find(id).orElseThrow();
		audit.record("alarm.closed", "alarm", id, before, after);
		log.info("Alarm {} of enterprise {} closed by {}", id, before.enterpriseId(), after.closedBy());
		return after;
	}

	/**
	 * Closes several alarms with one comment, in one transaction: refused as a whole (nothing closed) when the list is
	 * empty, longer than {@link #MAX_BULK} or holds a null, when any id is unknown or outside the caller's scope
	 * (404), or when the caller may not handle one of them (403). Alarms already closed or recovered are skipped and
	 * named in the answer. Each closed alarm is audited.
	 */
	@Transactional
	public BulkClose closeAll(List<Long> ids, String comment) {
		List<InputError> errors = new ArrayList<>();
		if (ids == null || ids.isEmpty()) {
			errors.add(InputError.field("ids", "the alarms to close: 1 to " + MAX_BULK + " ids"));
		}
		else if (ids.size() > MAX_BULK) {
			errors.add(InputError.field("ids", "at most " + MAX_BULK + " alarms at once, got " + ids.size()));
		}
		else {
			for (int i = 0; i < ids.size(); i++) {
				if (ids.get(i) == null) {
					errors.add(InputError.field("ids[" + i + "]", "an alarm id"));
				}
			}
		}
		closeComment(errors, comment);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<Long> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
		java.util.Map<Long, Alarm> found = new java.util.HashMap<>();
		jdbc.sql("SELECT a.*, m.code AS meter_code FROM monitoring_alarm a LEFT JOIN monitoring_meter m ON m.id = a.meter_id WHERE a.id IN (:ids) FOR UPDATE OF a")
			.param("ids", distinct).query(Alarms::alarm).list().forEach(a -> found.put(a.id(), a));
		AccessScope scope = AccessScope.current();
		for (long id : distinct) {
			Alarm a = found.get(id);
			if (a == null || !scope.canRead(owner(a))) {
				throw new NotFoundException("alarm " + id);
			}
			requireHandle(a);
		}
		List<Long> pending = distinct.stream().filter(id -> found.get(id).status().pending()).toList();
		List<Long> skipped = distinct.stream().filter(id -> !found.get(id).status().pending()).toList();
		if (!pending.isEmpty()) {
			jdbc.sql("""
					UPDATE monitoring_alarm SET status = 'CLOSED', closed_by = :by, closed_at = :now, comment = :c
					WHERE id IN (:ids) AND status IN ('OPEN', 'ACKNOWLEDGED')
					""").param("by", scope.actor()).param("now", Gateways.utc(clock.instant())).param("c", comment.strip())
				.param("ids", pending).update();
			for (long id : pending) {
				audit.record("alarm.closed", "alarm", id, found.get(id), find(id).orElseThrow());
			}
			log.info("{} alarms closed together by {} ({} skipped: already closed or recovered)", pending.size(), scope.actor(),
					skipped.size());
		}
		return new BulkClose(pending, skipped);
	}

	private static void closeComment(List<InputError> errors, String comment) {
		if (comment == null || comment.isBlank()) {
			errors.add(InputError.field("comment", "say what was found or done before closing the alarm"));
		}
		else {
			InputBounds.length(errors, "comment", comment, MonitoringBounds.TEXT_MAX);
		}
	}

	/** Whether the current caller may acknowledge and close alarms of this alarm's enterprise. */
	public static boolean canHandle(Alarm alarm) {
		return canHandle(AccessScope.current(), owner(alarm));
	}

	/** Whether the caller may acknowledge and close this alarm: the enterprise itself, or an officer who manages it. */
	static boolean canHandle(AccessScope scope, Owner owner) {
		return scope.canManage(owner) || (scope.hasRole(Role.ENTERPRISE_USER) && scope.canRead(owner));
	}

	private static void requireHandle(Alarm a) {
		AccessScope scope = AccessScope.current();
		if (!canHandle(scope, owner(a))) {
			throw new AccessDeniedException(scope.actor() + " may not handle alarms of this enterprise");
		}
	}

	public AlarmRule rule(long meterId) {
		meters.get(meterId);
		return jdbc.sql("SELECT * FROM monitoring_alarm_rule WHERE meter_id = :m").param("m", meterId).query(this::ruleRow).optional()
			.orElse(new AlarmRule(meterId, null, null, defaultOfflineIntervals, true, null, null));
	}

	@Transactional
	public AlarmRule setRule(long meterId, AlarmRuleForm form) {
		Meter m = meters.get(meterId);
		Meters.requireManageMeters(Meters.owner(m));
		List<InputError> errors = new ArrayList<>();
		if (form.intervalLimit() != null && form.intervalLimit().signum() <= 0) {
			errors.add(InputError.field("intervalLimit", "a positive quantity in " + m.unit() + ", or empty for none"));
		}
		else {
			InputBounds.positive(errors, "intervalLimit", form.intervalLimit(), MonitoringBounds.QUANTITY_MAX);
		}
		if (form.dayLimit() != null && form.dayLimit().signum() <= 0) {
			errors.add(InputError.field("dayLimit", "a positive quantity in " + m.unit() + ", or empty for none"));
		}
		else {
			InputBounds.positive(errors, "dayLimit", form.dayLimit(), MonitoringBounds.QUANTITY_MAX);
		}
		if (form.offlineIntervals() != null && (form.offlineIntervals() < AlarmRuleForm.OFFLINE_INTERVALS_MIN
				|| form.offlineIntervals() > AlarmRuleForm.OFFLINE_INTERVALS_MAX)) {
			errors.add(InputError.field("offlineIntervals", "from " + AlarmRuleForm.OFFLINE_INTERVALS_MIN + " to "
					+ AlarmRuleForm.OFFLINE_INTERVALS_MAX + " intervals"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		AlarmRule before = rule(meterId);
		jdbc.sql("""
				INSERT INTO monitoring_alarm_rule (meter_id, interval_limit, day_limit, offline_intervals, spike_enabled, updated_by, updated_at)
				VALUES (:m, :il, :dl, :oi, :spike, :by, :now)
				ON CONFLICT (meter_id) DO UPDATE SET interval_limit = EXCLUDED.interval_limit, day_limit = EXCLUDED.day_limit,
				    offline_intervals = EXCLUDED.offline_intervals, spike_enabled = EXCLUDED.spike_enabled,
				    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
				""")
			.param("m", meterId).param("il", form.intervalLimit()).param("dl", form.dayLimit()).param("oi", form.offlineIntervals())
			.param("spike", form.spikeEnabled() == null || form.spikeEnabled()).param("by", AccessScope.current().actor())
			.param("now", Gateways.utc(clock.instant())).update();
		AlarmRule after = rule(meterId);
		audit.record("alarm-rule.changed", "meter", meterId, before, after);
		return after;
	}

	private AlarmRule ruleRow(ResultSet rs, int n) throws SQLException {
		Integer offline = rs.getObject("offline_intervals", Integer.class);
		return new AlarmRule(rs.getLong("meter_id"), strip(rs.getBigDecimal("interval_limit")), strip(rs.getBigDecimal("day_limit")),
				offline == null ? defaultOfflineIntervals : offline, rs.getBoolean("spike_enabled"), rs.getString("updated_by"),
				Gateways.instant(rs, "updated_at"));
	}

	static Owner owner(Alarm a) {
		return new Owner(a.countyCode(), a.parkId(), a.enterpriseId());
	}

	static Alarm alarm(ResultSet rs, int n) throws SQLException {
		String tag = rs.getString("reference_tag");
		return new Alarm(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("county_code"), rs.getObject("park_id", Long.class),
				rs.getObject("meter_id", Long.class), rs.getString("meter_code"), AlarmKind.valueOf(rs.getString("kind")),
				Gateways.instant(rs, "period_ts"), rs.getString("subject"), rs.getString("detail"), strip(rs.getBigDecimal("observed")),
				strip(rs.getBigDecimal("threshold")), rs.getString("unit"), rs.getString("reference_code"), tag,
				tag == null || EfficiencyLevels.verified(tag), Gateways.instant(rs, "raised_at"), Gateways.instant(rs, "resolved_at"),
				AlarmStatus.valueOf(rs.getString("status")), rs.getString("acknowledged_by"), Gateways.instant(rs, "acknowledged_at"),
				rs.getString("acknowledge_comment"), rs.getString("closed_by"), Gateways.instant(rs, "closed_at"), rs.getString("comment"),
				gap(rs), rs.getBoolean("never_reported"));
	}

	private static AlarmGap gap(ResultSet rs) throws SQLException {
		Instant from = Gateways.instant(rs, "gap_from");
		Instant to = Gateways.instant(rs, "gap_to");
		return from == null || to == null ? null : new AlarmGap(from, to, rs.getInt("gap_intervals"), rs.getInt("backfilled_intervals"));
	}

	static BigDecimal strip(BigDecimal v) {
		return v == null ? null : v.stripTrailingZeros();
	}
}
