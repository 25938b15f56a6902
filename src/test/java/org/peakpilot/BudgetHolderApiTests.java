package org.peakpilot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.LESHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.peakpilot.budget.EnterpriseMethodsTests.hamilton;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Parks and enterprises as holders of a draft (issue 12, ADR 0016 amendment): divisions per level with their own
 * method, containment and the identity (API and SQL), national-ETS enterprises at 0 t unless overridden,
 * pre-allocation and the true-up, parents checked against the registry, scope per role, audit, the comparison of
 * methods. Expected figures come from the formulas written here. Each test uses its own year.
 */
@PeakPilotTest
class BudgetHolderApiTests {

	static final String PARK = "SHAWAN-EDZ";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	ResultActions post(RequestPostProcessor who, String url, String body) throws Exception {
		return new BudgetFixtures(mvc).post(who, url, body);
	}

	static BigDecimal d(Object v) {
		return BudgetFixtures.d(v);
	}

	RequestPostProcessor city() {
		return basic(fixtures.cityOfficer());
	}

	/** A draft of the year allocated by GDP to Shizhong, Shawan and Wutongqiao; its URL. */
	String allocatedDraft(RequestPostProcessor office, int year) throws Exception {
		new BudgetFixtures(mvc).allocated(office, year, BudgetYearApiTests.DRAFT);
		return BudgetFixtures.versions(year) + "/1";
	}

	Enterprise enterprise(String county, String park) {
		return fixtures.enterprise(county, "3011", park == null ? null : fixtures.parkId(park));
	}

	/** The park and an enterprise outside parks under Shawan by GDP, 1,000 t kept by the county. */
	String shawanDivision(Enterprise outside) {
		return """
				{"level": "COUNTY", "parent": "%s", "method": "GDP_SHARE", "common_t": 1000, "holders": [
				  {"code": "%s", "kind": "PARK", "gdp_10k_cny": 900},
				  {"code": "%s", "kind": "ENTERPRISE", "gdp_10k_cny": 100}]}""".formatted(SHAWAN, PARK, outside.uscc());
	}

	/** The park's enterprises by benchmark, 500 t common, 70 % now; e3 in the national ETS, e4 too but overridden. */
	String parkDivision(Enterprise e1, Enterprise e2, Enterprise e3, Enterprise e4) {
		return """
				{"level": "PARK", "parent": "%s", "method": "OUTPUT_BENCHMARK", "common_t": 500, "pre_allocation_share": 0.7, "holders": [
				  {"code": "%s", "kind": "ENTERPRISE", "output": 1000, "benchmark_t_per_unit": 0.86, "control_factor": 0.98},
				  {"code": "%s", "kind": "ENTERPRISE", "parent": "%s", "output": 400, "benchmark_t_per_unit": 1.52},
				  {"code": "%s", "kind": "ENTERPRISE", "national_ets": true, "ets_source": "MEE list 2026", "output": 9000, "benchmark_t_per_unit": 1},
				  {"code": "%s", "kind": "ENTERPRISE", "national_ets": true, "ets_source": "MEE list 2026",
				   "ets_override_reason": "leading group: also under the city's budget", "output": 250, "benchmark_t_per_unit": 2.1, "control_factor": 0.9}]}"""
			.formatted(PARK, e1.uscc(), e2.uscc(), PARK, e3.uscc(), e4.uscc());
	}

	static List<Map<String, Object>> holders(String json) {
		return JsonPath.read(json, "$.holders");
	}

	static Map<String, Object> line(String json, String code) {
		return holders(json).stream().filter(h -> code.equals(h.get("code"))).findFirst().orElseThrow(() -> new AssertionError(code));
	}

