package org.peakpilot;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Figures computed from incomplete data stay provisional (architecture rule 7): the case of issue 9, one month of
 * one key enterprise's report plus GDP, must not make indicator 1 "achieved"; it shows "provisional, N % covered"
 * and no status. And a year without a value is a gap in the history chart, not a zero.
 */
// Own context: the city's indicator 1 and the public cockpit must see this class's data only
@SpringBootTest(properties = "peakpilot.test.schema=pp_provisional")
@AutoConfigureMockMvc
class ProvisionalFiguresTests {

	static final String STEELMAKING = "3120";

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
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	@Test
	void oneMonthOfOneKeyEnterprisePlusGdpGivesAProvisionalIndicatorWithItsCoverageAndNoStatus() throws Exception {
		InventoryFixtures inventory = new InventoryFixtures(jdbc, registry);
		long steel = inventory.enterprise(SHAWAN, STEELMAKING, true);
		inventory.report(steel, SHAWAN, STEELMAKING, 2024, 1, "VERIFIED", "250", "100");
		// provincial targets that a tiny value would "meet"
		for (int year : new int[] { 2025, 2030 }) {
			mvc.perform(put("/api/v1/plan/items/1/provincial-targets/" + year).with(admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":0.8,\"sourceDocument\":\"省下达目标文件（测试）\"}")).andExpect(status().isOk());
		}
		String officer = fixtures.cityOfficer();
		mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2024,\"code\":\"GDP\",\"value\":1000,\"sourceDocument\":\"2024年统计公报（测试）\"}"))
			.andExpect(status().isCreated());

		// 100 tce ÷ 1000 = 0.1, from 1 of 12 key-unit months (8.3 %) and no sector entered
		Observation one = plan.history("1").stream().filter(o -> o.year() == 2024 && o.current()).findFirst().orElseThrow();
		assertThat(one.value()).isEqualByComparingTo("0.1");
		assertThat(one.provisional()).isTrue();
		assertThat(one.coveragePercent()).isEqualByComparingTo("8.3");

		mvc.perform(get("/api/v1/plan/items/1").with(basic(officer)))
			.andExpect(jsonPath("$.progress.status").value("PROVISIONAL"))
			.andExpect(jsonPath("$.progress.args[0]").value("8.3"));
		mvc.perform(get("/plan/items/1").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("暂定，覆盖 8.3 %")))
			.andExpect(content().string(not(containsString("已达标"))))
			.andExpect(content().string(not(containsString("已达到"))));
		mvc.perform(get("/plan/cockpit").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("data-code=\"1\" data-status=\"PROVISIONAL\"")));
		mvc.perform(get("/plan/items/1").param("lang", "en").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("Provisional, 8.3 % covered")))
			.andExpect(content().string(not(containsString("Achieved"))));
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(officer)))
			.andExpect(jsonPath("$.coverage.complete").value(false))
			.andExpect(jsonPath("$.coverage.percent").value(8.3))
			.andExpect(jsonPath("$.coverage.keyUnits").value(1))
			.andExpect(jsonPath("$.coverage.keyUnitMonthsExpected").value(12))
			.andExpect(jsonPath("$.coverage.keyUnitMonthsVerified").value(1))
			.andExpect(jsonPath("$.coverage.sectorsMissing.length()").value(4));
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("暂定，覆盖 8.3 %")))
			.andExpect(content().string(containsString("id=\"sectors-missing\"")));

		// nor can it be published, and the public never sees it
		mvc.perform(post("/api/v1/plan/items/1/observations/2024/publish").with(basic(officer)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("provisional")));
		mvc.perform(get("/public/cockpit"))
			.andExpect(content().string(containsString("data-code=\"1\" data-status=\"NO_DATA\"")));
		mvc.perform(get("/api/v1/public/plan/items/1")).andExpect(jsonPath("$.progress.status").value("NO_DATA"));

		// the history chart draws it apart, as provisional, not as an observed value
		JsonNode chart = chart("/plan/items/1", officer);
		assertThat(chart.get("values").get(0).get(1).isNull()).isTrue();
		assertThat(chart.get("provisional").get(0).get(1).decimalValue()).isEqualByComparingTo("0.1");
	}

	@Test
	void aYearWithoutAValueIsAGapInTheHistoryChartNotAZero() throws Exception {
		for (String[] v : List.of(new String[] { "2021", "5.3" }, new String[] { "2023", "5.6" })) {
			mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"itemCode\":\"4\",\"year\":" + v[0] + ",\"value\":" + v[1] + ",\"sourceDocument\":\"统计公报（测试）\"}"))
				.andExpect(status().isCreated());
		}
		String officer = fixtures.cityOfficer();
		for (JsonNode chart : List.of(chart("/plan/items/4", officer), chart("/public/items/4", null))) {
			JsonNode values = chart.get("values");
			assertThat(values.size()).isEqualTo(3);
			assertThat(values.get(0).get(0).asString()).isEqualTo("2021");
			assertThat(values.get(1).get(0).asString()).isEqualTo("2022");
			assertThat(values.get(1).get(1).isNull()).as("2022 has no value: null, not 0").isTrue();
			assertThat(values.get(2).get(1).decimalValue()).isEqualByComparingTo(new BigDecimal("5.6"));
		}
	}

	private JsonNode chart(String path, String user) throws Exception {
		var request = get(path);
		if (user != null) {
			request = request.with(fixtures.as(user));
		}
		String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
		assertThat(m.find()).isTrue();
		return json.readTree(m.group(1));
	}
}
