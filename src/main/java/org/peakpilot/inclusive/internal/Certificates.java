package org.peakpilot.inclusive.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Low-carbon certificates (低碳环保证书): a citizen's gCO2 avoided in a month or a year (so far), with the methodology
 * versions behind it, frozen at issue under a random serial ({@code LSLC-2026-7K3QX9M2TB}). The citizen downloads its
 * own (another citizen's serial is not found); anyone verifies a serial on the public page, which shows the facts
 * (public name, period, gCO2, issued at) and nothing else.
 */
@Component
public class Certificates {

	private static final Logger log = LoggerFactory.getLogger(Certificates.class);
	/** A serial: prefix, year of issue, 10 characters of Crockford's base 32 (50 random bits). */
	public static final String SERIAL_PATTERN = "^[A-Z]{2,8}-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{10}$";
	private static final Pattern SERIAL = Pattern.compile(SERIAL_PATTERN);
	private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	/** A period: a month {@code 2026-11} or a year {@code 2026}. */
	public static final String PERIOD_PATTERN = "^[0-9]{4}(-[0-9]{2})?$";
	private static final SecureRandom RANDOM = new SecureRandom();
	/** How many certificates a citizen may have issued in one Beijing day. */
	public static final int PER_DAY = 20;

	/** A certificate's facts. */
	public record Certificate(String serial, long citizenId, String publicName, LocalDate periodFrom, LocalDate periodTo,
			long gco2, String methodologies, OffsetDateTime issuedAt) {
	}

	private final JdbcClient jdbc;
	private final CitizenActivity activity;
	private final Clock clock;
	private final String prefix;

	Certificates(JdbcClient jdbc, CitizenActivity activity, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${peakpilot.inclusive.certificate-prefix:LSLC}") String prefix) {
		this.jdbc = jdbc;
		this.activity = activity;
		this.clock = clock;
		this.prefix = prefix;
	}

	/**
	 * Issues the citizen a certificate for a month ({@code 2026-11}) or a year ({@code 2026}), up to today for the
	 * current one. Refused (field {@code period}) for a malformed or future period or one before 2020; refused (422)
	 * when the period has no gCO2.
	 */
	@Transactional
	public Certificate issue(long citizenId, String publicName, String period) {
		LocalDate today = LocalDate.now(clock.withZone(CitizenActivity.BEIJING));
		if (period == null || !period.matches(PERIOD_PATTERN)) {
			throw new InvalidInputException("period", "a month (2026-11) or a year (2026)");
		}
		LocalDate from;
		LocalDate to;
		try {
			if (period.length() == 4) {
				Year y = Year.parse(period);
				from = y.atDay(1);
				to = y.atMonth(12).atEndOfMonth();
			}
			else {
				YearMonth m = YearMonth.parse(period);
				from = m.atDay(1);
				to = m.atEndOfMonth();
			}
		}
		catch (java.time.DateTimeException ex) {
			throw new InvalidInputException("period", "a month (2026-11) or a year (2026)");
		}
		if (from.isAfter(today) || from.getYear() < 2020) {
			throw new InvalidInputException("period", "a period from 2020 that has begun");
		}
		if (to.isAfter(today)) {
			to = today;
		}
		OffsetDateTime dayStart = today.atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		if (jdbc.sql("SELECT count(*) FROM inclusive_certificate WHERE citizen_id = :c AND issued_at >= :d").param("c", citizenId)
			.param("d", dayStart).query(Long.class).single() >= PER_DAY) {
			throw new RuleViolationException("at most " + PER_DAY + " certificates a day");
		}
		CitizenActivity.PeriodFigures f = activity.figures(citizenId, from, to);
		if (f.gco2() <= 0) {
			throw new RuleViolationException("no gCO2 avoided in " + period + ": nothing to certify");
		}
		String serial = newSerial(today.getYear());
		String methodologies = String.join(", ", f.methodologies());
		if (methodologies.length() > 500) {
			methodologies = methodologies.substring(0, 497) + "…";
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		jdbc.sql("""
				INSERT INTO inclusive_certificate (serial, citizen_id, public_name, period_from, period_to, gco2, methodologies, issued_at)
				VALUES (:s, :c, :n, :from, :to, :g, :m, :now)
				""").param("s", serial).param("c", citizenId).param("n", publicName).param("from", from).param("to", to)
			.param("g", f.gco2()).param("m", methodologies).param("now", now).update();
		log.info("Certificate {} issued to citizen {}", serial, citizenId);
		return new Certificate(serial, citizenId, publicName, from, to, f.gco2(), methodologies, now);
	}

	/** The citizen's certificates, newest first. */
	public List<Certificate> mine(long citizenId) {
		return jdbc.sql("SELECT * FROM inclusive_certificate WHERE citizen_id = :c ORDER BY id DESC LIMIT 100").param("c", citizenId)
			.query((rs, n) -> row(rs)).list();
	}

	/** One of the citizen's certificates; another citizen's (or a malformed serial) is not found. */
	public Certificate mine(long citizenId, String serial) {
		return verify(serial).filter(c -> c.citizenId() == citizenId).orElseThrow(() -> new NotFoundException("certificate"));
	}

	/** A certificate by serial for the public verification page (a malformed serial is simply not found). */
	public Optional<Certificate> verify(String serial) {
		if (serial == null || !SERIAL.matcher(serial).matches()) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT * FROM inclusive_certificate WHERE serial = :s").param("s", serial).query((rs, n) -> row(rs)).optional();
	}

	private String newSerial(int year) {
		StringBuilder sb = new StringBuilder(prefix).append('-').append(year).append('-');
		for (int i = 0; i < 10; i++) {
			sb.append(ALPHABET.charAt(RANDOM.nextInt(32)));
		}
		return sb.toString();
	}

	private static Certificate row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Certificate(rs.getString("serial"), rs.getLong("citizen_id"), rs.getString("public_name"),
				rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class), rs.getLong("gco2"),
				rs.getString("methodologies"), rs.getObject("issued_at", OffsetDateTime.class));
	}
}
