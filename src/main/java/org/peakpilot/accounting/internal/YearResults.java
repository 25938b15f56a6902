package org.peakpilot.accounting.internal;

import java.util.List;

import org.peakpilot.accounting.MonthlyResult;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every report of a year with its current total, in one query (the reports of the year through
 * {@code accounting_report_period_idx}, their current computation through its partial unique index, its lines by
 * primary key). 1,000 enterprises × 12 months is one statement, not 12,000 report reads.
 */
@Component
public class YearResults {

	private final JdbcClient jdbc;

	YearResults(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The year's reports, ordered by enterprise and month; no user scope (the caller is another module). */
	public List<MonthlyResult> of(int year) {
		return jdbc.sql("""
				SELECT r.enterprise_id, r.month, r.status, r.output_value_10k_cny, c.id AS computation_id,
				       coalesce(sum(x.co2_t), 0) AS total_co2_t
				FROM accounting_report r
				LEFT JOIN accounting_computation c ON c.report_id = r.id AND c.superseded_at IS NULL
				LEFT JOIN accounting_result x ON x.computation_id = c.id
				WHERE r.year = :year
				GROUP BY r.id, c.id
				ORDER BY r.enterprise_id, r.month
				""").param("year", year)
			.query((rs, n) -> {
				ReportStatus status = ReportStatus.valueOf(rs.getString("status"));
				return new MonthlyResult(rs.getLong("enterprise_id"), rs.getInt("month"), status,
						status == ReportStatus.VERIFIED || status == ReportStatus.LOCKED, Tco2.of(rs.getBigDecimal("total_co2_t")),
						Cny10k.of(Calculator.strip(rs.getBigDecimal("output_value_10k_cny"))), rs.getObject("computation_id", Long.class));
			}).list();
	}

	/**
	 * An industry's average CO2 per output value in its latest year of VERIFIED or LOCKED reports stating an output value
	 * above 0: Σ current tCO2 ÷ Σ output value over those reports. No user scope.
	 */
	public java.util.Optional<org.peakpilot.accounting.IndustryIntensity> industryIntensity(String industryCode) {
		if (industryCode == null) {
			return java.util.Optional.empty();
		}
		return jdbc.sql("""
				WITH counted AS (
				    SELECT r.id, r.year, r.enterprise_id, r.output_value_10k_cny FROM accounting_report r
				    WHERE r.industry_code = :industry AND r.status IN ('VERIFIED', 'LOCKED') AND r.output_value_10k_cny > 0),
				latest AS (SELECT max(year) AS year FROM counted)
				SELECT c.year, count(*) AS reports, count(DISTINCT c.enterprise_id) AS enterprises,
				       sum(c.output_value_10k_cny) AS output_value,
				       COALESCE(sum((SELECT sum(x.co2_t) FROM accounting_current_result x WHERE x.report_id = c.id)), 0) AS co2_t
				FROM counted c JOIN latest l ON l.year = c.year
				GROUP BY c.year""").param("industry", industryCode)
			.query((rs, n) -> {
				Tco2 co2 = Tco2.of(rs.getBigDecimal("co2_t"));
				Cny10k output = Cny10k.of(Calculator.strip(rs.getBigDecimal("output_value")));
				return new org.peakpilot.accounting.IndustryIntensity(industryCode, rs.getInt("year"), co2, output, co2.per(output),
						rs.getInt("enterprises"), rs.getInt("reports"));
			}).optional();
	}
}
