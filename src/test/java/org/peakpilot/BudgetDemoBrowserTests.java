package org.peakpilot;

import java.time.Year;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees with {@code PEAKPILOT_DEMO=true}: the current year's published demo budget in the cockpit,
 * labelled as made up, and the allocation workspace prefilled with the demo's county figures. Screenshots:
 * {@code target/screenshots/budget-demo-*.png}.
 */
// Own context: the demo data set on a schema of its own
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + BudgetDemoBrowserTests.PASSWORD,
		"peakpilot.test.schema=pp_budget_demo_browser" })
class BudgetDemoBrowserTests {

	static final String PASSWORD = "demo-browser-password-1";

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-budget-demo.log");

	@Test
	void theDemoCityOfficerSeesThePublishedMadeUpBudgetOfThisYear() {
		int year = Year.now(ZoneId.of("Asia/Shanghai")).getValue();
		browser.signIn("demo-city", PASSWORD);
		browser.find(By.id("nav-budget")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), year + " 年碳预算驾驶舱"));
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("已发布");
		assertThat(browser.find(By.id("source")).getText()).startsWith("示例数据（虚构）");
		assertThat(browser.findAll(By.cssSelector("#holders tr.holder"))).hasSize(11);
		assertThat(browser.find(By.id("identity")).getAttribute("data-holds")).isEqualTo("true");
		browser.awaitCanvas("#budget-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("budget-demo-cockpit-zh.png");
		browser.open("/budget?lang=en");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Carbon budget cockpit " + year));
		browser.awaitCanvas("#budget-chart canvas");
		browser.screenshot("budget-demo-cockpit-en.png");

		// next year's workspace starts from the demo's county figures
		browser.open("/budget/" + (year + 1) + "/allocation?lang=zh_CN");
		assertThat(browser.findAll(By.cssSelector("tr.input-row"))).isEmpty();
		assertThat(browser.find(By.id("draft-base_intensity_t_per_10k_cny")).getAttribute("value")).isNotEmpty();
		browser.screenshot("budget-demo-allocation-zh.png");

		browser.signIn("demo-shawan", PASSWORD);
		browser.find(By.id("nav-budget")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("holders")));
		assertThat(browser.findAll(By.cssSelector("#holders tr.holder"))).extracting(r -> r.getAttribute("data-code")).containsExactly("511111");
		browser.screenshot("budget-demo-county-zh.png");
	}
}
