package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.peakpilot.monitoring.ElectricityHours;
import org.peakpilot.platform.AccessScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An enterprise's electricity per hour from the hourly rollups (grain H) of its ELECTRICITY meters, in kWh: the
 * rollups already hold each interval in the hour it ends in, with the multiplier applied and untrusted differences
 * left out. Meters in another unit than kWh, MWh or 万kWh are counted apart and left out. Expected readings per hour:
 * Σ 60 / interval minutes over the active meters.
 */
@Component
public class ElectricityByHour {

	/** kWh per unit of an electricity meter. */
	static final Map<String, BigDecimal> KWH_PER_UNIT = Map.of("kWh", BigDecimal.ONE, "MWh", BigDecimal.valueOf(1000),
			"万kWh", BigDecimal.valueOf(10000));

	private final JdbcClient jdbc;

	ElectricityByHour(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record MeterUnit(long id, String unit, int intervalMinutes, boolean active) {
	}

	public ElectricityHours of(long enterpriseId, Instant from, Instant to) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		List<MeterUnit> meters = jdbc.sql("""
				SELECT id, unit, interval_minutes, active FROM monitoring_meter
				WHERE %s AND enterprise_id = :e AND energy_code = 'ELECTRICITY' ORDER BY id""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId)
			.query((rs, n) -> new MeterUnit(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4))).list();
		List<MeterUnit> counted = meters.stream().filter(m -> KWH_PER_UNIT.containsKey(m.unit())).toList();
		int expected = counted.stream().filter(MeterUnit::active).mapToInt(m -> 60 / m.intervalMinutes()).sum();
		if (counted.isEmpty()) {
			return new ElectricityHours(enterpriseId, from, to, 0, meters.size(), 0, List.of());
		}
		// one row per meter: its id and kWh per unit, joined to the rollups by the primary key (meter, grain, period)
		StringBuilder values = new StringBuilder();
		for (MeterUnit m : counted) {
			values.append(values.isEmpty() ? "" : ", ").append("(").append(m.id()).append("::bigint, ")
				.append(KWH_PER_UNIT.get(m.unit()).toPlainString()).append("::numeric)");
		}
		List<ElectricityHours.Hour> hours = jdbc.sql("""
				SELECT r.period_start AS period_start, sum(r.quantity * m.kwh_per_unit), sum(r.readings), sum(r.excluded)
				FROM (VALUES %s) AS m (meter_id, kwh_per_unit)
				JOIN monitoring_rollup r ON r.meter_id = m.meter_id AND r.grain = 'H' AND r.period_start >= :f AND r.period_start < :t
				GROUP BY r.period_start ORDER BY r.period_start""".formatted(values))
			.param("f", Gateways.utc(from)).param("t", Gateways.utc(to))
			.query((rs, n) -> new ElectricityHours.Hour(Gateways.instant(rs, "period_start"), rs.getBigDecimal(2), rs.getInt(3), expected,
					rs.getInt(4)))
			.list();
		return new ElectricityHours(enterpriseId, from, to, counted.size(), meters.size() - counted.size(), expected, hours);
	}
}
