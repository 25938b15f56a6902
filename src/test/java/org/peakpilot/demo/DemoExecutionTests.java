package org.peakpilot.demo;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.MonthlyResult;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo shows the budget alive: the made-up monthly reports of {@code demo/budget-enterprises.csv} (last year's 12
 * months, this year's closed months; locked, verified and submitted) are counted by the execution right after start,
 * the parks and enterprises hold sub-allocated budgets, one national-ETS enterprise is monitored only, the levels the
 * execution computes include GREEN, YELLOW and RED holders and an AMBER or RED enterprise, and a restart adds nothing.
 */
// The same context as DemoDataTests and DemoBudgetTests (same properties): the demo data set
@SpringBootTest(properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + DemoDataTests.PASSWORD,
		"peakpilot.test.schema=pp_demo" })
@AutoConfigureMockMvc
class DemoExecutionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	EmissionsAccounting accounting;

	@Autowired
	Registry registry;

	@Test
	void theDemoShowsExecutionAndWarningsComputedFromMadeUpReports() throws Exception {
		YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
		int year = now.getYear();
		int closed = now.getMonthValue() - 1;
		assumeTrue(closed >= 1, "in January no month of the year is over: every holder has NO_DATA");

		String budget = get("/api/v1/budget/years/" + year);
		String json = get("/api/v1/budget/years/" + year + "/execution");
		assertThat((String) JsonPath.read(json, "$.execution_status")).isEqualTo("COMPUTED");
		List<Map<String, Object>> holders = JsonPath.read(json, "$.holders");

		// the tree: 11 counties, the 6 demo parks, the 13 demo enterprises
		assertThat(holders.stream().filter(h -> h.get("kind").equals("COUNTY"))).hasSize(11);
		assertThat(holders.stream().filter(h -> h.get("kind").equals("PARK"))).hasSize(6);
		assertThat(holders.stream().filter(h -> h.get("kind").equals("ENTERPRISE"))).hasSize(13);

		// the identity still holds: total = Σ county budgets + reserve + pool + sink credit
		List<Object> countyBudgets = JsonPath.read(budget, "$.holders[?(@.kind == 'COUNTY')].budget_t");
		BigDecimal sum = countyBudgets.stream().map(b -> new BigDecimal(b.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(sum.add(decimal(JsonPath.read(budget, "$.reserve_t"))).add(decimal(JsonPath.read(budget, "$.pool_t")))
			.add(decimal(JsonPath.read(budget, "$.sink_credit_t")))).isEqualByComparingTo(decimal(JsonPath.read(budget, "$.total_t")));
		// and a holder's budget contains its children's
		for (Map<String, Object> parent : holders) {
			BigDecimal children = holders.stream().filter(h -> parent.get("code").equals(h.get("parent")))
				.map(h -> decimal(h.get("budget_t"))).reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(children).as("children of %s", parent.get("code")).isLessThanOrEqualTo(decimal(parent.get("budget_t")));
		}

		// every enterprise's use is the sum of its reports' totals over the closed months (accounting's figures)
		Map<String, Long> ids = new HashMap<>();
		org.peakpilot.platform.SystemActor.run("test", () -> registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> ids.put(e.uscc(), e.id())));
		List<MonthlyResult> results = accounting.monthlyResults(year);
		Set<String> withUser = Set.of(DemoDataSet.uscc("511111", "shawan-steel"), DemoDataSet.uscc("511126", "jiajiang-ceramics"));
		for (Map<String, Object> h : holders.stream().filter(h -> h.get("kind").equals("ENTERPRISE")).toList()) {
			long id = ids.get((String) h.get("code"));
			BigDecimal expected = results.stream().filter(r -> r.enterpriseId() == id && r.month() <= closed).map(r -> r.totalCo2T().value())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(decimal(h.get("used_t"))).as("used of %s", h.get("code")).isEqualByComparingTo(expected);
			// the enterprises with a demo user keep their last closed month open for the browser walk-through
			assertThat((Boolean) h.get("complete")).as("complete %s", h.get("code")).isEqualTo(!withUser.contains((String) h.get("code")));
		}

		// the levels, and each county's or park's level follows from its figures (yellow gap 0, red gap 10 %)
		Set<String> regional = new HashSet<>();
		Set<String> enterprise = new HashSet<>();
		for (Map<String, Object> h : holders) {
			String level = JsonPath.read(h, "$.warning.level");
			if (h.get("kind").equals("ENTERPRISE")) {
				enterprise.add(level);
				continue;
			}
			regional.add(level);
			if (((Number) h.get("enterprises")).intValue() == 0) {
				assertThat(level).isEqualTo("NO_DATA");
				continue;
			}
			BigDecimal used = decimal(h.get("used_t"));
			BigDecimal path = decimal(h.get("path_to_date_t"));
			BigDecimal over = used.subtract(path);
			Object intensity = h.get("intensity_t_per_10k_cny");
			boolean up = intensity != null && decimal(intensity).compareTo(decimal(h.get("intensity_previous_t_per_10k_cny"))) > 0;
			String expected = up ? "RED" : over.signum() <= 0 ? "GREEN" : over.compareTo(path.multiply(new BigDecimal("0.10"))) <= 0 ? "YELLOW" : "RED";
			if ((!(Boolean) h.get("complete") || "COUNTY".equals(h.get("kind"))) && expected.equals("GREEN")) {
				expected = "INCOMPLETE"; // a lower bound never proves GREEN, and a county's enterprises are not all of the county
			}
			assertThat(level).as("level of %s (used %s, path %s)", h.get("code"), used, path).isEqualTo(expected);
		}
		assertThat(regional).contains("GREEN", "YELLOW", "RED");
		assertThat(enterprise).containsAnyOf("AMBER", "RED");
		// the national-ETS cement works is listed with 0 t and only monitored
		assertThat(enterprise).contains("MONITORED_ONLY");
		List<Object> ets = JsonPath.read(budget, "$.holders[?(@.national_ets == true)].budget_t");
		assertThat(ets).hasSize(1);
		assertThat(decimal(ets.get(0))).isEqualByComparingTo("0");

		// every source appears: verified (locked or verified) reports and submitted ones
		List<Integer> verified = JsonPath.read(json, "$.holders[?(@.kind == 'ENTERPRISE')].coverage.verified");
		List<Integer> reported = JsonPath.read(json, "$.holders[?(@.kind == 'ENTERPRISE')].coverage.reported");
		assertThat(reported.stream().mapToInt(Integer::intValue).sum()).isEqualTo(13 * Math.min(closed, 2) - 2);
		assertThat(verified.stream().mapToInt(Integer::intValue).sum()).isEqualTo(13 * Math.max(closed - 2, 0));
		// the seasonal path follows last year's made-up months
		assertThat(JsonPath.<List<String>>read(json, "$.holders[?(@.enterprises > 0)].path_basis")).containsOnly("PREVIOUS_YEAR");

		// warnings raised for the warned holders
		long warnings = jdbc.sql("SELECT count(*) FROM budget_warning WHERE year = :y").param("y", year).query(Long.class).single();
		assertThat(warnings).isPositive();

		// a restart adds nothing
		long reports = jdbc.sql("SELECT count(*) FROM accounting_report").query(Long.class).single();
		long versions = jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :y").param("y", year).query(Long.class).single();
		((ApplicationRunner) context.getBean("demoEmissions")).run(null);
		((ApplicationRunner) context.getBean("demoBudget")).run(null);
		assertThat(jdbc.sql("SELECT count(*) FROM accounting_report").query(Long.class).single()).isEqualTo(reports);
		assertThat(jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :y").param("y", year).query(Long.class).single()).isEqualTo(versions);
		assertThat(jdbc.sql("SELECT count(*) FROM budget_warning WHERE year = :y").param("y", year).query(Long.class).single()).isEqualTo(warnings);
		assertThat(JsonPath.<List<String>>read(get("/api/v1/budget/years/" + year + "/execution"), "$.holders[*].warning.level"))
			.isEqualTo(JsonPath.<List<String>>read(json, "$.holders[*].warning.level"));
	}

	private String get(String url) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url).with(httpBasic("demo-city", DemoDataTests.PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static BigDecimal decimal(Object o) {
		return new BigDecimal(o.toString());
	}
}
