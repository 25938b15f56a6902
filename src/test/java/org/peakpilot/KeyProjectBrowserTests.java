package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.projects.internal.KeyProjectWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.JINGYAN;
import static org.peakpilot.Counties.SHIZHONG;

/**
 * The key-project library in a real headless Chromium (issue 13): the dashboard with its charts in Chinese and English,
 * the Excel import refusing a bad file row by row and taking a good one, and a project's page where progress is recorded
 * by clicks. Screenshots: {@code target/screenshots/keylib-*.png}.
 */
@PeakPilotTest
class KeyProjectBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-keylib.log");

	@Autowired
	Fixtures fixtures;

	// the same context as KeyProjectLibraryTests (the admission module's entry point is another helper's work)
	@MockitoBean
	ProjectAdmission admission;

	static String project(int domain, String county, String name, int investment, String stage, int endYear) {
		return """
				{"domain_no": %d, "county_code": "%s", "owner_name": "浏览器测试业主（虚构）", "name": "%s", "investment_10k_cny": %d,
				 "investment_completed_10k_cny": %d, "start_year": 2024, "end_year": %d, "stage": "%s",
				 "expected_tce": 2000, "expected_co2_t": 5200, "estimate_method": "可研报告（虚构）"}"""
			.formatted(domain, county, name, investment, investment / 3, endYear, stage);
	}

	Path workbook(String name, String[][] rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("x");
			Row header = sheet.createRow(0);
			for (int c = 0; c < KeyProjectWorkbook.HEADERS.length; c++) {
				header.createCell(c).setCellValue(KeyProjectWorkbook.HEADERS[c]);
			}
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					if (rows[r][c] != null) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			wb.write(out);
			Path file = Path.of("target", name).toAbsolutePath();
			Files.write(file, out.toByteArray());
			return file;
		}
	}

	@Test
	void theOfficeSeesTheDashboardImportsAndRecordsProgressByClicks() throws Exception {
		String office = fixtures.cityOfficer();
		browser.api("POST", "/api/v1/projects/key-projects", office, project(5, SHIZHONG, "浏览器测试：储能电站（虚构）", 36000, "UNDER_CONSTRUCTION", 2027));
		browser.api("POST", "/api/v1/projects/key-projects", office, project(3, EBIAN, "浏览器测试：新能源公交（虚构）", 18000, "IN_OPERATION", 2025));
		String late = browser.api("POST", "/api/v1/projects/key-projects", office, project(6, JINGYAN, "浏览器测试：建筑节能改造（虚构）", 9000, "UNDER_CONSTRUCTION", 2024));
		long lateId = ((Number) JsonPath.read(late, "$.id")).longValue();

		browser.signIn(office);
		browser.find(By.id("nav-keylib")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/projects/key"));
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("重点项目库");
		browser.awaitCanvas("#keylib-domain-chart canvas");
		browser.awaitCanvas("#keylib-county-chart canvas");
		browser.awaitCanvas("#keylib-stage-chart canvas");
		assertThat(browser.find(By.id("late-list")).getText()).contains("浏览器测试：建筑节能改造（虚构）").contains("完工年份已过");
		browser.assertNoScriptErrors();
		browser.screenshot("keylib-dashboard-zh.png");

		browser.open("/projects/key?lang=en");
		browser.awaitCanvas("#keylib-domain-chart canvas");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Key-project library");
		assertThat(browser.find(By.id("late-list")).getText()).contains("End year passed");
		browser.assertNoScriptErrors();
		browser.screenshot("keylib-dashboard-en.png");

		// the import: a bad file is refused row by row, a good one imported
		browser.open("/projects/key/import?lang=zh_CN");
		Path bad = workbook("keylib-bad.xlsx", new String[][] {
				{ "5", "井研县", "业主甲（虚构）", "浏览器导入：好行（虚构）", "8000", "2025", "2027", "在建", null, null, null, null },
				{ "12", "北京", "业主乙（虚构）", "浏览器导入：坏行（虚构）", "很多", "2025", "2024", "开工", "100", null, null, null } });
		browser.find(By.id("file")).sendKeys(bad.toString());
		browser.find(By.id("import-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		assertThat(browser.findAll(By.cssSelector(".import-error"))).hasSizeGreaterThanOrEqualTo(6);
		assertThat(browser.find(By.id("errors")).getText()).contains("第 3 行").contains("H (阶段 Stage)");
		browser.screenshot("keylib-import-errors.png");
		Path good = workbook("keylib-good.xlsx", new String[][] {
				{ "绿色农业生态", "井研县", "井研示例农业公司（虚构）", "浏览器导入：种养循环（虚构）", "6800", "2025", "2027", "在建", "900", "2400", "化肥减量测算", "1000" } });
		browser.find(By.id("file")).sendKeys(good.toString());
		browser.find(By.id("import-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("imported")));
		assertThat(browser.find(By.id("projects")).getText()).contains("浏览器导入：种养循环（虚构）").doesNotContain("浏览器导入：好行（虚构）");

		// a project's page: progress by clicks, kept in the history
		browser.open("/projects/key/" + lateId);
		browser.find(By.id("progress-completed")).clear();
		browser.find(By.id("progress-completed")).sendKeys("9000");
		new org.openqa.selenium.support.ui.Select(browser.find(By.id("progress-stage"))).selectByValue("COMPLETED");
		browser.find(By.id("progress-note")).sendKeys("浏览器测试：竣工验收（虚构）");
		browser.find(By.id("progress-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
		assertThat(browser.findAll(By.cssSelector(".history-row"))).hasSize(2);
		assertThat(browser.find(By.id("stage")).getText()).isEqualTo("建成");
		browser.find(By.id("year")).sendKeys("2026");
		browser.find(By.id("realisedCo2T")).sendKeys("3000");
		browser.find(By.id("referenceNumber")).sendKeys("浏览器测试〔2026〕1号（虚构）");
		browser.find(By.id("evidence-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("under")));
		browser.assertNoScriptErrors();
		browser.screenshot("keylib-project.png");
	}
}
