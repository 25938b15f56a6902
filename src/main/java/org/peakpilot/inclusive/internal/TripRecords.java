package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.peakpilot.inclusive.internal.TripIntake.Reason;
import org.peakpilot.inclusive.internal.TripIntake.Status;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored trips: a partner's own list (never another partner's), the office's review of flagged trips (accept: credit
 * it, after the same overlap and daily-cap rules as at intake, decided now; reject: never credited).
 */
@Component
public class TripRecords {

	public static final int LIST_MAX = 1000;

	/** A stored trip as its partner or the office sees it (never the citizen's id or link). */
	public record StoredTrip(long id, long partnerId, String externalId, String mode, OffsetDateTime startAt, OffsetDateTime endAt,
			BigDecimal distanceKm, Integer stops, Status status, Reason reason, Long gco2, long points, String methodologyCode,
			Integer methodologyVersion, OffsetDateTime receivedAt, String reviewedBy) {
	}

	private final JdbcClient jdbc;
	private final Methodologies methodologies;
	private final TripSettings settings;
	private final Ledger ledger;
	private final AuditLog audit;
	private final Clock clock;

	TripRecords(JdbcClient jdbc, Methodologies methodologies, TripSettings settings, Ledger ledger, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.methodologies = methodologies;
		this.settings = settings;
		this.ledger = ledger;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The partner's trips, newest first: received on or after {@code from} and before {@code to} (Beijing days of
	 * receipt, optional), of a status (optional), with ids below {@code beforeId} (paging), at most {@code limit}.
	 */
	public List<StoredTrip> ofPartner(long partnerId, LocalDate from, LocalDate to, Status status, Long beforeId, int limit) {
		if (limit < 1 || limit > LIST_MAX) {
			throw new InvalidInputException("limit", "1 to " + LIST_MAX);
		}
		if (status == Status.DUPLICATE) {
			throw new InvalidInputException("status", "DUPLICATE is an answer, never a stored status");
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new InvalidInputException("to", "must not lie before from");
		}
		return jdbc.sql(SELECT + """
				 WHERE t.partner_id = :p AND (CAST(:s AS text) IS NULL OR t.status = :s) AND (CAST(:b AS bigint) IS NULL OR t.id < :b)
				   AND (CAST(:from AS timestamptz) IS NULL OR t.received_at >= :from) AND (CAST(:to AS timestamptz) IS NULL OR t.received_at < :to)
				 ORDER BY t.id DESC LIMIT :limit
				""").param("p", partnerId).param("s", status == null ? null : status.name()).param("b", beforeId)
			.param("from", from == null ? null : from.atStartOfDay(TripIntake.BEIJING).toOffsetDateTime())
			.param("to", to == null ? null : to.plusDays(1).atStartOfDay(TripIntake.BEIJING).toOffsetDateTime())
			.param("limit", limit).query(this::trip).list();
	}

