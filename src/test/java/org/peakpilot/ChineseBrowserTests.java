package org.peakpilot;

import java.time.OffsetDateTime;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;

/**
 * An enterprise user reads its report, the factor library, its alarms and its monitoring page in a real Chromium,
 * in Chinese: names instead of codes, Beijing times, rounded figures, citations; the pages' text passes the same
 * checks as {@link ChineseTextTests}. Screenshots go to {@code target/screenshots/zh-*.png}.
 */
@PeakPilotTest
class ChineseBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-zh.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anEnterpriseReadsItsPagesInChinese() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise steel = fixtures.enterprise(SHAWAN, "3120", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, steel.id(), Set.of());
		browser.api("PUT", "/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3", user, """
				{"outputValue10kCny": 12000, "valueAdded10kCny": 3000,
				 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1234.5678, "unit": "t"}},
				           {"line": {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"}}],
				 "products": [{"productCode": "CRUDE_STEEL", "quantity": 5000}]}
				""");
		long reportId = ((Number) JsonPath.read(browser.api("GET", "/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3", user, null),
				"$.id")).longValue();
		String meter = browser.api("POST", "/api/v1/monitoring/enterprises/" + steel.id() + "/meters", user, """
				{"code": "E-01", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
				 "maxPerInterval": 50000}""");
		long meterId = ((Number) JsonPath.read(meter, "$.id")).longValue();
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, industry_code, meter_id, kind, period_ts, detail, observed,
				    threshold, unit, raised_at)
				VALUES (:e, '511111', '3120', :m, 'OFFLINE', :ts, 'no reading since 2026-12-01 00:30 (Beijing time)', 83, 4, 'intervals', :ts)
				""").param("e", steel.id()).param("m", meterId).param("ts", OffsetDateTime.parse("2026-11-30T16:30:00Z")).update();

		browser.signIn(user);

		browser.open("/accounting/reports/" + reportId);
		String report = browser.find(By.tagName("main")).getText();
		assertThat(report).contains("烟煤", "粗钢", "1,234.5678 吨", "吨二氧化碳");
		check("report");

		browser.open("/accounting/factors");
		assertThat(browser.find(By.cssSelector("tr.factor-row[data-code='CARBONATE-CACO3']")).getText())
			.contains("碳酸钙", "按化学计量计算", "吨二氧化碳/吨碳酸盐");
		assertThat(browser.find(By.cssSelector("tr.factor-row[data-code='HEAT-PURCHASED']")).getText()).contains("外购热力");
		check("factors");

		browser.open("/monitoring/alarms");
		assertThat(browser.find(By.id("alarms")).getText())
			.contains("离线", "自 2026-12-01 00:30（北京时间）起无读数，已中断 83 个采集周期", "待处理");
		check("alarms");

		browser.open("/monitoring/enterprises/" + steel.id());
		check("monitoring");
	}

	private void check(String name) {
		browser.assertNoScriptErrors();
		browser.screenshot("zh-" + name + ".png");
		browser.screenshotOfWindow("zh-" + name + "-top.png");
		assertThat(ChineseTextTests.problems(name, browser.driver().getPageSource())).isEmpty();
	}

}
