package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's made-up key projects (demo/key-projects.csv, issue 13): loaded once through the library's own path, labelled
 * as made up, across the ten domains and the counties, some late and some under-delivering; the demo city officer sees
 * them on the dashboard, a county officer only its county's. Screenshot: {@code target/screenshots/keylib-demo-zh.png}.
 */
// Own context: the demo data set on a schema of its own (the same properties as BudgetDemoBrowserTests)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + BudgetDemoBrowserTests.PASSWORD,
		"peakpilot.test.schema=pp_budget_demo_browser" })
class KeyProjectDemoBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-keylib-demo.log");

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoCityOfficerSeesTheMadeUpKeyProjects() {
		assertThat(jdbc.sql("SELECT count(*) FROM keylib_project WHERE created_by = 'system:demo' AND name LIKE '%示例数据（虚构）%'")
			.query(Long.class).single()).isEqualTo(40);
		assertThat(jdbc.sql("SELECT count(DISTINCT domain_no) FROM keylib_project WHERE created_by = 'system:demo'").query(Long.class).single())
			.isEqualTo(10);
		browser.signIn("demo-city", BudgetDemoBrowserTests.PASSWORD);
		browser.find(By.id("nav-keylib")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "重点项目库"));
		assertThat(browser.find(By.id("count")).getText()).isEqualTo("40");
		assertThat(browser.findAll(By.cssSelector("#late-list li"))).isNotEmpty();
		assertThat(browser.findAll(By.cssSelector("#under-list li"))).isNotEmpty();
		browser.awaitCanvas("#keylib-county-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("keylib-demo-zh.png");

		browser.signIn("demo-shawan", BudgetDemoBrowserTests.PASSWORD);
		browser.open("/projects/key");
		assertThat(browser.findAll(By.cssSelector("#projects tr.project-row td:nth-child(3)"))).extracting(e -> e.getText()).containsOnly("沙湾区");
	}
}
