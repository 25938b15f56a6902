package org.peakpilot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.Restatements;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Cny10k;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The bulk recompute of a year gives exactly the figures the per-report path stored, supersedes the old rows
 * and leaves other years alone; a report that no longer calculates stops it with nothing changed. Own schema: it publishes a factor version and recomputes whole years.
 */
@SpringBootTest(properties = "peakpilot.test.schema=pp_recompute")
@AutoConfigureMockMvc
class YearRecomputeTests {

	/** Green kWh of a report need claimed green certificates (issue 15): {@link GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	EmissionsAccounting accounting;

	@Autowired
	MonthlyReports reports;

	@Autowired
	Restatements restatements;

	@Autowired
	AuditLog audit;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	static ReportLine line(LineType type, String factorCode, String quantity, String unit) {
		return line(type, factorCode, quantity, unit, null, null, null, null, null, null, EnergyUse.ENERGY);
	}

	static ReportLine line(LineType type, String factorCode, String quantity, String unit, String ncv, String green, String fraction,
			String cao, String mgo, String caoNc, EnergyUse use) {
		return new ReportLine(new Line(type, factorCode, new BigDecimal(quantity), unit, dec(ncv), null, dec(green), dec(fraction),
				dec(cao), dec(mgo), dec(caoNc), null, null, "line " + type), use);
	}

	static BigDecimal dec(String v) {
		return v == null ? null : new BigDecimal(v);
	}

	/** Cement: coal with a measured NCV, diesel in kg, electricity with certified green kWh, clinker analysed and default. */
	static List<ReportLine> cement(int month) {
		return List.of(line(LineType.FUEL, "BITUMINOUS-COAL", String.valueOf(900 + month * 7), "t", "21.35", null, null, null, null, null,
				EnergyUse.ENERGY), line(LineType.FUEL, "DIESEL", "12500", "kg"),
				line(LineType.ELECTRICITY, null, "2350000", "kWh", null, "400000", null, null, null, null, EnergyUse.ENERGY),
				line(LineType.CLINKER, null, "9800", "t", null, null, null, "0.652", "0.021", "0.006", EnergyUse.ENERGY),
				line(LineType.CLINKER, null, "120.5", "t"),
				line(LineType.CARBONATE, "CARBONATE-CACO3", "300", "t", null, null, "0.93", null, null, null, EnergyUse.FEEDSTOCK));
	}

	/** Ceramics and steel: natural gas in Nm3, heat bought and sold, electricity exported, electrodes, carbon fixed. */
	static List<ReportLine> mixed(int month) {
		return List.of(line(LineType.FUEL, "NATURAL-GAS", String.valueOf(250000 + month * 1234), "Nm3"),
				line(LineType.FUEL, "COKE", "55.25", "t"), line(LineType.HEAT, null, "1800", "GJ"),
				line(LineType.HEAT_EXPORT, null, "120", "GJ"), line(LineType.ELECTRICITY, null, "910", "MWh"),
				line(LineType.ELECTRICITY_EXPORT, null, "15000", "kWh"),
				line(LineType.PROCESS, "STEEL-GRAPHITE-ELECTRODE", "3.2", "t"),
				line(LineType.CARBON_FIXED, "STEEL-FIXED-CRUDE-STEEL", "8000", "t"),
				line(LineType.ELECTRICITY, null, "50000", "kWh", null, "50000", null, null, null, null, EnergyUse.RENEWABLE));
	}

	long save(RegistryModel.Enterprise e, int year, int month, List<ReportLine> lines) {
		// green kWh need claimed green certificates (issue 15): claim what this report states
		long greenKwh = lines.stream().filter(l -> l.line().type() == LineType.ELECTRICITY && l.line().greenKwh() != null)
			.mapToLong(l -> l.line().greenKwh().longValueExact()).sum();
		if (greenKwh > 0) {
			GreenClaimFixture.claimDirect(greenJdbc, e.id(), year, greenKwh / 1000);
		}
		return SystemActor.call("test", () -> accounting.saveReport(e.id(), year, month,
				new ReportContent(Cny10k.of(new BigDecimal("4000")), Cny10k.of(new BigDecimal("1000")), lines, List.of())).id());
	}

