package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.ReadingParser.Parsed;
import org.peakpilot.platform.PgBinaryCopy;
import org.peakpilot.shared.Rounding;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one path every reading takes into the database, whatever it came by (HTTP JSON or CSV, MQTT, back-fill,
 * replay from quarantine): each reading is validated against its meter; the good ones are written with one COPY
 * into a temporary table and one {@code INSERT … ON CONFLICT DO NOTHING} (a reading already stored with the same
 * value is a resend and counts as a duplicate; with another value it is a conflict and goes to quarantine); the
 * bad ones go to quarantine with their raw text and reason; the meters' rollups are marked pending. All of it in
 * one transaction: a batch is stored entirely or not at all (and then the sender is told to retry).
 */
@Component
public class ReadingIngest {

	/** Readings may be up to this much ahead of the server's clock (device clocks drift). */
	static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** A reading is an energy quantity: stored by the shared rounding policy. */
	private static final int SCALE = Rounding.SCALE;
	private static final DateTimeFormatter COPY_TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");

	/** Where a batch came from: the channel (HTTP, MQTT, BACKFILL, REPLAY), who sent it, and for which enterprise. */
	record Origin(String channel, char code, String sender, long enterpriseId, Long backfillId) {
		static Origin http(String sender, long enterpriseId) {
			return new Origin("HTTP", 'H', sender, enterpriseId, null);
		}

		static Origin mqtt(String sender, long enterpriseId) {
			return new Origin("MQTT", 'M', sender, enterpriseId, null);
		}
	}

	/** What a gateway's time marks: the end of the interval (the default) or its start. */
	public enum Marks {
		START, END;

		/** "start" or "end" (any case, blank = the end); a 400 naming timestampMarks otherwise. */
		public static Marks of(String text) {
			if (text == null || text.isBlank()) {
				return END;
			}
			return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
				case "start" -> START;
				case "end" -> END;
				default -> throw new org.peakpilot.platform.InvalidInputException("timestampMarks",
						"timestampMarks is \"start\" or \"end\" (of the interval), not '" + abbreviatedText(text) + "'");
			};
		}

		/** What a batch said: "start" or "end" as {@link #of}, null when it said nothing (the gateway's default applies). */
		public static Marks given(String text) {
			return text == null || text.isBlank() ? null : of(text);
		}

		/** "start" or "end", as gateways write it. */
		public String text() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/**
	 * What the sender said about a whole batch: its id (given by the sender or assigned), whether its times mark the
	 * start or the end of the interval, whether all its readings are corrections (补传/更正).
	 */
	public record Options(String batchId, Marks marks, boolean correction) {

		static final Options DEFAULT = new Options(null, Marks.END, false);

		/** These options with the given marks where the batch said none (marks null). */
		Options marksOr(Marks fallback) {
			return marks != null ? this : new Options(batchId, fallback == null ? Marks.END : fallback, correction);
		}
	}

	/** The longest batch id a sender may give. */
	public static final int BATCH_ID_MAX = 64;
	/** A batch id as the API documents and this class validates it. */
	public static final String BATCH_ID_PATTERN = "[A-Za-z0-9._:-]{1," + BATCH_ID_MAX + "}";
	private static final java.util.regex.Pattern BATCH_ID = java.util.regex.Pattern.compile(BATCH_ID_PATTERN);

	/**
	 * The sender's batch id when it is 1 to 64 letters, digits or {@code . _ : -}; a new UUID when the sender gave
	 * none; a 400 naming batchId otherwise (it is echoed into answers and logs, so nothing else gets through).
	 */
	public static String batchId(String given) {
		if (given == null || given.isEmpty()) {
			return java.util.UUID.randomUUID().toString();
		}
		if (!BATCH_ID.matcher(given).matches()) {
			throw new org.peakpilot.platform.InvalidInputException("batchId", "a batch id is 1 to " + BATCH_ID_MAX
					+ " letters, digits or . _ : - (leave it out to have one assigned); got " + given.length() + " characters");
		}
		return given;
	}

	private static String abbreviatedText(String text) {
		String t = text.length() > 20 ? text.substring(0, 20) + "…" : text;
		return t.replaceAll("[^\\p{L}\\p{N} ._:-]", "?");
	}

