package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.monitoring.CreatedGateway;
import org.peakpilot.monitoring.Gateway;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.ReadingIngest.Origin;
import org.peakpilot.monitoring.internal.ReadingParser.Parsed;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.Role;
import org.peakpilot.shared.Rounding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Readings of meters: in (HTTP, MQTT, back-fill, replay), the quarantine's resolution, meter exchanges, gaps, and a
 * meter's rollups converted to tce and tCO2 with the accounting factors. Every call is scoped by {@link AccessScope}.
 * The pages and the API of the module call it directly; other modules go through
 * {@link org.peakpilot.monitoring.EnergyMonitoring}.
 */
@Service
public class Readings {

	/** The most readings one batch may carry. */
	public static final int MAX_BATCH = 10_000;

	/** The largest body of one batch: an HTTP request, or an MQTT message. */
	public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private final Meters meters;
	private final Gateways gateways;
	private final ReadingIngest ingest;
	private final Quarantine quarantine;
	private final RollupJob rollups;
	private final EnergyConversions conversions;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final JsonMapper json;
	private final Clock clock;
	private final Batches batches;

	Readings(Meters meters, Gateways gateways, ReadingIngest ingest, Quarantine quarantine, RollupJob rollups,
			EnergyConversions conversions, JdbcClient jdbc, AuditLog audit, JsonMapper json, Clock clock, MonitoringViews views,
			Batches batches) {
		this.meters = meters;
		this.gateways = gateways;
		this.ingest = ingest;
		this.quarantine = quarantine;
		this.rollups = rollups;
		this.conversions = conversions;
		this.jdbc = jdbc;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
		this.views = views;
		this.batches = batches;
	}

	// ---- readings in

	/** A JSON batch from the current caller: a gateway's device token or a user of the enterprise. */
	public IngestResult ingestJson(String body) {
		ReadingParser.Batch b = ReadingParser.jsonBatch(json, body);
		return ingest(b.readings(), new ReadingIngest.Options(ReadingIngest.batchId(b.batchId()), ReadingIngest.Marks.given(b.timestampMarks()),
				b.correction()));
	}

	/** A CSV batch (meter,ts,value[,unit]) from the current caller. */
	public IngestResult ingestCsv(String body) {
		return ingest(ReadingParser.csv(body), new ReadingIngest.Options(ReadingIngest.batchId(null), null, false));
	}

	/**
	 * A batch read by the caller (the HTTP interface, which reads the batch's id first to echo it in every answer);
	 * options without marks take the sending gateway's default (the end for a user).
	 */
	public IngestResult ingest(List<Parsed> readings, ReadingIngest.Options options) {
		AccessScope s = AccessScope.current();
		Long gateway = s.role() == Role.DEVICE && s.actor().startsWith("gateway:") ? Long.valueOf(s.actor().substring(8)) : null;
		return ingest.ingest(Origin.http(s.actor(), senderEnterprise()), batch(readings), options, gateway);
	}

	/**
	 * A gateway's heartbeat over HTTP (its device token): it is online whether or not it has readings to send; the
	 * status it reports (a small JSON object, or nothing) is shown on its page.
	 */
	public GatewayStatus reportStatus(String body) {
		AccessScope s = AccessScope.current();
		Long id = s.role() == Role.DEVICE && s.actor().startsWith("gateway:") ? Long.valueOf(s.actor().substring(8)) : null;
		Gateways.Sender sender = id == null ? null : gateways.active(id).orElse(null);
		if (sender == null) {
			throw new AccessDeniedException(s.actor() + ": a status comes from a gateway's device token");
		}
		return gateways.heartbeat(sender, body);
	}

