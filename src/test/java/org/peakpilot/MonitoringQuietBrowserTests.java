package org.peakpilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real headless Chromium, on a clock the test moves: the live view turns to the new day at midnight with a
 * note in place of empty charts and, polling on, shows the new day's charts once its first interval is in; the
 * office ticks alarms and closes them together. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_quiet_browser")
class MonitoringQuietBrowserTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final ZonedDateTime MIDNIGHT = ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, BEIJING);
	static final MovableClock NOW = new MovableClock(MIDNIGHT.minusHours(1).toInstant());

	@TestConfiguration
	static class ClockAtNow {
		@Bean
		@Primary
		Clock movableClock() {
			return NOW;
		}
	}

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-quiet.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	EnergyMonitoring monitoring;

	@Autowired
	RollupJob rollups;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theLiveViewTurnsToTheNewDayAtMidnightAndTheOfficeClosesTickedAlarmsTogether() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise e = fixtures.enterprise(Counties.MABIAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		post(user, "/api/v1/monitoring/enterprises/" + e.id() + "/meters", """
				{"code": "E-01", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
				 "maxPerInterval": 50000}""");
		NOW.set(MIDNIGHT.plusSeconds(30).toInstant());
		post(user, "/api/v1/monitoring/readings", "{\"readings\": [" + reading(MIDNIGHT.minusMinutes(30), 900) + ","
				+ reading(MIDNIGHT.minusMinutes(15), 950) + "," + reading(MIDNIGHT, 910) + "]}");
		rollups.rollUpPending();
		String officer = fixtures.countyOfficer(Counties.MABIAN);

		browser.signIn(officer);
		// a county officer lands on its work page
		browser.waitUntil().until(ExpectedConditions.urlContains("/work"));

		// 00:00:30, the reading of 00:00 is in: the new day, a note instead of empty charts
		browser.open("/monitoring/live");
		browser.waitUntil().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-day")));
		assertThat(browser.find(By.id("new-day")).getText()).isEqualTo("新的一天 — 数据自 00:00 起");
		assertThat(browser.find(By.id("live-charts")).isDisplayed()).isFalse();
		browser.assertNoScriptErrors();
		browser.screenshot("monitoring-live-new-day.png");

		// 00:15:30: the first interval of the day arrives; the polling panel shows its charts without a reload
		NOW.set(MIDNIGHT.plusMinutes(15).plusSeconds(30).toInstant());
		post(user, "/api/v1/monitoring/readings", "{\"readings\": [" + reading(MIDNIGHT.plusMinutes(15), 880) + "]}");
		rollups.rollUpPending();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(25)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElements(By.id("new-day")).isEmpty() && d.findElement(By.id("live-charts")).isDisplayed());
		browser.awaitCanvas("#county-chart canvas");
		assertThat(browser.find(By.id("live-day")).getText()).contains("2026-12-03");
		browser.assertNoScriptErrors();
		browser.screenshot("monitoring-live-after-midnight.png");

		// the alarm page: two alarms to handle and one that recovered by itself, with its gap
		insertAlarm(e, "SPIKE", "OPEN", MIDNIGHT.minusHours(3), null);
		insertAlarm(e, "THRESHOLD_INTERVAL", "ACKNOWLEDGED", MIDNIGHT.minusHours(2), null);
		insertAlarm(e, "OFFLINE", "RECOVERED", MIDNIGHT.minusHours(6), MIDNIGHT.minusHours(4));
		browser.open("/monitoring/alarms");
		assertThat(browser.findAll(By.cssSelector("input.alarm-select"))).hasSize(2);
		assertThat(browser.find(By.cssSelector("tr[data-status=RECOVERED] .gap")).getText())
			.isEqualTo("中断 2026-12-02 18:00 至 2026-12-02 20:00：7 个周期，已补传 5 个，仍缺 2 个");
		browser.find(By.id("alarms-select-all")).click();
		assertThat(browser.findAll(By.cssSelector("input.alarm-select:checked"))).hasSize(2);
		browser.find(By.cssSelector("#bulk-close input[name=comment]")).sendKeys("夜间巡检，均已核实");
		browser.screenshot("monitoring-alarms-ticked.png");
		browser.find(By.cssSelector("#bulk-close button.close-selected")).click();
		browser.waitUntil().until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-closed")));
		assertThat(browser.find(By.id("bulk-closed")).getText()).isEqualTo("已关闭 2 条告警；0 条此前已关闭或已恢复，未作改动。");
		assertThat(browser.findAll(By.cssSelector("input.alarm-select"))).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_alarm WHERE enterprise_id = :e AND status = 'CLOSED'").param("e", e.id())
			.query(Long.class).single()).isEqualTo(2);
		browser.assertNoScriptErrors();
		browser.screenshot("monitoring-alarms-closed.png");
	}

	private void insertAlarm(RegistryModel.Enterprise e, String kind, String status, ZonedDateTime from, ZonedDateTime to) {
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, kind, period_ts, detail, raised_at, status,
				    resolved_at, gap_from, gap_to, gap_intervals, backfilled_intervals)
				VALUES (:e, :county, NULL, :industry, :kind, :from, 'test alarm', :from, :status, :to, :from, :to,
				    CASE WHEN CAST(:to AS timestamptz) IS NULL THEN NULL ELSE 7 END, CASE WHEN CAST(:to AS timestamptz) IS NULL THEN NULL ELSE 5 END)
				""").param("e", e.id()).param("county", e.countyCode()).param("industry", e.industryCode()).param("kind", kind)
			.param("status", status).param("from", from.toOffsetDateTime()).param("to", to == null ? null : to.toOffsetDateTime()).update();
	}

	private static String reading(ZonedDateTime ts, int kwh) {
		return "{\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": %d}".formatted(ts.toOffsetDateTime(), kwh);
	}

	/** Posts as the user; nothing of it may be quarantined. */
	private void post(String user, String path, String json) {
		assertThat(browser.api("POST", path, user, json)).doesNotContain("\"quarantined\":1");
	}
}
