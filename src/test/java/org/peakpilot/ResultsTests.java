package org.peakpilot;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Roll-ups, drill-down, intensities and grades from verified 2022 reports that use only purchased electricity
 * (Sichuan 2022: 0.1404 tCO2/MWh), so every figure is easy to work out by hand.
 */
// Own context: city-wide roll-ups, intensities and grades worked out by hand from this class's reports only
@SpringBootTest(properties = "peakpilot.test.schema=pp_results")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	Fixtures f;
	RegistryModel.Enterprise steelA;
	RegistryModel.Enterprise steelB;
	RegistryModel.Enterprise cement;
	String office;

	@BeforeAll
	void reportAndVerify() throws Exception {
		f = new Fixtures(registry, accounts);
		steelA = f.enterprise(SHAWAN, "3120", f.parkId("SHAWAN-EDZ"));
		steelB = f.enterprise(SHAWAN, "3120", null);
		cement = f.enterprise(EMEISHAN, "3011", null);
		office = f.cityOfficer();
		String verifier = f.user(Role.VERIFIER, null, null, null, Set.of(steelA.id(), steelB.id(), cement.id()));
		// A: 1,000 MWh → 140.4 t, output 100; B: 4,000 MWh → 561.6 t, output 1,000; cement: 2,000 MWh → 280.8 t, output 500
		verified(steelA, 1, "1000000", "100", "CRUDE_STEEL", "2000", verifier);
		verified(steelB, 1, "4000000", "1000", "CRUDE_STEEL", "10000", verifier);
		verified(cement, 1, "2000000", "500", "CLINKER", "5000", verifier);
		// a submitted, unverified month of A: 500 MWh → 70.2 t, counted only when asked
		save(steelA, 2, "500000", "50", "CRUDE_STEEL", "1000");
		long feb = id(steelA, 2);
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", feb).with(basic(office))).andExpect(status().isOk());
	}

	void verified(RegistryModel.Enterprise e, int month, String kwh, String output, String product, String quantity, String verifier)
			throws Exception {
		save(e, month, kwh, output, product, quantity);
		long id = id(e, month);
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isOk());
	}

	void save(RegistryModel.Enterprise e, int month, String kwh, String output, String product, String quantity) throws Exception {
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/2022/" + month).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": %s, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"}}],
					 "products": [{"productCode": "%s", "quantity": %s}]}
					""".formatted(output, kwh, product, quantity)))
			.andExpect(status().isOk());
	}

	long id(RegistryModel.Enterprise e, int month) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/2022/" + month)
			.with(basic(office))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	@Test
	void rollsUpToCountyIndustryAndCityFromVerifiedReports() throws Exception {
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "CITY").with(basic(office)))
			// 140.4 + 561.6 + 280.8 = 982.8; tce 7,000,000 kWh × 0.0001229 = 860.3
			.andExpect(jsonPath("$[0].co2T").value(982.8)).andExpect(jsonPath("$[0].tce").value(860.3))
			.andExpect(jsonPath("$[0].enterprises").value(3));
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "COUNTY").with(basic(office)))
			.andExpect(jsonPath("$[?(@.key == '511111')].co2T").value(hasItem(702)))
			// 702 ÷ 1,100
			.andExpect(jsonPath("$[?(@.key == '511111')].co2PerOutputValueTPer10kCny").value(hasItem(closeTo(0.638182, 0.000001))));
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "ENTERPRISE").param("filter", "industry").param("value", "3120")
			.with(basic(office))).andExpect(jsonPath("$.length()").value(2));
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "CITY").param("verifiedOnly", "false").with(basic(office)))
			.andExpect(jsonPath("$[0].co2T").value(1053.0));
	}

	@Test
	void aCountyOfficerSeesOnlyTheirCounty() throws Exception {
		String shawan = f.countyOfficer(SHAWAN);
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "CITY").with(basic(shawan)))
			.andExpect(jsonPath("$[0].co2T").value(702.0));
		mvc.perform(get("/api/v1/accounting/results/enterprises/{id}/2022", cement.id()).with(basic(shawan))).andExpect(status().isNotFound());
		String steelUser = f.user(Role.ENTERPRISE_USER, null, null, steelB.id(), Set.of());
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "ENTERPRISE").with(basic(steelUser)))
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].key").value(String.valueOf(steelB.id())));
	}

	@Test
	void gradesEachEnterpriseAgainstItsIndustry() throws Exception {
		// industry 3120: 702 t ÷ 1,100 = 0.638182 t/10k CNY. A: 140.4 ÷ 100 = 1.404, ratio 2.2 ≥ 1.5 → grade 5;
		// B: 561.6 ÷ 1,000 = 0.5616, ratio 0.88: ≥ 0.6, < 0.9 → grade 2
		mvc.perform(get("/api/v1/accounting/results/enterprises/{id}/2022", steelA.id()).with(basic(office)))
			.andExpect(jsonPath("$.grade.grade").value(5))
			.andExpect(jsonPath("$.grade.intensityTPer10kCny").value(1.404))
			.andExpect(jsonPath("$.grade.industryIntensityTPer10kCny").value(closeTo(0.638182, 0.000001)))
			// 140.4 t ÷ 2,000 t crude steel
			.andExpect(jsonPath("$.products[0].co2TPerUnit").value(0.0702));
		mvc.perform(get("/api/v1/accounting/results/enterprises/{id}/2022", steelB.id()).with(basic(office)))
			.andExpect(jsonPath("$.grade.grade").value(2)).andExpect(jsonPath("$.months[0].scope2Co2T").value(561.6));
		mvc.perform(get("/api/v1/accounting/results/enterprises/{id}/grades", steelA.id()).with(basic(office)))
			.andExpect(jsonPath("$[?(@.year == 2022)].grade.grade").value(hasItem(5)));
		// cement alone in its industry: ratio 1 → grade 3
		mvc.perform(get("/api/v1/accounting/results/enterprises/{id}/2022", cement.id()).with(basic(office)))
			.andExpect(jsonPath("$.grade.grade").value(3));
	}

	@Test
	void verifyingAReportMovesTheCityIndicatorsComputedFromTheInventory() throws Exception {
		// its own enterprise and year (2021: Sichuan 0.1255 tCO2/MWh), so the 2022 figures above stay as they are
		RegistryModel.Enterprise silicon = f.enterprise(SHIZHONG, "3985", f.parkId("LESHAN-HIGHTECH"));
		String verifier = f.user(Role.VERIFIER, null, null, null, Set.of(silicon.id()));
		long jan = report2021(silicon, 1, "1000000");
		long feb = report2021(silicon, 2, "2000000");
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", jan).with(basic(verifier))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2021,\"code\":\"GDP\",\"value\":10000,\"sourceDocument\":\"2021年统计公报（测试）\"}"))
			.andExpect(status().isCreated());
		// January only: 1,000 MWh × 0.1255 = 125.5 tCO2 ÷ 10,000 (10k CNY) = 0.01255 → 0.0126
		mvc.perform(get("/api/v1/plan/items/2").with(basic(office)))
			.andExpect(jsonPath("$.progress.latestYear").value(2021)).andExpect(jsonPath("$.progress.latestValue").value(0.0126));
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", feb).with(basic(verifier))).andExpect(status().isOk());
		// February counts once verified: (125.5 + 251) ÷ 10,000 = 0.03765 → 0.0377, the earlier value kept as replaced
		mvc.perform(get("/api/v1/plan/items/2").with(basic(office))).andExpect(jsonPath("$.progress.latestValue").value(0.0377));
		mvc.perform(get("/api/v1/plan/items/2/observations").with(basic(office)))
			.andExpect(jsonPath("$[0].value").value(0.0377)).andExpect(jsonPath("$[0].origin").value("COMPUTED"))
			.andExpect(jsonPath("$[?(@.year == 2021 && @.value == 0.0126)].supersededAt").isNotEmpty());

		// a corrected 2021 grid factor restates exactly the 2021 reports, and the cockpit follows:
		// 3,000 MWh × 0.13 = 390 tCO2 ÷ 10,000 = 0.039; the 2022 figures (their own factor) do not move
		mvc.perform(post("/api/v1/accounting/factors/GRID-SICHUAN-2021/versions").with(Fixtures.admin())
			.contentType(MediaType.APPLICATION_JSON).content("{\"value\":0.13,\"source\":\"[unverified] test correction\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/plan/items/2").with(basic(office))).andExpect(jsonPath("$.progress.latestValue").value(0.039));
		mvc.perform(get("/api/v1/accounting/reports/{id}/results", jan).with(basic(office)))
			.andExpect(jsonPath("$[0].co2T").value(130.0)).andExpect(jsonPath("$[1].co2T").value(125.5));
		mvc.perform(get("/api/v1/accounting/results/2022").param("level", "CITY").with(basic(office)))
			.andExpect(jsonPath("$[0].co2T").value(982.8));
	}

	long report2021(RegistryModel.Enterprise e, int month, String kwh) throws Exception {
		String body = mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/2021/" + month).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\": [{\"line\": {\"type\": \"ELECTRICITY\", \"quantity\": " + kwh + ", \"unit\": \"kWh\"}}]}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		return id;
	}

	@Test
	void pagesShowTheRankingTheDashboardAndExportToExcel() throws Exception {
		mvc.perform(get("/accounting/results").param("year", "2022").param("level", "COUNTY").with(f.as(office)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("沙湾区")));
		mvc.perform(get("/accounting/enterprises/{id}/results/2022", steelA.id()).with(f.as(office)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("5 级")))
			.andExpect(content().string(containsString("/accounting/reports/" + id(steelA, 1))));
		byte[] xlsx = mvc.perform(get("/accounting/results/2022.xlsx").param("level", "COUNTY").with(f.as(office)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			org.assertj.core.api.Assertions.assertThat(wb.getSheetAt(0).getRow(1).getCell(6).getNumericCellValue()).isEqualTo(702.0);
		}
	}
}
