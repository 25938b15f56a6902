package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The yearly roll-up of a zone's hourly consumption-based intensity, reconciled with the official provincial factor
 * of the year (accounting's GRID factor of the zone's code, e.g. GRID-SICHUAN-2023; for a year without one the
 * latest year not after it, and the row says so): computed = Σ_h CI_h·L_h ÷ Σ_h L_h over the year's hours (Beijing
 * time) with L_h the hour's load; gap = computed − official, in g/kWh and % of official.
 */
@Component
public class IntensityReconciliation {

	/** One year's reconciliation. */
	public record YearReconciliation(String zone, int year, BigDecimal computedGPerKwh, BigDecimal officialGPerKwh, Integer officialYear,
			String officialFactorCode, String officialTag, BigDecimal gapGPerKwh, BigDecimal gapPercent, long measuredHours, long modelledHours,
			long hoursOfYear, boolean synthetic, String note) {
	}

	private final JdbcClient jdbc;
	private final OfficialGridFactors officials;

	IntensityReconciliation(JdbcClient jdbc, OfficialGridFactors officials) {
		this.jdbc = jdbc;
		this.officials = officials;
	}

	/** The year's reconciliation; empty when the zone has no computed hour in the year. */
	public Optional<YearReconciliation> year(String zone, int year) {
		Instant from = IntensityComputation.startOf(LocalDate.of(year, 1, 1));
		Instant to = IntensityComputation.startOf(LocalDate.of(year + 1, 1, 1));
		record Sums(BigDecimal weighted, BigDecimal load, long measured, long modelled, boolean synthetic) {
		}
		Sums s = jdbc.sql("""
				SELECT sum(g_per_kwh * load_mwh), sum(load_mwh), count(*) FILTER (WHERE source = 'MEASURED'),
				  count(*) FILTER (WHERE source = 'MODELLED'), coalesce(bool_or(synthetic), false)
				FROM power_intensity_hour WHERE zone_code = :z AND basis = 'CONSUMPTION' AND hour_start >= :f AND hour_start < :t""")
			.param("z", zone).param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
			.query((rs, n) -> new Sums(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5))).single();
		if (s.measured() + s.modelled() == 0 || s.load() == null || s.load().signum() == 0) {
			return Optional.empty();
		}
		BigDecimal computed = s.weighted().divide(s.load(), MathContext.DECIMAL64).setScale(3, RoundingMode.HALF_UP);
		long hoursOfYear = java.time.Duration.between(from, to).toHours();
		var official = officials.lookup().of(zone, year);
		StringBuilder note = new StringBuilder();
		if (s.measured() + s.modelled() < hoursOfYear) {
			note.append("incomplete year: ").append(s.measured() + s.modelled()).append(" of ").append(hoursOfYear).append(" hours. ");
		}
		if (s.synthetic()) {
			note.append("made-up data (示例数据（虚构）). ");
		}
		if (official.isEmpty()) {
			note.append("no official factor of ").append(zone).append(" in accounting's library.");
			return Optional.of(new YearReconciliation(zone, year, computed, null, null, null, null, null, null, s.measured(), s.modelled(),
					hoursOfYear, s.synthetic(), note.toString().strip()));
		}
		var o = official.get();
		if (o.substituted()) {
			note.append(year).append(" has no official factor; ").append(o.year()).append("'s is used.");
		}
		BigDecimal gap = computed.subtract(o.gPerKwh()).setScale(3, RoundingMode.HALF_UP);
		BigDecimal pct = gap.multiply(BigDecimal.valueOf(100)).divide(o.gPerKwh(), MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
		return Optional.of(new YearReconciliation(zone, year, computed, o.gPerKwh().setScale(1, RoundingMode.HALF_UP), o.year(), o.factorCode(),
				o.tag(), gap, pct, s.measured(), s.modelled(), hoursOfYear, s.synthetic(), note.toString().strip()));
	}

	/** Every year with computed hours of the zone, oldest first. */
	public List<YearReconciliation> years(String zone) {
		List<Integer> years = jdbc.sql("""
				SELECT DISTINCT extract(year FROM hour_start AT TIME ZONE 'Asia/Shanghai')::int FROM power_intensity_hour
				WHERE zone_code = :z AND basis = 'CONSUMPTION' ORDER BY 1""").param("z", zone).query(Integer.class).list();
		return years.stream().map(y -> year(zone, y)).flatMap(Optional::stream).toList();
	}
}
