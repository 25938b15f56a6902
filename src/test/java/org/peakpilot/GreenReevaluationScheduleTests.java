package org.peakpilot;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.projects.internal.GreenLibraryStore;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The green library's periodic re-evaluation by the injected clock (what {@code GreenReevaluationJob} runs daily as
 * {@code system:green-reevaluation}): an entry is due only when its last evaluation is older than the plan folder's
 * reevaluation.interval-days (90 for Leshan). Industry 3072, 2021: G 1,000 MWh over 1,000 万元 = 125.5 t (0.1255
 * t/万元), H 4,000 MWh over 500 万元 = 502 t; average 627.5 ÷ 1,500 = 0.418333, G's ratio 0.3 → grade 1; G's 2022
 * alone in its industry: ratio 1 → grade 3.
 */
// Own context: a movable clock, and its own schema so the industry's figures are this class's only
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "peakpilot.test.clock=2026-03-01T02:00:00Z", "peakpilot.test.schema=pp_green_clock" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class GreenReevaluationScheduleTests {

	@Autowired
	MockMvc mvc;

	/** Green kWh of a report need claimed green certificates (issue 15): {@link GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	GreenLibraryStore store;

	@Autowired
	MovableClock now;

	@Test
	void aListedEntryIsReEvaluatedOnlyOnceItsLastEvaluationIsOlderThanTheInterval() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		String office = f.cityOfficer();
		RegistryModel.Enterprise g = f.enterprise(SHIZHONG, "3072", null);
		RegistryModel.Enterprise h = f.enterprise(SHIZHONG, "3072", null);
		String verifier = f.user(Role.VERIFIER, null, null, null, Set.of(g.id(), h.id()));
		verified(g, 2021, "1000000", ", \"greenKwh\": 400000", "1000", office, verifier);
		verified(h, 2021, "4000000", "", "500", office, verifier);
		String user = f.user(Role.ENTERPRISE_USER, null, null, g.id(), Set.of());
		String body = mvc.perform(multipart("/api/v1/projects/green/applications").file(new MockMultipartFile("file", "e.pdf", "application/pdf",
				"%PDF-1.4 x".getBytes())).param("kind", "ENTERPRISE").with(basic(user))).andExpect(status().isCreated())
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(1)).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isOk()).andExpect(jsonPath("$.listed_on").value("2026-03-01"));
		verified(g, 2022, "1000000", ", \"greenKwh\": 400000", "1000", office, verifier);

		// 89 days later the entry is not due: nothing evaluated, nothing flagged
		now.set(now.instant().plus(Duration.ofDays(89)));
		assertThat(SystemActor.call("green-reevaluation", () -> store.reevaluate(true))).isEmpty();
		mvc.perform(get("/api/v1/projects/green/applications/{id}", id).with(basic(office)))
			.andExpect(jsonPath("$.status").value("LISTED")).andExpect(jsonPath("$.last_evaluation.occasion").value("DECISION"));
		// after 90 days it is: the 2022 grade 3 flags it
		now.set(now.instant().plus(Duration.ofDays(2)));
		List<Long> flagged = SystemActor.call("green-reevaluation", () -> store.reevaluate(true));
		assertThat(flagged).containsExactly(id);
		mvc.perform(get("/api/v1/projects/green/applications/{id}", id).with(basic(office)))
			.andExpect(jsonPath("$.status").value("FLAGGED"))
			.andExpect(jsonPath("$.last_evaluation.evaluated_by").value("system:green-reevaluation"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(3));
		// a flagged entry waits for the office: the next run leaves it alone
		now.set(now.instant().plus(Duration.ofDays(100)));
		assertThat(SystemActor.call("green-reevaluation", () -> store.reevaluate(true))).isEmpty();
	}

	void verified(RegistryModel.Enterprise e, int year, String kwh, String green, String output, String office, String verifier) throws Exception {
		if (!green.isBlank()) {
			GreenClaimFixture.claim(mvc, greenJdbc, e.id(), year, Long.parseLong(green.replaceAll("\\D", "")) / 1000);
		}
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/" + year + "/1").with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": %s, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"%s}}]}
					""".formatted(output, kwh, green)))
			.andExpect(status().isOk());
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/" + year + "/1")
			.with(basic(office))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isOk());
	}
}