	/** The outcome of checking one reading. */
	sealed interface Checked permits Valid, Invalid {
	}

	/** A reading that passed validation. */
	record Valid(int index, Meter meter, Instant ts, BigDecimal value, Parsed parsed, Instant snappedFrom, boolean correction)
			implements Checked {

		Valid(int index, Meter meter, Instant ts, BigDecimal value, Parsed parsed) {
			this(index, meter, ts, value, parsed, null, false);
		}

		String raw() {
			return parsed.raw();
		}
	}

	/** A reading that did not, with where it stands in the batch. */
	record Invalid(int index, Meter meter, String meterCode, Instant ts, BigDecimal value, String unit, String raw, Reason reason,
			String detail) implements Checked {
	}

	private final DataSource dataSource;
	private final TransactionTemplate tx;
	private final Meters meters;
	private final Quarantine quarantine;
	private final Clock clock;
	private final Duration maxAge;
	private final Duration alignmentTolerance;
	private final org.peakpilot.platform.AuditLog audit;
	private final Batches batches;
	private final Gateways gateways;

	ReadingIngest(DataSource dataSource, TransactionTemplate tx, Meters meters, Quarantine quarantine, Clock clock,
			org.peakpilot.platform.AuditLog audit, Batches batches, Gateways gateways, @Value("${peakpilot.monitoring.max-reading-age:P400D}") Duration maxAge,
			@Value("${peakpilot.monitoring.alignment-tolerance:PT60S}") Duration alignmentTolerance) {
		this.dataSource = dataSource;
		this.tx = tx;
		this.meters = meters;
		this.quarantine = quarantine;
		this.clock = clock;
		this.audit = audit;
		this.batches = batches;
		this.gateways = gateways;
		this.maxAge = maxAge;
		if (alignmentTolerance.isNegative() || alignmentTolerance.compareTo(Duration.ofMinutes(30)) > 0) {
			throw new IllegalArgumentException("peakpilot.monitoring.alignment-tolerance must lie between PT0S and PT30M");
		}
		this.alignmentTolerance = alignmentTolerance;
	}

	/** Validates and stores a batch in one transaction (retried on a deadlock with a concurrent resend). */
	IngestResult ingest(Origin origin, List<Parsed> batch) {
		return ingest(origin, batch, Options.DEFAULT);
	}

	/**
	 * Validates and stores a batch with what its sender said about it (times marking the interval's start, all
	 * readings corrections); the answer carries the batch id of the options.
	 */
	IngestResult ingest(Origin origin, List<Parsed> batch, Options options) {
		return ingest(origin, batch, options, null);
	}

