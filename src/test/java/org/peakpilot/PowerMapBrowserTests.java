package org.peakpilot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.peakpilot.monitoring.internal.RollupJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;

/**
 * The electricity-carbon map, its heat map and an enterprise's hourly carbon in a real headless Chromium (issue 15),
 * Chinese and English, the public page without sign-in. Screenshots: {@code target/screenshots/power-*.png}.
 */
// Own context: a whole made-up year of grid intensities (which would change the other power tests' latest hour)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.schema=pp_power_browser",
		"peakpilot.test.clock=2026-12-06T04:00:00Z", "peakpilot.power.dirty-window-alerts.scheduled=false" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class PowerMapBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-power.log");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RollupJob rollups;

	/**
	 * A made-up year 2026 for the grid (wet season May–October low, dry season high, an evening peak; every 29th hour
	 * MODELLED) and Shawan's own figures for 2026-12-06 10:00; synthetic.
	 */
	@BeforeEach
	void year() {
		jdbc.sql("""
				INSERT INTO power_intensity_hour (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at)
				SELECT 'SICHUAN', 'CONSUMPTION', h,
				       round(CAST(150 + 70 * cos(2 * pi() * (extract(doy FROM h AT TIME ZONE 'Asia/Shanghai') - 15) / 365)
				             + 35 * sin(2 * pi() * (extract(hour FROM h AT TIME ZONE 'Asia/Shanghai') - 13) / 24) AS numeric), 3),
				       CASE WHEN extract(epoch FROM h)::bigint / 3600 % 29 = 0 THEN 'MODELLED' ELSE 'MEASURED' END, true, now()
				FROM generate_series(timestamptz '2026-01-01 00:00+08', timestamptz '2026-12-31 23:00+08', interval '1 hour') AS h
				ON CONFLICT DO NOTHING""").update();
		jdbc.sql("""
				INSERT INTO power_intensity_hour (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at)
				VALUES ('511111', 'CONSUMPTION', timestamptz '2026-12-06 10:00+08', 61.2, 'MEASURED', true, now())
				ON CONFLICT DO NOTHING""").update();
	}

	@Test
	void theMapAndTheHeatMapInChineseAndEnglish() {
		String city = fixtures.cityOfficer();
		browser.signIn(city);
		browser.find(By.id("nav-power")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("power-map-page")));
		browser.waitUntil().until(d -> "true".equals(d.findElement(By.id("power-map")).getAttribute("data-drawn")));
		browser.awaitCanvas("#power-map canvas");
		browser.awaitCanvas("#power-heatmap canvas");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("乐山电碳图谱");
		assertThat(browser.find(By.id("map-heading")).getText()).contains("2026-12-06 12:00");
		List<WebElement> rows = browser.findAll(By.cssSelector("tr.county-value"));
		assertThat(rows).hasSize(11);
		assertThat(browser.find(By.id("synthetic-note")).getText()).contains("示例数据（虚构）");
		browser.assertNoScriptErrors();
		browser.screenshot("power-map-zh.png");

		// another hour: 10:00, when Shawan has its own figure
		new Select(browser.find(By.id("pick-hour"))).selectByValue("10");
		WebElement heading = browser.find(By.id("map-heading"));
		browser.find(By.id("pick-submit")).click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(heading));
		browser.waitUntil().until(d -> "true".equals(d.findElement(By.id("power-map")).getAttribute("data-drawn")));
		assertThat(browser.find(By.cssSelector("tr.county-value[data-code='" + SHAWAN + "']")).getAttribute("data-provincial")).isEqualTo("false");
		assertThat(browser.findAll(By.cssSelector("tr.county-value[data-provincial='true']"))).hasSize(10);
		browser.awaitCanvas("#power-heatmap canvas");
		browser.script("document.getElementById('heatmap-card').scrollIntoView();");
		browser.assertNoScriptErrors();
		browser.screenshot("power-heatmap-zh.png");

		// a county's heat map without a year of its own falls back to the grid, said so; in English
		browser.open("/power?lang=en&zone=" + SHAWAN + "&year=2026");
		browser.waitUntil().until(d -> "true".equals(d.findElement(By.id("power-map")).getAttribute("data-drawn")));
		browser.awaitCanvas("#power-heatmap canvas");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Leshan electricity-carbon map");
		assertThat(browser.find(By.id("heat-counts")).getText()).contains("MODELLED");
		browser.assertNoScriptErrors();
		browser.screenshot("power-map-en.png");
		browser.open("/power?lang=en&year=2026");
		browser.awaitCanvas("#power-heatmap canvas");
		browser.script("document.getElementById('heatmap-card').scrollIntoView();");
		browser.screenshot("power-heatmap-en.png");
	}

	@Test
	void thePublicMapNeedsNoSignIn() {
		browser.open("/public/power?lang=zh_CN");
		browser.waitUntil().until(d -> "true".equals(d.findElement(By.id("power-map")).getAttribute("data-drawn")));
		browser.awaitCanvas("#power-heatmap canvas");
		assertThat(browser.findAll(By.id("power-tabs"))).isEmpty();
		assertThat(browser.find(By.id("boundary-note")).getText()).contains("审图号");
		browser.assertNoScriptErrors();
		browser.screenshot("power-public-zh.png");
	}

	@Test
	void anEnterpriseSeesItsCarbonByHourBesideTheYearlyFactor() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, SHAWAN);
		e.intervalMeter("E-1", "ELECTRICITY", "kWh", 15, 100_000, null);
		List<String> lines = new ArrayList<>();
		java.time.ZonedDateTime t = java.time.ZonedDateTime.parse("2026-11-10T00:15:00+08:00");
		for (int i = 0; i < 2 * 96; i++) {
			java.time.ZonedDateTime ts = t.plusMinutes(15L * i);
			if (ts.getDayOfMonth() == 11 && ts.getHour() >= 3 && ts.getHour() < 6) {
				continue; // readings stamped 03:00–05:45 missing: hours 3 and 4 have none, hours 2 and 5 are incomplete
			}
			int hour = ts.minusMinutes(1).getHour();
			double kwh = hour >= 8 && hour < 20 ? 400 + 10 * (hour % 5) : 150;
			lines.add("E-1," + ts.toOffsetDateTime() + "," + kwh);
		}
		e.send(lines.toArray(String[]::new));
		rollups.rollUpPending();
		browser.signIn(e.user);
		browser.open("/power/enterprises/" + e.id() + "?from=2026-11-10&to=2026-11-12");
		browser.awaitCanvas("#hourly-chart canvas");
		assertThat(browser.find(By.id("incomplete-note")).getText()).contains("2 小时无读数，2 小时读数不全");
		assertThat(browser.find(By.cssSelector("li.year-factor")).getText()).contains("GRID-SICHUAN-2023");
		browser.assertNoScriptErrors();
		browser.screenshot("power-enterprise-hourly.png");
		browser.open("/power/enterprises/" + e.id() + "/windows?lang=en");
		browser.awaitCanvas("#windows-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("power-windows-en.png");
	}
}
