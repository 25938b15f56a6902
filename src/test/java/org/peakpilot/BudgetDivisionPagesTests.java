package org.peakpilot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The division page below the counties (issue 12, ADR 0016 amendment "dividing below the counties on a page"): a
 * city officer divides Shawan among its park and enterprises by historical emissions through the form, the stored
 * budgets equal the largest-remainder figures computed here, the county contains its holders plus its common part;
 * another county's officer gets 403; refused input comes back on the form naming the field, never a 500. Each test
 * uses its own year.
 */
@PeakPilotTest
class BudgetDivisionPagesTests {

	static final String PARK = "SHAWAN-EDZ";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	/** Version 1 of the year allocated by GDP to three counties; Shawan's budget_t. */
	BigDecimal allocated(int year) throws Exception {
		String json = new BudgetFixtures(mvc).allocated(basic(fixtures.cityOfficer()), year, BudgetPagesTests.DRAFT);
		return BudgetFixtures.budget(json, SHAWAN);
	}

	static String url(int year) {
		return "/budget/" + year + "/versions/1/divide?level=COUNTY&parent=" + SHAWAN;
	}

	/** Whole tonnes by largest remainder: floors, then one tonne each by the largest fraction, ties by code. */
	static List<BigDecimal> largestRemainder(BigDecimal amount, List<BigDecimal> raw, List<String> codes) {
		MathContext mc = new MathContext(50);
		BigDecimal sum = raw.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		List<BigDecimal> floors = new ArrayList<>();
		List<BigDecimal> fractions = new ArrayList<>();
		for (BigDecimal r : raw) {
			BigDecimal quota = amount.multiply(r).divide(sum, mc);
			floors.add(quota.setScale(0, RoundingMode.FLOOR));
			fractions.add(quota.subtract(quota.setScale(0, RoundingMode.FLOOR)));
		}
		int left = amount.subtract(floors.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).intValueExact();
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.<Integer, BigDecimal>comparing(fractions::get).reversed().thenComparing(codes::get));
		for (int k = 0; k < left; k++) {
			floors.set(order.get(k), floors.get(order.get(k)).add(BigDecimal.ONE));
		}
		return floors;
	}

	/** The park, an enterprise outside parks (f 0.98, 300 days) and a national-ETS enterprise, by historical emissions. */
	MockHttpServletRequestBuilder division(int year, String office, Enterprise e0, Enterprise ets, String action, String... overrides) {
		java.util.Map<String, String[]> p = new java.util.LinkedHashMap<>();
		p.put("action", new String[] { action });
		p.put("methods", new String[] { "HISTORICAL_EMISSIONS", "HISTORICAL_INTENSITY" });
		p.put("method", new String[] { "HISTORICAL_EMISSIONS" });
		p.put("common", new String[] { "1,000" });
		p.put("preAllocationShare", new String[] { "0.7" });
		String[] rows = { "holders[0].code", PARK, "holders[0].kind", "PARK", "holders[0].baseEmissions", "50000", "holders[0].output", "100000",
				"holders[0].historicalIntensity", "0.5", "holders[1].code", e0.uscc(), "holders[1].kind", "ENTERPRISE",
				"holders[1].baseEmissions", "12000", "holders[1].controlFactor", "0.98", "holders[1].days", "300", "holders[1].output", "20000",
				"holders[1].historicalIntensity", "0.6", "holders[2].code", ets.uscc(), "holders[2].kind", "ENTERPRISE",
				"holders[2].baseEmissions", "9000", "holders[2].nationalEts", "true", "holders[2].etsSource", "MEE national ETS list 2026" };
		for (int i = 0; i < rows.length; i += 2) {
			p.put(rows[i], new String[] { rows[i + 1] });
		}
		for (int i = 0; i < overrides.length; i += 2) {
			p.put(overrides[i], new String[] { overrides[i + 1] });
		}
		MockHttpServletRequestBuilder req = post(url(year)).with(fixtures.as(office)).with(csrf());
		p.forEach(req::param);
		return req;
	}

	@Test
	void aCityOfficerDividesACountyByHistoricalEmissionsOnThePageAndTheCountyContainsItsHolders() throws Exception {
		int year = 2081;
		BigDecimal shawan = allocated(year);
		String office = fixtures.cityOfficer();
		Enterprise e0 = fixtures.enterprise(SHAWAN, "3011", null);
		Enterprise ets = fixtures.enterprise(SHAWAN, "3011", null);
		// the page: the county's budget, its park and its enterprises outside parks from the registry
		String page = mvc.perform(get(url(year)).with(fixtures.as(office))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"parent-budget\"", "data-value=\"" + shawan.toPlainString() + "\"", "data-code=\"" + PARK + "\"",
			"data-code=\"" + e0.uscc() + "\"", e0.name(), "id=\"division\"");
		// the workspace links to it for the draft's counties
		String workspace = mvc.perform(get("/budget/" + year + "/allocation").with(fixtures.as(office))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(workspace).contains("/budget/" + year + "/versions/1/divide?level=COUNTY&amp;parent=" + SHAWAN);
		// methods side by side: each sums to the county's budget minus the common part
		String compared = mvc.perform(division(year, office, e0, ets, "compare")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(compared).contains("id=\"comparison\"", "data-method=\"HISTORICAL_EMISSIONS\"", "data-method=\"HISTORICAL_INTENSITY\"")
			.doesNotContain("id=\"input-errors\"");
		// divided by the chosen method through SubAllocations
		// a registry holder's row left empty takes no part
		Enterprise left = fixtures.enterprise(SHAWAN, "3011", null);
		mvc.perform(division(year, office, e0, ets, "divide", "holders[3].code", left.uscc(), "holders[3].kind", "ENTERPRISE"))
			.andExpect(status().is3xxRedirection());
		BigDecimal amount = shawan.subtract(d("1000"));
		// raw = emissions × f × days ÷ 365; the ETS enterprise takes no part
		BigDecimal rawPark = d("50000");
		BigDecimal rawE0 = d("12000").multiply(d("0.98")).multiply(d("300")).divide(d("365"), new MathContext(50));
		List<BigDecimal> expected = largestRemainder(amount, List.of(rawPark, rawE0), List.of(PARK, e0.uscc()));
		assertThat(expected.get(0).add(expected.get(1))).isEqualByComparingTo(amount);
		String json = mvc.perform(get("/api/v1/budget/years/" + year).with(basic(office))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(BudgetFixtures.budget(json, PARK)).isEqualByComparingTo(expected.get(0));
		assertThat(BudgetFixtures.budget(json, e0.uscc())).isEqualByComparingTo(expected.get(1));
		assertThat(BudgetFixtures.budget(json, ets.uscc())).isEqualByComparingTo("0");
		// 70 % of the enterprises' budgets issued now, half up: all of it to e0 (the ETS line has 0 t)
		List<Object> pre = JsonPath.read(json, "$.holders[?(@.code == '" + e0.uscc() + "')].pre_allocated_t");
		assertThat(d(pre.get(0))).isEqualByComparingTo(expected.get(1).multiply(d("0.7")).setScale(0, RoundingMode.HALF_UP));
		// containment: the county's budget = Σ holders below it + its common part
		List<Object> below = JsonPath.read(json, "$.holders[?(@.parent == '" + SHAWAN + "')].budget_t");
		BigDecimal sum = below.stream().map(BudgetDivisionPagesTests::d).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(below).hasSize(3);
		assertThat(json).doesNotContain(left.uscc());
		assertThat(sum.add(d("1000"))).isEqualByComparingTo(BudgetFixtures.budget(json, SHAWAN));
		// the page shows the division, prefilled, with the containment
		String after = mvc.perform(get(url(year)).with(fixtures.as(office))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(after).contains("id=\"result\"", "id=\"containment\" data-holds=\"true\"", "value=\"MEE national ETS list 2026\"",
			"data-budget=\"" + expected.get(1).toPlainString() + "\"");
	}

	@Test
	void anotherCountysOfficerGets403AndTheCountysOwnOfficerMayDivide() throws Exception {
		int year = 2082;
		allocated(year);
		String other = fixtures.countyOfficer(WUTONGQIAO);
		mvc.perform(get(url(year)).with(fixtures.as(other))).andExpect(status().isForbidden());
		mvc.perform(post(url(year)).with(fixtures.as(other)).with(csrf()).param("action", "divide").param("method", "HISTORICAL_EMISSIONS")
			.param("holders[0].code", PARK).param("holders[0].kind", "PARK").param("holders[0].baseEmissions", "1"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/budget/" + year + "/versions/1/divide?level=PARK&parent=" + PARK).with(fixtures.as(other)))
			.andExpect(status().isForbidden());
		mvc.perform(get("/budget/" + year + "/versions/1/divide?level=CITY").with(fixtures.as(other))).andExpect(status().isForbidden());
		String own = fixtures.countyOfficer(SHAWAN);
		mvc.perform(get(url(year)).with(fixtures.as(own))).andExpect(status().isOk());
		// the cockpit's drill-down of a county of a draft links to its division
		String cockpit = mvc.perform(get("/budget/" + year + "?version=1&holder=" + SHAWAN).with(fixtures.as(own))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(cockpit).contains("id=\"divide-link\"", "/budget/" + year + "/versions/1/divide?level=COUNTY&amp;parent=" + SHAWAN);
		// the city's direct holders: entered by code on empty rows, for city roles only
		String direct = mvc.perform(get("/budget/" + year + "/versions/1/divide?level=CITY").with(fixtures.as(fixtures.cityOfficer())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(direct).contains("id=\"amount\"", "id=\"h0-code\"", "id=\"h4-kind\"");
		// an unknown level or parent is a 404 page, not a 500
		mvc.perform(get("/budget/" + year + "/versions/1/divide?level=NOPE&parent=" + SHAWAN).with(fixtures.as(own))).andExpect(status().isNotFound());
		mvc.perform(get("/budget/" + year + "/versions/1/divide?level=PARK&parent=" + "x".repeat(100)).with(fixtures.as(fixtures.cityOfficer())))
			.andExpect(status().isNotFound());
	}

	@Test
	void refusedInputComesBackOnTheFormNamingTheField() throws Exception {
		int year = 2083;
		allocated(year);
		String office = fixtures.cityOfficer();
		Enterprise e0 = fixtures.enterprise(SHAWAN, "3011", null);
		Enterprise ets = fixtures.enterprise(SHAWAN, "3011", null);
		// a huge number and a 3,000-character ETS source
		String page = mvc.perform(division(year, office, e0, ets, "compare", "holders[1].baseEmissions", "1e999999999",
			"holders[2].etsSource", "x".repeat(3000))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"input-errors\"", "data-field=\"holders[1].baseEmissions\"", "data-field=\"holders[2].etsSource\"")
			.doesNotContain("id=\"comparison\"");
		// a negative output, for a method that reads it, on compare and on divide
		for (String action : List.of("compare", "divide")) {
			String negative = mvc.perform(division(year, office, e0, ets, action, "methods", "OUTPUT_BENCHMARK",
				"method", "OUTPUT_BENCHMARK", "holders[0].output", "-5", "holders[0].benchmark", "1", "holders[1].benchmark", "1")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(negative).as(action).contains("data-field=\"holders[0].output\"", "value=\"-5\"");
		}
		// an empty row is left out, and the errors still name the rows as shown: the park moved to row 3
		String moved = mvc.perform(division(year, office, e0, ets, "compare", "holders[0].code", fixtures.enterprise(SHAWAN, "3011", null).uscc(),
			"holders[0].kind", "ENTERPRISE", "holders[0].baseEmissions", "", "holders[0].output", "", "holders[0].historicalIntensity", "",
			"holders[3].code", PARK, "holders[3].kind", "PARK", "holders[3].baseEmissions", "-1")).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(moved).contains("data-field=\"holders[3].baseEmissions\"").doesNotContain("data-field=\"holders[0].");
		// letters in days, a common part above the county's budget
		String letters = mvc.perform(division(year, office, e0, ets, "compare", "holders[1].days", "abc")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(letters).contains("data-field=\"holders[1].days\"");
		String common = mvc.perform(division(year, office, e0, ets, "divide", "common", "999999999999")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(common).contains("data-field=\"common\"");
		// nothing was stored
		String json = mvc.perform(get("/api/v1/budget/years/" + year).with(basic(office))).andReturn().getResponse().getContentAsString();
		assertThat(json).doesNotContain(e0.uscc());
	}
}