	/**
	 * An MQTT message: the gateway that sent it, as {@link MqttIngest} established it (null when none did), and its
	 * payload (the JSON of an HTTP batch). A message that cannot be attributed to a gateway, or cannot be read, is
	 * quarantined whole; it is never dropped.
	 */
	IngestResult ingestMqtt(Gateways.Sender s, String topic, String payload) {
		if (s == null) {
			long id = quarantine.putPayload("MQTT", topic, null, payload, Reason.UNAUTHENTICATED, MqttIngest.UNATTRIBUTED);
			return new IngestResult(0, 0, 0, 1, List.of(new Rejected(-1, null, Reason.UNAUTHENTICATED,
					"unknown or revoked device token", id))).withBatchId(ReadingIngest.batchId(null));
		}
		List<Parsed> parsed;
		ReadingIngest.Options options;
		try {
			ReadingParser.Batch b = ReadingParser.jsonBatch(json, payload);
			parsed = batch(b.readings());
			options = new ReadingIngest.Options(ReadingIngest.batchId(b.batchId()), ReadingIngest.Marks.given(b.timestampMarks()), b.correction());
		}
		catch (InvalidInputException ex) {
			long id = quarantine.putPayload("MQTT", "gateway:" + s.gatewayId(), s.enterpriseId(), payload, Reason.MALFORMED,
					ex.errors().get(0).toString());
			IngestResult r = new IngestResult(0, 0, 0, 1, List.of(new Rejected(-1, null, Reason.MALFORMED, ex.errors().get(0).toString(), id)))
				.withBatchId(ReadingIngest.batchId(null));
			batches.record(ReadingIngest.Origin.mqtt("gateway:" + s.gatewayId(), s.enterpriseId()), r.batchId(), r, clock.instant());
			return r;
		}
		return ingest.ingest(Origin.mqtt("gateway:" + s.gatewayId(), s.enterpriseId()), parsed, options, s.gatewayId());
	}

	private static List<Parsed> batch(List<Parsed> parsed) {
		if (parsed.size() > MAX_BATCH) {
			throw new BatchTooLargeException(parsed.size());
		}
		return parsed;
	}

	private long senderEnterprise() {
		AccessScope s = AccessScope.current();
		if ((s.role() == Role.DEVICE || s.role() == Role.ENTERPRISE_USER) && s.enterprises().size() == 1) {
			return s.enterprises().iterator().next();
		}
		throw new AccessDeniedException(s.actor() + ": readings come from a gateway's device token or a user of the enterprise");
	}

	// ---- quarantine

	/**
	 * Replays a quarantined reading, corrected or as it was, through the same validation; on success it is stored
	 * (origin R) and the entry marked replayed with the comment. A reading that still fails is not stored and
	 * the entry stays open.
	 */
	@Transactional
	public IngestResult replay(long id, Correction c) {
		QuarantineEntry q = quarantine.get(id);
		requireResolve(q);
		if (q.status() != QuarantineStatus.OPEN) {
			throw new RuleViolationException("quarantined reading " + id + " is already " + q.status(), true);
		}
		if (c == null || c.comment() == null || c.comment().isBlank()) {
			throw new InvalidInputException("comment", "say what was corrected, or why the reading is replayed as it was");
		}
		List<InputError> tooLong = new ArrayList<>();
		if (!InputBounds.length(tooLong, "comment", c.comment(), MonitoringBounds.TEXT_MAX)) {
			throw new InvalidInputException(tooLong);
		}
		if (q.enterpriseId() == null) {
			throw new RuleViolationException("a payload of an unknown sender cannot be replayed, only discarded", false);
		}
		String meter = c.meter() != null ? c.meter() : q.meterCode();
		String ts = c.ts() != null ? c.ts() : q.ts() == null ? null : q.ts().toString();
		String value = c.value() != null ? c.value() : q.value() == null ? null : q.value().toPlainString();
		String unit = c.unit() != null ? c.unit() : q.unit();
		if (meter == null || ts == null || value == null) {
			throw new InvalidInputException("meter", "the quarantined payload has no meter, time or value: give them in the correction");
		}
		IncomingReading r = new IncomingReading(meter.startsWith("#") ? null : meter,
				meter.startsWith("#") ? Long.valueOf(meter.substring(1)) : null, ts, value, unit);
		Parsed p = new Parsed(r, null, q.raw());
		Origin origin = new Origin("REPLAY", 'R', AccessScope.current().actor(), q.enterpriseId(), null);
		ReadingIngest.Checked checked = ingest.check(0, p, meters.ofEnterprise(q.enterpriseId()), clock.instant());
		if (checked instanceof ReadingIngest.Invalid x) {
			throw new InvalidInputException(List.of(InputError.field(x.reason().name(), x.detail())));
		}
		IngestResult result = ingest.ingest(origin, List.of(p));
		if (result.stored() + result.duplicates() != 1) {
			throw new RuleViolationException("the reading was not stored: " + result.rejected().get(0).detail(), true);
		}
		quarantine.resolve(id, QuarantineStatus.REPLAYED, c.comment().strip());
		audit.record("quarantine.replayed", "quarantine", id, q, quarantine.get(id));
		return result;
	}

