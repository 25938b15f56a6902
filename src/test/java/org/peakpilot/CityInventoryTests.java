package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Origin;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The city inventory: verified enterprise results bottom-up plus the office's statistics, indicators 1–3 written
 * into the plan with their lineage, corrections that restate them, who may read and write, and the Excel export.
 * Enterprise reports and results are inserted directly as fixtures (2024: two enterprises' verified and locked
 * reports, a draft and a submitted one that must not count, a superseded result row; 2023: one report).
 */
// Own context: city-wide inventory totals from this class's reports only
@SpringBootTest(properties = "peakpilot.test.schema=pp_inventory")
@AutoConfigureMockMvc
class CityInventoryTests {

	static final String STEELMAKING = "3120";
	static final String CEMENT = "3011";

	/** Enterprises of the fixture reports, registered once per schema. */
	static Long steelId;
	static Long cementId;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PilotPlan plan;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JsonMapper json;

	Fixtures fixtures;

	@BeforeEach
	void reports() {
		fixtures = new Fixtures(registry, accounts);
		synchronized (CityInventoryTests.class) {
			if (steelId != null) {
				return;
			}
			steelId = fixtures.enterprise(SHAWAN, STEELMAKING, null).id();
			cementId = fixtures.enterprise(EMEISHAN, CEMENT, null).id();
		}
		long steelJan = report(steelId, SHAWAN, STEELMAKING, 2024, 1, "VERIFIED");
		result(steelJan, 1, "ENERGY", "1000.5", "400.25", false);
		result(steelJan, 2, "ENERGY", "200", "122.9", false);
		result(steelJan, 1, "ENERGY", "999", "999", true); // replaced by a recomputation: not counted
		long steelFeb = report(steelId, SHAWAN, STEELMAKING, 2024, 2, "LOCKED");
		result(steelFeb, 1, "ENERGY", "1100", "420", false);
		result(steelFeb, 2, "FEEDSTOCK", "50", "300", false);
		long steelDec2023 = report(steelId, SHAWAN, STEELMAKING, 2023, 12, "VERIFIED");
		result(steelDec2023, 1, "ENERGY", "123", "45", false);
		long cementJan = report(cementId, EMEISHAN, CEMENT, 2024, 1, "VERIFIED");
		result(cementJan, 1, "ENERGY", "5000", "800", false);
		result(cementJan, 2, "RENEWABLE", "0", "100", false);
		long cementFeb = report(cementId, EMEISHAN, CEMENT, 2024, 2, "DRAFT");
		result(cementFeb, 1, "ENERGY", "7777", "7777", false);
		long cementMar = report(cementId, EMEISHAN, CEMENT, 2024, 3, "SUBMITTED");
		result(cementMar, 1, "ENERGY", "8888", "8888", false);
	}

