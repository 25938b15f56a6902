package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Status;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Another pilot city runs on its own plan folder, with no code change: here a tiny fictional one. */
// Own context: another city's plan folder
@SpringBootTest(properties = { "peakpilot.plan.location=classpath:plans/test-fictional-city/",
		"peakpilot.test.schema=pp_second_city" })
@AutoConfigureMockMvc
class SecondCityTests {

	@Autowired
	PilotPlan plan;

	@Autowired
	Registry registry;

	@Autowired
	MockMvc mvc;

	@Test
	void loadsTheFictionalCitysPlanAndRegistry() throws Exception {
		assertThat(plan.info().code()).isEqualTo("test-fictional-city");
		assertThat(plan.info().baselineYear()).isEqualTo(2020);
		assertThat(plan.items(Kind.INDICATOR)).extracting(i -> i.nameEn())
			.containsExactly("Fictional energy intensity", "Fictional green power share", "Fictional intensity cap for new enterprises");
		assertThat(plan.items(Kind.COMMITMENT)).hasSize(2);
		assertThat(plan.item("2").target(2028).value()).isEqualByComparingTo("40");
		assertThat(plan.tracked(Kind.INDICATOR)).extracting(t -> t.progress().status()).containsOnly(Status.NO_DATA);
		assertThat(SystemActor.call("t", registry::counties)).extracting(c -> c.code()).containsExactly("990101", "990102");
		assertThat(registry.zones()).singleElement().satisfies(z -> {
			assertThat(z.countyCode()).isEqualTo("990101");
			assertThat(z.parks()).extracting(p -> p.code()).containsExactly("FICT-PARK");
		});
		mvc.perform(get("/public/cockpit")).andExpect(status().isOk())
			.andExpect(content().string(containsString("虚构绿电占比")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("单位GDP能源消费量"))));
	}

	@Test
	void reloadingAnUnchangedFolderKeepsTheVersion() {
		int version = plan.info().version();
		SystemActor.run("t", () -> org.springframework.test.util.ReflectionTestUtils.invokeMethod(plan, "load"));
		assertThat(plan.info().version()).isEqualTo(version);
	}
}