	@Transactional
	public QuarantineEntry discard(long id, String comment) {
		QuarantineEntry q = quarantine.get(id);
		requireResolve(q);
		if (comment == null || comment.isBlank()) {
			throw new InvalidInputException("comment", "say why the reading is discarded");
		}
		if (!quarantine.resolve(id, QuarantineStatus.DISCARDED, comment.strip())) {
			throw new RuleViolationException("quarantined reading " + id + " is already " + q.status(), true);
		}
		QuarantineEntry after = quarantine.get(id);
		audit.record("quarantine.discarded", "quarantine", id, q, after);
		return after;
	}

	/** The office resolves any entry; the enterprise and its county or park officers resolve the enterprise's. */
	private static void requireResolve(QuarantineEntry q) {
		AccessScope s = AccessScope.current();
		boolean ok = s.isCityWide() || (q.enterpriseId() != null && s.hasRole(Role.ENTERPRISE_USER, Role.COUNTY_OFFICER, Role.PARK_MANAGER));
		if (!ok) {
			throw new AccessDeniedException(s.actor() + " may not resolve this quarantined reading");
		}
	}

	// ---- exchanges, back-fills, gaps

	public List<Replacement> exchanges(long meterId) {
		meters.get(meterId);
		return jdbc.sql("SELECT * FROM monitoring_meter_replacement WHERE meter_id = :m ORDER BY replaced_at").param("m", meterId)
			.query((rs, n) -> new Replacement(rs.getLong("id"), rs.getLong("meter_id"), Gateways.instant(rs, "replaced_at"),
					rs.getBigDecimal("old_final").stripTrailingZeros(), rs.getBigDecimal("new_initial").stripTrailingZeros(),
					rs.getString("reason"), rs.getString("created_by"), Gateways.instant(rs, "created_at")))
			.list();
	}

