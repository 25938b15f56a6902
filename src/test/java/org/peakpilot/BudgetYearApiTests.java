package org.peakpilot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The year's city budget stored as versions (issue 12, ADR 0016): draft from the intensity path, allocation with the
 * preview's arithmetic, publication, immutability (store and database), roles and scope, 400s naming fields. Each
 * test uses its own year: budgets are city-wide and the schema is shared.
 */
@PeakPilotTest
class BudgetYearApiTests {

	/** 0.62 t/万元, R 18 %, R_a 8 %, 2 years left, GDP 25,000,000 万元, cap 15,000,000 t, pool 300,000 t, sink 50,000 t. */
	static final String DRAFT = """
			{"base_intensity_t_per_10k_cny": 0.62, "period_target_cut": 0.18, "achieved_cut": 0.08, "years_left": 2,
			 "forecast_gdp_10k_cny": 25000000, "total_cap_t": 15000000, "reserve_share": 0.05, "pool_t": 300000,
			 "sink_credit_t": 50000, "source": "test inputs"}""";

	static final String BY_GDP = BudgetFixtures.BY_GDP;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	ResultActions post(RequestPostProcessor who, String url, String body) throws Exception {
		return new BudgetFixtures(mvc).post(who, url, body);
	}

	RequestPostProcessor city() {
		return basic(fixtures.cityOfficer());
	}

