package org.peakpilot;

import java.util.List;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
 * Nothing computed reaches the public until the office publishes it: a complete year's indicators 1–3 show to
 * signed-in users marked "unpublished", the public cockpit and API show them only after publication (a step with
 * its own audit record), and a later recomputation leaves the published figure public until it is published too.
 */
// Own context: it publishes the city's indicators 1–3 and reads the public cockpit
@SpringBootTest(properties = "peakpilot.test.schema=pp_publication")
@AutoConfigureMockMvc
class PublicationTests {

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

	@Test
	void aComputedFigureIsPublicOnlyOncePublishedAndStaysWhatWasPublishedUntilRepublished() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		InventoryFixtures inventory = new InventoryFixtures(jdbc, registry);
		// complete coverage: the only key unit reported all 12 months, verified; every sector entered
		long steel = inventory.enterprise(SHAWAN, STEELMAKING, true);
		for (int month = 1; month <= 12; month++) {
			inventory.report(steel, SHAWAN, STEELMAKING, 2024, month, month == 12 ? "LOCKED" : "VERIFIED", "200", "100");
		}
		String officer = fixtures.cityOfficer();
		for (String code : List.of("TRANSPORT", "BUILDINGS", "AGRICULTURE", "OTHER")) {
			enter(officer, code + "_TCE", "100");
			enter(officer, code + "_CO2_T", "200");
		}
		enter(officer, "GDP", "4000");
		// (1200 + 400) tce ÷ 4000 = 0.4
		Observation computed = current("1");
		assertThat(computed.value()).isEqualByComparingTo("0.4");
		assertThat(computed.provisional()).isFalse();
		assertThat(computed.publishedAt()).isNull();

		// not public yet; signed-in users see it, marked unpublished
		mvc.perform(get("/api/v1/public/plan/items/1"))
			.andExpect(jsonPath("$.progress.status").value("NO_DATA")).andExpect(jsonPath("$.progress.latestValue").doesNotExist());
		mvc.perform(get("/api/v1/public/plan/items/1/observations")).andExpect(jsonPath("$.length()").value(0));
		mvc.perform(get("/api/v1/public/plan/indicators"))
			.andExpect(jsonPath("$[?(@.item.code == '1')].progress.status").value(hasItem("NO_DATA")));
		mvc.perform(get("/public/items/1")).andExpect(content().string(not(containsString(">0.4<"))));
		mvc.perform(get("/public/cockpit")).andExpect(content().string(containsString("data-code=\"1\" data-status=\"NO_DATA\"")));
		mvc.perform(get("/plan/items/1").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("未发布")))
			.andExpect(content().string(containsString("class=\"inline publish-form\"")));
		mvc.perform(get("/plan/cockpit").with(fixtures.as(officer))).andExpect(content().string(containsString("未发布")));
		mvc.perform(get("/api/v1/plan/items/1").with(basic(officer))).andExpect(jsonPath("$.progress.latestValue").value(0.4));

		// a county officer may not publish; the office may, by API, and that is audited
		String county = fixtures.countyOfficer(SHAWAN);
		mvc.perform(post("/api/v1/plan/items/1/observations/2024/publish").with(basic(county))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/plan/items/1/observations/2024/publish").with(basic(officer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.publishedBy").value(officer))
			.andExpect(jsonPath("$.publishedAt").isNotEmpty());
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "plan-item").with(admin()))
			.andExpect(jsonPath("$[?(@.action == 'plan.value.published')].entityId").value(hasItem("1/2024")));
		mvc.perform(get("/api/v1/public/plan/items/1")).andExpect(jsonPath("$.progress.latestValue").value(0.4));
		mvc.perform(get("/api/v1/public/plan/items/1/observations")).andExpect(jsonPath("$[0].value").value(0.4));
		mvc.perform(get("/public/items/1")).andExpect(content().string(containsString(">0.4<")));

		// and by the page's button (indicator 2: (2400 + 800) tCO2 ÷ 4000 = 0.8)
		mvc.perform(post("/plan/items/2/observations/2024/publish").with(fixtures.as(officer)).with(csrf()))
			.andExpect(redirectedUrl("/plan/items/2")).andExpect(flash().attribute("published", 2024));
		assertThat(current("2").publishedAt()).isNotNull();

		// a corrected GDP recomputes 1 (0.32): signed-in users see the new value unpublished, the public the published one
		enter(officer, "GDP", "5000");
		assertThat(current("1").value()).isEqualByComparingTo("0.32");
		assertThat(current("1").publishedAt()).isNull();
		mvc.perform(get("/api/v1/public/plan/items/1")).andExpect(jsonPath("$.progress.latestValue").value(0.4));
		mvc.perform(get("/api/v1/public/plan/items/1/observations"))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].value").value(0.4))
			.andExpect(jsonPath("$[0].supersededAt").doesNotExist());
		mvc.perform(get("/api/v1/plan/items/1").with(basic(officer))).andExpect(jsonPath("$.progress.latestValue").value(0.32));
		mvc.perform(post("/api/v1/plan/items/1/observations/2024/publish").with(basic(officer))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/public/plan/items/1")).andExpect(jsonPath("$.progress.latestValue").value(0.32));

		// publishing what is not there is a 404, never a 5xx
		mvc.perform(post("/api/v1/plan/items/1/observations/2019/publish").with(basic(officer))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/plan/items/nope/observations/2024/publish").with(basic(officer))).andExpect(status().isNotFound());
	}

	private void enter(String officer, String code, String value) throws Exception {
		mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":2024,\"code\":\"" + code + "\",\"value\":" + value + ",\"sourceDocument\":\"2024年统计资料（测试）\"}"))
			.andExpect(status().isCreated());
	}

	private Observation current(String item) {
		return plan.history(item).stream().filter(o -> o.year() == 2024 && o.current()).findFirst().orElseThrow();
	}
}