	/** Registers a meter exchange (换表): the rollups around it are rebuilt with the register difference across it. */
	@Transactional
	public Replacement registerExchange(long meterId, ReplacementForm form) {
		Meter m = meters.get(meterId);
		Meters.requireManageMeters(Meters.owner(m));
		List<InputError> errors = new ArrayList<>();
		if (m.kind() != MeterKind.COUNTER) {
			errors.add(InputError.field("meter", "only a cumulative register (COUNTER) is exchanged this way"));
		}
		Instant at = null;
		try {
			at = ReadingIngest.timestamp(form.replacedAt());
		}
		catch (RuntimeException ex) {
			errors.add(InputError.field("replacedAt", "an ISO-8601 time such as 2026-11-24T10:07:00+08:00"));
		}
		if (at != null && at.isAfter(clock.instant())) {
			errors.add(InputError.field("replacedAt", "the exchange lies in the future"));
		}
		if (form.oldFinal() == null || form.oldFinal().signum() < 0) {
			errors.add(InputError.field("oldFinal", "the old register's final value is required (≥ 0)"));
		}
		else {
			InputBounds.range(errors, "oldFinal", form.oldFinal(), BigDecimal.ZERO, MonitoringBounds.REGISTER_MAX);
		}
		if (form.newInitial() == null || form.newInitial().signum() < 0) {
			errors.add(InputError.field("newInitial", "the new register's initial value is required (≥ 0)"));
		}
		else {
			InputBounds.range(errors, "newInitial", form.newInitial(), BigDecimal.ZERO, MonitoringBounds.REGISTER_MAX);
		}
		if (form.reason() == null || form.reason().isBlank()) {
			errors.add(InputError.field("reason", "say why the meter was exchanged"));
		}
		InputBounds.length(errors, "reason", form.reason(), MonitoringBounds.TEXT_MAX);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = jdbc.sql("""
				INSERT INTO monitoring_meter_replacement (meter_id, replaced_at, old_final, new_initial, reason, created_by, created_at)
				VALUES (:m, :at, :old, :new, :reason, :by, :now) ON CONFLICT DO NOTHING RETURNING id
				""")
			.param("m", meterId).param("at", Gateways.utc(at)).param("old", form.oldFinal()).param("new", form.newInitial())
			.param("reason", form.reason().strip()).param("by", AccessScope.current().actor()).param("now", Gateways.utc(clock.instant()))
			.query(Long.class).optional().orElseThrow(() -> new RuleViolationException("an exchange at that time is already registered", true));
		rollups.markPending(meterId, at, at);
		Replacement r = exchanges(meterId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
		audit.record("meter.exchanged", "meter", meterId, null, r);
		return r;
	}

	/**
	 * Back-fills (数据补录) missing intervals of one meter with a reason, all or nothing: every reading must pass
	 * validation and fall where no reading is stored. The readings are marked as back-filled (origin B).
	 */
	@Transactional
	public IngestResult backfill(long meterId, BackfillForm form) {
		Meter m = meters.get(meterId);
		AccessScope s = AccessScope.current();
		if (!(s.hasRole(Role.ENTERPRISE_USER) && s.canRead(Meters.owner(m)))) {
			throw new AccessDeniedException(s.actor() + ": back-fills are entered by the enterprise itself");
		}
		List<InputError> errors = new ArrayList<>();
		if (form.reason() == null || form.reason().isBlank()) {
			errors.add(InputError.field("reason", "say why the intervals are back-filled"));
		}
		InputBounds.length(errors, "reason", form.reason(), MonitoringBounds.TEXT_MAX);
		if (form.readings() == null || form.readings().isEmpty()) {
			errors.add(InputError.field("readings", "at least one reading"));
		}
		else if (form.readings().size() > MAX_BATCH) {
			errors.add(InputError.field("readings", "at most " + MAX_BATCH + " readings"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<IncomingReading> readings = form.readings().stream()
			.map(r -> new IncomingReading(null, meterId, r == null ? null : r.ts(), r == null ? null : r.value(), r == null ? null : r.unit()))
			.toList();
		List<Parsed> parsed = ReadingParser.of(json, readings);
		Meters.EnterpriseMeters own = meters.ofEnterprise(m.enterpriseId());
		Instant now = clock.instant();
		for (int i = 0; i < parsed.size(); i++) {
			if (ingest.check(i, parsed.get(i), own, now) instanceof ReadingIngest.Invalid x) {
				errors.add(new InputError(i + 1, "readings[" + i + "]." + x.reason().name(), x.detail()));
			}
			else {
				Instant ts = ReadingIngest.timestamp(readings.get(i).ts());
				if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitoring_reading WHERE meter_id = :m AND ts = :ts)").param("m", meterId)
					.param("ts", Gateways.utc(ts)).query(Boolean.class).single()) {
					errors.add(new InputError(i + 1, "readings[" + i + "].ts", "a reading of " + ts + " is already stored: only gaps are back-filled"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long backfillId = jdbc.sql("""
				INSERT INTO monitoring_backfill (meter_id, reason, readings, created_by, created_at) VALUES (:m, :r, :n, :by, :now) RETURNING id
				""").param("m", meterId).param("r", form.reason().strip()).param("n", parsed.size()).param("by", s.actor())
			.param("now", Gateways.utc(now)).query(Long.class).single();
		IngestResult result = ingest.ingest(new Origin("BACKFILL", 'B', s.actor(), m.enterpriseId(), backfillId), parsed);
		if (result.quarantined() > 0) {
			throw new RuleViolationException("back-fill not stored: " + result.rejected().get(0).detail(), true);
		}
		audit.record("meter.backfilled", "meter", meterId, null, Map.of("backfill", backfillId, "readings", parsed.size(), "reason", form.reason().strip()));
		return result;
	}

	/** The longest range one gaps query covers. */
	static final java.time.Duration MAX_GAPS_SPAN = java.time.Duration.ofDays(31);

	/** The longest range one meter series covers at each grain (points: 2976, 2208, 732, 240). */
	static java.time.Duration maxSpan(Grain grain) {
		return switch (grain) {
			case QUARTER -> java.time.Duration.ofDays(31);
			case HOUR -> java.time.Duration.ofDays(92);
			case DAY -> java.time.Duration.ofDays(732);
			case MONTH -> java.time.Duration.ofDays(7305);
		};
	}

	/**
	 * Missing intervals of a meter in from (inclusive) to (exclusive): interval ends without a reading. At most
	 * {@link #MAX_GAPS_SPAN} (31 days) at a time: a longer range is refused naming {@code from}.
	 */
	public List<Gap> gaps(long meterId, Instant from, Instant to) {
		QueryLimits.span(from, to, MAX_GAPS_SPAN);
		Meter m = meters.get(meterId);
		long step = m.intervalMinutes() * 60L;
		Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond() + step - 1, step) * step);
		Instant last = to.isAfter(clock.instant()) ? clock.instant() : to;
		List<Instant> missing = jdbc.sql("""
				SELECT g FROM generate_series(CAST(:f AS timestamptz), CAST(:t AS timestamptz), make_interval(mins => :step)) g
				WHERE NOT EXISTS (SELECT 1 FROM monitoring_reading r WHERE r.meter_id = :m AND r.ts = g) ORDER BY g
				""")
			.param("f", Gateways.utc(first)).param("t", Gateways.utc(last)).param("step", m.intervalMinutes()).param("m", meterId)
			.query((rs, n) -> Gateways.instant(rs, "g")).list();
		List<Gap> gaps = new ArrayList<>();
		Instant start = null;
		Instant prev = null;
		int count = 0;
		for (Instant t : missing) {
			if (prev != null && t.getEpochSecond() - prev.getEpochSecond() == step) {
				count++;
			}
			else {
				if (start != null) {
					gaps.add(new Gap(meterId, start, prev, count));
				}
				start = t;
				count = 1;
			}
			prev = t;
		}
		if (start != null) {
			gaps.add(new Gap(meterId, start, prev, count));
		}
		return gaps;
	}

	// ---- rollups

	/**
	 * A meter's rollups at a grain in from (inclusive) to (exclusive); a range longer than {@link #maxSpan} of the
	 * grain (31 days of quarter hours, 92 of hours, 2 years of days, 20 of months) is refused naming {@code from}.
	 */
	public MeterSeries meterSeries(long meterId, Grain grain, Instant from, Instant to) {
		QueryLimits.span(from, to, maxSpan(grain));
		Meter m = meters.get(meterId);
		Map<Integer, EnergyConversions.Conversion> used = new LinkedHashMap<>();
		List<MeterPoint> points = jdbc.sql("""
				SELECT period_start, quantity, readings, excluded FROM monitoring_rollup
				WHERE meter_id = :m AND grain = :g AND period_start >= :f AND period_start < :t ORDER BY period_start
				""")
			.param("m", meterId).param("g", String.valueOf(grain.code)).param("f", Gateways.utc(from)).param("t", Gateways.utc(to))
			.query((rs, n) -> {
				Instant start = Gateways.instant(rs, "period_start");
				BigDecimal q = rs.getBigDecimal("quantity");
				EnergyConversions.Conversion c = used.computeIfAbsent(year(start), y -> conversions.of(m.energyCode(), m.unit(), y));
				return new MeterPoint(start, q.stripTrailingZeros(), Rounding.stored(c.tce(q)), Rounding.stored(c.co2T(q)), rs.getInt("readings"), rs.getInt("excluded"));
			}).list();
		return new MeterSeries(m, grain, points, used.values().stream().map(Readings::conversion).toList());
	}

	static FactorConversion conversion(EnergyConversions.Conversion c) {
		return new FactorConversion(c.year(), c.energyCode(), c.unit(), c.tcePerUnit(), c.co2TPerUnit(), c.factors());
	}

	static int year(Instant t) {
		return t.atZone(ZoneId.of("Asia/Shanghai")).getYear();
	}

	// ---- a meter's curve and state (monitoring pages)

	private final MonitoringViews views;

	/** A meter's curve over the day, ISO week, month or year holding {@code date}, at the range's grain. */
	public MeterSeries meterSeries(long meterId, Range range, java.time.LocalDate date) {
		QueryLimits.date("date", date);
		return meterSeries(meterId, range.grain(), MonitoringViews.start(range.first(date)), MonitoringViews.start(range.end(date)));
	}

	/** Whether a meter is online now: active, with a reading arrived within the configured number of its intervals. */
	public MeterState meterState(long meterId) {
		Meter m = meters.get(meterId);
		return views.meterStates(m.enterpriseId()).stream().filter(s -> s.meter().id() == meterId).findFirst().orElseThrow();
	}
}
