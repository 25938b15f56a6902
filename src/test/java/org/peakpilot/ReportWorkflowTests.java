package org.peakpilot;

import java.math.BigDecimal;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A cement enterprise reports a month, its verifier returns and then verifies it, the office locks it, a
 * revision sends it back; factor publication restates it. Own schema: it publishes factor versions.
 */
// Own context: it publishes factor versions, which restate other classes' reports
@SpringBootTest(properties = "peakpilot.test.schema=pp_reports")
@AutoConfigureMockMvc
class ReportWorkflowTests {


	/** Coal 1,000 t; 2,000,000 kWh; 10,000 t clinker with 65 % CaO (0.5 % non-carbonate) and 2 % MgO. */
	static final String CONTENT = """
			{"outputValue10kCny": 4000, "valueAdded10kCny": 1000,
			 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1000, "unit": "t"}},
			           {"line": {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"}},
			           {"line": {"type": "CLINKER", "quantity": 10000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02,
			                     "nonCarbonateCaoFraction": 0.005}}],
			 "products": [{"productCode": "CLINKER", "quantity": 10000}]}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	Fixtures fixtures;
	RegistryModel.Enterprise cement;
	String enterpriseUser;
	String verifier;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		cement = fixtures.enterprise(EMEISHAN, "3011", fixtures.parkId("EMEISHAN-EDZ"));
		enterpriseUser = fixtures.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(cement.id()));
	}

	String path(int year, int month) {
		return "/api/v1/accounting/enterprises/" + cement.id() + "/reports/" + year + "/" + month;
	}

	long save(String user, int year, int month) throws Exception {
		String body = mvc.perform(put(path(year, month)).with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	@Test
	void aStoredResultReadsAsTheCalculatorSaidWithItsListsStoredOnceAndTheDefaultsNotesByIndex() throws Exception {
		long first = save(enterpriseUser, 2021, 3);
		long second = save(enterpriseUser, 2021, 4);
		String calc = mvc.perform(post("/api/v1/accounting/calculations").with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": 2021, "lines": [{"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1000, "unit": "t"},
					  {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"},
					  {"type": "CLINKER", "quantity": 10000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02, "nonCarbonateCaoFraction": 0.005}]}
					""")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		java.util.List<Object> calculated = JsonPath.read(calc, "$.lines");
		org.assertj.core.api.Assertions.assertThat(calculated).hasSize(3);
		// coal assumed its NCV, carbon content and oxidation rate by default, each also one of its notes
		org.assertj.core.api.Assertions.assertThat(JsonPath.<java.util.List<Object>>read(calc, "$.lines[0].defaults")).hasSize(3);
		for (long id : new long[] { first, second }) {
			String stored = mvc.perform(get("/api/v1/accounting/reports/{id}/results", id).with(basic(enterpriseUser)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			for (int line = 0; line < 3; line++) {
				String notesJson = JsonPath.<java.util.List<String>>read(stored, "$[?(@.lineNo == " + line + ")].notesJson").get(0);
				java.util.List<String> notes = JsonPath.read(calc, "$.lines[" + line + "].notes");
				// byte for byte the calculator's notes as PostgreSQL prints them: the stored notes before V2026.12.17.20
				String expected = jdbc.sql("SELECT CAST(:n AS jsonb)::text")
					.param("n", new tools.jackson.databind.json.JsonMapper().writeValueAsString(notes)).query(String.class).single();
				org.assertj.core.api.Assertions.assertThat(notesJson).isEqualTo(expected);
				org.assertj.core.api.Assertions.assertThat(JsonPath.<java.util.List<Object>>read(stored, "$[?(@.lineNo == " + line + ")].defaults").get(0))
					.isEqualTo(JsonPath.read(calc, "$.lines[" + line + "].defaults"));
				org.assertj.core.api.Assertions.assertThat(JsonPath.<java.util.List<Object>>read(stored, "$[?(@.lineNo == " + line + ")].factors").get(0))
					.isEqualTo(JsonPath.read(calc, "$.lines[" + line + "].factors"));
			}
		}
		// stored: the coal line's three default notes as indices into its list of defaults; that list and the list of its
		// factor references once for both reports
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
				SELECT DISTINCT x.notes::text FROM accounting_result x JOIN accounting_computation c ON c.id = x.computation_id
				WHERE c.report_id IN (:a, :b) AND x.line_no = 0""").param("a", first).param("b", second).query(String.class).list())
			.singleElement().satisfies(n -> org.assertj.core.api.Assertions.assertThat(n).startsWith("[0, 1, 2, \""));
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
				SELECT count(DISTINCT x.defaults_id) + count(DISTINCT x.factors_id) FROM accounting_result x JOIN accounting_computation c ON c.id = x.computation_id
				WHERE c.report_id IN (:a, :b) AND x.line_no = 0""").param("a", first).param("b", second).query(Long.class).single())
			.isEqualTo(2L);
	}

	@Test
	void theStoredPipelineGivesTheCalculatorsFigures() throws Exception {
		long id = save(enterpriseUser, 2022, 3);
		String calc = mvc.perform(post("/api/v1/accounting/calculations").with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": 2022, "lines": [{"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1000, "unit": "t"},
					  {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"},
					  {"type": "CLINKER", "quantity": 10000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02, "nonCarbonateCaoFraction": 0.005}]}
					""")).andReturn().getResponse().getContentAsString();
		double total = ((Number) JsonPath.read(calc, "$.totals.totalCo2T")).doubleValue();
		// by hand: coal 1000 × 19.57 × 26.1 ÷ 1000 × 0.93 × 44/12 = 1741.7493…; electricity 2000 MWh × 0.1404 (Sichuan 2022)
		// = 280.8; clinker 10,000 × (0.645 × 0.7857 + 0.02 × 1.1) = 5287.765
		double byHand = 1000 * 19.57 * 26.1 / 1000 * 0.93 * 44 / 12 + 280.8 + 5287.765;
		org.assertj.core.api.Assertions.assertThat(total).isCloseTo(byHand, org.assertj.core.data.Offset.offset(0.000001));
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(basic(enterpriseUser)))
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.summary.totalCo2T").value(total))
			.andExpect(jsonPath("$.results.length()").value(3))
			.andExpect(jsonPath("$.results[1].factors[*].code").value(hasItem("GRID-SICHUAN-2022")))
			.andExpect(jsonPath("$.results[1].factors[0].version").value(1))
			// 7342.265… tCO2 ÷ 1000 (10k CNY value added)
			.andExpect(jsonPath("$.summary.co2PerValueAddedTPer10kCny").value(org.hamcrest.Matchers.closeTo(total / 1000, 0.000001)));
	}

	@Test
	void theWorkflowRunsFromDraftToLockedAndBackThroughARevision() throws Exception {
		long id = save(enterpriseUser, 2024, 4);
		String county = fixtures.countyOfficer(EMEISHAN);
		String office = fixtures.cityOfficer();
		String otherVerifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(enterpriseUser)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUBMITTED"));
		mvc.perform(put(path(2024, 4)).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(otherVerifier))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(enterpriseUser))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounting/reports/{id}/return", id).with(basic(verifier)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\":\"\"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/accounting/reports/{id}/return", id).with(basic(verifier)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\":\"请附熟料化验单\"}"))
			.andExpect(jsonPath("$.status").value("RETURNED")).andExpect(jsonPath("$.returnComment").value("请附熟料化验单"));
		save(enterpriseUser, 2024, 4);
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(enterpriseUser))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier)))
			.andExpect(jsonPath("$.status").value("VERIFIED")).andExpect(jsonPath("$.verifiedBy").value(verifier));
		mvc.perform(post("/api/v1/accounting/reports/{id}/lock", id).with(basic(county))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounting/reports/{id}/lock", id).with(basic(office))).andExpect(jsonPath("$.status").value("LOCKED"));
		mvc.perform(put(path(2024, 4)).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("revise")));
		mvc.perform(post("/api/v1/accounting/reports/{id}/revise", id).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"\",\"content\":" + CONTENT + "}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/accounting/reports/{id}/revise", id).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"电表读数更正\",\"content\":" + CONTENT.replace("2000000", "2100000") + "}"))
			.andExpect(jsonPath("$.status").value("SUBMITTED")).andExpect(jsonPath("$.revision").value(1))
			.andExpect(jsonPath("$.revisionReason").value("电表读数更正"));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "report").with(admin()))
			.andExpect(jsonPath("$[*].action").value(hasItems("report.created", "report.submitted", "report.returned",
					"report.verified", "report.locked", "report.revised")));
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(basic(county))).andExpect(status().isOk());
	}

	@Test
	void nobodyReadsOrWritesAnotherEnterprisesReport() throws Exception {
		long id = save(enterpriseUser, 2024, 5);
		RegistryModel.Enterprise other = fixtures.enterprise(JIAJIANG, "3071", null);
		String otherUser = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(basic(otherUser))).andExpect(status().isNotFound());
		mvc.perform(put(path(2024, 6)).with(basic(otherUser)).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/accounting/reports").with(basic(otherUser))).andExpect(jsonPath("$.length()").value(0));
		String jiajiang = fixtures.countyOfficer(JIAJIANG);
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(basic(jiajiang))).andExpect(status().isNotFound());
		mvc.perform(put(path(2024, 6)).with(basic(fixtures.countyOfficer(EMEISHAN))).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isForbidden());
	}

	@Test
	void badLinesAreNamedAndNothingIsWritten() throws Exception {
		mvc.perform(put(path(2024, 7)).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON).content("""
				{"lines": [{"line": {"type": "FUEL", "factorCode": "NO-SUCH-FUEL", "quantity": 1, "unit": "t"}},
				           {"line": {"type": "ELECTRICITY", "quantity": -5, "unit": "kWh"}}],
				 "products": [{"productCode": "GOLD", "quantity": 1}]}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("products[0].productCode", "lines[0].factorCode", "lines[1].quantity")));
		mvc.perform(get(path(2024, 7)).with(basic(enterpriseUser))).andExpect(status().isNotFound());
		mvc.perform(put(path(2099, 1)).with(basic(enterpriseUser)).contentType(MediaType.APPLICATION_JSON).content(CONTENT))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("month"));
	}

	@Test
	void publishingAFactorVersionRestatesTheReportsItTouchedAndKeepsTheOldFigures() throws Exception {
		long id = save(enterpriseUser, 2024, 8);
		long unaffected = save(enterpriseUser, 2022, 8);
		String before = mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(admin())).andReturn().getResponse().getContentAsString();
		double electricityBefore = ((Number) JsonPath.read(before, "$.results[1].co2T")).doubleValue();
		org.assertj.core.api.Assertions.assertThat(electricityBefore).isEqualTo(312.8);
		mvc.perform(post("/api/v1/accounting/factors/GRID-SICHUAN-2023/versions").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":0.16,\"source\":\"[unverified] test: corrected announcement\"}")).andExpect(status().isCreated());
		// 2000 MWh × 0.16 = 320
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(admin()))
			.andExpect(jsonPath("$.results[1].co2T").value(320.0))
			.andExpect(jsonPath("$.results[1].reason").value("restated: factor GRID-SICHUAN-2023 version 2"));
		mvc.perform(get("/api/v1/accounting/reports/{id}/results", id).with(admin()))
			.andExpect(jsonPath("$[?(@.lineNo == 1)].co2T").value(hasItems(320, 312.8)))
			.andExpect(jsonPath("$[?(@.co2T == 312.8)].supersededAt").isNotEmpty());
		// only the electricity line changed, but the report is restated whole; the 2022 report (GRID-SICHUAN-2022) is untouched
		mvc.perform(get("/api/v1/accounting/reports/{id}/results", unaffected).with(admin()))
			.andExpect(jsonPath("$.length()").value(3));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "report").with(admin()))
			.andExpect(jsonPath("$[*].action").value(hasItem("report.restated")));
	}

	@Test
	void theOfficesEqualValueCoefficientGivesASecondEnergyTotal() throws Exception {
		long id = save(enterpriseUser, 2025, 2);
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(admin())).andExpect(jsonPath("$.summary.tceEqualValue").doesNotExist());
		mvc.perform(post("/api/v1/accounting/factors/ELECTRICITY-EQUAL-VALUE/versions").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":0.0003,\"source\":\"test: office entry for 2025\",\"effectiveFrom\":\"2025-01-01\",\"effectiveTo\":\"2025-12-31\"}"))
			.andExpect(status().isCreated());
		String body = mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(admin())).andReturn().getResponse().getContentAsString();
		double coal = ((Number) JsonPath.read(body, "$.results[0].tce")).doubleValue();
		// electricity 2,000,000 kWh × 0.0003 = 600 tce; coal and clinker lines count the same in both totals
		mvc.perform(get("/api/v1/accounting/reports/{id}", id).with(admin()))
			.andExpect(jsonPath("$.summary.tceEqualValue").value(org.hamcrest.Matchers.closeTo(coal + 600, 0.000001)))
			.andExpect(jsonPath("$.results[1].reason").value("restated: factor ELECTRICITY-EQUAL-VALUE version 2"));
	}

	@Test
	void keyEnergyUsingUnitsWithoutASubmittedReportAreOverdue() throws Exception {
		RegistryModel.Enterprise key = SystemActor.call("t", () -> registry.register(new RegistryModel.EnterpriseForm(
				Fixtures.uscc(EMEISHAN), "重点用能水泥企业", EMEISHAN, "3011", null, true, new BigDecimal("250000"))));
		String keyUser = fixtures.user(Role.ENTERPRISE_USER, null, null, key.id(), Set.of());
		mvc.perform(put("/api/v1/accounting/enterprises/" + key.id() + "/reports/2025/1").with(basic(keyUser))
			.contentType(MediaType.APPLICATION_JSON).content(CONTENT)).andExpect(status().isOk());
		String office = fixtures.cityOfficer();
		// registered now: of 2025 it owes nothing but the draft it began
		mvc.perform(get("/api/v1/accounting/reports/overdue").param("year", "2025").with(basic(office)))
			.andExpect(jsonPath("$[?(@.enterpriseId == " + key.id() + ")].month").value(org.hamcrest.Matchers.contains(1)));
		// dated back to its real registration in 2024: every month of 2025 without a submitted report is overdue
		SystemActor.call("t", () -> registry.registeredSince(key.id(), java.time.Instant.parse("2024-06-30T16:00:00Z")));
		mvc.perform(get("/api/v1/accounting/reports/overdue").param("year", "2025").with(basic(office)))
			.andExpect(jsonPath("$[?(@.enterpriseId == " + key.id() + ")].month").value(hasItems(1, 2, 12)));
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + key.id() + "/reports/2025/1").with(basic(keyUser)))
			.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(keyUser))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/accounting/reports/overdue").param("year", "2025").with(basic(office)))
			.andExpect(jsonPath("$[?(@.enterpriseId == " + key.id() + ")].month").value(org.hamcrest.Matchers.not(hasItem(1))));
		mvc.perform(get("/api/v1/accounting/reports/overdue").param("year", "2025").with(basic(keyUser))).andExpect(status().isForbidden());
	}
}
