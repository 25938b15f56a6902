package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.Map;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.shared.Rounding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Purchased and certified green electricity of an enterprise's verified (and locked) reports of a year, in kWh, from
 * the ELECTRICITY lines as reported (the units the calculator takes for kWh: kWh, 千瓦时, MWh, 万kWh, 万千瓦时).
 * Green kWh are null when no line states them. Reads through the caller's scope.
 */
@Component
public class GreenPowerShare {

	private final JdbcClient jdbc;

	GreenPowerShare(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** [purchased kWh, green kWh or null]. */
	public BigDecimal[] of(long enterpriseId, int year) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		Map<String, Object> row = jdbc.sql("""
				SELECT coalesce(sum(l.quantity * m.kwh), 0) AS purchased, sum(l.green_kwh) AS green
				FROM accounting_report r JOIN accounting_report_line l ON l.report_id = r.id
				JOIN (VALUES ('kWh', 1), ('千瓦时', 1), ('MWh', 1000), ('万kWh', 10000), ('万千瓦时', 10000))
				     AS m(unit, kwh) ON m.unit = coalesce(nullif(btrim(l.unit), ''), 'kWh')
				WHERE r.enterprise_id = :e AND r.year = :y AND r.status IN ('VERIFIED','LOCKED') AND l.type = 'ELECTRICITY' AND %s
				""".formatted(scope.sql())).params(scope.params()).param("e", enterpriseId).param("y", year).query().singleRow();
		return new BigDecimal[] { Rounding.stored((BigDecimal) row.get("purchased")), Rounding.stored((BigDecimal) row.get("green")) };
	}

	/** How many months of the year have a verified (or locked) report of the enterprise, within the caller's scope. */
	public int verifiedMonths(long enterpriseId, int year) {
		AccessScope.SqlCondition scope = AccessScope.current().where("r.county_code", "r.park_id", "r.enterprise_id");
		return jdbc.sql("""
				SELECT count(DISTINCT r.month) FROM accounting_report r
				WHERE r.enterprise_id = :e AND r.year = :y AND r.status IN ('VERIFIED','LOCKED') AND %s
				""".formatted(scope.sql())).params(scope.params()).param("e", enterpriseId).param("y", year).query(Integer.class).single();
	}
}
