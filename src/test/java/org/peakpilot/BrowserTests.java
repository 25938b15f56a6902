package org.peakpilot;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.monitoring.internal.AlarmRules;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The key pages in a real headless Chromium: sign-in, the cockpit in Chinese and English with its charts, an
 * indicator's history with a value entered through its form, and the public cockpit. Screenshots of each page
 * go to {@code target/screenshots/}. Without Debian's chromium and chromedriver the class is skipped, unless
 * {@code CI} is set: then it fails.
 */
// Own context: it records the city's plan values and counts an indicator's history rows
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_browser")
class BrowserTests {

	static final int INDICATORS = 31;
	static final int INDICATOR_GROUPS = 7;

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver.log");

	static boolean seeded;

	@Autowired
	PilotPlan plan;

	@Autowired
	org.peakpilot.registry.Registry registry;

	@Autowired
	org.peakpilot.platform.UserAccounts accounts;

	@Autowired
	org.peakpilot.monitoring.EnergyMonitoring monitoring;

	@Autowired
	AlarmRules alarmRules;

	/** A few values so the charts show more than empty bars. */
	@BeforeEach
	void someValues() {
		if (!seeded) {
			SystemActor.run("browser-test", () -> {
				record("1", 2024, "0.83");
				record("9", 2024, "1.2");
				record("12", 2023, "43");
				record("13", 2024, "52");
				record("16", 2024, "760");
				record("17", 2024, "25");
			});
			seeded = true;
		}
	}

	@Test
	void administratorSignsInAndReadsTheCockpitInChineseAndEnglish() {
		browser.open("/");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
		assertThat(browser.driver().getTitle()).contains("登录");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("登录");
		browser.screenshot("login-zh.png");

		browser.find(By.id("username")).sendKeys("admin");
		browser.find(By.id("password")).sendKeys(TestDatabase.ADMIN_PASSWORD);
		browser.find(By.id("login-submit")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));

		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("指标驾驶舱");
		assertThat(browser.findAll(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		assertThat(browser.findAll(By.cssSelector("section.group"))).hasSize(INDICATOR_GROUPS);
		browser.awaitCanvas(".progress-chart canvas");
		assertThat(browser.findAll(By.cssSelector(".progress-chart canvas"))).hasSizeGreaterThanOrEqualTo(INDICATOR_GROUPS);
		browser.assertNoScriptErrors();
		browser.screenshot("cockpit-zh.png");

		browser.find(By.id("lang-en")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "Indicator cockpit"));
		assertThat(browser.findAll(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		browser.awaitCanvas(".progress-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("cockpit-en.png");

		browser.open("/plan/items/12?lang=zh_CN");
		assertThat(browser.find(By.tagName("h1")).getText()).startsWith("12");
		browser.find(By.id("year")).sendKeys("2024");
		browser.find(By.id("value")).sendKeys("44");
		browser.find(By.id("sourceDocument")).sendKeys("乐山市统计年鉴 2025");
		browser.find(By.cssSelector("#record-form button[type=submit]")).click();
		browser.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "2024"));
		assertThat(browser.findAll(By.cssSelector("#history tbody tr"))).hasSize(2);
		browser.awaitCanvas("#history-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("indicator-12.png");
	}

	@Test
	void anOfficerEntersAMonthOnTheFormAndReadsItsResultsAndTheFactorLibrary() {
		Fixtures fixtures = new Fixtures(registry, accounts);
		org.peakpilot.registry.RegistryModel.Enterprise cement = fixtures.enterprise(EMEISHAN, "3011", fixtures.parkId("EMEISHAN-EDZ"));
		browser.signIn(fixtures.cityOfficer());
		browser.waitUntil().until(ExpectedConditions.urlContains("/plan/cockpit"));

		browser.open("/accounting/enterprises/" + cement.id() + "/reports/2023/6/edit?lang=zh_CN");
		// the structured form: fuel row 0, process row 6 (after six fuel rows), purchased electricity row 10
		new org.openqa.selenium.support.ui.Select(browser.find(By.name("factor0"))).selectByValue("BITUMINOUS-COAL");
		browser.find(By.name("quantity0")).sendKeys("8000");
		new org.openqa.selenium.support.ui.Select(browser.find(By.name("unit0"))).selectByValue("t");
		browser.find(By.name("quantity10")).sendKeys("6000000");
		new org.openqa.selenium.support.ui.Select(browser.find(By.name("unit10"))).selectByValue("kWh");
		new org.openqa.selenium.support.ui.Select(browser.find(By.name("method6"))).selectByValue("CLINKER|PORTLAND");
		browser.find(By.name("quantity6")).sendKeys("70000");
		browser.find(By.name("caoPct6")).sendKeys("65");
		browser.find(By.name("mgoPct6")).sendKeys("2");
		browser.find(By.name("product_CLINKER")).sendKeys("70000");
		browser.find(By.id("outputValue10kCny")).sendKeys("21000");
		browser.find(By.id("valueAdded10kCny")).sendKeys("5200");
		browser.screenshot("report-form.png");
		browser.find(By.id("save-report")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("report-lines")));
		assertThat(browser.findAll(By.cssSelector("#report-lines tbody tr"))).hasSize(3);
		assertThat(browser.find(By.id("report-lines")).getText()).contains("GRID-SICHUAN-2023");
		browser.screenshot("report.png");
		browser.find(By.id("submit-report")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.id("report-status"), "已提交"));

		browser.open("/accounting/results?year=2023&level=ENTERPRISE&verifiedOnly=false");
		browser.awaitCanvas("#results-chart canvas");
		assertThat(browser.findAll(By.cssSelector("tr.result-row"))).isNotEmpty();
		browser.screenshot("results.png");
		browser.open("/accounting/enterprises/" + cement.id() + "/results/2023?verifiedOnly=false");
		browser.awaitCanvas("#trend-chart canvas");
		browser.screenshot("enterprise-results.png");
		browser.open("/accounting/factors?lang=en");
		assertThat(browser.findAll(By.cssSelector("tr.factor-row")).size()).isGreaterThan(100);
		browser.assertNoScriptErrors();
		browser.screenshot("factors-en.png");
	}