	/** County, city and leading-group review, then publication: the county step by the county's officer. */
	void approve(RequestPostProcessor office, RequestPostProcessor county, String version) throws Exception {
		post(office, version + "/advance", "{\"comment\": \"to the counties\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COUNTY_REVIEW"));
		post(county, version + "/advance", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CITY_REVIEW"));
		post(county, version + "/advance", null).andExpect(status().isForbidden());
		post(county, version + "/publish", null).andExpect(status().isForbidden());
		post(office, version + "/publish", null).andExpect(status().isUnprocessableEntity());
		post(office, version + "/advance", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("LEADING_GROUP_REVIEW"));
		post(office, version + "/advance", null).andExpect(status().isUnprocessableEntity());
		post(office, version + "/publish", "{\"comment\": \"leading group 2026-12-01\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andExpect(jsonPath("$.steps[*].to").value(org.hamcrest.Matchers.contains("COUNTY_REVIEW", "CITY_REVIEW", "LEADING_GROUP_REVIEW", "PUBLISHED")))
			.andExpect(jsonPath("$.steps[0].comment").value("to the counties"))
			.andExpect(jsonPath("$.steps[1].role").value("COUNTY_OFFICER"))
			.andExpect(jsonPath("$.steps[3].comment").value("leading group 2026-12-01"));
	}

	static BigDecimal d(Object v) {
		return BudgetFixtures.d(v);
	}

	@Test
	void draftFromTheIntensityPathAllocatedAndPublishedKeepsTheIdentity() throws Exception {
		var office = city();
		// r = 1 − √(0.82 ÷ 0.92) = 0.055910837; I* = 0.62 × (1 − r) = 0.585335; × 25,000,000 = 14,633,375 t (below the cap)
		BigDecimal r = BigDecimal.valueOf(1 - Math.sqrt(0.82 / 0.92)).setScale(9, RoundingMode.HALF_UP);
		BigDecimal target = d("0.62").multiply(BigDecimal.ONE.subtract(r)).setScale(6, RoundingMode.HALF_UP);
		BigDecimal total = target.multiply(d("25000000"));
		BigDecimal reserve = total.multiply(d("0.05"));
		BigDecimal allocatable = total.subtract(reserve).subtract(d("300000")).subtract(d("50000"));
		post(office, "/api/v1/budget/years/2041/versions", DRAFT).andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.required_cut").value(r.doubleValue()))
			.andExpect(jsonPath("$.target_intensity_t_per_10k_cny").value(target.doubleValue()))
			.andExpect(jsonPath("$.city_budget_t").value(total.doubleValue()))
			.andExpect(jsonPath("$.total_t").value(total.doubleValue()))
			.andExpect(jsonPath("$.reserve_t").value(reserve.doubleValue()))
			.andExpect(jsonPath("$.allocatable_t").value(allocatable.doubleValue()))
			.andExpect(jsonPath("$.method").doesNotExist());
		String allocated = post(office, "/api/v1/budget/years/2041/versions/1/allocation", BY_GDP).andExpect(status().isOk())
			.andExpect(jsonPath("$.method").value("GDP_SHARE"))
			.andExpect(jsonPath("$.holders", hasSize(3)))
			.andReturn().getResponse().getContentAsString();
		// whole tonnes of allocatable × GDP ÷ Σ GDP, each within a tonne of its quota
		BigDecimal whole = allocatable.setScale(0, RoundingMode.FLOOR);
		List<Object> budgets = JsonPath.read(allocated, "$.holders[*].budget_t");
		String[] gdp = { "6500000", "2400000", "1800000" };
		BigDecimal sum = BigDecimal.ZERO;
		for (int i = 0; i < 3; i++) {
			BigDecimal quota = whole.multiply(d(gdp[i])).divide(d("10700000"), 9, RoundingMode.HALF_UP);
			assertThat(d(budgets.get(i)).subtract(quota).abs()).isLessThan(BigDecimal.ONE);
			sum = sum.add(d(budgets.get(i)));
		}
		assertThat(sum).isEqualByComparingTo(whole);
		assertIdentity(allocated);
		approve(office, basic(fixtures.countyOfficer(SHAWAN)), "/api/v1/budget/years/2041/versions/1");
		String read = mvc.perform(get("/api/v1/budget/years/2041").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andExpect(jsonPath("$.holders[0].kind").value("COUNTY"))
			.andExpect(jsonPath("$.holders[0].used").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$.holders[0].warning").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$.holders[0].forecast").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$.execution_status").value("NOT_AVAILABLE"))
			.andReturn().getResponse().getContentAsString();
		assertIdentity(read);
		// identity in the database too
		BigDecimal stored = jdbc.sql("""
				SELECT v.total_t - v.reserve_t - v.pool_t - v.sink_credit_t - sum(h.budget_t) FROM budget_version v
				JOIN budget_holder h ON h.version_id = v.id WHERE v.year = 2041 AND v.number = 1 GROUP BY v.id""").query(BigDecimal.class).single();
		assertThat(stored).isEqualByComparingTo("0");
		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'budget-version' AND entity_id = '2041/1' ORDER BY id")
			.query(String.class).list()).containsExactly("budget.draft-created", "budget.allocated", "budget.step", "budget.step", "budget.step", "budget.published");
	}

	static void assertIdentity(String json) {
		List<Object> budgets = JsonPath.read(json, "$.holders[*].budget_t");
		BigDecimal sum = budgets.stream().map(BudgetYearApiTests::d).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal rhs = sum.add(d(JsonPath.read(json, "$.reserve_t"))).add(d(JsonPath.read(json, "$.pool_t")))
			.add(d(JsonPath.read(json, "$.sink_credit_t")));
		assertThat(rhs).isEqualByComparingTo(d(JsonPath.read(json, "$.total_t")));
	}

	@Test
	void aPublishedVersionNeverChanges() throws Exception {
		var office = city();
		post(office, "/api/v1/budget/years/2042/versions", DRAFT).andExpect(status().isCreated());
		post(office, "/api/v1/budget/years/2042/versions/1/publish", null).andExpect(status().isUnprocessableEntity());
		post(office, "/api/v1/budget/years/2042/versions/1/advance", null).andExpect(status().isUnprocessableEntity());
		post(office, "/api/v1/budget/years/2042/versions/1/allocation", BY_GDP).andExpect(status().isOk());
		post(office, "/api/v1/budget/years/2042/versions/1/advance", null).andExpect(status().isOk());
		// in review the allocation is fixed too
		post(office, "/api/v1/budget/years/2042/versions/1/allocation", BY_GDP).andExpect(status().isConflict());
		post(office, "/api/v1/budget/years/2042/versions/1/advance", null).andExpect(status().isOk());
		post(office, "/api/v1/budget/years/2042/versions/1/advance", null).andExpect(status().isOk());
		post(office, "/api/v1/budget/years/2042/versions/1/publish", null).andExpect(status().isOk());
		post(office, "/api/v1/budget/years/2042/versions/1/allocation", BY_GDP).andExpect(status().isConflict());
		post(office, "/api/v1/budget/years/2042/versions/1/publish", null).andExpect(status().isConflict());
		// the database refuses it whatever path the write takes
		assertThatThrownBy(() -> jdbc.sql("UPDATE budget_version SET total_t = 1 WHERE year = 2042 AND number = 1").update())
			.hasMessageContaining("published and never changes");
		assertThatThrownBy(() -> jdbc.sql("""
				UPDATE budget_holder SET budget_t = 1 WHERE version_id = (SELECT id FROM budget_version WHERE year = 2042 AND number = 1)""").update())
			.hasMessageContaining("never change");
		assertThatThrownBy(() -> jdbc.sql("""
				DELETE FROM budget_holder WHERE version_id = (SELECT id FROM budget_version WHERE year = 2042 AND number = 1)""").update())
			.hasMessageContaining("never change");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM budget_version WHERE year = 2042 AND number = 1").update())
			.hasMessageContaining("published and never changes");
		// a new draft is version 2; the year shows the published version 1 until 2 is published
		post(office, "/api/v1/budget/years/2042/versions", DRAFT.replace("0.62", "0.6")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(2));
		mvc.perform(get("/api/v1/budget/years/2042").with(office)).andExpect(jsonPath("$.version").value(1));
	}

	@Test
	void rolesAndScope() throws Exception {
		var office = city();
		var county = basic(fixtures.countyOfficer(SHAWAN));
		post(county, "/api/v1/budget/years/2043/versions", DRAFT).andExpect(status().isForbidden());
		post(office, "/api/v1/budget/years/2043/versions", DRAFT).andExpect(status().isCreated());
		// a draft is the latest: the county sees it, but only its own line
		mvc.perform(get("/api/v1/budget/years/2043").with(county)).andExpect(status().isOk()).andExpect(jsonPath("$.holders", hasSize(0)));
		post(office, "/api/v1/budget/years/2043/versions/1/allocation", BY_GDP).andExpect(status().isOk());
		post(county, "/api/v1/budget/years/2043/versions/1/allocation", BY_GDP).andExpect(status().isForbidden());
		post(county, "/api/v1/budget/years/2043/versions/1/publish", null).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/budget/years/2043").with(county)).andExpect(status().isOk())
			.andExpect(jsonPath("$.holders", hasSize(1))).andExpect(jsonPath("$.holders[0].code").value(SHAWAN));
		// anonymous: 401 on the signed-in path; the public path shows nothing before publication
		mvc.perform(get("/api/v1/budget/years/2043")).andExpect(status().isUnauthorized());
		post(null, "/api/v1/budget/years/2043/versions/1/publish", null).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/public/budget/years/2043")).andExpect(status().isNotFound());
		approve(office, county, "/api/v1/budget/years/2043/versions/1");
		mvc.perform(get("/api/v1/public/budget/years/2043")).andExpect(status().isOk())
			.andExpect(jsonPath("$.holders[*].code", containsInAnyOrder(SHIZHONG, SHAWAN, WUTONGQIAO)))
			.andExpect(jsonPath("$.steps", hasSize(0)));
		// an enterprise user sees only its own line: this enterprise has none
		var enterprise = basic(fixtures.user(org.peakpilot.platform.Role.ENTERPRISE_USER, SHAWAN, null,
				fixtures.enterprise(SHAWAN, "3011", null).id(), java.util.Set.of()));
		mvc.perform(get("/api/v1/budget/years/2043").with(enterprise)).andExpect(status().isOk()).andExpect(jsonPath("$.holders", hasSize(0)));
	}

	@Test
	void badInputIsA400NamingTheField() throws Exception {
		var office = city();
		post(office, "/api/v1/budget/years/2044/versions", """
				{"base_intensity_t_per_10k_cny": -1, "period_target_cut": 1.2, "years_left": 9, "forecast_gdp_10k_cny": -5,
				 "reserve_share": 1, "pool_t": -3}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("base_intensity_t_per_10k_cny")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("period_target_cut")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("years_left")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("forecast_gdp_10k_cny")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("reserve_share")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("pool_t")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("source")));
		// neither a rate nor the period's figures
		post(office, "/api/v1/budget/years/2044/versions", """
				{"base_intensity_t_per_10k_cny": 0.6, "forecast_gdp_10k_cny": 1000, "source": "x"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decline_rate"));
		// the period's figures incomplete
		post(office, "/api/v1/budget/years/2044/versions", """
				{"base_intensity_t_per_10k_cny": 0.6, "forecast_gdp_10k_cny": 1000, "period_target_cut": 0.18, "source": "x"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("years_left")));
		// sink credit above 5 % of 600 t
		post(office, "/api/v1/budget/years/2044/versions", """
				{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0, "forecast_gdp_10k_cny": 1000, "sink_credit_t": 31, "source": "x"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("sink_credit_t"));
		// carve-outs above the total
		post(office, "/api/v1/budget/years/2044/versions", """
				{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0, "forecast_gdp_10k_cny": 1000, "pool_t": 600, "source": "x"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("pool_t"));
		post(office, "/api/v1/budget/years/1999/versions", DRAFT).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"));
		post(office, "/api/v1/budget/years/2044/versions", DRAFT).andExpect(status().isCreated());
		// a code that is not a county, a missing GDP, an unknown method
		post(office, "/api/v1/budget/years/2044/versions/1/allocation", """
				{"method": "GDP_SHARE", "holders": [{"code": "999999", "gdp_10k_cny": 1}, {"code": "511102"}]}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].code")));
		post(office, "/api/v1/budget/years/2044/versions/1/allocation", """
				{"method": "GDP_SHARE", "holders": [{"code": "511102"}]}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("holders[0].gdp_10k_cny")));
		post(office, "/api/v1/budget/years/2044/versions/1/allocation", """
				{"method": "BY_LUCK", "holders": [{"code": "511102", "gdp_10k_cny": 1}]}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("method")));
		mvc.perform(get("/api/v1/budget/years/2045").with(office)).andExpect(status().isNotFound());
		post(office, "/api/v1/budget/years/2044/versions/7/publish", null).andExpect(status().isNotFound());
	}
}
