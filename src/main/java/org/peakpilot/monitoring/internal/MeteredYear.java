package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.monitoring.MeteredMonth;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The metered energy of every enterprise and month of a year in one query over the month rollups (grain M, through
 * {@code monitoring_rollup_day_month_idx}), converted to tce and tCO2 by {@link EnergyConversions} (one calculator call
 * per energy code and unit, cached), as the monthly closing converts one enterprise's month.
 */
@Component
public class MeteredYear {

	private final JdbcClient jdbc;
	private final EnergyConversions conversions;

	MeteredYear(JdbcClient jdbc, EnergyConversions conversions) {
		this.jdbc = jdbc;
		this.conversions = conversions;
	}

	private record Line(long enterpriseId, int month, String energyCode, String unit, BigDecimal quantity, int meters, int readings,
			int excluded, boolean closed) {
	}

	/**
	 * The year's metered months, ordered by enterprise and month; no user scope (the caller is another module). In one
	 * read-only transaction, so that the factor library's cache version is read once for all the lines.
	 */
	@org.springframework.transaction.annotation.Transactional(readOnly = true)
	public List<MeteredMonth> of(int year) {
		Instant from = YearMonth.of(year, 1).atDay(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
		Instant to = YearMonth.of(year + 1, 1).atDay(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
		List<Line> lines = jdbc.sql("""
				SELECT m.enterprise_id, CAST(extract(month FROM r.period_start AT TIME ZONE 'Asia/Shanghai') AS int) AS month,
				       m.energy_code, m.unit, sum(r.quantity) AS quantity, count(DISTINCT m.id) AS meters,
				       sum(r.readings) AS readings, sum(r.excluded) AS excluded,
				       bool_or(EXISTS (SELECT 1 FROM monitoring_month_close c WHERE c.enterprise_id = m.enterprise_id AND c.year = :year
				                         AND c.month = CAST(extract(month FROM r.period_start AT TIME ZONE 'Asia/Shanghai') AS int))) AS closed
				FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE r.grain = 'M' AND r.period_start >= :from AND r.period_start < :to
				GROUP BY 1, 2, 3, 4
				ORDER BY 1, 2, 3, 4
				""").param("year", year).param("from", Gateways.utc(from)).param("to", Gateways.utc(to))
			.query((rs, n) -> new Line(rs.getLong("enterprise_id"), rs.getInt("month"), rs.getString("energy_code"), rs.getString("unit"),
					rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getInt("meters"), rs.getInt("readings"), rs.getInt("excluded"),
					rs.getBoolean("closed")))
			.list();
		Map<String, List<Line>> byMonth = new LinkedHashMap<>();
		for (Line l : lines) {
			byMonth.computeIfAbsent(l.enterpriseId() + "/" + l.month(), k -> new ArrayList<>()).add(l);
		}
		List<MeteredMonth> out = new ArrayList<>(byMonth.size());
		for (List<Line> month : byMonth.values()) {
			BigDecimal tce = BigDecimal.ZERO;
			BigDecimal co2 = BigDecimal.ZERO;
			int meters = 0, readings = 0, excluded = 0;
			boolean closed = false;
			List<String> unconverted = new ArrayList<>();
			List<Calculation.FactorUsed> factors = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			for (Line l : month) {
				meters += l.meters();
				readings += l.readings();
				excluded += l.excluded();
				closed |= l.closed();
				try {
					EnergyConversions.Conversion c = conversions.of(l.energyCode(), l.unit(), year);
					tce = tce.add(c.tce(l.quantity()));
					co2 = co2.add(c.co2T(l.quantity()));
					for (Calculation.FactorUsed f : c.factors()) {
						if (seen.add(f.code() + "@" + f.version())) {
							factors.add(f);
						}
					}
				}
				catch (InvalidInputException ex) {
					unconverted.add(l.energyCode() + " " + l.unit());
				}
			}
			Line first = month.get(0);
			boolean whole = unconverted.isEmpty();
			out.add(new MeteredMonth(first.enterpriseId(), first.month(), whole ? Tce.of(tce) : null, whole ? Tco2.of(co2) : null, meters,
					readings, excluded, List.copyOf(unconverted), closed, List.copyOf(factors)));
		}
		return out;
	}
}
