package org.peakpilot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.power.internal.GecImport;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.JINKOUHE;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The certificate and claim pages in a real headless Chromium, zh and en: an enterprise user checks a bad code, sees
 * an import refused with its row and column, declares a lot and claims it on the form; screenshots under
 * target/screenshots/power-gec-*.png.
 */
@PeakPilotTest
class PowerGecBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-power-gec.log");

	@Autowired
	MockMvc mvc;
	@Autowired
	Registry registry;
	@Autowired
	UserAccounts accounts;

	@Test
	void anEnterpriseChecksImportsDeclaresAndClaimsOnThePages() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		String office = f.cityOfficer();
		RegistryModel.Enterprise e = f.enterprise(JINKOUHE, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String code = GreenClaimFixture.code();
		mvc.perform(post("/api/v1/power/certificates").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"code": "%s", "project_name": "金口河区光伏电站（测试）", "technology": "SOLAR", "production_month": "2026-10", "mwh": 420,
				 "holder_enterprise_id": %d}""".formatted(code, e.id()))).andExpect(status().isCreated());

		browser.signIn(user);
		browser.open("/power/certificates?code=" + code.substring(0, 19) + "-" + code.substring(20));
		assertThat(browser.find(By.id("validate-errors")).getText()).contains("20");
		assertThat(browser.find(By.id("lot-table")).getText()).contains(code, "420");

		// an import with a bad quantity: refused, naming row 2 and column E
		Path csv = Files.createDirectories(Path.of("target")).resolve("power-gec-import.csv").toAbsolutePath();
		Files.writeString(csv, String.join(",", GecImport.HEADERS) + "\n" + GreenClaimFixture.code() + ",测试,光伏,2026-10,四百,,,"
				+ e.uscc() + ",否,否\n", StandardCharsets.UTF_8);
		browser.find(By.id("file")).sendKeys(csv.toString());
		WebElement submit = browser.find(By.id("import-submit"));
		submit.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(submit));
		assertThat(browser.find(By.id("import-errors")).getText()).contains("2").contains("E (数量 GECs (MWh))");
		browser.screenshot("power-gec-certificates-zh.png");

		// declare the lot, then claim it on the claims page
		WebElement declare = browser.find(By.cssSelector("#lot-table .declare-form button"));
		declare.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(declare));
		assertThat(browser.find(By.id("history-table")).getText()).contains("声明消费");
		browser.open("/power/claims");
		browser.find(By.id("claim-year")).clear();
		browser.find(By.id("claim-year")).sendKeys("2026");
		WebElement claim = browser.find(By.id("claim-submit"));
		claim.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(claim));
		assertThat(browser.find(By.id("claim-table")).getText()).contains(e.name(), "420");
		browser.screenshot("power-gec-claims-zh.png");

		browser.open("/power/certificates?lang=en");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Green certificate ledger");
		assertThat(browser.find(By.id("lot-table")).getText()).contains("declared consumed", "used by claim");
		browser.screenshot("power-gec-certificates-en.png");
		browser.open("/power/claims?lang=en");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Green electricity claims");
		browser.screenshot("power-gec-claims-en.png");
		browser.assertNoScriptErrors();
	}
}