	/** Flagged trips waiting for review, oldest first (the office). */
	public List<StoredTrip> flagged(int limit) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		return jdbc.sql(SELECT + " WHERE t.status = 'FLAGGED' ORDER BY t.received_at, t.id LIMIT :limit").param("limit", limit)
			.query(this::trip).list();
	}

	/**
	 * Accepts a flagged trip: credited now if it overlaps no credited trip of its citizen and the daily cap leaves
	 * room (the remainder if less), refused otherwise (the trip stays flagged and the office is told why).
	 */
	@Transactional
	public StoredTrip accept(long tripId) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Row r = lockFlagged(tripId);
		jdbc.sql("SELECT pg_advisory_xact_lock(:ns, (CAST(:c AS bigint) % 2147483647)::int)").param("ns", TripIntake.LOCK_NAMESPACE)
			.param("c", r.citizenId()).query(Object.class).list();
		long overlapping = jdbc.sql("""
				SELECT count(*) FROM inclusive_trip WHERE citizen_id = :c AND status = 'CREDITED' AND id <> :id
				  AND start_at < GREATEST(:end, :start + interval '1 millisecond') AND GREATEST(end_at, start_at + interval '1 millisecond') > :start
				""").param("c", r.citizenId()).param("id", tripId).param("start", r.start()).param("end", r.end())
			.query(Long.class).single();
		if (overlapping > 0) {
			throw new RuleViolationException("trip " + tripId + " overlaps a credited trip of the same citizen; reject it");
		}
		long sofar = jdbc.sql("SELECT COALESCE(sum(points), 0) FROM inclusive_trip WHERE citizen_id = :c AND mode = :m AND day = :d AND status = 'CREDITED'")
			.param("c", r.citizenId()).param("m", r.mode()).param("d", r.day()).query(Long.class).single();
		long points = Math.min(r.gco2(), Math.max(0, settings.cap(TripMode.valueOf(r.mode())) - sofar));
		if (points == 0 && r.gco2() > 0) {
			throw new RuleViolationException("the daily cap of " + r.mode() + " on " + r.day() + " is reached for this citizen; reject it");
		}
		String actor = AccessScope.current().actor();
		jdbc.sql("UPDATE inclusive_trip SET status = 'CREDITED', reason = NULL, points = :pts, reviewed_by = :by, reviewed_at = :at WHERE id = :id")
			.param("pts", points).param("by", actor).param("at", OffsetDateTime.now(clock)).param("id", tripId).update();
		if (points > 0) {
			Methodology m = methodologies.byId(r.methodologyId());
			ledger.post(new Ledger.NewTxn(TxnKind.EARN, "trip:" + tripId, r.mode() + " " + m.label() + " accepted by " + actor,
					List.of(new Ledger.Posting(ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT), -points),
							new Ledger.Posting(ledger.account(AccountKind.CITIZEN, String.valueOf(r.citizenId()), Asset.POINT), points))));
		}
		audit.record("inclusive.trip.accepted", "inclusive-trip", tripId, "FLAGGED", java.util.Map.of("points", points));
		return get(tripId);
	}

	/** Rejects a flagged trip: it is never credited. */
	@Transactional
	public StoredTrip reject(long tripId) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		lockFlagged(tripId);
		jdbc.sql("UPDATE inclusive_trip SET status = 'REJECTED', reason = 'REJECTED_BY_OFFICE', reviewed_by = :by, reviewed_at = :at WHERE id = :id")
			.param("by", AccessScope.current().actor()).param("at", OffsetDateTime.now(clock)).param("id", tripId).update();
		audit.record("inclusive.trip.rejected", "inclusive-trip", tripId, "FLAGGED", "REJECTED");
		return get(tripId);
	}

	public StoredTrip get(long tripId) {
		return jdbc.sql(SELECT + " WHERE t.id = :id").param("id", tripId).query(this::trip).optional()
			.orElseThrow(() -> new NotFoundException("trip " + tripId));
	}

	private record Row(long citizenId, String mode, OffsetDateTime start, OffsetDateTime end, LocalDate day, long gco2, long methodologyId) {
	}

	private Row lockFlagged(long tripId) {
		Row r = jdbc.sql("SELECT * FROM inclusive_trip WHERE id = :id AND status = 'FLAGGED' FOR UPDATE").param("id", tripId)
			.query((rs, n) -> new Row(rs.getLong("citizen_id"), rs.getString("mode"), rs.getObject("start_at", OffsetDateTime.class),
					rs.getObject("end_at", OffsetDateTime.class), rs.getObject("day", LocalDate.class), rs.getLong("gco2"),
					rs.getLong("methodology_id")))
			.optional().orElse(null);
		if (r == null) {
			get(tripId);
			throw new RuleViolationException("trip " + tripId + " is not waiting for review", true);
		}
		return r;
	}

	private static final String SELECT = "SELECT t.* FROM inclusive_trip t";

	private StoredTrip trip(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Long mid = rs.getObject("methodology_id", Long.class);
		Methodology m = mid == null ? null : methodologies.byId(mid);
		BigDecimal km = rs.getBigDecimal("distance_km");
		return new StoredTrip(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("external_id"), rs.getString("mode"),
				rs.getObject("start_at", OffsetDateTime.class), rs.getObject("end_at", OffsetDateTime.class),
				km == null ? null : km.stripTrailingZeros(), rs.getObject("stops", Integer.class), Status.valueOf(rs.getString("status")),
				rs.getString("reason") == null ? null : Reason.valueOf(rs.getString("reason")), rs.getObject("gco2", Long.class),
				rs.getLong("points"), m == null ? null : m.code(), m == null ? null : m.version(),
				rs.getObject("received_at", OffsetDateTime.class), rs.getString("reviewed_by"));
	}

}
