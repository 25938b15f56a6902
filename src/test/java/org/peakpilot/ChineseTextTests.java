package org.peakpilot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every role walks the Chinese pages with data on them (a report with coal and crude steel, alarms of each kind stored
 * with the English detail the rules write, quarantined readings, factors, the audit log): no page shows a message key,
 * an English sentence or code of a fixed list, or the factor library's internal research notes.
 */
@PeakPilotTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChineseTextTests {

	/** English a Chinese reader must not see (whole words, case-sensitive). */
	static final List<String> ENGLISH = List.of("no reading since", "intervals", "OFFLINE", "OPEN", "ACKNOWLEDGED", "CLOSED",
			"Re-check against", "BITUMINOUS", "CRUDE_STEEL", "CRUDE-STEEL", "tce per 10k", "tCO2 per 10k", "above the limit",
			"quantity", "median", "MALFORMED", "UNKNOWN_METER", "is not a known meter", "Beijing time", "readings again",
			"carbonate calcination", "calcite", "limestone", "purchased heat", "reference data", "ELECTRICITY", "NATURAL-GAS",
			"national average", "Sichuan province", "VERIFIED_SECONDARY", "report.submitted", "alarm.closed",
			// the calculator's notes as it writes them for the API
			"carbonContent", "oxidationRate", "default NCV", "measured NCV", "measured carbon content", "measured oxidation rate",
			"tce by the fuel", "grid factor", "certified green", "saturated steam", "verified-secondary", "method note");

	/** The factor library's research notes and where they were read: never on a page, not even in a title. */
	static final List<String> INTERNAL = List.of("Re-check against", "public code", "github", "adgo07", "GHGTOOL", "catalog.json",
			"szcbn.com", "reportify", "huatuo6", "tanpaifang", "transcri", "recalled", "not re-read");

	static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");
	static final Pattern RAW_KEY = Pattern.compile(
			"\\b(?:alarm|alarms|mon|factors|report|results|audit|inventory|item|plan|closing|users|col|action|nav)\\.[a-zA-Z]+(?:\\.[A-Za-z_-]+)*\\b");

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	Fixtures f;
	MeteredEnterprise steel;
	long reportId;
	long meterId;
	String verifier;
	String county;
	String office;

	@BeforeAll
	void data() throws Exception {
		f = new Fixtures(registry, accounts);
		steel = new MeteredEnterprise(mvc, f, f.enterprise(SHAWAN, "3120", null));
		verifier = f.user(Role.VERIFIER, null, null, null, Set.of(steel.id()));
		county = f.countyOfficer(SHAWAN);
		office = f.cityOfficer();
		mvc.perform(put("/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3").with(basic(steel.user))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": 12000, "valueAdded10kCny": 3000,
					 "lines": [{"line": {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1234.5678, "unit": "t"}},
					           {"line": {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh"}}],
					 "products": [{"productCode": "CRUDE_STEEL", "quantity": 5000}]}
					""")).andExpect(status().isOk());
		reportId = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + steel.id() + "/reports/2024/3")
			.with(basic(steel.user))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", reportId).with(basic(steel.user))).andExpect(status().isOk());
		meterId = steel.intervalMeter("E-ZH", "ELECTRICITY", "kWh", 15, 50000, null);
		// readings the quarantine keeps: an unknown meter and a value beyond any meter
		mvc.perform(post("/api/v1/monitoring/readings").with(steel.device()).contentType("text/csv")
			.content("meter,ts,value\nNO-SUCH,2026-11-24T10:15:00+08:00,1\nE-ZH,2026-11-24T10:15:00+08:00,1e30\n"));
		// alarms as the rules store them: English detail next to the structured columns the pages render
		Instant since = Instant.parse("2026-11-30T16:30:00Z");
		alarm("OFFLINE", meterId, since, "no reading since 2026-12-01 00:30 (Beijing time)", "83", "4", "intervals", null, null);
		alarm("THRESHOLD_INTERVAL", meterId, since.minusSeconds(900), "quantity 61000 kWh above the limit 50000 kWh per interval",
				"61000", "50000", "kWh", null, null);
		alarm("SPIKE", meterId, since.minusSeconds(1800), "quantity 40000 kWh above 30000 (median 10000, MAD 100 of the same time)",
				"40000", "30000", "kWh", null, null);
		alarm("COUNTER_JUMP", meterId, since.minusSeconds(2700), "difference 1e9 kWh since ... exceeds the meter's maximum", null,
				null, null, null, null);
		alarm("UNIT_ENERGY", null, Instant.parse("2026-09-30T16:00:00Z"),
				"转炉工序 converter (BOF) steelmaking: 1 tce ÷ 5 t = 5 kgce/t, above the baseline (基准水平)", "5", "-10", "kgce/t",
				"CRUDE_STEEL.BOF", "CRUDE_STEEL.BOF");
	}

	private void alarm(String kind, Long meter, Instant period, String detail, String observed, String threshold, String unit,
			String subject, String reference) {
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail,
				    observed, threshold, unit, subject, reference_code, reference_tag, raised_at)
				VALUES (:e, '511111', NULL, '3120', :m, :kind, :ts, :detail, CAST(:o AS numeric), CAST(:t AS numeric), :u, :s, :r,
				    CASE WHEN CAST(:r AS text) IS NULL THEN NULL ELSE 'verified-secondary' END, :ts)
				""").param("e", steel.id()).param("m", meter).param("kind", kind)
			.param("ts", java.time.OffsetDateTime.ofInstant(period, java.time.ZoneOffset.UTC)).param("detail", detail)
			.param("o", observed).param("t", threshold).param("u", unit).param("s", subject).param("r", reference).update();
	}

	@Test
	void everyRoleReadsOnlyChineseOnTheChinesePages() throws Exception {
		Map<String, List<String>> walks = new LinkedHashMap<>();
		List<String> common = List.of("/plan/cockpit", "/accounting/factors", "/accounting/factors/CARBONATE-CACO3",
				"/accounting/factors/BITUMINOUS-COAL", "/accounting/factors/HEAT-PURCHASED", "/accounting/factors/GRID-SICHUAN-2023",
				"/accounting/reports?year=2024", "/accounting/reports/" + reportId);
		walks.put(steel.user, concat(common, "/monitoring/enterprises/" + steel.id(), "/monitoring/alarms",
				"/monitoring/meters/" + meterId, "/accounting/enterprises/" + steel.id() + "/results/2024", "/account",
				"/projects/green/applications", "/projects/green/apply"));
		walks.put(verifier, concat(common, "/accounting/enterprises/" + steel.id() + "/results/2024"));
		walks.put(county, concat(common, "/monitoring/live", "/monitoring/alarms", "/monitoring/enterprises/" + steel.id(),
				"/accounting/results?year=2024"));
		walks.put(office, concat(common, "/monitoring/live", "/monitoring/alarms", "/monitoring/closing",
				"/monitoring/enterprises/" + steel.id(), "/monitoring/enterprises/" + steel.id() + "/curve",
				"/monitoring/meters/" + meterId + "/curve", "/accounting/results?year=2024", "/registry/enterprises/" + steel.id(),
				"/registry", "/registry/enterprises", "/plan/commitments", "/plan/items/1", "/plan/items/13", "/accounting/inventory",
				"/accounting/inventory/2024", "/accounting/factors?kind=GRID", "/accounting/factors/IPCC-NATURAL-GAS",
				"/projects/green", "/projects/green/applications"));
		walks.put("admin", concat(common, "/admin/audit", "/admin/users", "/monitoring/alarms"));
		List<String> problems = new ArrayList<>();
		int pages = 0;
		for (Map.Entry<String, List<String>> walk : walks.entrySet()) {
			for (String path : walk.getValue()) {
				MvcResult r = mvc.perform(get(path).with(f.as(walk.getKey()))).andReturn();
				assertThat(r.getResponse().getStatus()).as(walk.getKey() + " " + path).isEqualTo(200);
				String html = r.getResponse().getContentAsString();
				problems.addAll(path.startsWith("/admin/audit") ? auditProblems(walk.getKey() + " " + path, html)
						: problems(walk.getKey() + " " + path, html));
				pages++;
			}
		}
		assertThat(pages).isGreaterThan(50);
		assertThat(problems).isEmpty();
	}

	@Test
	void theReportFormItsLiveFiguresAndTheSavedReportNameEachDefaultInChineseWithItsCitation() throws Exception {
		String base = "/accounting/enterprises/" + steel.id() + "/reports/2024/4";
		String form = mvc.perform(get(base + "/edit").with(f.as(steel.user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(problems("form", form)).isEmpty();
		// every line leans on defaults: the fuel's NCV, carbon content and oxidation rate, raw coal by its class, saturated
		// steam, a carbonate taken as pure
		var rows = new org.springframework.util.LinkedMultiValueMap<String, String>();
		rows.add("type0", "FUEL");
		rows.add("factor0", "BITUMINOUS-COAL");
		rows.add("quantity0", "1234.5678");
		rows.add("unit0", "t");
		rows.add("type1", "FUEL");
		rows.add("factor1", "RAW-COAL");
		rows.add("coalClass1", "LIGNITE");
		rows.add("quantity1", "100");
		rows.add("unit1", "t");
		rows.add("method6", "CARBONATE|CARBONATE-CACO3");
		rows.add("quantity6", "10");
		rows.add("type10", "ELECTRICITY");
		rows.add("quantity10", "2000000");
		rows.add("unit10", "kWh");
		rows.add("type12", "HEAT");
		rows.add("quantity12", "100");
		rows.add("unit12", "t");
		rows.add("pressure12", "1");
		String figures = mvc.perform(post(base + "/calculate").params(rows).with(f.as(steel.user))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(problems("calculate", figures)).isEmpty();
		String shown = visibleText(figures);
		assertThat(shown).contains("缺省值：低位发热量 19.57 吉焦/吨（烟煤，GB/T 32151.22-2024 附录C 表C.1")
			.contains("缺省值：单位热值含碳量 28 吨碳/太焦（褐煤，").contains("缺省值：碳氧化率 93 %（烟煤，")
			.contains("缺省值：蒸汽温度 179.9 °C（未填温度").contains("缺省值：纯度×分解率 100 %（未填纯度").contains("已核（二手来源）")
			.containsPattern("\\d{1,3}(,\\d{3})+\\.\\d{2} 吨二氧化碳");
		assertThat(figures).containsPattern("title=\"[0-9]+\\.[0-9]{3,}\"");
		String location = mvc.perform(post(base).params(rows).with(f.as(steel.user))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getHeader("Location");
		for (String who : List.of(steel.user, verifier, office)) {
			String saved = mvc.perform(get(location).with(f.as(who))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
			assertThat(problems(who + " " + location, saved)).isEmpty();
			assertThat(visibleText(saved)).contains("缺省值：低位发热量 19.57 吉焦/吨（烟煤，GB/T 32151.22-2024 附录C 表C.1")
				.contains("缺省值：单位热值含碳量 28 吨碳/太焦（褐煤，");
		}
		String english = mvc.perform(get(location).param("lang", "en").with(f.as(steel.user))).andReturn().getResponse()
			.getContentAsString();
		assertThat(visibleText(english)).contains("Default: NCV 19.57");
		for (String s : INTERNAL) {
			assertThat(english.toLowerCase()).doesNotContain(s.toLowerCase());
		}
	}

	@Test
	void theAuditPageShowsAFactorsCitationAndTheRawRecordOnlyOnItsSwitch() throws Exception {
		// a factor published in a new version (same value): before and after rows carry the library's research notes
		mvc.perform(post("/api/v1/accounting/factors/CLEANED-COAL/versions").with(f.as("admin")).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"source": "[verified-secondary] GB/T 32151.22-2024 Appendix C Table C.1 as transcribed in public code; Re-check against the standard text", "changeNote": "audit page check"}
					""")).andExpect(status().isCreated());
		// only the city administrator opens the audit page
		for (String who : List.of(steel.user, verifier, county, office)) {
			assertThat(mvc.perform(get("/admin/audit").with(f.as(who))).andReturn().getResponse().getStatus()).as(who).isEqualTo(403);
		}
		String page = mvc.perform(get("/admin/audit").param("type", "factor").with(f.as("admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(auditProblems("admin /admin/audit?type=factor", page)).isEmpty();
		assertThat(visibleText(page)).contains("\"citation\" : \"GB/T 32151.22-2024 附录C 表C.1");
		// the full record as stored, behind the switch
		String raw = mvc.perform(get("/admin/audit").param("type", "factor").param("raw", "true").with(f.as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(raw).contains("as transcribed in public code").contains("id=\"audit-raw\"");
	}

	@Test
	void theAlarmsSayInChineseWhatHappened() throws Exception {
		String page = visibleText(mvc.perform(get("/monitoring/alarms").param("enterpriseId", String.valueOf(steel.id()))
			.with(f.as(office))).andReturn().getResponse().getContentAsString());
		assertThat(page).contains("自 2026-12-01 00:30（北京时间）起无读数，已中断 83 个采集周期")
			.contains("超过时段限值 50,000 千瓦时").contains("突增阈值 30,000 千瓦时").contains("转炉工序：2026-10 单位产品能耗 5 千克标准煤/吨")
			.contains("待处理");
		String quarantine = visibleText(mvc.perform(get("/monitoring/enterprises/" + steel.id()).with(f.as(steel.user))).andReturn()
			.getResponse().getContentAsString());
		assertThat(quarantine).contains("未知计量点").contains("数值超出范围");
	}

	@Test
	void codesAreShownAsNamesAndFactorsWithTheirCitation() throws Exception {
		String report = visibleText(mvc.perform(get("/accounting/reports/" + reportId).with(f.as(steel.user))).andReturn().getResponse()
			.getContentAsString());
		assertThat(report).contains("烟煤").contains("粗钢").contains("1,234.5678 吨");
		String factor = mvc.perform(get("/accounting/factors/CARBONATE-CACO3").with(f.as(steel.user))).andReturn().getResponse()
			.getContentAsString();
		assertThat(visibleText(factor)).contains("碳酸钙").contains("按化学计量计算").contains("计算值");
		String heat = visibleText(mvc.perform(get("/accounting/factors/HEAT-PURCHASED").with(f.as(steel.user))).andReturn()
			.getResponse().getContentAsString());
		assertThat(heat).contains("外购热力").contains("GB/T 32150-2025");
		String english = visibleText(mvc.perform(get("/accounting/factors/CARBONATE-CACO3").param("lang", "en").with(f.as(steel.user)))
			.andReturn().getResponse().getContentAsString());
		assertThat(english).contains("Stoichiometry");
		String search = mvc.perform(get("/accounting/factors").param("q", "碳酸钙").with(f.as(steel.user))).andReturn().getResponse()
			.getContentAsString();
		assertThat(search).contains("data-code=\"CARBONATE-CACO3\"").doesNotContain("data-code=\"BITUMINOUS-COAL\"");
	}

	@Test
	void importErrorsAreInChineseWithTheirRowAndColumn() throws Exception {
		byte[] workbook;
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(mvc.perform(
				get("/accounting/enterprises/" + steel.id() + "/reports/2023/template.xlsx").with(f.as(steel.user))).andReturn()
			.getResponse().getContentAsByteArray())); var out = new java.io.ByteArrayOutputStream()) {
			var row = wb.getSheet("活动数据 Activity").createRow(1);
			row.createCell(0).setCellValue(13);
			row.createCell(1).setCellValue("ELECTRICITY");
			row.createCell(3).setCellValue("abc");
			row.createCell(4).setCellValue("kWh");
			wb.write(out);
			workbook = out.toByteArray();
		}
		String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/accounting/reports/import")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "y.xlsx", null, workbook))
			.param("enterpriseId", String.valueOf(steel.id())).param("year", "2023").with(f.as(steel.user))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String errors = visibleText(page.substring(page.indexOf("id=\"import-errors\"")));
		assertThat(errors).contains("月份应为 1 到 12 的整数，实际为 13").contains("“abc”不是数字").contains("活动数据 Activity");
		assertThat(problems("import", page)).isEmpty();
	}

	@Test
	void theCheckFindsWhatItLooksFor() {
		assertThat(problems("x", "<p>no reading since 2026-12-01</p>")).hasSize(1);
		assertThat(problems("x", "<p>??alarm.kind.X_zh_CN??</p>")).isNotEmpty();
		assertThat(problems("x", "<p>alarms.detail</p>")).hasSize(1);
		assertThat(problems("x", "<p>规划文件夹 plan.properties</p>")).isEmpty();
		assertThat(problems("x", "<p title=\"see github adgo07/GHGTOOL\">烟煤</p>")).isNotEmpty();
		assertThat(problems("x", "<p>烟煤 GB/T 32151.22-2024</p><script>var OPEN = 1;</script>")).isEmpty();
		assertThat(problems("x", "<td class=\"mono\"><a href=\"/f\">NATURAL-GAS</a></td><td>天然气</td>")).isEmpty();
		assertThat(problems("x", "<td>NATURAL-GAS</td>")).isNotEmpty();
	}

	/**
	 * The audit page (the city administrator's alone): its texts as every page's; the recorded before/after states are
	 * data records with their field names, checked for the factor library's research notes only.
	 */
	static List<String> auditProblems(String where, String html) {
		List<String> found = problems(where, html.replaceAll("(?is)<pre class=\"json\">.*?</pre>", " "));
		for (String s : INTERNAL) {
			if (html.toLowerCase().contains(s.toLowerCase()) && found.stream().noneMatch(p -> p.endsWith("'" + s + "'"))) {
				int i = html.toLowerCase().indexOf(s.toLowerCase());
				found.add(where + ": internal note '" + s + "' in a recorded state: …"
						+ html.substring(Math.max(0, i - 300), Math.min(html.length(), i + 60)).replaceAll("\\s+", " ") + "…");
			}
		}
		return found;
	}

	static List<String> problems(String where, String html) {
		List<String> found = new ArrayList<>();
		String text = visibleText(html);
		Matcher m = MISSING_KEY.matcher(text);
		while (m.find()) {
			found.add(where + ": message key " + m.group());
		}
		m = RAW_KEY.matcher(text);
		while (m.find()) {
			if (!m.group().matches(".*\\.(properties|csv|xlsx)")) {
				// a file name the page names on purpose (plan.properties) is no message key
				found.add(where + ": raw key " + m.group());
			}
		}
		for (String s : ENGLISH) {
			if (Pattern.compile("(?<![A-Za-z_-])" + Pattern.quote(s) + "(?![A-Za-z_-])").matcher(text).find()) {
				found.add(where + ": English '" + s + "' in " + around(text, s));
			}
		}
		for (String s : INTERNAL) {
			if (html.toLowerCase().contains(s.toLowerCase())) {
				found.add(where + ": internal note '" + s + "'");
			}
		}
		return found;
	}

	private static String around(String text, String s) {
		int i = text.indexOf(s);
		return "…" + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + s.length() + 40)).replaceAll("\\s+", " ") + "…";
	}

	/**
	 * What a reader sees: the text outside scripts, styles and tags, entities decoded; codes shown as identifiers
	 * beside their names (in {@code <code>} or an element of class {@code mono}) are left out.
	 */
	static String visibleText(String html) {
		String s = html.replaceAll("(?is)<script\\b.*?</script>", " ").replaceAll("(?is)<style\\b.*?</style>", " ")
			.replaceAll("(?is)<code\\b.*?</code>", " ")
			.replaceAll("(?is)<(td|span|a|th)\\b[^>]*class=\"[^\"]*\\bmono\\b[^\"]*\"[^>]*>.*?</\\1>", " ")
			.replaceAll("(?is)<option\\b[^>]*>", " ").replaceAll("(?s)<[^>]*>", " ");
		return HtmlUtils.htmlUnescape(s).replaceAll("[ \\t\\x0B\\f\\r\\n]+", " ");
	}

	private static List<String> concat(List<String> a, String... b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(List.of(b));
		return all;
	}
}
