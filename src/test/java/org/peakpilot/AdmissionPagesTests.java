package org.peakpilot;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admission pages (issue 13): the application form (prefilled from the registry for an enterprise user, lines
 * added and removed through htmx), refused input named by row and field (never a 500), the assessment beside the form
 * without storing anything, and who may open what.
 */
@PeakPilotTest
class AdmissionPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** An enterprise user of a new steel works in Shawan's park (SHAWAN-EDZ, control zone SHAWAN-STEEL). */
	String steelUser() {
		long enterprise = fixtures.enterprise(SHAWAN, "3120", fixtures.parkId("SHAWAN-EDZ")).id();
		return fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise, Set.of());
	}

	@Test
	void anEnterpriseUsersFormIsPrefilledWithItsCountyParkAndIndustryFromTheRegistry() throws Exception {
		String user = steelUser();
		String form = page(get("/admission/new").with(fixtures.as(user)));
		assertThat(form).contains("id=\"admission-form\"", "id=\"line-table\"", "id=\"f-enterprise-name\"");
		// the selected options: county Shawan, park SHAWAN-EDZ (marked as a control zone), industry 3120
		assertThat(form).containsPattern("<option value=\"" + SHAWAN + "\"[^>]*selected");
		assertThat(form).containsPattern("<option value=\"SHAWAN-EDZ\"[^>]*selected[^>]*>[^<]*减污降碳重点管控区");
		assertThat(form).containsPattern("<option value=\"3120\"[^>]*selected");
		// factors come from accounting's reference data, with the units each accepts
		assertThat(form).containsPattern("<option value=\"NATURAL-GAS\" data-units=\"10\\^4 Nm3,Nm3\"");
		assertThat(form).doesNotContain("??");
		String en = page(get("/admission/new").param("lang", "en").with(fixtures.as(user)));
		assertThat(en).contains("Project carbon assessment application", "Energy and material use").doesNotContain("??");
	}

	@Test
	void onlyApplicantsOpenTheFormOthersAre403() throws Exception {
		page(get("/admission/new").with(fixtures.as(fixtures.cityOfficer())));
		for (String other : new String[] { fixtures.countyOfficer(SHAWAN), fixtures.user(Role.VERIFIER, null, null, null, Set.of()),
				fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of()) }) {
			mvc.perform(get("/admission/new").with(fixtures.as(other))).andExpect(status().isForbidden());
			mvc.perform(post("/admission/form/assess").with(fixtures.as(other)).with(csrf()).param("name", "x")).andExpect(status().isForbidden());
		}
	}

	@Test
	void aLineIsAddedAndRemovedByTheServerKeepingWhatWasTyped() throws Exception {
		String user = steelUser();
		String added = page(post("/admission/form/lines").with(fixtures.as(user)).with(csrf()).param("op", "add")
			.param("lines[0].type", "FUEL").param("lines[0].factorCode", "NATURAL-GAS").param("lines[0].quantity", "1200").param("lines[0].unit", "10^4 Nm3")
			.param("lines[1].type", "ELECTRICITY").param("lines[1].quantity", "5,000,000").param("lines[1].unit", "kWh"));
		// three rows: the two posted (figures as typed, the grouped one written out) and an empty fuel line
		assertThat(added.split("class=\"line-row\"", -1)).hasSize(4);
		assertThat(added).contains("name=\"lines[2].quantity\"", "value=\"1200\"", "value=\"5000000\"");
		String removed = page(post("/admission/form/lines").with(fixtures.as(user)).with(csrf()).param("op", "remove:0")
			.param("lines[0].type", "FUEL").param("lines[0].factorCode", "NATURAL-GAS").param("lines[0].quantity", "1200").param("lines[0].unit", "10^4 Nm3")
			.param("lines[1].type", "ELECTRICITY").param("lines[1].quantity", "5000000").param("lines[1].unit", "kWh"));
		// the electricity line is now the first, the gas line gone
		assertThat(removed.split("class=\"line-row\"", -1)).hasSize(2);
		assertThat(removed).contains("value=\"5000000\"").doesNotContain("value=\"1200\"");
		// a row index beyond the bound is no 500
		mvc.perform(post("/admission/form/lines").with(fixtures.as(user)).with(csrf()).param("lines[999999].quantity", "1"))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).isLessThan(500));
	}

	@Test
	void aFigureThatIsNoNumberIsNamedByRowAndFieldAndTheFieldIsMarked() throws Exception {
		String user = steelUser();
		String answer = page(post("/admission/form/assess").with(fixtures.as(user)).with(csrf()).param("name", "测试项目").param("county", SHAWAN)
			.param("industry", "3120").param("kind", "NEW").param("year", "2026").param("commissioning_year", "2028")
			.param("lines[0].type", "FUEL").param("lines[0].factorCode", "NATURAL-GAS").param("lines[0].quantity", "1200").param("lines[0].unit", "10^4 Nm3")
			.param("lines[1].type", "ELECTRICITY").param("lines[1].quantity", "abc").param("lines[1].unit", "kWh")
			.param("output_value_10k_cny", "12x"));
		// the second line's quantity, as the reader sees it, and the raw path for the script that marks the field
		assertThat(answer).contains("id=\"assess-errors\"", "活动数据 第 2 行 · 数量", "data-field=\"lines[1].quantity\"",
				"工业总产值（万元）", "data-field=\"output_value_10k_cny\"", "不是数字");
	}

	/** A valid steel rolling line in Shawan's control zone, as the form posts it (an empty line between the two). */
	MockHttpServletRequestBuilder rollingLine(String user, String url) {
		return post(url).with(fixtures.as(user)).with(csrf()).param("name", "测试钢材精整线").param("county", SHAWAN).param("park", "SHAWAN-EDZ")
			.param("industry", "3130").param("kind", "NEW").param("year", "2026").param("construction_start_year", "2026")
			.param("commissioning_year", "2028").param("products[0].code", "ROLLED_STEEL").param("products[0].quantity", "300000")
			.param("products[0].unit", "t").param("lines[0].type", "FUEL").param("lines[0].factorCode", "NATURAL-GAS")
			.param("lines[0].quantity", "300").param("lines[0].unit", "10^4 Nm3").param("lines[1].type", "FUEL")
			.param("lines[2].type", "ELECTRICITY").param("lines[2].quantity", "20000000").param("lines[2].unit", "kWh")
			.param("output_value_10k_cny", "80,000").param("value_added_10k_cny", "16000").param("investment_10k_cny", "45000");
	}

	@Test
	void assessShowsTheEnginesAssessmentBesideTheFormWithTheZoneByName() throws Exception {
		String user = steelUser();
		String answer = page(rollingLine(user, "/admission/form/assess"));
		assertThat(answer).doesNotContain("id=\"assess-errors\"").contains("id=\"assessment-view\"", "id=\"verdict\"", "id=\"reasons\"",
				"四川乐山沙湾经济开发区减污降碳重点管控区", "id=\"co2-by-source\"", "id=\"line-results\"");
		// 300 × 10^4 Nm3 of natural gas at its factor (21.6219 t per 10^4 Nm3, accounting's reference data): 6,486.57 t from fuel
		assertThat(answer).containsPattern("data-source=\"fuel\"><td>[^<]+</td><td class=\"num\">6,486\\.57</td>");
		assertThat(answer).doesNotContain("??");
	}

	@Test
	void anEngineRefusalNamesTheRowAsTheFormShowsIt() throws Exception {
		String user = steelUser();
		// gas in kWh on the form's fourth row: the engine names lines[2].unit of its body (the empty second row left out)
		String answer = page(rollingLine(user, "/admission/form/assess").param("lines[3].type", "FUEL").param("lines[3].factorCode", "NATURAL-GAS")
			.param("lines[3].quantity", "5").param("lines[3].unit", "kWh"));
		assertThat(answer).contains("data-field=\"lines[3].unit\"", "活动数据 第 4 行 · 单位").doesNotContain("id=\"assessment-view\"");
	}

	/** Files the rolling line through the form as {@code user}; the new project's id (from the redirect). */
	long filed(String user) throws Exception {
		String location = mvc.perform(rollingLine(user, "/admission")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(location).matches("/admission/\\d+");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void aChinesePageShowsTheEnginesRefusalsInChinese() throws Exception {
		String user = steelUser();
		// value added left out ("is required"), commissioning before construction start ("must not be before
		// construction_start_year"); the posted values replaced, not added to (param() would append a second value)
		org.springframework.test.web.servlet.request.RequestPostProcessor refused = r -> {
			r.removeParameter("value_added_10k_cny");
			r.setParameter("commissioning_year", "2025");
			return r;
		};
		String form = page(rollingLine(user, "/admission").with(refused));
		assertThat(form).contains("工业增加值（万元）: 必填", "投产年份: 不能早于开工年份", "<small class=\"field-error\">必填</small>",
				"<small class=\"field-error\">不能早于开工年份</small>").doesNotContain(">is required<", ": is required");
		String en = page(rollingLine(user, "/admission").param("lang", "en").with(refused));
		assertThat(en).contains(": is required", ": must not be before construction_start_year");
	}

	@Test
	void savingRefusedInputShowsTheFormAgainWithTheFieldNamedAndNothingStored() throws Exception {
		String user = steelUser();
		String form = page(rollingLine(user, "/admission").param("value_added_10k_cny", "").param("lines[2].quantity", "-5"));
		// value added missing, the electricity line's quantity negative: both at their fields, the typed figures kept
		assertThat(form).contains("id=\"form-errors\"", "工业增加值（万元）", "活动数据 第 3 行 · 数量", "value=\"300\"");
		assertThat(form).containsPattern("<td class=\"invalid\">\\s*<input[^>]*name=\"lines\\[2]\\.quantity\"");
		String list = page(get("/admission").with(fixtures.as(user)));
		assertThat(list).contains("id=\"no-projects\"");
	}

	@Test
	void anEnterpriseSeesOnlyItsOwnApplicationsAndACountyOfficerOnlyItsCounty() throws Exception {
		String user = steelUser();
		long id = filed(user);
		String project = page(get("/admission/" + id).with(fixtures.as(user)));
		assertThat(project).contains("data-status=\"DRAFT\"", "id=\"submit-form\"", "id=\"assessment-view\"", "id=\"edit\"");
		assertThat(page(get("/admission").with(fixtures.as(user)))).contains("data-id=\"" + id + "\"");
		// another enterprise of the same park, a county officer of another county: not found, not in their lists
		String neighbour = steelUser();
		String jiajiang = fixtures.countyOfficer(Counties.JIAJIANG);
		for (String other : new String[] { neighbour, jiajiang }) {
			mvc.perform(get("/admission/" + id).with(fixtures.as(other))).andExpect(status().isNotFound());
			mvc.perform(get("/admission/" + id + "/edit").with(fixtures.as(other))).andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(403, 404));
			mvc.perform(post("/admission/" + id + "/submit").with(fixtures.as(other)).with(csrf())).andExpect(result ->
				assertThat(result.getResponse().getStatus()).isIn(302, 403, 404));
			assertThat(page(get("/admission").with(fixtures.as(other)))).doesNotContain("data-id=\"" + id + "\"");
		}
		// the neighbour's refused submit changed nothing
		assertThat(page(get("/admission/" + id).with(fixtures.as(user)))).contains("data-status=\"DRAFT\"");
	}

	@Test
	void theProjectGoesFromSubmissionThroughTheCountyToTheCitysDecisionOnItsPage() throws Exception {
		String user = steelUser();
		long id = filed(user);
		mvc.perform(post("/admission/" + id + "/submit").with(fixtures.as(user)).with(csrf()).param("comment", "请审查"))
			.andExpect(status().is3xxRedirection());
		String shawan = fixtures.countyOfficer(SHAWAN);
		String queue = page(get("/admission").with(fixtures.as(shawan)));
		assertThat(queue).containsPattern("data-id=\"" + id + "\" data-status=\"SUBMITTED\"[^>]*class=\"project-row waiting\"|class=\"project-row waiting\"[^>]*data-id=\"" + id + "\"");
		assertThat(page(get("/admission/" + id).with(fixtures.as(shawan)))).contains("id=\"county-form\"").doesNotContain("id=\"city-form\"");
		// returning needs a comment: the refusal comes back on the page, the status unchanged
		mvc.perform(post("/admission/" + id + "/county-review").with(fixtures.as(shawan)).with(csrf()).param("action", "RETURN"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/admission/" + id + "/county-review").with(fixtures.as(shawan)).with(csrf()).param("action", "FORWARD")
			.param("comment", "同意转报")).andExpect(status().is3xxRedirection());
		String office = fixtures.cityOfficer();
		String decision = page(get("/admission/" + id).with(fixtures.as(office)));
		assertThat(decision).contains("data-status=\"CITY_REVIEW\"", "id=\"city-form\"", "id=\"headroom-before\"".equals("") ? "" : "id=\"assessment-view\"");
		String verdict = decision.replaceAll("(?s).*id=\"assessment-view\" data-verdict=\"([A-Z_]+)\".*", "$1");
		String action = verdict.equals("FAIL") ? "REJECT" : verdict.equals("ROUTE_UP") ? "ROUTE_UP" : "ADMIT";
		mvc.perform(post("/admission/" + id + "/city-decision").with(fixtures.as(office)).with(csrf()).param("action", action)
			.param("comment", "符合规划").param("conditions", "落实绿电采购\n安装在线监测")).andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("done", action));
		String after = page(get("/admission/" + id).with(fixtures.as(office)));
		String expected = action.equals("ADMIT") ? "ADMITTED" : action.equals("REJECT") ? "REJECTED" : "ROUTED_UP";
		assertThat(after).contains("data-status=\"" + expected + "\"", "data-action=\"FORWARDED\"", "同意转报");
		if (action.equals("ADMIT")) {
			assertThat(after).contains("/projects/key/admitted#admitted-" + id, "id=\"start-form\"", "id=\"reservation\"");
			// the link leads to the key-project library's list of admitted projects, where this one waits to be marked
			assertThat(page(get("/projects/key/admitted").with(fixtures.as(office)))).contains("id=\"admitted-" + id + "\"");
			// a start date that is no date: named on the page, never a 500; then the applicant records the start, the office may record commissioning
			mvc.perform(post("/admission/" + id + "/construction-start").with(fixtures.as(user)).with(csrf()).param("started_on", "morgen"))
				.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
			String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
			mvc.perform(post("/admission/" + id + "/construction-start").with(fixtures.as(user)).with(csrf()).param("started_on", today))
				.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "start"));
			assertThat(page(get("/admission/" + id).with(fixtures.as(office)))).contains("data-action=\"CONSTRUCTION_STARTED\"",
					"id=\"commission-form\"").doesNotContain("id=\"start-form\"");
		}
		// the applicant sees the verdict and the history, no reviewer's form
		assertThat(page(get("/admission/" + id).with(fixtures.as(user)))).contains("data-status=\"" + expected + "\"").doesNotContain("id=\"city-form\"");
	}

	@Test
	void theChinesePagesShowNoMessageKeyNoEnglishAndNoResearchNote() throws Exception {
		String user = steelUser();
		long id = filed(user);
		String office = fixtures.cityOfficer();
		List<String> problems = new java.util.ArrayList<>();
		problems.addAll(ChineseTextTests.problems("form", page(get("/admission/new").with(fixtures.as(user)))));
		problems.addAll(ChineseTextTests.problems("assessment", page(rollingLine(user, "/admission/form/assess"))));
		problems.addAll(ChineseTextTests.problems("project", page(get("/admission/" + id).with(fixtures.as(user)))));
		problems.addAll(ChineseTextTests.problems("edit", page(get("/admission/" + id + "/edit").with(fixtures.as(user)))));
		problems.addAll(ChineseTextTests.problems("list", page(get("/admission").with(fixtures.as(office)))));
		problems.addAll(ChineseTextTests.problems("work", page(get("/admission/work-summary").with(fixtures.as(office)))));
		assertThat(problems).isEmpty();
	}
}