	Map<Long, List<StoredResult>> current(List<Long> ids) {
		Map<Long, List<StoredResult>> map = new LinkedHashMap<>();
		for (long id : ids) {
			map.put(id, SystemActor.call("test", () -> reports.resultHistory(id)).stream().filter(r -> r.supersededAt() == null)
				.sorted(Comparator.comparingInt(StoredResult::lineNo)).toList());
		}
		return map;
	}

	/**
	 * The stored columns of the reports' current lines as the database prints them (numeric with their scale, JSONB
	 * normalized), one row per line by report and line, with the keys of the lists stored once (V2026.12.17.20), the
	 * lists and the notes as read back; only the IDs and the computation's time, actor and reason left out.
	 */
	List<String> storedColumns(List<Long> reportIds) {
		return jdbc.sql("""
				SELECT concat_ws(' | ', c.report_id, x.line_no, x.scope, x.category, x.energy_use, x.co2_t::text, x.co2_market_t::text,
				       x.tce::text, coalesce(x.tce_equal_value::text, 'NULL'), coalesce(x.energy_gj::text, 'NULL'), x.factors_id::text, f.factors::text,
				       x.formula, x.notes::text, coalesce(x.defaults_id::text, 'NULL'), accounting_result_notes(x.notes, d.notes)::text,
				       coalesce(d.defaults::text, 'NULL'), array_to_string(c.factor_codes, ','))
				FROM accounting_computation c JOIN accounting_result x ON x.computation_id = c.id
				JOIN accounting_result_factors f ON f.id = x.factors_id LEFT JOIN accounting_result_defaults d ON d.id = x.defaults_id
				WHERE c.superseded_at IS NULL AND c.report_id = ANY(:ids)
				ORDER BY c.report_id, x.line_no
				""").param("ids", reportIds.toArray(Long[]::new)).query(String.class).list();
	}

