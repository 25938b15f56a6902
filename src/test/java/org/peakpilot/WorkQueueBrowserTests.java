package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's roles do their day's work in a real browser, in Chinese, by clicks only: the enterprise fills a month
 * from its landing page and submits it, the demo verifier verifies it from its queue, the city locks it from its
 * queue; the county officer and the park manager land on theirs. Screenshots of each landing page go to
 * {@code target/screenshots/work-*.png}.
 */
// Own context: the demo data set
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + WorkQueueBrowserTests.PASSWORD,
		"peakpilot.test.schema=pp_work_browser" })
class WorkQueueBrowserTests {

	static final String PASSWORD = "demo-browser-password-1";

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-work.log");

	@Test
	void aMonthGoesFromTheEnterpriseThroughTheVerifierToTheCityByClicksFromEachLandingPage() {

		// the enterprise lands on its own page, opens a month to fill, enters it and submits it
		browser.signIn("demo-steel", PASSWORD);
		browser.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("我的工作");
		assertThat(browser.findAll(By.id("nav-import"))).isEmpty();
		assertThat(browser.findAll(By.cssSelector("tr.open-month"))).isNotEmpty();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
		browser.screenshot("work-enterprise.png");
		// last month, the newest of the open ones
		java.util.List<WebElement> open = browser.findAll(By.cssSelector("tr.open-month"));
		WebElement lastMonth = open.get(open.size() - 1);
		String month = lastMonth.findElement(By.tagName("td")).getText();
		lastMonth.findElement(By.cssSelector("a.fill-month")).click();
		// the structured form: the first row of its purchased-electricity section
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=hidden][value=ELECTRICITY]")));
		String row = browser.find(By.cssSelector("input[type=hidden][value=ELECTRICITY]")).getAttribute("name").substring("type".length());
		browser.find(By.name("quantity" + row)).sendKeys("2500000");
		new Select(browser.find(By.name("unit" + row))).selectByValue("kWh");
		browser.find(By.id("save-report")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("submit-report")));
		String report = browser.driver().getCurrentUrl().substring(browser.driver().getCurrentUrl().indexOf("/accounting/reports/"));
		browser.find(By.id("submit-report")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已提交"));
		signOut();

		// the demo verifier finds it in its queue and verifies it
		browser.signIn("demo-verifier", PASSWORD);
		browser.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		WebElement waiting = browser.find(By.cssSelector("#to-verify a.open-report[href='" + report + "']"));
		assertThat(waiting.getText()).isEqualTo(month);
		assertThat(browser.find(By.id("to-verify")).getText()).contains("示例沙湾钢铁有限公司（虚构）");
		browser.screenshot("work-verifier.png");
		// its report list is no longer empty either
		browser.find(By.linkText("碳排放报送")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reports a[href='" + report + "']")));
		browser.screenshot("reports-verifier.png");
		browser.find(By.id("nav-work")).click();
		waiting = browser.find(By.cssSelector("#to-verify a.open-report[href='" + report + "']"));
		waiting.click();
		browser.find(By.id("verify-report")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已核查"));
		signOut();

		// the city lands on the cockpit, goes to its work and locks what waits for locking
		browser.signIn("demo-city", PASSWORD);
		browser.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));
		browser.find(By.id("nav-work")).click();
		browser.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
		browser.screenshot("work-city.png");
		browser.find(By.cssSelector("#to-lock a.open-report[href='" + report + "']")).click();
		browser.find(By.id("lock-report")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已锁定"));
		signOut();

		// the county officer and the park manager land on their enterprises' reports and overdue months
		for (String user : new String[] { "demo-shawan", "demo-shawan-park" }) {
			browser.signIn(user, PASSWORD);
			browser.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
			assertThat(browser.find(By.id("status-counts")).getText()).contains("已锁定");
			assertThat(browser.find(By.id("work-reports")).getText()).contains("示例沙湾钢铁有限公司（虚构）")
				.doesNotContain("示例夹江陶瓷有限公司（虚构）");
			assertThat(browser.findAll(By.id("to-lock"))).isEmpty();
			browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
			browser.screenshot("work-" + user + ".png");
			signOut();
		}
		browser.assertNoScriptErrors();
	}

	@Test
	void theAdministratorPicksAVerifiersEnterprisesFromAFilteredList() {
		browser.signIn("admin", TestDatabase.ADMIN_PASSWORD);
		browser.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));
		browser.open("/admin/users/new");
		browser.find(By.id("username")).sendKeys("verifier-picked");
		browser.find(By.id("displayName")).sendKeys("选出的核查人员");
		browser.find(By.id("password")).sendKeys("picked-password-1");
		new Select(browser.find(By.id("role"))).selectByValue("VERIFIER");
		// only the verifier's field shows; the filter narrows the list to the ceramics makers of the demo
		assertThat(browser.find(By.id("countyCode")).isDisplayed()).isFalse();
		browser.find(By.id("assigned-filter")).sendKeys("陶瓷");
		java.util.List<WebElement> shown = browser.findAll(By.cssSelector("#assigned-list label.choice")).stream()
			.filter(WebElement::isDisplayed).toList();
		assertThat(shown).hasSize(1);
		assertThat(shown.get(0).getText()).contains("示例夹江陶瓷有限公司（虚构）").contains("夹江县");
		shown.get(0).findElement(By.tagName("input")).click();
		browser.screenshot("user-form-verifier.png");
		WebElement submit = browser.find(By.cssSelector("form.stack button[type=submit]"));
		submit.click();
		// the form's own URL (/admin/users/new) already contains /admin/users: wait for the next page, not for the URL
		browser.waitUntil().until(ExpectedConditions.stalenessOf(submit));
		browser.waitUntil().until(ExpectedConditions.urlContains("/admin/users"));
		assertThat(browser.find(By.tagName("body")).getText()).contains("verifier-picked").contains("核查企业 示例夹江陶瓷有限公司（虚构）");
		browser.assertNoScriptErrors();
	}

	private void signOut() {
		browser.find(By.cssSelector("form[action$='/logout'] button")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/login"));
	}
}