	/**
	 * As {@link #ingest(Origin, List, Options)}; options without marks take the default of the gateway {@code
	 * marksOf} (the end when null). The gateway's marks and the enterprise's meters are taken in the batch's
	 * transaction, where their cache versions are one query (issue 16: a batch of new readings is now that query, the
	 * COPY, the rollup-pending upsert, the batch record and the commit).
	 */
	IngestResult ingest(Origin origin, List<Parsed> batch, Options given, Long marksOf) {
		Instant now = clock.instant();
		// a batch of new readings is copied straight in without a savepoint; if one is stored already the whole
		// transaction is rolled back and done again through the staging table. Inside a caller's transaction (replay,
		// back-fill) that cannot be rolled back alone: a savepoint as before.
		boolean outer = org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
		boolean straight = true;
		for (int attempt = 1;; attempt++) {
			boolean copyStraight = straight;
			try {
				return tx.execute(status -> {
					Options options = given.marks() != null ? given
							: given.marksOr(marksOf == null ? null : gateways.defaultMarks(marksOf));
					List<Valid> valid = new ArrayList<>(batch.size());
					List<Invalid> invalid = new ArrayList<>();
					Meters.EnterpriseMeters own = meters.ofEnterprise(origin.enterpriseId());
					// a gateway's batch repeats the same few times for all its meters: parse each text once
					java.util.Map<String, Instant> times = new java.util.HashMap<>();
					for (int i = 0; i < batch.size(); i++) {
						Checked c = check(i, batch.get(i), own, now, times, options);
						if (c instanceof Valid v) {
							valid.add(v);
						}
						else {
							invalid.add((Invalid) c);
						}
					}
					IngestResult r = store(origin, batch.size(), valid, invalid, now, copyStraight ? (outer ? Copy.SAVEPOINT : Copy.STRAIGHT)
							: Copy.STAGED).withBatchId(options.batchId());
					// one row per batch, in its transaction: what a batch id produced can be looked up later
					batches.record(origin, options.batchId(), r, now);
					return r;
				});
			}
			catch (AlreadyStored ex) {
				straight = false;
				attempt--;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/** How new rows go in: straight (no savepoint), straight under a savepoint, or through the staging table. */
	private enum Copy {
		STRAIGHT, SAVEPOINT, STAGED
	}

	/** The straight COPY met a reading already stored: the transaction is rolled back, the batch goes again, staged. */
	private static final class AlreadyStored extends RuntimeException {
		AlreadyStored() {
			super(null, null, false, false);
		}
	}

	/** Checks one reading against its meter (found among the sender's enterprise's meters) and the clock. */
	Checked check(int index, Parsed p, Meters.EnterpriseMeters own, Instant now) {
		return check(index, p, own, now, new java.util.HashMap<>(), Options.DEFAULT);
	}

	private Checked check(int index, Parsed p, Meters.EnterpriseMeters own, Instant now, java.util.Map<String, Instant> times,
			Options options) {
		return check(index, p, own, now, times, options, true);
	}

	private Checked check(int index, Parsed p, Meters.EnterpriseMeters own, Instant now, java.util.Map<String, Instant> times,
			Options options, boolean quickValue) {
		if (p.reading() == null) {
			return new Invalid(index, null, null, null, null, null, p.raw(), Reason.MALFORMED, p.malformed());
		}
		IncomingReading r = p.reading();
		String code = r.meter() == null ? (r.meterId() == null ? null : "#" + r.meterId()) : r.meter().strip();
		Meter meter = r.meterId() != null ? own.byId().get(r.meterId()) : r.meter() == null ? null : own.byCode().get(code);
		if (meter == null) {
			if (r.meterId() != null && meters.anyEnterprise(r.meterId()).isPresent()) {
				return new Invalid(index, null, code, null, null, r.unit(), p.raw(), Reason.FOREIGN_METER,
						"meter " + r.meterId() + " belongs to another enterprise: nothing was written to it");
			}
			return new Invalid(index, null, code, null, null, r.unit(), p.raw(), Reason.UNKNOWN_METER,
					code == null ? "the reading names no meter" : "no meter '" + code + "' is registered for this enterprise");
		}
		Instant ts;
		try {
			ts = r.ts() == null ? timestamp(null) : times.computeIfAbsent(r.ts(), ReadingIngest::timestamp);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			return new Invalid(index, meter, meter.code(), null, null, r.unit(), p.raw(), Reason.BAD_TIMESTAMP,
					"ts '" + abbreviatedText(String.valueOf(r.ts())) + "' is not an ISO-8601 time such as 2026-11-24T10:15:00+08:00, "
							+ "nor epoch milliseconds between 2000 and 2100");
		}
		long intervalSeconds = meter.intervalMinutes() * 60L;
		if (options.marks() == Marks.START) { // null (not said, no gateway default) is the end
			ts = ts.plusSeconds(intervalSeconds);
		}
		Instant snappedFrom = null;
		Instant boundary = nearestBoundary(ts, intervalSeconds);
		if (!boundary.equals(ts) && Duration.between(ts, boundary).abs().compareTo(alignmentTolerance) <= 0
				&& Duration.between(ts, boundary).abs().multipliedBy(2).compareTo(Duration.ofSeconds(intervalSeconds)) < 0) {
			snappedFrom = ts;
			ts = boundary;
		}
		// the usual form (up to 12 digits and 6 decimals) straight to the stored value, which then stands in for the
		// value as sent in the checks below (numerically equal); anything else, and any reading that fails a check
		// below, is read as before
		BigDecimal scaled = quickValue ? quickValue(r.value()) : null;
		BigDecimal value = scaled;
		boolean quick = scaled != null;
		if (!quick) {
			try {
				value = new BigDecimal(r.value().strip());
			}
			catch (NumberFormatException | NullPointerException ex) {
				return new Invalid(index, meter, meter.code(), ts, null, r.unit(), p.raw(), Reason.BAD_VALUE,
						"value '" + r.value() + "' is not a number");
			}
			if (value.scale() > 100) {
				// 1e-999999999 would take minutes to round to 6 decimals
				return new Invalid(index, meter, meter.code(), ts, null, r.unit(), p.raw(), Reason.BAD_VALUE,
						"value has more than 100 decimals");
			}
			// rounded once (half up rounds the absolute value alike)
			if (value.precision() - value.scale() > 19
					|| (scaled = value.setScale(SCALE, Rounding.MODE)).abs().compareTo(MonitoringBounds.READING_MAX) >= 0) {
				// kept as raw text only: the value itself does not fit the quarantine's numeric column either
				return new Invalid(index, meter, meter.code(), ts, null, r.unit(), p.raw(), Reason.VALUE_OUT_OF_RANGE,
						"value " + abbreviated(value) + " lies beyond what any meter can show (|value| < 10^18)");
			}
		}
		Reason reason = null;
		String detail = null;
		if (!meter.active()) {
			reason = Reason.INACTIVE_METER;
			detail = "meter " + meter.code() + " is switched off in the register";
		}
		else if (r.unit() != null && !r.unit().strip().equals(meter.unit())) {
			reason = Reason.WRONG_UNIT;
			detail = "unit '" + r.unit().strip() + "' is not the meter's unit " + meter.unit();
		}
		else if (ts.isAfter(now.plus(CLOCK_TOLERANCE))) {
			reason = Reason.FUTURE;
			detail = "ts " + ts + " lies in the future (server time " + now + ")";
		}
		else if (ts.isBefore(now.minus(maxAge))) {
			reason = Reason.TOO_OLD;
			detail = "ts " + ts + " is older than " + maxAge.toDays() + " days";
		}
		else if (ts.getEpochSecond() % (meter.intervalMinutes() * 60L) != 0 || ts.getNano() != 0) {
			reason = Reason.MISALIGNED;
			detail = "ts " + ts + " is not the " + (options.marks() == Marks.START ? "start" : "end") + " of a " + meter.intervalMinutes()
					+ "-minute interval, nor within " + alignmentTolerance.toSeconds() + " s of one";
		}
		else if (value.signum() < 0) {
			reason = Reason.NEGATIVE;
			detail = "value " + value.toPlainString() + " is negative";
		}
		else if (meter.kind() == MeterKind.INTERVAL && value.multiply(meter.multiplier()).compareTo(meter.maxPerInterval()) > 0) {
			reason = Reason.IMPOSSIBLE;
			detail = "value " + value.toPlainString() + " × " + meter.multiplier().toPlainString() + " exceeds the meter's maximum "
					+ meter.maxPerInterval().toPlainString() + " " + meter.unit() + " per interval";
		}
		else if (meter.kind() == MeterKind.COUNTER && meter.counterMax() != null && value.compareTo(meter.counterMax()) > 0) {
			reason = Reason.IMPOSSIBLE;
			detail = "register value " + value.toPlainString() + " exceeds the register's maximum " + meter.counterMax().toPlainString();
		}
		if (reason != null) {
			if (quick) {
				// checked again with the value as sent (its own scale), which the detail and the quarantine show as before
				return check(index, p, own, now, times, options, false);
			}
			return new Invalid(index, meter, meter.code(), ts, value, r.unit(), p.raw(), reason, detail);
		}
		return new Valid(index, meter, ts, scaled, p, snappedFrom,
				options.correction() || p.correction());
	}

	/** The largest whole part {@link #quickValue} takes: 12 digits, far below {@link MonitoringBounds#READING_MAX}. */
	private static final int QUICK_INTEGER_DIGITS = 12;
	private static final long[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000 };

	/**
	 * A value written {@code -?[0-9]{1,12}(.[0-9]{1,6})?} (what meters send) as the stored value, {@code new
	 * BigDecimal(text).setScale(6, HALF_UP)} without the detour (nothing to round at 6 decimals or fewer); null for
	 * anything else (blanks, exponents, a plus, more digits), which takes the general path.
	 */
	static BigDecimal quickValue(String text) {
		if (text == null) {
			return null;
		}
		int n = text.length();
		int i = 0;
		boolean negative = n > 0 && text.charAt(0) == '-';
		if (negative) {
			i++;
		}
		long whole = 0;
		int start = i;
		while (i < n && i - start <= QUICK_INTEGER_DIGITS) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			whole = whole * 10 + (c - '0');
			i++;
		}
		int wholeDigits = i - start;
		if (wholeDigits == 0 || wholeDigits > QUICK_INTEGER_DIGITS) {
			return null;
		}
		long fraction = 0;
		int fractionDigits = 0;
		if (i < n) {
			if (text.charAt(i) != '.') {
				return null;
			}
			i++;
			while (i < n) {
				char c = text.charAt(i);
				if (c < '0' || c > '9' || fractionDigits == SCALE) {
					return null;
				}
				fraction = fraction * 10 + (c - '0');
				fractionDigits++;
				i++;
			}
			if (fractionDigits == 0) {
				return null;
			}
		}
		long unscaled = whole * POWERS_OF_TEN[SCALE] + fraction * POWERS_OF_TEN[SCALE - fractionDigits];
		return BigDecimal.valueOf(negative ? -unscaled : unscaled, SCALE);
	}

	/** The interval boundary nearest to a time (the later one when it lies half way). */
	private static Instant nearestBoundary(Instant ts, long intervalSeconds) {
		long s = ts.getEpochSecond();
		long down = Math.floorDiv(s, intervalSeconds) * intervalSeconds;
		long offsetNanos = (s - down) * 1_000_000_000L + ts.getNano();
		return offsetNanos * 2 < intervalSeconds * 1_000_000_000L ? Instant.ofEpochSecond(down) : Instant.ofEpochSecond(down + intervalSeconds);
	}

	private static String abbreviated(BigDecimal value) {
		String text = value.toString();
		return text.length() > 40 ? value.round(new java.math.MathContext(6)).toString() : text;
	}

	/** The earliest and latest time a gateway may give as epoch milliseconds. */
	static final Instant EPOCH_MIN = Instant.parse("2000-01-01T00:00:00Z");
	static final Instant EPOCH_MAX = Instant.parse("2100-01-01T00:00:00Z");

	/** ISO-8601 with an offset, a local time taken as Beijing time, or epoch milliseconds (2000 to 2100). */
	public static Instant timestamp(String text) {
		String t = text.strip();
		Instant common = offsetTimestamp(t);
		if (common != null) {
			return common;
		}
		if (!t.isEmpty() && t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
			Instant epoch = Instant.ofEpochMilli(Long.parseLong(t));
			if (epoch.isBefore(EPOCH_MIN) || epoch.isAfter(EPOCH_MAX)) {
				throw new DateTimeParseException("epoch milliseconds outside 2000 to 2100", t, 0);
			}
			return epoch;
		}
		try {
			return OffsetDateTime.parse(t).toInstant();
		}
		catch (DateTimeParseException ex) {
			return LocalDateTime.parse(t.replace(' ', 'T')).atZone(BEIJING).toInstant();
		}
	}

	/**
	 * The form gateways send, {@code uuuu-MM-ddTHH:mm:ss} with {@code Z} or {@code ±HH:MM}, read without the general
	 * ISO parser (which costs more than the rest of a reading's checks); null for anything else or anything invalid,
	 * which then takes the general path and gets its error there.
	 */
	static Instant offsetTimestamp(String t) {
		int n = t.length();
		if ((n != 20 && n != 25) || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
				|| t.charAt(16) != ':') {
			return null;
		}
		int year = digits(t, 0, 4);
		int month = digits(t, 5, 2);
		int day = digits(t, 8, 2);
		int hour = digits(t, 11, 2);
		int minute = digits(t, 14, 2);
		int second = digits(t, 17, 2);
		int offset;
		if (n == 20) {
			if (t.charAt(19) != 'Z') {
				return null;
			}
			offset = 0;
		}
		else {
			char sign = t.charAt(19);
			int oh = digits(t, 20, 2);
			int om = digits(t, 23, 2);
			if ((sign != '+' && sign != '-') || t.charAt(22) != ':' || oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
				return null;
			}
			offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		}
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour < 0
				|| hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
			return null;
		}
		long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset);
	}

