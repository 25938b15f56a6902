package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.peakpilot.admission.AdmittedProject;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.platform.Role;
import org.peakpilot.projects.internal.KeyProjectWorkbook;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The key-project library (重点项目库, issue 13, ADR 0018) through its API and pages: entering, scope (another county's
 * project is 404, an enterprise sees its own), attacks on the input, the all-or-nothing Excel import naming bad rows,
 * late and under-delivering, realised savings from the owner's verified reports computed by hand, evidence, the
 * dashboard's totals, and admitted projects marked as key projects (the admission module's entry point mocked).
 */
@PeakPilotTest
class KeyProjectLibraryTests {

	static final String BASE = "/api/v1/projects/key-projects";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	// the admission module's entry point: its bodies are another helper's work; here it answers what each test says
	@MockitoBean
	ProjectAdmission admission;

	static String project(String county, String name, String extra) {
		return """
				{"domain_no": 5, "county_code": "%s", "owner_name": "测试业主（虚构）", "name": "%s", "investment_10k_cny": 12000,
				 "investment_completed_10k_cny": 3000, "start_year": 2025, "end_year": 2028, "stage": "UNDER_CONSTRUCTION",
				 "expected_tce": 3500, "expected_co2_t": 9100, "estimate_method": "年发电量 × 电网排放因子"%s}""".formatted(county, name, extra);
	}

