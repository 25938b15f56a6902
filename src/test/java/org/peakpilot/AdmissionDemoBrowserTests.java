package org.peakpilot;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees of admission with {@code PEAKPILOT_DEMO=true}: the six made-up applications of the plan folder
 * (示例数据（虚构）), one per control zone and one outside any, filed and taken through the workflow to their stages — the
 * clinker line over Emeishan's zone cap rejected, the rolling line in Shawan's zone admitted — and the Shawan officer's
 * queue holding its county's only. Screenshots: {@code target/screenshots/admission-demo-*.png}.
 */
// Own context: the demo data set on a schema of its own
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + AdmissionDemoBrowserTests.PASSWORD,
		"peakpilot.test.schema=pp_admission_demo_browser" })
class AdmissionDemoBrowserTests {

	static final String PASSWORD = "demo-browser-password-1";

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-admission-demo.log");

	String statusOf(List<WebElement> rows, String name) {
		return rows.stream().filter(r -> r.getText().contains(name)).findFirst().orElseThrow().getAttribute("data-status");
	}

	@Test
	void theDemoOfficeSeesSixMadeUpProjectsInTheirStages() {
		browser.signIn("demo-city", PASSWORD);
		browser.find(By.id("nav-admission")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("projects")));
		browser.screenshot("admission-demo-list-zh.png");
		List<WebElement> rows = browser.findAll(By.cssSelector("tr.project-row"));
		assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.getText()).contains("（虚构）"));
		// over the cement zone's cap (15.98 t per 10k CNY): rejected; the small tile line in Jiajiang's zone: admitted
		assertThat(statusOf(rows, "示例峨眉山熟料生产线项目")).isEqualTo("REJECTED");
		assertThat(statusOf(rows, "示例夹江陶瓷砖生产线项目")).isEqualTo("ADMITTED");
		assertThat(statusOf(rows, "示例沙湾钢材精整线项目")).isEqualTo("CITY_REVIEW");
		assertThat(statusOf(rows, "示例高新区硅材料深加工项目")).isEqualTo("SUBMITTED");
		assertThat(statusOf(rows, "示例沙湾钢铁余热利用项目")).isEqualTo("DRAFT");
		// decided as its verdict allows: routed up (Sichuan's 100 kt carbon chapter) unless a failing test outranks it
		assertThat(statusOf(rows, "示例五通桥联碱项目")).isIn("ROUTED_UP", "REJECTED");

		rows.stream().filter(r -> r.getText().contains("示例峨眉山熟料生产线项目")).findFirst().orElseThrow().findElement(By.tagName("a")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("assessment-view")));
		assertThat(browser.find(By.id("assessment-view")).getAttribute("data-verdict")).isEqualTo("FAIL");
		assertThat(browser.find(By.id("zone-cap")).getAttribute("data-exceeds")).isEqualTo("true");
		assertThat(browser.find(By.id("zone-name")).getText()).contains("峨眉山");
		browser.assertNoScriptErrors();
		browser.screenshot("admission-demo-rejected-zh.png");

		browser.signIn("demo-shawan", PASSWORD);
		browser.open("/admission");
		List<WebElement> shawan = browser.findAll(By.cssSelector("tr.project-row"));
		// the county's projects only (the rolling line waiting for the city, the draft)
		assertThat(shawan).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("沙湾"));
		browser.screenshot("admission-demo-county-zh.png");
	}
}
