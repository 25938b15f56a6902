package org.peakpilot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Adjustments of a published budget, version history and comparison, and the sink ledger (issue 12 items 6 and 7,
 * ADR 0016): windows, roles and scope, the identity kept by transfers and draws, the old version unchanged, the GDP
 * revision re-floated, the sink credit capped at β, audit records and 400s. Expected figures are computed here from
 * the formulas. Each test uses its own years.
 */
// Own context: a movable clock puts the tests inside or outside the adjustment windows (July and October, Beijing)
@SpringBootTest(properties = { "peakpilot.test.clock=2027-07-15T02:00:00Z", "peakpilot.test.schema=pp_budget_adjust" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class BudgetAdjustmentApiTests {


	static Instant july() {
		return LocalDateTime.of(2027, 7, 15, 10, 0).atZone(MovableClock.BEIJING).toInstant();
	}

	/** Decline rate 4 %: I* = 0.6 × 0.96 = 0.576 t/万元; × 10,000,000 万元 = 5,760,000 t; reserve 5 %, pool 100,000 t. */
	static final String DRAFT = """
			{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0.04, "forecast_gdp_10k_cny": 10000000, "reserve_share": 0.05,
			 "pool_t": 100000, "source": "test inputs"}""";

	static final String[] CODES = { SHIZHONG, SHAWAN, WUTONGQIAO };
	static final String[] GDP = { "6500000", "2400000", "1800000" };

	static final String BY_GDP = BudgetFixtures.BY_GDP;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	/** July 15th, 2027, 10:00 Beijing at the start and before each test (the property peakpilot.test.clock). */
	@Autowired
	MovableClock now;

	RequestPostProcessor office;

	@BeforeEach
	void inJuly() {
		now.set(july());
		office = basic(fixtures.cityOfficer());
	}

	ResultActions post(RequestPostProcessor who, String url, String body) throws Exception {
		return new BudgetFixtures(mvc).post(who, url, body);
	}

	static BigDecimal d(Object v) {
		return BudgetFixtures.d(v);
	}

	/** A draft allocated by GDP and taken through the approval steps to publication: version 1 of the year. */
	String publish(int year, String draft) throws Exception {
		return new BudgetFixtures(mvc).publish(office, year, draft).andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andReturn().getResponse().getContentAsString();
	}

	long file(RequestPostProcessor who, int year, String body) throws Exception {
		String json = post(who, "/api/v1/budget/years/" + year + "/adjustments", body).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("CITY_REVIEW")).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	String approve(long id) throws Exception {
		post(office, "/api/v1/budget/adjustments/" + id + "/review", "{\"comment\": \"city DRC agrees\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("LEADING_GROUP_REVIEW"));
		return post(office, "/api/v1/budget/adjustments/" + id + "/approve", "{\"comment\": \"leading group 2027-07-20\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED")).andReturn().getResponse().getContentAsString();
	}

	String year(int year) throws Exception {
		return mvc.perform(get("/api/v1/budget/years/" + year).with(office)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	static BigDecimal budget(String json, String code) {
		return BudgetFixtures.budget(json, code);
	}

	static void assertIdentity(String json) {
		List<Object> budgets = JsonPath.read(json, "$.holders[*].budget_t");
		BigDecimal sum = budgets.stream().map(BudgetAdjustmentApiTests::d).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal rhs = sum.add(d(JsonPath.read(json, "$.reserve_t"))).add(d(JsonPath.read(json, "$.pool_t")))
			.add(d(JsonPath.read(json, "$.sink_credit_t")));
		assertThat(rhs).isEqualByComparingTo(d(JsonPath.read(json, "$.total_t")));
	}

	/** Largest remainder written out here: whole tonnes of amount × raw ÷ Σ raw, the rest one each to the largest remainders. */
	static List<BigDecimal> largestRemainder(BigDecimal amount, String[] raw) {
		BigDecimal sum = BigDecimal.ZERO;
		for (String r : raw) {
			sum = sum.add(d(r));
		}
		List<BigDecimal> out = new ArrayList<>();
		List<BigDecimal> rest = new ArrayList<>();
		BigDecimal given = BigDecimal.ZERO;
		for (String r : raw) {
			BigDecimal q = amount.multiply(d(r)).divide(sum, 20, RoundingMode.DOWN);
			BigDecimal whole = q.setScale(0, RoundingMode.DOWN);
			out.add(whole);
			rest.add(q.subtract(whole));
			given = given.add(whole);
		}
		int left = amount.subtract(given).intValueExact();
		for (int k = 0; k < left; k++) {
			int best = 0;
			for (int i = 1; i < rest.size(); i++) {
				if (rest.get(i).compareTo(rest.get(best)) > 0) {
					best = i;
				}
			}
			out.set(best, out.get(best).add(BigDecimal.ONE));
			rest.set(best, BigDecimal.valueOf(-1));
		}
		return out;
	}

	@Test
	void anAdjustmentOutsideAWindowIsRefusedNamingTheOpenMonths() throws Exception {
		publish(2050, DRAFT);
		String transfer = """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": 1000, "reason": "test"}""";
		now.set(LocalDateTime.of(2027, 8, 1, 0, 5).atZone(MovableClock.BEIJING).toInstant());
		post(office, "/api/v1/budget/years/2050/adjustments", transfer).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail", containsString("months 7, 10"))).andExpect(jsonPath("$.detail", containsString("month 8")));
		// the month is Beijing's: 30 September 16:30 UTC is 1 October 00:30 in Beijing (open), 15:30 UTC is still September
		now.set(LocalDateTime.of(2027, 9, 30, 16, 30).atZone(java.time.ZoneOffset.UTC).toInstant());
		file(office, 2050, transfer);
		now.set(LocalDateTime.of(2027, 9, 30, 15, 30).atZone(java.time.ZoneOffset.UTC).toInstant());
		post(office, "/api/v1/budget/years/2050/adjustments", transfer).andExpect(status().isUnprocessableEntity());
		// a year without a published budget: nothing to adjust
		now.set(july());
		post(office, "/api/v1/budget/years/2060/adjustments", transfer).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail", containsString("no published version")));
	}

	@Test
	void aTransferKeepsTheTotalPublishesVersionTwoAndLeavesVersionOneUnchanged() throws Exception {
		String v1 = publish(2051, DRAFT);
		BigDecimal total = d(JsonPath.read(v1, "$.total_t"));
		assertThat(total).isEqualByComparingTo("5760000");
		var shawan = basic(fixtures.countyOfficer(SHAWAN));
		long id = file(shawan, 2051, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": 20000,
				 "reason": "Cement line 2 closed; polysilicon expansion in Wutongqiao · 水泥线关停"}""");
		// the county filed; the city reviews and the leading group approves, never the county
		post(shawan, "/api/v1/budget/adjustments/" + id + "/review", null).andExpect(status().isForbidden());
		post(shawan, "/api/v1/budget/adjustments/" + id + "/approve", null).andExpect(status().isForbidden());
		post(office, "/api/v1/budget/adjustments/" + id + "/approve", null).andExpect(status().isUnprocessableEntity());
		String approved = approve(id);
		assertThat((Integer) JsonPath.read(approved, "$.result_version")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(approved, "$.applied_to_version")).isEqualTo(1);
		assertThat((List<String>) JsonPath.read(approved, "$.steps[*].to")).containsExactly("CITY_REVIEW", "LEADING_GROUP_REVIEW", "APPROVED");
		assertThat((String) JsonPath.read(approved, "$.steps[0].role")).isEqualTo("COUNTY_OFFICER");
		post(office, "/api/v1/budget/adjustments/" + id + "/approve", null).andExpect(status().isConflict());
		post(office, "/api/v1/budget/adjustments/" + id + "/reject", "{\"comment\": \"too late\"}").andExpect(status().isConflict());

		String v2 = year(2051);
		assertThat((Integer) JsonPath.read(v2, "$.version")).isEqualTo(2);
		assertThat((String) JsonPath.read(v2, "$.status")).isEqualTo("PUBLISHED");
		assertThat(d(JsonPath.read(v2, "$.total_t"))).isEqualByComparingTo(total);
		assertThat(d(JsonPath.read(v2, "$.reserve_t"))).isEqualByComparingTo(d(JsonPath.read(v1, "$.reserve_t")));
		assertThat(budget(v2, SHAWAN)).isEqualByComparingTo(budget(v1, SHAWAN).subtract(d("20000")));
		assertThat(budget(v2, WUTONGQIAO)).isEqualByComparingTo(budget(v1, WUTONGQIAO).add(d("20000")));
		assertThat(budget(v2, SHIZHONG)).isEqualByComparingTo(budget(v1, SHIZHONG));
		assertIdentity(v2);
		BigDecimal stored = jdbc.sql("""
				SELECT v.total_t - v.reserve_t - v.pool_t - v.sink_credit_t - sum(h.budget_t) FROM budget_version v
				JOIN budget_holder h ON h.version_id = v.id WHERE v.year = 2051 AND v.number = 2 GROUP BY v.id""").query(BigDecimal.class).single();
		assertThat(stored).isEqualByComparingTo("0");

		// version 1 is as it was, and the database refuses to change it or the new one
		String cmp = mvc.perform(get("/api/v1/budget/years/2051/versions/compare?from=1&to=2").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$.total_t.difference").value(0))
			.andExpect(jsonPath("$.reserve_t.difference").value(0))
			.andExpect(jsonPath("$.allocated_t.difference").value(0))
			.andExpect(jsonPath("$.holders", hasSize(3))).andReturn().getResponse().getContentAsString();
		for (String code : CODES) {
			List<Object> from = JsonPath.read(cmp, "$.holders[?(@.code == '" + code + "')].budget_from_t");
			List<Object> diff = JsonPath.read(cmp, "$.holders[?(@.code == '" + code + "')].difference_t");
			assertThat(d(from.get(0))).isEqualByComparingTo(budget(v1, code));
			assertThat(d(diff.get(0))).isEqualByComparingTo(code.equals(SHAWAN) ? "-20000" : code.equals(WUTONGQIAO) ? "20000" : "0");
		}
		for (int n : new int[] { 1, 2 }) {
			assertThatThrownBy(() -> jdbc.sql("UPDATE budget_version SET reserve_t = reserve_t + 1 WHERE year = 2051 AND number = " + n).update())
				.hasMessageContaining("published and never changes");
			assertThatThrownBy(() -> jdbc.sql("""
					UPDATE budget_holder SET budget_t = budget_t + 1 WHERE version_id = (SELECT id FROM budget_version WHERE year = 2051 AND number = %d)"""
				.formatted(n)).update()).hasMessageContaining("never change");
		}
		assertThat(jdbc.sql("""
				SELECT h.budget_t FROM budget_holder h JOIN budget_version v ON v.id = h.version_id
				WHERE v.year = 2051 AND v.number = 1 AND h.code = :c""").param("c", SHAWAN).query(BigDecimal.class).single())
			.isEqualByComparingTo(budget(v1, SHAWAN));

		// the history: version 2 from adjustment id, built on version 1
		mvc.perform(get("/api/v1/budget/years/2051/versions").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].adjustment").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$[1].status").value("PUBLISHED"))
			.andExpect(jsonPath("$[1].adjustment.id").value(id))
			.andExpect(jsonPath("$[1].adjustment.kind").value("TRANSFER"))
			.andExpect(jsonPath("$[1].adjustment.based_on_version").value(1))
			.andExpect(jsonPath("$[1].published_by").isNotEmpty());
		// audited: the request's steps and the version it published
		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'budget-adjustment' AND entity_id = :id ORDER BY id")
			.param("id", String.valueOf(id)).query(String.class).list())
			.containsExactly("budget.adjustment-filed", "budget.adjustment-step", "budget.adjustment-approved");
		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'budget-version' AND entity_id = '2051/2'")
			.query(String.class).list()).containsExactly("budget.published");
	}

	@Test
	void countiesFileForTheirOwnOnlyAndSeeTheirOwn() throws Exception {
		publish(2052, DRAFT);
		var shawan = basic(fixtures.countyOfficer(SHAWAN));
		var shizhong = basic(fixtures.countyOfficer(SHIZHONG));
		// another county's tonnes, a draw for another county, a GDP revision: not a county's to ask
		post(shizhong, "/api/v1/budget/years/2052/adjustments", """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511102", "amount_t": 1000, "reason": "x"}""").andExpect(status().isForbidden());
		post(shawan, "/api/v1/budget/years/2052/adjustments", """
				{"kind": "RESERVE_DRAW", "to_code": "511102", "amount_t": 1000, "reason": "x"}""").andExpect(status().isForbidden());
		post(shawan, "/api/v1/budget/years/2052/adjustments", """
				{"kind": "GDP_REVISION", "revised_gdp_10k_cny": 9000000, "reason": "x"}""").andExpect(status().isForbidden());
		long own = file(shawan, 2052, """
				{"kind": "RESERVE_DRAW", "to_code": "511111", "amount_t": 1000, "reason": "new kiln approved"}""");
		post(shizhong, "/api/v1/budget/adjustments/" + own + "/reject", "{\"comment\": \"no\"}").andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/budget/adjustments/" + own).with(shizhong)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/budget/adjustments/" + own).with(shawan)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/budget/years/2052/adjustments").with(shizhong)).andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
		mvc.perform(get("/api/v1/budget/years/2052/adjustments").with(shawan)).andExpect(jsonPath("$", hasSize(1)));
		// a rejection needs a comment, is kept and audited, and closes the request
		post(office, "/api/v1/budget/adjustments/" + own + "/reject", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));
		post(office, "/api/v1/budget/adjustments/" + own + "/reject", "{\"comment\": \"the reserve is kept for Q4\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED")).andExpect(jsonPath("$.steps[1].comment").value("the reserve is kept for Q4"));
		post(office, "/api/v1/budget/adjustments/" + own + "/review", null).andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT count(*) FROM budget_version WHERE year = 2052").query(Long.class).single()).isEqualTo(1);
		// the comparison shows a county its own holders only
		mvc.perform(get("/api/v1/budget/years/2052/versions/compare?from=1&to=1").with(shawan)).andExpect(status().isOk())
			.andExpect(jsonPath("$.holders", hasSize(1))).andExpect(jsonPath("$.holders[0].code").value(SHAWAN));
		var enterprise = basic(fixtures.user(org.peakpilot.platform.Role.ENTERPRISE_USER, SHAWAN, null,
				fixtures.enterprise(SHAWAN, "3011", null).id(), java.util.Set.of()));
		mvc.perform(get("/api/v1/budget/years/2052/versions").with(enterprise)).andExpect(status().isForbidden());
		post(enterprise, "/api/v1/budget/years/2052/adjustments", """
				{"kind": "RESERVE_DRAW", "to_code": "511111", "amount_t": 1000, "reason": "x"}""").andExpect(status().isForbidden());
	}

	@Test
	void drawsAreLimitedByTheReserveAndPoolAndTransfersByTheBudget() throws Exception {
		String v1 = publish(2053, DRAFT);
		BigDecimal reserve = d(JsonPath.read(v1, "$.reserve_t"));
		BigDecimal whole = reserve.setScale(0, RoundingMode.FLOOR);
		post(office, "/api/v1/budget/years/2053/adjustments", """
				{"kind": "RESERVE_DRAW", "to_code": "511102", "amount_t": %s, "reason": "x"}""".formatted(whole.add(BigDecimal.ONE)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("amount_t"))
			.andExpect(jsonPath("$.errors[0].message", containsString("reserve")));
		post(office, "/api/v1/budget/years/2053/adjustments", """
				{"kind": "POOL_DRAW", "to_code": "511102", "amount_t": 100001, "reason": "x"}""")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("amount_t"));
		post(office, "/api/v1/budget/years/2053/adjustments", """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511102", "amount_t": %s, "reason": "x"}"""
			.formatted(budget(v1, SHAWAN).add(BigDecimal.ONE))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("amount_t"));
		post(office, "/api/v1/budget/years/2053/adjustments", """
				{"kind": "CAPACITY_CLOSED", "from_code": "511111", "amount_t": %s, "reason": "x"}"""
			.formatted(budget(v1, SHAWAN).add(BigDecimal.ONE))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("amount_t"));
		// two draws that each fit the reserve but not together: the second approval sees the first's version and is refused
		BigDecimal most = whole.subtract(BigDecimal.TEN);
		long first = file(office, 2053, """
				{"kind": "RESERVE_DRAW", "to_code": "511102", "amount_t": %s, "reason": "key project A"}""".formatted(most));
		long second = file(office, 2053, """
				{"kind": "RESERVE_DRAW", "to_code": "511112", "amount_t": %s, "reason": "key project B"}""".formatted(most));
		approve(first);
		post(office, "/api/v1/budget/adjustments/" + second + "/review", null).andExpect(status().isOk());
		post(office, "/api/v1/budget/adjustments/" + second + "/approve", null).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail", containsString("amount_t")));
		String v2 = year(2053);
		assertThat(d(JsonPath.read(v2, "$.reserve_t"))).isEqualByComparingTo(reserve.subtract(most));
		assertThat(budget(v2, SHIZHONG)).isEqualByComparingTo(budget(v1, SHIZHONG).add(most));
		assertThat(d(JsonPath.read(v2, "$.total_t"))).isEqualByComparingTo(d(JsonPath.read(v1, "$.total_t")));
		assertIdentity(v2);
		// 收储 and a pool draw: the total stays, the reserve and pool move
		long closed = file(office, 2053, """
				{"kind": "CAPACITY_CLOSED", "from_code": "511111", "amount_t": 5000, "reason": "cement line closed"}""");
		long pool = file(office, 2053, """
				{"kind": "POOL_DRAW", "to_code": "511112", "amount_t": 40000, "reason": "major project"}""");
		approve(closed);
		approve(pool);
		String v4 = year(2053);
		assertThat((Integer) JsonPath.read(v4, "$.version")).isEqualTo(4);
		assertThat(d(JsonPath.read(v4, "$.reserve_t"))).isEqualByComparingTo(reserve.subtract(most).add(d("5000")));
		assertThat(d(JsonPath.read(v4, "$.pool_t"))).isEqualByComparingTo("60000");
		assertThat(budget(v4, SHAWAN)).isEqualByComparingTo(budget(v1, SHAWAN).subtract(d("5000")));
		assertThat(budget(v4, WUTONGQIAO)).isEqualByComparingTo(budget(v1, WUTONGQIAO).add(d("40000")));
		assertThat(d(JsonPath.read(v4, "$.total_t"))).isEqualByComparingTo(d(JsonPath.read(v1, "$.total_t")));
		assertIdentity(v4);
	}

	@Test
	void twoApprovalsAtOnceBuildOneOnTheOther() throws Exception {
		publish(2057, DRAFT);
		long a = file(office, 2057, """
				{"kind": "RESERVE_DRAW", "to_code": "511102", "amount_t": 100, "reason": "a"}""");
		long b = file(office, 2057, """
				{"kind": "RESERVE_DRAW", "to_code": "511111", "amount_t": 200, "reason": "b"}""");
		for (long id : new long[] { a, b }) {
			post(office, "/api/v1/budget/adjustments/" + id + "/review", null).andExpect(status().isOk());
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> done = pool.invokeAll(List.<Callable<Integer>>of(
					() -> post(office, "/api/v1/budget/adjustments/" + a + "/approve", null).andReturn().getResponse().getStatus(),
					() -> post(office, "/api/v1/budget/adjustments/" + b + "/approve", null).andReturn().getResponse().getStatus()));
			for (Future<Integer> f : done) {
				assertThat(f.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdown();
		}
		// versions 2 and 3, the later built on the earlier: both draws are in version 3
		List<Map<String, Object>> rows = jdbc.sql("""
				SELECT p.number AS base, r.number AS result FROM budget_adjustment a JOIN budget_version p ON p.id = a.applied_to_version_id
				JOIN budget_version r ON r.id = a.result_version_id WHERE a.id IN (:ids) ORDER BY r.number""").param("ids", List.of(a, b))
			.query().listOfRows();
		assertThat(rows).extracting(r -> ((Number) r.get("base")).intValue()).containsExactly(1, 2);
		assertThat(rows).extracting(r -> ((Number) r.get("result")).intValue()).containsExactly(2, 3);
		String cmp = mvc.perform(get("/api/v1/budget/years/2057/versions/compare?from=1&to=3").with(office)).andReturn().getResponse()
			.getContentAsString();
		assertThat(d(JsonPath.read(cmp, "$.reserve_t.difference"))).isEqualByComparingTo("-300");
		assertThat(d(JsonPath.read(cmp, "$.allocated_t.difference"))).isEqualByComparingTo("300");
	}

	@Test
	void aGdpRevisionReFloatsTheTotalAndEveryBudgetByTheSameMethod() throws Exception {
		// sink credit 288,000 t = 5 % of 5,760,000 t: the revision must re-cap it at 5 % of the new total
		String v1 = publish(2054, DRAFT.replace("\"pool_t\": 100000", "\"pool_t\": 100000, \"sink_credit_t\": 288000"));
		long id = file(office, 2054, """
				{"kind": "GDP_REVISION", "revised_gdp_10k_cny": 9500000, "reason": "Statistics bureau: H1 growth below forecast"}""");
		approve(id);
		String v2 = year(2054);
		// I* = 0.6 × (1 − 0.04) = 0.576; total' = 0.576 × 9,500,000 = 5,472,000 t
		BigDecimal target = d("0.6").multiply(d("0.96"));
		BigDecimal total = target.multiply(d("9500000"));
		BigDecimal sink = total.multiply(d("0.05"));
		BigDecimal allocatable = total.subtract(total.multiply(d("0.05"))).subtract(d("100000")).subtract(sink);
		assertThat(total).isEqualByComparingTo("5472000");
		assertThat(d(JsonPath.read(v2, "$.target_intensity_t_per_10k_cny"))).isEqualByComparingTo(target);
		assertThat(d(JsonPath.read(v2, "$.forecast_gdp_10k_cny"))).isEqualByComparingTo("9500000");
		assertThat(d(JsonPath.read(v2, "$.city_budget_t"))).isEqualByComparingTo(total);
		assertThat(d(JsonPath.read(v2, "$.total_t"))).isEqualByComparingTo(total);
		assertThat(d(JsonPath.read(v2, "$.sink_credit_t"))).isEqualByComparingTo(sink);
		assertThat(d(JsonPath.read(v2, "$.pool_t"))).isEqualByComparingTo("100000");
		List<BigDecimal> expected = largestRemainder(allocatable.setScale(0, RoundingMode.FLOOR), GDP);
		BigDecimal sum = BigDecimal.ZERO;
		for (int i = 0; i < 3; i++) {
			assertThat(budget(v2, CODES[i])).as(CODES[i]).isEqualByComparingTo(expected.get(i));
			sum = sum.add(expected.get(i));
		}
		assertThat(d(JsonPath.read(v2, "$.reserve_t"))).isEqualByComparingTo(total.subtract(d("100000")).subtract(sink).subtract(sum));
		assertIdentity(v2);
		// version 1 floats on the old GDP, unchanged
		assertThat(d(JsonPath.read(v1, "$.total_t"))).isEqualByComparingTo("5760000");
		mvc.perform(get("/api/v1/budget/years/2054/versions/compare?from=1&to=2").with(office))
			.andExpect(jsonPath("$.total_t.from").value(5760000)).andExpect(jsonPath("$.total_t.to").value(5472000))
			.andExpect(jsonPath("$.total_t.difference").value(-288000))
			.andExpect(jsonPath("$.sink_credit_t.difference").value(sink.subtract(d("288000")).doubleValue()));
		mvc.perform(get("/api/v1/budget/years/2054/versions/2/sink-credit").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$.credit_t").value(sink.doubleValue())).andExpect(jsonPath("$.cap_t").value(sink.doubleValue()));
	}

	@Test
	void tonnesMoveAlongTheHolderTreeAndEveryColumnOfAHolderIsCopied() throws Exception {
		// a park under Shawan holding 30,000 t of Shawan's budget, with a column another part of the module may add
		String base = "/api/v1/budget/years/2059/versions";
		post(office, base, DRAFT).andExpect(status().isCreated());
		post(office, base + "/1/allocation", BY_GDP).andExpect(status().isOk());
		jdbc.sql("ALTER TABLE budget_holder ADD COLUMN IF NOT EXISTS test_marker TEXT").update();
		jdbc.sql("""
				INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t, test_marker)
				SELECT id, 'PARK-SW-1', 'PARK', :shawan, 99, 0, 0, 0, 30000, 'kept' FROM budget_version WHERE year = 2059 AND number = 1""")
			.param("shawan", SHAWAN).update();
		jdbc.sql("""
				INSERT INTO budget_sub_allocation (version_id, parent_code, level, method, amount_t, common_t, created_at, created_by)
				SELECT id, :shawan, 'COUNTY', 'GDP_SHARE', 30000, 0, now(), 'test' FROM budget_version WHERE year = 2059 AND number = 1""")
			.param("shawan", SHAWAN).update();
		for (int i = 0; i < 3; i++) {
			post(office, base + "/1/advance", null).andExpect(status().isOk());
		}
		String v1 = post(office, base + "/1/publish", null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		var shawan = basic(fixtures.countyOfficer(SHAWAN));
		var shizhong = basic(fixtures.countyOfficer(SHIZHONG));
		String fromPark = """
				{"kind": "TRANSFER", "from_code": "PARK-SW-1", "to_code": "511112", "amount_t": 10000, "reason": "park line closed"}""";
		post(shizhong, "/api/v1/budget/years/2059/adjustments", fromPark).andExpect(status().isForbidden());
		post(shawan, "/api/v1/budget/years/2059/adjustments", fromPark.replace("10000", "30001")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("amount_t"));
		// from Shawan into its own park: never more than Shawan holds beyond what its park holds
		post(shawan, "/api/v1/budget/years/2059/adjustments", """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "PARK-SW-1", "amount_t": %s, "reason": "x"}"""
			.formatted(budget(v1, SHAWAN).subtract(d("29999")))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message", containsString("holders it contains")));
		approve(file(shawan, 2059, fromPark));
		// inside Shawan: from the park to Shawan itself leaves Shawan's budget as it is
		approve(file(shawan, 2059, """
				{"kind": "TRANSFER", "from_code": "PARK-SW-1", "to_code": "511111", "amount_t": 5000, "reason": "back to the county"}"""));
		String v3 = year(2059);
		assertThat(budget(v3, "PARK-SW-1")).isEqualByComparingTo("15000");
		assertThat(budget(v3, SHAWAN)).isEqualByComparingTo(budget(v1, SHAWAN).subtract(d("10000")));
		assertThat(budget(v3, WUTONGQIAO)).isEqualByComparingTo(budget(v1, WUTONGQIAO).add(d("10000")));
		assertThat(d(JsonPath.read(v3, "$.total_t"))).isEqualByComparingTo(d(JsonPath.read(v1, "$.total_t")));
		// the identity counts top-level holders: the park is inside Shawan
		BigDecimal top = jdbc.sql("""
				SELECT v.total_t - v.reserve_t - v.pool_t - v.sink_credit_t - sum(h.budget_t) FILTER (WHERE h.kind = 'COUNTY')
				FROM budget_version v JOIN budget_holder h ON h.version_id = v.id WHERE v.year = 2059 AND v.number = 3 GROUP BY v.id""")
			.query(BigDecimal.class).single();
		assertThat(top).isEqualByComparingTo("0");
		assertThat(jdbc.sql("""
				SELECT h.test_marker FROM budget_holder h JOIN budget_version v ON v.id = h.version_id
				WHERE v.year = 2059 AND v.number = 3 AND h.code = 'PARK-SW-1'""").query(String.class).single()).isEqualTo("kept");
		// and the division of Shawan (its method per level) travels with it into every new version
		assertThat(jdbc.sql("""
				SELECT v.number FROM budget_sub_allocation s JOIN budget_version v ON v.id = s.version_id
				WHERE v.year = 2059 AND s.parent_code = :shawan AND s.method = 'GDP_SHARE' ORDER BY v.number""")
			.param("shawan", SHAWAN).query(Integer.class).list()).containsExactly(1, 2, 3);
		// a GDP revision that would leave Shawan below its park's 15,000 t is refused, naming the revised GDP
		post(office, "/api/v1/budget/years/2059/adjustments", """
				{"kind": "GDP_REVISION", "revised_gdp_10k_cny": 250000, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("revised_gdp_10k_cny"))
			.andExpect(jsonPath("$.errors[0].message", containsString("holders it contains")));
		// 0.576 × 250,000 = 144,000 t; − 7,200 reserve − 100,000 pool = 36,800 t, of which Shawan 2.4 ÷ 10.7 ≈ 8,254 t < 15,000 t
		post(office, "/api/v1/budget/years/2059/adjustments", """
				{"kind": "GDP_REVISION", "revised_gdp_10k_cny": 100000, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message", containsString("below the reserve")));
	}

	static byte[] pdf() {
		return "%PDF-1.4\n% verification report of forestry sinks\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	MockMultipartHttpServletRequestBuilder sink(String county, int year, String increment) {
		var req = multipart("/api/v1/budget/sinks");
		req.param("county_code", county).param("year", String.valueOf(year)).param("increment_t", increment)
			.param("verified_on", "2027-03-15").param("verified_by", "四川省林业科学研究院");
		return req;
	}

	@Test
	void theSinkLedgerFeedsADraftsCreditCappedAtBeta() throws Exception {
		byte[] doc = pdf();
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
		String entry = mvc.perform(sink(EMEISHAN, 2055, "125000").file(new MockMultipartFile("file", "峨眉山碳汇核证报告.pdf", "application/pdf", doc))
			.with(office)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.document_sha256").value(sha)).andExpect(jsonPath("$.document_type").value("application/pdf"))
			.andExpect(jsonPath("$.document_bytes").value(doc.length)).andReturn().getResponse().getContentAsString();
		long entryId = ((Number) JsonPath.read(entry, "$.id")).longValue();
		mvc.perform(sink(MUCHUAN, 2055, "80000").param("reference_number", "乐市林发〔2027〕12号").with(office)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.document_sha256").value(org.hamcrest.Matchers.nullValue()));
		byte[] back = mvc.perform(get("/api/v1/budget/sinks/" + entryId + "/document").with(office)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(back).isEqualTo(doc);
		// the forestry bureau's entries go through the city's roles; a county reads its own
		var emeishan = basic(fixtures.countyOfficer(EMEISHAN));
		var muchuan = basic(fixtures.countyOfficer(MUCHUAN));
		mvc.perform(sink(EMEISHAN, 2055, "1").param("reference_number", "x").with(emeishan)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/budget/sinks?year=2055").with(emeishan)).andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].county_code").value(EMEISHAN));
		mvc.perform(get("/api/v1/budget/sinks/" + entryId + "/document").with(muchuan)).andExpect(status().isNotFound());
		// append-only in the database
		assertThatThrownBy(() -> jdbc.sql("UPDATE budget_sink_entry SET increment_t = 1 WHERE id = " + entryId).update())
			.hasMessageContaining("append-only");

		// Σ ΔS = 205,000 t; total 0.6 × 5,000,000 = 3,000,000 t; β × total = 150,000 t: the credit is capped at β
		String draft = """
				{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0, "forecast_gdp_10k_cny": 5000000, "source": "x"}""";
		post(office, "/api/v1/budget/years/2055/versions", draft).andExpect(status().isCreated())
			.andExpect(jsonPath("$.sink_credit_t").value(150000));
		mvc.perform(get("/api/v1/budget/years/2055/versions/1/sink-credit").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$.ledger_sum_t").value(205000)).andExpect(jsonPath("$.cap_t").value(150000))
			.andExpect(jsonPath("$.credit_t").value(150000)).andExpect(jsonPath("$.credited_to").value("RESERVE"))
			.andExpect(jsonPath("$.entered_by_office").value(false));
		// to the producing counties: 150,000 × 125,000 ÷ 205,000 and × 80,000 ÷ 205,000 in whole tonnes by largest remainder
		List<BigDecimal> parts = largestRemainder(d("150000"), new String[] { "125000", "80000" });
		String credit = post(office, "/api/v1/budget/years/2055/versions/1/sink-credit", "{\"credited_to\": \"COUNTIES\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.counties", hasSize(2))).andReturn().getResponse().getContentAsString();
		assertThat(d(((List<Object>) JsonPath.read(credit, "$.counties[?(@.code == '" + EMEISHAN + "')].credit_t")).get(0))).isEqualByComparingTo(parts.get(0));
		assertThat(d(((List<Object>) JsonPath.read(credit, "$.counties[?(@.code == '" + MUCHUAN + "')].credit_t")).get(0))).isEqualByComparingTo(parts.get(1));
		assertThat(parts.get(0).add(parts.get(1))).isEqualByComparingTo("150000");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.sink-credited' AND entity_id = '2055/1'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.sink-recorded' AND entity_id = :id")
			.param("id", String.valueOf(entryId)).query(Long.class).single()).isEqualTo(1);
		// a correction is a new entry naming the one it corrects, never more than is left of it
		String e2056 = mvc.perform(sink(EMEISHAN, 2056, "20000").param("reference_number", "乐市林发〔2027〕13号").with(office))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long corrected = ((Number) JsonPath.read(e2056, "$.id")).longValue();
		mvc.perform(sink(EMEISHAN, 2056, "-5000").param("reference_number", "乐市林发〔2027〕14号").with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("increment_t"));
		mvc.perform(sink(EMEISHAN, 2056, "-5000").param("corrects_entry_id", String.valueOf(corrected)).param("reference_number", "乐市林发〔2027〕14号")
			.with(office)).andExpect(status().isCreated()).andExpect(jsonPath("$.corrects_entry_id").value(corrected));
		mvc.perform(sink(EMEISHAN, 2056, "-15000.000001").param("corrects_entry_id", String.valueOf(corrected)).param("reference_number", "x")
			.with(office)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("increment_t"));
		mvc.perform(sink(MUCHUAN, 2056, "-1").param("corrects_entry_id", String.valueOf(corrected)).param("reference_number", "x")
			.with(office)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("corrects_entry_id"));
		// below the cap the credit is Σ ΔS = 20,000 − 5,000 t; the target intensity is the same with or without sinks
		post(office, "/api/v1/budget/years/2056/versions", draft).andExpect(status().isCreated())
			.andExpect(jsonPath("$.sink_credit_t").value(15000)).andExpect(jsonPath("$.target_intensity_t_per_10k_cny").value(0.6));
	}

	@Test
	void badInputIsA400NamingTheField() throws Exception {
		publish(2058, DRAFT);
		String url = "/api/v1/budget/years/2058/adjustments";
		post(office, url, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": 1e999999999, "reason": "%s"}"""
			.formatted("长".repeat(2001))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("amount_t"))).andExpect(jsonPath("$.errors[*].field", hasItem("reason")));
		post(office, url, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": 1.5}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("amount_t"))).andExpect(jsonPath("$.errors[*].field", hasItem("reason")));
		post(office, url, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511112", "amount_t": -5, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("amount_t"));
		post(office, url, """
				{"kind": "BY_LUCK", "amount_t": 5, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("kind")));
		post(office, url, """
				{"kind": "RESERVE_DRAW", "from_code": "511111", "amount_t": 5, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("from_code"))).andExpect(jsonPath("$.errors[*].field", hasItem("to_code")));
		post(office, url, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "999999", "amount_t": 5, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to_code"));
		post(office, url, """
				{"kind": "TRANSFER", "from_code": "511111", "to_code": "511111", "amount_t": 5, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to_code"));
		post(office, url, """
				{"kind": "GDP_REVISION", "revised_gdp_10k_cny": 1e11, "reason": "x"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("revised_gdp_10k_cny"));
		post(office, url, """
				{"kind": "GDP_REVISION", "reason": "x", "amount_t": 3}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("revised_gdp_10k_cny"))).andExpect(jsonPath("$.errors[*].field", hasItem("amount_t")));
		post(office, "/api/v1/budget/years/1999/adjustments", "{\"kind\": \"TRANSFER\", \"reason\": \"x\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"));
		mvc.perform(get("/api/v1/budget/years/2058/versions/compare?from=1&to=9").with(office)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/budget/years/2058/versions/compare?from=one&to=1").with(office)).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/budget/adjustments/999999").with(office)).andExpect(status().isNotFound());
		// the ledger: a huge or tiny increment, no evidence, a file that is not a document, a long name, a date ahead
		mvc.perform(sink(EMEISHAN, 2058, "1e999999999").param("reference_number", "x").with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("increment_t"));
		mvc.perform(sink(EMEISHAN, 2058, "1e-999999999").param("reference_number", "x").with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("increment_t"));
		mvc.perform(sink(EMEISHAN, 2058, "10").with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reference_number"));
		mvc.perform(sink(EMEISHAN, 2058, "10").file(new MockMultipartFile("file", "x.exe", "application/pdf", new byte[] { 'M', 'Z', 0, 0 }))
			.with(office)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(sink(EMEISHAN, 2058, "10").param("reference_number", "x".repeat(101)).param("verified_by", "y".repeat(201))
			.with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("reference_number"))).andExpect(jsonPath("$.errors[*].field", hasItem("verified_by")));
		mvc.perform(sink("999999", 2058, "10").param("reference_number", "x").with(office))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("county_code")));
		mvc.perform(sink(EMEISHAN, 2058, "ten").param("reference_number", "x").with(office)).andExpect(status().isBadRequest());
		post(office, "/api/v1/budget/years/2058/versions/1/sink-credit", "{\"credited_to\": \"SOMEWHERE\"}").andExpect(status().isBadRequest());
		// a published version's credit is fixed
		post(office, "/api/v1/budget/years/2058/versions/1/sink-credit", "{\"credited_to\": \"COUNTIES\"}").andExpect(status().isConflict());
	}
}