	/** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
	private static int digits(String t, int from, int length) {
		int v = 0;
		for (int i = from; i < from + length; i++) {
			char c = t.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			v = v * 10 + (c - '0');
		}
		return v;
	}

	private IngestResult store(Origin origin, int received, List<Valid> valid, List<Invalid> invalid, Instant now, Copy copy) {
		int stored = 0;
		int duplicates = 0;
		List<Invalid> rejected = new ArrayList<>(invalid);
		List<Note> notes = new ArrayList<>();
		if (!valid.isEmpty()) {
			// one order for every writer (meter, time), so that concurrent batches lock keys in the same order
			List<Valid> rows = new ArrayList<>(valid);
			rows.sort(BY_KEY);
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				if (copy != Copy.STAGED && copyStraightIn(connection, origin, rows, now, copy == Copy.SAVEPOINT)) {
					stored = rows.size();
				}
				else {
					List<Invalid> conflicts = new ArrayList<>();
					List<Correction> corrections = new ArrayList<>();
					stored = insertSkippingStored(connection, origin, rows, now, conflicts, corrections);
					rejected.addAll(conflicts);
					correct(connection, origin, corrections, now, notes);
					duplicates = rows.size() - stored - conflicts.size() - corrections.size();
				}
				markPending(connection, rows);
			}
			catch (SQLException ex) {
				DataAccessException translated = new SQLErrorCodeSQLExceptionTranslator(dataSource).translate("ingest", null, ex);
				throw translated != null ? translated : new UncategorizedSQLException("ingest", null, ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		}
		java.util.Set<Integer> conflicting = new java.util.HashSet<>();
		rejected.forEach(x -> conflicting.add(x.index()));
		int snapped = 0;
		for (Valid v : valid) {
			if (v.snappedFrom() != null && !conflicting.contains(v.index())) {
				snapped++;
				notes.add(new Note(v.index(), v.meter().code(), "SNAPPED", "ts " + v.snappedFrom() + " was moved to the interval boundary "
						+ v.ts() + " (within the alignment tolerance of " + alignmentTolerance.toSeconds() + " s)"));
			}
		}
		int corrected = notes.size() - snapped;
		notes.sort(java.util.Comparator.comparingInt(Note::index));
		rejected.sort(java.util.Comparator.comparingInt(Invalid::index));
		List<Long> ids = quarantine.put(origin, rejected, now);
		List<Rejected> answer = new ArrayList<>(rejected.size());
		for (int i = 0; i < rejected.size(); i++) {
			Invalid x = rejected.get(i);
			answer.add(new Rejected(x.index(), x.meterCode(), x.reason(), x.detail(), ids.get(i)));
		}
		return new IngestResult(received, stored, duplicates, rejected.size(), answer, null, corrected, snapped, notes);
	}

	/** A reading flagged as a correction that found another value stored under its key. */
	private record Correction(Valid reading, BigDecimal before) {
	}

