package org.peakpilot.power.internal;

import java.time.Instant;
import java.util.List;

import org.peakpilot.power.HourlyIntensity;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the computed hourly intensities ({@code power_intensity_hour}). Their computation writes them; every reader
 * (the map, an enterprise's hourly carbon, green windows, product footprints, the API) reads them here.
 */
@Component
public class IntensityStore {

	private final JdbcClient jdbc;

	IntensityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The zone's hours from {@code from} (inclusive) to {@code to} (exclusive) in time order. */
	public List<HourlyIntensity> hours(String zone, Instant from, Instant to, IntensityBasis basis) {
		return jdbc.sql("""
				SELECT zone_code, hour_start, g_per_kwh, basis, source, synthetic FROM power_intensity_hour
				WHERE zone_code = :z AND basis = :b AND hour_start >= :f AND hour_start < :t ORDER BY hour_start""")
			.param("z", zone).param("b", basis.name()).param("f", java.sql.Timestamp.from(from)).param("t", java.sql.Timestamp.from(to))
			.query((rs, n) -> new HourlyIntensity(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3),
					IntensityBasis.valueOf(rs.getString(4)), IntensitySource.valueOf(rs.getString(5)), rs.getBoolean(6)))
			.list();
	}
}
