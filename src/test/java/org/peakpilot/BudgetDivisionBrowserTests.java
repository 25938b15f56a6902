package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;

/**
 * The division page in a real headless Chromium (issue 12, ADR 0016 amendment "dividing below the counties on a
 * page"): from the workspace's link the office fills Shawan's park and an enterprise, compares two methods side by
 * side, divides by historical emissions and sees the containment hold. Screenshot:
 * {@code target/screenshots/budget-divide-zh.png}.
 */
// Own context: the registry's enterprises of Shawan are this test's
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_budget_dividebrowser")
class BudgetDivisionBrowserTests {

	static final int YEAR = 2072;

	static final String PARK = "SHAWAN-EDZ";

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-budget-divide.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	void type(String code, String field, String value) {
		WebElement input = browser.find(By.cssSelector("tr.input-row[data-code='" + code + "'] input[name$='." + field + "']"));
		input.clear();
		input.sendKeys(value);
	}

	@Test
	void theOfficeDividesACountyAmongItsParkAndAnEnterpriseByClicks() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		String office = fixtures.cityOfficer();
		RegistryModel.Enterprise e0 = fixtures.enterprise(SHAWAN, "3011", null);
		browser.api("POST", "/api/v1/budget/years/" + YEAR + "/versions", office, """
				{"base_intensity_t_per_10k_cny": 1.2, "decline_rate": 0.04, "forecast_gdp_10k_cny": 10000000, "reserve_share": 0.05,
				 "source": "浏览器测试（虚构）Browser test, made up"}""");
		browser.api("POST", "/api/v1/budget/years/" + YEAR + "/versions/1/allocation", office, BudgetFixtures.BY_GDP);

		browser.signIn(office);
		browser.open("/budget/" + YEAR + "/allocation?version=1");
		browser.find(By.cssSelector("tr.allocated-row[data-code='" + SHAWAN + "'] a.divide-link")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("division")));
		browser.find(By.id("common")).sendKeys("1000");
		type(PARK, "baseEmissions", "50000");
		type(PARK, "output", "100000");
		type(PARK, "historicalIntensity", "0.5");
		type(e0.uscc(), "baseEmissions", "12000");
		type(e0.uscc(), "controlFactor", "0.98");
		type(e0.uscc(), "days", "300");
		type(e0.uscc(), "output", "20000");
		type(e0.uscc(), "historicalIntensity", "0.6");
		WebElement benchmark = browser.find(By.id("compare-OUTPUT_BENCHMARK"));
		if (benchmark.isSelected()) {
			benchmark.click();
		}
		browser.find(By.id("compare")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("comparison")));
		assertThat(browser.find(By.id("comparison-table")).getText()).contains("历史排放");
		browser.screenshot("budget-divide-compare-zh.png");
		browser.find(By.id("choose-HISTORICAL_EMISSIONS")).click();
		browser.find(By.id("divide")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("containment")));
		assertThat(browser.find(By.id("containment")).getAttribute("data-holds")).isEqualTo("true");
		assertThat(browser.find(By.id("divided")).getText()).contains("历史排放");
		browser.screenshot("budget-divide-zh.png");
		browser.assertNoScriptErrors();
	}
}