	/** total = Σ budgets of the top holders (parent absent or not a holder) + reserve + pool + sink credit, and every parent ≥ Σ children. */
	static void assertIdentityAndContainment(String json) {
		List<Map<String, Object>> all = holders(json);
		Set<Object> codes = new java.util.HashSet<>(all.stream().map(h -> h.get("code")).toList());
		BigDecimal top = all.stream().filter(h -> h.get("parent") == null || !codes.contains(h.get("parent")))
			.map(h -> d(h.get("budget_t"))).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(top.add(d(JsonPath.read(json, "$.reserve_t"))).add(d(JsonPath.read(json, "$.pool_t"))).add(d(JsonPath.read(json, "$.sink_credit_t"))))
			.isEqualByComparingTo(d(JsonPath.read(json, "$.total_t")));
		for (Map<String, Object> p : all) {
			BigDecimal children = all.stream().filter(h -> p.get("code").equals(h.get("parent"))).map(h -> d(h.get("budget_t")))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(d(p.get("budget_t"))).as("contains " + p.get("code")).isGreaterThanOrEqualTo(children);
			if (p.get("common_t") != null) {
				assertThat(d(p.get("common_t"))).isEqualByComparingTo(d(p.get("budget_t")).subtract(children));
			}
		}
	}

	void assertSqlIdentity(int year) {
		BigDecimal gap = jdbc.sql("""
				SELECT v.total_t - v.reserve_t - v.pool_t - v.sink_credit_t - coalesce(sum(h.budget_t), 0) FROM budget_version v
				LEFT JOIN budget_holder h ON h.version_id = v.id
				  AND NOT EXISTS (SELECT 1 FROM budget_holder p WHERE p.version_id = h.version_id AND p.code = h.parent_code)
				WHERE v.year = :year AND v.number = 1 GROUP BY v.id""").param("year", year).query(BigDecimal.class).single();
		assertThat(gap).isEqualByComparingTo("0");
		assertThat(jdbc.sql("""
				SELECT count(*) FROM budget_holder p JOIN budget_version v ON v.id = p.version_id
				WHERE v.year = :year AND p.budget_t < (SELECT coalesce(sum(c.budget_t), 0) FROM budget_holder c
				  WHERE c.version_id = p.version_id AND c.parent_code = p.code)""").param("year", year).query(Long.class).single()).isZero();
	}