	/**
	 * Replaces the stored values of the corrections (the last one of the batch wins where several name the same
	 * meter and time) and records each as {@code reading.corrected} in the audit log, by the sender; the rollups of
	 * the affected intervals are marked pending with the rest of the batch.
	 */
	private void correct(Connection connection, Origin origin, List<Correction> corrections, Instant now, List<Note> notes)
			throws SQLException {
		if (corrections.isEmpty()) {
			return;
		}
		java.util.Map<String, Correction> lastPerKey = new java.util.LinkedHashMap<>();
		corrections.forEach(c -> lastPerKey.put(c.reading().meter().id() + "@" + c.reading().ts(), c));
		List<org.peakpilot.platform.AuditLog.Change> changes = new ArrayList<>();
		try (var ps = connection.prepareStatement("""
				UPDATE monitoring_reading SET value = ?, snapped_from = ?, origin = ?, received_at = ?
				WHERE meter_id = ? AND ts = ?
				""")) {
			for (var e : lastPerKey.entrySet()) {
				Valid v = e.getValue().reading();
				ps.setBigDecimal(1, v.value());
				ps.setObject(2, v.snappedFrom() == null ? null : v.snappedFrom().atOffset(ZoneOffset.UTC));
				ps.setString(3, String.valueOf(origin.code()));
				ps.setObject(4, now.atOffset(ZoneOffset.UTC));
				ps.setLong(5, v.meter().id());
				ps.setObject(6, v.ts().atOffset(ZoneOffset.UTC));
				ps.addBatch();
				String before = e.getValue().before().stripTrailingZeros().toPlainString();
				String after = v.value().stripTrailingZeros().toPlainString();
				changes.add(new org.peakpilot.platform.AuditLog.Change(e.getKey(),
						java.util.Map.of("meter", v.meter().code(), "ts", v.ts().toString(), "value", before),
						java.util.Map.of("meter", v.meter().code(), "ts", v.ts().toString(), "value", after, "channel", origin.channel())));
			}
			ps.executeBatch();
		}
		for (Correction c : corrections) {
			Valid v = c.reading();
			notes.add(new Note(v.index(), v.meter().code(), "CORRECTED", "the stored value "
					+ c.before().stripTrailingZeros().toPlainString() + " of " + v.ts() + " was replaced by "
					+ v.value().stripTrailingZeros().toPlainString()));
		}
		audit.recordAllBy(origin.sender(), "reading.corrected", "meter-reading", changes);
	}

