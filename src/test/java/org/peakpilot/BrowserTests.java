package org.peakpilot;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.monitoring.internal.AlarmRules;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The key pages in a real headless Chromium: sign-in, the cockpit in Chinese and English with its charts, an
 * indicator's history with a value entered through its form, and the public cockpit. Screenshots of each page
 * go to {@code target/screenshots/}. Without Debian's chromium and chromedriver the class is skipped, unless
 * {@code CI} is set: then it fails.
 */
// Own context: it records the city's plan values and counts an indicator's history rows
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_browser")
class BrowserTests {

	static final int INDICATORS = 31;
	static final int INDICATOR_GROUPS = 7;

	static HeadlessChromium chromium;
	static ChromeDriver driver;
	static boolean seeded;

	@LocalServerPort
	int port;

	@Autowired
	PilotPlan plan;

	@Autowired
	org.peakpilot.registry.Registry registry;

	@Autowired
	org.peakpilot.platform.UserAccounts accounts;

	@Autowired
	org.peakpilot.monitoring.EnergyMonitoring monitoring;

	@Autowired
	AlarmRules alarmRules;

	@BeforeAll
	static void startChromium() throws IOException {
		chromium = HeadlessChromium.start("chromedriver.log");
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

	/** A fresh browser session for every test, and a few values so the charts show more than empty bars. */
	@BeforeEach
	void freshSessionAndSomeValues() {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");
		driver.manage().deleteAllCookies();
		if (!seeded) {
			SystemActor.run("browser-test", () -> {
				record("1", 2024, "0.83");
				record("9", 2024, "1.2");
				record("12", 2023, "43");
				record("13", 2024, "52");
				record("16", 2024, "760");
				record("17", 2024, "25");
			});
			seeded = true;
		}
	}

	@Test
	void administratorSignsInAndReadsTheCockpitInChineseAndEnglish() {
		open("/");
		assertThat(driver.getCurrentUrl()).endsWith("/login");
		assertThat(driver.getTitle()).contains("登录");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("登录");
		chromium.screenshot("login-zh.png");

		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(TestDatabase.ADMIN_PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));

		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("指标驾驶舱");
		assertThat(driver.findElements(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		assertThat(driver.findElements(By.cssSelector("section.group"))).hasSize(INDICATOR_GROUPS);
		chromium.awaitCanvas(".progress-chart canvas");
		assertThat(driver.findElements(By.cssSelector(".progress-chart canvas"))).hasSizeGreaterThanOrEqualTo(INDICATOR_GROUPS);
		chromium.assertNoScriptErrors();
		chromium.screenshot("cockpit-zh.png");

		driver.findElement(By.id("lang-en")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Indicator cockpit"));
		assertThat(driver.findElements(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		chromium.awaitCanvas(".progress-chart canvas");
		chromium.assertNoScriptErrors();
		chromium.screenshot("cockpit-en.png");

		open("/plan/items/12?lang=zh_CN");
		assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("12");
		driver.findElement(By.id("year")).sendKeys("2024");
		driver.findElement(By.id("value")).sendKeys("44");
		driver.findElement(By.id("sourceDocument")).sendKeys("乐山市统计年鉴 2025");
		driver.findElement(By.cssSelector("#record-form button[type=submit]")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "2024"));
		assertThat(driver.findElements(By.cssSelector("#history tbody tr"))).hasSize(2);
		chromium.awaitCanvas("#history-chart canvas");
		chromium.assertNoScriptErrors();
		chromium.screenshot("indicator-12.png");
	}

	@Test
	void anOfficerEntersAMonthOnTheFormAndReadsItsResultsAndTheFactorLibrary() {
		Fixtures fixtures = new Fixtures(registry, accounts);
		org.peakpilot.registry.RegistryModel.Enterprise cement = fixtures.enterprise(EMEISHAN, "3011", fixtures.parkId("EMEISHAN-EDZ"));
		String officer = fixtures.cityOfficer();
		open("/login");
		driver.findElement(By.id("username")).sendKeys(officer);
		driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));

		open("/accounting/enterprises/" + cement.id() + "/reports/2023/6/edit?lang=zh_CN");
		// the structured form: fuel row 0, process row 6 (after six fuel rows), purchased electricity row 10
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("factor0"))).selectByValue("BITUMINOUS-COAL");
		driver.findElement(By.name("quantity0")).sendKeys("8000");
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("unit0"))).selectByValue("t");
		driver.findElement(By.name("quantity10")).sendKeys("6000000");
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("unit10"))).selectByValue("kWh");
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("method6"))).selectByValue("CLINKER|PORTLAND");
		driver.findElement(By.name("quantity6")).sendKeys("70000");
		driver.findElement(By.name("caoPct6")).sendKeys("65");
		driver.findElement(By.name("mgoPct6")).sendKeys("2");
		driver.findElement(By.name("product_CLINKER")).sendKeys("70000");
		driver.findElement(By.id("outputValue10kCny")).sendKeys("21000");
		driver.findElement(By.id("valueAdded10kCny")).sendKeys("5200");
		chromium.screenshot("report-form.png");
		driver.findElement(By.id("save-report")).click();
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("report-lines")));
		assertThat(driver.findElements(By.cssSelector("#report-lines tbody tr"))).hasSize(3);
		assertThat(driver.findElement(By.id("report-lines")).getText()).contains("GRID-SICHUAN-2023");
		chromium.screenshot("report.png");
		driver.findElement(By.id("submit-report")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已提交"));

		open("/accounting/results?year=2023&level=ENTERPRISE&verifiedOnly=false");
		chromium.awaitCanvas("#results-chart canvas");
		assertThat(driver.findElements(By.cssSelector("tr.result-row"))).isNotEmpty();
		chromium.screenshot("results.png");
		open("/accounting/enterprises/" + cement.id() + "/results/2023?verifiedOnly=false");
		chromium.awaitCanvas("#trend-chart canvas");
		chromium.screenshot("enterprise-results.png");
		open("/accounting/factors?lang=en");
		assertThat(driver.findElements(By.cssSelector("tr.factor-row")).size()).isGreaterThan(100);
		chromium.assertNoScriptErrors();
		chromium.screenshot("factors-en.png");
	}

	@Test
	void anonymousVisitorReadsThePublicCockpitAndCommitments() {
		open("/public/cockpit");
		assertThat(driver.getCurrentUrl()).endsWith("/public/cockpit");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("指标驾驶舱");
		assertThat(driver.findElements(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		assertThat(driver.findElements(By.cssSelector("form[action$='/logout']"))).isEmpty();
		assertThat(driver.findElement(By.cssSelector("tr.item-row a")).getAttribute("href")).contains("/public/items/");
		chromium.awaitCanvas(".progress-chart canvas");
		chromium.assertNoScriptErrors();
		chromium.screenshot("public-cockpit-zh.png");

		driver.findElement(By.linkText("其他量化任务")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/public/commitments"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("其他量化任务");
		assertThat(driver.findElements(By.cssSelector("tr.item-row"))).isNotEmpty();
		chromium.awaitCanvas(".progress-chart canvas");
		chromium.assertNoScriptErrors();
		chromium.screenshot("public-commitments-zh.png");
	}

	@Test
	void theApiDocumentationRunsUnderTheContentSecurityPolicy() {
		open("/swagger-ui/index.html");
		chromium.waitUntil().until(d -> !d.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
		chromium.assertNoScriptErrors();
		chromium.screenshot("api-docs.png");
	}

	@Test
	void anEnterpriseHandlesItsAlarmsAndReadsItsMonthlyClosing() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		org.peakpilot.registry.RegistryModel.Enterprise kiln = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(org.peakpilot.platform.Role.ENTERPRISE_USER, null, null, kiln.id(), java.util.Set.of());
		java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
		java.time.OffsetDateTime yesterday = java.time.LocalDate.now(beijing).minusDays(1).atStartOfDay(beijing).toOffsetDateTime();
		java.time.YearMonth last = java.time.YearMonth.now(beijing).minusMonths(1);
		java.time.OffsetDateTime tenth = last.atDay(10).atStartOfDay(beijing).toOffsetDateTime();
		String base = "/api/v1/monitoring/enterprises/" + kiln.id() + "/meters";
		long line = ((Number) com.jayway.jsonpath.JsonPath.read(api("POST", base, user, """
				{"code": "L-01", "name": "2# 生料磨", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
				 "intervalMinutes": 15, "maxPerInterval": 5000}"""), "$.id")).longValue();
		api("PUT", "/api/v1/monitoring/meters/" + line + "/alarm-rule", user, "{\"intervalLimit\": 100, \"dayLimit\": 250}");
		api("POST", base, user, """
				{"code": "C-01", "name": "熟料线总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
				 "intervalMinutes": 60, "maxPerInterval": 1000000, "productCode": "CLINKER"}""");
		api("POST", "/api/v1/monitoring/readings", user, """
				{"readings": [{"meter": "L-01", "ts": "%s", "value": 150}, {"meter": "L-01", "ts": "%s", "value": 160},
				 {"meter": "C-01", "ts": "%s", "value": 500000}, {"meter": "C-01", "ts": "%s", "value": 500000}]}"""
			.formatted(yesterday.plusMinutes(15), yesterday.plusMinutes(30), tenth.plusHours(1), tenth.plusDays(1).plusHours(1)));
		api("POST", "/api/v1/monitoring/enterprises/" + kiln.id() + "/closings/" + last, user, null);
		api("PUT", "/api/v1/accounting/enterprises/" + kiln.id() + "/reports/" + last.getYear() + "/" + last.getMonthValue(), user, """
				{"lines": [{"line": {"type": "ELECTRICITY", "quantity": 930000, "unit": "kWh"}}],
				 "products": [{"productCode": "CLINKER", "quantity": 1000}]}""");
		SystemActor.run("browser-test", alarmRules::evaluate);

		open("/login");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		// an enterprise user lands on its work queue, not the city cockpit
		chromium.waitUntil().until(ExpectedConditions.urlContains("/work"));
		driver.findElement(By.linkText("告警")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "能耗监测告警"));
		List<org.openqa.selenium.WebElement> rows = driver.findElements(By.cssSelector("tr.alarm-row"));
		assertThat(rows).extracting(r -> r.getAttribute("data-kind")).contains("THRESHOLD_INTERVAL", "THRESHOLD_DAY", "UNIT_ENERGY");
		assertThat(driver.findElement(By.cssSelector("tr.alarm-row[data-kind=UNIT_ENERGY] .reference-tag")).getText()).contains("未核实");
		chromium.screenshot("alarms-zh.png");

		org.openqa.selenium.WebElement day = driver.findElement(By.cssSelector("tr.alarm-row[data-kind=THRESHOLD_DAY]"));
		String id = day.getAttribute("data-id");
		day.findElement(By.cssSelector("form input[name=comment]")).sendKeys("查看中");
		day.findElement(By.cssSelector("button.ack")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "已确认"));
		org.openqa.selenium.WebElement again = driver.findElement(By.cssSelector("tr.alarm-row[data-id='" + id + "']"));
		assertThat(again.getText()).contains("已确认", user);
		again.findElement(By.cssSelector("input[required]")).sendKeys("生料磨试车，已现场确认");
		again.findElement(By.cssSelector("button.close-alarm")).click();
		chromium.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "已关闭"));
		assertThat(driver.findElement(By.cssSelector("tr.alarm-row[data-id='" + id + "']")).getText()).contains("已关闭", "生料磨试车");
		chromium.assertNoScriptErrors();
		chromium.screenshot("alarms-handled-zh.png");

		open("/monitoring/closing?lang=en&year=" + last.getYear());
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Monthly closing: metered versus reported");
		org.openqa.selenium.WebElement closing = driver.findElement(By.cssSelector("tr.closing-row[data-enterprise='" + kiln.id() + "']"));
		// metered 1,000,000 kWh against 930,000 kWh reported: −7.00 %, beyond 5 %
		assertThat(closing.getAttribute("class")).contains("flagged");
		assertThat(closing.getText()).contains("-7.0%", "beyond tolerance");
		chromium.assertNoScriptErrors();
		chromium.screenshot("closing-en.png");
	}

	/** Calls the API with HTTP Basic as a fixture user; returns the body (2xx only). */
	private String api(String method, String path, String user, String json) throws Exception {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes()))
			.header("Content-Type", "application/json")
			.method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json));
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body();
	}

	private void record(String code, int year, String value) {
		plan.record(new PilotPlan.NewObservation(code, year, new BigDecimal(value), null, "浏览器测试 browser test", null));
	}

	private void open(String path) {
		driver.get("http://localhost:" + port + path);
	}
}
