package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.power.IntensitySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The map's and the green windows' reads of {@code power_intensity_hour} (consumption basis only: what a consumer's
 * electricity carries): the latest hour with data, every zone's value in one hour, a zone's year hour by hour for
 * the heat map, and a zone's seasonal profile (the hour-of-day average of one calendar month over recent years).
 */
@Component
public class IntensityViews {

	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String CONSUMPTION = "CONSUMPTION";

	private final JdbcClient jdbc;

	IntensityViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// One zone's value in an hour.
	public record ZoneHour(String zone, Instant hour, BigDecimal gPerKwh, IntensitySource source, boolean synthetic) {
	}

	/** The latest hour of the zone with a consumption figure, not after {@code notAfter}; else its earliest hour of all. */
	public Optional<Instant> latestHour(String zone, Instant notAfter) {
		Optional<Instant> latest = jdbc.sql("""
				SELECT max(hour_start) FROM power_intensity_hour WHERE zone_code = :z AND basis = 'CONSUMPTION' AND hour_start <= :n""")
			.param("z", zone).param("n", utc(notAfter)).query((rs, n) -> instant(rs.getObject(1, OffsetDateTime.class))).optional()
			.filter(java.util.Objects::nonNull);
		if (latest.isPresent()) {
			return latest;
		}
		return jdbc.sql("SELECT min(hour_start) FROM power_intensity_hour WHERE zone_code = :z AND basis = 'CONSUMPTION'").param("z", zone)
			.query((rs, n) -> instant(rs.getObject(1, OffsetDateTime.class))).optional().filter(java.util.Objects::nonNull);
	}

	/** Every zone's consumption figure in the hour, by zone code. */
	public Map<String, ZoneHour> atHour(Instant hour) {
		Map<String, ZoneHour> byZone = new HashMap<>();
		jdbc.sql("""
				SELECT zone_code, hour_start, g_per_kwh, source, synthetic FROM power_intensity_hour
				WHERE basis = 'CONSUMPTION' AND hour_start = :h""")
			.param("h", utc(hour))
			.query((rs, n) -> new ZoneHour(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getBigDecimal(3),
					IntensitySource.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.list().forEach(z -> byZone.put(z.zone(), z));
		return byZone;
	}

	/** The zones that have any consumption figure in the Beijing year. */
	public List<String> zonesWithData(int year) {
		return jdbc.sql("""
				SELECT DISTINCT zone_code FROM power_intensity_hour WHERE basis = 'CONSUMPTION' AND hour_start >= :f AND hour_start < :t
				ORDER BY zone_code""")
			.param("f", utc(yearStart(year))).param("t", utc(yearStart(year + 1))).query(String.class).list();
	}

	/** The Beijing years holding any consumption figure of the zone, ascending. */
	public List<Integer> years(String zone) {
		return jdbc.sql("""
				SELECT DISTINCT CAST(extract(year FROM hour_start AT TIME ZONE 'Asia/Shanghai') AS int) FROM power_intensity_hour
				WHERE zone_code = :z AND basis = 'CONSUMPTION' ORDER BY 1""").param("z", zone).query(Integer.class).list();
	}

	/** The zone's hours of a Beijing year in time order. */
	public List<ZoneHour> year(String zone, int year) {
		return jdbc.sql("""
				SELECT zone_code, hour_start, g_per_kwh, source, synthetic FROM power_intensity_hour
				WHERE zone_code = :z AND basis = 'CONSUMPTION' AND hour_start >= :f AND hour_start < :t ORDER BY hour_start""")
			.param("z", zone).param("f", utc(yearStart(year))).param("t", utc(yearStart(year + 1)))
			.query((rs, n) -> new ZoneHour(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getBigDecimal(3),
					IntensitySource.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.list();
	}

	/**
	 * A zone's seasonal profile: for each Beijing hour of day 0–23, the average consumption intensity of that hour in
	 * the given calendar month over the {@code years} years before {@code now} (hours after {@code now} not used),
	 * with the hours averaged; empty hours are null.
	 */
	public Profile profile(String zone, int month, Instant now, int years) {
		BigDecimal[] avg = new BigDecimal[24];
		int[] hours = new int[24];
		boolean[] flags = new boolean[2];
		jdbc.sql("""
				SELECT CAST(extract(hour FROM hour_start AT TIME ZONE 'Asia/Shanghai') AS int) AS h, avg(g_per_kwh), count(*),
				       bool_or(synthetic), bool_or(source = 'MODELLED')
				FROM power_intensity_hour
				WHERE zone_code = :z AND basis = 'CONSUMPTION' AND hour_start >= :since AND hour_start < :now
				  AND extract(month FROM hour_start AT TIME ZONE 'Asia/Shanghai') = :m
				GROUP BY 1""")
			.param("z", zone).param("since", utc(now.atZone(BEIJING).minusYears(years).toInstant())).param("now", utc(now)).param("m", month)
			.query((rs, n) -> {
				int h = rs.getInt(1);
				avg[h] = rs.getBigDecimal(2).setScale(3, RoundingMode.HALF_UP);
				hours[h] = rs.getInt(3);
				flags[0] |= rs.getBoolean(4);
				flags[1] |= rs.getBoolean(5);
				return h;
			}).list();
		List<BigDecimal> values = new ArrayList<>();
		int total = 0;
		for (int h = 0; h < 24; h++) {
			values.add(avg[h]);
			total += hours[h];
		}
		return new Profile(zone, month, values, total, flags[0], flags[1]);
	}

	// The hour-of-day averages (gCO2/kWh, index = Beijing hour 0–23, null where no data) of one month, from {@code hours}
	// hours of data; whether any of them was made up or modelled.
	public record Profile(String zone, int month, List<BigDecimal> gPerKwh, int hours, boolean synthetic, boolean modelled) {

		public boolean complete() {
			return gPerKwh.stream().allMatch(java.util.Objects::nonNull);
		}
	}

	static Instant yearStart(int year) {
		return Year.of(year).atDay(1).atStartOfDay(BEIJING).toInstant();
	}

	static OffsetDateTime utc(Instant i) {
		return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
	}

	static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}
}
