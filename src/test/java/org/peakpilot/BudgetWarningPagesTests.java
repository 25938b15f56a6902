package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.JINKOUHE;
import static org.peakpilot.Counties.QIANWEI;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The warning pages and each role's view (issue 12, ADR 0016 amendment "warnings pages and each role's view"): a
 * budget published for 2026 with counties, a park and enterprises; January's submitted reports make warnings, whose
 * levels the test derives from the formulas (path = B × 31/365; enterprise 80 %/95 % of B ahead of the path; county and
 * park beyond 10 % over the path). The list per role (city all, a county officer its county, a park manager its park,
 * an enterprise its own, a verifier 403), acknowledging on the page (audited, the plan shown; an empty, a 5,000-character
 * plan, a forged id answered on the form or 404, never 500), the Excel export equal to the page, the cockpits' panels
 * and "my budget".
 */
// Own context: a clock in February 2026 (January closed) and counties whose every enterprise is the test's
@SpringBootTest(properties = "peakpilot.test.schema=pp_budget_warnpages")
@AutoConfigureMockMvc
class BudgetWarningPagesTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String PARK = "QIANWEI-MABIAN-CHEM";

	@TestConfiguration
	static class ClockOfTheTest {
		@Bean
		@Primary
		Clock februaryClock() {
			return Clock.fixed(LocalDate.of(2026, 2, 10).atTime(10, 0).atZone(BEIJING).toInstant(), BEIJING);
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	/** The world the tests share (built once: the published budget, the reports, the warnings). */
	static World world;

	record World(Fixtures fixtures, String office, String jinkouheOfficer, String ebianOfficer, String parkManager, String u1, String uPark,
			String uOutside, String verifier, RegistryModel.Enterprise e1, RegistryModel.Enterprise inPark, Map<String, WarningLevel> expected,
			Map<String, BigDecimal> used) {
	}

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	/** The path to the end of January of a budget by days (no previous year): B × 31 ÷ 365. */
	static BigDecimal path(int budget) {
		return d(budget).multiply(d(31)).divide(d(365), MathContext.DECIMAL64);
	}

	/** An enterprise's level by the rule: over budget, or ahead of the path at 95 % / 80 % of it. */
	static WarningLevel enterpriseLevel(BigDecimal used, int budget) {
		BigDecimal b = d(budget);
		boolean ahead = used.compareTo(path(budget)) > 0;
		if (used.compareTo(b) > 0 || ahead && used.compareTo(b.multiply(d("0.95"))) >= 0) {
			return WarningLevel.RED;
		}
		return ahead && used.compareTo(b.multiply(d("0.80"))) >= 0 ? WarningLevel.AMBER : WarningLevel.GREEN;
	}

	/** A county's or park's level: the gap over the path, within 10 % yellow, beyond red. */
	static WarningLevel regionLevel(BigDecimal used, int budget) {
		BigDecimal over = used.subtract(path(budget));
		if (over.signum() <= 0) {
			return WarningLevel.GREEN;
		}
		return over.compareTo(path(budget).multiply(d("0.10"))) <= 0 ? WarningLevel.YELLOW : WarningLevel.RED;
	}

	ResultActions api(RequestPostProcessor who, String method, String url, String body) throws Exception {
		var req = "PUT".equals(method) ? put(url) : "GET".equals(method) ? get(url) : post(url);
		req = req.with(who);
		return mvc.perform(body == null ? req : req.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	String body(ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	/** A submitted January report of about this many tCO2 of grid electricity; returns accounting's total. */
	BigDecimal january(String user, long enterprise, BigDecimal gridPerKwh, int tonnes) throws Exception {
		long kwh = d(tonnes).divide(gridPerKwh, 0, RoundingMode.HALF_UP).longValueExact();
		String saved = body(api(basic(user), "PUT", "/api/v1/accounting/enterprises/" + enterprise + "/reports/2026/1", """
				{"lines": [{"line": {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"}}]}""".formatted(kwh)).andExpect(status().isOk()));
		long id = ((Number) JsonPath.read(saved, "$.id")).longValue();
		api(basic(user), "POST", "/api/v1/accounting/reports/" + id + "/submit", null).andExpect(status().isOk());
		return d(JsonPath.read(saved, "$.summary.totalCo2T").toString());
	}

	@BeforeEach
	void world() throws Exception {
		if (world != null) {
			return;
		}
		Fixtures fixtures = new Fixtures(registry, accounts);
		String office = fixtures.cityOfficer();
		RequestPostProcessor o = basic(office);
		long parkId = fixtures.parkId(PARK);
		RegistryModel.Enterprise e1 = fixtures.enterprise(JINKOUHE, "3011", null);
		RegistryModel.Enterprise outside = fixtures.enterprise(JINKOUHE, "3011", null);
		RegistryModel.Enterprise inPark = fixtures.enterprise(QIANWEI, "3011", parkId);
		String u1 = fixtures.user(Role.ENTERPRISE_USER, null, null, e1.id(), Set.of());
		String uPark = fixtures.user(Role.ENTERPRISE_USER, null, null, inPark.id(), Set.of());
		String uOutside = fixtures.user(Role.ENTERPRISE_USER, null, null, outside.id(), Set.of());
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(e1.id(), outside.id()));
		String parkManager = fixtures.user(Role.PARK_MANAGER, null, parkId, null, Set.of());
		String jinkouheOfficer = fixtures.countyOfficer(JINKOUHE);
		String ebianOfficer = fixtures.countyOfficer(EBIAN);

		// the published 2026 budget: counties 7,300 / 7,300 / 1,000 t, e1 1,000 t in Jinkouhe, the park 500 t in Qianwei, its enterprise 400 t
		api(o, "POST", "/api/v1/budget/years/2026/versions", """
				{"base_intensity_t_per_10k_cny": 0.62, "decline_rate": 0.035, "forecast_gdp_10k_cny": 25000000, "source": "test inputs"}""")
			.andExpect(status().isCreated());
		api(o, "POST", "/api/v1/budget/years/2026/versions/1/allocation", """
				{"method": "GDP_SHARE", "holders": [{"code": "%s", "gdp_10k_cny": 1000}, {"code": "%s", "gdp_10k_cny": 1000}, {"code": "%s", "gdp_10k_cny": 1000}]}"""
			.formatted(JINKOUHE, EBIAN, QIANWEI)).andExpect(status().isOk());
		long id = jdbc.sql("SELECT id FROM budget_version WHERE year = 2026 AND number = 1").query(Long.class).single();
		Map<String, Integer> budgets = Map.of(JINKOUHE, 7300, EBIAN, 7300, QIANWEI, 1000);
		budgets.forEach((code, t) -> jdbc.sql("UPDATE budget_holder SET budget_t = :t WHERE version_id = :id AND code = :code")
			.param("t", t).param("id", id).param("code", code).update());
		Object[][] others = { { e1.uscc(), "ENTERPRISE", JINKOUHE, 1000, null }, { PARK, "PARK", QIANWEI, 500, null },
				{ inPark.uscc(), "ENTERPRISE", PARK, 400, 280 } };
		int line = 100;
		for (Object[] h : others) {
			jdbc.sql("""
					INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t, pre_allocated_t)
					VALUES (:id, :code, :kind, :parent, :line, 0, 0, 0, :t, :pre)""").param("id", id).param("code", h[0]).param("kind", h[1])
				.param("parent", h[2]).param("line", line++).param("t", h[3]).param("pre", h[4]).update();
		}
		String v = "/api/v1/budget/years/2026/versions/1";
		api(o, "POST", v + "/advance", null).andExpect(status().isOk());
		api(basic(jinkouheOfficer), "POST", v + "/advance", null).andExpect(status().isOk());
		api(o, "POST", v + "/advance", null).andExpect(status().isOk());
		api(o, "POST", v + "/publish", null).andExpect(status().isOk());

		// January: e1 980 t, the park's enterprise 330 t (submitted, not verified); the other Jinkouhe enterprise reports nothing
		String calc = body(api(o, "POST", "/api/v1/accounting/calculations", """
				{"year": 2026, "lines": [{"type": "ELECTRICITY", "quantity": 1000000, "unit": "kWh"}]}""").andExpect(status().isOk()));
		BigDecimal g = d(JsonPath.read(calc, "$.totals.totalCo2T").toString()).divide(d(1_000_000), MathContext.DECIMAL64);
		BigDecimal e1Jan = january(u1, e1.id(), g, 980);
		BigDecimal parkJan = january(uPark, inPark.id(), g, 330);
		api(o, "POST", "/api/v1/budget/years/2026/execution/recompute", null).andExpect(status().isOk());

		Map<String, WarningLevel> expected = new LinkedHashMap<>();
		// Jinkouhe's other enterprise is missing: its 980 t is a lower bound, which proves RED (never GREEN)
		expected.put(JINKOUHE, regionLevel(e1Jan, 7300));
		expected.put(e1.uscc(), enterpriseLevel(e1Jan, 1000));
		expected.put(QIANWEI, regionLevel(parkJan, 1000));
		expected.put(PARK, regionLevel(parkJan, 500));
		expected.put(inPark.uscc(), enterpriseLevel(parkJan, 400));
		assertThat(expected.values()).containsExactly(WarningLevel.RED, WarningLevel.RED, WarningLevel.RED, WarningLevel.RED, WarningLevel.AMBER);
		world = new World(fixtures, office, jinkouheOfficer, ebianOfficer, parkManager, u1, uPark, uOutside, verifier, e1, inPark, expected,
				Map.of(e1.uscc(), e1Jan, inPark.uscc(), parkJan));
	}

	String page(String user, String url) throws Exception {
		return mvc.perform(get(url).with(world.fixtures().as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The warnings on a list page: holder code → level, in the page's order. */
	static Map<String, String> listed(String html) {
		Map<String, String> m = new LinkedHashMap<>();
		Matcher x = Pattern.compile("data-id=\"(\\d+)\" data-level=\"(\\w+)\" data-holder=\"([^\"]+)\"").matcher(html);
		while (x.find()) {
			m.put(x.group(3), x.group(2));
		}
		return m;
	}

	static List<Long> ids(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher x = Pattern.compile("class=\"card warning-item\" id=\"warning-(\\d+)\"").matcher(html);
		while (x.find()) {
			ids.add(Long.parseLong(x.group(1)));
		}
		return ids;
	}

	long warningOf(String holder) {
		return jdbc.sql("SELECT id FROM budget_warning WHERE year = 2026 AND holder_code = :h AND cleared_at IS NULL").param("h", holder)
			.query(Long.class).single();
	}

	static Map<String, String> expectedNames(Map<String, WarningLevel> expected, Set<String> holders) {
		Map<String, String> m = new LinkedHashMap<>();
		expected.forEach((h, l) -> {
			if (holders.contains(h)) {
				m.put(h, l.name());
			}
		});
		return m;
	}

	@Test
	void theCitySeesEveryWarningWithItsHolderReasonAndBeijingTimeAndFilters() throws Exception {
		String html = page(world.office(), "/budget/2026/warnings");
		assertThat(listed(html)).containsExactlyInAnyOrderEntriesOf(expectedNames(world.expected(), world.expected().keySet()));
		assertThat(html).contains("金口河区").contains("测试企业 Test enterprise").contains("红色预警").contains("橙色预警")
			.contains("预算使用达到红色比例且快于进度").contains("超出预算进度超过红色阈值");
		// raised at the recompute, shown in Beijing time (the clock: 2026-02-10 10:00 Beijing)
		assertThat(html).contains("2026-02-10 10:00");
		// the counts by level, computed from the expected levels
		Map<WarningLevel, Long> counts = new EnumMap<>(WarningLevel.class);
		world.expected().values().forEach(l -> counts.merge(l, 1L, Long::sum));
		String amber = page(world.office(), "/budget/2026/warnings?level=AMBER");
		assertThat(listed(amber)).hasSize(counts.get(WarningLevel.AMBER).intValue()).containsEntry(world.inPark().uscc(), "AMBER");
		assertThat(listed(page(world.office(), "/budget/2026/warnings?kind=PARK"))).containsOnlyKeys(PARK);
		assertThat(listed(page(world.office(), "/budget/2026/warnings?kind=COUNTY&level=RED"))).containsOnlyKeys(JINKOUHE, QIANWEI);
		assertThat(listed(page(world.office(), "/budget/2026/warnings?open=false"))).hasSize(world.expected().size());
		// English
		String en = mvc.perform(get("/budget/2026/warnings").param("lang", "en").with(world.fixtures().as(world.office())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("Carbon budget warnings 2026").contains("Acknowledge");
		// bad filters: 400, never 500
		mvc.perform(get("/budget/2026/warnings?level=PURPLE").with(world.fixtures().as(world.office()))).andExpect(status().isBadRequest());
		mvc.perform(get("/budget/2026/warnings?kind=CITY").with(world.fixtures().as(world.office()))).andExpect(status().isBadRequest());
		mvc.perform(get("/budget/1999/warnings").with(world.fixtures().as(world.office()))).andExpect(status().isBadRequest());
	}

	@Test
	void eachRoleSeesItsOwnWarningsAndNoOtherAndAVerifierNone() throws Exception {
		assertThat(listed(page(world.jinkouheOfficer(), "/budget/2026/warnings"))).containsOnlyKeys(JINKOUHE, world.e1().uscc());
		assertThat(listed(page(world.ebianOfficer(), "/budget/2026/warnings"))).isEmpty();
		assertThat(listed(page(world.parkManager(), "/budget/2026/warnings"))).containsOnlyKeys(PARK, world.inPark().uscc());
		assertThat(listed(page(world.u1(), "/budget/2026/warnings"))).containsOnlyKeys(world.e1().uscc());
		assertThat(listed(page(world.uOutside(), "/budget/2026/warnings"))).isEmpty();
		mvc.perform(get("/budget/2026/warnings").with(world.fixtures().as(world.verifier()))).andExpect(status().isForbidden());
		mvc.perform(get("/budget/2026/warnings/export").with(world.fixtures().as(world.verifier()))).andExpect(status().isForbidden());
		mvc.perform(get("/budget/warnings/summary").with(world.fixtures().as(world.verifier()))).andExpect(status().isForbidden());
		mvc.perform(get("/budget").with(world.fixtures().as(world.verifier()))).andExpect(status().isForbidden());
		mvc.perform(get("/budget/2026/warnings")).andExpect(status().is3xxRedirection());

		// another county's officer can neither see nor acknowledge Jinkouhe's warning: 404, nothing written
		long jinkouhe = warningOf(JINKOUHE);
		mvc.perform(post("/budget/2026/warnings/" + jinkouhe + "/acknowledge").with(world.fixtures().as(world.ebianOfficer())).with(csrf())
			.param("warning", "" + jinkouhe).param("action_plan", "not ours")).andExpect(status().isNotFound());
		mvc.perform(post("/budget/2026/warnings/" + jinkouhe + "/acknowledge").with(world.fixtures().as(world.uPark())).with(csrf())
			.param("warning", "" + jinkouhe).param("action_plan", "not ours")).andExpect(status().isNotFound());
		mvc.perform(post("/budget/2026/warnings/" + jinkouhe + "/acknowledge").with(world.fixtures().as(world.verifier())).with(csrf())
			.param("action_plan", "not ours")).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT acknowledged_at IS NULL FROM budget_warning WHERE id = :id").param("id", jinkouhe).query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void acknowledgingOnThePageIsAuditedAndShowsThePlanAndBadInputComesBackOnTheForm() throws Exception {
		long e1Warning = warningOf(world.e1().uscc());
		String url = "/budget/2026/warnings/" + e1Warning + "/acknowledge";
		// empty plan, 5,000 characters: back on the form with the field's error and what was typed
		MvcResult empty = mvc.perform(post(url).with(world.fixtures().as(world.u1())).with(csrf()).param("warning", "" + e1Warning)
			.param("action_plan", "  ")).andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("ackErrors")).andReturn();
		assertThat(empty.getResponse().getRedirectedUrl()).isEqualTo("/budget/2026/warnings#warning-" + e1Warning);
		String back = mvc.perform(get("/budget/2026/warnings").with(world.fixtures().as(world.u1())).cookie(Fixtures.session(empty)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(back).contains("class=\"errors ack-errors\"");
		MvcResult tooLong = mvc.perform(post(url).with(world.fixtures().as(world.u1())).with(csrf()).param("warning", "" + e1Warning)
			.param("action_plan", "x".repeat(5000))).andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("ackErrors")).andReturn();
		@SuppressWarnings("unchecked")
		List<org.peakpilot.platform.InputError> errors = (List<org.peakpilot.platform.InputError>) tooLong.getFlashMap().get("ackErrors");
		assertThat(errors).extracting(org.peakpilot.platform.InputError::field).containsExactly("action_plan");
		// a forged id: 404 (another year's, an id that does not exist), a malformed one 400
		mvc.perform(post("/budget/2026/warnings/" + Long.MAX_VALUE + "/acknowledge").with(world.fixtures().as(world.u1())).with(csrf())
			.param("action_plan", "x")).andExpect(status().isNotFound());
		mvc.perform(post("/budget/2027/warnings/" + e1Warning + "/acknowledge").with(world.fixtures().as(world.u1())).with(csrf())
			.param("action_plan", "x")).andExpect(status().isNotFound());
		// a malformed id: back on the form (the page's refused-input rule) or 400, never 500
		mvc.perform(post("/budget/2026/warnings/abc/acknowledge").with(world.fixtures().as(world.u1())).with(csrf())
			.param("action_plan", "x")).andExpect(r -> assertThat(r.getResponse().getStatus()).isIn(302, 400));
		// a malformed id: back on the form (the page's refused-input rule) or 400, never 500
		mvc.perform(post("/budget/2026/warnings/99999999999999999999/acknowledge").with(world.fixtures().as(world.u1())).with(csrf())
			.param("action_plan", "x")).andExpect(r -> assertThat(r.getResponse().getStatus()).isIn(302, 400));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.warning-acknowledged' AND entity_id = :id")
			.param("id", "" + e1Warning).query(Long.class).single()).isZero();

		// the enterprise acknowledges with its plan: audited, shown with who and when (Beijing time)
		String plan = "2 号窑降负荷运行至 3 月底 · Kiln 2 at reduced load until the end of March";
		mvc.perform(post(url).with(world.fixtures().as(world.u1())).with(csrf()).param("warning", "" + e1Warning).param("action_plan", plan))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("acknowledged", e1Warning));
		assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'budget.warning-acknowledged' AND entity_id = :id")
			.param("id", "" + e1Warning).query(String.class).list()).containsExactly(world.u1());
		String city = page(world.office(), "/budget/2026/warnings");
		String card = city.substring(city.indexOf("id=\"warning-" + e1Warning + "\""));
		int next = card.indexOf("class=\"card warning-item\"");
		card = card.substring(0, next < 0 ? card.indexOf("</main>") : next);
		assertThat(card).contains("data-state=\"ACKNOWLEDGED\"").contains(plan).contains(world.u1()).contains("2026-02-10 10:00")
			.doesNotContain("acknowledge-form");
		// once only: the second time comes back on the form (409's message), not a 500
		mvc.perform(post(url).with(world.fixtures().as(world.u1())).with(csrf()).param("warning", "" + e1Warning).param("action_plan", "again"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("ackErrors"));
		assertThat(jdbc.sql("SELECT action_plan FROM budget_warning WHERE id = :id").param("id", e1Warning).query(String.class).single()).isEqualTo(plan);
	}

	@Test
	void theExcelExportHoldsThePagesRows() throws Exception {
		for (String q : List.of("", "?level=RED", "?kind=ENTERPRISE&open=false")) {
			String html = page(world.office(), "/budget/2026/warnings" + q);
			byte[] xlsx = mvc.perform(get("/budget/2026/warnings/export" + q).with(world.fixtures().as(world.office()))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsByteArray();
			try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号 Id");
				List<Long> ids = new ArrayList<>();
				Map<String, String> levels = new LinkedHashMap<>();
				for (int r = 1; r <= sheet.getLastRowNum(); r++) {
					Row row = sheet.getRow(r);
					ids.add((long) row.getCell(0).getNumericCellValue());
					levels.put(row.getCell(1).getStringCellValue(), row.getCell(5).getStringCellValue());
					assertThat(row.getCell(8).getStringCellValue()).isEqualTo("2026-02-10 10:00");
				}
				assertThat(ids).isEqualTo(ids(html)).isNotEmpty();
				listed(html).forEach((holder, level) -> assertThat(levels.get(holder)).startsWith(level.equals("RED") ? "红色预警" : "橙色预警")
					.endsWith(level.equals("RED") ? " Red" : " Amber"));
			}
		}
		// an enterprise's export is its own rows only
		byte[] own = mvc.perform(get("/budget/2026/warnings/export").with(world.fixtures().as(world.u1()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(own))) {
			assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(1);
			assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo(world.e1().uscc());
		}
	}

	@Test
	void theCockpitsShowTheOpenWarningsByLevelThroughTheBudgetFragment() throws Exception {
		// the plan's indicator cockpit loads the budget module's fragment by htmx (no Java dependency)
		String cockpit = page(world.office(), "/plan/cockpit");
		assertThat(cockpit).contains("id=\"budget-warnings-panel\"").contains("hx-get=\"/budget/warnings/summary\"");
		assertThat(page(world.office(), "/budget/2026")).contains("hx-get=\"/budget/warnings/summary?year=2026\"");
		String fragment = page(world.office(), "/budget/warnings/summary");
		Map<WarningLevel, Long> counts = new EnumMap<>(WarningLevel.class);
		world.expected().values().forEach(l -> counts.merge(l, 1L, Long::sum));
		for (WarningLevel l : List.of(WarningLevel.RED, WarningLevel.AMBER, WarningLevel.YELLOW)) {
			assertThat(fragment).contains("data-level=\"" + l.name() + "\" data-count=\"" + counts.getOrDefault(l, 0L) + "\"");
		}
		assertThat(fragment).contains("金口河区、犍为县").contains("href=\"/budget/2026/warnings?level=RED\"")
			.doesNotContain("<html");
		// a county officer's panel counts its county's warnings only
		String county = page(world.jinkouheOfficer(), "/budget/warnings/summary?year=2026");
		long own = world.expected().entrySet().stream().filter(e -> Set.of(JINKOUHE, world.e1().uscc()).contains(e.getKey())
				&& e.getValue() == WarningLevel.RED).count();
		assertThat(county).contains("data-level=\"RED\" data-count=\"" + own + "\"").contains("data-level=\"AMBER\" data-count=\"0\"");
		mvc.perform(get("/budget/warnings/summary?year=1999").with(world.fixtures().as(world.office()))).andExpect(status().isBadRequest());
	}

	@Test
	void aParkManagerAndAnEnterpriseSeeTheirOwnBudgetAndTheWorkQueueLine() throws Exception {
		// the enterprise: only its own line, with budget, used, sources and warning; no other holder's name or code
		String mine = page(world.u1(), "/budget");
		assertThat(mine).contains("data-state=\"shown\"").contains("id=\"mine-" + world.e1().uscc() + "\"").contains("红色预警")
			.contains("已报送（未核查）").contains("data-source=\"REPORTED\"")
			.doesNotContain(world.inPark().uscc()).doesNotContain("id=\"mine-" + JINKOUHE).doesNotContain("id=\"park-enterprises\"")
			.contains("id=\"monthly-path-data\">{");
		BigDecimal used = world.used().get(world.e1().uscc());
		assertThat(mine).contains(new java.text.DecimalFormat("#,##0").format(used.setScale(0, RoundingMode.HALF_UP)));
		assertThat(page(world.u1(), "/budget/2026")).contains("id=\"mine-" + world.e1().uscc() + "\"");
		// the menu entry
		assertThat(mine).contains("id=\"nav-budget\"").contains("我的碳预算");
		// the park manager: its park's line and its enterprise's line (with its pre-allocated part)
		String park = page(world.parkManager(), "/budget");
		assertThat(park).contains("id=\"mine-" + PARK + "\"").contains("id=\"park-enterprises\"").contains("data-code=\"" + world.inPark().uscc() + "\"")
			.doesNotContain(world.e1().uscc()).contains("280");
		assertThat(page(world.parkManager(), "/budget/2026?holder=" + world.inPark().uscc())).contains("class=\"enterprise-line selected\"");
		// an enterprise the published budget does not name: said plainly
		assertThat(page(world.uOutside(), "/budget")).contains("data-state=\"notIncluded\"")
			.contains("未列入本单位");
		// a year without a published budget
		assertThat(page(world.u1(), "/budget/2030")).contains("data-state=\"notPublished\"");
		String en = mvc.perform(get("/budget").param("lang", "en").with(world.fixtures().as(world.u1()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(en).contains("My carbon budget 2026").contains(">Red<");

		// the work queue line: x % used of the budget, computed here, and the warning
		assertThat(page(world.u1(), "/work")).contains("hx-get=\"/budget/mine/summary\"");
		String line = page(world.u1(), "/budget/mine/summary");
		String share = used.divide(d(1000), 4, RoundingMode.HALF_UP).movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
		assertThat(line).contains("本年碳预算已用 " + share).contains("红色预警").contains("href=\"/budget\"");
		assertThat(page(world.uOutside(), "/budget/mine/summary")).contains("未列入本单位");
		assertThat(page(world.office(), "/budget/mine/summary")).doesNotContain("budget-mine-line");
	}
}
