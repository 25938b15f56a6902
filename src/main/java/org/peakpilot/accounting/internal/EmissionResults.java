package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Rounding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Results read back from the stored report results: an enterprise's year by month and source, roll-ups to
 * park, county, industry and city, and the carbon-efficiency grade. Only verified and locked reports count
 * unless asked otherwise; every query keeps to the caller's scope.
 */
@Component
public class EmissionResults {

	private static final MathContext MC = MathContext.DECIMAL64;
	private static final String COUNTED = "('VERIFIED','LOCKED')";
	private static final String ALL_SUBMITTED = "('SUBMITTED','VERIFIED','LOCKED')";

	private final JdbcClient jdbc;
	private final org.peakpilot.registry.Registry registry;
	private final List<BigDecimal> gradeBounds;

	EmissionResults(JdbcClient jdbc, org.peakpilot.registry.Registry registry, AccountingSettings settings) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.gradeBounds = settings.gradeBounds();
	}

	/**
	 * Results rolled up to enterprise, park, county, industry or the city for a year, within the caller's scope;
	 * verified and locked reports only unless {@code verifiedOnly} is false (then submitted ones count too).
	 * {@code filter} ("county", "industry" or "park") with {@code filterValue} drills down.
	 */
	public List<ResultsModel.Row> results(int year, String level, boolean verifiedOnly, String filter, String filterValue) {
		return rollup(year, level(level), verifiedOnly, filter, filterValue);
	}

	/** An enterprise's year by month and source, with its intensities and carbon-efficiency grade. */
	public ResultsModel.EnterpriseYear enterpriseYear(long enterpriseId, int year, boolean verifiedOnly) {
		registry.enterprise(enterpriseId);
		return enterpriseYear(enterpriseId, year, verifiedOnly, gradeBounds);
	}

	/** An enterprise's carbon-efficiency grade for every year with verified reports, oldest first. */
	public List<ResultsModel.YearGrade> gradeHistory(long enterpriseId) {
		registry.enterprise(enterpriseId);
		return gradeHistory(enterpriseId, gradeBounds);
	}

	/** The bounds of the grade ratio (this plan's accounting.properties). */
	public List<BigDecimal> gradeBounds() {
		return gradeBounds;
	}

	/** How results are grouped (the API's {@code level}, case-insensitive). */
	public enum Level {
		ENTERPRISE("r.enterprise_id::text"), PARK("coalesce(r.park_id::text, '-')"), COUNTY("r.county_code"), INDUSTRY("r.industry_code"),
		CITY("'city'");

		final String key;

		Level(String key) {
			this.key = key;
		}
	}

	public List<ResultsModel.Row> rollup(int year, Level level, boolean verifiedOnly, String filterColumn, String filterValue) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		String filter = "";
		if (filterColumn != null) {
			filter = switch (filterColumn) {
				case "county" -> " AND r.county_code = :filter";
				case "industry" -> " AND r.industry_code = :filter";
				case "park" -> " AND r.park_id::text = :filter";
				default -> throw new InvalidInputException("filter", "filter by county, industry or park");
			};
		}
		return jdbc.sql("""
				WITH reports AS (
				    SELECT r.* FROM accounting_report r WHERE r.year = :y AND r.status IN %s AND %s%s),
				per_report AS (
				    SELECT x.report_id,
				           sum(x.co2_t) FILTER (WHERE x.scope = 'SCOPE_1') AS scope1,
				           sum(x.co2_t) FILTER (WHERE x.scope = 'SCOPE_2') AS scope2,
				           sum(x.co2_t) AS co2, sum(x.co2_market_t) AS market, sum(x.tce) AS tce,
				           sum(x.tce) FILTER (WHERE x.energy_use = 'ENERGY') AS control_tce
				    FROM accounting_current_result x WHERE x.report_id IN (SELECT id FROM reports)
				    GROUP BY x.report_id)
				SELECT %s AS key, count(DISTINCT r.enterprise_id) AS enterprises, count(*) AS reports,
				       coalesce(sum(p.scope1), 0) AS scope1, coalesce(sum(p.scope2), 0) AS scope2, coalesce(sum(p.co2), 0) AS co2,
				       coalesce(sum(p.market), 0) AS market, coalesce(sum(p.tce), 0) AS tce,
				       coalesce(sum(p.control_tce), 0) AS control_tce, coalesce(sum(r.output_value_10k_cny), 0) AS output_value
				FROM reports r LEFT JOIN per_report p ON p.report_id = r.id
				GROUP BY 1 ORDER BY co2 DESC
				""".formatted(verifiedOnly ? COUNTED : ALL_SUBMITTED, scope.sql(), filter, level.key))
			.params(scope.params()).param("y", year).param("filter", filterValue)
			.query((rs, n) -> new ResultsModel.Row(rs.getString("key"), rs.getInt("enterprises"), rs.getInt("reports"),
					Rounding.stored(rs.getBigDecimal("scope1")), Rounding.stored(rs.getBigDecimal("scope2")),
					Rounding.stored(rs.getBigDecimal("co2")), Rounding.stored(rs.getBigDecimal("market")),
					Rounding.stored(rs.getBigDecimal("tce")), Rounding.stored(rs.getBigDecimal("control_tce")),
					Rounding.stored(rs.getBigDecimal("output_value")),
					per(rs.getBigDecimal("co2"), rs.getBigDecimal("output_value"))))
			.list();
	}

	/** An enterprise's year: months, sources, products, intensities and grade. Reads through the caller's scope. */
	public ResultsModel.EnterpriseYear enterpriseYear(long enterpriseId, int year, boolean verifiedOnly, List<BigDecimal> gradeBounds) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		String statuses = verifiedOnly ? COUNTED : ALL_SUBMITTED;
		List<ResultsModel.Month> months = jdbc.sql("""
				SELECT r.id, r.month, r.status, coalesce(sum(x.co2_t) FILTER (WHERE x.scope = 'SCOPE_1'), 0) AS scope1,
				       coalesce(sum(x.co2_t) FILTER (WHERE x.scope = 'SCOPE_2'), 0) AS scope2, coalesce(sum(x.tce), 0) AS tce,
				       max(r.output_value_10k_cny) AS output_value, max(r.value_added_10k_cny) AS value_added
				FROM accounting_report r LEFT JOIN accounting_current_result x ON x.report_id = r.id
				WHERE r.enterprise_id = :e AND r.year = :y AND r.status IN %s AND %s
				GROUP BY r.id, r.month, r.status ORDER BY r.month
				""".formatted(statuses, scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("y", year)
			.query((rs, n) -> new ResultsModel.Month(rs.getLong("id"), rs.getInt("month"), rs.getString("status"), Rounding.stored(rs.getBigDecimal("scope1")),
					Rounding.stored(rs.getBigDecimal("scope2")), Rounding.stored(rs.getBigDecimal("tce")),
					roundOrNull(rs.getBigDecimal("output_value")), roundOrNull(rs.getBigDecimal("value_added"))))
			.list();
		Map<String, BigDecimal> bySource = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT x.category, sum(x.co2_t) AS co2 FROM accounting_report r JOIN accounting_current_result x ON x.report_id = r.id
				WHERE r.enterprise_id = :e AND r.year = :y AND r.status IN %s AND %s GROUP BY 1 ORDER BY 2 DESC
				""".formatted(statuses, scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("y", year)
			.query((rs, n) -> bySource.put(rs.getString("category"), Rounding.stored(rs.getBigDecimal("co2")))).list();
		BigDecimal co2 = months.stream().map(m -> m.scope1Co2T().add(m.scope2Co2T())).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal tce = months.stream().map(ResultsModel.Month::tce).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal output = sum(months.stream().map(ResultsModel.Month::outputValue10kCny).toList());
		BigDecimal added = sum(months.stream().map(ResultsModel.Month::valueAdded10kCny).toList());
		List<ResultsModel.ProductIntensity> products = new ArrayList<>();
		jdbc.sql("""
				SELECT p.product_code, p.unit, sum(p.quantity) AS quantity FROM accounting_report r
				JOIN accounting_report_product p ON p.report_id = r.id
				WHERE r.enterprise_id = :e AND r.year = :y AND r.status IN %s AND %s GROUP BY 1, 2 ORDER BY 1
				""".formatted(statuses, scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("y", year)
			.query((rs, n) -> products.add(new ResultsModel.ProductIntensity(rs.getString("product_code"), rs.getString("unit"),
					roundOrNull(rs.getBigDecimal("quantity")), per(co2, rs.getBigDecimal("quantity"))))).list();
		String industry = jdbc.sql("SELECT industry_code FROM accounting_report r WHERE r.enterprise_id = :e AND %s LIMIT 1"
			.formatted(scope.sql())).params(scope.params()).param("e", enterpriseId).query(String.class).optional().orElse(null);
		ResultsModel.Grade grade = industry == null ? null : grade(co2, output, industry, year, gradeBounds);
		return new ResultsModel.EnterpriseYear(enterpriseId, year, months, bySource, Rounding.stored(co2), Rounding.stored(tce), output,
				added, per(co2, output), per(co2, added), products, grade);
	}

	/**
	 * The grade: the enterprise's CO2 per 10k CNY output value divided by its industry's (all verified reports of
	 * the industry in the year, not only those the caller may see: the benchmark is public to the method).
	 */
	ResultsModel.Grade grade(BigDecimal co2, BigDecimal output, String industry, int year, List<BigDecimal> bounds) {
		if (output == null || output.signum() == 0) {
			return new ResultsModel.Grade(null, null, null, industry, "no-output-value");
		}
		Map<String, Object> row = jdbc.sql("""
				SELECT coalesce(sum(x.co2_t), 0) AS co2,
				       (SELECT coalesce(sum(output_value_10k_cny), 0) FROM accounting_report WHERE industry_code = :i AND year = :y
				          AND status IN ('VERIFIED','LOCKED')) AS output
				FROM accounting_report r JOIN accounting_current_result x ON x.report_id = r.id
				WHERE r.industry_code = :i AND r.year = :y AND r.status IN ('VERIFIED','LOCKED')
				""").param("i", industry).param("y", year).query().singleRow();
		BigDecimal industryOutput = (BigDecimal) row.get("output");
		if (industryOutput == null || industryOutput.signum() == 0) {
			return new ResultsModel.Grade(null, null, null, industry, "no-industry-benchmark");
		}
		BigDecimal industryIntensity = ((BigDecimal) row.get("co2")).divide(industryOutput, MC);
		BigDecimal intensity = co2.divide(output, MC);
		BigDecimal ratio = industryIntensity.signum() == 0 ? null : intensity.divide(industryIntensity, MC);
		if (ratio == null) {
			return new ResultsModel.Grade(null, Rounding.stored(intensity), Rounding.stored(industryIntensity), industry, "zero-benchmark");
		}
		int g = 1;
		for (BigDecimal bound : bounds) {
			if (ratio.compareTo(bound) >= 0) {
				g++;
			}
		}
		return new ResultsModel.Grade(g, Rounding.stored(intensity), Rounding.stored(industryIntensity), industry,
				"ratio " + ratio.setScale(3, java.math.RoundingMode.HALF_UP).toPlainString());
	}

	/** The grade of every year with verified reports of the enterprise, oldest first (within the caller's scope). */
	public List<ResultsModel.YearGrade> gradeHistory(long enterpriseId, List<BigDecimal> bounds) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		List<Integer> years = jdbc.sql("""
				SELECT DISTINCT r.year FROM accounting_report r WHERE r.enterprise_id = :e AND r.status IN %s AND %s ORDER BY 1
				""".formatted(COUNTED, scope.sql())).params(scope.params()).param("e", enterpriseId).query(Integer.class).list();
		List<ResultsModel.YearGrade> history = new ArrayList<>();
		for (int year : years) {
			ResultsModel.EnterpriseYear y = enterpriseYear(enterpriseId, year, true, bounds);
			history.add(new ResultsModel.YearGrade(year, y.co2T(), y.co2PerOutputValueTPer10kCny(), y.grade()));
		}
		return history;
	}

	public static Level level(String text) {
		try {
			return Level.valueOf(text == null ? "CITY" : text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("level", "one of ENTERPRISE, PARK, COUNTY, INDUSTRY, CITY");
		}
	}

	private static BigDecimal sum(List<BigDecimal> values) {
		BigDecimal s = null;
		for (BigDecimal v : values) {
			if (v != null) {
				s = s == null ? v : s.add(v);
			}
		}
		return s;
	}

	private static BigDecimal per(BigDecimal co2, BigDecimal denominator) {
		return co2 == null || denominator == null || denominator.signum() == 0 ? null : Rounding.stored(co2.divide(denominator, MC));
	}


	private static BigDecimal roundOrNull(BigDecimal v) {
		return v == null ? null : Rounding.stored(v);
	}
}
