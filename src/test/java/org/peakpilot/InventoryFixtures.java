package org.peakpilot;

import java.math.BigDecimal;

import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Enterprise reports with results inserted directly, for city inventory tests that need counted reports without
 * going through the reporting workflow (as {@code CityInventoryTests} does).
 */
final class InventoryFixtures {

	private final JdbcClient jdbc;
	private final Registry registry;

	InventoryFixtures(JdbcClient jdbc, Registry registry) {
		this.jdbc = jdbc;
		this.registry = registry;
	}

	/** A key energy-using unit (≥ 5,000 tce a year), or an ordinary enterprise. */
	long enterprise(String county, String industry, boolean key) {
		return SystemActor.call("test", () -> registry.register(new RegistryModel.EnterpriseForm(Fixtures.uscc(county),
				"测试企业 Test enterprise " + System.nanoTime(), county, industry, null, key,
				key ? new BigDecimal("6000") : new BigDecimal("100")))).id();
	}

	/** A report of the month in the given status with one result line of {@code co2T} tCO2 and {@code tce} tce. */
	long report(long enterpriseId, String county, String industry, int year, int month, String status, String co2T,
			String tce) {
		long report = jdbc.sql("""
				INSERT INTO accounting_report (enterprise_id, county_code, industry_code, year, month, status, created_by,
				                               created_at, updated_at)
				VALUES (:e, :c, :i, :y, :m, :s, 'test', now(), now()) RETURNING id
				""")
			.param("e", enterpriseId).param("c", county).param("i", industry).param("y", year).param("m", month)
			.param("s", status).query(Long.class).single();
		long computation = jdbc.sql("""
				INSERT INTO accounting_computation (report_id, computed_at, computed_by, reason, factor_codes)
				VALUES (:r, now(), 'test', 'test fixture', '{}') RETURNING id
				""").param("r", report).query(Long.class).single();
		jdbc.sql("""
				INSERT INTO accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
				                               factors_id, formula, notes)
				VALUES (:c, 1, 'SCOPE_1', 'COMBUSTION', 'ENERGY', :co2, :co2, :tce, accounting_content_key('[]'), 'test fixture', '[]'::jsonb)
				""")
			.param("c", computation).param("co2", new BigDecimal(co2T)).param("tce", new BigDecimal(tce)).update();
		return report;
	}
}