	private static final java.util.Comparator<Valid> BY_KEY = (a, b) -> {
		int byMeter = Long.compare(a.meter().id(), b.meter().id());
		return byMeter != 0 ? byMeter : a.ts().compareTo(b.ts());
	};

	/**
	 * The usual case, a batch of new readings: one COPY straight into the reading table, under a savepoint. If a
	 * reading is already stored (a resend, or the same time twice in the batch) the COPY fails on the key, is rolled
	 * back to the savepoint, and this answers false. The rows go in PostgreSQL's binary COPY format
	 * ({@link PgBinaryCopy}): the same values as the text form (received_at to the second, as before), without
	 * formatting numbers and times here and parsing them again in the server.
	 */
	private static boolean copyStraightIn(Connection connection, Origin origin, List<Valid> rows, Instant now, boolean withSavepoint)
			throws SQLException {
		Savepoint savepoint = withSavepoint ? connection.setSavepoint() : null;
		PgBinaryCopy out = new PgBinaryCopy(rows.size() * 72 + 32);
		long receivedAt = PgBinaryCopy.micros(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		for (Valid v : rows) {
			out.fields(7).int8(v.meter().id()).timestamp(v.ts()).numeric(v.value());
			if (v.snappedFrom() == null) {
				out.nul();
			}
			else {
				out.timestamp(v.snappedFrom());
			}
			out.ascii(origin.code()).int8Field(receivedAt);
			if (origin.backfillId() == null) {
				out.nul();
			}
			else {
				out.int8(origin.backfillId());
			}
		}
		try {
			CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
					"COPY monitoring_reading (meter_id, ts, value, snapped_from, origin, received_at, backfill_id) FROM STDIN (FORMAT binary)");
			try {
				byte[] bytes = out.finish();
				in.writeToCopy(bytes, 0, out.length());
				in.endCopy();
			}
			finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
			if (savepoint != null) {
				connection.releaseSavepoint(savepoint);
			}
			return true;
		}
		catch (SQLException ex) {
			if (!"23505".equals(ex.getSQLState())) {
				throw ex;
			}
			if (savepoint == null) {
				throw new AlreadyStored();
			}
			connection.rollback(savepoint);
			return false;
		}
	}

