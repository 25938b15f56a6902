package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The factor library as loaded from the reference tables, the calculator over HTTP, and factor versions. */
@PeakPilotTest
class AccountingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void listsEveryReferenceFactorWithSourceTagAndDates() throws Exception {
		mvc.perform(get("/api/v1/accounting/factors").with(admin()))
			.andExpect(status().isOk())
			// 50 fuel/energy rows, 43 process rows, 33 grid rows in shared/reference, and the 2022 residual grid row
			// (NATIONAL-EXCL-NONFOSSIL 0.5856, issue 15, from ../shared/INCLUSIVE-POWER.md §2)
			.andExpect(jsonPath("$.length()").value(127))
			.andExpect(jsonPath("$[?(@.code == 'ANTHRACITE')].ncv").value(hasItem(26.7)))
			.andExpect(jsonPath("$[?(@.code == 'ANTHRACITE')].tag").value(hasItem("VERIFIED_SECONDARY")))
			.andExpect(jsonPath("$[?(@.code == 'ANTHRACITE')].nameZh").value(hasItem("无烟煤")))
			.andExpect(jsonPath("$[?(@.code == 'ANTHRACITE')].effectiveFrom").value(hasItem("2015-01-01")))
			.andExpect(jsonPath("$[?(@.code == 'GRID-SICHUAN-2021')].tag").value(hasItem("UNVERIFIED")))
			// "as above" in the reference table: the MgO row shares the CaO row's source and tag
			.andExpect(jsonPath("$[?(@.code == 'CEMENT-MGO-IN-CLINKER')].tag").value(hasItem("VERIFIED_SECONDARY")))
			.andExpect(jsonPath("$[?(@.code == 'GRID-SICHUAN-2023')].value").value(hasItem(0.1564)))
			.andExpect(jsonPath("$[?(@.code == 'GRID-SICHUAN-2023')].effectiveTo").value(hasItem("2023-12-31")))
			.andExpect(jsonPath("$[?(@.code == 'HEAT-PURCHASED')].source").value(hasItem(containsString("GB/T 32150"))));
		mvc.perform(get("/api/v1/accounting/factors").param("kind", "GRID").with(admin()))
			.andExpect(jsonPath("$.length()").value(34))
			.andExpect(jsonPath("$[?(@.code == 'GRID-NATIONAL-EXCL-NONFOSSIL-2022')].value").value(hasItem(0.5856)))
			.andExpect(jsonPath("$[?(@.code == 'GRID-NATIONAL-EXCL-NONFOSSIL-2022')].tag").value(hasItem("VERIFIED_SECONDARY")));
	}

	@Test
	void theCalculatorAnswersOverHttpWithTheFactorsItUsed() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		mvc.perform(post("/api/v1/accounting/calculations").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": 2024, "lines": [
					  {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 120, "unit": "10^4 Nm3"},
					  {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh", "greenKwh": 500000},
					  {"type": "HEAT", "quantity": 800, "unit": "GJ"}]}
					"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.gridRegion").value("SICHUAN"))
			// 120 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12
			.andExpect(jsonPath("$.lines[0].co2T").value(2594.626571))
			.andExpect(jsonPath("$.lines[0].factors[0].code").value("NATURAL-GAS"))
			.andExpect(jsonPath("$.lines[0].factors[0].version").value(1))
			// 2000 MWh × 0.1564 (Sichuan 2023, the latest year not after 2024)
			.andExpect(jsonPath("$.lines[1].co2T").value(312.8))
			// market-based (issue 15): the 500 MWh green at zero, (2000 − 500) MWh × 0.6096 (residual NATIONAL-EXCL-NONFOSSIL 2023)
			.andExpect(jsonPath("$.lines[1].co2MarketT").value(914.4))
			.andExpect(jsonPath("$.lines[1].factors[*].code").value(hasItems("GRID-SICHUAN-2023", "ELECTRICITY-CALORIFIC",
					"GRID-NATIONAL-EXCL-NONFOSSIL-2023")))
			.andExpect(jsonPath("$.lines[2].co2T").value(88))
			// 2594.626571 + 312.8 + 88
			.andExpect(jsonPath("$.totals.totalCo2T").value(2995.426571))
			// 2594.626571 + 914.4 + 88
			.andExpect(jsonPath("$.totals.totalMarketCo2T").value(3597.026571));
	}

	@Test
	void badLinesAreNamedAndAnonymousCallersAreRefused() throws Exception {
		mvc.perform(post("/api/v1/accounting/calculations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2024,\"lines\":[{\"type\":\"FUEL\",\"factorCode\":\"COKE\",\"quantity\":1,\"unit\":\"kWh\"}]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lines[0].unit"));
		mvc.perform(post("/api/v1/accounting/calculations").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void publishingANewVersionKeepsTheOldOneAndTheCalculatorUsesTheNew() throws Exception {
		String calc2021 = """
				{"year": 2021, "gridRegion": "NATIONAL", "lines": [{"type": "ELECTRICITY", "quantity": 1000, "unit": "MWh"}]}
				""";
		mvc.perform(post("/api/v1/accounting/calculations").with(admin()).contentType(MediaType.APPLICATION_JSON).content(calc2021))
			.andExpect(jsonPath("$.lines[0].co2T").value(556.8));
		String officer = fixtures.cityOfficer();
		mvc.perform(post("/api/v1/accounting/factors/GRID-NATIONAL-2021/versions").with(basic(officer))
			.contentType(MediaType.APPLICATION_JSON).content("{\"value\":0.56,\"source\":\"x\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounting/factors/GRID-NATIONAL-2021/versions").with(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":0.5600,\"source\":\"[unverified] test correction\",\"changeNote\":\"test\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.tag").value("UNVERIFIED")).andExpect(jsonPath("$.effectiveTo").value("2021-12-31"));
		mvc.perform(get("/api/v1/accounting/factors/GRID-NATIONAL-2021").with(admin()))
			.andExpect(jsonPath("$[*].version").value(hasItems(2, 1))).andExpect(jsonPath("$[1].value").value(0.5568));
		mvc.perform(post("/api/v1/accounting/calculations").with(admin()).contentType(MediaType.APPLICATION_JSON).content(calc2021))
			.andExpect(jsonPath("$.lines[0].co2T").value(560)).andExpect(jsonPath("$.lines[0].factors[0].version").value(2));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "factor").with(admin()))
			.andExpect(jsonPath("$[0].entityId").value("GRID-NATIONAL-2021/v2"));
	}

	@Test
	void theFactorPageMarksUnverifiedFactors() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(get("/accounting/factors").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-code=\"STEEL-GRAPHITE-ELECTRODE\" data-tag=\"UNVERIFIED\"")))
			.andExpect(content().string(containsString("未核实")));
		mvc.perform(get("/accounting/factors/NATURAL-GAS").with(fixtures.as(officer)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("GB/T 32151")));
		mvc.perform(get("/api/v1/accounting/factors").param("allVersions", "true").with(admin()))
			.andExpect(jsonPath("$.length()").value(greaterThan(125)));
	}
}
