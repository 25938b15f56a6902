package org.peakpilot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peakpilot.Counties.SHAWAN;

/**
 * An enterprise user reads its report, the factor library, its alarms and its monitoring page in a real Chromium,
 * in Chinese: names instead of codes, Beijing times, rounded figures, citations; the pages' text passes the same
 * checks as {@link ChineseTextTests}. Screenshots go to {@code target/screenshots/zh-*.png}.
 */
@PeakPilotTest
class ChineseBrowserTests {

	static HeadlessChromium chromium;
	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void startChromium() throws IOException {
		chromium = HeadlessChromium.start("chromedriver-zh.log");
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
	void anEnterpriseReadsItsPagesInChinese() throws Exception {
		assumeTrue(driver != null, () -> HeadlessChromium.MISSING + "; browser tests skipped outside CI");
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise steel = fixtures.enterprise(SHAWAN, "3120", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, steel.id(), Set.of());
		send("PUT", user, "/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3", """
				{"outputValue10kCny": 12000, "valueAdded10kCny": 3000,
				 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1234.5678, "unit": "t"}},
				           {"line": {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"}}],
				 "products": [{"productCode": "CRUDE_STEEL", "quantity": 5000}]}
				""");
		long reportId = ((Number) JsonPath.read(send("GET", user, "/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3", null),
				"$.id")).longValue();
		String meter = send("POST", user, "/api/v1/monitoring/enterprises/" + steel.id() + "/meters", """
				{"code": "E-01", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
				 "maxPerInterval": 50000}""");
		long meterId = ((Number) JsonPath.read(meter, "$.id")).longValue();
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, industry_code, meter_id, kind, period_ts, detail, observed,
				    threshold, unit, raised_at)
				VALUES (:e, '511111', '3120', :m, 'OFFLINE', :ts, 'no reading since 2026-12-01 00:30 (Beijing time)', 83, 4, 'intervals', :ts)
				""").param("e", steel.id()).param("m", meterId).param("ts", OffsetDateTime.parse("2026-11-30T16:30:00Z")).update();

		open("/login");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(By.id("login-submit")).click();
		chromium.waitUntil().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		open("/accounting/reports/" + reportId);
		String report = driver.findElement(By.tagName("main")).getText();
		assertThat(report).contains("烟煤", "粗钢", "1,234.5678 吨", "吨二氧化碳");
		check("report");

		open("/accounting/factors");
		assertThat(driver.findElement(By.cssSelector("tr.factor-row[data-code='CARBONATE-CACO3']")).getText())
			.contains("碳酸钙", "按化学计量计算", "吨二氧化碳/吨碳酸盐");
		assertThat(driver.findElement(By.cssSelector("tr.factor-row[data-code='HEAT-PURCHASED']")).getText()).contains("外购热力");
		check("factors");

		open("/monitoring/alarms");
		assertThat(driver.findElement(By.id("alarms")).getText())
			.contains("离线", "自 2026-12-01 00:30（北京时间）起无读数，已中断 83 个采集周期", "待处理");
		check("alarms");

		open("/monitoring/enterprises/" + steel.id());
		check("monitoring");
	}

	private void check(String name) {
		chromium.assertNoScriptErrors();
		chromium.screenshot("zh-" + name + ".png");
		try {
			java.nio.file.Files.write(HeadlessChromium.SCREENSHOTS.resolve("zh-" + name + "-top.png"),
					driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(ChineseTextTests.problems(name, driver.getPageSource())).isEmpty();
	}

	private String send(String method, String user, String path, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json");
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
		return response.body();
	}

	private void open(String path) {
		driver.get("http://localhost:" + port + path);
	}
}
