package org.peakpilot;

import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.budget.internal.SinkLedger;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.MUCHUAN;

/**
 * Forestry carbon tickets in a real headless Chromium (issue 14): the forestry officer issues an approved project's
 * tickets by a click, transfers some at a price, sees the trades' price chart; the public verification page at a
 * phone's size in Chinese and English. Screenshots: {@code target/screenshots/tickets-*.png}.
 */
@PeakPilotTest
class ForestryTicketBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-tickets.log");

	@Autowired
	Fixtures fixtures;

	@Autowired
	SinkLedger sinks;

	@Test
	void theForestryOfficerIssuesTransfersAndThePublicVerifies() throws Exception {
		String forestry = fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		// the shared context runs on the real clock: a monitoring period of 2019 is over, and no other test uses its sinks
		SystemActor.callAs("test", Role.FORESTRY_OFFICER, Set.of(), () -> sinks.record(new SinkLedger.NewEntry(MUCHUAN, 2019,
				new java.math.BigDecimal("12723"), null, java.time.LocalDate.of(2020, 3, 1), "四川省林业科学研究院（虚构）", "乐市林发〔2020〕9号（虚构）", null, null)));
		String json = browser.api("POST", "/api/v1/inclusive/forestry/projects", forestry, """
				{"name": "浏览器测试：沐川竹林碳汇项目（虚构）", "county_code": "%s", "owner_name": "浏览器测试林业合作社（虚构）", "owner_kind": "COLLECTIVE",
				 "period_start": "2019-01-01", "period_end": "2019-12-31", "period_no": 1, "method_code": "SMCER-FC-V1",
				 "parcels": [{"certificate_no": "川(2018)沐川县林权第0000001号（虚构）", "area_mu": 3197, "species": "BAMBOO", "location": "沐溪镇"}],
				 "increments": [{"year": 2019, "increment_t": 12723}]}""".formatted(MUCHUAN));
		long id = ((Number) JsonPath.read(json, "$.id")).longValue();
		String base = "/api/v1/inclusive/forestry/projects/" + id;
		browser.api("POST", base + "/submit", forestry, null);
		browser.api("POST", base + "/verification", forestry, """
				{"verifier_name": "中林绿碳（虚构）", "verification_reference": "核证-2020-01（虚构）", "verified_on": "2020-05-01", "verified_increment_t": 12723}""");
		browser.api("POST", base + "/approval", forestry, """
				{"approved_by": "乐山市林业局（虚构）", "approval_reference": "乐市林发〔2020〕30号（虚构）", "approved_on": "2020-06-01"}""");

		browser.signIn(forestry);
		browser.find(By.id("nav-forestry-tickets")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/inclusive/office/forestry"));
		assertThat(browser.find(By.id("projects")).getText()).contains("浏览器测试：沐川竹林碳汇项目（虚构）").contains("已审批");
		browser.screenshot("tickets-projects-zh.png");
		browser.open("/inclusive/office/forestry/projects/" + id);
		browser.find(By.id("issue-button")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(browser.find(By.id("project-status")).getText()).isEqualTo("已签发");
		String issuance = browser.find(By.id("issuance")).getText();
		assertThat(issuance).contains("12723 t").contains("LSCT-511129-2019P1-0000001-").contains("2019=12723");
		browser.assertNoScriptErrors();
		browser.screenshot("tickets-project-issued-zh.png");

		browser.open("/inclusive/office/forestry/tickets");
		long lot = Long.parseLong(browser.find(By.cssSelector(".lot-row td")).getText());
		browser.find(By.id("t-lot")).sendKeys(String.valueOf(lot));
		browser.find(By.id("t-qty")).sendKeys("2723");
		browser.find(By.id("t-to")).sendKeys("浏览器测试会展公司（虚构）");
		browser.find(By.id("t-price")).sendKeys("15");
		browser.script("document.getElementById('t-on').value = '2020-07-01';");
		browser.find(By.id("transfer-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(browser.find(By.id("holders")).getText()).contains("浏览器测试会展公司（虚构）");
		browser.screenshot("tickets-lots-zh.png");

		browser.open("/inclusive/office/forestry/trades");
		browser.awaitCanvas("#ticket-price-chart canvas");
		assertThat(browser.find(By.id("trades")).getText()).contains("转让").contains("15.00");
		browser.assertNoScriptErrors();
		browser.screenshot("tickets-trades-zh.png");

		java.util.regex.Matcher m = java.util.regex.Pattern.compile("LSCT-511129-2019P1-0000001-[0-9A-Z]").matcher(issuance);
		assertThat(m.find()).isTrue();
		String serial = m.group();
		browser.driver().manage().deleteAllCookies();
		browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		browser.open("/public/inclusive/tickets/" + serial + "?lang=zh_CN");
		assertThat(browser.find(By.id("ticket-project")).getText()).isEqualTo("浏览器测试：沐川竹林碳汇项目（虚构）");
		assertThat(browser.find(By.id("ticket-status")).getText()).isEqualTo("持有");
		assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("浏览器测试会展公司");
		browser.screenshot("tickets-verify-phone-zh.png");
		browser.open("/public/inclusive/tickets/" + serial + "?lang=en");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Forestry carbon ticket verification");
		browser.screenshot("tickets-verify-phone-en.png");
		browser.assertNoScriptErrors();
		browser.open("/public/inclusive/tickets/LSCT-511129-2019P1-0000001-%3F?lang=zh_CN");
		// a wrong check character: the page says so, with the status 404
		assertThat(browser.find(By.id("not-found")).getText()).contains("未找到");
	}
}
