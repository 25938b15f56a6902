package org.peakpilot.accounting;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.peakpilot.PeakPilotTest;
import org.peakpilot.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration to computations (V2026.11.24.60) on results stored the old way: lines stored together become one
 * computation, superseded or current as they were, and their copied factors become references to the library.
 * And the migration that stores each distinct list of defaults and of factor references once (V2026.12.17.20): every
 * line reads back as it was.
 * Migrates its own schema, pp_migration, up to the old shape and then to the latest.
 */
@PeakPilotTest
class ResultMigrationTests {

	private static final String SCHEMA = "pp_migration";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	private Flyway flyway(String target) {
		return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true).target(target)
			.locations("classpath:db/migration/platform", "classpath:db/migration/registry", "classpath:db/migration/plan",
					"classpath:db/migration/accounting")
			.load();
	}

	@Test
	void existingResultsBecomeComputationsWithFactorReferences() {
		TestDatabase.dropSchema(dataSource, SCHEMA);
		flyway("2026.11.24.40").migrate();
		jdbc.sql("""
				INSERT INTO pp_migration.accounting_factor (code, version, kind, name_zh, name_en, value, unit, source, tag,
				    effective_from, published_by, published_at)
				VALUES ('NATURAL-GAS', 1, 'FUEL', '天然气', 'natural gas', 21.6219, 'tCO2/10^4 Nm3', '[verified-secondary] GB/T', 'VERIFIED_SECONDARY', DATE '2010-01-01', 't', now()),
				       ('NATURAL-GAS', 2, 'FUEL', '天然气', 'natural gas', 21.7, 'tCO2/10^4 Nm3', '[unverified] test', 'UNVERIFIED', DATE '2024-01-01', 't', now()),
				       ('ELECTRICITY-EQUAL-VALUE', 1, 'ENERGY', '等价值', 'equal value', NULL, 'tce/kWh', 'office', 'CONVENTION', DATE '2010-01-01', 't', now())
				""").update();
		long report = jdbc.sql("""
				INSERT INTO pp_migration.accounting_report (enterprise_id, county_code, industry_code, year, month, status, created_by,
				    created_at, updated_at)
				VALUES (1, '511112', '3071', 2024, 1, 'VERIFIED', 't', now(), now()) RETURNING id
				""").query(Long.class).single();
		String gas1 = "[{\"code\":\"NATURAL-GAS\",\"version\":1,\"value\":21.6219,\"unit\":\"tCO2/10^4 Nm3\",\"source\":\"[verified-secondary] GB/T\",\"tag\":\"VERIFIED_SECONDARY\",\"verified\":true}]";
		String gas2 = "[{\"code\":\"NATURAL-GAS\",\"version\":2,\"value\":21.7,\"unit\":\"tCO2/10^4 Nm3\",\"source\":\"[unverified] test\",\"tag\":\"UNVERIFIED\",\"verified\":false}]";
		String equal = "[{\"code\":\"ELECTRICITY-EQUAL-VALUE\",\"version\":1,\"value\":null,\"unit\":\"tce/kWh\",\"source\":\"office\",\"tag\":\"CONVENTION\",\"verified\":true}]";
		// entered in January (superseded in March), restated in March (current)
		oldResult(report, 0, "1.5", gas1, "2025-01-20 10:00:00+08", "entered", "2025-03-01 09:00:00+08");
		oldResult(report, 1, "2.5", equal, "2025-01-20 10:00:00+08", "entered", "2025-03-01 09:00:00+08");
		oldResult(report, 0, "1.6", gas2, "2025-03-01 09:00:00+08", "restated: factor NATURAL-GAS version 2", null);
		oldResult(report, 1, "2.5", equal, "2025-03-01 09:00:00+08", "restated: factor NATURAL-GAS version 2", null);
		List<Long> lineIds = jdbc.sql("SELECT id FROM pp_migration.accounting_result ORDER BY id").query(Long.class).list();

		flyway("latest").migrate();

		List<Map<String, Object>> computations = jdbc.sql("""
				SELECT id, reason, factor_codes::text AS codes, superseded_at IS NULL AS current
				FROM pp_migration.accounting_computation WHERE report_id = :r ORDER BY id
				""").param("r", report).query().listOfRows();
		assertThat(computations).extracting(c -> c.get("reason"), c -> c.get("codes"), c -> c.get("current")).containsExactly(
				org.assertj.core.groups.Tuple.tuple("entered", "{ELECTRICITY-EQUAL-VALUE,NATURAL-GAS}", false),
				org.assertj.core.groups.Tuple.tuple("restated: factor NATURAL-GAS version 2", "{ELECTRICITY-EQUAL-VALUE,NATURAL-GAS}", true));
		List<Map<String, Object>> lines = jdbc.sql("""
				SELECT x.id, x.computation_id, x.line_no, x.co2_t::text AS co2, f.factors::text AS factors
				FROM pp_migration.accounting_result x JOIN pp_migration.accounting_result_factors f ON f.id = x.factors_id ORDER BY x.id
				""").query().listOfRows();
		assertThat(lines).extracting(l -> l.get("id")).isEqualTo(lineIds);
		assertThat(lines).extracting(l -> l.get("computation_id")).containsExactly(computations.get(0).get("id"),
				computations.get(0).get("id"), computations.get(1).get("id"), computations.get(1).get("id"));
		assertThat(lines).extracting(l -> l.get("factors")).containsExactly(
				"[{\"code\": \"NATURAL-GAS\", \"value\": 21.6219, \"version\": 1}]",
				"[{\"code\": \"ELECTRICITY-EQUAL-VALUE\", \"value\": null, \"version\": 1}]",
				"[{\"code\": \"NATURAL-GAS\", \"value\": 21.7, \"version\": 2}]",
				"[{\"code\": \"ELECTRICITY-EQUAL-VALUE\", \"value\": null, \"version\": 1}]");
		assertThat(jdbc.sql("SELECT line_no, co2_t::text FROM pp_migration.accounting_current_result WHERE report_id = :r ORDER BY line_no")
			.param("r", report).query((rs, n) -> rs.getInt(1) + ":" + rs.getString(2)).list()).containsExactly("0:1.600000", "1:2.500000");
		// one current computation per report; new rows continue after the migrated ones
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
				INSERT INTO pp_migration.accounting_computation (report_id, computed_at, computed_by, reason, factor_codes)
				VALUES (:r, now(), 't', 'test', '{}')
				""").param("r", report).update()).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
		long next = jdbc.sql("""
				INSERT INTO pp_migration.accounting_computation (report_id, computed_at, computed_by, reason, factor_codes, superseded_at)
				VALUES (:r, now(), 't', 'test', '{}', now()) RETURNING id
				""").param("r", report).query(Long.class).single();
		assertThat(next).isGreaterThan((Long) computations.get(1).get("id"));
		// a deleted report takes its computations and their lines along
		jdbc.sql("DELETE FROM pp_migration.accounting_report WHERE id = :r").param("r", report).update();
		assertThat(jdbc.sql("SELECT count(*) FROM pp_migration.accounting_result").query(Long.class).single()).isZero();
		TestDatabase.dropSchema(dataSource, SCHEMA);
	}

	@Test
	void listsStoredOnceReadBackAsTheLinesHeldThem() {
		TestDatabase.dropSchema(dataSource, SCHEMA);
		flyway("2026.12.15.35").migrate();
		long report = jdbc.sql("""
				INSERT INTO pp_migration.accounting_report (enterprise_id, county_code, industry_code, year, month, status, created_by,
				    created_at, updated_at)
				VALUES (1, '511112', '3071', 2024, 1, 'VERIFIED', 't', now(), now()) RETURNING id
				""").query(Long.class).single();
		long older = computation(report, "2025-01-20 10:00:00+08");
		long current = computation(report, null);
		String src = "[verified-secondary] GB/T 32151.22-2024 Appendix C Table C.1 'common fossil fuel default parameters' as transcribed in …";
		String coal = """
				[{"parameter": "NCV", "value": 19.570, "unit": "GJ/t", "factorCode": "BITUMINOUS-COAL", "factorVersion": 1, "source": "%s"},
				 {"parameter": "oxidationRate", "value": 0.93, "factorCode": "BITUMINOUS-COAL", "factorVersion": 1, "source": "%s"}]
				""".formatted(src, src);
		String ncv = "default NCV = 19.57 GJ/t (BITUMINOUS-COAL v1): " + src;
		String rate = "default oxidationRate = 0.93 (BITUMINOUS-COAL v1): " + src;
		// the same list on three lines of two computations, notes around and between its notes; no defaults; an empty
		// list; a line stored before defaults were kept (NULL: its notes are all it has, a "default …" note among them)
		String coalFactors = "[{\"code\": \"BITUMINOUS-COAL\", \"version\": 1, \"value\": 26.10}]";
		String grid = "[{\"code\": \"GRID-SICHUAN-2023\", \"version\": 1, \"value\": 0.1564}]";
		line(older, 0, coalFactors, coal, List.of(ncv, "measured carbon content 26.1 tC/TJ", rate, "tce = GJ ÷ 29.3076"));
		line(current, 0, coalFactors, coal, List.of(ncv, "measured carbon content 26.2 tC/TJ", rate, "tce = GJ ÷ 29.3076"));
		line(current, 1, coalFactors, coal, List.of("tab\tand \"quotes\" ✓", ncv, rate));
		line(current, 2, grid, "[]", List.of("grid factor SICHUAN 2023 (latest year not after 2024)"));
		line(current, 3, "[]", "[]", List.of());
		line(current, 4, coalFactors, null, List.of(ncv, "tce by the fuel's GB/T 2589 coefficient"));
		String before = """
				SELECT computation_id, line_no, factors::text AS factors, notes::text, coalesce(defaults::text, 'NULL')
				FROM pp_migration.accounting_result ORDER BY 1, 2""";
		List<Map<String, Object>> old = jdbc.sql(before).query().listOfRows();
		String width = "SELECT sum(pg_column_size(x.*)) FROM pp_migration.accounting_result x";
		long oldWidth = jdbc.sql(width).query(Long.class).single();

		flyway("latest").migrate();

		List<Map<String, Object>> now = jdbc.sql("""
				SELECT x.computation_id, x.line_no, f.factors::text AS factors,
				       pp_migration.accounting_result_notes(x.notes, d.notes)::text AS notes, coalesce(d.defaults::text, 'NULL') AS coalesce
				FROM pp_migration.accounting_result x JOIN pp_migration.accounting_result_factors f ON f.id = x.factors_id
				LEFT JOIN pp_migration.accounting_result_defaults d ON d.id = x.defaults_id
				ORDER BY 1, 2""").query().listOfRows();
		assertThat(now).hasSize(6).isEqualTo(old);
		assertThat(old.get(0).get("notes").toString()).contains(ncv);
		assertThat(old.get(0).get("factors").toString()).contains("26.10");
		// three lists of factor references: the coal's, the grid's, the empty one
		assertThat(jdbc.sql("SELECT count(*) FROM pp_migration.accounting_result_factors").query(Long.class).single()).isEqualTo(3L);
		assertThat(jdbc.sql("SELECT count(*) FROM pp_migration.accounting_current_result").query(Long.class).single()).isEqualTo(5L);
		// the coal list once, the empty list once; the line stored before keeps its notes and has no list
		assertThat(jdbc.sql("SELECT count(*) FROM pp_migration.accounting_result_defaults").query(Long.class).single()).isEqualTo(2L);
		assertThat(jdbc.sql("SELECT line_no || ' ' || notes::text FROM pp_migration.accounting_result WHERE computation_id = :c ORDER BY line_no")
			.param("c", current).query(String.class).list()).containsExactly(
					"0 [0, \"measured carbon content 26.2 tC/TJ\", 1, \"tce = GJ ÷ 29.3076\"]",
					"1 [\"tab\\tand \\\"quotes\\\" ✓\", 0, 1]",
					"2 [\"grid factor SICHUAN 2023 (latest year not after 2024)\"]",
					"3 []",
					"4 [\"" + ncv + "\", \"tce by the fuel's GB/T 2589 coefficient\"]");
		assertThat(jdbc.sql("SELECT count(*) FROM pp_migration.accounting_result WHERE defaults_id IS NULL").query(Long.class).single()).isOne();
		// narrower rows (the dropped column's space is reclaimed as rows are rewritten)
		assertThat(jdbc.sql(width).query(Long.class).single()).isLessThan(oldWidth);
		TestDatabase.dropSchema(dataSource, SCHEMA);
	}

	private long computation(long report, String superseded) {
		return jdbc.sql("""
				INSERT INTO pp_migration.accounting_computation (report_id, computed_at, computed_by, reason, factor_codes, superseded_at)
				VALUES (:r, now(), 't', 'entered', '{BITUMINOUS-COAL}', CAST(:sup AS timestamptz)) RETURNING id
				""").param("r", report).param("sup", superseded).query(Long.class).single();
	}

	private void line(long computation, int line, String factors, String defaults, List<String> notes) {
		jdbc.sql("""
				INSERT INTO pp_migration.accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
				    factors, formula, notes, defaults)
				VALUES (:c, :l, 'SCOPE_1', 'combustion', 'ENERGY', 1, 1, 1, CAST(:f AS jsonb), 'test', CAST(:n AS jsonb), CAST(:d AS jsonb))
				""").param("c", computation).param("l", line).param("f", factors).param("d", defaults)
			.param("n", new tools.jackson.databind.json.JsonMapper().writeValueAsString(notes)).update();
	}

	private void oldResult(long report, int line, String co2, String factors, String at, String reason, String superseded) {
		jdbc.sql("""
				INSERT INTO pp_migration.accounting_result (report_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
				    factors, formula, notes, computed_at, computed_by, reason, superseded_at)
				VALUES (:r, :l, 'SCOPE_1', 'combustion', 'ENERGY', CAST(:co2 AS numeric), CAST(:co2 AS numeric), 1, CAST(:f AS jsonb),
				    'test', '[]', CAST(:at AS timestamptz), 't', :reason, CAST(:sup AS timestamptz))
				""").param("r", report).param("l", line).param("co2", co2).param("f", factors).param("at", at).param("reason", reason)
			.param("sup", superseded).update();
	}
}