	@Test
	void anonymousVisitorReadsThePublicCockpitAndCommitments() {
		browser.open("/public/cockpit");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/public/cockpit");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("指标驾驶舱");
		assertThat(browser.findAll(By.cssSelector("tr.item-row"))).hasSize(INDICATORS);
		assertThat(browser.findAll(By.cssSelector("form[action$='/logout']"))).isEmpty();
		assertThat(browser.find(By.cssSelector("tr.item-row a")).getAttribute("href")).contains("/public/items/");
		browser.awaitCanvas(".progress-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("public-cockpit-zh.png");

		browser.find(By.linkText("其他量化任务")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/public/commitments"));
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("其他量化任务");
		assertThat(browser.findAll(By.cssSelector("tr.item-row"))).isNotEmpty();
		browser.awaitCanvas(".progress-chart canvas");
		browser.assertNoScriptErrors();
		browser.screenshot("public-commitments-zh.png");
	}

	@Test
	void aFormPostedWithoutARequiredFieldIsTheReadable400PageInTheReadersLanguage() {
		browser.signIn("admin", TestDatabase.ADMIN_PASSWORD);
		for (String[] language : new String[][] { { "zh_CN", "请求不完整", "缺少必填项“month”。" },
				{ "en", "Incomplete request", "The required field “month” is missing." } }) {
			browser.open("/monitoring/closing?lang=" + language[0]);
			// the closing form posted with its enterprise but without its month, as a hand-made request would
			browser.script("""
					const f = document.createElement('form'); f.method = 'post'; f.action = '/monitoring/closing';
					for (const [n, v] of [['_csrf', document.querySelector('meta[name=_csrf]').content], ['enterpriseId', '1']]) {
					  const i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v; f.appendChild(i); }
					document.body.appendChild(f); f.submit();""");
			browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), language[1]));
			assertThat(browser.find(By.id("missing-parameter")).getText()).isEqualTo(language[2]);
			assertThat(browser.driver().getPageSource()).doesNotContain("\"status\"");
			browser.screenshot("error-400-" + language[0] + ".png");
		}
	}

	@Test
	void theApiDocumentationRunsUnderTheContentSecurityPolicy() {
		browser.open("/swagger-ui/index.html");
		// the first request builds the whole document (5.6 s on a loaded 2-core machine), then Swagger UI renders it
		new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60))
			.until(d -> !d.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
		browser.assertNoScriptErrors();
		browser.screenshot("api-docs.png");
	}

	@Test
	void anEnterpriseHandlesItsAlarmsAndReadsItsMonthlyClosing() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		org.peakpilot.registry.RegistryModel.Enterprise kiln = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(org.peakpilot.platform.Role.ENTERPRISE_USER, null, null, kiln.id(), java.util.Set.of());
		java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
		java.time.OffsetDateTime yesterday = java.time.LocalDate.now(beijing).minusDays(1).atStartOfDay(beijing).toOffsetDateTime();
		java.time.YearMonth last = java.time.YearMonth.now(beijing).minusMonths(1);
		java.time.OffsetDateTime tenth = last.atDay(10).atStartOfDay(beijing).toOffsetDateTime();
		String base = "/api/v1/monitoring/enterprises/" + kiln.id() + "/meters";
		long line = ((Number) com.jayway.jsonpath.JsonPath.read(browser.api("POST", base, user, """
				{"code": "L-01", "name": "2# 生料磨", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
				 "intervalMinutes": 15, "maxPerInterval": 5000}"""), "$.id")).longValue();
		browser.api("PUT", "/api/v1/monitoring/meters/" + line + "/alarm-rule", user, "{\"intervalLimit\": 100, \"dayLimit\": 250}");
		browser.api("POST", base, user, """
				{"code": "C-01", "name": "熟料线总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
				 "intervalMinutes": 60, "maxPerInterval": 1000000, "productCode": "CLINKER"}""");
		browser.api("POST", "/api/v1/monitoring/readings", user, """
				{"readings": [{"meter": "L-01", "ts": "%s", "value": 150}, {"meter": "L-01", "ts": "%s", "value": 160},
				 {"meter": "C-01", "ts": "%s", "value": 500000}, {"meter": "C-01", "ts": "%s", "value": 500000}]}"""
			.formatted(yesterday.plusMinutes(15), yesterday.plusMinutes(30), tenth.plusHours(1), tenth.plusDays(1).plusHours(1)));
		browser.api("POST", "/api/v1/monitoring/enterprises/" + kiln.id() + "/closings/" + last, user, null);
		browser.api("PUT", "/api/v1/accounting/enterprises/" + kiln.id() + "/reports/" + last.getYear() + "/" + last.getMonthValue(), user, """
				{"lines": [{"line": {"type": "ELECTRICITY", "quantity": 930000, "unit": "kWh"}}],
				 "products": [{"productCode": "CLINKER", "quantity": 1000}]}""");
		SystemActor.run("browser-test", alarmRules::evaluate);

		browser.signIn(user);
		// an enterprise user lands on its work queue, not the city cockpit
		browser.waitUntil().until(ExpectedConditions.urlContains("/work"));
		browser.find(By.linkText("告警")).click();
		browser.waitUntil().until(ExpectedConditions.textToBe(By.tagName("h1"), "能耗监测告警"));
		List<org.openqa.selenium.WebElement> rows = browser.findAll(By.cssSelector("tr.alarm-row"));
		assertThat(rows).extracting(r -> r.getAttribute("data-kind")).contains("THRESHOLD_INTERVAL", "THRESHOLD_DAY", "UNIT_ENERGY");
		assertThat(browser.find(By.cssSelector("tr.alarm-row[data-kind=UNIT_ENERGY] .reference-tag")).getText()).contains("未核实");
		browser.screenshot("alarms-zh.png");

		org.openqa.selenium.WebElement day = browser.find(By.cssSelector("tr.alarm-row[data-kind=THRESHOLD_DAY]"));
		String id = day.getAttribute("data-id");
		day.findElement(By.cssSelector("form input[name=comment]")).sendKeys("查看中");
		day.findElement(By.cssSelector("button.ack")).click();
		browser.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "已确认"));
		org.openqa.selenium.WebElement again = browser.find(By.cssSelector("tr.alarm-row[data-id='" + id + "']"));
		assertThat(again.getText()).contains("已确认", user);
		again.findElement(By.cssSelector("input[required]")).sendKeys("生料磨试车，已现场确认");
		again.findElement(By.cssSelector("button.close-alarm")).click();
		browser.waitUntil().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "已关闭"));
		assertThat(browser.find(By.cssSelector("tr.alarm-row[data-id='" + id + "']")).getText()).contains("已关闭", "生料磨试车");
		browser.assertNoScriptErrors();
		browser.screenshot("alarms-handled-zh.png");

		browser.open("/monitoring/closing?lang=en&year=" + last.getYear());
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Monthly closing: metered versus reported");
		org.openqa.selenium.WebElement closing = browser.find(By.cssSelector("tr.closing-row[data-enterprise='" + kiln.id() + "']"));
		// metered 1,000,000 kWh against 930,000 kWh reported: −7.00 %, beyond 5 %
		assertThat(closing.getAttribute("class")).contains("flagged");
		assertThat(closing.getText()).contains("-7.0%", "beyond tolerance");
		browser.assertNoScriptErrors();
		browser.screenshot("closing-en.png");
	}

	private void record(String code, int year, String value) {
		plan.record(new PilotPlan.NewObservation(code, year, new BigDecimal(value), null, "浏览器测试 browser test", null));
	}
}
