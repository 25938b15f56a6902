package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.peakpilot.budget.internal.VersionHistory.Comparison;
import org.peakpilot.budget.internal.VersionHistory.HolderDifference;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The adjustment, version and sink ledger pages (issue 12 items 6–7, ADR 0016 amendment "adjustment and sink pages,
 * the forestry role"): a county officer files a transfer by form post and sees only its county; the city approves on
 * the page and version n+1 appears in the history, the comparison and its Excel export; outside the window the form
 * is not offered and a forged post is refused naming the months; the forestry officer records a sink entry with a PDF
 * and reaches nothing else. Expected figures are computed here from the published budgets. A real Chromium takes
 * screenshots of the adjustment page and the sink ledger in zh and en ({@code target/screenshots/budget-*.png}).
 */
// Own context: a movable clock puts the pages inside or outside the adjustment windows (July and October, Beijing)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2027-07-15T02:00:00Z", "peakpilot.test.schema=pp_budget_pages" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class BudgetAdjustmentPagesTests {


	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-budget-pages.log");

	static Instant july() {
		return LocalDateTime.of(2027, 7, 15, 10, 0).atZone(MovableClock.BEIJING).toInstant();
	}

	static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	/** July 15th, 2027, 10:00 Beijing at the start and before each test (the property peakpilot.test.clock). */
	@Autowired
	MovableClock now;

	RequestPostProcessor office;

	@BeforeEach
	void inJuly() {
		now.set(july());
		office = basic(fixtures.cityOfficer());
	}

	ResultActions api(RequestPostProcessor who, String url, String body) throws Exception {
		return new BudgetFixtures(mvc).post(who, url, body);
	}

	/** Version 1 of the year, published, allocated by GDP to Shizhong, Shawan and Wutongqiao; its budgets by code. */
	Map<String, BigDecimal> publish(int year) throws Exception {
		String json = new BudgetFixtures(mvc).publish(office, year, BudgetAdjustmentApiTests.DRAFT).andReturn().getResponse()
			.getContentAsString();
		Map<String, BigDecimal> budgets = new LinkedHashMap<>();
		for (String code : List.of(SHIZHONG, SHAWAN, WUTONGQIAO)) {
			budgets.put(code, BudgetFixtures.budget(json, code));
		}
		return budgets;
	}

	MvcResult page(String user, String path) throws Exception {
		return mvc.perform(get(path).with(fixtures.as(user))).andExpect(status().isOk()).andReturn();
	}

	@SuppressWarnings("unchecked")
	static List<InputError> errors(MvcResult result) {
		return (List<InputError>) result.getFlashMap().get("errors");
	}

	@Test
	void aCountyOfficerFilesATransferOnThePageAndSeesOnlyItsCounty() throws Exception {
		int year = 2060;
		publish(year);
		String shawan = fixtures.countyOfficer(SHAWAN);
		String shizhong = fixtures.countyOfficer(SHIZHONG);

		String form = page(shawan, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		// it gives from its own county only; it may give to another county
		String from = form.substring(form.indexOf("id=\"fromCode\""), form.indexOf("</select>", form.indexOf("id=\"fromCode\"")));
		assertThat(from).contains("value=\"" + SHAWAN + "\"").doesNotContain("value=\"" + SHIZHONG + "\"", "value=\"" + WUTONGQIAO + "\"");
		String to = form.substring(form.indexOf("id=\"toCode\""), form.indexOf("</select>", form.indexOf("id=\"toCode\"")));
		assertThat(to).contains("value=\"" + WUTONGQIAO + "\"", "沙湾区", "五通桥区");
		assertThat(form).contains("id=\"adjustment-form\"").doesNotContain("value=\"GDP_REVISION\"");

		MvcResult filed = mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf())
				.param("kind", "TRANSFER").param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "1500")
				.param("reason", "沙湾区水泥 2 号线关停 · cement line 2 closed"))
			.andExpect(status().is3xxRedirection()).andReturn();
		long id = ((Number) filed.getFlashMap().get("filed")).longValue();
		assertThat(jdbc.sql("SELECT kind || ' ' || from_code || ' ' || to_code || ' ' || amount_t::int || ' ' || filed_by FROM budget_adjustment WHERE id = :id")
			.param("id", id).query(String.class).single()).isEqualTo("TRANSFER " + SHAWAN + " " + WUTONGQIAO + " 1500 " + shawan);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.adjustment-filed' AND entity_id = :id AND actor = :a")
			.param("id", String.valueOf(id)).param("a", shawan).query(Long.class).single()).isEqualTo(1);

		// the city files one for Shizhong: Shawan's officer does not see it, Shizhong's does not see Shawan's
		api(office, "/api/v1/budget/years/" + year + "/adjustments", """
				{"kind": "RESERVE_DRAW", "to_code": "511102", "amount_t": 700, "reason": "市中区重大项目 · Shizhong's project"}""")
			.andExpect(status().isCreated());
		String shawansList = page(shawan, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		assertThat(shawansList).contains("adjustment-" + id, "沙湾区水泥 2 号线关停").doesNotContain("市中区重大项目");
		String shizhongsList = page(shizhong, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		assertThat(shizhongsList).contains("市中区重大项目").doesNotContain("沙湾区水泥 2 号线关停");
		// no review buttons for a county officer, and a forged review is 403
		assertThat(shawansList).doesNotContain("class=\"decide\"");
		mvc.perform(post("/budget/" + year + "/adjustments/" + id + "/review").with(fixtures.as(shawan)).with(csrf()))
			.andExpect(status().isForbidden());

		// a forged post for another county's holder: 403, nothing filed
		long before = jdbc.sql("SELECT count(*) FROM budget_adjustment").query(Long.class).single();
		mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHIZHONG).param("toCode", SHAWAN).param("amount", "100").param("reason", "forged"))
			.andExpect(status().isForbidden());
		// bad input goes back to the form naming the field, never a 500
		MvcResult letters = mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "lots").param("reason", "x"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/budget/" + year + "/adjustments")).andReturn();
		assertThat(errors(letters)).extracting(InputError::field).contains("amount");
		MvcResult huge = mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "1e40").param("reason", "y".repeat(2001)))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("reason", "y".repeat(2001))).andReturn();
		assertThat(errors(huge)).extracting(InputError::field).contains("amount_t", "reason");
		MvcResult tooMuch = mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "999999999").param("reason", "z"))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(errors(tooMuch)).extracting(InputError::field).contains("amount_t");
		assertThat(jdbc.sql("SELECT count(*) FROM budget_adjustment").query(Long.class).single()).isEqualTo(before);
		// the refused form shows its errors and what was entered
		String again = mvc.perform(get("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).cookie(Fixtures.session(tooMuch)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(again).contains("id=\"errors\"", "data-field=\"amount_t\"", "value=\"999999999\"");
	}

	@Test
	void theCityApprovesOnThePageAndVersionTwoIsInTheHistoryTheComparisonAndItsWorkbook() throws Exception {
		int year = 2061;
		Map<String, BigDecimal> v1 = publish(year);
		String city = fixtures.cityOfficer();
		String shawan = fixtures.countyOfficer(SHAWAN);
		mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "2500").param("reason", "cement line closed"))
			.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("SELECT id FROM budget_adjustment WHERE year = :y").param("y", year).query(Long.class).single();

		String list = page(city, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		assertThat(list).contains("class=\"decide\"", "/budget/" + year + "/adjustments/" + id + "/review");
		mvc.perform(post("/budget/" + year + "/adjustments/" + id + "/review").with(fixtures.as(city)).with(csrf()).param("comment", "市发改委同意"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("decided", id));
		mvc.perform(post("/budget/" + year + "/adjustments/" + id + "/approve").with(fixtures.as(city)).with(csrf()).param("comment", "领导小组 2027-07-20"))
			.andExpect(status().is3xxRedirection());
		// approving again: a closed request goes back to the page with the reason, not an error page
		MvcResult twice = mvc.perform(post("/budget/" + year + "/adjustments/" + id + "/approve").with(fixtures.as(city)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		@SuppressWarnings("unchecked")
		List<InputError> closed = (List<InputError>) twice.getFlashMap().get("decisionErrors");
		assertThat(closed).singleElement().satisfies(e -> assertThat(e.message()).contains("APPROVED and closed"));
		// a rejection needs a comment
		long other = ((Number) JsonPath.read(api(office, "/api/v1/budget/years/" + year + "/adjustments", """
				{"kind": "POOL_DRAW", "to_code": "511102", "amount_t": 10, "reason": "test"}""").andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		MvcResult bare = mvc.perform(post("/budget/" + year + "/adjustments/" + other + "/reject").with(fixtures.as(city)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(bare.getFlashMap().get("decisionErrors")).asList().extracting(e -> ((InputError) e).field()).contains("comment");
		String shown = mvc.perform(get("/budget/" + year + "/adjustments").with(fixtures.as(city)).cookie(Fixtures.session(bare)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(shown).contains("id=\"decision-errors\"");

		String after = page(city, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		assertThat(after).contains("data-status=\"APPROVED\"", "市发改委同意", "领导小组 2027-07-20", "第 2 版", "2027-07-15 10:00");

		MvcResult versions = page(city, "/budget/" + year + "/versions");
		String html = versions.getResponse().getContentAsString();
		assertThat(html).contains("id=\"version-1\"", "id=\"version-2\"", "#" + id);
		Comparison c = (Comparison) versions.getModelAndView().getModel().get("comparison");
		assertThat(c.from()).isEqualTo(1);
		assertThat(c.to()).isEqualTo(2);
		Map<String, BigDecimal> expected = Map.of(SHIZHONG, v1.get(SHIZHONG), SHAWAN, v1.get(SHAWAN).subtract(new BigDecimal(2500)),
				WUTONGQIAO, v1.get(WUTONGQIAO).add(new BigDecimal(2500)));
		for (HolderDifference h : c.holders()) {
			assertThat(h.budgetFrom()).isEqualByComparingTo(v1.get(h.code()));
			assertThat(h.budgetTo()).as(h.code()).isEqualByComparingTo(expected.get(h.code()));
		}
		assertThat(c.total().difference()).isZero();

		// the county officer sees its county's holder in the comparison, not the others
		Comparison countyView = (Comparison) page(shawan, "/budget/" + year + "/versions?from=1&to=2").getModelAndView().getModel().get("comparison");
		assertThat(countyView.holders()).extracting(HolderDifference::code).containsExactly(SHAWAN);
		// htmx swaps the comparison alone
		String fragment = mvc.perform(get("/budget/" + year + "/versions/compare?from=2&to=1").header("HX-Request", "true").with(fixtures.as(city)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).startsWith("<div id=\"comparison\"").doesNotContain("<html");

		byte[] xlsx = mvc.perform(get("/budget/" + year + "/versions/compare.xlsx?from=1&to=2").with(fixtures.as(city)).locale(java.util.Locale.SIMPLIFIED_CHINESE))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet cityFigures = wb.getSheetAt(0);
			assertThat(cityFigures.getRow(1).getCell(0).getStringCellValue()).isEqualTo("预算总量");
			assertThat(cityFigures.getRow(1).getCell(3).getNumericCellValue()).isZero();
			Sheet holders = wb.getSheetAt(1);
			assertThat(holders.getLastRowNum()).isEqualTo(3);
			for (int r = 1; r <= 3; r++) {
				Row row = holders.getRow(r);
				String code = row.getCell(0).getStringCellValue();
				double a = v1.get(code).doubleValue();
				double b = expected.get(code).doubleValue();
				assertThat(row.getCell(4).getNumericCellValue()).as(code).isEqualTo(a);
				assertThat(row.getCell(5).getNumericCellValue()).as(code).isEqualTo(b);
				assertThat(row.getCell(6).getNumericCellValue()).as(code).isEqualTo(b - a);
			}
			assertThat(holders.getRow(2).getCell(1).getStringCellValue()).isEqualTo("沙湾区");
		}
	}

	@Test
	void outsideTheWindowTheFormIsNotOfferedAndAForgedPostIsRefusedNamingTheMonths() throws Exception {
		int year = 2062;
		publish(year);
		String shawan = fixtures.countyOfficer(SHAWAN);
		now.set(LocalDateTime.of(2027, 8, 3, 9, 0).atZone(MovableClock.BEIJING).toInstant());
		String zh = page(shawan, "/budget/" + year + "/adjustments").getResponse().getContentAsString();
		assertThat(zh).contains("id=\"window-closed\"", "7月、10月").doesNotContain("id=\"adjustment-form\"");
		String en = mvc.perform(get("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("July, October").doesNotContain("id=\"adjustment-form\"");

		MvcResult forged = mvc.perform(post("/budget/" + year + "/adjustments").with(fixtures.as(shawan)).with(csrf()).param("kind", "TRANSFER")
				.param("fromCode", SHAWAN).param("toCode", WUTONGQIAO).param("amount", "100").param("reason", "forged in August"))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(errors(forged)).singleElement().satisfies(e -> assertThat(e.message()).contains("months 7, 10", "month 8"));
		assertThat(jdbc.sql("SELECT count(*) FROM budget_adjustment WHERE year = :y").param("y", year).query(Long.class).single()).isZero();
	}

	@Test
	void theAdministratorCreatesAForestryOfficerOnTheUserForm() throws Exception {
		String form = page("admin", "/admin/users/new").getResponse().getContentAsString();
		assertThat(form).contains("value=\"FORESTRY_OFFICER\"", "林业部门人员");
		mvc.perform(post("/admin/users").with(fixtures.as("admin")).with(csrf()).param("username", "lin-ye-ju-1").param("displayName", "林业局 张三")
				.param("password", "forestry-password-1").param("role", "FORESTRY_OFFICER").param("countyCode", SHAWAN).param("enabled", "true"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/users"));
		// no county kept for it: the forestry officer reads the whole city's ledger
		assertThat(jdbc.sql("SELECT role || ' ' || coalesce(county_code, '-') FROM app_user WHERE username = 'lin-ye-ju-1'").query(String.class).single())
			.isEqualTo("FORESTRY_OFFICER -");
		String list = page("admin", "/admin/users").getResponse().getContentAsString();
		assertThat(list).contains("lin-ye-ju-1", "林业部门人员");
	}

	@Test
	void theForestryOfficerRecordsAnEntryWithAPdfAndReachesNothingElse() throws Exception {
		String forestry = fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		assertThat(jdbc.sql("SELECT role FROM app_user WHERE username = :u").param("u", forestry).query(String.class).single())
			.isEqualTo("FORESTRY_OFFICER");
		// lands on the ledger, whose menu has the ledger only
		mvc.perform(get("/").with(fixtures.as(forestry))).andExpect(redirectedUrl("/budget/sinks"));
		String ledger = page(forestry, "/budget/sinks?year=2027").getResponse().getContentAsString();
		assertThat(ledger).contains("id=\"sink-form\"", "id=\"nav-sinks\"").doesNotContain("nav-work", "/plan/cockpit", "/registry");

		MvcResult recorded = mvc.perform(multipart("/budget/sinks").file(new MockMultipartFile("file", "峨眉山森林碳汇核证.pdf", "application/pdf", PDF))
				.param("countyCode", MUCHUAN).param("year", "2027").param("increment", "12500.5").param("verifiedOn", "2027-03-15")
				.param("verifiedBy", "四川省林业科学研究院").with(fixtures.as(forestry)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		long id = ((Number) recorded.getFlashMap().get("recorded")).longValue();
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF));
		assertThat(jdbc.sql("SELECT entered_by || ' ' || entered_role || ' ' || document_sha256 || ' ' || increment_t FROM budget_sink_entry WHERE id = :id")
			.param("id", id).query(String.class).single()).isEqualTo(forestry + " FORESTRY_OFFICER " + sha + " 12500.5");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.sink-recorded' AND entity_id = :id AND actor = :a")
			.param("id", String.valueOf(id)).param("a", forestry).query(Long.class).single()).isEqualTo(1);
		String shown = page(forestry, "/budget/sinks?year=2027").getResponse().getContentAsString();
		assertThat(shown).contains("sink-" + id, "12,500.5", "峨眉山森林碳汇核证.pdf", sha.substring(0, 16), "林业部门录入");
		byte[] download = mvc.perform(get("/budget/sinks/" + id + "/document").with(fixtures.as(forestry))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(download).isEqualTo(PDF);
		// a correction is a negative entry naming what it corrects
		mvc.perform(multipart("/budget/sinks").param("countyCode", MUCHUAN).param("year", "2027").param("increment", "-500")
				.param("correctsEntryId", String.valueOf(id)).param("verifiedOn", "2027-04-01").param("verifiedBy", "四川省林业科学研究院")
				.param("referenceNumber", "乐市林发〔2027〕13号").with(fixtures.as(forestry)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(page(forestry, "/budget/sinks?year=2027").getResponse().getContentAsString()).contains("更正条目 #" + id, "12,000.5");
		// refused input back on the form with its field
		MvcResult bad = mvc.perform(multipart("/budget/sinks").file(new MockMultipartFile("file", "x.exe", "application/pdf", "MZ....".getBytes()))
				.param("countyCode", "999999").param("year", "2027").param("increment", "5").param("verifiedOn", "2027-03-15")
				.param("verifiedBy", "x").with(fixtures.as(forestry)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/budget/sinks")).andReturn();
		assertThat(errors(bad)).extracting(InputError::field).contains("county_code", "file");

		// the API: record, list and download, nothing else
		RequestPostProcessor api = basic(forestry);
		mvc.perform(multipart("/api/v1/budget/sinks").file(new MockMultipartFile("file", "b.pdf", "application/pdf", PDF)).param("county_code", SHAWAN)
				.param("year", "2027").param("increment_t", "300").param("verified_on", "2027-03-20").param("verified_by", "林业局").with(api))
			.andExpect(status().isCreated());
		String listed = mvc.perform(get("/api/v1/budget/sinks?year=2027").with(api)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		List<String> counties = JsonPath.read(listed, "$[*].county_code");
		assertThat(counties).contains(MUCHUAN, SHAWAN);
		mvc.perform(get("/api/v1/budget/sinks/" + id + "/document").with(api)).andExpect(status().isOk());
		for (String path : List.of("/api/v1/budget/years/2027", "/api/v1/budget/years/2027/versions", "/api/v1/budget/years/2027/versions/1/sink-credit",
				"/api/v1/budget/years/2027/adjustments", "/api/v1/registry/enterprises", "/api/v1/platform/users", "/api/v1/accounting/inventory/2025")) {
			mvc.perform(get(path).with(api)).andExpect(result -> assertThat(result.getResponse().getStatus()).as(path).isEqualTo(403));
		}
		mvc.perform(post("/api/v1/budget/allocations/preview").with(api).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		// pages: its account, and nothing else
		page(forestry, "/account");
		for (String path : List.of("/work", "/plan/cockpit", "/registry", "/registry/enterprises", "/accounting/reports", "/accounting/results",
				"/monitoring", "/budget", "/budget/2027", "/budget/2027/allocation", "/budget/2027/adjustments", "/budget/2027/versions", "/admin/users")) {
			mvc.perform(get(path).with(fixtures.as(forestry))).andExpect(result -> assertThat(result.getResponse().getStatus()).as(path).isEqualTo(403));
		}

		// a city role records too (for the forestry bureau); a county officer reads its county's entries only and records nothing
		String city = fixtures.cityOfficer();
		mvc.perform(multipart("/budget/sinks").param("countyCode", SHAWAN).param("year", "2027").param("increment", "40")
				.param("verifiedOn", "2027-05-01").param("verifiedBy", "林业局").param("referenceNumber", "乐市林发〔2027〕20号")
				.with(fixtures.as(city)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		String shawan = fixtures.countyOfficer(SHAWAN);
		String countyPage = page(shawan, "/budget/sinks?year=2027").getResponse().getContentAsString();
		assertThat(countyPage).contains("乐市林发〔2027〕20号", "市级人员代林业局录入").doesNotContain("峨眉山森林碳汇核证.pdf", "id=\"sink-form\"");
		mvc.perform(multipart("/budget/sinks").param("countyCode", SHAWAN).param("year", "2027").param("increment", "40")
				.param("verifiedOn", "2027-05-01").param("verifiedBy", "x").param("referenceNumber", "y").with(fixtures.as(shawan)).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/budget/sinks/" + id + "/document").with(fixtures.as(shawan))).andExpect(status().isNotFound());
	}

	@Test
	void theAdjustmentPageAndTheSinkLedgerInChromiumInChineseAndEnglish() throws Exception {
		int year = 2027;
		publish(year);
		String shawan = fixtures.countyOfficer(SHAWAN);
		browser.api("POST", "/api/v1/budget/years/" + year + "/adjustments", shawan, """
				{"kind": "CAPACITY_CLOSED", "from_code": "511111", "amount_t": 3000, "reason": "沙湾区 2 号水泥熟料线关停，产能收储 · clinker line 2 closed"}""");
		String forestry = fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		browser.api("POST", "/api/v1/budget/years/" + year + "/adjustments", fixtures.cityOfficer(), """
				{"kind": "RESERVE_DRAW", "to_code": "511112", "amount_t": 5000, "reason": "五通桥区多晶硅扩产获批 · polysilicon expansion approved"}""");

		browser.signIn(shawan);
		browser.open("/budget/" + year + "/adjustments");
		new Select(browser.find(By.id("kind"))).selectByValue("TRANSFER");
		new Select(browser.find(By.id("fromCode"))).selectByValue(SHAWAN);
		new Select(browser.find(By.id("toCode"))).selectByValue(WUTONGQIAO);
		browser.find(By.id("amount")).sendKeys("1200");
		browser.find(By.id("reason")).sendKeys("沙湾区钢铁企业减产，划转五通桥区");
		browser.find(By.id("file-submit")).click();
		browser.waitUntil().until(d -> !d.findElements(By.id("filed")).isEmpty());
		assertThat(browser.find(By.id("adjustments")).getText()).contains("单位间划转", "沙湾区", "五通桥区", "1,200", "市级审核")
			.doesNotContain("多晶硅扩产");
		browser.assertNoScriptErrors();
		browser.screenshot("budget-adjustments-zh.png");
		assertThat(ChineseTextTests.problems("budget-adjustments-zh", browser.driver().getPageSource())).isEmpty();
		browser.open("/budget/" + year + "/adjustments?lang=en");
		assertThat(browser.find(By.tagName("main")).getText()).contains("Budget adjustments 2027", "Transfer between holders", "City review");
		browser.screenshot("budget-adjustments-en.png");
		browser.open("/budget/" + year + "/adjustments?lang=zh_CN");

		// the city reviews and approves the transfer by clicks; version 2 appears in the history and the comparison
		browser.signIn(fixtures.cityOfficer());
		browser.open("/budget/" + year + "/adjustments");
		long id = jdbc.sql("SELECT max(id) FROM budget_adjustment WHERE year = :y AND kind = 'TRANSFER'").param("y", year).query(Long.class).single();
		browser.find(By.cssSelector("#adjustment-" + id + " input.comment")).sendKeys("市发改委审核同意");
		browser.find(By.cssSelector("#adjustment-" + id + " button.review")).click();
		browser.waitUntil().until(d -> !d.findElements(By.id("decided")).isEmpty());
		browser.find(By.cssSelector("#adjustment-" + id + " input.comment")).sendKeys("领导小组 2027-07-20 会议批准");
		browser.screenshot("budget-adjustments-city-zh.png");
		assertThat(ChineseTextTests.problems("budget-adjustments-city-zh", browser.driver().getPageSource())).isEmpty();
		browser.find(By.cssSelector("#adjustment-" + id + " button.approve")).click();
		browser.waitUntil().until(d -> !d.findElements(By.cssSelector("#adjustment-" + id + " a.result-version")).isEmpty());
		browser.find(By.cssSelector("#adjustment-" + id + " a.result-version")).click();
		browser.waitUntil().until(d -> !d.findElements(By.id("version-2")).isEmpty());
		assertThat(browser.find(By.cssSelector("#comparison-holders tr[data-code='" + SHAWAN + "'] td.diff")).getText()).isEqualTo("-1,200");
		new Select(browser.find(By.id("from"))).selectByValue("2");
		new Select(browser.find(By.id("to"))).selectByValue("1");
		browser.find(By.id("compare-submit")).click();
		browser.waitUntil().until(d -> d.findElement(By.cssSelector("#comparison-holders tr[data-code='" + SHAWAN + "'] td.diff")).getText().equals("1,200"));
		browser.assertNoScriptErrors();
		browser.screenshot("budget-versions-zh.png");
		assertThat(ChineseTextTests.problems("budget-versions-zh", browser.driver().getPageSource())).isEmpty();
		browser.open("/budget/" + year + "/versions?from=1&to=2&lang=en");
		browser.screenshot("budget-versions-en.png");

		browser.signIn(forestry);
		browser.open("/budget/sinks");
		browser.find(By.id("file")).sendKeys(java.nio.file.Files.write(java.nio.file.Files.createTempFile("sink", ".pdf"), PDF).toString());
		new Select(browser.find(By.id("countyCode"))).selectByValue(MUCHUAN);
		browser.find(By.id("increment")).sendKeys("86000");
		browser.script("document.getElementById('verifiedOn').value = '2027-03-15'");
		browser.find(By.id("verifiedBy")).sendKeys("四川省林业科学研究院");
		browser.find(By.id("referenceNumber")).sendKeys("乐市林发〔2027〕12号");
		browser.find(By.id("sink-submit")).click();
		browser.waitUntil().until(d -> !d.findElements(By.id("recorded")).isEmpty());
		assertThat(browser.find(By.id("sinks")).getText()).contains("沐川县", "86,000", "乐市林发〔2027〕12号", "林业部门录入");
		assertThat(browser.find(By.className("mainnav")).getText()).isEqualTo("碳汇台账\n林业碳票");
		browser.assertNoScriptErrors();
		browser.screenshot("budget-sinks-zh.png");
		assertThat(ChineseTextTests.problems("budget-sinks-zh", browser.driver().getPageSource())).isEmpty();
		browser.open("/budget/sinks?lang=en");
		assertThat(browser.find(By.tagName("main")).getText()).contains("Sink ledger 2027", "The forestry bureau");
		browser.screenshot("budget-sinks-en.png");
	}
}
