package org.peakpilot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.JINKOUHE;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The green library in a real headless Chromium (ADR 0018 "Green library"): an enterprise applies for a project with
 * an evidence image by the form, the office reviews it from the queue and lists it, a bank's user lands on the library
 * in Chinese and English. Data: verified 2021 reports of industry 2613 (used by no other test): E 500 MWh (300 MWh
 * green) over 1,000 万元 = 62.75 t → 0.06275 t/万元, F 2,000 MWh over 1,000 万元 = 251 t; average 313.75 ÷ 2,000 =
 * 0.156875, E's ratio 0.4 → grade 1. Screenshots: {@code target/screenshots/greenlib-*.png}.
 */
@PeakPilotTest
class GreenLibraryBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-greenlib.log");

	@Autowired
	MockMvc mvc;

	/** Green kWh of a report need claimed green certificates (issue 15): {@link GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void anEnterpriseAppliesTheOfficeListsAndABankReadsTheLibrary() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		String office = f.cityOfficer();
		RegistryModel.Enterprise e = f.enterprise(JINKOUHE, "2613", null);
		RegistryModel.Enterprise other = f.enterprise(JINKOUHE, "2613", null);
		String verifier = f.user(Role.VERIFIER, null, null, null, Set.of(e.id(), other.id()));
		verified(e, "500000", ", \"greenKwh\": 300000", office, verifier);
		verified(other, "2000000", "", office, verifier);
		String user = f.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String bank = f.user(Role.BANK, null, null, null, Set.of());
		Path png = Files.createDirectories(Path.of("target")).resolve("greenlib-evidence.png").toAbsolutePath();
		Files.write(png, new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0 });

		// the enterprise applies for a project by the form
		browser.signIn(user);
		browser.find(By.id("nav-greenlib")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/projects/green/applications"));
		browser.find(By.id("apply")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/projects/green/apply"));
		new Select(browser.find(By.id("kind"))).selectByValue("PROJECT");
		browser.find(By.id("projectName")).sendKeys("屋顶分布式光伏 3 MW（测试）");
		new Select(browser.find(By.id("categoryCode"))).selectByValue("G4");
		browser.find(By.id("investment")).sendKeys("1500");
		browser.find(By.id("co2Reduction")).sendKeys("2100");
		browser.find(By.id("annualCo2")).sendKeys("30");
		browser.find(By.id("outputValue")).sendKeys("600");
		browser.find(By.id("description")).sendKeys("厂房屋顶光伏，自发自用（测试数据）");
		browser.find(By.id("file")).sendKeys(png.toString());
		browser.screenshot("greenlib-apply-zh.png");
		browser.find(By.id("apply-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("applied")));
		// 30 t ÷ 600 万元 = 0.05 < 0.156875: both project criteria met
		assertThat(browser.find(By.id("entry-status")).getText()).isEqualTo("待审核");
		assertThat(browser.findAll(By.cssSelector(".criterion[data-state='MET']"))).hasSize(2);
		browser.screenshot("greenlib-applied-zh.png");
		browser.assertNoScriptErrors();

		// the office reviews it from the queue and lists it
		browser.signIn(office);
		browser.open("/projects/green/applications?status=SUBMITTED");
		browser.screenshot("greenlib-review-zh.png");
		browser.find(By.linkText("屋顶分布式光伏 3 MW（测试）")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("decide-form")));
		browser.find(By.id("comment")).sendKeys("符合入库条件");
		browser.find(By.id("approve")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("decided")));
		assertThat(browser.find(By.id("entry-status")).getText()).isEqualTo("已入库");
		browser.screenshot("greenlib-entry-zh.png");

		// a bank's user lands on the library, in Chinese and in English
		browser.signIn(bank);
		browser.waitUntil().until(ExpectedConditions.urlContains("/projects/green"));
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("绿色企业和绿色项目库");
		assertThat(browser.find(By.id("green-library")).getText()).contains("屋顶分布式光伏 3 MW（测试）");
		assertThat(browser.findAll(By.cssSelector(".mainnav a"))).hasSize(1);
		browser.screenshot("greenlib-library-zh.png");
		browser.open("/projects/green?lang=en");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Green enterprise and green project library");
		browser.screenshot("greenlib-library-en.png");
		browser.assertNoScriptErrors();
		// every other page is the 403 page (in English now: the session switched); its 403 is the console's only line
		browser.open("/budget");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Forbidden");
	}

	void verified(RegistryModel.Enterprise e, String kwh, String green, String office, String verifier) throws Exception {
		if (!green.isBlank()) {
			GreenClaimFixture.claim(mvc, greenJdbc, e.id(), 2021, Long.parseLong(green.replaceAll("\\D", "")) / 1000);
		}
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/2021/1").with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": 1000, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"%s}}]}
					""".formatted(kwh, green)))
			.andExpect(status().isOk());
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/2021/1")
			.with(basic(office))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isOk());
	}
}
