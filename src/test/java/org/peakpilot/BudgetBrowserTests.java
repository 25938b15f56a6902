package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;

/**
 * The budget pages in a real headless Chromium (issue 12): the office creates a draft, enters the counties' figures,
 * compares three methods side by side, allocates by one and takes it through county review (by the county's
 * officer, who sees only its county), city review and the leading group to publication, all by clicks; then the
 * cockpit with its chart, in Chinese and English. Screenshots: {@code target/screenshots/budget-*.png}.
 */
// Own context: the flow starts from a year and a workspace without any earlier allocation to prefill from
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_budget_browser")
class BudgetBrowserTests {

	static final int YEAR = 2071;

	/** Made-up county figures (as demo/budget-counties.csv): code, GDP, population, base emissions, forecast GDP, decline. */
	static final String[][] COUNTIES = {
			{ "511102", "6300000", "780000", "4259000", "6680000", "0.035" },
			{ "511111", "1800000", "170000", "4666000", "1900000", "0.045" },
			{ "511112", "2300000", "280000", "5352333", "2460000", "0.045" },
			{ "511113", "380000", "45000", "920667", "400000", "0.04" },
			{ "511123", "2400000", "420000", "2875667", "2550000", "0.035" },
			{ "511124", "1250000", "270000", "851667", "1330000", "0.03" },
			{ "511126", "1900000", "310000", "3861000", "2010000", "0.045" },
			{ "511129", "750000", "180000", "552000", "795000", "0.03" },
			{ "511132", "550000", "120000", "760333", "580000", "0.025" },
			{ "511133", "520000", "160000", "447000", "550000", "0.025" },
			{ "511181", "3400000", "410000", "2627667", "3610000", "0.035" } };

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-budget.log");

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void theOfficeAllocatesComparesAndPublishesByClicksAndACountySeesOnlyItsCounty() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		String office = fixtures.cityOfficer();
		String shawan = fixtures.countyOfficer(SHAWAN);

		browser.signIn(office);
		browser.find(By.id("nav-budget")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/budget"));
		browser.open("/budget/" + YEAR + "/allocation");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(YEAR + " 年预算分配工作台");

		// 1. the draft: intensity 1.25 t/万元, R 17 %, R_a 0, 5 years left, GDP 22,865,000 万元, pool and sink credit
		type("draft-base_intensity_t_per_10k_cny", "1.25");
		type("draft-period_target_cut", "0.17");
		type("draft-achieved_cut", "0");
		type("draft-years_left", "5");
		type("draft-forecast_gdp_10k_cny", "22865000");
		type("draft-total_cap_t", "28000000");
		type("draft-pool_t", "500000");
		type("draft-sink_credit_t", "120000");
		type("draft-source", "浏览器测试（虚构）Browser test, made up");
		browser.find(By.id("create-draft")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("created")));
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("草稿");

