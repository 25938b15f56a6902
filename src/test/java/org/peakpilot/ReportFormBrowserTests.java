package org.peakpilot;

import java.util.Set;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * An enterprise user fills in a month on the structured form in Chinese at 1280 px: picks a fuel from the list,
 * types amounts and sees the figures change before saving, reveals measured parameters and steam, saves. Screenshots
 * under {@code target/screenshots/report-form-*.png}.
 */
@PeakPilotTest
class ReportFormBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-report-form.log").windowSize(1280, 1000);

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void anEnterpriseFillsInAMonthAndSeesItsFiguresBeforeSaving() {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		browser.signIn(user);

		browser.open("/accounting/enterprises/" + cement.id() + "/reports/2023/8/edit?lang=zh_CN");
		assertThat(browser.find(By.id("section-FUEL")).getText()).contains("一、化石燃料燃烧");
		// the fuel from the list by its Chinese name; only its units are offered
		new Select(browser.find(By.name("factor0"))).selectByVisibleText("烟煤");
		assertThat(new Select(browser.find(By.name("unit0"))).getOptions().stream().filter(o -> o.isEnabled())
			.map(o -> o.getAttribute("value")).toList()).containsExactly("t", "kg");
		browser.find(By.name("quantity0")).sendKeys("1000");
		// 1000 t × 19.57 GJ/t × 26.1 tC/TJ ÷ 1000 × 0.93 × 44/12 = 1741.74957 tCO2, shown before saving
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-0"), "1,741.75 吨二氧化碳"));
		assertThat(browser.find(By.id("figure-0")).getAttribute("title")).isEqualTo("1741.74957");
		assertThat(browser.find(By.id("figure-total")).getText()).isEqualTo("1,741.75");
		browser.find(By.name("quantity0")).sendKeys("0");
		// 10000 t: 17417.4957 tCO2
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-0"), "17,417.50 吨二氧化碳"));

		// the measured parameters, with the defaults shown: a measured oxidation rate of 90 %
		browser.find(By.cssSelector("[data-row='0'] details.measured summary")).click();
		assertThat(browser.find(By.cssSelector("[data-row='0'] .default-of")).getText()).isEqualTo("93 %");
		assertThat(browser.find(By.cssSelector("[data-row='0'] .raw-only")).isDisplayed()).isFalse();
		browser.find(By.name("ofPct0")).sendKeys("90");
		// 10000 × 19.57 × 26.1 ÷ 1000 × 0.90 × 44/12 = 16855.641
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-0"), "16,855.64 吨二氧化碳"));

		// raw coal reveals its class; purchased electricity; steam in tonnes reveals pressure and temperature
		new Select(browser.find(By.name("factor1"))).selectByVisibleText("原煤");
		browser.waitUntil().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-row='1'] .raw-only")));
		new Select(browser.find(By.name("coalClass1"))).selectByValue("BITUMINOUS-COAL");
		browser.find(By.name("quantity1")).sendKeys("100");
		// 100 t × 20.908 × 26.1 ÷ 1000 × 0.93 × 44/12 = 186.083291
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-1"), "186.08 吨二氧化碳"));
		browser.find(By.name("quantity10")).sendKeys("1000");
		new Select(browser.find(By.name("unit10"))).selectByValue("MWh");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-10"), "156.40 吨二氧化碳"));
		assertThat(browser.find(By.name("pressure12")).isDisplayed()).isFalse();
		new Select(browser.find(By.name("unit12"))).selectByValue("t");
		browser.find(By.name("quantity12")).sendKeys("100");
		browser.find(By.name("pressure12")).sendKeys("1");
		// saturated at 1 MPa: 100 × (2777.12 − 83.74) ÷ 1000 × 0.11 = 29.62718
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-12"), "29.63 吨二氧化碳"));
		assertThat(browser.find(By.id("figure-12")).getAttribute("title")).isEqualTo("29.62718");
		// 16855.641 + 186.083291 + 156.4 + 29.62718 = 17227.751471
		assertThat(browser.find(By.id("figure-total")).getText()).isEqualTo("17,227.75");
		assertThat(browser.find(By.id("figure-total")).getAttribute("title")).isEqualTo("17227.751471");
		assertThat(browser.find(By.id("figures")).getText()).contains("缺省值：蒸汽温度 179.9 °C（未填温度").doesNotContain("verified-secondary")
			.doesNotContain("transcri");
		browser.find(By.name("product_CLINKER")).sendKeys("8000");
		browser.find(By.id("outputValue10kCny")).sendKeys("2100");

		// the form fits its 1280 px window: nothing wider than the page
		Object overflow = browser.script(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		browser.assertNoScriptErrors();
		browser.screenshot("report-form-live.png");

		browser.find(By.id("save-report")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("report-lines")));
		assertThat(browser.findAll(By.cssSelector("#report-lines tbody tr"))).hasSize(4);
		assertThat(browser.find(By.cssSelector(".summary")).getText()).contains("17,227.75");
		assertThat(browser.find(By.id("report-lines")).getText()).contains("缺省值：单位热值含碳量 26.1 吨碳/太焦（烟煤，GB/T 32151.22-2024 附录C 表C.1")
			.doesNotContain("transcri");
		browser.assertNoScriptErrors();
		browser.screenshot("report-form-saved.png");

		// the stored month on the form again, in English: the fuels by their English names, its figures shown at once
		browser.open("/accounting/enterprises/" + cement.id() + "/reports/2023/8/edit?lang=en");
		assertThat(new Select(browser.find(By.name("factor0"))).getFirstSelectedOption().getText()).isEqualTo("bituminous coal");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("figure-total"), "17,227.75"));
		assertThat(browser.find(By.id("figures")).getText()).contains("Default: carbon content 26.1");
		assertThat(browser.find(By.id("section-FUEL")).getText()).contains("1. Fossil fuel combustion");
		Object overflowEn = browser.script(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflowEn).intValue()).isLessThanOrEqualTo(0);
		browser.assertNoScriptErrors();
		browser.screenshot("report-form-en.png");
	}
}
