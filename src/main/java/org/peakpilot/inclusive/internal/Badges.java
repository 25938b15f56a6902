package org.peakpilot.inclusive.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.peakpilot.plan.PilotPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Badges (勋章) and avatar frames (头像框) won by the rules of the plan folder's {@code inclusive-badges.csv}
 * (nothing about a badge is in Java but the four kinds of rule). {@link #evaluate} awards what one citizen has won
 * (after its trips are credited, when it opens its badges, and by the nightly job for yesterday's active citizens);
 * a badge is awarded once per citizen and period (the month for monthly rules).
 */
@Component
public class Badges {

	private static final Logger log = LoggerFactory.getLogger(Badges.class);
	static final String FILE = "inclusive-badges.csv";

	/** The kinds of rule. */
	public enum Rule {
		/** {@code threshold} green days (a credited trip or a check-in) in one calendar month; won per month. */
		GREEN_DAYS_IN_MONTH,
		/** {@code threshold} credited trips in all (of {@code mode} if given). */
		TRIPS,
		/** {@code threshold} gCO2 of credited trips and check-ins in all. */
		TOTAL_GCO2,
		/** A check-in at {@code scene} on a Beijing day with a credited trip of {@code mode}. */
		FIRST_VISIT_BY_MODE
	}

	/** A badge or a frame as defined in the plan folder. */
	public record Badge(String code, boolean frame, Rule rule, long threshold, String scene, String mode, String nameZh,
			String nameEn, String descriptionZh, String descriptionEn) {
		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

		public String description(Locale locale) {
			return "en".equals(locale.getLanguage()) ? descriptionEn : descriptionZh;
		}

		boolean monthly() {
			return rule == Rule.GREEN_DAYS_IN_MONTH;
		}
	}

	/** A badge won: when and for which period ('' or a month). */
	public record Won(Badge badge, String period, OffsetDateTime awardedAt) {
	}

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final Clock clock;
	private volatile List<Badge> definitions;

	Badges(JdbcClient jdbc, PilotPlan plan, Clock clock) {
		this.jdbc = jdbc;
		this.plan = plan;
		this.clock = clock;
	}

	/** The badges and frames of the plan folder (none if it has no such file), in its order. */
	public List<Badge> definitions() {
		List<Badge> d = definitions;
		if (d == null) {
			d = plan.planFile(FILE).map(Badges::read).orElse(List.of());
			definitions = d;
		}
		return d;
	}

	public Optional<Badge> definition(String code) {
		return definitions().stream().filter(b -> b.code().equals(code)).findFirst();
	}

	static List<Badge> read(org.springframework.core.io.Resource resource) {
		List<Badge> badges = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			boolean header = true;
			int row = 0;
			while ((line = in.readLine()) != null) {
				row++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				String[] f = line.split(",", -1);
				if (f.length != 10) {
					throw new IllegalStateException(FILE + " row " + row + ": 10 columns expected, got " + f.length);
				}
				String kind = f[1].strip();
				if (!kind.equals("BADGE") && !kind.equals("FRAME")) {
					throw new IllegalStateException(FILE + " row " + row + ": kind BADGE or FRAME, got " + kind);
				}
				Badge b = new Badge(f[0].strip(), kind.equals("FRAME"), Rule.valueOf(f[2].strip()), Long.parseLong(f[3].strip()),
						f[4].strip().isEmpty() ? null : f[4].strip(), f[5].strip().isEmpty() ? null : f[5].strip(),
						f[6].strip(), f[7].strip(), f[8].strip(), f[9].strip());
				if (!b.code().matches("^[A-Z0-9_]{1,32}$") || (b.rule() == Rule.FIRST_VISIT_BY_MODE && (b.scene() == null || b.mode() == null))) {
					throw new IllegalStateException(FILE + " row " + row + ": bad code or a visit rule without scene and mode");
				}
				badges.add(b);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(badges);
	}

	/** What the citizen has won, newest first. */
	public List<Won> won(long citizenId) {
		return jdbc.sql("SELECT * FROM inclusive_citizen_badge WHERE citizen_id = :c ORDER BY awarded_at DESC, badge_code LIMIT 500")
			.param("c", citizenId)
			.query((rs, n) -> {
				Optional<Badge> b = definition(rs.getString("badge_code"));
				return b.isEmpty() ? null : new Won(b.get(), rs.getString("period"), rs.getObject("awarded_at", OffsetDateTime.class));
			})
			.list().stream().filter(w -> w != null).toList();
	}

	/**
	 * Awards the citizen what it has won by now (monthly rules for the month of {@code day}, Beijing time); answers
	 * the codes newly won. A few queries on the citizen's own rows (indexes by citizen).
	 */
	@Transactional
	public List<String> evaluate(long citizenId, LocalDate day) {
		YearMonth month = YearMonth.from(day);
		OffsetDateTime start = month.atDay(1).atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		List<String> newly = new ArrayList<>();
		for (Badge b : definitions()) {
			boolean met = switch (b.rule()) {
				case GREEN_DAYS_IN_MONTH -> jdbc.sql("""
						SELECT count(*) FROM (
						  SELECT t.day FROM inclusive_trip t
						  WHERE t.citizen_id = :c AND t.start_at >= :s AND t.start_at < :e AND t.status = 'CREDITED'
						  UNION
						  SELECT ci.day FROM inclusive_check_in ci WHERE ci.citizen_id = :c AND ci.at >= :s AND ci.at < :e) d
						""").param("c", citizenId).param("s", start).param("e", end).query(Long.class).single() >= b.threshold();
				case TRIPS -> jdbc.sql("""
						SELECT count(*) FROM inclusive_trip WHERE citizen_id = :c AND status = 'CREDITED'
						  AND (CAST(:m AS VARCHAR) IS NULL OR mode = :m)
						""").param("c", citizenId).param("m", b.mode()).query(Long.class).single() >= b.threshold();
				case TOTAL_GCO2 -> jdbc.sql("""
						SELECT (SELECT coalesce(sum(gco2), 0) FROM inclusive_trip WHERE citizen_id = :c AND status = 'CREDITED')
						     + (SELECT coalesce(sum(gco2), 0) FROM inclusive_check_in WHERE citizen_id = :c)
						""").param("c", citizenId).query(Long.class).single() >= b.threshold();
				case FIRST_VISIT_BY_MODE -> jdbc.sql("""
						SELECT count(*) FROM inclusive_check_in ci JOIN inclusive_scene s ON s.id = ci.scene_id
						WHERE ci.citizen_id = :c AND s.code = :scene
						  AND EXISTS (SELECT 1 FROM inclusive_trip t WHERE t.citizen_id = :c AND t.status = 'CREDITED' AND t.mode = :m
						              AND t.day = ci.day AND t.start_at >= ci.at - INTERVAL '1 day' AND t.start_at < ci.at + INTERVAL '1 day')
						""").param("c", citizenId).param("scene", b.scene()).param("m", b.mode()).query(Long.class).single() > 0;
			};
			if (met && jdbc.sql("""
					INSERT INTO inclusive_citizen_badge (citizen_id, badge_code, period, awarded_at) VALUES (:c, :b, :p, :now)
					ON CONFLICT DO NOTHING
					""").param("c", citizenId).param("b", b.code()).param("p", b.monthly() ? month.toString() : "")
				.param("now", OffsetDateTime.ofInstant(clock.instant(), clock.getZone())).update() > 0) {
				newly.add(b.code());
			}
		}
		if (!newly.isEmpty()) {
			log.info("Citizen {} won {}", citizenId, newly);
		}
		return newly;
	}

	/**
	 * The nightly run: evaluates every citizen with a trip or check-in on {@code day} (Beijing); answers how many
	 * badges were awarded. Finding the day's citizens scans the day's trips (no index leads with the time: a nightly
	 * cost, not a page's).
	 */
	public int evaluateActive(LocalDate day) {
		OffsetDateTime start = day.atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		OffsetDateTime end = day.plusDays(1).atStartOfDay(CitizenActivity.BEIJING).toOffsetDateTime();
		List<Long> citizens = jdbc.sql("""
				SELECT citizen_id FROM inclusive_trip WHERE start_at >= :s AND start_at < :e AND status = 'CREDITED' AND citizen_id IS NOT NULL
				UNION SELECT citizen_id FROM inclusive_check_in WHERE at >= :s AND at < :e
				""").param("s", start).param("e", end).query(Long.class).list();
		int awarded = 0;
		for (long c : citizens) {
			awarded += evaluate(c, day).size();
		}
		log.info("Badges for {}: {} active citizens, {} awarded", day, citizens.size(), awarded);
		return awarded;
	}

	/** Whether the citizen has won the frame (a citizen shows only a frame it won). */
	public boolean hasWon(long citizenId, String code) {
		return jdbc.sql("SELECT count(*) FROM inclusive_citizen_badge WHERE citizen_id = :c AND badge_code = :b")
			.param("c", citizenId).param("b", code).query(Long.class).single() > 0;
	}
}
