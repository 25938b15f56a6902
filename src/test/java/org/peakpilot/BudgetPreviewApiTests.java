package org.peakpilot;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/v1/budget/allocations/preview} as the issue writes it: snake_case, any signed-in user, 400s naming the field. */
@PeakPilotTest
class BudgetPreviewApiTests {

	static final String URL = "/api/v1/budget/allocations/preview";

	/** The example of the API document (BudgetApi.EXAMPLE), as a client would copy it. */
	static final String EXAMPLE = """
			{"total_t": 1000000, "reserve_share": 0.05, "method": "GDP_SHARE", "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000, "population": 1150000, "base_emissions_t": 420000},
			  {"code": "511111", "gdp_10k_cny": 2400000, "population": 420000, "base_emissions_t": 310000},
			  {"code": "511112", "gdp_10k_cny": 1800000, "population": 330000, "base_emissions_t": 270000}]}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	ResultActions preview(String body) throws Exception {
		return mvc.perform(post(URL).with(basic(fixtures.countyOfficer(SHAWAN))).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	@Test
	void dividesTheDocumentedExampleIntoWholeTonnes() throws Exception {
		// 1,000,000 × 0.95 = 950,000; × 6.5/10.7 = 577102.804, × 2.4/10.7 = 213084.112, × 1.8/10.7 = 159813.084:
		// 949,999 whole, the tonne left to 511102 (.804); reserve 50,000
		String documented = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		assertThat(documented.replaceAll("\\s", "").replace("\\\"", "\"")).contains(EXAMPLE.replaceAll("\\s", ""));
		preview(EXAMPLE).andExpect(status().isOk())
			.andExpect(jsonPath("$.method").value("GDP_SHARE"))
			.andExpect(jsonPath("$.allocatable_t").value(950000))
			.andExpect(jsonPath("$.reserve_t").value(50000))
			.andExpect(jsonPath("$.holders[0].code").value("511102"))
			.andExpect(jsonPath("$.holders[0].budget_t").value(577103))
			.andExpect(jsonPath("$.holders[1].budget_t").value(213084))
			.andExpect(jsonPath("$.holders[2].budget_t").value(159813))
			.andExpect(jsonPath("$.holders[0].raw").value(6500000))
			.andExpect(jsonPath("$.holders[0].quota_t").value(577102.803738))
			.andExpect(jsonPath("$.entropy_indicators").isEmpty());
	}

	@Test
	void aHolderWithoutGdpAndNoReserveAreValid() throws Exception {
		preview("""
				{"total_t": 1000, "reserve_share": 0, "method": "GDP_SHARE",
				 "holders": [{"code": "A", "gdp_10k_cny": 0}, {"code": "B", "gdp_10k_cny": 12.5}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.holders[0].budget_t").value(0))
			.andExpect(jsonPath("$.holders[1].budget_t").value(1000))
			.andExpect(jsonPath("$.reserve_t").value(0));
	}

	@Test
	void entropyAnswersItsWeightsAndEntropies() throws Exception {
		preview("""
				{"total_t": 1001, "reserve_share": 0, "method": "ENTROPY", "holders": [
				 {"code": "A", "gdp_10k_cny": 100, "population": 10, "base_emissions_t": 50},
				 {"code": "B", "gdp_10k_cny": 300, "population": 20, "base_emissions_t": 100}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.entropy_indicators[1].indicator").value("emissions_per_capita"))
			.andExpect(jsonPath("$.entropy_indicators[1].entropy").value(1))
			.andExpect(jsonPath("$.entropy_indicators[0].weight").value(0.25))
			.andExpect(jsonPath("$.holders[0].budget_t").value(501));
	}

	void refused(String body, String field) throws Exception {
		preview(body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-input"))
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
	}

	@Test
	void refusesWhatItCannotDivideNamingTheField() throws Exception {
		String holders = "\"holders\": [{\"code\": \"A\", \"gdp_10k_cny\": 1}]";
		refused("{\"total_t\": -1, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\", " + holders + "}", "total_t");
		refused("{\"total_t\": 100, \"reserve_share\": 1.0, \"method\": \"GDP_SHARE\", " + holders + "}", "reserve_share");
		refused("{\"total_t\": 100, \"reserve_share\": -0.01, \"method\": \"GDP_SHARE\", " + holders + "}", "reserve_share");
		refused("{\"total_t\": 100, \"reserve_share\": 0.05, \"method\": \"LOTTERY\", " + holders + "}", "method");
		refused("""
				{"total_t": 100, "reserve_share": 0.05, "method": "GDP_SHARE",
				 "holders": [{"code": "A", "gdp_10k_cny": 1}, {"code": "B", "population": 5}]}""", "holders[1].gdp_10k_cny");
		refused("""
				{"total_t": 100, "reserve_share": 0.05, "method": "GDP_SHARE",
				 "holders": [{"code": "A", "gdp_10k_cny": 1}, {"code": "A", "gdp_10k_cny": 2}]}""", "holders[1].code");
		refused("{\"total_t\": 1e999999999, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\", " + holders + "}", "total_t");
		refused("{\"total_t\": 1e-999999999, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\", " + holders + "}", "total_t");
		refused("{\"total_t\": 100, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\", "
				+ "\"holders\": [{\"code\": \"A\", \"gdp_10k_cny\": 1e999999999}]}", "holders[0].gdp_10k_cny");
		refused("{\"total_t\": 100, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\", "
				+ "\"holders\": [{\"code\": \"A\", \"gdp_10k_cny\": \"many\"}]}", "holders[0].gdp_10k_cny");
		refused("{\"total_t\": 100, \"reserve_share\": 0.05, \"method\": \"GDP_SHARE\"}", "holders");
	}

	@Test
	void needsASignedInUser() throws Exception {
		mvc.perform(post(URL).contentType(MediaType.APPLICATION_JSON).content(EXAMPLE))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void isDocumentedWithItsOperationIdAndExample() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['" + URL + "'].post.operationId").value("previewBudgetAllocation"))
			.andExpect(jsonPath("$.paths['" + URL + "'].post.summary", containsString("·")))
			.andExpect(jsonPath("$.paths['" + URL + "'].post.requestBody.content['application/json'].examples").exists())
			.andExpect(jsonPath("$.components.schemas.BudgetAllocationPreviewBody.properties.total_t.description", containsString("tCO2")))
			.andExpect(jsonPath("$.components.schemas.BudgetAllocationHolderFigures.properties.gdp_10k_cny.description",
					containsString("10k CNY")))
			.andExpect(jsonPath("$.components.schemas.BudgetAllocationPreview.properties.reserve_t").exists());
		// ADR 0015: every property of a request schema described (OpenApiRulesTests.requestDescriptions)
		String doc = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		for (String schema : java.util.List.of("BudgetAllocationPreviewBody", "BudgetAllocationHolderFigures")) {
			java.util.Map<String, java.util.Map<String, Object>> properties = com.jayway.jsonpath.JsonPath.read(doc,
					"$.components.schemas." + schema + ".properties");
			assertThat(properties).isNotEmpty().allSatisfy((name, property) -> assertThat(property).as(schema + "." + name)
				.containsKey("description"));
		}
	}

}
