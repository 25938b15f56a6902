package org.peakpilot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.JINKOUHE;
import static org.peakpilot.Counties.QIANWEI;

/**
 * The warning list and an enterprise's "my budget" in a real headless Chromium (issue 12): a 2026 budget published
 * with January's reports making red and amber warnings; the city's indicator cockpit loads the budget panel by htmx;
 * the office sees the list, the enterprise acknowledges its warning with a plan on the page and sees its own budget
 * with the monthly path chart, in Chinese and English. Screenshots: {@code target/screenshots/budget-warnings-*.png},
 * {@code budget-mine-*.png}, {@code budget-plan-panel-zh.png}.
 */
// Own context: a clock in February 2026 (January closed) and counties whose every enterprise is the test's
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_budget_warnbrowser")
class BudgetWarningBrowserTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String PARK = "QIANWEI-MABIAN-CHEM";

	@TestConfiguration
	static class ClockOfTheTest {
		@Bean
		@Primary
		Clock februaryClock() {
			return Clock.fixed(LocalDate.of(2026, 2, 10).atTime(10, 0).atZone(BEIJING).toInstant(), BEIJING);
		}
	}

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-budget-warnings.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	BigDecimal january(String user, long enterprise, BigDecimal gridPerKwh, int tonnes) {
		long kwh = new BigDecimal(tonnes).divide(gridPerKwh, 0, RoundingMode.HALF_UP).longValueExact();
		String saved = browser.api("PUT", "/api/v1/accounting/enterprises/" + enterprise + "/reports/2026/1", user, """
				{"lines": [{"line": {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"}}]}""".formatted(kwh));
		long id = ((Number) JsonPath.read(saved, "$.id")).longValue();
		browser.api("POST", "/api/v1/accounting/reports/" + id + "/submit", user, null);
		return new BigDecimal(JsonPath.read(saved, "$.summary.totalCo2T").toString());
	}

	@Test
	void theOfficeSeesTheListAndTheEnterpriseAcknowledgesAndSeesItsOwnBudget() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		String office = fixtures.cityOfficer();
		long parkId = fixtures.parkId(PARK);
		RegistryModel.Enterprise e1 = fixtures.enterprise(JINKOUHE, "3011", null);
		RegistryModel.Enterprise inPark = fixtures.enterprise(QIANWEI, "3011", parkId);
		String u1 = fixtures.user(Role.ENTERPRISE_USER, null, null, e1.id(), Set.of());
		String uPark = fixtures.user(Role.ENTERPRISE_USER, null, null, inPark.id(), Set.of());
		String jinkouhe = fixtures.countyOfficer(JINKOUHE);

		browser.api("POST", "/api/v1/budget/years/2026/versions", office, """
				{"base_intensity_t_per_10k_cny": 0.62, "decline_rate": 0.035, "forecast_gdp_10k_cny": 25000000, "source": "浏览器测试（虚构）Browser test, made up"}""");
		browser.api("POST", "/api/v1/budget/years/2026/versions/1/allocation", office, """
				{"method": "GDP_SHARE", "holders": [{"code": "%s", "gdp_10k_cny": 1000}, {"code": "%s", "gdp_10k_cny": 1000}]}""".formatted(JINKOUHE, QIANWEI));
		long id = jdbc.sql("SELECT id FROM budget_version WHERE year = 2026 AND number = 1").query(Long.class).single();
		jdbc.sql("UPDATE budget_holder SET budget_t = 7300 WHERE version_id = :id AND code = :c").param("id", id).param("c", JINKOUHE).update();
		jdbc.sql("UPDATE budget_holder SET budget_t = 1000 WHERE version_id = :id AND code = :c").param("id", id).param("c", QIANWEI).update();
		Object[][] others = { { e1.uscc(), "ENTERPRISE", JINKOUHE, 1000, 700 }, { PARK, "PARK", QIANWEI, 500, null },
				{ inPark.uscc(), "ENTERPRISE", PARK, 400, 280 } };
		int line = 100;
		for (Object[] h : others) {
			jdbc.sql("""
					INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t, pre_allocated_t)
					VALUES (:id, :code, :kind, :parent, :line, 0, 0, 0, :t, :pre)""").param("id", id).param("code", h[0]).param("kind", h[1])
				.param("parent", h[2]).param("line", line++).param("t", h[3]).param("pre", h[4]).update();
		}
		String v = "/api/v1/budget/years/2026/versions/1";
		browser.api("POST", v + "/advance", office, null);
		browser.api("POST", v + "/advance", jinkouhe, null);
		browser.api("POST", v + "/advance", office, null);
		browser.api("POST", v + "/publish", office, null);
		String calc = browser.api("POST", "/api/v1/accounting/calculations", office, """
				{"year": 2026, "lines": [{"type": "ELECTRICITY", "quantity": 1000000, "unit": "kWh"}]}""");
		BigDecimal g = new BigDecimal(JsonPath.read(calc, "$.totals.totalCo2T").toString()).divide(new BigDecimal(1_000_000), MathContext.DECIMAL64);
		january(u1, e1.id(), g, 980);
		january(uPark, inPark.id(), g, 330);
		browser.api("POST", "/api/v1/budget/years/2026/execution/recompute", office, null);

		// the city's indicator cockpit: the budget panel, loaded by htmx from the budget module
		browser.signIn(office);
		browser.open("/plan/cockpit?lang=zh_CN");
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("budget-warning-summary")));
		assertThat(browser.find(By.cssSelector("#budget-warning-summary a[data-level='RED']")).getAttribute("data-count")).isEqualTo("4");
		assertThat(browser.find(By.id("red-counties")).getText()).contains("金口河区").contains("犍为县");
		browser.screenshotOfWindow("budget-plan-panel-zh.png");
		browser.assertNoScriptErrors();

		// the office's list, zh and en
		browser.find(By.cssSelector("#budget-warning-summary #to-warnings")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("budget-warnings")));
		assertThat(browser.findAll(By.cssSelector(".warning-item"))).hasSize(5);
		browser.screenshot("budget-warnings-zh.png");
		browser.open("/budget/2026/warnings?lang=en");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Carbon budget warnings 2026");
		browser.screenshot("budget-warnings-en.png");
		browser.assertNoScriptErrors();

		// the enterprise: an empty plan comes back on the form, then it acknowledges with a plan
		browser.signIn(u1);
		browser.open("/budget/2026/warnings?lang=zh_CN");
		assertThat(browser.findAll(By.cssSelector(".warning-item"))).hasSize(1);
		browser.find(By.cssSelector(".acknowledge-form button")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ack-errors")));
		browser.find(By.cssSelector(".acknowledge-form textarea")).sendKeys("2 号窑降负荷运行至 3 月底，每月与区县发改局复核");
		browser.find(By.cssSelector(".acknowledge-form button")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("acknowledged")));
		assertThat(browser.find(By.cssSelector(".action-plan")).getText()).isEqualTo("2 号窑降负荷运行至 3 月底，每月与区县发改局复核");
		browser.screenshot("budget-warnings-acknowledged-zh.png");

		// its own budget ("my budget") with the monthly path, zh and en; its work queue line
		browser.find(By.id("nav-budget")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("my-budget")));
		browser.awaitCanvas("#monthly-path canvas");
		assertThat(browser.findAll(By.cssSelector(".mine-line"))).hasSize(1);
		browser.screenshot("budget-mine-zh.png");
		browser.open("/budget?lang=en");
		browser.awaitCanvas("#monthly-path canvas");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("My carbon budget 2026");
		browser.screenshot("budget-mine-en.png");
		browser.open("/work?lang=zh_CN");
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".budget-mine-line")));
		assertThat(browser.find(By.cssSelector(".budget-mine-line")).getText()).startsWith("本年碳预算已用").contains("红色预警");
		browser.screenshotOfWindow("budget-mine-work-zh.png");
		browser.assertNoScriptErrors();
	}
}
