package org.peakpilot;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size: a published budget of 11 counties, 20 parks and 1,000 enterprises, each with 12 months of
 * reports this year and last (verified, submitted or drafts, some months only metered), recomputed as a whole year:
 * every holder and month is stored, every source occurs, and a second recompute changes no level. How fast it is, is
 * measured by the benchmark (bench/budget), not here. Seeded with SQL straight into the modules' tables: the data's
 * shape matters here, not how it was entered; bench/budget/load-year.sql seeds the same shape.
 */
// Own context: a city-wide data set that would swamp the counties of the other tests, and a fixed clock (mid-December)
@SpringBootTest(properties = "peakpilot.test.schema=pp_budget_scale")
class BudgetExecutionScaleTests {

	static final int YEAR = 2025;
	static final String[] COUNTIES = { "511102", "511111", "511112", "511113", "511123", "511124", "511126", "511129", "511132",
			"511133", "511181" };

	@TestConfiguration
	static class MidDecember {
		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(LocalDate.of(YEAR, 12, 15).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai"));
		}
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Execution execution;

	void seed() {
		// 20 parks: the plan's six and fourteen more, spread over the counties
		jdbc.sql("""
				INSERT INTO park (code, name_zh, name_en, county_code)
				SELECT 'SCALE-PARK-' || i, '规模测试园区 ' || i, 'Scale park ' || i, (ARRAY[%s])[1 + i %% 11]
				FROM generate_series(1, 14) i""".formatted(quoted())).update();
		// 1,000 enterprises, two in three in a park of their county
		jdbc.sql("""
				INSERT INTO enterprise (uscc, name, county_code, industry_code, park_id, key_energy_unit, created_at, updated_at)
				SELECT lpad(i::text, 18, 'S'), '规模测试企业 ' || i, c.county,
				       '3011', CASE WHEN i %% 3 = 0 THEN NULL
				                    ELSE (SELECT p.id FROM park p WHERE p.county_code = c.county ORDER BY p.id LIMIT 1) END,
				       true, now(), now()
				FROM generate_series(1, 1000) i CROSS JOIN LATERAL (SELECT (ARRAY[%s])[1 + i %% 11] AS county) c""".formatted(quoted()))
			.update();
		// reports of last year and this year: one result line each; month 12 of this year is not over, months 11 only
		// metered for every fifth enterprise, drafts for every seventh in October, submitted in September
		jdbc.sql("""
				INSERT INTO accounting_report (enterprise_id, county_code, park_id, industry_code, year, month, status,
				    output_value_10k_cny, created_by, created_at, updated_at)
				SELECT e.id, e.county_code, e.park_id, e.industry_code, y, m,
				       CASE WHEN y = :year AND m = 10 AND e.id % 7 = 0 THEN 'DRAFT' WHEN y = :year AND m = 9 THEN 'SUBMITTED'
				            WHEN y = :year AND m >= 10 THEN 'VERIFIED' ELSE 'LOCKED' END,
				       1000 + e.id % 500, 'scale', now(), now()
				FROM enterprise e CROSS JOIN generate_series(:year - 1, :year) y CROSS JOIN generate_series(1, 12) m
				WHERE e.name LIKE '规模测试企业%' AND NOT (y = :year AND m = 12) AND NOT (y = :year AND m = 11 AND e.id % 5 = 0)""")
			.param("year", YEAR).update();
		jdbc.sql("""
				INSERT INTO accounting_computation (report_id, computed_at, computed_by, reason, factor_codes)
				SELECT id, now(), 'scale', 'seeded', '{}' FROM accounting_report WHERE created_by = 'scale'""").update();
		jdbc.sql("""
				INSERT INTO accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce, factors_id, formula, notes)
				SELECT c.id, 0, 'SCOPE_1', 'combustion', 'ENERGY', 800 + r.enterprise_id % 400 + r.month * 10, 800, 300, accounting_content_key('[]'), 'seeded', '[]'
				FROM accounting_computation c JOIN accounting_report r ON r.id = c.report_id WHERE r.created_by = 'scale'""").update();
		// meters and month rollups (grid electricity) for every enterprise, this year
		jdbc.sql("""
				INSERT INTO monitoring_meter (enterprise_id, county_code, park_id, industry_code, code, name, energy_code, unit, kind,
				    interval_minutes, max_per_interval, created_by, created_at, updated_at)
				SELECT id, county_code, park_id, industry_code, 'E-01', '总表', 'ELECTRICITY', 'kWh', 'INTERVAL', 15, 1000000, 'scale', now(), now()
				FROM enterprise WHERE name LIKE '规模测试企业%'""").update();
		jdbc.sql("""
				INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
				SELECT m.id, 'M', make_timestamptz(:year, mo, 1, 0, 0, 0, 'Asia/Shanghai'), 5000000 + m.id, 2880, 0
				FROM monitoring_meter m CROSS JOIN generate_series(1, 11) mo WHERE m.created_by = 'scale'""").param("year", YEAR).update();
		// the published version: counties, parks and enterprises as holders
		long id = jdbc.sql("""
				INSERT INTO budget_version (year, number, status, base_intensity, applied_rate, target_intensity, forecast_gdp_10k_cny,
				    city_budget_t, total_t, reserve_share, pool_t, sink_credit_t, reserve_t, method, source, created_at, created_by)
				VALUES (:year, 1, 'DRAFT', 0.6, 0.035, 0.579, 30000000, 17370000, 17370000, 0.05, 0, 0, 868500, 'GDP_SHARE', 'scale test', now(), 'scale')
				RETURNING id""").param("year", YEAR).query(Long.class).single();
		jdbc.sql("""
				INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t)
				SELECT :id, code, 'COUNTY', NULL, row_number() OVER (ORDER BY code), 0, 0, 0, 1500000 FROM unnest(ARRAY[%s]) code
				UNION ALL
				SELECT :id, p.code, 'PARK', p.county_code, 100 + row_number() OVER (ORDER BY p.code), 0, 0, 0, 400000 FROM park p
				UNION ALL
				SELECT :id, e.uscc, 'ENTERPRISE', coalesce(p.code, e.county_code), 1000 + row_number() OVER (ORDER BY e.id), 0, 0, 0, 11000
				FROM enterprise e LEFT JOIN park p ON p.id = e.park_id WHERE e.name LIKE '规模测试企业%%'""".formatted(quoted()))
			.param("id", id).update();
		jdbc.sql("UPDATE budget_version SET status = 'PUBLISHED', published_at = now(), published_by = 'scale' WHERE id = :id").param("id", id).update();
		jdbc.sql("ANALYZE").update();
	}