	@Test
	void computesIndicatorsOneToThreeFromVerifiedReportsAndTheOfficesStatisticsAndRestatesThemOnACorrection()
			throws Exception {
		String officer = fixtures.cityOfficer();
		enter(officer, 2024, "TRANSPORT_TCE", "1200", "吨标准煤").andExpect(status().isCreated())
			.andExpect(jsonPath("$.unit").value("tce")).andExpect(jsonPath("$.enteredBy").value(officer));
		enter(officer, 2024, "TRANSPORT_CO2_T", "2600", "tCO2").andExpect(status().isCreated());
		enter(officer, 2024, "BUILDINGS_TCE", "656.85", null).andExpect(status().isCreated());
		enter(officer, 2024, "BUILDINGS_CO2_T", "1049.5", null).andExpect(status().isCreated());
		enter(officer, 2024, "INDUSTRIAL_VALUE_ADDED", "2100", "万元").andExpect(status().isCreated());

		// Without GDP nothing is computed, and the page says so.
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(officer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.indicators[0].missing").value("GDP"))
			.andExpect(jsonPath("$.indicators[2].missing").value("GDP"))
			.andExpect(jsonPath("$.indicators[0].value").doesNotExist());
		assertThat(current("1", 2024)).isNull();
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(officer)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"gdp-missing\"")));

		enter(officer, 2024, "GDP", "4800", "万元").andExpect(status().isCreated());

		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(officer)))
			.andExpect(status().isOk())
			// 2024 counts steel Jan (VERIFIED) and Feb (LOCKED) and cement Jan (VERIFIED): 3 reports, 2 enterprises;
			// not the draft, the submitted report, the replaced result row nor the 2023 report.
			.andExpect(jsonPath("$.enterprises.reports").value(3))
			.andExpect(jsonPath("$.enterprises.enterprises").value(2))
			.andExpect(jsonPath("$.pendingReports").value(2))
			// CO2: 1000.5 + 200 + 1100 + 50 + 5000 + 0 = 7350.5 t
			.andExpect(jsonPath("$.enterprises.co2T").value(7350.5))
			// tce: 400.25 + 122.9 + 420 + 300 + 800 + 100 = 2143.15
			.andExpect(jsonPath("$.enterprises.tce").value(2143.15))
			// control scope without feedstock (300) and renewable (100): 2143.15 − 400 = 1743.15
			.andExpect(jsonPath("$.enterprises.controlTce").value(1743.15))
			.andExpect(jsonPath("$.industries", hasSize(2)))
			.andExpect(jsonPath("$.industries[?(@.code == '3120')].figures.co2T").value(hasItem(2350.5)))
			.andExpect(jsonPath("$.industries[?(@.code == '3120')].counties[0].code").value(hasItem(SHAWAN)))
			.andExpect(jsonPath("$.industries[?(@.code == '3011')].figures.tce").value(hasItem(900)))
			// city energy: 2143.15 + transport 1200 + buildings 656.85 = 4000 tce (control: 1743.15 + 1856.85 = 3600)
			.andExpect(jsonPath("$.cityTce").value(4000))
			.andExpect(jsonPath("$.cityControlTce").value(3600))
			// city CO2: 7350.5 + transport 2600 + buildings 1049.5 = 11000 t
			.andExpect(jsonPath("$.cityCo2T").value(11000))
			.andExpect(jsonPath("$.sectors[?(@.sector == 'AGRICULTURE')].tce").value(hasSize(0)))
			// 1: 4000 ÷ 4800 = 0.83333… → 0.8333 tce per 10k CNY
			.andExpect(jsonPath("$.indicators[0].kind").value("ENERGY_PER_GDP"))
			.andExpect(jsonPath("$.indicators[0].itemCode").value("1"))
			.andExpect(jsonPath("$.indicators[0].value").value(0.8333))
			// 2: 11000 ÷ 4800 = 2.291666… → 2.2917 tCO2 per 10k CNY
			.andExpect(jsonPath("$.indicators[1].value").value(2.2917))
			// 3: 7350.5 ÷ 2100 = 3.500238… → 3.5002 tCO2 per 10k CNY
			.andExpect(jsonPath("$.indicators[2].value").value(3.5002))
			.andExpect(jsonPath("$.indicators[2].formula").value("7350.5 tCO2 ÷ 2100 10k CNY = 3.5002 tCO2 per 10k CNY"))
			.andExpect(jsonPath("$.indicators[0].cockpit.origin").value("COMPUTED"));

		Observation one = current("1", 2024);
		assertThat(one.origin()).isEqualTo(Origin.COMPUTED);
		assertThat(one.value()).isEqualByComparingTo("0.8333");
		assertThat(one.sourceDocument()).isEqualTo("城市清单计算 city inventory 2024");
		assertThat(one.enteredBy()).isEqualTo(officer);
		JsonNode lineage = json.readTree(one.lineage());
		assertThat(lineage.get("module").asString()).isEqualTo("accounting");
		assertThat(lineage.get("link").asString()).isEqualTo("/accounting/inventory/2024");
		assertThat(lineage.get("enterpriseResults").get("reports").asInt()).isEqualTo(3);
		assertThat(lineage.get("enterpriseResults").get("enterprises").asInt()).isEqualTo(2);
		assertThat(lineage.get("enterpriseResults").get("tce").decimalValue()).isEqualByComparingTo("2143.15");
		assertThat(lineage.get("inputs").valueStream().map(i -> i.get("code").asString()).toList())
			.containsExactlyInAnyOrder("GDP", "TRANSPORT_TCE", "BUILDINGS_TCE");
		assertThat(lineage.get("inputs").valueStream().map(i -> i.get("sourceDocument").asString()).toList())
			.contains("2024年统计公报 GDP");
		assertThat(lineage.get("inputsNotEntered").valueStream().map(JsonNode::asString).toList())
			.containsExactly("AGRICULTURE_TCE", "OTHER_TCE");
		assertThat(current("2", 2024).value()).isEqualByComparingTo("2.2917");
		assertThat(current("3", 2024).value()).isEqualByComparingTo("3.5002");
		assertThat(json.readTree(current("3", 2024).lineage()).get("inputs").valueStream().map(i -> i.get("code").asString()))
			.containsExactly("INDUSTRIAL_VALUE_ADDED");

		// A corrected GDP restates 1 and 2 and keeps the old values as replaced history; 3 does not depend on GDP.
		enter(officer, 2024, "GDP", "5000", "万元").andExpect(status().isCreated())
			.andExpect(jsonPath("$.supersedesId").isNumber());
		// 1: 4000 ÷ 5000 = 0.8; 2: 11000 ÷ 5000 = 2.2
		assertThat(current("1", 2024).value()).isEqualByComparingTo("0.8");
		assertThat(current("2", 2024).value()).isEqualByComparingTo("2.2");
		List<Observation> history = years(plan.history("1"), 2024);
		assertThat(history).hasSize(2);
		assertThat(history.get(0).current()).isTrue();
		assertThat(history.get(0).supersedesId()).isEqualTo(history.get(1).id());
		assertThat(history.get(1).current()).isFalse();
		assertThat(history.get(1).value()).isEqualByComparingTo("0.8333");
		assertThat(history.get(1).origin()).isEqualTo(Origin.COMPUTED);
		assertThat(years(plan.history("3"), 2024)).hasSize(1);
		mvc.perform(get("/api/v1/accounting/inventory/inputs").param("year", "2024").param("allVersions", "true").with(basic(officer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'GDP')].value").value(org.hamcrest.Matchers.contains(5000, 4800)));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "city-input").with(admin()))
			.andExpect(jsonPath("$[*].entityId").value(hasItem("2024/GDP")))
			.andExpect(jsonPath("$[*].action").value(hasItem("inventory.input.replaced")));

		// An explicit recomputation with nothing changed writes nothing new.
		mvc.perform(post("/api/v1/accounting/inventory/2024/recompute").with(basic(officer)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.indicators[0].value").value(0.8));
		assertThat(years(plan.history("1"), 2024)).hasSize(2);
		mvc.perform(post("/accounting/inventory/2024/recompute").with(fixtures.as(officer)).with(csrf()))
			.andExpect(redirectedUrl("/accounting/inventory/2024")).andExpect(flash().attribute("recomputed", 2024));

		// The cockpit shows the value as computed and links to the inventory; the inventory page shows its figures.
		mvc.perform(get("/plan/items/1").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("系统计算")))
			.andExpect(content().string(containsString("href=\"/accounting/inventory/2024\"")));
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("全市合计")))
			.andExpect(content().string(containsString("11,000.00")))
			.andExpect(content().string(containsString("2024年统计公报 GDP（修订）")))
			.andExpect(content().string(containsString("id=\"recompute\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"gdp-missing\""))));
		mvc.perform(get("/accounting/inventory").with(fixtures.as(officer)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("/accounting/inventory/2024")))
			.andExpect(content().string(containsString("id=\"input-form\"")));
	}

	@Test
	void countyOfficersReadButDoNotWriteAndEnterpriseUsersVerifiersAndTheAnonymousAreRefused() throws Exception {
		String county = fixtures.countyOfficer(SHAWAN);
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(county)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.enterprises.reports").value(3));
		mvc.perform(get("/api/v1/accounting/inventory/inputs").param("year", "2024").with(basic(county))).andExpect(status().isOk());
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(county)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"recompute\""))));
		mvc.perform(get("/accounting/inventory").with(fixtures.as(county)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"input-form\""))));
		enter(county, 2022, "GDP", "100", null).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounting/inventory/2024/recompute").with(basic(county))).andExpect(status().isForbidden());
		mvc.perform(post("/accounting/inventory/inputs").with(fixtures.as(county)).with(csrf())
			.param("year", "2022").param("code", "GDP").param("value", "100").param("sourceDocument", "x"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT count(*) FROM accounting_city_input WHERE year = 2022").query(Long.class).single()).isZero();

		String enterpriseUser = fixtures.user(Role.ENTERPRISE_USER, SHAWAN, null, steelId, Set.of());
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(enterpriseUser))).andExpect(status().isForbidden());
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(enterpriseUser))).andExpect(status().isForbidden());
		mvc.perform(get("/accounting/inventory/2024/export").with(fixtures.as(enterpriseUser))).andExpect(status().isForbidden());
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(steelId));
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(verifier))).andExpect(status().isForbidden());
		mvc.perform(get("/accounting/inventory").with(fixtures.as(verifier))).andExpect(status().isForbidden());

		mvc.perform(get("/api/v1/accounting/inventory/2024")).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/accounting/inventory/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2022,\"code\":\"GDP\",\"value\":1,\"sourceDocument\":\"x\"}")).andExpect(status().isUnauthorized());
		mvc.perform(get("/accounting/inventory/2024")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void badInputNamesTheFieldAndWritesNothing() throws Exception {
		String officer = fixtures.cityOfficer();
		long before = jdbc.sql("SELECT count(*) FROM accounting_city_input").query(Long.class).single();
		mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2023,\"code\":\"TRANSPORT_TCE\",\"value\":-5}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("value", "sourceDocument")))
			.andExpect(jsonPath("$.errors[?(@.field == 'value')].message").value(hasItem(containsString("negative"))));
		enter(officer, 2009, "GDP", "100", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"));
		enter(officer, java.time.Year.now().getValue() + 1, "GDP", "100", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"));
		enter(officer, 2023, "COAL_TCE", "100", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		enter(officer, 2023, "GDP", "100", "吨").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("unit"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("万元")));
		enter(officer, 2023, "GDP", "0", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("above zero")));
		mvc.perform(get("/api/v1/accounting/inventory/2009").with(basic(officer)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
		mvc.perform(post("/accounting/inventory/inputs").with(fixtures.as(officer)).with(csrf())
			.param("year", "2023").param("code", "GDP").param("value", "abc").param("sourceDocument", "x"))
			.andExpect(redirectedUrl("/accounting/inventory#input-form"))
			.andExpect(flash().attribute("errors", List.of(org.peakpilot.platform.InputError.field("value", "'abc' is not a number"))))
			.andExpect(flash().attribute("formValue", "abc"));
		assertThat(jdbc.sql("SELECT count(*) FROM accounting_city_input").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theFormEntersAFigureAndTheYearPageSaysThatWithoutGdpNothingIsComputed() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(post("/accounting/inventory/inputs").with(fixtures.as(officer)).with(csrf())
			.param("year", "2021").param("code", "BUILDINGS_TCE").param("value", "1,234.5")
			.param("sourceDocument", "2021年建筑能耗统计（测试）"))
			.andExpect(redirectedUrl("/accounting/inventory/2021")).andExpect(flash().attributeExists("saved"));
		mvc.perform(get("/accounting/inventory/2021").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"gdp-missing\"")))
			.andExpect(content().string(containsString("2021年建筑能耗统计（测试）")))
			.andExpect(content().string(containsString("1,234.50")));
		mvc.perform(post("/api/v1/accounting/inventory/2021/recompute").with(basic(officer)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.indicators[0].missing").value("GDP"))
			.andExpect(jsonPath("$.cityTce").value(1234.5));
		assertThat(current("1", 2021)).isNull();
	}

	@Test
	void exportsTheInventoryAsAnExcelWorkbook() throws Exception {
		String officer = fixtures.cityOfficer();
		byte[] xlsx = mvc.perform(get("/accounting/inventory/2024/export").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(wb.getNumberOfSheets()).isEqualTo(3);
			Sheet summary = wb.getSheet("清单 Inventory");
			Row total = row(summary, "企业合计 Enterprises total");
			assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(2143.15);
			assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(1743.15);
			assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(7350.5);
			assertThat(total.getCell(4).getStringCellValue()).contains("3 份月报");
			assertThat(row(summary, "全市合计 City total")).isNotNull();
			Sheet enterprises = wb.getSheet("企业 Enterprises");
			assertThat(enterprises.getLastRowNum()).isEqualTo(2);
			assertThat(wb.getSheet("输入 Inputs")).isNotNull();
		}
	}

	private ResultActions enter(String user, int year, String code, String value, String unit) throws Exception {
		String source = code.equals("GDP") && value.equals("5000") ? "2024年统计公报 GDP（修订）"
				: code.equals("GDP") ? "2024年统计公报 GDP" : "测试统计资料 test statistics " + code;
		return mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of("year", year, "code", code,
					"value", new BigDecimal(value), "unit", unit == null ? "" : unit, "sourceDocument", source)))));
	}

	private Observation current(String item, int year) {
		return plan.history(item).stream().filter(o -> o.year() == year && o.current()).findFirst().orElse(null);
	}

	private static List<Observation> years(List<Observation> history, int year) {
		return history.stream().filter(o -> o.year() == year).toList();
	}

	private static Row row(Sheet sheet, String label) {
		for (Row row : sheet) {
			if (row.getCell(0) != null && label.equals(row.getCell(0).getStringCellValue())) {
				return row;
			}
		}
		throw new AssertionError("no row '" + label + "' in sheet " + sheet.getSheetName());
	}

	private long report(long enterpriseId, String county, String industry, int year, int month, String status) {
		return jdbc.sql("""
				INSERT INTO accounting_report (enterprise_id, county_code, industry_code, year, month, status, created_by,
				                               created_at, updated_at)
				VALUES (:e, :c, :i, :y, :m, :s, 'test', now(), now()) RETURNING id
				""")
			.param("e", enterpriseId).param("c", county).param("i", industry).param("y", year).param("m", month)
			.param("s", status).query(Long.class).single();
	}

	/** A result line of the report's current computation, or of a superseded one ({@code superseded}). */
	private void result(long reportId, int line, String energyUse, String co2T, String tce, boolean superseded) {
		long computation = jdbc.sql("SELECT id FROM accounting_computation WHERE report_id = :r AND (superseded_at IS NOT NULL) = :sup")
			.param("r", reportId).param("sup", superseded).query(Long.class).optional()
			.orElseGet(() -> jdbc.sql("""
					INSERT INTO accounting_computation (report_id, computed_at, computed_by, reason, factor_codes, superseded_at)
					VALUES (:r, now(), 'test', 'test fixture', '{}', CASE WHEN :sup THEN now() END) RETURNING id
					""").param("r", reportId).param("sup", superseded).query(Long.class).single());
		jdbc.sql("""
				INSERT INTO accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
				                               factors_id, formula, notes)
				VALUES (:c, :l, 'SCOPE_1', 'COMBUSTION', :u, :co2, :co2, :tce, accounting_content_key('[]'), 'test fixture', '[]'::jsonb)
				""")
			.param("c", computation).param("l", line).param("u", energyUse).param("co2", new BigDecimal(co2T))
			.param("tce", new BigDecimal(tce)).update();
	}
}
