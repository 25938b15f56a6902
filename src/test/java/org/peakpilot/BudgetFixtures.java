package org.peakpilot;

import java.math.BigDecimal;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The budget tests' shared steps through the budget API: a draft of a year, its allocation by GDP to Shizhong, Shawan
 * and Wutongqiao, and the approval steps to publication. Only inputs and steps: the figures a test asserts stay
 * computed in the test from the formulas. A plain object on the test's {@link MockMvc} (no bean), so using it changes
 * no test's Spring context.
 */
final class BudgetFixtures {

	/** GDP (万元) of Shizhong 6,500,000, Shawan 2,400,000 and Wutongqiao 1,800,000: Σ 10,700,000. */
	static final String BY_GDP = """
			{"method": "GDP_SHARE", "holders": [
			  {"code": "511102", "gdp_10k_cny": 6500000},
			  {"code": "511111", "gdp_10k_cny": 2400000},
			  {"code": "511112", "gdp_10k_cny": 1800000}]}""";

	private final MockMvc mvc;

	BudgetFixtures(MockMvc mvc) {
		this.mvc = mvc;
	}

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	/** The URL of the year's versions. */
	static String versions(int year) {
		return "/api/v1/budget/years/" + year + "/versions";
	}

	/** A holder's budget_t in a version's JSON. */
	static BigDecimal budget(String json, String code) {
		List<Object> b = JsonPath.read(json, "$.holders[?(@.code == '" + code + "')].budget_t");
		return d(b.get(0));
	}

	/** A JSON POST (no body when {@code body} is null) as {@code who} (anonymous when null). */
	ResultActions post(RequestPostProcessor who, String url, String body) throws Exception {
		var req = MockMvcRequestBuilders.post(url);
		if (who != null) {
			req = req.with(who);
		}
		return mvc.perform(body == null ? req : req.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** Version 1 of the year from {@code draft} (201), allocated by {@link #BY_GDP} (200); the allocation's JSON. */
	String allocated(RequestPostProcessor office, int year, String draft) throws Exception {
		post(office, versions(year), draft).andExpect(status().isCreated());
		return post(office, versions(year) + "/1/allocation", BY_GDP).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	/**
	 * Version 1 of the year allocated as {@link #allocated}, advanced three times by the city office (county, city and
	 * leading-group review, each 200) and published by it: the publication's result, for the test to check.
	 */
	ResultActions publish(RequestPostProcessor office, int year, String draft) throws Exception {
		allocated(office, year, draft);
		for (int i = 0; i < 3; i++) {
			post(office, versions(year) + "/1/advance", null).andExpect(status().isOk());
		}
		return post(office, versions(year) + "/1/publish", null).andExpect(status().isOk());
	}

	/**
	 * A version (its URL) taken through the approval steps with the county's step by a county officer: the office
	 * advances to county review, the county officer to city review, the office to leading-group review and publishes
	 * (each 200).
	 */
	void approve(RequestPostProcessor office, RequestPostProcessor county, String version) throws Exception {
		post(office, version + "/advance", null).andExpect(status().isOk());
		post(county, version + "/advance", null).andExpect(status().isOk());
		post(office, version + "/advance", null).andExpect(status().isOk());
		post(office, version + "/publish", null).andExpect(status().isOk());
	}
}