	ResultActions call(RequestPostProcessor who, String method, String url, String body) throws Exception {
		var req = switch (method) {
			case "GET" -> get(url);
			case "PUT" -> put(url);
			default -> post(url);
		};
		req = req.with(who);
		return mvc.perform(body == null ? req : req.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	long create(RequestPostProcessor who, String body) throws Exception {
		String json = call(who, "POST", BASE, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	long count() {
		return jdbc.sql("SELECT count(*) FROM keylib_project").query(Long.class).single();
	}

	@Test
	void theOfficeEntersAProjectAndRecordsItsProgressWithHistoryAndAudit() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		long id = create(office, project(SHAWAN, "测试光伏项目", ""));
		call(office, "GET", BASE + "/" + id, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.county_name").value("沙湾区"))
			.andExpect(jsonPath("$.domain_zh").value("能源绿色低碳转型"))
			// 3,000 ÷ 12,000 = 0.25
			.andExpect(jsonPath("$.investment_progress").value(0.25))
			.andExpect(jsonPath("$.late").isEmpty())
			.andExpect(jsonPath("$.under_delivering").value(false));
		call(office, "POST", BASE + "/" + id + "/progress", """
				{"stage": "COMPLETED", "investment_completed_10k_cny": 12000, "note": "主体完工"}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("COMPLETED")).andExpect(jsonPath("$.investment_progress").value(1));
		// more than the total, a date in the future, an unknown stage
		call(office, "POST", BASE + "/" + id + "/progress", """
				{"stage": "COMPLETED", "investment_completed_10k_cny": 12000.5, "progress_on": "2999-01-01"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("investment_completed_10k_cny", "progress_on")));
		call(office, "POST", BASE + "/" + id + "/progress", """
				{"stage": "BUILT", "investment_completed_10k_cny": 1}""").andExpect(status().isBadRequest());
		call(office, "GET", BASE + "/" + id + "/progress", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].stage").value("UNDER_CONSTRUCTION"))
			.andExpect(jsonPath("$[1].stage").value("COMPLETED")).andExpect(jsonPath("$[1].note").value("主体完工"));
		// an update that changes the stage adds a history entry
		call(office, "PUT", BASE + "/" + id, project(SHAWAN, "测试光伏项目（改）", "").replace("UNDER_CONSTRUCTION", "IN_OPERATION")
			.replace("\"investment_completed_10k_cny\": 3000", "\"investment_completed_10k_cny\": 12000")).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("测试光伏项目（改）"));
		call(office, "GET", BASE + "/" + id + "/progress", null).andExpect(jsonPath("$.length()").value(3));
		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'keylib-project' AND entity_id = :id ORDER BY id")
			.param("id", String.valueOf(id)).query(String.class).list())
			.containsExactly("keylib.project-created", "keylib.progress-recorded", "keylib.project-updated");
	}

	@Test
	void scopeKeepsCountiesToTheirOwnAndEnterprisesToTheirProjects() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		RequestPostProcessor shawan = basic(fixtures.countyOfficer(SHAWAN));
		RegistryModel.Enterprise owner = fixtures.enterprise(EMEISHAN, "3011", null);
		RequestPostProcessor ownerUser = basic(fixtures.user(Role.ENTERPRISE_USER, null, null, owner.id(), Set.of()));
		RegistryModel.Enterprise other = fixtures.enterprise(EMEISHAN, "3011", null);
		RequestPostProcessor otherUser = basic(fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of()));

		long inShawan = create(shawan, project(SHAWAN, "沙湾测试项目", ""));
		long inEmeishan = create(office, project(EMEISHAN, "峨眉山测试项目", "").replace("\"owner_name\": \"测试业主（虚构）\"",
				"\"owner_enterprise_id\": " + owner.id()));
		// the county officer: its own county's project, never another county's (404 like a project that does not exist)
		call(shawan, "GET", BASE + "/" + inShawan, null).andExpect(status().isOk());
		call(shawan, "GET", BASE + "/" + inEmeishan, null).andExpect(status().isNotFound());
		call(shawan, "PUT", BASE + "/" + inEmeishan, project(SHAWAN, "夺取", "")).andExpect(status().isNotFound());
		call(shawan, "POST", BASE + "/" + inEmeishan + "/progress", "{\"stage\": \"RESERVE\", \"investment_completed_10k_cny\": 0}")
			.andExpect(status().isNotFound());
		call(shawan, "GET", BASE + "/" + inEmeishan + "/progress", null).andExpect(status().isNotFound());
		call(shawan, "POST", BASE, project(EMEISHAN, "越界", "")).andExpect(status().isForbidden());
		// nor move its own project into another county
		call(shawan, "PUT", BASE + "/" + inShawan, project(EMEISHAN, "搬走", "")).andExpect(status().isForbidden());
		String list = call(shawan, "GET", BASE, null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(list, "$[*].county_code")).containsOnly(SHAWAN);
		// the owner enterprise reads its project, cannot change it; another enterprise sees nothing
		call(ownerUser, "GET", BASE + "/" + inEmeishan, null).andExpect(status().isOk()).andExpect(jsonPath("$.owner_name").value(owner.name()));
		String own = call(ownerUser, "GET", BASE, null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(own, "$[*].id")).containsExactly((int) inEmeishan);
		call(ownerUser, "PUT", BASE + "/" + inEmeishan, project(EMEISHAN, "改", "")).andExpect(status().isForbidden());
		call(otherUser, "GET", BASE + "/" + inEmeishan, null).andExpect(status().isNotFound());
		call(otherUser, "GET", BASE, null).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
		// others nothing: a park manager and a verifier
		RequestPostProcessor park = basic(fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of()));
		RequestPostProcessor verifier = basic(fixtures.user(Role.VERIFIER, null, null, null, Set.of(owner.id())));
		call(park, "GET", BASE, null).andExpect(status().isForbidden());
		call(verifier, "GET", BASE + "/" + inEmeishan, null).andExpect(status().isForbidden());
		call(verifier, "GET", BASE + "/dashboard", null).andExpect(status().isForbidden());
		// pages follow the same scope
		mvc.perform(get("/projects/key/" + inEmeishan).with(fixtures.as(fixtures.countyOfficer(SHAWAN)))).andExpect(status().isNotFound());
	}

	@Test
	void anAttackersInputIsRefusedFieldByFieldAndNothingIsStored() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		long before = count();
		call(office, "POST", BASE, project(SHAWAN, "x", "").replace("12000,", "1e999999999,").replace("9100", "-5")
			.replace("\"end_year\": 2028", "\"end_year\": 2024").replace("\"domain_no\": 5", "\"domain_no\": 11"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("investment_10k_cny", "expected_co2_t", "end_year",
					"domain_no")));
		call(office, "POST", BASE, project("110101", "长".repeat(201), "").replace("年发电量 × 电网排放因子", "a\\u0007b"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("county_code", "name", "estimate_method")));
		// a raw control character is not JSON at all
		call(office, "POST", BASE, project(SHAWAN, "x", "").replace("年发电量 × 电网排放因子", "a\u0007b")).andExpect(status().isBadRequest());
		call(office, "POST", BASE, project(SHAWAN, "x", "").replace("\"owner_name\": \"测试业主（虚构）\"", "\"owner_enterprise_id\": 999999999"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("owner_enterprise_id"));
		call(office, "POST", BASE, project(SHAWAN, "x", "").replace("12000,", "12000.0000001,")).andExpect(status().isBadRequest());
		call(office, "POST", BASE, "{\"domain_no\": \"five\"}").andExpect(status().isBadRequest());
		call(office, "POST", BASE, "[]").andExpect(status().isBadRequest());
		call(office, "GET", BASE + "?q=" + "x".repeat(101), null).andExpect(status().isBadRequest());
		call(office, "GET", BASE + "/99999999999", null).andExpect(status().isNotFound());
		call(office, "GET", BASE + "/abc", null).andExpect(status().isBadRequest());
		assertThat(count()).isEqualTo(before);
	}

	// ---- Excel

	static byte[] workbook(String[][] rows) throws Exception {
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
						if (rows[r][c].matches("-?\\d+(\\.\\d+)?") && c >= 4 && c != 7 && c != 10) {
							row.createCell(c).setCellValue(Double.parseDouble(rows[r][c]));
						}
						else {
							row.createCell(c).setCellValue(rows[r][c]);
						}
					}
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	ResultActions upload(RequestPostProcessor who, byte[] bytes) throws Exception {
		return mvc.perform(multipart(BASE + "/import").file(new MockMultipartFile("file", "k.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes)).with(who));
	}

	@Test
	void aGoodFileImportsEveryRowAndABadOneNothingNamingEachRowAndColumn() throws Exception {
		String officer = fixtures.cityOfficer();
		RequestPostProcessor office = basic(officer);
		RegistryModel.Enterprise owner = fixtures.enterprise(JIAJIANG, "3071", null);
		// the template names the columns the import reads
		byte[] template = call(office, "GET", BASE + "/template", null).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
			assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("领域 Domain");
			assertThat(wb.getSheetAt(0).getRow(0).getCell(10).getStringCellValue()).isEqualTo("测算方法 Method of estimate");
		}
		String[][] good = {
				{ "5", "夹江县", owner.uscc(), "夹江导入测试光伏", "8000", "2025", "2027", "在建", "1200", "3100", "可研报告", "2000" },
				{ "零碳文旅", "511181", "峨眉山导入测试业主（虚构）", "峨眉山导入测试景区", "15000.5", "2026", "2028", "储备", null, null, null, null } };
		long before = count();
		String json = upload(office, workbook(good)).andExpect(status().isCreated()).andExpect(jsonPath("$.count").value(2))
			.andReturn().getResponse().getContentAsString();
		assertThat(count()).isEqualTo(before + 2);
		long first = ((Number) JsonPath.read(json, "$.ids[0]")).longValue();
		call(office, "GET", BASE + "/" + first, null).andExpect(jsonPath("$.owner_enterprise_id").value(owner.id()))
			.andExpect(jsonPath("$.county_code").value(JIAJIANG)).andExpect(jsonPath("$.stage").value("UNDER_CONSTRUCTION"))
			.andExpect(jsonPath("$.investment_completed_10k_cny").value(2000));

		String[][] bad = {
				{ "5", "夹江县", "业主甲", "好行", "8000", "2025", "2027", "在建", null, null, null, null },
				{ "11", "北京", "业主乙", "坏行一", "abc", "2025", "2024", "开工", null, null, null, null },
				{ "5", "夹江县", "业主丙", null, "1e400", "2025.5", "2027", "在建", "100", null, null, null },
				{ "5", "夹江县", "业主丁", "超额", "100", "2025", "2027", "在建", null, null, null, "200" } };
		before = count();
		upload(office, workbook(bad)).andExpect(status().isBadRequest())
			// row 3 (the second data row): domain, county, investment, end year, stage
			.andExpect(jsonPath("$.errors[?(@.row == 3)].field").value(org.hamcrest.Matchers.containsInAnyOrder("A (领域 Domain)", "B (区县 County)",
					"E (总投资（万元）Investment (10k CNY))", "G (完工年份 End year)", "H (阶段 Stage)")))
			// row 4: no name, an investment out of range, a year that is no year, a saving without its method
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field").value(org.hamcrest.Matchers.containsInAnyOrder("D (项目名称 Name)",
					"E (总投资（万元）Investment (10k CNY))", "F (开工年份 Start year)", "K (测算方法 Method of estimate)")))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].field").value(org.hamcrest.Matchers.contains("L (已完成投资（万元）Investment completed (10k CNY))")))
			.andExpect(jsonPath("$.errors[?(@.row == 2)]").isEmpty());
		assertThat(count()).isEqualTo(before);
		// a county officer imports its county's projects only
		upload(basic(fixtures.countyOfficer(SHAWAN)), workbook(new String[][] { good[1] })).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(2)).andExpect(jsonPath("$.errors[0].field").value("B (区县 County)"));
		// not a workbook, an empty file, a wrong header, a file too large
		upload(office, "PK not really".getBytes()).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		upload(office, new byte[0]).andExpect(status().isBadRequest());
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			wb.createSheet("x").createRow(0).createCell(0).setCellValue("名称");
			wb.write(out);
			upload(office, out.toByteArray()).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].row").value(1));
		}
		upload(office, new byte[(int) KeyProjectWorkbook.MAX_BYTES + 1]).andExpect(status().isBadRequest());
		// more rows than allowed
		String[][] many = new String[KeyProjectWorkbook.MAX_ROWS + 1][];
		java.util.Arrays.fill(many, good[1]);
		upload(office, workbook(many)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		assertThat(count()).isEqualTo(before);
		// the page shows the errors on the import page
		byte[] badFile = workbook(bad);
		mvc.perform(multipart("/projects/key/import").file(new MockMultipartFile("file", "k.xlsx", "application/octet-stream", badFile))
			.with(fixtures.as(officer)).with(csrf())).andExpect(redirectedUrl("/projects/key/import"));
	}

	@Test
	void aChineseImportPageShowsABadStageInChineseWithItsRowAndColumn() throws Exception {
		String officer = fixtures.cityOfficer();
		String[][] bad = { { "5", "夹江县", "业主戊", "阶段有误", "100", "2025", "2027", "开工", null, null, null, null } };
		var flashed = mvc.perform(multipart("/projects/key/import").file(new MockMultipartFile("file", "k.xlsx", "application/octet-stream", workbook(bad)))
			.with(fixtures.as(officer)).with(csrf())).andExpect(redirectedUrl("/projects/key/import")).andReturn();
		String page = mvc.perform(get("/projects/key/import").cookie(Fixtures.session(flashed)).with(fixtures.as(officer))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		// the only data row is sheet row 2; the stage is column H
		assertThat(page).contains("第 2 行, H (阶段 Stage): “开工”不是有效的阶段，应为储备、在建、建成或投运");
	}

	// ---- late, under-delivering, savings

	@Test
	void lateAndUnderDeliveringFollowThePlanFolderThresholds() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		// end year 2024 passed, still under construction (the clock is today's, after 2024)
		long late = create(office, project(MUCHUAN, "滞后测试", "").replace("\"start_year\": 2025", "\"start_year\": 2023")
			.replace("\"end_year\": 2028", "\"end_year\": 2024"));
		call(office, "GET", BASE + "/" + late, null).andExpect(jsonPath("$.late[0]").value("END_YEAR_PASSED"));
		call(office, "GET", BASE + "?late=true&county=" + MUCHUAN, null).andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.hasItem((int) late)));
		// expected 9,100 t; 0.8 × 9,100 = 7,280 t: 7,279 is under-delivering, 7,280 is not
		long id = create(office, project(MUCHUAN, "不达预期测试", ""));
		evidence(office, id, "7279", null).andExpect(status().isCreated());
		call(office, "GET", BASE + "/" + id, null).andExpect(jsonPath("$.under_delivering").value(true))
			.andExpect(jsonPath("$.realised.realised_co2_t").value(7279));
		evidence(office, id, "7280", null).andExpect(status().isCreated());
		call(office, "GET", BASE + "/" + id, null).andExpect(jsonPath("$.under_delivering").value(false))
			.andExpect(jsonPath("$.realised.realised_co2_t").value(7280));
		call(office, "GET", BASE + "/" + id + "/savings", null).andExpect(jsonPath("$.length()").value(2));
	}

	ResultActions evidence(RequestPostProcessor who, long id, String co2, MockMultipartFile file) throws Exception {
		var req = multipart(BASE + "/" + id + "/savings").param("year", "2026").param("realised_co2_t", co2);
		if (file == null) {
			req.param("reference_number", "测试文号〔2026〕1号");
		}
		else {
			req.file(file);
		}
		return mvc.perform(req.with(who));
	}

	@Test
	void evidenceIsAReferenceOrAPdfPngJpegDocumentKeptWithItsSha256() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		long id = create(office, project(MUCHUAN, "佐证测试", ""));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 };
		String json = evidence(office, id, "100", new MockMultipartFile("file", "审核报告.png", "image/png", png)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.document_type").value("image/png")).andReturn().getResponse().getContentAsString();
		// SHA-256 of the 10 bytes above
		assertThat((String) JsonPath.read(json, "$.document_sha256")).isEqualTo(java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png)));
		long sid = ((Number) JsonPath.read(json, "$.id")).longValue();
		assertThat(call(office, "GET", BASE + "/" + id + "/savings/" + sid + "/document", null).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray()).isEqualTo(png);
		evidence(office, id, "100", new MockMultipartFile("file", "x.exe", "application/octet-stream", "MZ....".getBytes()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(multipart(BASE + "/" + id + "/savings").param("year", "2026").param("realised_co2_t", "1").with(office))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reference_number"));
		// a county officer of another county cannot reach it
		evidence(basic(fixtures.countyOfficer(SHAWAN)), id, "1", null).andExpect(status().isNotFound());
	}

	@Test
	void realisedFromAccountingIsTheOwnersVerifiedIntensityBeforeAndAfterTimesOutputAfter() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		RegistryModel.Enterprise e = fixtures.enterprise(MUCHUAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(e.id()));
		// 2024: 12 months of 500,000 kWh on 1,000 万元 each; 2025: 400,000 kWh on 1,100 万元 each; all verified
		BigDecimal co2Before = BigDecimal.ZERO;
		BigDecimal co2After = BigDecimal.ZERO;
		for (int m = 1; m <= 12; m++) {
			co2Before = co2Before.add(verified(user, verifier, e.id(), 2024, m, 500_000, 1000));
			co2After = co2After.add(verified(user, verifier, e.id(), 2025, m, 400_000, 1100));
		}
		long id = create(office, project(MUCHUAN, "核算对比测试", "").replace("\"owner_name\": \"测试业主（虚构）\"", "\"owner_enterprise_id\": " + e.id()));
		String json = call(office, "POST", BASE + "/" + id + "/savings/from-accounting", "{\"before_year\": 2024, \"after_year\": 2025}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		// by hand: I_before = Σ tCO2 2024 ÷ 12,000 万元; I_after = Σ tCO2 2025 ÷ 13,200 万元; saving = (I_before − I_after) × 13,200
		BigDecimal iBefore = co2Before.divide(new BigDecimal(12_000), MathContext.DECIMAL64);
		BigDecimal iAfter = co2After.divide(new BigDecimal(13_200), MathContext.DECIMAL64);
		BigDecimal saving = Rounding.stored(iBefore.subtract(iAfter, MathContext.DECIMAL64).multiply(new BigDecimal(13_200), MathContext.DECIMAL64));
		assertThat(saving.signum()).isPositive();
		assertThat(new BigDecimal(JsonPath.read(json, "$.realised_co2_t").toString())).isEqualByComparingTo(saving);
		assertThat(new BigDecimal(JsonPath.read(json, "$.before_co2_t").toString())).isEqualByComparingTo(co2Before);
		assertThat(new BigDecimal(JsonPath.read(json, "$.after_output_10k_cny").toString())).isEqualByComparingTo("13200");
		assertThat(new BigDecimal(JsonPath.read(json, "$.intensity_before").toString())).isEqualByComparingTo(Rounding.stored(iBefore));
		assertThat((Integer) JsonPath.read(json, "$.before_months")).isEqualTo(12);
		assertThat((String) JsonPath.read(json, "$.source")).isEqualTo("ACCOUNTING");
		// a year without 12 verified months is refused naming it; a project without an owner enterprise too
		call(office, "POST", BASE + "/" + id + "/savings/from-accounting", "{\"before_year\": 2024, \"after_year\": 2026}")
			.andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2026")));
		call(office, "POST", BASE + "/" + id + "/savings/from-accounting", "{\"before_year\": 2025, \"after_year\": 2025}")
			.andExpect(status().isBadRequest());
		long noOwner = create(office, project(MUCHUAN, "无业主企业", ""));
		call(office, "POST", BASE + "/" + noOwner + "/savings/from-accounting", "{\"before_year\": 2024, \"after_year\": 2025}")
			.andExpect(status().isUnprocessableEntity());
	}

	BigDecimal verified(String user, String verifier, long enterprise, int year, int month, long kwh, int output) throws Exception {
		String body = call(basic(user), "PUT", "/api/v1/accounting/enterprises/" + enterprise + "/reports/" + year + "/" + month, """
				{"outputValue10kCny": %d, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"}}]}""".formatted(output, kwh))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long reportId = ((Number) JsonPath.read(body, "$.id")).longValue();
		call(basic(user), "POST", "/api/v1/accounting/reports/" + reportId + "/submit", null).andExpect(status().isOk());
		call(basic(verifier), "POST", "/api/v1/accounting/reports/" + reportId + "/verify", null).andExpect(status().isOk());
		return new BigDecimal(JsonPath.read(body, "$.summary.totalCo2T").toString());
	}

	// ---- dashboard

	@Test
	void theDashboardCountsTheProjectsAgainstThePlanByDomainCountyAndStage() throws Exception {
		RequestPostProcessor office = basic(fixtures.cityOfficer());
		String before = call(office, "GET", BASE + "/dashboard", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.planned_count").value(352)).andExpect(jsonPath("$.planned_investment_10k_cny").value(29433000))
			.andExpect(jsonPath("$.by_domain.length()").value(10)).andExpect(jsonPath("$.by_county.length()").value(11))
			.andExpect(jsonPath("$.by_stage.length()").value(4)).andReturn().getResponse().getContentAsString();
		create(office, project(EMEISHAN, "总览测试一", ""));
		create(office, project(EMEISHAN, "总览测试二", "").replace("12000", "800.25").replace("3000", "0").replace("\"domain_no\": 5", "\"domain_no\": 1")
			.replace("UNDER_CONSTRUCTION", "RESERVE"));
		String after = call(office, "GET", BASE + "/dashboard", null).andReturn().getResponse().getContentAsString();
		// two projects more: 12,000 + 800.25 = 12,800.25 万元; domain 5 +12,000, domain 1 +800.25; 峨眉山市 +2
		assertThat(num(after, "$.count").subtract(num(before, "$.count"))).isEqualByComparingTo("2");
		assertThat(num(after, "$.investment_10k_cny").subtract(num(before, "$.investment_10k_cny"))).isEqualByComparingTo("12800.25");
		assertThat(num(after, "$.by_domain[?(@.key == '5')].investment_10k_cny").subtract(num(before, "$.by_domain[?(@.key == '5')].investment_10k_cny")))
			.isEqualByComparingTo("12000");
		assertThat(num(after, "$.by_domain[?(@.key == '1')].count").subtract(num(before, "$.by_domain[?(@.key == '1')].count"))).isEqualByComparingTo("1");
		assertThat(num(after, "$.by_county[?(@.key == '511181')].count").subtract(num(before, "$.by_county[?(@.key == '511181')].count")))
			.isEqualByComparingTo("2");
		assertThat(num(after, "$.by_stage[?(@.key == 'RESERVE')].count").subtract(num(before, "$.by_stage[?(@.key == 'RESERVE')].count")))
			.isEqualByComparingTo("1");
		// a county officer's dashboard holds its county only
		String county = call(basic(fixtures.countyOfficer(EMEISHAN)), "GET", BASE + "/dashboard", null).andReturn().getResponse().getContentAsString();
		assertThat(num(county, "$.count")).isEqualByComparingTo(num(after, "$.by_county[?(@.key == '511181')].count"));
		// the pages: zh by default, en on request, and the export
		String office2 = fixtures.cityOfficer();
		String zh = mvc.perform(get("/projects/key").with(fixtures.as(office2))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("重点项目库").contains("总览测试一").contains("规划 352 个");
		String en = mvc.perform(get("/projects/key?lang=en").with(fixtures.as(office2))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("Key-project library").contains("planned 352");
		mvc.perform(get("/projects/key/export").with(fixtures.as(office2))).andExpect(status().isOk());
		mvc.perform(get("/projects/key?domain=abc").with(fixtures.as(office2))).andExpect(status().isBadRequest());
	}

	static BigDecimal num(String json, String path) {
		Object v = JsonPath.read(json, path);
		if (v instanceof List<?> l) {
			v = l.get(0);
		}
		return new BigDecimal(v.toString());
	}

	// ---- admitted projects

	static AdmittedProject admitted(long id, Long enterprise) {
		return new AdmittedProject(id, "准入测试项目 " + id, JIAJIANG, null, "3071", enterprise, 2026, 2028, Cny10k.of(new BigDecimal("45000")),
				Tco2.of(new BigDecimal("120000")), Tce.of(new BigDecimal("40000")), "PASS", Instant.parse("2026-10-01T02:00:00Z"),
				Tco2.of(new BigDecimal("120000")));
	}

	@Test
	void theOfficeMarksAnAdmittedProjectAsAKeyProjectOnce() throws Exception {
		String officer = fixtures.cityOfficer();
		RequestPostProcessor office = basic(officer);
		RegistryModel.Enterprise e = fixtures.enterprise(JIAJIANG, "3071", null);
		long admissionId = 7_000_000 + System.nanoTime() % 1_000_000;
		AdmittedProject a = admitted(admissionId, e.id());
		AdmittedProject b = admitted(admissionId + 1, null);
		when(admission.admittedProject(admissionId)).thenReturn(Optional.of(a));
		when(admission.admittedProject(admissionId + 1)).thenReturn(Optional.of(b));
		when(admission.admittedProjects()).thenReturn(List.of(a, b));
		// the page lists both; the county officer may not mark
		String page = mvc.perform(get("/projects/key/admitted").with(fixtures.as(officer))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(a.name()).contains(b.name());
		call(basic(fixtures.countyOfficer(JIAJIANG)), "POST", BASE + "/from-admission/" + admissionId, "{\"domain_no\": 2}").andExpect(status().isForbidden());
		call(office, "POST", BASE + "/from-admission/" + (admissionId + 5), "{\"domain_no\": 2}").andExpect(status().isNotFound());
		call(office, "POST", BASE + "/from-admission/" + admissionId, "{\"domain_no\": 2, \"expected_co2_t\": 3100, \"estimate_method\": \"节能审查报告\"}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.admission_project_id").value(admissionId))
			.andExpect(jsonPath("$.owner_enterprise_id").value(e.id())).andExpect(jsonPath("$.investment_10k_cny").value(45000))
			.andExpect(jsonPath("$.start_year").value(2026)).andExpect(jsonPath("$.end_year").value(2028)).andExpect(jsonPath("$.stage").value("RESERVE"))
			.andExpect(jsonPath("$.county_code").value(JIAJIANG));
		call(office, "POST", BASE + "/from-admission/" + admissionId, "{\"domain_no\": 2}").andExpect(status().isConflict());
		// without an enterprise the office names the owner; without a domain nothing is stored
		call(office, "POST", BASE + "/from-admission/" + (admissionId + 1), "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("domain_no", "owner_name")));
		// the page's action, and the page no longer lists the marked ones
		mvc.perform(post("/projects/key/admitted/" + (admissionId + 1)).param("domainNo", "2").param("ownerName", "乐山示例新材料有限公司（筹）")
			.with(fixtures.as(officer)).with(csrf())).andExpect(status().is3xxRedirection());
		page = mvc.perform(get("/projects/key/admitted").with(fixtures.as(officer))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).doesNotContain(a.name()).doesNotContain(b.name());
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'keylib.project-created' AND after_state::text LIKE :n")
			.param("n", "%" + admissionId + "%").query(Long.class).single()).isPositive();
	}

	@Test
	void theFormPagesCreateAndEditAndSendRefusedInputBack() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		var as = fixtures.as(officer);
		mvc.perform(get("/projects/key/new").with(as)).andExpect(status().isOk());
		String location = mvc.perform(post("/projects/key").with(as).with(csrf()).param("domainNo", "5").param("countyCode", SHAWAN)
			.param("ownerName", "表单业主（虚构）").param("projectName", "表单测试项目").param("investment", "5000").param("startYear", "2026")
			.param("endYear", "2027").param("stage", "RESERVE")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/projects/key/");
		String page = mvc.perform(get(location).with(as)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("表单测试项目").contains("储备");
		// letters in a number field and a missing name go back to the form, nothing stored
		long before = count();
		mvc.perform(post("/projects/key").with(as).with(csrf()).param("domainNo", "5").param("countyCode", SHAWAN).param("investment", "lots"))
			.andExpect(redirectedUrl("/projects/key/new"));
		mvc.perform(post("/projects/key").with(as).with(csrf()).param("domainNo", "5").param("countyCode", SHAWAN).param("investment", "1"))
			.andExpect(redirectedUrl("/projects/key/new"));
		assertThat(count()).isEqualTo(before);
		mvc.perform(post(location + "/progress").with(as).with(csrf()).param("stage", "UNDER_CONSTRUCTION").param("completed", "1000"))
			.andExpect(redirectedUrl(location + "#progress"));
		mvc.perform(post(location + "/progress").with(as).with(csrf()).param("stage", "UNDER_CONSTRUCTION").param("completed", "9999999"))
			.andExpect(redirectedUrl(location + "#progress"));
		mvc.perform(get(location + "/edit").with(as)).andExpect(status().isOk());
		mvc.perform(get("/projects/key/import").with(as)).andExpect(status().isOk());
		mvc.perform(get("/projects/key/import").with(fixtures.as(fixtures.user(Role.ENTERPRISE_USER, null, null,
				fixtures.enterprise(SHAWAN, "3011", null).id(), Set.of())))).andExpect(status().isForbidden());
	}
}