	/**
	 * A batch with readings already stored: staged in a temporary table and inserted with ON CONFLICT DO NOTHING;
	 * those not inserted are duplicates (same value) or conflicts (another value stored), returned in
	 * {@code conflicts}. Returns the number stored.
	 */
	private static int insertSkippingStored(Connection connection, Origin origin, List<Valid> rows, Instant now, List<Invalid> conflicts,
			List<Correction> corrections) throws SQLException {
		try (var st = connection.createStatement()) {
			st.execute("CREATE TEMP TABLE IF NOT EXISTS monitoring_stage_v2 (idx INT, meter_id BIGINT, ts TIMESTAMPTZ, value NUMERIC(24,6), "
					+ "snapped_from TIMESTAMPTZ) ON COMMIT DELETE ROWS");
			st.execute("TRUNCATE monitoring_stage_v2");
		}
		copy(connection, "COPY monitoring_stage_v2 (idx, meter_id, ts, value, snapped_from) FROM STDIN", rows, v -> v.index() + "\t", "\n");
		int stored;
		try (var ps = connection.prepareStatement("""
				INSERT INTO monitoring_reading (meter_id, ts, value, snapped_from, origin, received_at, backfill_id)
				SELECT meter_id, ts, value, snapped_from, ?, ?, ? FROM monitoring_stage_v2 ORDER BY meter_id, ts
				ON CONFLICT (meter_id, ts) DO NOTHING
				""")) {
			ps.setString(1, String.valueOf(origin.code()));
			ps.setObject(2, now.atOffset(ZoneOffset.UTC));
			ps.setObject(3, origin.backfillId());
			stored = ps.executeUpdate();
		}
		if (stored < rows.size()) {
			java.util.Map<Integer, Valid> byIndex = new java.util.HashMap<>();
			rows.forEach(v -> byIndex.put(v.index(), v));
			try (var ps = connection.prepareStatement("""
					SELECT s.idx, r.value FROM monitoring_stage_v2 s JOIN monitoring_reading r USING (meter_id, ts)
					WHERE r.value <> s.value ORDER BY s.idx
					"""); var rs = ps.executeQuery()) {
				while (rs.next()) {
					Valid v = byIndex.get(rs.getInt(1));
					if (v.correction()) {
						corrections.add(new Correction(v, rs.getBigDecimal(2)));
						continue;
					}
					conflicts.add(new Invalid(v.index(), v.meter(), v.meter().code(), v.ts(), v.value(), null, v.raw(), Reason.CONFLICT,
							"a reading of " + v.ts() + " is already stored with the value " + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()
									+ " (send it flagged as a correction to replace that value)"));
				}
			}
		}
		return stored;
	}

