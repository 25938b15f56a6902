package org.peakpilot;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;

/**
 * The admission pages in a real headless Chromium (issue 13): an enterprise user fills in the application form (a
 * line added through htmx, units narrowed to the factor's), assesses it beside the form without storing, sees a field
 * refused at its row, saves and submits; the county's officer forwards it; the city office decides it with the
 * assessment, the budget effect and the city path beside; the list. Chinese and English. Screenshots:
 * {@code target/screenshots/admission-*.png}.
 */
// Own context: the queue and list screenshots show only this test's projects
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_admission_browser")
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
class AdmissionBrowserTests {

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-admission.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	void type(String id, String text) {
		WebElement e = browser.find(By.id(id));
		e.clear();
		e.sendKeys(text);
	}

	void choose(String id, String value) {
		new Select(browser.find(By.id(id))).selectByValue(value);
	}

	@Test
	void anEnterpriseFilesAssessesAndSubmitsTheCountyForwardsAndTheCityDecides() {
		Fixtures fixtures = new Fixtures(registry, accounts);
		long enterprise = fixtures.enterprise(SHAWAN, "3130", fixtures.parkId("SHAWAN-EDZ")).id();
		String applicant = fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise, java.util.Set.of());
		String county = fixtures.countyOfficer(SHAWAN);
		String office = fixtures.cityOfficer();
		// the city's 2026 budget published (Shawan among its counties) and an inventory year with GDP, so that the
		// assessment shows the share of Shawan's headroom and the city's path with and without the project
		try {
			new BudgetFixtures(mvc).publish(Fixtures.basic(office), 2026, BudgetYearApiTests.DRAFT);
			for (String[] input : new String[][] { { "GDP", "25000000" }, { "OTHER_TCE", "6000000" }, { "OTHER_CO2_T", "14000000" } }) {
				mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/accounting/inventory/inputs")
					.with(Fixtures.basic(office)).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
					.content("{\"year\": 2024, \"code\": \"" + input[0] + "\", \"value\": " + input[1] + ", \"sourceDocument\": \"browser test\"}"))
					.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
			}
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}

		// 1. the form, prefilled from the registry; a steel rolling line in Shawan's control zone
		browser.signIn(applicant);
		browser.find(By.id("nav-admission")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("new-application")));
		browser.find(By.id("new-application")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("admission-form")));
		assertThat(new Select(browser.find(By.id("f-park"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("SHAWAN-EDZ");
		type("f-name", "浏览器测试钢材精整线（虚构）");
		type("f-commissioning_year", "2026");
		type("f-construction_start_year", "2026");
		choose("p0-code", "ROLLED_STEEL");
		type("p0-quantity", "300000");
		type("p0-capacity", "300000");
		choose("l0-factorCode", "NATURAL-GAS");
		// the gas takes 10^4 Nm3 or Nm3 only: the script narrowed the units and chose the first
		assertThat(new Select(browser.find(By.id("l0-unit"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("10^4 Nm3");
		type("l0-quantity", "300");
		type("l1-quantity", "20000000");
		// a third line through htmx: a fuel with letters in its quantity
		browser.find(By.id("add-line")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("l2-quantity")));
		assertThat(browser.find(By.id("l0-quantity")).getAttribute("value")).isEqualTo("300");
		choose("l2-factorCode", "DIESEL");
		type("l2-quantity", "12吨");
		type("f-output_value_10k_cny", "80000");
		type("f-value_added_10k_cny", "16000");
		type("f-investment_10k_cny", "45000");
		browser.find(By.id("assess")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("assess-errors")));
		assertThat(browser.find(By.id("assess-errors")).getText()).contains("活动数据 第 3 行 · 数量");
		assertThat(browser.findAll(By.cssSelector("td.invalid #l2-quantity"))).hasSize(1);
		browser.screenshot("admission-form-error-zh.png");

		// 2. corrected: the assessment beside the form, nothing stored
		type("l2-quantity", "12");
		browser.find(By.id("assess")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
		assertThat(browser.findAll(By.cssSelector("#reasons li.reason")).size() + browser.findAll(By.cssSelector("#not-assessed li")).size())
			.isPositive();
		assertThat(browser.find(By.id("zone-name")).getText()).contains("沙湾");
		// the budget effect and the path are assessed: Shawan's headroom before and after, and the path drawn
		assertThat(browser.find(By.id("headroom-before")).getText()).isNotBlank();
		assertThat(browser.find(By.id("headroom-after")).getText()).isNotBlank();
		browser.awaitCanvas("#path-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("admission-form-assessment-zh.png");

		// 3. saved and submitted
		browser.find(By.id("save")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("submit")));
		browser.find(By.id("submit")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("project-status"), "待区县审查"));
		String projectUrl = browser.driver().getCurrentUrl().replaceAll("[?#].*$", "");

		// 4. the county forwards
		browser.signIn(county);
		browser.open(projectUrl.substring(projectUrl.indexOf("/admission")));
		browser.find(By.id("county-comment")).sendKeys("符合本县产业规划，同意转报。");
		browser.find(By.id("forward")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("project-status"), "待市级决定"));

		// 5. the city's decision page: the assessment, the budget effect and the path beside the actions
		browser.signIn(office);
		browser.find(By.id("nav-admission")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("projects")));
		List<WebElement> rows = browser.findAll(By.cssSelector("tr.project-row"));
		assertThat(rows).isNotEmpty();
		browser.screenshot("admission-list-zh.png");
		browser.open(projectUrl.substring(projectUrl.indexOf("/admission")));
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("city-form")));
		browser.awaitCanvas("#path-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("admission-review-zh.png");
		browser.open(projectUrl.substring(projectUrl.indexOf("/admission")) + "?lang=en");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("project-status"), "City review"));
		browser.screenshot("admission-review-en.png");
		String verdict = browser.find(By.id("assessment-view")).getAttribute("data-verdict");
		browser.find(By.id("city-comment")).sendKeys("Consistent with the city's plan.");
		browser.find(By.id(verdict.equals("FAIL") ? "reject" : verdict.equals("ROUTE_UP") ? "route-up" : "admit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		browser.screenshot("admission-decided-en.png");
		browser.open("/admission?lang=en");
		browser.screenshot("admission-list-en.png");

		// 6. the form and its assessment in English
		browser.signIn(applicant);
		browser.open("/admission/new?lang=en");
		choose("l0-factorCode", "NATURAL-GAS");
		type("l0-quantity", "300");
		type("l1-quantity", "20000000");
		type("f-name", "Browser test rolling line (made up)");
		type("f-commissioning_year", "2028");
		choose("p0-code", "ROLLED_STEEL");
		type("p0-quantity", "300000");
		type("f-output_value_10k_cny", "80000");
		type("f-value_added_10k_cny", "16000");
		browser.find(By.id("assess")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
		browser.screenshot("admission-form-assessment-en.png");
		browser.assertNoScriptErrors();
	}
}
