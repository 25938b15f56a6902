package org.peakpilot;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.InputError;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one page advice (ADR 0013, "Web"): a refused form comes back to its page with the field named — a redirect with
 * the errors as flash attributes for the forms that post and go back, the form rendered again for those that are
 * shown on the response — a missing thing is the 404 page, the API keeps its RFC 9457 problems, and the way back is a
 * path of this application whatever the request carries.
 */
@PeakPilotTest
class PageErrorAdviceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void aReadingThatIsNoNumberOnTheExchangeFormComesBackToTheMetersPageNamingTheField() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.meter("""
				{"code": "EX-1", "name": "进线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER", "intervalMinutes": 15,
				 "maxPerInterval": 5000, "counterMax": 999999}""");
		MvcResult r = mvc.perform(post("/monitoring/meters/" + meter + "/exchanges").with(fixtures.as(e.user)).with(csrf())
			.param("replacedAt", "2026-11-24T10:07:00+08:00").param("oldFinal", "12a4").param("newInitial", "0"))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/meters/" + meter + "#exchanges")).andReturn();
		assertThat(fields(r)).containsExactly("oldFinal");
		assertThat(errors(r).get(0).message()).isEqualTo("'12a4' is not a number");
		// the page shows it
		mvc.perform(get("/monitoring/meters/" + meter).with(fixtures.as(e.user)).cookie(Fixtures.session(r)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("oldFinal")));
	}

	@Test
	void readingsOnTheExchangeFormBindInExponentFormAndWithFullWidthSeparatorsButNotBeyondThirtyDigits() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.meter("""
				{"code": "EX-2", "name": "进线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER", "intervalMinutes": 15,
				 "maxPerInterval": 5000, "counterMax": 999999}""");
		MvcResult exponents = mvc.perform(post("/monitoring/meters/" + meter + "/exchanges").with(fixtures.as(e.user)).with(csrf())
			.param("replacedAt", "2026-11-24T10:07:00+08:00").param("oldFinal", "1.2345E4").param("newInitial", "1e-3").param("reason", "换表"))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/meters/" + meter + "#exchanges")).andReturn();
		assertThat(flash(exponents)).doesNotContainKey("errors").containsEntry("done", "exchanged");
		MvcResult grouped = mvc.perform(post("/monitoring/meters/" + meter + "/exchanges").with(fixtures.as(e.user)).with(csrf())
			.param("replacedAt", "2026-11-25T10:07:00+08:00").param("oldFinal", "12，345.6").param("newInitial", "0").param("reason", "换表"))
			.andExpect(status().isFound()).andReturn();
		assertThat(flash(grouped)).doesNotContainKey("errors").containsEntry("done", "exchanged");
		String exchanges = mvc.perform(get("/api/v1/monitoring/meters/" + meter + "/exchanges").with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(decimals(exchanges, "$[*].oldFinal")).containsExactlyInAnyOrder("12345", "12345.6");
		assertThat(decimals(exchanges, "$[*].newInitial")).containsExactlyInAnyOrder("0.001", "0");
		MvcResult r = mvc.perform(post("/monitoring/meters/" + meter + "/exchanges").with(fixtures.as(e.user)).with(csrf())
			.param("replacedAt", "2026-11-26T10:07:00+08:00").param("oldFinal", "1e999999999").param("newInitial", "1,2"))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/meters/" + meter + "#exchanges")).andReturn();
		assertThat(fields(r)).containsExactlyInAnyOrder("oldFinal", "newInitial");
		assertThat(errors(r)).extracting(InputError::message).containsExactlyInAnyOrder("'1e999999999' is not a number", "'1,2' is not a number");
	}

	@Test
	void aRefusedBackFillKeepsTheLinesAndTheReason() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.intervalMeter("BF-1", "ELECTRICITY", "kWh", 15, 5000, null);
		MvcResult r = mvc.perform(post("/monitoring/meters/" + meter + "/backfill").with(fixtures.as(e.user)).with(csrf())
			.param("reason", "网关断电补录").param("lines", "not a time,12"))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/meters/" + meter + "#gaps")).andReturn();
		assertThat(errors(r)).isNotEmpty();
		assertThat(flash(r)).containsEntry("lines", "not a time,12").containsEntry("reason", "网关断电补录");
	}

	@Test
	void aMeterFormWithLettersInANumberIsShownAgainWithWhatWasTyped() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		mvc.perform(post("/monitoring/enterprises/" + e.id() + "/meters").with(fixtures.as(e.user)).with(csrf())
			.param("code", "M-9").param("name", "窑头").param("energyCode", "ELECTRICITY").param("unit", "kWh").param("kind", "COUNTER")
			.param("multiplier", "x2").param("intervalMinutes", "15").param("maxPerInterval", "5000").param("counterMax", "999999"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("multiplier")))
			.andExpect(content().string(containsString("value=\"x2\"")))
			.andExpect(content().string(containsString("value=\"M-9\"")));
		mvc.perform(post("/monitoring/enterprises/" + e.id() + "/meters").with(fixtures.as(e.user)).with(csrf())
			.param("code", "M-9").param("name", "窑头").param("energyCode", "ELECTRICITY").param("unit", "kWh").param("kind", "SOMETIMES"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("kind")));
	}

	@Test
	void aYearThatIsNoNumberOnTheCityInventoryFormComesBackWithTheFormAsTyped() throws Exception {
		MvcResult r = mvc.perform(post("/accounting/inventory/inputs").with(fixtures.as("admin")).with(csrf())
			.param("year", "20x4").param("code", "POPULATION").param("value", "3,1e").param("sourceDocument", "统计年鉴"))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/accounting/inventory#input-form")).andReturn();
		assertThat(fields(r)).containsExactlyInAnyOrder("year", "value");
		assertThat(flash(r)).containsEntry("formYear", "20x4").containsEntry("formValue", "3,1e")
			.containsEntry("formSource", "统计年鉴");
		mvc.perform(get("/accounting/inventory").with(fixtures.as("admin")).cookie(Fixtures.session(r)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("20x4")));
	}

	@Test
	void aParkThatIsNoIdOnTheUserFormIsShownAgainNamingTheField() throws Exception {
		mvc.perform(post("/admin/users").with(fixtures.as("admin")).with(csrf()).param("username", "advice-user").param("displayName", "x")
			.param("password", Fixtures.PASSWORD).param("role", "PARK_MANAGER").param("parkId", "park-one")
			.param("assignedEnterprises", "7", "seven"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("parkId")))
			.andExpect(content().string(containsString("assignedEnterprises")));
	}

	@Test
	void anAlarmIdThatIsNoNumberAndAPlanValueThatIsNoNumberGoBackToTheirLists() throws Exception {
		MvcResult alarms = mvc.perform(post("/monitoring/alarms/close").with(fixtures.as("admin")).with(csrf()).param("ids", "1", "drop table")
			.param("comment", "x")).andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/alarms")).andReturn();
		assertThat(fields(alarms)).containsExactly("ids");
		MvcResult plan = mvc.perform(post("/plan/items/3/observations").with(fixtures.as("admin")).with(csrf()).param("year", "2025")
			.param("value", "12..5")).andExpect(status().isFound()).andExpect(redirectedUrl("/plan/items/3")).andReturn();
		assertThat(fields(plan)).containsExactly("value");
		assertThat(flash(plan)).containsEntry("formValue", "12..5");
		MvcResult target = mvc.perform(post("/plan/items/3/provincial-targets").with(fixtures.as("admin")).with(csrf()).param("year", "two")
			.param("value", "1")).andExpect(status().isFound()).andExpect(redirectedUrl("/plan/items/3")).andReturn();
		assertThat(((List<?>) target.getFlashMap().get("targetErrors"))).hasSize(1);
	}

	@Test
	void aBusinessRuleGoesBackWithItsMessageUnderTheHandlersField() throws Exception {
		// an action the alarm does not know is refused input; closing an alarm that does not exist is not found
		MvcResult r = mvc.perform(post("/monitoring/alarms/1/dance").with(fixtures.as("admin")).with(csrf()))
			.andExpect(status().isFound()).andExpect(redirectedUrl("/monitoring/alarms")).andReturn();
		assertThat(fields(r)).containsExactly("action");
		mvc.perform(post("/monitoring/alarms/999999999/close").with(fixtures.as("admin")).with(csrf()).param("comment", "x"))
			.andExpect(status().isNotFound());
	}

	@Test
	void somethingThatDoesNotExistOnAPageIsThe404PageAndOnTheApiAProblem() throws Exception {
		mvc.perform(get("/monitoring/meters/999999999").with(fixtures.as("admin")))
			.andExpect(status().isNotFound())
			.andExpect(result -> assertThat(String.valueOf(result.getResponse().getContentType())).doesNotContain("json"));
		mvc.perform(get("/registry/enterprises/999999999").with(fixtures.as("admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/registry/enterprises/999999999").with(basic(fixtures.cityOfficer())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
		// refused input on the API: still a 400 problem naming the field, no redirect
		mvc.perform(put("/api/v1/plan/items/3/provincial-targets/2025").with(basic(fixtures.cityOfficer()))
			.contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"abc\", \"sourceDocument\": \"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aPageRequestWithoutARequiredParameterIsThe400PageNamingItAndOnTheApiAProblem() throws Exception {
		// a form posted without its month: the page answers 400 for the error page, not Boot's problem JSON
		MvcResult page = mvc.perform(post("/monitoring/closing").with(fixtures.as("admin")).with(csrf()).param("enterpriseId", "1"))
			.andExpect(status().isBadRequest()).andReturn();
		assertThat(page.getResponse().getContentAsString()).isEmpty();
		assertThat(String.valueOf(page.getResponse().getContentType())).doesNotContain("json");
		assertThat(page.getRequest().getAttribute("missingParameter")).isEqualTo("month");
		// the error page it is forwarded to (MockMvc does not forward), in the reader's language
		for (String[] language : new String[][] { { "zh_CN", "请求不完整", "缺少必填项“month”。" },
				{ "en", "Incomplete request", "The required field “month” is missing." } }) {
			mvc.perform(get("/error").param("lang", language[0]).with(fixtures.as("admin")).accept(MediaType.TEXT_HTML)
				.requestAttr("jakarta.servlet.error.status_code", 400).requestAttr("jakarta.servlet.error.request_uri", "/monitoring/closing")
				.requestAttr("missingParameter", "month"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
				.andExpect(content().string(containsString("<h1>" + language[1] + "</h1>")))
				.andExpect(content().string(containsString(language[2])));
		}
		// the API keeps its RFC 9457 problem, naming the parameter
		mvc.perform(get("/api/v1/accounting/reports/overdue").with(basic(fixtures.cityOfficer())))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value("year"));
	}

	@Test
	void theWayBackIsAPathOfThisApplicationWhateverTheRequestCarries() throws Exception {
		// the Referer is never read; a path variable is one encoded path segment
		MvcResult r = mvc.perform(post("/plan/items/@evil.example/observations").with(fixtures.as("admin")).with(csrf())
			.header(HttpHeaders.REFERER, "https://evil.example/phish").param("year", "2025").param("value", "x"))
			.andExpect(status().isFound()).andReturn();
		assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/plan/items/@evil.example");
		// the expansion itself (a variable holding "//host", templates that are no path): PageErrorAdviceTargetTests
	}

	/** The decimals at a JSON path, written out without trailing zeros, to compare whatever JSON number type they come as. */
	private static List<String> decimals(String json, String path) {
		List<Object> values = com.jayway.jsonpath.JsonPath.read(json, path);
		return values.stream().map(v -> new java.math.BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString()).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<InputError> errors(MvcResult r) {
		assertThat(flash(r)).containsKey("errors");
		return (List<InputError>) r.getFlashMap().get("errors");
	}

	private static Map<String, Object> flash(MvcResult r) {
		return new java.util.HashMap<>(r.getFlashMap());
	}

	private static List<String> fields(MvcResult r) {
		return errors(r).stream().map(InputError::field).toList();
	}
}
