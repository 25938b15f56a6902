package org.peakpilot.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo switch publishes a carbon budget of the current year for Leshan's 11 counties from the made-up figures
 * of {@code demo/budget-counties.csv}, through draft → allocation → three reviews → publication, once.
 */
// The same context as DemoDataTests (same properties): the demo data set
@SpringBootTest(properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + DemoDataTests.PASSWORD,
		"peakpilot.test.schema=pp_demo" })
@AutoConfigureMockMvc
class DemoBudgetTests {

	/** Σ of the CSV's columns: CO2 2024, GDP 2024, forecast GDP. */
	static final BigDecimal CO2_2024 = new BigDecimal("27020000");
	static final BigDecimal GDP_2024 = new BigDecimal("21550000");
	static final BigDecimal FORECAST_GDP = new BigDecimal("22865000");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAccounts accounts;

	@Test
	void theCurrentYearHasAPublishedBudgetForElevenCountiesFromMadeUpFigures() throws Exception {
		int year = Year.now(ZoneId.of("Asia/Shanghai")).getValue();
		String json = mvc.perform(get("/api/v1/budget/years/" + year).with(httpBasic("demo-city", DemoDataTests.PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.status")).isEqualTo("PUBLISHED");
		assertThat((String) JsonPath.read(json, "$.method")).isEqualTo("INTENSITY_DECLINE");
		assertThat((String) JsonPath.read(json, "$.source")).startsWith("示例数据（虚构）");
		assertThat((List<?>) JsonPath.read(json, "$.holders[?(@.kind == 'COUNTY')]")).hasSize(11);
		assertThat((List<Object>) JsonPath.read(json, "$.steps[*].to")).containsExactly("COUNTY_REVIEW", "CITY_REVIEW", "LEADING_GROUP_REVIEW", "PUBLISHED");

		// base intensity Σ CO2 2024 ÷ Σ GDP 2024 = 27,020,000 ÷ 21,550,000 = 1.253828 t/万元 (6 decimals)
		BigDecimal base = CO2_2024.divide(GDP_2024, 6, RoundingMode.HALF_UP);
		assertThat(new BigDecimal(JsonPath.read(json, "$.base_intensity_t_per_10k_cny").toString())).isEqualByComparingTo(base);
		assertThat(new BigDecimal(JsonPath.read(json, "$.forecast_gdp_10k_cny").toString())).isEqualByComparingTo(FORECAST_GDP);
		// within the period 2026–2030 the rate is the required cut r = 1 − (0.83 ÷ (1 − R_a))^(1/n), else 3.5 %
		BigDecimal rate = new BigDecimal(JsonPath.read(json, "$.applied_rate").toString());
		if (year >= 2026 && year <= 2030) {
			double achieved = 1 - Math.pow(0.83, (year - 2026) / 5.0);
			double r = 1 - Math.pow(0.83 / (1 - achieved), 1.0 / (2030 - year + 1));
			assertThat(rate.doubleValue()).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-6));
		}
		else {
			assertThat(rate).isEqualByComparingTo("0.035");
		}
		BigDecimal total = new BigDecimal(JsonPath.read(json, "$.total_t").toString());
		// about 27.6 Mt, plausible for a city of 27 Mt (2024) growing 6 % a year with a 3.7 % cut in intensity
		assertThat(total).isBetween(new BigDecimal("25000000"), new BigDecimal("28000000"));
		// the identity: Σ budgets + reserve + pool + sink credit = total
		List<Object> budgets = JsonPath.read(json, "$.holders[?(@.kind == 'COUNTY')].budget_t");
		BigDecimal sum = budgets.stream().map(b -> new BigDecimal(b.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(sum.add(new BigDecimal(JsonPath.read(json, "$.reserve_t").toString())).add(new BigDecimal("500000")).add(new BigDecimal("120000")))
			.isEqualByComparingTo(total);

		// the cockpit shows it, labelled as made up
		org.springframework.security.core.userdetails.UserDetails user = accounts.loadUserByUsername("demo-city");
		mvc.perform(get("/budget").with(authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("示例数据（虚构）")))
			.andExpect(content().string(containsString("data-holds=\"true\"")));

		// a restart changes nothing
		long before = jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :y").param("y", year).query(Long.class).single();
		((ApplicationRunner) context.getBean("demoBudget")).run(null);
		assertThat(jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :y").param("y", year).query(Long.class).single()).isEqualTo(before)
			.isEqualTo(1);
	}
}