	@Test
	void parksContainTheirEnterprisesEtsEnterprisesGetNothingUnlessOverriddenAndTheIdentityHolds() throws Exception {
		var office = city();
		String url = allocatedDraft(office, 2051);
		Enterprise e0 = enterprise(SHAWAN, null);
		Enterprise e1 = enterprise(SHAWAN, PARK);
		Enterprise e2 = enterprise(SHAWAN, PARK);
		Enterprise e3 = enterprise(SHAWAN, PARK);
		Enterprise e4 = enterprise(SHAWAN, PARK);
		String county = post(office, url + "/sub-allocations", shawanDivision(e0)).andExpect(status().isOk())
			.andExpect(jsonPath("$.level").value("COUNTY")).andExpect(jsonPath("$.parent").value(SHAWAN))
			.andReturn().getResponse().getContentAsString();
		BigDecimal countyBudget = d(JsonPath.read(county, "$.parent_budget_t"));
		BigDecimal countyAmount = countyBudget.subtract(d("1000"));
		List<BigDecimal> expected = hamilton(countyAmount, List.of(d("900"), d("100")), List.of(PARK, e0.uscc()));
		assertThat(d(JsonPath.read(county, "$.holders[0].budget_t"))).isEqualByComparingTo(expected.get(0));
		assertThat(d(JsonPath.read(county, "$.holders[1].budget_t"))).isEqualByComparingTo(expected.get(1));
		assertThat(d(JsonPath.read(county, "$.common_t"))).isEqualByComparingTo("1000");

		String park = post(office, url + "/sub-allocations", parkDivision(e1, e2, e3, e4)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		BigDecimal parkBudget = expected.get(0);
		assertThat(d(JsonPath.read(park, "$.parent_budget_t"))).isEqualByComparingTo(parkBudget);
		BigDecimal amount = parkBudget.subtract(d("500"));
		// raw = output × benchmark × f; e3 (national ETS, no override) takes no part
		List<BigDecimal> raw = List.of(d("1000").multiply(d("0.86")).multiply(d("0.98")), d("400").multiply(d("1.52")),
				d("250").multiply(d("2.1")).multiply(d("0.9")));
		List<BigDecimal> budgets = hamilton(amount, raw, List.of(e1.uscc(), e2.uscc(), e4.uscc()));
		assertThat(d(JsonPath.read(park, "$.holders[0].budget_t"))).isEqualByComparingTo(budgets.get(0));
		assertThat(d(JsonPath.read(park, "$.holders[1].budget_t"))).isEqualByComparingTo(budgets.get(1));
		assertThat(d(JsonPath.read(park, "$.holders[2].budget_t"))).isEqualByComparingTo("0");
		assertThat((Boolean) JsonPath.read(park, "$.holders[2].national_ets")).isTrue();
		assertThat(d(JsonPath.read(park, "$.holders[3].budget_t"))).isEqualByComparingTo(budgets.get(2));
		assertThat(d(JsonPath.read(park, "$.allocated_t"))).isEqualByComparingTo(amount);
		assertThat(d(JsonPath.read(park, "$.common_t"))).isEqualByComparingTo("500");
		// pre-allocation: round(0.7 × Σ) whole tonnes by largest remainder over the budgets
		BigDecimal pre = amount.multiply(d("0.7")).setScale(0, RoundingMode.HALF_UP);
		List<BigDecimal> pres = hamilton(pre, budgets, List.of(e1.uscc(), e2.uscc(), e4.uscc()));
		assertThat(d(JsonPath.read(park, "$.holders[0].pre_allocated_t"))).isEqualByComparingTo(pres.get(0));
		assertThat(d(JsonPath.read(park, "$.holders[3].pre_allocated_t"))).isEqualByComparingTo(pres.get(2));

		String year = mvc.perform(get("/api/v1/budget/years/2051").with(office)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertIdentityAndContainment(year);
		assertSqlIdentity(2051);
		assertThat(line(year, PARK).get("kind")).isEqualTo("PARK");
		assertThat(line(year, PARK).get("parent")).isEqualTo(SHAWAN);
		assertThat(d(line(year, PARK).get("common_t"))).isEqualByComparingTo("500");
		assertThat(d(line(year, SHAWAN).get("common_t"))).isEqualByComparingTo("1000");
		assertThat(line(year, e3.uscc()).get("national_ets")).isEqualTo(true);
		assertThat(d(line(year, e3.uscc()).get("budget_t"))).isEqualByComparingTo("0");
		assertThat(line(year, e4.uscc()).get("ets_override_reason")).isEqualTo("leading group: also under the city's budget");
		assertThat(line(year, e1.uscc()).get("parent")).isEqualTo(PARK);
		assertThat(d(line(year, e1.uscc()).get("pre_allocated_t"))).isEqualByComparingTo(pres.get(0));
		// the database refuses an ETS budget without override and a pre-allocation above the budget
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("UPDATE budget_holder SET budget_t = 5 WHERE code = :c")
			.param("c", e3.uscc()).update()).hasMessageContaining("budget_holder_ets_zero");

		// true-up of e1 to a verified output of 900: final = amount × (900 × 0.86 × 0.98) ÷ Σ raw, half up
		BigDecimal verified = d("900").multiply(d("0.86")).multiply(d("0.98"));
		BigDecimal sum = raw.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal fin = amount.multiply(verified).divide(sum, 0, RoundingMode.HALF_UP);
		post(office, url + "/holders/" + e1.uscc() + "/true-up", """
				{"verified_output": 900, "source": "verified report 2051"}""").andExpect(status().isCreated())
			.andExpect(jsonPath("$.final_budget_t").value(fin.intValue()))
			.andExpect(jsonPath("$.difference_t").value(fin.subtract(budgets.get(0)).intValue()))
			.andExpect(jsonPath("$.to_issue_t").value(fin.subtract(pres.get(0)).intValue()));
		post(office, url + "/holders/" + e3.uscc() + "/true-up", """
				{"verified_output": 900, "source": "x"}""").andExpect(status().isUnprocessableEntity());
		post(office, url + "/holders/" + PARK + "/true-up", """
				{"verified_output": 900, "source": "x"}""").andExpect(status().isUnprocessableEntity());
		post(office, url + "/holders/" + e2.uscc() + "/true-up", """
				{"source": "x"}""").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("verified_output"));
		assertThat(jdbc.sql("SELECT final_budget_t FROM budget_true_up WHERE code = :c").param("c", e1.uscc()).query(BigDecimal.class).single())
			.isEqualByComparingTo(fin);

		// dividing the county again replaces what lay below it, the park's division included
		post(office, url + "/sub-allocations", shawanDivision(e0).replace("\"common_t\": 1000", "\"common_t\": 0")).andExpect(status().isOk());
		String again = mvc.perform(get("/api/v1/budget/years/2051").with(office)).andReturn().getResponse().getContentAsString();
		assertThat(holders(again).stream().map(h -> h.get("code")).toList()).doesNotContain(e1.uscc());
		assertIdentityAndContainment(again);
		assertSqlIdentity(2051);
		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'budget-version' AND entity_id = '2051/1' ORDER BY id")
			.query(String.class).list()).containsSubsequence("budget.allocated", "budget.sub-allocated", "budget.sub-allocated", "budget.sub-allocated");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.trued-up' AND entity_id = :id")
			.param("id", "2051/1/" + e1.uscc()).query(Long.class).single()).isOne();
	}

	@Test
	void theCitysDirectHoldersSitOutsideTheCountyLines() throws Exception {
		var office = city();
		String url = allocatedDraft(office, 2052);
		Enterprise e0 = enterprise(SHAWAN, null);
		post(office, url + "/sub-allocations", shawanDivision(e0)).andExpect(status().isOk());
		Enterprise e5 = enterprise(WUTONGQIAO, null);
		Enterprise e6 = enterprise(SHIZHONG, null);
		String direct = post(office, url + "/sub-allocations", """
				{"level": "CITY", "method": "HISTORICAL_EMISSIONS", "amount_t": 100000, "holders": [
				  {"code": "%s", "kind": "ENTERPRISE", "base_emissions_t": 50000},
				  {"code": "%s", "kind": "ENTERPRISE", "base_emissions_t": 30000, "control_factor": 0.95, "days": 73}]}"""
			.formatted(e5.uscc(), e6.uscc())).andExpect(status().isOk())
			.andExpect(jsonPath("$.parent").value(LESHAN)).andReturn().getResponse().getContentAsString();
		// raw = E × f × days ÷ 365: 50,000 and 30,000 × 0.95 × 73 ÷ 365 = 5,700
		List<BigDecimal> expected = hamilton(d("100000"), List.of(d("50000"), d("5700")), List.of(e5.uscc(), e6.uscc()));
		assertThat(d(JsonPath.read(direct, "$.holders[0].budget_t"))).isEqualByComparingTo(expected.get(0));
		assertThat(d(JsonPath.read(direct, "$.holders[1].budget_t"))).isEqualByComparingTo(expected.get(1));
		String year = mvc.perform(get("/api/v1/budget/years/2052").with(office)).andReturn().getResponse().getContentAsString();
		assertIdentityAndContainment(year);
		assertSqlIdentity(2052);
		// the counties were divided again: their part is the allocatable's whole tonnes minus the direct 100,000 t
		BigDecimal counties = holders(year).stream().filter(h -> "COUNTY".equals(h.get("kind"))).map(h -> d(h.get("budget_t")))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal allocatable = d(JsonPath.read(year, "$.allocatable_t"));
		assertThat(counties).isEqualByComparingTo(allocatable.subtract(d("100000")).setScale(0, RoundingMode.FLOOR));
		assertThat(line(year, e5.uscc()).get("parent")).isEqualTo(LESHAN);
		// what lay below the counties was divided from their old budgets: gone
		assertThat(holders(year).stream().map(h -> h.get("code")).toList()).doesNotContain(PARK, e0.uscc());
		// a new county allocation keeps the direct holders and their part
		post(office, url + "/allocation", BudgetYearApiTests.BY_GDP).andExpect(status().isOk());
		String after = mvc.perform(get("/api/v1/budget/years/2052").with(office)).andReturn().getResponse().getContentAsString();
		assertThat(d(line(after, e6.uscc()).get("budget_t"))).isEqualByComparingTo(expected.get(1));
		assertIdentityAndContainment(after);
		assertSqlIdentity(2052);
		// more than the allocatable is refused
		post(office, url + "/sub-allocations", """
				{"level": "CITY", "method": "GRANDFATHERING", "amount_t": 999999999999, "holders": [
				  {"code": "%s", "kind": "ENTERPRISE", "base_emissions_t": 1}]}""".formatted(e5.uscc()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("amount_t"));
	}

	@Test
	void aParentTheRegistryDoesNotConfirmAndBadInputAre400NamingTheField() throws Exception {
		var office = city();
		String url = allocatedDraft(office, 2053);
		Enterprise shizhong = enterprise(SHIZHONG, null);
		Enterprise inPark = enterprise(SHAWAN, PARK);
		String one = """
				{"level": "COUNTY", "parent": "%s", "method": "GDP_SHARE", "holders": [{"code": "%s", "kind": "%s", "gdp_10k_cny": 1}]}""";
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, shizhong.uscc(), "ENTERPRISE")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holders[0].parent"));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, "LESHAN-HIGHTECH", "PARK")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holders[0].parent"));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, Fixtures.uscc(SHAWAN), "ENTERPRISE")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holders[0].code"));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, "NO-SUCH-PARK", "PARK")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holders[0].code"));
		post(office, url + "/sub-allocations", one.formatted("511113", PARK, "PARK")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parent"));
		// an enterprise of a park that is a holder goes under the park
		post(office, url + "/sub-allocations", """
				{"level": "COUNTY", "parent": "%s", "method": "GDP_SHARE", "holders": [
				  {"code": "%s", "kind": "PARK", "gdp_10k_cny": 5}, {"code": "%s", "kind": "ENTERPRISE", "gdp_10k_cny": 1}]}"""
			.formatted(SHAWAN, PARK, inPark.uscc())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holders[1].parent"));
		// a park not yet a holder, an enterprise outside the park, a park below a park, an ETS mark without its source
		String park = """
				{"level": "PARK", "parent": "%s", "method": "OUTPUT_BENCHMARK", "holders": [%s]}""";
		post(office, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + inPark.uscc() + "\", \"kind\": \"ENTERPRISE\", \"output\": 1, \"benchmark_t_per_unit\": 1}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("parent"));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, PARK, "PARK")).andExpect(status().isOk());
		post(office, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + shizhong.uscc() + "\", \"kind\": \"ENTERPRISE\", \"output\": 1, \"benchmark_t_per_unit\": 1}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("holders[0].parent"));
		post(office, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + PARK + "\", \"kind\": \"PARK\", \"output\": 1, \"benchmark_t_per_unit\": 1}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].kind")));
		post(office, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + inPark.uscc() + "\", \"kind\": \"ENTERPRISE\", \"national_ets\": true}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].ets_source")));
		post(office, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + inPark.uscc() + "\", \"kind\": \"ENTERPRISE\", \"output\": 1}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].benchmark_t_per_unit")));
		// a code twice or missing, also where the arithmetic does not see it (national ETS): 400, never a key violation
		post(office, url + "/sub-allocations", park.formatted(PARK, ("{\"code\": \"%s\", \"kind\": \"ENTERPRISE\", \"national_ets\": true, \"ets_source\": \"x\"},"
				+ "{\"code\": \"%s\", \"kind\": \"ENTERPRISE\", \"national_ets\": true, \"ets_source\": \"x\"},"
				+ "{\"kind\": \"ENTERPRISE\", \"national_ets\": true, \"ets_source\": \"x\"}").formatted(inPark.uscc(), inPark.uscc())))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[1].code")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("holders[2].code")));
		// huge numbers and long text: 400, never 500
		post(office, url + "/sub-allocations", """
				{"level": "CITY", "method": "GRANDFATHERING", "amount_t": 1e999999999, "pre_allocation_share": 1.5, "holders": [
				  {"code": "%s", "kind": "ENTERPRISE", "base_emissions_t": 1e30, "output": 1e-999999999, "ets_source": "%s"}]}"""
			.formatted("X".repeat(100), "长".repeat(3000))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("amount_t")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("pre_allocation_share")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].code")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].base_emissions_t")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].output")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].ets_source")));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, PARK, "PARK").replace("\"GDP_SHARE\",", "\"GDP_SHARE\", \"common_t\": 1e30,"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("common_t"));
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, PARK, "PARK").replace("\"GDP_SHARE\",", "\"GDP_SHARE\", \"common_t\": 999999999,"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("common_t"));
		post(office, url + "/holders/" + "Y".repeat(100) + "/true-up", "{\"verified_output\": 1e99, \"source\": \"x\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("code")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("verified_output")));
		post(office, "/api/v1/budget/years/1999/versions/1/sub-allocations", one.formatted(SHAWAN, PARK, "PARK"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
		post(office, "/api/v1/budget/years/2053/versions/9/sub-allocations", one.formatted(SHAWAN, PARK, "PARK")).andExpect(status().isNotFound());
		// a county officer proposes its own county's division and its parks', nothing else
		String officer = fixtures.countyOfficer(SHAWAN);
		var county = basic(officer);
		post(county, url + "/sub-allocations", one.formatted(SHAWAN, PARK, "PARK")).andExpect(status().isOk());
		post(county, url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + inPark.uscc() + "\", \"kind\": \"ENTERPRISE\", \"output\": 1, \"benchmark_t_per_unit\": 1}"))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'budget.sub-allocated' AND entity_id = '2053/1' ORDER BY id DESC LIMIT 1")
			.query(String.class).single()).isEqualTo(officer);
		post(county, url + "/sub-allocations", one.formatted(SHIZHONG, shizhong.uscc(), "ENTERPRISE")).andExpect(status().isForbidden());
		post(basic(fixtures.countyOfficer(SHIZHONG)), url + "/sub-allocations", park.formatted(PARK, "{\"code\": \"" + inPark.uscc() + "\", \"kind\": \"ENTERPRISE\", \"output\": 1, \"benchmark_t_per_unit\": 1}"))
			.andExpect(status().isForbidden());
		post(county, url + "/sub-allocations", """
				{"level": "CITY", "method": "GRANDFATHERING", "amount_t": 1, "holders": [{"code": "%s", "kind": "ENTERPRISE", "base_emissions_t": 1}]}"""
			.formatted(shizhong.uscc())).andExpect(status().isForbidden());
		// a version in review is fixed
		post(office, url + "/advance", null).andExpect(status().isOk());
		post(office, url + "/sub-allocations", one.formatted(SHAWAN, PARK, "PARK")).andExpect(status().isConflict());
	}

	@Test
	void eachRoleSeesItsOwnPartOfTheYear() throws Exception {
		var office = city();
		String url = allocatedDraft(office, 2054);
		Enterprise e0 = enterprise(SHAWAN, null);
		Enterprise e1 = enterprise(SHAWAN, PARK);
		Enterprise e2 = enterprise(SHAWAN, PARK);
		Enterprise e3 = enterprise(SHAWAN, PARK);
		Enterprise e4 = enterprise(SHAWAN, PARK);
		Enterprise e7 = enterprise(SHIZHONG, null);
		post(office, url + "/sub-allocations", shawanDivision(e0)).andExpect(status().isOk());
		post(office, url + "/sub-allocations", parkDivision(e1, e2, e3, e4)).andExpect(status().isOk());
		post(office, url + "/sub-allocations", """
				{"level": "COUNTY", "parent": "%s", "method": "GDP_SHARE", "holders": [{"code": "%s", "kind": "ENTERPRISE", "gdp_10k_cny": 1}]}"""
			.formatted(SHIZHONG, e7.uscc())).andExpect(status().isOk());
		var county = basic(fixtures.countyOfficer(SHAWAN));
		assertThat(codes(county)).containsExactlyInAnyOrder(SHAWAN, PARK, e0.uscc(), e1.uscc(), e2.uscc(), e3.uscc(), e4.uscc());
		var manager = basic(fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId(PARK), null, Set.of()));
		assertThat(codes(manager)).containsExactlyInAnyOrder(PARK, e1.uscc(), e2.uscc(), e3.uscc(), e4.uscc());
		var other = basic(fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("LESHAN-HIGHTECH"), null, Set.of()));
		assertThat(codes(other)).isEmpty();
		var firm = basic(fixtures.user(Role.ENTERPRISE_USER, SHAWAN, null, e1.id(), Set.of()));
		assertThat(codes(firm)).containsExactly(e1.uscc());
		var firm7 = basic(fixtures.user(Role.ENTERPRISE_USER, SHIZHONG, null, e7.id(), Set.of()));
		assertThat(codes(firm7)).containsExactly(e7.uscc());
		assertThat(codes(office)).contains(SHIZHONG, e7.uscc(), PARK, e3.uscc());
		var verifier = basic(fixtures.user(Role.VERIFIER, null, null, null, Set.of(e1.id())));
		mvc.perform(get("/api/v1/budget/years/2054").with(verifier)).andExpect(status().isForbidden());
		// none of them writes
		post(manager, url + "/sub-allocations", parkDivision(e1, e2, e3, e4)).andExpect(status().isForbidden());
		post(firm, url + "/holders/" + e1.uscc() + "/true-up", "{\"verified_output\": 1, \"source\": \"x\"}").andExpect(status().isForbidden());
	}

	List<String> codes(RequestPostProcessor who) throws Exception {
		String json = mvc.perform(get("/api/v1/budget/years/2054").with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		List<String> out = new ArrayList<>();
		holders(json).forEach(h -> out.add((String) h.get("code")));
		return out;
	}

	@Test
	void theComparisonAnswersEachMethodExactlyAsThePreview() throws Exception {
		var office = city();
		String holders = """
				[{"code": "511102", "gdp_10k_cny": 6500000, "population": 1150000, "base_emissions_t": 420000, "weight": 1},
				 {"code": "511111", "gdp_10k_cny": 2400000, "population": 420000, "base_emissions_t": 310000, "weight": 2},
				 {"code": "511112", "gdp_10k_cny": 1800000, "population": 330000, "base_emissions_t": 270000, "weight": 1}]""";
		List<String> methods = List.of("GDP_SHARE", "POPULATION_SHARE", "GRANDFATHERING", "ENTROPY", "BASE_PLUS_INCREMENT");
		String compare = post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 1000000, "reserve_share": 0.05, "methods": ["%s"], "holders": %s}"""
			.formatted(String.join("\", \"", methods), holders)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		for (int k = 0; k < methods.size(); k++) {
			String preview = post(office, "/api/v1/budget/allocations/preview", """
					{"total_t": 1000000, "reserve_share": 0.05, "method": "%s", "holders": %s}""".formatted(methods.get(k), holders))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			Object alone = JsonPath.read(preview, "$");
			Object side = JsonPath.read(compare, "$.previews[" + k + "]");
			assertThat(side).isEqualTo(alone);
			for (int i = 0; i < 3; i++) {
				assertThat(d(JsonPath.read(compare, "$.holders[" + i + "].budgets[" + k + "].budget_t")))
					.isEqualByComparingTo(d(JsonPath.read(preview, "$.holders[" + i + "].budget_t")));
				assertThat(d(JsonPath.read(compare, "$.holders[" + i + "].budgets[" + k + "].difference_t")))
					.isEqualByComparingTo(d(JsonPath.read(preview, "$.holders[" + i + "].budget_t"))
						.subtract(d(JsonPath.read(compare, "$.holders[" + i + "].budgets[0].budget_t"))));
			}
		}
		// bounded: 7 methods, 1 method, a repeat; an unknown method; missing population named with its method
		post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 1, "reserve_share": 0, "methods": ["GDP_SHARE", "POPULATION_SHARE", "GRANDFATHERING", "ENTROPY",
				 "BASE_PLUS_INCREMENT", "INTENSITY_DECLINE", "OUTPUT_BENCHMARK"], "holders": %s}""".formatted(holders))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("methods"));
		post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 1, "reserve_share": 0, "methods": ["GDP_SHARE", "GDP_SHARE"], "holders": %s}""".formatted(holders))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("methods[1]"));
		post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 1, "reserve_share": 0, "methods": ["GDP_SHARE", "BY_LUCK"], "holders": %s}""".formatted(holders))
			.andExpect(status().isBadRequest());
		post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 1e999999999, "reserve_share": 0, "methods": ["GDP_SHARE", "POPULATION_SHARE"],
				 "holders": [{"code": "A", "gdp_10k_cny": 1}]}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("total_t"));
		post(office, "/api/v1/budget/allocations/compare", """
				{"total_t": 10, "reserve_share": 0, "methods": ["GDP_SHARE", "POPULATION_SHARE"], "holders": [{"code": "A", "gdp_10k_cny": 1}]}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("holders[0].population"))
			.andExpect(jsonPath("$.errors[0].message").value("POPULATION_SHARE: is required for this method"));
		post(null, "/api/v1/budget/allocations/compare", "{}").andExpect(status().isUnauthorized());
	}
}
