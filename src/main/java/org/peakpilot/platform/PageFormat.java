package org.peakpilot.platform;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.peakpilot.shared.Quantity;
import org.springframework.stereotype.Component;

/**
 * How pages show times and figures, one place for all (Thymeleaf: {@code ${@fmt.time(x)}}). Every time is shown in
 * Beijing time as {@code yyyy-MM-dd HH:mm} whatever the server's zone; figures are rounded for reading by their
 * kind (tCO2 and tce to 2 decimals with thousands separators, intensities to 4 significant digits, shares to 0.1
 * %), and {@link #full} gives the unrounded value for a {@code title} (hover). Exports and the API never use this.
 * A figure may be a {@code BigDecimal}, another number or a {@code shared.Quantity} (tCO2, tce, …: its value).
 */
@Component("fmt")
public class PageFormat {

	/** The zone every time is shown in. */
	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private static final String NONE = "—";

	/** A moment as Beijing time, {@code yyyy-MM-dd HH:mm}; "—" for none. */
	public String time(Object moment) {
		ZonedDateTime t = beijing(moment);
		return t == null ? NONE : MINUTES.format(t);
	}

	/** A moment as Beijing time with seconds and the zone, for a {@code title}. */
	public String timeFull(Object moment) {
		ZonedDateTime t = beijing(moment);
		return t == null ? "" : SECONDS.format(t) + " (UTC+8)";
	}

	/** The Beijing calendar month of a moment, {@code yyyy-MM}. */
	public String month(Object moment) {
		ZonedDateTime t = beijing(moment);
		return t == null ? NONE : MONTH.format(t);
	}

	/** Tonnes of CO2 (or any tonnes): 2 decimals, thousands separators. */
	public String tonnes(Object value) {
		return fixed(value, 2);
	}

	/** Tonnes of standard coal equivalent: 2 decimals, thousands separators. */
	public String tce(Object value) {
		return fixed(value, 2);
	}

	/** An intensity (per unit of output, value added, GDP): 4 significant digits, thousands separators. */
	public String intensity(Object value) {
		BigDecimal v = decimal(value);
		if (v == null) {
			return NONE;
		}
		if (v.signum() == 0) {
			return "0";
		}
		BigDecimal r = v.round(new MathContext(4, RoundingMode.HALF_UP));
		return grouped(Math.max(0, r.scale())).format(r);
	}

	/** A share given in percent (12.345 → "12.3%"): 1 decimal. */
	public String share(Object percent) {
		BigDecimal v = decimal(percent);
		return v == null ? NONE : grouped(1).format(v.setScale(1, RoundingMode.HALF_UP)) + "%";
	}

	/** A share given as a fraction (0.12345 → "12.3%"). */
	public String shareOf(Object fraction) {
		BigDecimal v = decimal(fraction);
		return v == null ? NONE : share(v.movePointRight(2));
	}

	/** A quantity with at most {@code decimals} decimals and thousands separators (meter energy, production). */
	public String quantity(Object value, int decimals) {
		BigDecimal v = decimal(value);
		if (v == null) {
			return NONE;
		}
		BigDecimal r = v.setScale(Math.max(0, Math.min(decimals, 10)), RoundingMode.HALF_UP).stripTrailingZeros();
		return grouped(Math.max(0, r.scale())).format(r);
	}

	/** The value as stored, unrounded, for the {@code title} (hover) next to a rounded figure. */
	public String full(Object value) {
		BigDecimal v = decimal(value);
		return v == null ? "" : v.stripTrailingZeros().toPlainString();
	}

	private String fixed(Object value, int decimals) {
		BigDecimal v = decimal(value);
		return v == null ? NONE : grouped(decimals).format(v.setScale(decimals, RoundingMode.HALF_UP));
	}

	private static DecimalFormat grouped(int decimals) {
		DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
		f.setMinimumFractionDigits(decimals);
		f.setMaximumFractionDigits(decimals);
		f.setRoundingMode(RoundingMode.HALF_UP);
		f.setParseBigDecimal(true);
		return f;
	}

	static BigDecimal decimal(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal b) {
			return b;
		}
		if (value instanceof Quantity<?> q) {
			return q.value();
		}
		if (value instanceof Double d) {
			return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
		}
		if (value instanceof Float f) {
			return f.isNaN() || f.isInfinite() ? null : BigDecimal.valueOf(f.doubleValue());
		}
		if (value instanceof Number n) {
			return new BigDecimal(n.toString());
		}
		throw new IllegalArgumentException("not a number: " + value.getClass().getName());
	}

	static ZonedDateTime beijing(Object moment) {
		if (moment == null) {
			return null;
		}
		if (moment instanceof Instant i) {
			return i.atZone(BEIJING);
		}
		if (moment instanceof OffsetDateTime o) {
			return o.atZoneSameInstant(BEIJING);
		}
		if (moment instanceof ZonedDateTime z) {
			return z.withZoneSameInstant(BEIJING);
		}
		if (moment instanceof LocalDateTime l) {
			// a local time without zone is taken as already in Beijing time
			return l.atZone(BEIJING);
		}
		if (moment instanceof TemporalAccessor t) {
			return Instant.from(t).atZone(BEIJING);
		}
		throw new IllegalArgumentException("not a moment: " + moment.getClass().getName());
	}
}