		// 2. the counties' figures, then three methods side by side
		List<WebElement> rows = browser.findAll(By.cssSelector("tr.input-row"));
		assertThat(rows).hasSize(11);
		for (int i = 0; i < rows.size(); i++) {
			String code = rows.get(i).getAttribute("data-code");
			String[] c = java.util.Arrays.stream(COUNTIES).filter(r -> r[0].equals(code)).findFirst().orElseThrow();
			BigDecimal intensity = new BigDecimal(c[3]).divide(new BigDecimal(c[1]), 6, java.math.RoundingMode.HALF_UP);
			type("h" + i + "-gdp", c[1]);
			type("h" + i + "-population", c[2]);
			type("h" + i + "-baseEmissions", c[3]);
			type("h" + i + "-baseIntensity", intensity.toPlainString());
			type("h" + i + "-forecastGdp", c[4]);
			type("h" + i + "-declineRate", c[5]);
		}
		assertThat(browser.find(By.id("compare-INTENSITY_DECLINE")).isSelected()).isTrue();
		assertThat(browser.find(By.id("compare-GDP_SHARE")).isSelected()).isTrue();
		assertThat(browser.find(By.id("compare-GRANDFATHERING")).isSelected()).isTrue();
		browser.find(By.id("compare")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("comparison-table")));
		BigDecimal allocatable = new BigDecimal(browser.find(By.id("allocatable")).getAttribute("data-value"));
		for (String method : List.of("INTENSITY_DECLINE", "GDP_SHARE", "GRANDFATHERING")) {
			BigDecimal sum = browser.findAll(By.cssSelector("#comparison-table td[data-method='" + method + "']")).stream()
				.map(td -> new BigDecimal(td.getAttribute("data-budget"))).reduce(BigDecimal.ZERO, BigDecimal::add);
			// whole tonnes by largest remainder: the budgets add up to the whole tonnes of the allocatable
			assertThat(sum).as(method).isEqualByComparingTo(allocatable.setScale(0, java.math.RoundingMode.FLOOR));
		}
		browser.assertNoScriptErrors();
		browser.screenshot("budget-allocation-compare-zh.png");

		// 3. choose intensity decline, allocate
		browser.find(By.id("choose-INTENSITY_DECLINE")).click();
		browser.find(By.id("allocate")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("allocated")));
		assertThat(browser.findAll(By.cssSelector("tr.allocated-row"))).hasSize(11);

		// 4. the approval steps: to the counties
		step("提交各区县审核");
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("区县审核");

		// the county officer sees its county only and takes the county review
		browser.signIn(shawan);
		browser.find(By.id("nav-budget")).click();
		browser.open("/budget/" + YEAR + "/allocation");
		assertThat(browser.findAll(By.cssSelector("tr.allocated-row"))).extracting(r -> r.getAttribute("data-code")).containsExactly(SHAWAN);
		assertThat(browser.findAll(By.id("draft-form"))).isEmpty();
		assertThat(browser.findAll(By.id("inputs"))).isEmpty();
		browser.screenshot("budget-allocation-county-zh.png");
		step("沙湾区无异议");
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("市级审核");
		assertThat(browser.findAll(By.id("step-form"))).isEmpty();
		browser.open("/budget/" + YEAR);
		assertThat(browser.findAll(By.cssSelector("#holders tr.holder"))).extracting(r -> r.getAttribute("data-code")).containsExactly(SHAWAN);
		browser.screenshot("budget-cockpit-county-zh.png");

		// the office: city review, the leading group, publication
		browser.signIn(office);
		browser.open("/budget/" + YEAR + "/allocation?version=1");
		step("市级审核通过");
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("领导小组审批");
		step("领导小组 2071-01-05 会议同意");
		assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("已发布");
		assertThat(browser.findAll(By.cssSelector("tr.step"))).hasSize(4);
		assertThat(browser.findAll(By.id("step-form"))).isEmpty();
		browser.screenshot("budget-allocation-zh.png");
		browser.open("/budget/" + YEAR + "/allocation?version=1&lang=en");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Budget allocation workspace " + YEAR));
		browser.screenshot("budget-allocation-en.png");

		// 5. the cockpit: the identity, the counties, the chart, zh and en
		browser.open("/budget/" + YEAR + "?lang=zh_CN");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(YEAR + " 年碳预算驾驶舱");
		assertThat(browser.find(By.id("identity")).getAttribute("data-holds")).isEqualTo("true");
		assertThat(browser.findAll(By.cssSelector("#holders tr.holder"))).hasSize(11);
		assertThat(browser.findAll(By.cssSelector("td.no-execution"))).hasSize(11);
		browser.awaitCanvas("#budget-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("budget-cockpit-zh.png");
		// the Excel export, fetched in the signed-in session, opens with POI and holds the page's budgets
		String base64 = (String) browser.driver().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				fetch(document.getElementById('export').href).then(function (r) { return r.arrayBuffer(); }).then(function (b) {
				  var s = ''; new Uint8Array(b).forEach(function (x) { s += String.fromCharCode(x); }); done(btoa(s)); });""");
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
			Sheet holders = wb.getSheet("预算单位 Holders");
			List<WebElement> shown = browser.findAll(By.cssSelector("#holders tr.holder"));
			for (int i = 0; i < shown.size(); i++) {
				assertThat(holders.getRow(i + 1).getCell(0).getStringCellValue()).isEqualTo(shown.get(i).getAttribute("data-code"));
				assertThat(BigDecimal.valueOf(holders.getRow(i + 1).getCell(6).getNumericCellValue()))
					.isEqualByComparingTo(shown.get(i).findElement(By.cssSelector("td.budget")).getAttribute("data-value"));
			}
		}
		browser.find(By.cssSelector("tr.holder[data-code='" + SHAWAN + "'] a")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("holder-detail")));
		assertThat(browser.find(By.id("monthly-path-empty")).getText()).isEqualTo("暂无执行数据");
		browser.open("/budget/" + YEAR + "?lang=en");
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Carbon budget cockpit " + YEAR));
		browser.awaitCanvas("#budget-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("budget-cockpit-en.png");

		// the public page: the published county budgets without signing in
		browser.driver().manage().deleteAllCookies();
		browser.open("/public/budget/" + YEAR + "?lang=zh_CN");
		assertThat(browser.findAll(By.cssSelector("#holders tr.holder"))).hasSize(11);
		browser.awaitCanvas("#budget-chart canvas");
		browser.screenshot("budget-public-zh.png");
	}

	private static void type(String id, String text) {
		WebElement input = browser.find(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	private static void step(String comment) {
		type("comment", comment);
		WebElement submit = browser.find(By.id("step-submit"));
		submit.click();
		browser.waitUntil().until(ExpectedConditions.stalenessOf(submit));
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("stepped")));
	}
}
