package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partners' batches of green trips (issue 14): each trip answered CREDITED, DUPLICATE, REFUSED (with a reason) or
 * FLAGGED, exactly once per partner and external trip id. One database transaction per batch: the trips' rows and
 * their ledger EARN transactions ({@link Ledger#postAll}) are written together or not at all.
 * <p>
 * Rules, in this order: a trip already stored for the partner and external id answers DUPLICATE with its stored
 * outcome (nothing changes); an unknown or unconsented link, an unknown mode, a trip ending before the claim window, a
 * mode without configured figures, a per-km mode without distance are refused; an average speed above the mode's
 * plausible maximum is FLAGGED for the office (nothing credited); a trip overlapping in time another credited trip
 * of the same citizen (from any partner) is refused — the same physical trip counts once; the daily cap per citizen,
 * mode and Beijing day: a trip crossing it is credited the remainder ({@code capped}), a trip when nothing remains is
 * refused. Points = gCO2 rounded down to whole grams.
 * <p>
 * Concurrency: the batch takes a transaction-scoped advisory lock per citizen (in id order, so batches never
 * deadlock), so overlap and caps are decided on committed data; {@code ON CONFLICT DO NOTHING} on (partner, external
 * id) makes concurrent resends store a trip once, the loser answering DUPLICATE.
 */
@Component
public class TripIntake {

	private static final Logger log = LoggerFactory.getLogger(TripIntake.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** The most trips in one batch (validation and the API document). */
	public static final int MAX_BATCH = 1000;
	public static final int EXTERNAL_ID_MAX = 64;
	public static final String EXTERNAL_ID_PATTERN = "^[A-Za-z0-9._:/-]{1,64}$";
	public static final int LINK_TOKEN_MAX = 100;
	public static final int MODE_MAX = 16;
	/** The longest trip accepted, km. */
	public static final String DISTANCE_MAX = "1000";
	public static final int STOPS_MAX = 500;
	/** The longest trip accepted. */
	public static final Duration DURATION_MAX = Duration.ofHours(24);
	/** How far in the future a trip's end may lie (partners' clock skew). */
	public static final Duration FUTURE_SKEW = Duration.ofMinutes(10);
	/** Namespace of the advisory locks on citizens (classid of pg_advisory_xact_lock(int, int)). */
	static final int LOCK_NAMESPACE = 0x1C1_4001;

	public enum Status {
		CREDITED, DUPLICATE, REFUSED, FLAGGED, REJECTED
	}

	public enum Reason {
		/** the account link is unknown to the partner or its consent was revoked */
		NO_CONSENT_OR_UNKNOWN_LINK,
		UNKNOWN_MODE,
		/** ended longer ago than the claim window */
		OUTSIDE_CLAIM_WINDOW,
		/** the methodology has no figure for the mode yet (unverified, to be set by the office) */
		MODE_NOT_CONFIGURED,
		/** a per-km mode sent with stops only */
		DISTANCE_REQUIRED,
		/** overlaps in time another credited trip of the same citizen */
		OVERLAPPING_TRIP,
		/** the daily cap of the mode was already reached */
		DAILY_CAP_REACHED,
		/** average speed above the mode's plausible maximum (FLAGGED) */
		IMPOSSIBLE_SPEED,
		/** a flagged trip the office rejected (REJECTED) */
		REJECTED_BY_OFFICE
	}

	/** One trip as a partner sends it. */
	public record TripIn(String externalId, String linkToken, String mode, OffsetDateTime startAt, OffsetDateTime endAt,
			BigDecimal distanceKm, Integer stops) {
	}

	/**
	 * The answer for one trip. {@code original}: for DUPLICATE, the stored outcome; {@code gco2}: the reduction the
	 * methodology computed (whole grams, rounded down); {@code points}: what was credited ({@code capped}: less than
	 * gco2 because of the daily cap).
	 */
	public record TripAnswer(String externalId, Status status, Status original, Reason reason, Long gco2, long points,
			boolean capped, String methodologyCode, Integer methodologyVersion) {
	}

	private final JdbcClient jdbc;
	private final Methodologies methodologies;
	private final TripSettings settings;
	private final Ledger ledger;
	private final AccountLinks links;
	private final Clock clock;

	TripIntake(JdbcClient jdbc, Methodologies methodologies, TripSettings settings, Ledger ledger, AccountLinks links, Clock clock) {
		this.jdbc = jdbc;
		this.methodologies = methodologies;
		this.settings = settings;
		this.ledger = ledger;
		this.links = links;
		this.clock = clock;
	}

	/** Checks a batch before anything is read or stored; every problem names its row (1-based) and field. */
	public void validate(List<TripIn> trips) {
		if (trips == null || trips.isEmpty()) {
			throw new InvalidInputException("trips", "a batch has 1 to " + MAX_BATCH + " trips");
		}
		if (trips.size() > MAX_BATCH) {
			throw new InvalidInputException("trips", "a batch has at most " + MAX_BATCH + " trips; this one has " + trips.size());
		}
		Instant latest = clock.instant().plus(FUTURE_SKEW);
		BigDecimal maxKm = new BigDecimal(DISTANCE_MAX);
		List<InputError> errors = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < trips.size() && errors.size() < 50; i++) {
			TripIn t = trips.get(i);
			int row = i + 1;
			String at = "trips[" + i + "].";
			if (t == null) {
				errors.add(new InputError(row, "trips[" + i + "]", "a trip"));
				continue;
			}
			if (t.externalId() == null || !t.externalId().matches(EXTERNAL_ID_PATTERN)) {
				errors.add(new InputError(row, at + "externalId", "1 to " + EXTERNAL_ID_MAX + " letters, digits or . _ : / -"));
			}
			else {
				Integer first = seen.putIfAbsent(t.externalId(), row);
				if (first != null) {
					errors.add(new InputError(row, at + "externalId", "repeats the external id of row " + first));
				}
			}
			if (t.linkToken() == null || t.linkToken().isBlank() || t.linkToken().length() > LINK_TOKEN_MAX) {
				errors.add(new InputError(row, at + "linkToken", "the citizen's account link token, 1 to " + LINK_TOKEN_MAX + " characters"));
			}
			if (t.mode() == null || t.mode().isBlank() || t.mode().length() > MODE_MAX) {
				errors.add(new InputError(row, at + "mode", "a mode of 1 to " + MODE_MAX + " characters, e.g. BUS"));
			}
			if (t.startAt() == null) {
				errors.add(new InputError(row, at + "startAt", "required"));
			}
			if (t.endAt() == null) {
				errors.add(new InputError(row, at + "endAt", "required"));
			}
			if (t.startAt() != null && t.endAt() != null) {
				if (t.startAt().getYear() < 2000) {
					errors.add(new InputError(row, at + "startAt", "must not lie before the year 2000"));
				}
				if (t.endAt().isBefore(t.startAt())) {
					errors.add(new InputError(row, at + "endAt", "must not lie before startAt"));
				}
				else if (Duration.between(t.startAt(), t.endAt()).compareTo(DURATION_MAX) > 0) {
					errors.add(new InputError(row, at + "endAt", "a trip lasts at most " + DURATION_MAX.toHours() + " hours"));
				}
				if (t.endAt().toInstant().isAfter(latest)) {
					errors.add(new InputError(row, at + "endAt", "lies in the future"));
				}
			}
			if (t.distanceKm() == null && t.stops() == null) {
				errors.add(new InputError(row, at + "distanceKm", "distanceKm or stops is required"));
			}
			if (t.distanceKm() != null && (t.distanceKm().signum() <= 0 || t.distanceKm().compareTo(maxKm) > 0
					|| Math.max(t.distanceKm().stripTrailingZeros().scale(), 0) > 3)) {
				errors.add(new InputError(row, at + "distanceKm", "more than 0 and at most " + DISTANCE_MAX + " km, at most 3 decimals"));
			}
			if (t.stops() != null && (t.stops() < 1 || t.stops() > STOPS_MAX)) {
				errors.add(new InputError(row, at + "stops", "1 to " + STOPS_MAX));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	// a credited trip of a citizen, as far as overlap and caps need it
	private record Held(Instant start, Instant end) {
	}

	private record Stored(long id, Status status, Reason reason, Long gco2, long points, Long methodologyId) {
	}

	// a new trip's outcome, before it is stored
	private record Outcome(TripIn trip, int index, Long citizen, TripMode mode, LocalDate day, Status status, Reason reason,
			Long gco2, long points, Methodology methodology) {
	}

	/** Takes a validated batch of the partner's trips; the answers are in the batch's order. */
	@Transactional
	public List<TripAnswer> post(long partnerId, List<TripIn> trips) {
		validate(trips);
		Instant now = clock.instant();
		String[] externalIds = trips.stream().map(TripIn::externalId).toArray(String[]::new);
		Map<String, Stored> existing = existing(partnerId, externalIds);
		if (existing.size() == trips.size()) {
			// a resend of stored trips: their answers, without locking anyone (a stored outcome only changes by review)
			return trips.stream().map(t -> duplicate(t.externalId(), existing.get(t.externalId()))).toList();
		}
		Map<String, Long> citizenOf = links.resolveAll(partnerId, trips.stream().map(TripIn::linkToken).distinct().toList());
		TreeSet<Long> citizens = new TreeSet<>(citizenOf.values());
		lock(citizens);
		if (!citizens.isEmpty()) {
			// re-read under the locks: a concurrent batch may have stored some of these trips meanwhile
			existing.putAll(existing(partnerId, externalIds));
		}
		Instant minStart = trips.stream().map(t -> t.startAt().toInstant()).min(Instant::compareTo).orElseThrow();
		Instant maxEnd = trips.stream().map(t -> t.endAt().toInstant()).max(Instant::compareTo).orElseThrow();
		Map<Long, List<Held>> held = new HashMap<>();
		Map<String, Long> dayTotals = new HashMap<>();
		if (!citizens.isEmpty()) {
			loadHeld(citizens, minStart, maxEnd, held);
			loadDayTotals(citizens, trips, dayTotals);
		}
		String travelCode = methodologies.travelCode().orElse(null);
		Instant windowStart = now.minus(Duration.ofDays(settings.claimWindowDays()));
		List<Outcome> fresh = new ArrayList<>();
		TripAnswer[] answers = new TripAnswer[trips.size()];
		for (int i = 0; i < trips.size(); i++) {
			TripIn t = trips.get(i);
			Stored s = existing.get(t.externalId());
			if (s != null) {
				answers[i] = duplicate(t.externalId(), s);
				continue;
			}
			Outcome o = evaluate(i, t, citizenOf.get(t.linkToken()), travelCode, windowStart, held, dayTotals);
			fresh.add(o);
		}
		if (!fresh.isEmpty()) {
			store(partnerId, fresh, answers, now);
		}
		return List.of(answers);
	}

	private Outcome evaluate(int index, TripIn t, Long citizen, String travelCode, Instant windowStart,
			Map<Long, List<Held>> held, Map<String, Long> dayTotals) {
		TripMode mode = TripMode.trip(t.mode());
		LocalDate day = t.startAt().atZoneSameInstant(BEIJING).toLocalDate();
		if (citizen == null) {
			return refused(index, t, null, mode, day, Reason.NO_CONSENT_OR_UNKNOWN_LINK, null);
		}
		if (mode == null) {
			return refused(index, t, citizen, null, day, Reason.UNKNOWN_MODE, null);
		}
		if (t.endAt().toInstant().isBefore(windowStart)) {
			return refused(index, t, citizen, mode, day, Reason.OUTSIDE_CLAIM_WINDOW, null);
		}
		Methodology m = travelCode == null ? null : methodologies.inForce(travelCode, day).orElse(null);
		Methodology.Factor f = m == null ? null : m.factor(mode).orElse(null);
		if (f == null || !f.configured()) {
			return refused(index, t, citizen, mode, day, Reason.MODE_NOT_CONFIGURED, m);
		}
		if (f.basis().needsDistance() && t.distanceKm() == null) {
			return refused(index, t, citizen, mode, day, Reason.DISTANCE_REQUIRED, m);
		}
		long gco2 = Methodology.points(f.reduction(t.distanceKm()));
		if (impossibleSpeed(t, mode)) {
			return new Outcome(t, index, citizen, mode, day, Status.FLAGGED, Reason.IMPOSSIBLE_SPEED, gco2, 0, m);
		}
		Instant start = t.startAt().toInstant();
		Instant end = t.endAt().toInstant();
		List<Held> mine = held.computeIfAbsent(citizen, k -> new ArrayList<>());
		if (overlaps(mine, start, end)) {
			return new Outcome(t, index, citizen, mode, day, Status.REFUSED, Reason.OVERLAPPING_TRIP, gco2, 0, m);
		}
		String key = citizen + "|" + mode + "|" + day;
		long sofar = dayTotals.getOrDefault(key, 0L);
		long remaining = Math.max(0, settings.cap(mode) - sofar);
		if (remaining == 0 && gco2 > 0) {
			return new Outcome(t, index, citizen, mode, day, Status.REFUSED, Reason.DAILY_CAP_REACHED, gco2, 0, m);
		}
		long points = Math.min(gco2, remaining);
		mine.add(new Held(start, end));
		dayTotals.put(key, sofar + points);
		return new Outcome(t, index, citizen, mode, day, Status.CREDITED, null, gco2, points, m);
	}

	/** Average speed above the mode's maximum; a trip with distance and no duration is impossible too. */
	boolean impossibleSpeed(TripIn t, TripMode mode) {
		if (t.distanceKm() == null) {
			return false;
		}
		long millis = Duration.between(t.startAt(), t.endAt()).toMillis();
		// km / h > max  ⇔  km × 3,600,000 > max × ms
		return t.distanceKm().multiply(BigDecimal.valueOf(3_600_000L))
			.compareTo(BigDecimal.valueOf((long) settings.maxSpeedKmh(mode)).multiply(BigDecimal.valueOf(millis))) > 0;
	}

	/** Whether start to end (end excluded) meets a held trip; a zero-length trip counts as its first millisecond. */
	static boolean overlaps(List<Held> held, Instant start, Instant end) {
		Instant e = end.equals(start) ? start.plusMillis(1) : end;
		for (Held h : held) {
			Instant he = h.end().equals(h.start()) ? h.start().plusMillis(1) : h.end();
			if (start.isBefore(he) && h.start().isBefore(e)) {
				return true;
			}
		}
		return false;
	}

	private static Outcome refused(int index, TripIn t, Long citizen, TripMode mode, LocalDate day, Reason reason, Methodology m) {
		return new Outcome(t, index, citizen, mode, day, Status.REFUSED, reason, null, 0, m);
	}

	private void lock(TreeSet<Long> citizens) {
		if (citizens.isEmpty()) {
			return;
		}
		jdbc.sql("""
				SELECT count(pg_advisory_xact_lock(:ns, (s.c % 2147483647)::int))
				FROM (SELECT c FROM unnest(CAST(:ids AS bigint[])) AS u(c) ORDER BY c) s
				""").param("ns", LOCK_NAMESPACE).param("ids", citizens.toArray(Long[]::new)).query(Long.class).single();
	}

	private Map<String, Stored> existing(long partnerId, String[] externalIds) {
		Map<String, Stored> m = new HashMap<>();
		jdbc.sql("""
				SELECT id, external_id, status, reason, gco2, points, methodology_id FROM inclusive_trip
				WHERE partner_id = :p AND external_id = ANY(CAST(:ids AS text[]))
				""").param("p", partnerId).param("ids", externalIds).query(rs -> {
			m.put(rs.getString("external_id"), new Stored(rs.getLong("id"), Status.valueOf(rs.getString("status")),
					rs.getString("reason") == null ? null : Reason.valueOf(rs.getString("reason")),
					(Long) rs.getObject("gco2", Long.class), rs.getLong("points"), (Long) rs.getObject("methodology_id", Long.class)));
		});
		return m;
	}

	private void loadHeld(Set<Long> citizens, Instant minStart, Instant maxEnd, Map<Long, List<Held>> held) {
		jdbc.sql("""
				SELECT citizen_id, start_at, end_at FROM inclusive_trip
				WHERE citizen_id = ANY(CAST(:c AS bigint[])) AND status = 'CREDITED'
				  AND start_at <= :maxEnd AND start_at >= :earliest AND end_at >= :minStart
				""").param("c", citizens.toArray(Long[]::new)).param("maxEnd", at(maxEnd))
			.param("earliest", at(minStart.minus(DURATION_MAX))).param("minStart", at(minStart))
			.query(rs -> {
				held.computeIfAbsent(rs.getLong("citizen_id"), k -> new ArrayList<>())
					.add(new Held(rs.getObject("start_at", OffsetDateTime.class).toInstant(), rs.getObject("end_at", OffsetDateTime.class).toInstant()));
			});
	}

	private void loadDayTotals(Set<Long> citizens, List<TripIn> trips, Map<String, Long> totals) {
		Set<LocalDate> days = new TreeSet<>();
		trips.forEach(t -> days.add(t.startAt().atZoneSameInstant(BEIJING).toLocalDate()));
		LocalDate first = ((TreeSet<LocalDate>) days).first();
		LocalDate last = ((TreeSet<LocalDate>) days).last();
		jdbc.sql("""
				SELECT citizen_id, mode, day, sum(points) AS points FROM inclusive_trip
				WHERE citizen_id = ANY(CAST(:c AS bigint[])) AND status = 'CREDITED'
				  AND start_at >= :from AND start_at < :to AND day = ANY(CAST(:days AS date[]))
				GROUP BY citizen_id, mode, day
				""").param("c", citizens.toArray(Long[]::new))
			.param("from", at(first.atStartOfDay(BEIJING).toInstant())).param("to", at(last.plusDays(1).atStartOfDay(BEIJING).toInstant()))
			.param("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
			.query(rs -> {
				totals.put(rs.getLong("citizen_id") + "|" + rs.getString("mode") + "|" + rs.getObject("day", LocalDate.class), rs.getLong("points"));
			});
	}

	private void store(long partnerId, List<Outcome> fresh, TripAnswer[] answers, Instant now) {
		int n = fresh.size();
		String[] ext = new String[n];
		Long[] citizen = new Long[n];
		String[] mode = new String[n];
		String[] start = new String[n];
		String[] end = new String[n];
		String[] day = new String[n];
		String[] km = new String[n];
		Integer[] stops = new Integer[n];
		String[] status = new String[n];
		String[] reason = new String[n];
		Long[] methodology = new Long[n];
		Long[] gco2 = new Long[n];
		Long[] points = new Long[n];
		for (int i = 0; i < n; i++) {
			Outcome o = fresh.get(i);
			ext[i] = o.trip().externalId();
			citizen[i] = o.citizen();
			mode[i] = o.mode() == null ? o.trip().mode() : o.mode().name();
			start[i] = o.trip().startAt().toString();
			end[i] = o.trip().endAt().toString();
			day[i] = o.day().toString();
			km[i] = o.trip().distanceKm() == null ? null : o.trip().distanceKm().toPlainString();
			stops[i] = o.trip().stops();
			status[i] = o.status().name();
			reason[i] = o.reason() == null ? null : o.reason().name();
			methodology[i] = o.methodology() == null ? null : o.methodology().id();
			gco2[i] = o.gco2();
			points[i] = o.points();
		}
		Map<String, Long> inserted = new HashMap<>();
		jdbc.sql("""
				INSERT INTO inclusive_trip (partner_id, external_id, citizen_id, mode, start_at, end_at, day, distance_km, stops,
				  status, reason, methodology_id, gco2, points, received_at)
				SELECT :p, u.ext, u.citizen, u.mode, u.start_at, u.end_at, u.day, u.km, u.stops, u.status, u.reason, u.methodology,
				  u.gco2, u.points, :now
				FROM unnest(CAST(:ext AS text[]), CAST(:citizen AS bigint[]), CAST(:mode AS text[]), CAST(:start AS timestamptz[]),
				  CAST(:end AS timestamptz[]), CAST(:day AS date[]), CAST(:km AS numeric[]), CAST(:stops AS int[]),
				  CAST(:status AS text[]), CAST(:reason AS text[]), CAST(:methodology AS bigint[]), CAST(:gco2 AS bigint[]),
				  CAST(:points AS bigint[]))
				  AS u(ext, citizen, mode, start_at, end_at, day, km, stops, status, reason, methodology, gco2, points)
				ON CONFLICT (partner_id, external_id) DO NOTHING
				RETURNING id, external_id
				""").param("p", partnerId).param("ext", ext).param("citizen", citizen).param("mode", mode).param("start", start)
			.param("end", end).param("day", day).param("km", km).param("stops", stops).param("status", status)
			.param("reason", reason).param("methodology", methodology).param("gco2", gco2).param("points", points)
			.param("now", at(now))
			.query(rs -> {
				inserted.put(rs.getString("external_id"), rs.getLong("id"));
			});
		List<Ledger.NewTxn> txns = new ArrayList<>();
		List<String> earners = fresh.stream().filter(o -> inserted.containsKey(o.trip().externalId()) && o.status() == Status.CREDITED
				&& o.points() > 0).map(o -> String.valueOf(o.citizen())).distinct().toList();
		Map<String, Long> accountOf = earners.isEmpty() ? Map.of() : ledger.accounts(AccountKind.CITIZEN, earners, Asset.POINT);
		long issuance = earners.isEmpty() ? 0 : ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT);
		List<String> lost = new ArrayList<>();
		for (Outcome o : fresh) {
			Long id = inserted.get(o.trip().externalId());
			if (id == null) {
				lost.add(o.trip().externalId());
				continue;
			}
			if (o.status() == Status.CREDITED && o.points() > 0) {
				long account = accountOf.get(String.valueOf(o.citizen()));
				txns.add(new Ledger.NewTxn(TxnKind.EARN, "trip:" + id, o.mode() + " " + o.methodology().label(),
						List.of(new Ledger.Posting(issuance, -o.points()), new Ledger.Posting(account, o.points()))));
			}
			answers[o.index()] = new TripAnswer(o.trip().externalId(), o.status(), null, o.reason(), o.gco2(), o.points(),
					o.status() == Status.CREDITED && o.gco2() != null && o.points() < o.gco2(),
					o.methodology() == null ? null : o.methodology().code(), o.methodology() == null ? null : o.methodology().version());
		}
		if (!txns.isEmpty()) {
			ledger.postAll(txns);
		}
		if (!lost.isEmpty()) {
			// a concurrent request stored these first (a resend racing the original): answer what it stored
			Map<String, Stored> stored = existing(partnerId, lost.toArray(String[]::new));
			for (Outcome o : fresh) {
				if (answers[o.index()] == null) {
					answers[o.index()] = duplicate(o.trip().externalId(), stored.get(o.trip().externalId()));
				}
			}
		}
	}

	private TripAnswer duplicate(String externalId, Stored s) {
		Methodology m = s.methodologyId() == null ? null : methodologies.byId(s.methodologyId());
		return new TripAnswer(externalId, Status.DUPLICATE, s.status(), s.reason(), s.gco2(), s.points(),
				s.status() == Status.CREDITED && s.gco2() != null && s.points() < s.gco2(),
				m == null ? null : m.code(), m == null ? null : m.version());
	}

	static OffsetDateTime at(Instant i) {
		return i.atOffset(java.time.ZoneOffset.UTC);
	}
}
