package org.peakpilot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.budget.BudgetWarningChanged;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.ExecutionJobs;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.JINKOUHE;
import static org.peakpilot.Counties.MABIAN;
import static org.peakpilot.Counties.QIANWEI;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Execution and warnings of a published budget (issue 12, ADR 0016 amendment): a county and an enterprise holder turn
 * green, yellow (amber) and red month by month from verified reports, another county from metered estimates, with
 * missing data never shown green; the path, forecast and levels computed here from the formulas; the red county seen
 * through {@link CarbonBudgets} and {@link BudgetWarningChanged}; last year's months shaping the path and a rising
 * intensity turning a county red; scope, acknowledgement, audit and bad input.
 */
// Own context: a movable clock (months close as the test moves it) and counties whose every enterprise is the test's
@SpringBootTest(properties = { "peakpilot.test.clock=2026-01-20T02:00:00Z", "peakpilot.test.schema=pp_budget_execution" })
@AutoConfigureMockMvc
@Import(MovableClockConfiguration.class)
@RecordApplicationEvents
class BudgetExecutionTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String PARK = "QIANWEI-MABIAN-CHEM";

	/** January 20th, 2026, 10:00 Beijing at the start (the property peakpilot.test.clock); the tests move it. */
	@Autowired
	MovableClock now;

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CarbonBudgets budgets;

	@Autowired
	ExecutionJobs jobs;

	@Autowired
	ApplicationEvents events;

	static Instant at(int y, int m, int d) {
		return LocalDate.of(y, m, d).atTime(10, 0).atZone(BEIJING).toInstant();
	}

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	static BigDecimal stored(BigDecimal v) {
		return v.setScale(6, RoundingMode.HALF_UP);
	}

	ResultActions call(RequestPostProcessor who, String method, String url, String body) throws Exception {
		var req = switch (method) {
			case "GET" -> get(url);
			case "PUT" -> put(url);
			default -> post(url);
		};
		if (who != null) {
			req = req.with(who);
		}
		return mvc.perform(body == null ? req : req.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	String json(ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	/** tCO2 per kWh of grid electricity in a year, from the accounting calculator (as monitoring converts a meter). */
	BigDecimal gridPerKwh(RequestPostProcessor who, int year) throws Exception {
		String calc = json(call(who, "POST", "/api/v1/accounting/calculations", """
				{"year": %d, "lines": [{"type": "ELECTRICITY", "quantity": 1000000, "unit": "kWh"}]}""".formatted(year)).andExpect(status().isOk()));
		return d(JsonPath.read(calc, "$.totals.totalCo2T").toString()).divide(d(1_000_000), MathContext.DECIMAL64);
	}

	/** kWh of grid electricity for about this many tCO2. */
	static long kwh(BigDecimal g, int tonnes) {
		return d(tonnes).divide(g, 0, RoundingMode.HALF_UP).longValueExact();
	}

	/** A report of electricity only (and output value); returns its id and total as accounting states it. */
	record Saved(long id, BigDecimal total) {
	}

	Saved report(String user, long enterprise, int year, int month, long kwh, Integer outputValue) throws Exception {
		String body = json(call(basic(user), "PUT", "/api/v1/accounting/enterprises/" + enterprise + "/reports/" + year + "/" + month, """
				{%s"lines": [{"line": {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"}}]}"""
			.formatted(outputValue == null ? "" : "\"outputValue10kCny\": " + outputValue + ", ", kwh)).andExpect(status().isOk()));
		return new Saved(((Number) JsonPath.read(body, "$.id")).longValue(), d(JsonPath.read(body, "$.summary.totalCo2T").toString()));
	}

	void submit(String user, long reportId) throws Exception {
		call(basic(user), "POST", "/api/v1/accounting/reports/" + reportId + "/submit", null).andExpect(status().isOk());
	}

	void verify(String verifier, long reportId) throws Exception {
		call(basic(verifier), "POST", "/api/v1/accounting/reports/" + reportId + "/verify", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("VERIFIED"));
	}

	/** Saved, submitted and verified; returns the total. */
	BigDecimal verified(String user, String verifier, long enterprise, int month, long kwh) throws Exception {
		Saved s = report(user, enterprise, 2026, month, kwh, null);
		submit(user, s.id());
		verify(verifier, s.id());
		return s.total();
	}

	/** The stored execution of a holder. */
	Map<String, Object> holder(RequestPostProcessor who, int year, String code) throws Exception {
		String body = json(call(who, "GET", "/api/v1/budget/years/" + year + "/execution?holder=" + code, null).andExpect(status().isOk()));
		List<Map<String, Object>> holders = JsonPath.read(body, "$.holders");
		assertThat(holders).hasSize(1);
		return holders.get(0);
	}

	static String level(Map<String, Object> h) {
		return JsonPath.read(h, "$.warning.level");
	}

	static BigDecimal figure(Map<String, Object> h, String path) {
		Object v = JsonPath.read(h, path);
		return v == null ? null : d(v);
	}

	void recompute(RequestPostProcessor office, int year) throws Exception {
		call(office, "POST", "/api/v1/budget/years/" + year + "/execution/recompute", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.year").value(year));
	}

	/** Publishes a version of the year whose counties, enterprise and park budgets the test sets in the draft. */
	void publish(RequestPostProcessor office, RequestPostProcessor countyOfficer, int year, Map<String, Integer> counties,
			List<Object[]> otherHolders) throws Exception {
		call(office, "POST", "/api/v1/budget/years/" + year + "/versions", """
				{"base_intensity_t_per_10k_cny": 0.62, "decline_rate": 0.035, "forecast_gdp_10k_cny": 25000000, "source": "test inputs"}""")
			.andExpect(status().isCreated());
		StringBuilder holders = new StringBuilder();
		for (String code : counties.keySet()) {
			holders.append(holders.isEmpty() ? "" : ",").append("{\"code\": \"").append(code).append("\", \"gdp_10k_cny\": 1000}");
		}
		String version = "/api/v1/budget/years/" + year + "/versions/1";
		call(office, "POST", version + "/allocation", "{\"method\": \"GDP_SHARE\", \"holders\": [" + holders + "]}").andExpect(status().isOk());
		long id = jdbc.sql("SELECT id FROM budget_version WHERE year = :y AND number = 1").param("y", year).query(Long.class).single();
		// the test's budgets, set in the draft (the allocation API takes counties only so far)
		counties.forEach((code, t) -> jdbc.sql("UPDATE budget_holder SET budget_t = :t WHERE version_id = :id AND code = :code")
			.param("t", t).param("id", id).param("code", code).update());
		int line = 100;
		for (Object[] h : otherHolders) {
			jdbc.sql("""
					INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t)
					VALUES (:id, :code, :kind, :parent, :line, 0, 0, 0, :t)""").param("id", id).param("code", h[0]).param("kind", h[1])
				.param("parent", h[2]).param("line", line++).param("t", h[3]).update();
		}
		new BudgetFixtures(mvc).approve(office, countyOfficer, version);
	}

	/** Path to the end of month n for a budget by days: B × days to date ÷ 365 (2026). */
	static BigDecimal daysPath(int budget, int days) {
		return stored(d(budget).multiply(d(days)).divide(d(365), MathContext.DECIMAL64));
	}

	/** Forecast: used ÷ (days to date ÷ 365). */
	static BigDecimal daysForecast(BigDecimal used, int days) {
		return stored(used.multiply(d(365)).divide(d(days), MathContext.DECIMAL64));
	}

	@Test
	void countiesAndAnEnterpriseTurnGreenYellowRedByVerifiedReportsAndByMeteredEstimates() throws Exception {
		now.set(at(2026, 1, 20));
		Fixtures fixtures = new Fixtures(registry, accounts);
		String officer = fixtures.cityOfficer();
		RequestPostProcessor office = basic(officer);
		RegistryModel.Enterprise e1 = fixtures.enterprise(JINKOUHE, "3011", null);
		RegistryModel.Enterprise e2 = fixtures.enterprise(JINKOUHE, "3011", null);
		String u1 = fixtures.user(Role.ENTERPRISE_USER, null, null, e1.id(), Set.of());
		String u2 = fixtures.user(Role.ENTERPRISE_USER, null, null, e2.id(), Set.of());
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(e1.id(), e2.id()));
		MeteredEnterprise e3 = new MeteredEnterprise(mvc, fixtures, EBIAN);
		e3.intervalMeter("E-01", "ELECTRICITY", "kWh", 60, 50_000_000, null);
		long parkId = fixtures.parkId(PARK);
		RegistryModel.Enterprise inPark = fixtures.enterprise(QIANWEI, "3011", parkId);
		BigDecimal g = gridPerKwh(office, 2026);

		// 7,300 t for each county (20 t a day), 1,000 t for the enterprise e1, 500 t for the park
		publish(office, basic(fixtures.countyOfficer(JINKOUHE)), 2026, Map.of(JINKOUHE, 7300, EBIAN, 7300, QIANWEI, 1000),
				List.<Object[]>of(new Object[] { e1.uscc(), "ENTERPRISE", JINKOUHE, 1000 }, new Object[] { PARK, "PARK", QIANWEI, 500 }));
		// publication computed the execution: no month is over yet
		assertThat(level(holder(office, 2026, JINKOUHE))).isEqualTo("NO_DATA");
		call(office, "GET", "/api/v1/budget/years/2026", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.execution_status").value("NOT_AVAILABLE"))
			.andExpect(jsonPath("$.holders[0].used").value(org.hamcrest.Matchers.nullValue()));

		// ---- January over: 150 + 300 t verified in Jinkouhe, 450 t metered in Ebian; paths 7,300 × 31/365 = 620 t
		now.set(at(2026, 2, 10));
		BigDecimal e1Jan = verified(u1, verifier, e1.id(), 1, kwh(g, 150));
		BigDecimal e2Jan = verified(u2, verifier, e2.id(), 1, kwh(g, 300));
		long e3Jan = kwh(g, 450);
		e3.send("E-01,2026-01-05T01:00+08:00," + e3Jan);
		call(basic(e3.user), "POST", "/api/v1/monitoring/enterprises/" + e3.id() + "/closings/2026-01", null).andExpect(status().isOk());
		assertThat(jobs.marked()).contains(2026);
		assertThat(jobs.recomputeDue()).contains(2026);

		Map<String, Object> jinkouhe = holder(office, 2026, JINKOUHE);
		BigDecimal used = e1Jan.add(e2Jan);
		assertThat(figure(jinkouhe, "$.used_t")).isEqualByComparingTo(used);
		assertThat(figure(jinkouhe, "$.path_to_date_t")).isEqualByComparingTo(daysPath(7300, 31)).isEqualByComparingTo("620");
		assertThat(figure(jinkouhe, "$.forecast_t")).isEqualByComparingTo(daysForecast(used, 31));
		assertThat((String) JsonPath.read(jinkouhe, "$.path_basis")).isEqualTo("DAYS");
		assertThat((Integer) JsonPath.read(jinkouhe, "$.enterprises")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(jinkouhe, "$.coverage.verified")).isEqualTo(2);
		assertThat((String) JsonPath.read(jinkouhe, "$.months[0].source")).isEqualTo("VERIFIED");
		assertThat((Object) JsonPath.read(jinkouhe, "$.months[1].used_t")).isNull();
		// every enterprise-month known and on the path, yet the enterprises are not the whole county: no GREEN proven
		assertThat(level(jinkouhe)).isEqualTo("INCOMPLETE");
		assertThat((Boolean) JsonPath.read(jinkouhe, "$.complete")).isTrue();
		assertThat((String) JsonPath.read(jinkouhe, "$.warning.reason_code")).isEqualTo("ENTERPRISES_ONLY");
		Map<String, Object> enterprise = holder(office, 2026, e1.uscc());
		assertThat(figure(enterprise, "$.used_t")).isEqualByComparingTo(e1Jan);
		assertThat(level(enterprise)).isEqualTo("GREEN");
		Map<String, Object> ebian = holder(office, 2026, EBIAN);
		BigDecimal est = stored(d(e3Jan).multiply(g));
		assertThat(figure(ebian, "$.used_t")).isEqualByComparingTo(est);
		assertThat((String) JsonPath.read(ebian, "$.months[0].source")).isEqualTo("ESTIMATE");
		assertThat((Integer) JsonPath.read(ebian, "$.coverage.estimated")).isEqualTo(1);
		assertThat(level(ebian)).isEqualTo("INCOMPLETE");
		// the year's budget carries used, forecast and warning now
		String year = json(call(office, "GET", "/api/v1/budget/years/2026", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.execution_status").value("COMPUTED")));
		assertThat(d(((List<Object>) JsonPath.read(year, "$.holders[?(@.code == '" + JINKOUHE + "')].used")).get(0))).isEqualByComparingTo(used);
		assertThat((List<Object>) JsonPath.read(year, "$.holders[?(@.code == '" + JINKOUHE + "')].warning")).containsExactly("INCOMPLETE");

		// ---- February over: path 7,300 × 59/365 = 1,180 t; e2 has not reported yet: 830 + 300 t known, no level proven
		now.set(at(2026, 3, 10));
		BigDecimal e1Feb = verified(u1, verifier, e1.id(), 2, kwh(g, 680));
		recompute(office, 2026);
		jinkouhe = holder(office, 2026, JINKOUHE);
		assertThat(level(jinkouhe)).isEqualTo("INCOMPLETE");
		assertThat((Boolean) JsonPath.read(jinkouhe, "$.complete")).isFalse();
		assertThat((String) JsonPath.read(jinkouhe, "$.months[1].source")).isEqualTo("MISSING");
		assertThat((Integer) JsonPath.read(jinkouhe, "$.coverage.missing")).isEqualTo(1);
		// e1 used 830 t of 1,000 (≥ 80 %) ahead of its path 1,000 × 59/365 = 161.6 t: AMBER
		enterprise = holder(office, 2026, e1.uscc());
		BigDecimal e1Used = e1Jan.add(e1Feb);
		assertThat(e1Used.compareTo(d("800"))).isPositive();
		assertThat(level(enterprise)).isEqualTo("AMBER");
		assertThat(figure(enterprise, "$.path_to_date_t")).isEqualByComparingTo(daysPath(1000, 59));
		// e2 submits 100 t (not verified yet: REPORTED): 1,230 t, 4.2 % behind the path, within 10 %: YELLOW
		Saved e2FebReport = report(u2, e2.id(), 2026, 2, kwh(g, 100), null);
		submit(u2, e2FebReport.id());
		recompute(office, 2026);
		jinkouhe = holder(office, 2026, JINKOUHE);
		used = e1Used.add(e2Jan).add(e2FebReport.total());
		BigDecimal path = daysPath(7300, 59);
		BigDecimal gap = used.subtract(path).divide(path, MathContext.DECIMAL64);
		assertThat(gap).isBetween(d("0"), d("0.10"));
		assertThat(figure(jinkouhe, "$.used_t")).isEqualByComparingTo(used);
		assertThat(figure(jinkouhe, "$.path_to_date_t")).isEqualByComparingTo("1180");
		assertThat(figure(jinkouhe, "$.months[1].path_t")).isEqualByComparingTo(daysPath(7300, 59).subtract(daysPath(7300, 31)));
		assertThat(figure(jinkouhe, "$.forecast_t")).isEqualByComparingTo(daysForecast(used, 59));
		assertThat((String) JsonPath.read(jinkouhe, "$.months[1].source")).isEqualTo("REPORTED");
		assertThat(level(jinkouhe)).isEqualTo("YELLOW");
		verify(verifier, e2FebReport.id());
		long e3Feb = kwh(g, 780);
		e3.send("E-01,2026-02-05T01:00+08:00," + e3Feb);
		call(basic(e3.user), "POST", "/api/v1/monitoring/enterprises/" + e3.id() + "/closings/2026-02", null).andExpect(status().isOk());
		recompute(office, 2026);
		assertThat((String) JsonPath.read(holder(office, 2026, JINKOUHE), "$.months[1].source")).isEqualTo("VERIFIED");
		ebian = holder(office, 2026, EBIAN);
		BigDecimal ebianUsed = est.add(stored(d(e3Feb).multiply(g)));
		assertThat(figure(ebian, "$.used_t")).isEqualByComparingTo(ebianUsed);
		assertThat(ebianUsed.subtract(path).divide(path, MathContext.DECIMAL64)).isBetween(d("0"), d("0.10"));
		assertThat(level(ebian)).isEqualTo("YELLOW");

		// ---- March over: path 7,300 × 90/365 = 1,800 t; Jinkouhe 2,080 t (+15.6 %) and Ebian 2,080 t: RED; e1 980 t of 1,000: RED
		now.set(at(2026, 4, 10));
		verified(u1, verifier, e1.id(), 3, kwh(g, 150));
		verified(u2, verifier, e2.id(), 3, kwh(g, 700));
		long e3Mar = kwh(g, 850);
		e3.send("E-01,2026-03-05T01:00+08:00," + e3Mar);
		call(basic(e3.user), "POST", "/api/v1/monitoring/enterprises/" + e3.id() + "/closings/2026-03", null).andExpect(status().isOk());
		events.clear();
		recompute(office, 2026);
		jinkouhe = holder(office, 2026, JINKOUHE);
		path = daysPath(7300, 90);
		assertThat(figure(jinkouhe, "$.path_to_date_t")).isEqualByComparingTo("1800");
		assertThat(figure(jinkouhe, "$.used_t").subtract(path).divide(path, MathContext.DECIMAL64)).isGreaterThan(d("0.10"));
		assertThat(level(jinkouhe)).isEqualTo("RED");
		assertThat((String) JsonPath.read(jinkouhe, "$.warning.reason_code")).isEqualTo("BEYOND_RED_GAP");
		enterprise = holder(office, 2026, e1.uscc());
		assertThat(figure(enterprise, "$.used_t")).isGreaterThanOrEqualTo(d("950")).isLessThanOrEqualTo(d("1000"));
		assertThat(level(enterprise)).isEqualTo("RED");
		assertThat((String) JsonPath.read(enterprise, "$.warning.reason_code")).isEqualTo("USE_RED");
		ebian = holder(office, 2026, EBIAN);
		ebianUsed = ebianUsed.add(stored(d(e3Mar).multiply(g)));
		assertThat(figure(ebian, "$.used_t")).isEqualByComparingTo(ebianUsed);
		assertThat(figure(ebian, "$.forecast_t")).isEqualByComparingTo(daysForecast(ebianUsed, 90));
		assertThat(level(ebian)).isEqualTo("RED");

		// the red counties as another module sees them: the entry point and the event
		assertThat(budgets.warningLevel(JINKOUHE, 2026)).isEqualTo(WarningLevel.RED);
		assertThat(budgets.warningLevel(MABIAN, 2026)).isEqualTo(WarningLevel.NO_DATA);
		assertThat(budgets.redCounties(2026)).containsExactlyInAnyOrder(JINKOUHE, EBIAN);
		assertThat(events.stream(BudgetWarningChanged.class).filter(e -> e.holderCode().equals(JINKOUHE)))
			.singleElement().satisfies(e -> {
				assertThat(e.from()).isEqualTo(WarningLevel.YELLOW);
				assertThat(e.to()).isEqualTo(WarningLevel.RED);
				assertThat(e.countyCode()).isEqualTo(JINKOUHE);
				assertThat(e.kind()).isEqualTo("COUNTY");
			});

		// the public sees the county-level warning levels, not the emissions behind them
		String published = json(call(null, "GET", "/api/v1/public/budget/years/2026", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.execution_status").value("COMPUTED")));
		assertThat((List<Object>) JsonPath.read(published, "$.holders[?(@.code == '" + JINKOUHE + "')].warning")).containsExactly("RED");
		assertThat((List<Object>) JsonPath.read(published, "$.holders[*].used")).containsOnlyNulls();
		assertThat((List<Object>) JsonPath.read(published, "$.holders[*].kind")).containsOnly("COUNTY");

		// the cockpit: the county's warning on its line and its monthly path (cumulative: path, used, forecast to December)
		String page = json(call(fixtures.as(officer), "GET", "/budget/2026?holder=" + JINKOUHE, null).andExpect(status().isOk()));
		String pathJson = page.substring(page.indexOf("id=\"monthly-path-data\">") + "id=\"monthly-path-data\">".length());
		pathJson = pathJson.substring(0, pathJson.indexOf("</script>"));
		assertThat((List<String>) JsonPath.read(pathJson, "$.months")).hasSize(12).startsWith("2026-01");
		assertThat(d(JsonPath.read(pathJson, "$.path_t[2]"))).isEqualByComparingTo("1800");
		assertThat(d(JsonPath.read(pathJson, "$.path_t[11]"))).isEqualByComparingTo("7300");
		assertThat(d(JsonPath.read(pathJson, "$.used_t[2]"))).isEqualByComparingTo(figure(jinkouhe, "$.used_t"));
		assertThat((Object) JsonPath.read(pathJson, "$.used_t[3]")).isNull();
		assertThat(d(JsonPath.read(pathJson, "$.forecast_t[11]"))).isCloseTo(figure(jinkouhe, "$.forecast_t"), org.assertj.core.data.Offset.offset(d("0.001")));
		assertThat(page).contains("红色预警");

		// ---- the warning list: open warnings now; the yellow ones were cleared when the level changed
		String open = json(call(office, "GET", "/api/v1/budget/years/2026/warnings", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(open, "$[*].holder_code")).containsExactlyInAnyOrder(JINKOUHE, EBIAN, e1.uscc());
		assertThat((List<String>) JsonPath.read(open, "$[*].level")).containsOnly("RED");
		String all = json(call(office, "GET", "/api/v1/budget/years/2026/warnings?open=false", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(all, "$[?(@.holder_code == '" + JINKOUHE + "')].level")).containsExactlyInAnyOrder("YELLOW", "RED");
		assertThat((List<Object>) JsonPath.read(all, "$[?(@.level == 'YELLOW')].cleared_at")).doesNotContainNull();
		assertThat((List<String>) JsonPath.read(all, "$[?(@.holder_code == '" + e1.uscc() + "')].level")).containsExactlyInAnyOrder("AMBER", "RED");

		// ---- scope: a county officer its county and its enterprises, a park manager its park, an enterprise its own
		RequestPostProcessor ebianOfficer = basic(fixtures.countyOfficer(EBIAN));
		String seen = json(call(ebianOfficer, "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(seen, "$.holders[*].code")).containsExactly(EBIAN);
		call(ebianOfficer, "GET", "/api/v1/budget/years/2026/execution?holder=" + JINKOUHE, null).andExpect(status().isNotFound());
		call(ebianOfficer, "GET", "/api/v1/budget/years/2026/execution?holder=" + e1.uscc(), null).andExpect(status().isNotFound());
		seen = json(call(basic(fixtures.countyOfficer(JINKOUHE)), "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(seen, "$.holders[*].code")).containsExactly(JINKOUHE, e1.uscc());
		seen = json(call(basic(fixtures.user(Role.PARK_MANAGER, null, parkId, null, Set.of())), "GET", "/api/v1/budget/years/2026/execution", null)
			.andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(seen, "$.holders[*].code")).containsExactly(PARK);
		assertThat((Integer) JsonPath.read(seen, "$.holders[0].enterprises")).isEqualTo(1);
		assertThat((String) JsonPath.read(seen, "$.holders[0].warning.level")).isEqualTo("NO_DATA");
		seen = json(call(basic(u1), "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(seen, "$.holders[*].code")).containsExactly(e1.uscc());
		seen = json(call(basic(u2), "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(seen, "$.holders")).isEmpty();
		String ebianWarnings = json(call(ebianOfficer, "GET", "/api/v1/budget/years/2026/warnings", null).andExpect(status().isOk()));
		assertThat((List<String>) JsonPath.read(ebianWarnings, "$[*].holder_code")).containsExactly(EBIAN);
		call(basic(verifier), "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isForbidden());
		call(null, "GET", "/api/v1/budget/years/2026/execution", null).andExpect(status().isUnauthorized());
		call(ebianOfficer, "POST", "/api/v1/budget/years/2026/execution/recompute", null).andExpect(status().isForbidden());
		call(basic(inParkUser(fixtures, inPark)), "GET", "/api/v1/budget/years/2026/warnings", null).andExpect(status().isOk())
			.andExpect(jsonPath("$").isEmpty());

		// ---- acknowledge with an action plan: in scope only, once, audited
		Number jinkouheWarning = ((List<Number>) JsonPath.read(open, "$[?(@.holder_code == '" + JINKOUHE + "')].id")).get(0);
		Number e1Warning = ((List<Number>) JsonPath.read(open, "$[?(@.holder_code == '" + e1.uscc() + "')].id")).get(0);
		String ack = "/api/v1/budget/years/2026/warnings/%s/acknowledge";
		call(ebianOfficer, "POST", ack.formatted(jinkouheWarning), "{\"action_plan\": \"not ours\"}").andExpect(status().isNotFound());
		call(basic(u2), "POST", ack.formatted(e1Warning), "{\"action_plan\": \"not ours\"}").andExpect(status().isNotFound());
		call(basic(u1), "POST", ack.formatted(e1Warning), "{\"action_plan\": \"\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action_plan"));
		call(basic(u1), "POST", ack.formatted(e1Warning), "{\"action_plan\": \"" + "x".repeat(4001) + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action_plan"));
		call(basic(u1), "POST", ack.formatted(e1Warning), "{\"action_plan\": \"Kiln 2 at reduced load until June · 2 号窑降负荷至 6 月\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.acknowledged_by").value(u1))
			.andExpect(jsonPath("$.action_plan").value("Kiln 2 at reduced load until June · 2 号窑降负荷至 6 月"));
		call(basic(u1), "POST", ack.formatted(e1Warning), "{\"action_plan\": \"again\"}").andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'budget.warning-acknowledged' AND entity_id = :id")
			.param("id", e1Warning.toString()).query(String.class).list()).containsExactly(u1);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.execution-recomputed' AND entity_id = '2026'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(4);

		// ---- bad input: 400 naming the field, never 500
		call(office, "GET", "/api/v1/budget/years/1999/execution", null).andExpect(status().isBadRequest());
		call(office, "GET", "/api/v1/budget/years/2026/execution?holder=" + "9".repeat(65), null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holder"));
		call(office, "GET", "/api/v1/budget/years/2026/warnings?level=PURPLE", null).andExpect(status().isBadRequest());
		call(office, "POST", "/api/v1/budget/years/2026/warnings/99999999999999999999/acknowledge", "{\"action_plan\": \"x\"}")
			.andExpect(status().isBadRequest());
		call(office, "POST", "/api/v1/budget/years/2026/warnings/" + Long.MAX_VALUE + "/acknowledge", "{\"action_plan\": \"x\"}")
			.andExpect(status().isNotFound());
		call(office, "POST", "/api/v1/budget/years/2101/execution/recompute", null).andExpect(status().isBadRequest());
		call(office, "POST", "/api/v1/budget/years/2030/execution/recompute", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(org.hamcrest.Matchers.nullValue()));
		call(office, "GET", "/api/v1/budget/years/2030/execution", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.execution_status").value("NOT_AVAILABLE")).andExpect(jsonPath("$.holders").isEmpty());
	}

	String inParkUser(Fixtures fixtures, RegistryModel.Enterprise inPark) {
		return fixtures.user(Role.ENTERPRISE_USER, null, null, inPark.id(), Set.of());
	}

	@Test
	void lastYearsMonthsShapeThePathAndARisingIntensityTurnsACountyRed() throws Exception {
		now.set(at(2027, 3, 10));
		Fixtures fixtures = new Fixtures(registry, accounts);
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		RegistryModel.Enterprise e = fixtures.enterprise(MABIAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		BigDecimal g26 = gridPerKwh(office, 2026);
		BigDecimal g27 = gridPerKwh(office, 2027);
		// 2026: January 200 t, every other month 100 t, output value 1,000 (10k CNY) a month, submitted (REPORTED)
		BigDecimal lastYear = BigDecimal.ZERO;
		BigDecimal[] months = new BigDecimal[13];
		for (int m = 1; m <= 12; m++) {
			Saved s = report(user, e.id(), 2026, m, kwh(g26, m == 1 ? 200 : 100), 1000);
			submit(user, s.id());
			months[m] = s.total();
			lastYear = lastYear.add(s.total());
		}
		// 2027: 200 t and 100 t again, on output value 800: intensity up by a quarter
		Saved jan = report(user, e.id(), 2027, 1, kwh(g27, 200), 800);
		submit(user, jan.id());
		Saved feb = report(user, e.id(), 2027, 2, kwh(g27, 100), 800);
		submit(user, feb.id());
		publish(office, basic(fixtures.countyOfficer(MABIAN)), 2027, Map.of(MABIAN, 14000), List.of());

		Map<String, Object> h = holder(office, 2027, MABIAN);
		assertThat((String) JsonPath.read(h, "$.path_basis")).isEqualTo("PREVIOUS_YEAR");
		BigDecimal toDate = months[1].add(months[2]);
		BigDecimal path = stored(d(14000).multiply(toDate).divide(lastYear, MathContext.DECIMAL64));
		assertThat(figure(h, "$.path_to_date_t")).isEqualByComparingTo(path);
		assertThat(figure(h, "$.months[0].path_t")).isEqualByComparingTo(stored(d(14000).multiply(months[1]).divide(lastYear, MathContext.DECIMAL64)));
		BigDecimal used = jan.total().add(feb.total());
		assertThat(figure(h, "$.used_t")).isEqualByComparingTo(used);
		assertThat(figure(h, "$.forecast_t")).isEqualByComparingTo(stored(used.multiply(lastYear).divide(toDate, MathContext.DECIMAL64)));
		// well within the path (about 300 of 4,000 t), but the intensity rose on the same months: RED
		assertThat(used).isLessThan(path);
		BigDecimal intensity = stored(used.divide(d(1600), MathContext.DECIMAL64));
		BigDecimal before = stored(toDate.divide(d(2000), MathContext.DECIMAL64));
		assertThat(figure(h, "$.intensity_t_per_10k_cny")).isEqualByComparingTo(intensity);
		assertThat(figure(h, "$.intensity_previous_t_per_10k_cny")).isEqualByComparingTo(before);
		assertThat((Integer) JsonPath.read(h, "$.intensity_pairs")).isEqualTo(2);
		assertThat(figure(h, "$.required_decline")).isEqualByComparingTo("0.035");
		assertThat(figure(h, "$.intensity_decline")).isNegative();
		assertThat(level(h)).isEqualTo("RED");
		assertThat((String) JsonPath.read(h, "$.warning.reason_code")).isEqualTo("INTENSITY_UP");
		assertThat((String) JsonPath.read(h, "$.months[0].source")).isEqualTo("REPORTED");
		assertThat(budgets.redCounties(2027)).containsExactly(MABIAN);
	}
}
