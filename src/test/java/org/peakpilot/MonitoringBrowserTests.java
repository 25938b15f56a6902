package org.peakpilot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.QIANWEI;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;

/**
 * The monitoring pages in a real headless Chromium: the office's live view with its charts, refreshed by htmx
 * without a reload, an enterprise's page, and its load curve with the range and measure switches. Screenshots
 * go to {@code target/screenshots/}. Skipped without Debian's chromium and chromedriver unless {@code CI} is set.
 */
// Own context: the office's live view lists the city's top enterprises, which other classes' readings would change
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_monitoring_browser")
class MonitoringBrowserTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	static HeadlessChromium chromium;
	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	EnergyMonitoring monitoring;

	@Autowired
	RollupJob rollups;

	@BeforeAll
	static void startChromium() throws IOException {
		chromium = HeadlessChromium.start("chromedriver-monitoring.log");
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

	@BeforeEach
	void freshSession() {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");
		driver.manage().deleteAllCookies();
	}

	@Test
	void anOfficerWatchesTheLiveViewRefreshAndOpensAnEnterprisesLoadCurve() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		LocalDate yesterday = LocalDate.now(BEIJING).minusDays(1);
		String[][] units = { { EMEISHAN, "3011" }, { SHAWAN, "3110" }, { WUTONGQIAO, "2612" }, { QIANWEI, "4411" } };
		RegistryModel.Enterprise first = null;
		for (int u = 0; u < units.length; u++) {
			RegistryModel.Enterprise e = fixtures.enterprise(units[u][0], units[u][1], null);
			String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
			post(user, "/api/v1/monitoring/enterprises/" + e.id() + "/meters", """
					{"code": "E-01", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
					 "maxPerInterval": 50000}""");
			post(user, "/api/v1/monitoring/enterprises/" + e.id() + "/meters", """
					{"code": "G-01", "name": "天然气", "energyCode": "NATURAL-GAS", "unit": "Nm3", "kind": "INTERVAL", "intervalMinutes": 60,
					 "maxPerInterval": 50000}""");
			// yesterday and today so far: a daily load shape, larger for the first enterprises
			List<String> readings = new ArrayList<>();
			OffsetDateTime t = yesterday.atStartOfDay(BEIJING).toOffsetDateTime().plusMinutes(15);
			Instant now = Instant.now().minusSeconds(60);
			while (!t.toInstant().isAfter(now)) {
				double hour = t.getHour() + t.getMinute() / 60.0;
				double kwh = (4 - u) * 500 * (1.2 + Math.sin((hour - 8) / 24 * 2 * Math.PI));
				readings.add(String.format(java.util.Locale.ROOT, "{\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": %.1f}", t, kwh));
				if (t.getMinute() == 0) {
					readings.add(String.format(java.util.Locale.ROOT, "{\"meter\": \"G-01\", \"ts\": \"%s\", \"value\": %.1f}", t, (4 - u) * 120.0));
				}
				t = t.plusMinutes(15);
			}
			post(user, "/api/v1/monitoring/readings", "{\"readings\": [" + String.join(",", readings) + "]}");
			if (first == null) {
				first = e;
			}
		}
		rollups.rollUpPending();

		String officer = fixtures.cityOfficer();
		open("/login");
		driver.findElement(By.id("username")).sendKeys(officer);
		driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));

		driver.findElement(By.linkText("能耗监测")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/monitoring/live"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("能耗在线监测总览");
		chromium.awaitCanvas("#county-chart canvas");
		chromium.awaitCanvas("#industry-chart canvas");
		assertThat(driver.findElements(By.cssSelector("tr.top-row"))).hasSize(units.length);
		assertThat(driver.findElement(By.id("meters-online")).getText()).isEqualTo(String.valueOf(units.length * 2));
		chromium.assertNoScriptErrors();
		chromium.screenshot("monitoring-live-zh.png");
		// htmx polls the panel: the time of the last update changes, the page is not reloaded
		((JavascriptExecutor) driver).executeScript("window.__notReloaded = true;");
		String updated = driver.findElement(By.id("updated-at")).getText();
		new WebDriverWait(driver, Duration.ofSeconds(25)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElement(By.id("updated-at")).getText().equals(updated));
		assertThat(((JavascriptExecutor) driver).executeScript("return window.__notReloaded === true;")).isEqualTo(true);
		chromium.awaitCanvas("#county-chart canvas");
		chromium.assertNoScriptErrors();

		open("/monitoring/live?lang=en");
		chromium.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Online energy monitoring"));
		chromium.awaitCanvas("#county-chart canvas");
		chromium.screenshot("monitoring-live-en.png");
		open("/monitoring/live?lang=zh_CN");

		driver.findElement(By.cssSelector("tr.top-row a")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("/monitoring/enterprises/" + first.id()));
		assertThat(driver.findElements(By.cssSelector("tr.meter-row"))).hasSize(2);
		assertThat(driver.findElements(By.cssSelector("#meters .badge.online"))).hasSize(2);
		assertThat(driver.findElements(By.cssSelector("tr.completeness-row"))).hasSize(2);
		chromium.screenshot("monitoring-enterprise.png");
		driver.findElement(By.cssSelector("tr.meter-row a")).click();
		chromium.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("backfill-form")));
		assertThat(driver.findElement(By.id("meter-status")).getText()).isEqualTo("在线");
		chromium.screenshot("monitoring-meter.png");

		open("/monitoring/enterprises/" + first.id() + "/curve?range=DAY&date=" + yesterday);
		chromium.awaitCanvas("#curve-chart canvas");
		assertThat(driver.findElement(By.id("range-DAY")).getAttribute("class")).contains("active");
		assertThat(driver.findElements(By.cssSelector("tr.factor-used"))).isNotEmpty();
		chromium.assertNoScriptErrors();
		chromium.screenshot("monitoring-curve-day.png");
		driver.findElement(By.id("measure-co2")).click();
		chromium.waitUntil().until(d -> d.findElement(By.id("measure-co2")).getAttribute("class").contains("active"));
		chromium.screenshot("monitoring-curve-day-co2.png");
		driver.findElement(By.id("range-WEEK")).click();
		chromium.waitUntil().until(ExpectedConditions.urlContains("range=WEEK"));
		chromium.awaitCanvas("#curve-chart canvas");
		chromium.assertNoScriptErrors();
		chromium.screenshot("monitoring-curve-week.png");
	}

	private void post(String user, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		assertThat(response.body()).doesNotContain("\"quarantined\":1");
	}

	private void open(String path) {
		driver.get("http://localhost:" + port + path);
	}
}