	static String quoted() {
		return String.join(",", java.util.Arrays.stream(COUNTIES).map(c -> "'" + c + "'").toList());
	}

	@Test
	void recomputesElevenCountiesTwentyParksAndAThousandEnterprisesAsAWholeYear() {
		seed();
		assertThat(jdbc.sql("SELECT count(*) FROM park").query(Long.class).single()).isEqualTo(20);
		Execution.Recomputed first = SystemActor.call("scale", () -> execution.recompute(YEAR));
		assertThat(first.holders()).isEqualTo(11 + 20 + 1000);
		assertThat(first.monthsClosed()).isEqualTo(11);
		assertThat(jdbc.sql("SELECT count(*) FROM budget_execution_month WHERE year = :y").param("y", YEAR).query(Long.class).single())
			.isEqualTo(12L * (11 + 20 + 1000));
		// every source occurs: locked/verified, submitted, metered (drafts and November's gaps)
		assertThat(jdbc.sql("SELECT DISTINCT source FROM budget_execution_month WHERE year = :y AND source IS NOT NULL").param("y", YEAR)
			.query(String.class).list()).contains("VERIFIED", "REPORTED", "ESTIMATE");
		assertThat(jdbc.sql("SELECT count(*) FROM budget_execution WHERE year = :y AND path_basis = 'PREVIOUS_YEAR'").param("y", YEAR)
			.query(Long.class).single()).isPositive();
		assertThat(execution.level("511102", YEAR)).get().isNotEqualTo(WarningLevel.NO_DATA);
		// a county's used figure is the sum of its enterprises' (the registry's, not the parks' lines added again)
		assertThat(jdbc.sql("""
				SELECT count(*) FROM budget_execution c WHERE c.year = :y AND c.kind = 'COUNTY' AND c.used_t <> (
				  SELECT sum(e.used_t) FROM budget_execution e JOIN enterprise r ON r.uscc = e.holder_code
				  WHERE e.year = c.year AND e.kind = 'ENTERPRISE' AND r.county_code = c.holder_code)""").param("y", YEAR)
			.query(Long.class).single()).isZero();
		// the whole year again from the same data: the same rows, no level changes
		List<Map<String, Object>> before = rows();
		Execution.Recomputed again = SystemActor.call("scale", () -> execution.recompute(YEAR));
		assertThat(again.levelsChanged()).isZero();
		assertThat(rows()).isEqualTo(before);
	}

	private List<Map<String, Object>> rows() {
		return jdbc.sql("SELECT holder_code, month, used_t, source FROM budget_execution_month WHERE year = :y ORDER BY holder_code, month")
			.param("y", YEAR).query().listOfRows();
	}
}