	/** COPY text rows: prefix, meter, time, value, then the tail (which ends the line). */
	private static void copy(Connection connection, String sql, List<Valid> rows, java.util.function.Function<Valid, String> prefix,
			String tail) throws SQLException {
		CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		try {
			StringBuilder sb = new StringBuilder(rows.size() * 64);
			java.util.Map<Instant, String> times = new java.util.HashMap<>();
			for (Valid v : rows) {
				sb.append(prefix.apply(v)).append(v.meter().id()).append('\t')
					.append(times.computeIfAbsent(v.ts(), t -> COPY_TS.format(t.atOffset(ZoneOffset.UTC))))
					.append('\t').append(v.value().toPlainString()).append('\t')
					.append(v.snappedFrom() == null ? "\\N" : v.snappedFrom().toString()).append(tail);
			}
			byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
			in.writeToCopy(bytes, 0, bytes.length);
			in.endCopy();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
	}

	/** Marks the meters' rollups pending from their earliest to their latest new reading (rows sorted by meter). */
	private static void markPending(Connection connection, List<Valid> rows) throws SQLException {
		List<Long> meters = new ArrayList<>();
		List<java.sql.Timestamp> from = new ArrayList<>();
		List<java.sql.Timestamp> to = new ArrayList<>();
		for (int first = 0; first < rows.size();) {
			long meter = rows.get(first).meter().id();
			int last = first;
			while (last + 1 < rows.size() && rows.get(last + 1).meter().id() == meter) {
				last++;
			}
			meters.add(meter);
			from.add(java.sql.Timestamp.from(rows.get(first).ts()));
			to.add(java.sql.Timestamp.from(rows.get(last).ts()));
			first = last + 1;
		}
		try (var ps = connection.prepareStatement("""
				INSERT INTO monitoring_rollup_pending (meter_id, from_ts, to_ts)
				SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[]) ORDER BY 1
				ON CONFLICT (meter_id) DO UPDATE SET from_ts = LEAST(monitoring_rollup_pending.from_ts, EXCLUDED.from_ts),
				    to_ts = GREATEST(monitoring_rollup_pending.to_ts, EXCLUDED.to_ts)
				""")) {
			ps.setArray(1, connection.createArrayOf("bigint", meters.toArray()));
			ps.setArray(2, connection.createArrayOf("timestamptz", from.toArray()));
			ps.setArray(3, connection.createArrayOf("timestamptz", to.toArray()));
			ps.executeUpdate();
		}
	}
}