	@Test
	void recomputingAYearGivesThePerReportFiguresAndSupersedesTheOldRows() {
		RegistryModel.Enterprise cement = fixtures.enterprise(EMEISHAN, "3011", null);
		RegistryModel.Enterprise steel = fixtures.enterprise(SHAWAN, "3120", null);
		// version 2 from 2024 on, version 3 from 2026 on: 2024 uses version 2 (the newest in force), like the per-report path
		SystemActor.run("test", () -> {
			restatements.publish("NATURAL-GAS", new Restatements.NewVersion(new BigDecimal("21.7"), "[unverified] test: v2", null,
					LocalDate.of(2024, 1, 1), null, "test"));
			restatements.publish("NATURAL-GAS", new Restatements.NewVersion(new BigDecimal("21.9"), "[unverified] test: v3", null,
					LocalDate.of(2026, 1, 1), null, "test"));
		});
		List<Long> year2024 = new ArrayList<>();
		for (int month = 1; month <= 3; month++) {
			year2024.add(save(cement, 2024, month, cement(month)));
			year2024.add(save(steel, 2024, month, mixed(month)));
		}
		long other = save(cement, 2023, 6, cement(6));
		long empty = save(steel, 2024, 4, List.of());
		Map<Long, List<StoredResult>> before = current(year2024);
		List<String> storedBefore = storedColumns(year2024);
		List<StoredResult> otherBefore = SystemActor.call("test", () -> reports.resultHistory(other));

		int recomputed = SystemActor.call("test", () -> restatements.recomputeYear(2024, "test of the bulk path"));

		assertThat(recomputed).isEqualTo(year2024.size());
		// every stored column of every line, as the database gives it back, is what the per-report path stored
		assertThat(storedBefore).hasSize(45).anySatisfy(row -> assertThat(row).contains("\"parameter\": \"NCV\""));
		assertThat(storedColumns(year2024)).containsExactlyElementsOf(storedBefore);
		Map<Long, List<StoredResult>> after = current(year2024);
		for (long id : year2024) {
			List<StoredResult> old = before.get(id);
			List<StoredResult> now = after.get(id);
			assertThat(now).hasSameSizeAs(old).isNotEmpty();
			for (int i = 0; i < old.size(); i++) {
				StoredResult a = old.get(i);
				StoredResult b = now.get(i);
				assertThat(b.id()).isNotEqualTo(a.id());
				assertThat(b.reason()).isEqualTo("recomputed 2024: test of the bulk path");
				assertThat(List.of(b.lineNo(), b.scope(), b.category(), b.energyUse(), b.co2T(), b.co2MarketT(), b.tce(), b.factors(),
						b.formula(), b.notesJson())).isEqualTo(List.of(a.lineNo(), a.scope(), a.category(), a.energyUse(), a.co2T(),
								a.co2MarketT(), a.tce(), a.factors(), a.formula(), a.notesJson()));
				assertThat(b.energyGj()).isEqualTo(a.energyGj());
				assertThat(b.tceEqualValue()).isEqualTo(a.tceEqualValue());
			}
			List<StoredResult> history = SystemActor.call("test", () -> reports.resultHistory(id));
			assertThat(history).hasSize(2 * old.size())
				.filteredOn(r -> old.stream().anyMatch(o -> o.id() == r.id()))
				.allSatisfy(r -> assertThat(r.supersededAt()).isNotNull())
				.hasSize(old.size());
		}
		assertThat(after.values().stream().flatMap(List::stream).flatMap(r -> r.factors().stream()))
			.anyMatch(f -> f.code().equals("GRID-SICHUAN-2023"))
			.anyMatch(f -> f.code().equals("NATURAL-GAS") && f.version() == 2)
			.noneMatch(f -> f.code().equals("NATURAL-GAS") && f.version() != 2);
		// one current computation per report, every line belongs to a stored computation
		assertThat(jdbc.sql("SELECT count(*) FROM accounting_computation WHERE superseded_at IS NULL AND report_id = ANY(:ids)")
			.param("ids", year2024.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(year2024.size());
		assertThat(jdbc.sql("""
				SELECT count(*) FROM accounting_result x WHERE NOT EXISTS (SELECT 1 FROM accounting_computation c WHERE c.id = x.computation_id)
				""").query(Long.class).single()).isZero();
		assertThat(SystemActor.call("test", () -> reports.resultHistory(other))).isEqualTo(otherBefore);
		assertThat(SystemActor.call("test", () -> reports.resultHistory(empty))).isEmpty();
		assertThat(SystemActor.call("test", () -> audit.recent("report-year", 10, 0)))
			.filteredOn(e -> e.entityId().equals("2024"))
			.singleElement()
			.satisfies(e -> assertThat(e.after()).contains("\"reports\": " + year2024.size()).contains("\"lines\": 45"));
	}

	@Test
	void aReportThatNoLongerCalculatesStopsTheRecomputeAndNothingChanges() {
		RegistryModel.Enterprise cement = fixtures.enterprise(EMEISHAN, "3011", null);
		long good = save(cement, 2022, 1, cement(1));
		long broken = save(cement, 2022, 2, cement(2));
		jdbc.sql("UPDATE accounting_report_line SET factor_code = 'NO-SUCH-FUEL' WHERE report_id = :id AND line_no = 1")
			.param("id", broken).update();
		List<StoredResult> before = SystemActor.call("test", () -> reports.resultHistory(good));

		assertThatThrownBy(() -> SystemActor.call("test", () -> restatements.recomputeYear(2022, "test")))
			.isInstanceOf(RuleViolationException.class).hasMessageContaining("report " + broken);

		assertThat(SystemActor.call("test", () -> reports.resultHistory(good))).isEqualTo(before)
			.allSatisfy(r -> assertThat(r.supersededAt()).isNull());
	}

	@Test
	void onlyTheCityAdministratorRecomputesAYear() throws Exception {
		String office = fixtures.cityOfficer();
		mvc.perform(post("/api/v1/accounting/years/2019/recompute").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"new grid factors\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounting/years/2019/recompute").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\" \"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/accounting/years/2019/recompute").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"new grid factors\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.reports").value(0));
	}
}
