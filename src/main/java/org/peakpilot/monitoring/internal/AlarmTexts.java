package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.accounting.DisplayNames;
import org.peakpilot.platform.PageFormat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What pages say about alarms and quarantined readings, in the reader's language (Thymeleaf:
 * {@code ${@alarmTexts.describe(a)}}): an alarm's description is rendered from its structured columns (kind, period,
 * observed, threshold, unit, subject, resolved) through message keys, never from the English {@code detail} the rules
 * store for the API and the log; kinds, states and quarantine reasons are labels.
 */
@Component("alarmTexts")
public class AlarmTexts {

	private static final Pattern NAME = Pattern.compile("^([^A-Za-z]*?)\\s*([A-Za-z].*)$");

	private final MessageSource messages;
	private final PageFormat fmt;
	private final DisplayNames names;
	private final EfficiencyLevels levels;
	private final JdbcClient jdbc;

	AlarmTexts(MessageSource messages, PageFormat fmt, DisplayNames names, EfficiencyLevels levels, JdbcClient jdbc) {
		this.messages = messages;
		this.fmt = fmt;
		this.names = names;
		this.levels = levels;
		this.jdbc = jdbc;
	}

	/** The description of an alarm from its structured fields. */
	public String describe(Alarm a) {
		return describe(a.kind(), a.periodTs(), a.subject(), a.observed(), a.threshold(), a.unit(), a.referenceCode(), a.resolvedAt(),
				a.neverReported());
	}

	/**
	 * The description of an alarm of the live view, read from the alarm's structured columns (the live list holds at
	 * most {@link MonitoringViews#LATEST_ALARMS} rows, each already within the caller's scope).
	 */
	public String describe(LiveAlarm a) {
		return jdbc.sql("""
				SELECT kind, period_ts, subject, observed, threshold, unit, reference_code, resolved_at, never_reported
				FROM monitoring_alarm WHERE id = :id
				""").param("id", a.id())
			.query((rs, n) -> describe(parseKind(rs.getString("kind")), Gateways.instant(rs, "period_ts"), rs.getString("subject"),
					rs.getBigDecimal("observed"), rs.getBigDecimal("threshold"), rs.getString("unit"), rs.getString("reference_code"),
					Gateways.instant(rs, "resolved_at"), rs.getBoolean("never_reported")))
			.optional().orElse("");
	}

	String describe(AlarmKind kind, Instant period, String subject, BigDecimal observed, BigDecimal threshold, String unit,
			String referenceCode, Instant resolvedAt, boolean neverReported) {
		if (kind == null) {
			return "";
		}
		String u = names.unit(unit);
		String text = switch (kind) {
			case THRESHOLD_INTERVAL, THRESHOLD_DAY, SPIKE -> msg("alarm.text." + kind.name(), number(observed), u, number(threshold),
					fmt.time(period));
			case OFFLINE -> msg(neverReported ? "alarm.text.OFFLINE.never" : "alarm.text.OFFLINE", fmt.time(period), whole(observed),
					whole(threshold));
			case COUNTER_BACKWARDS, COUNTER_JUMP -> msg("alarm.text." + kind.name(), fmt.time(period));
			case UNIT_ENERGY -> unitEnergy(period, subject, observed, threshold, unit, referenceCode);
		};
		if (resolvedAt != null) {
			text += msg("alarm.text.resolvedAt", fmt.time(resolvedAt));
		}
		return text;
	}

	private String unitEnergy(Instant period, String subject, BigDecimal observed, BigDecimal threshold, String unit,
			String referenceCode) {
		EfficiencyLevel level = subject == null ? null : levels.get(subject).orElse(null);
		String product = level == null ? (subject == null ? "" : subject) : name(level.name());
		boolean baseline = referenceCode == null || referenceCode.equals(subject);
		return msg(baseline ? "alarm.text.UNIT_ENERGY.baseline" : "alarm.text.UNIT_ENERGY.limit", product, fmt.month(period),
				number(observed), names.unit(unit), number(threshold));
	}

	/** What an enterprise-level alarm is about (an efficiency level's code) as the level's name. */
	public String subject(String subject) {
		if (subject == null) {
			return "";
		}
		return levels.get(subject).map(l -> name(l.name())).orElse(subject);
	}

	/** An alarm kind as a label. */
	public String kind(Object kind) {
		return kind == null ? "" : msg("alarm.kind." + kind);
	}

	/** An alarm state (OPEN, ACKNOWLEDGED, CLOSED) as a label. */
	public String status(Object status) {
		return status == null ? "" : msg("alarm.status." + status);
	}

	/** A quarantine reason code (MALFORMED, UNKNOWN_METER, …) as a label. */
	public String reason(Object reason) {
		return reason == null ? "" : msg("mon.q.reason." + reason);
	}

	/** What a quarantine reason means, in a sentence. */
	public String reasonHelp(Object reason) {
		return reason == null ? "" : msg("mon.q.reasonHelp." + reason);
	}

	/** "高炉工序 blast-furnace ironmaking" → the part in the reader's language. */
	private static String name(String mixed) {
		Matcher m = NAME.matcher(mixed.strip());
		if (m.matches() && !m.group(1).isBlank()) {
			return english() ? m.group(2).strip() : m.group(1).strip();
		}
		return mixed.strip();
	}

	private String number(BigDecimal v) {
		if (v == null) {
			return "—";
		}
		return v.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? fmt.quantity(v, 2) : fmt.intensity(v);
	}

	private static String whole(BigDecimal v) {
		return v == null ? "—" : v.setScale(0, RoundingMode.HALF_UP).toPlainString();
	}

	private static AlarmKind parseKind(String k) {
		try {
			return AlarmKind.valueOf(k);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return null;
		}
	}

	private static boolean english() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage());
	}

	private String msg(String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return messages.getMessage(key, args, key, locale);
	}
}
