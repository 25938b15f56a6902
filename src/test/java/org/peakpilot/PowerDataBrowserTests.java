package org.peakpilot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office's grid-data page (/power/data) in a headless Chromium: a CSV with a wrong row is refused naming the row
 * and field, the corrected file goes in and the coverage and reconciliation tables show the zone's year, in Chinese and
 * English. Data: zone 511181 (峨眉山市), used by no other test, 2025-03-01 08:00 and 09:00 Beijing. Screenshots:
 * {@code target/screenshots/power-data-*.png}.
 */
@PeakPilotTest
class PowerDataBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-power-data.log");

	@Autowired
	Fixtures fixtures;

	@Test
	void theOfficeUploadsHourlyDataAndSeesErrorsCoverageAndReconciliation() throws Exception {
		String officer = fixtures.cityOfficer();
		Path bad = Files.createDirectories(Path.of("target")).resolve("power-data-bad.csv").toAbsolutePath();
		Files.writeString(bad, """
				zone,hour,technology,mwh,counterpart,import_mwh,export_mwh
				511181,2025-03-01T08:00+08:00,HYDRO,120,,,
				511181,2025-03-01T09:00+08:00,DIESEL,10,,,
				""", StandardCharsets.UTF_8);
		Path good = bad.resolveSibling("power-data-good.csv");
		Files.writeString(good, Files.readString(bad).replace("DIESEL", "COAL"), StandardCharsets.UTF_8);
		browser.signIn(officer);
		browser.open("/power/data");
		browser.find(By.id("file")).sendKeys(bad.toString());
		var submit = browser.find(By.id("upload-submit"));
		submit.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(submit));
		var error = browser.find(By.cssSelector("#errors li"));
		assertThat(error.getAttribute("data-row")).isEqualTo("3");
		assertThat(error.getAttribute("data-field")).isEqualTo("technology");
		browser.screenshot("power-data-errors-zh.png");
		browser.find(By.id("file")).sendKeys(good.toString());
		submit = browser.find(By.id("upload-submit"));
		submit.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(submit));
		assertThat(browser.find(By.id("uploaded")).getText()).contains("2");
		assertThat(browser.find(By.id("coverage-table")).getText()).contains("511181");
		browser.screenshot("power-data-zh.png");
		browser.open("/power/data?lang=en");
		assertThat(browser.find(By.id("reconciliation")).getText()).contains("official provincial factor");
		browser.screenshot("power-data-en.png");
		browser.assertNoScriptErrors();
	}
}
