package org.peakpilot;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

	static HeadlessChromium chromium;
	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startChromium() throws IOException {
		chromium = HeadlessChromium.start("chromedriver-work.log");
		driver = chromium == null ? null : chromium.driver;
	}

	@AfterAll
	static void quitChromium() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
		chromium = null;
		driver = null;
	}

	@Test
	void aMonthGoesFromTheEnterpriseThroughTheVerifierToTheCityByClicksFromEachLandingPage() {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");

		// the enterprise lands on its own page, opens a month to fill, enters it and submits it
		signIn("demo-steel");
		chromium.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("我的工作");
		assertThat(driver.findElements(By.id("nav-import"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("tr.open-month"))).isNotEmpty();
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
		chromium.screenshot("work-enterprise.png");
		// last month, the newest of the open ones
		java.util.List<WebElement> open = driver.findElements(By.cssSelector("tr.open-month"));
		WebElement lastMonth = open.get(open.size() - 1);
		String month = lastMonth.findElement(By.tagName("td")).getText();
		lastMonth.findElement(By.cssSelector("a.fill-month")).click();
		// the structured form: the first row of its purchased-electricity section
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=hidden][value=ELECTRICITY]")));
		String row = driver.findElement(By.cssSelector("input[type=hidden][value=ELECTRICITY]")).getAttribute("name").substring("type".length());
		driver.findElement(By.name("quantity" + row)).sendKeys("2500000");
		new Select(driver.findElement(By.name("unit" + row))).selectByValue("kWh");
		driver.findElement(By.id("save-report")).click();
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("submit-report")));
		String report = driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf("/accounting/reports/"));
		driver.findElement(By.id("submit-report")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已提交"));
		signOut();

		// the demo verifier finds it in its queue and verifies it
		signIn("demo-verifier");
		chromium.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		WebElement waiting = driver.findElement(By.cssSelector("#to-verify a.open-report[href='" + report + "']"));
		assertThat(waiting.getText()).isEqualTo(month);
		assertThat(driver.findElement(By.id("to-verify")).getText()).contains("示例沙湾钢铁有限公司（虚构）");
		chromium.screenshot("work-verifier.png");
		// its report list is no longer empty either
		driver.findElement(By.linkText("碳排放报送")).click();
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reports a[href='" + report + "']")));
		chromium.screenshot("reports-verifier.png");
		driver.findElement(By.id("nav-work")).click();
		waiting = driver.findElement(By.cssSelector("#to-verify a.open-report[href='" + report + "']"));
		waiting.click();
		driver.findElement(By.id("verify-report")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已核查"));
		signOut();

		// the city lands on the cockpit, goes to its work and locks what waits for locking
		signIn("demo-city");
		chromium.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));
		driver.findElement(By.id("nav-work")).click();
		chromium.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
		chromium.screenshot("work-city.png");
		driver.findElement(By.cssSelector("#to-lock a.open-report[href='" + report + "']")).click();
		driver.findElement(By.id("lock-report")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已锁定"));
		signOut();

		// the county officer and the park manager land on their enterprises' reports and overdue months
		for (String user : new String[] { "demo-shawan", "demo-shawan-park" }) {
			signIn(user);
			chromium.waitUntil().until(ExpectedConditions.urlMatches("/work$"));
			assertThat(driver.findElement(By.id("status-counts")).getText()).contains("已锁定");
			assertThat(driver.findElement(By.id("work-reports")).getText()).contains("示例沙湾钢铁有限公司（虚构）")
				.doesNotContain("示例夹江陶瓷有限公司（虚构）");
			assertThat(driver.findElements(By.id("to-lock"))).isEmpty();
			chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("open-alarms")));
			chromium.screenshot("work-" + user + ".png");
			signOut();
		}
		chromium.assertNoScriptErrors();
	}

	@Test
	void theAdministratorPicksAVerifiersEnterprisesFromAFilteredList() {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");
		driver.manage().deleteAllCookies();
		driver.get("http://localhost:" + port + "/login?lang=zh_CN");
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(TestDatabase.ADMIN_PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));
		driver.get("http://localhost:" + port + "/admin/users/new");
		driver.findElement(By.id("username")).sendKeys("verifier-picked");
		driver.findElement(By.id("displayName")).sendKeys("选出的核查人员");
		driver.findElement(By.id("password")).sendKeys("picked-password-1");
		new Select(driver.findElement(By.id("role"))).selectByValue("VERIFIER");
		// only the verifier's field shows; the filter narrows the list to the ceramics makers of the demo
		assertThat(driver.findElement(By.id("countyCode")).isDisplayed()).isFalse();
		driver.findElement(By.id("assigned-filter")).sendKeys("陶瓷");
		java.util.List<WebElement> shown = driver.findElements(By.cssSelector("#assigned-list label.choice")).stream()
			.filter(WebElement::isDisplayed).toList();
		assertThat(shown).hasSize(1);
		assertThat(shown.get(0).getText()).contains("示例夹江陶瓷有限公司（虚构）").contains("夹江县");
		shown.get(0).findElement(By.tagName("input")).click();
		chromium.screenshot("user-form-verifier.png");
		driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/admin/users"));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("verifier-picked").contains("核查企业 示例夹江陶瓷有限公司（虚构）");
		chromium.assertNoScriptErrors();
	}

	private void signIn(String user) {
		driver.manage().deleteAllCookies();
		driver.get("http://localhost:" + port + "/login?lang=zh_CN");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		driver.findElement(By.id("login-submit")).click();
	}

	private void signOut() {
		driver.findElement(By.cssSelector("form[action$='/logout'] button")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/login"));
	}
}
