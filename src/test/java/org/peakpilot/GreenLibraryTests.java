package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The green library (ADR 0018 "Green library") through its API and pages, on verified 2021 reports of industry 3072
 * (sanitary ceramics, used by no other test) with purchased electricity only, Sichuan 2021 grid factor 0.1255 t/MWh:
 * A, C and D each 1,000 MWh (400 MWh of it certified green) → 125.5 t over 1,000 万元 = 0.1255 t/万元;
 * B 4,000 MWh, no green stated → 502 t over 500 万元 = 1.004 t/万元. Industry: (3 × 125.5 + 502) ÷ 3,500 = 878.5 ÷ 3,500
 * = 0.251 t/万元. Ratios: A, C, D 0.1255 ÷ 0.251 = 0.5 < 0.6 → grade 1; B 1.004 ÷ 0.251 = 4 ≥ 1.5 → grade 5.
 * Leshan's criteria: grade ≤ 2, intensity below the industry average, green share ≥ 0.20 (A: 400,000 ÷ 1,000,000 = 0.4).
 */
@PeakPilotTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenLibraryTests {

	static final byte[] PDF = "%PDF-1.4 green library evidence".getBytes();

	@Autowired
	MockMvc mvc;

	/** Green kWh of a report need claimed green certificates (issue 15): {@link GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	Fixtures f;
	RegistryModel.Enterprise a;
	RegistryModel.Enterprise b;
	RegistryModel.Enterprise c;
	RegistryModel.Enterprise d;
	String office;
	String verifier;
	String userA;
	String userB;
	String userC;
	String userD;
	String bank;
	long listedA;

	@BeforeAll
	void reportsVerifiedAndAListed() throws Exception {
		f = new Fixtures(registry, accounts);
		office = f.cityOfficer();
		a = f.enterprise(WUTONGQIAO, "3072", null);
		c = f.enterprise(WUTONGQIAO, "3072", null);
		d = f.enterprise(WUTONGQIAO, "3072", null);
		b = f.enterprise(SHAWAN, "3072", null);
		verifier = f.user(Role.VERIFIER, null, null, null, Set.of(a.id(), b.id(), c.id(), d.id()));
		for (RegistryModel.Enterprise e : List.of(a, c, d)) {
			verified(e, 2021, "1000000", "400000", "1000");
		}
		verified(b, 2021, "4000000", null, "500");
		userA = f.user(Role.ENTERPRISE_USER, null, null, a.id(), Set.of());
		userB = f.user(Role.ENTERPRISE_USER, null, null, b.id(), Set.of());
		userC = f.user(Role.ENTERPRISE_USER, null, null, c.id(), Set.of());
		userD = f.user(Role.ENTERPRISE_USER, null, null, d.id(), Set.of());
		bank = f.user(Role.BANK, null, null, null, Set.of());
		listedA = apply(userA, enterpriseApplication());
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", listedA).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{\"comment\": \"符合入库条件\"}")).andExpect(status().isOk());
	}

	void verified(RegistryModel.Enterprise e, int year, String kwh, String greenKwh, String output) throws Exception {
		if (greenKwh != null) {
			GreenClaimFixture.claim(mvc, greenJdbc, e.id(), year, Long.parseLong(greenKwh) / 1000);
		}
		String green = greenKwh == null ? "" : ", \"greenKwh\": " + greenKwh;
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/" + year + "/1").with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": %s, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"%s}}]}
					""".formatted(output, kwh, green)))
			.andExpect(status().isOk());
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/" + year + "/1")
			.with(basic(office))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isOk());
	}

	static MockMultipartHttpServletRequestBuilder enterpriseApplication() {
		return (MockMultipartHttpServletRequestBuilder) multipart("/api/v1/projects/green/applications")
			.file(new MockMultipartFile("file", "碳效证明.pdf", "application/pdf", PDF)).param("kind", "ENTERPRISE")
			.param("description", "申请绿色企业入库");
	}

	long apply(String user, MockMultipartHttpServletRequestBuilder request) throws Exception {
		String body = mvc.perform(request.with(basic(user))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	long audits(String action, long id) {
		return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = :a AND entity_type = 'green-entry' AND entity_id = :id")
			.param("a", action).param("id", String.valueOf(id)).query(Long.class).single();
	}

	@Test
	void anEnterpriseAppliesTheOfficeApprovesAndItIsListedWithItsEvaluation() throws Exception {
		String body = mvc.perform(enterpriseApplication().with(basic(userC))).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("SUBMITTED"))
			.andExpect(jsonPath("$.enterprise_id").value(c.id()))
			.andExpect(jsonPath("$.document_sha256").value(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF))))
			.andExpect(jsonPath("$.last_evaluation.occasion").value("APPLICATION"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.outcome").value("MET"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria_version").value("leshan-2026.12-1"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.data_year").value(2021))
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(1))
			// 0.1255 < 0.251, 400,000 ÷ 1,000,000 = 0.4 ≥ 0.2
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'ENTERPRISE_INTENSITY')].figure").value(hasItem(0.1255)))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'ENTERPRISE_INTENSITY')].threshold").value(hasItem(0.251)))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'ENTERPRISE_GREEN_POWER')].figure").value(hasItem(0.4)))
			.andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		// not in the library before the office decides, for the bank neither in the list nor by id
		mvc.perform(get("/api/v1/projects/green/entries").with(basic(bank))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(not(hasItem((int) id))));
		mvc.perform(get("/api/v1/projects/green/entries/{id}", id).with(basic(bank))).andExpect(status().isNotFound());
		// a second application of the same enterprise while this one is open
		mvc.perform(enterpriseApplication().with(basic(userC))).andExpect(status().isConflict());
		// the applicant cannot decide its own application
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(userC))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("LISTED")).andExpect(jsonPath("$.listed_on").value(today))
			.andExpect(jsonPath("$.decided_by").value(office)).andExpect(jsonPath("$.last_evaluation.occasion").value("DECISION"));
		mvc.perform(get("/api/v1/projects/green/entries/{id}", id).with(basic(bank))).andExpect(status().isOk())
			.andExpect(jsonPath("$.enterprise_name").value(c.name())).andExpect(jsonPath("$.uscc").value(c.uscc()))
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(1))
			.andExpect(jsonPath("$.applied_by").doesNotExist()).andExpect(jsonPath("$.description").doesNotExist());
		assertThat(audits("projects.green-applied", id)).isEqualTo(1);
		assertThat(audits("projects.green-approved", id)).isEqualTo(1);
		mvc.perform(get("/api/v1/projects/green/applications/{id}/evaluations", id).with(basic(userC))).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].occasion").value("DECISION")).andExpect(jsonPath("$[1].occasion").value("APPLICATION"));
	}

	@Test
	void anApplicationThatMissesTheCriteriaNeedsACommentAndIsRejectedOutOfTheBanksSight() throws Exception {
		long id = apply(userB, enterpriseApplication());
		mvc.perform(get("/api/v1/projects/green/applications/{id}", id).with(basic(userB))).andExpect(status().isOk())
			// B: grade 5 > 2, 1.004 not below 0.251, no green kWh stated
			.andExpect(jsonPath("$.last_evaluation.evaluation.outcome").value("NOT_MET"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(5))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'ENTERPRISE_GREEN_POWER')].state").value(hasItem("NOT_ASSESSABLE")))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'ENTERPRISE_GREEN_POWER')].reason").value(hasItem("NO_GREEN_STATED")));
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("comment"));
		mvc.perform(post("/api/v1/projects/green/applications/{id}/reject", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{\"comment\": \"  \"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("comment"));
		mvc.perform(post("/api/v1/projects/green/applications/{id}/reject", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{\"comment\": \"碳效等级 5 级，不符合入库条件\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{\"comment\": \"x\"}")).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/projects/green/entries").with(basic(bank))).andExpect(jsonPath("$[*].id").value(not(hasItem((int) id))));
		mvc.perform(get("/api/v1/projects/green/entries/{id}", id).with(basic(bank))).andExpect(status().isNotFound());
		assertThat(audits("projects.green-rejected", id)).isEqualTo(1);
	}

	@Test
	void aReEvaluationFlagsAnEnterpriseWhoseGradeFellAndTheOfficeRemovesIt() throws Exception {
		long id = apply(userD, enterpriseApplication());
		mvc.perform(post("/api/v1/projects/green/applications/{id}/approve", id).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk());
		// D's 2022: 1,000 MWh × 0.1404 = 140.4 t over 1,000 万元 = 0.1404 t/万元, alone in 3072 in 2022: ratio 1 → grade 3 > 2
		// (listed at 1), and 0.1404 is not below the average 0.1404; 400,000 ÷ 1,000,000 = 0.4 still met
		verified(d, 2022, "1000000", "400000", "1000");
		String flagged = mvc.perform(post("/api/v1/projects/green/reevaluations").with(basic(office))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<Integer> ids = JsonPath.read(flagged, "$.flagged");
		assertThat(ids).contains((int) id).doesNotContain((int) listedA);
		mvc.perform(get("/api/v1/projects/green/applications/{id}", id).with(basic(office)))
			.andExpect(jsonPath("$.status").value("FLAGGED"))
			.andExpect(jsonPath("$.flag_reason").value(containsString("grade fell from 1 to 3 (2022)")))
			.andExpect(jsonPath("$.flag_reason").value(containsString("ENTERPRISE_INTENSITY not met: 0.1404 < 0.1404")))
			.andExpect(jsonPath("$.last_evaluation.occasion").value("REEVALUATION"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.data_year").value(2022))
			.andExpect(jsonPath("$.last_evaluation.evaluation.grade").value(3));
		// still in the library until the office decides, marked
		mvc.perform(get("/api/v1/projects/green/entries/{id}", id).with(basic(bank))).andExpect(jsonPath("$.status").value("FLAGGED"));
		mvc.perform(get("/api/v1/projects/green/applications/{id}", listedA).with(basic(office))).andExpect(jsonPath("$.status").value("LISTED"));
		mvc.perform(post("/api/v1/projects/green/entries/{id}/keep", id).with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/projects/green/entries/{id}/remove", id).with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"碳效等级由 1 级降为 3 级\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REMOVED"));
		mvc.perform(get("/api/v1/projects/green/entries/{id}", id).with(basic(bank))).andExpect(status().isNotFound());
		assertThat(audits("projects.green-flagged", id)).isEqualTo(1);
		assertThat(audits("projects.green-removed", id)).isEqualTo(1);
	}

	@Test
	void aProjectInTheCatalogueBelowTheIndustryAverageMeetsTheCriteria() throws Exception {
		// 120 t ÷ 1,500 万元 = 0.08 t/万元 < A's industry average 0.251
		mvc.perform(multipart("/api/v1/projects/green/applications").with(basic(userA)).param("kind", "PROJECT")
			.param("project_name", "屋顶分布式光伏 5 MW").param("category_code", "G4").param("investment_10k_cny", "2200")
			.param("co2_reduction_t", "3200").param("annual_co2_t", "120").param("output_value_10k_cny", "1500"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("PROJECT")).andExpect(jsonPath("$.investment_10k_cny").value(2200))
			.andExpect(jsonPath("$.last_evaluation.evaluation.outcome").value("MET"))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'PROJECT_INTENSITY')].figure").value(hasItem(0.08)))
			.andExpect(jsonPath("$.last_evaluation.evaluation.criteria[?(@.code == 'PROJECT_CATEGORY')].state").value(hasItem("MET")));
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsStored() throws Exception {
		long before = jdbc.sql("SELECT count(*) FROM projects_green_entry WHERE enterprise_id = :e").param("e", a.id()).query(Long.class).single();
		mvc.perform(multipart("/api/v1/projects/green/applications").file(new MockMultipartFile("file", "x.exe", "application/pdf", "MZ....".getBytes()))
			.with(basic(userA)).param("kind", "PROJECT").param("project_name", "长".repeat(201)).param("category_code", "G9")
			.param("investment_10k_cny", "1e30").param("co2_reduction_t", "-5").param("description", "x".repeat(2001)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("project_name")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("category_code")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("investment_10k_cny")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("co2_reduction_t")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("description")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("file")));
		byte[] huge = new byte[10 * 1024 * 1024 + 1];
		System.arraycopy(PDF, 0, huge, 0, PDF.length);
		mvc.perform(multipart("/api/v1/projects/green/applications").file(new MockMultipartFile("file", "big.pdf", "application/pdf", huge))
			.with(basic(userA)).param("kind", "ENTERPRISE")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(multipart("/api/v1/projects/green/applications").with(basic(userA)).param("kind", "FOREST"))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/projects/green/applications").with(basic(userA)).param("kind", "PROJECT")
			.param("project_name", "p").param("category_code", "G4").param("investment_10k_cny", "1e999999999").param("co2_reduction_t", "1"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("investment_10k_cny"));
		mvc.perform(get("/api/v1/projects/green/entries").param("q", "x".repeat(101)).with(basic(bank))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("SELECT count(*) FROM projects_green_entry WHERE enterprise_id = :e").param("e", a.id()).query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void aBankUserReachesTheLibraryAndNothingElse() throws Exception {
		mvc.perform(get("/api/v1/projects/green/entries").with(basic(bank))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(hasItem((int) listedA)));
		mvc.perform(get("/api/v1/projects/green/criteria").with(basic(bank))).andExpect(status().isOk())
			.andExpect(jsonPath("$.enterprise_max_grade").value(2)).andExpect(jsonPath("$.catalogue[3].code").value("G4"));
		for (String path : List.of("/api/v1/registry/enterprises", "/api/v1/registry/enterprises/" + a.id(), "/api/v1/accounting/results/2021",
				"/api/v1/accounting/enterprises/" + a.id() + "/reports/2021/1", "/api/v1/budget/years/2026", "/api/v1/budget/sinks?year=2026",
				"/api/v1/plan/indicators", "/api/v1/projects/green/applications", "/api/v1/projects/green/applications/" + listedA,
				"/api/v1/projects/green/applications/" + listedA + "/evaluations", "/api/v1/platform/users")) {
			mvc.perform(get(path).with(basic(bank))).andExpect(status().isForbidden());
		}
		mvc.perform(enterpriseApplication().with(basic(bank))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/projects/green/reevaluations").with(basic(bank))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/projects/green/entries/{id}/remove", listedA).with(basic(bank)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"x\"}")).andExpect(status().isForbidden());
		// pages: the library and the own account; everything else 403
		mvc.perform(get("/").with(f.as(bank))).andExpect(redirectedUrl("/projects/green"));
		mvc.perform(get("/projects/green").with(f.as(bank))).andExpect(status().isOk());
		mvc.perform(get("/projects/green/entries/{id}", listedA).with(f.as(bank))).andExpect(status().isOk());
		mvc.perform(get("/account").with(f.as(bank))).andExpect(status().isOk());
		for (String path : List.of("/work", "/registry/enterprises", "/accounting/reports", "/accounting/results", "/budget", "/budget/sinks",
				"/plan/cockpit", "/monitoring", "/projects/green/applications", "/projects/green/apply",
				"/projects/green/entries/" + listedA + "/document", "/admin/users")) {
			mvc.perform(get(path).with(f.as(bank))).andExpect(status().isForbidden());
		}
		// and the forestry officer does not reach the library
		String forestry = f.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		mvc.perform(get("/api/v1/projects/green/entries").with(basic(forestry))).andExpect(status().isForbidden());
		mvc.perform(get("/projects/green").with(f.as(forestry))).andExpect(status().isForbidden());
	}

	@Test
	void enterprisesSeeOnlyTheirOwnApplicationsAndCountyOfficersTheirCountys() throws Exception {
		mvc.perform(get("/api/v1/projects/green/applications").with(basic(userB))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].enterprise_id").value(not(hasItem((int) a.id()))));
		mvc.perform(get("/api/v1/projects/green/applications/{id}", listedA).with(basic(userB))).andExpect(status().isNotFound());
		mvc.perform(get("/projects/green/entries/{id}", listedA).with(f.as(userB))).andExpect(status().isNotFound());
		mvc.perform(get("/projects/green/entries/{id}/document", listedA).with(f.as(userB))).andExpect(status().isNotFound());
		mvc.perform(get("/projects/green/entries/{id}/document", listedA).with(f.as(userA))).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"));
		String shawan = f.countyOfficer(SHAWAN);
		mvc.perform(get("/api/v1/projects/green/applications/{id}", listedA).with(basic(shawan))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/projects/green/entries/{id}", listedA).with(basic(shawan))).andExpect(status().isNotFound());
		String wutongqiao = f.countyOfficer(WUTONGQIAO);
		mvc.perform(get("/api/v1/projects/green/applications/{id}", listedA).with(basic(wutongqiao))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/projects/green/applications/{id}/reject", listedA).with(basic(wutongqiao))
			.contentType(MediaType.APPLICATION_JSON).content("{\"comment\": \"x\"}")).andExpect(status().isForbidden());
	}

	@Test
	void theExcelExportCarriesTheCriteriaFiguresOfEachListedEntry() throws Exception {
		byte[] xlsx = mvc.perform(get("/api/v1/projects/green/export").with(basic(bank))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = wb.getSheet("绿色库 Green library");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号 Id");
			assertThat(sheet.getRow(0).getCell(17).getStringCellValue()).contains("tCO2/10k CNY");
			Row row = null;
			for (Row r : sheet) {
				if (r.getRowNum() > 0 && (long) r.getCell(0).getNumericCellValue() == listedA) {
					row = r;
				}
			}
			assertThat(row).isNotNull();
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo("绿色企业 Green enterprise");
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo(a.name());
			assertThat(row.getCell(4).getStringCellValue()).isEqualTo(a.uscc());
			assertThat(row.getCell(11).getStringCellValue()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
			assertThat(row.getCell(13).getStringCellValue()).isEqualTo("leshan-2026.12-1");
			assertThat(row.getCell(14).getNumericCellValue()).isEqualTo(2021);
			assertThat(row.getCell(16).getNumericCellValue()).isEqualTo(1);
			assertThat(row.getCell(17).getNumericCellValue()).isEqualTo(0.1255);
			assertThat(row.getCell(18).getNumericCellValue()).isEqualTo(0.251);
			assertThat(row.getCell(19).getNumericCellValue()).isEqualTo(0.4);
			assertThat(row.getCell(20).getStringCellValue()).contains("碳效等级 满足 1 ≤ 2");
		}
		mvc.perform(get("/projects/green/export.xlsx").with(f.as(bank))).andExpect(status().isOk());
	}

	@Test
	void theChineseApplyFormSaysInChineseThatTheFileTypeIsWrong() throws Exception {
		var flashed = mvc.perform(multipart("/projects/green/applications").file(new MockMultipartFile("file", "x.exe", "application/pdf", "MZ....".getBytes()))
			.with(f.as(userC)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("kind", "ENTERPRISE").param("description", "文件类型有误"))
			.andExpect(redirectedUrl("/projects/green/apply")).andReturn();
		String form = mvc.perform(get("/projects/green/apply").cookie(Fixtures.session(flashed)).with(f.as(userC))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(form).contains("file: 文件须为 PDF、PNG 或 JPEG 格式").doesNotContain(">file: must be");
	}

	@Test
	void thePagesShowTheLibraryTheFormAndTheReviewInChineseAndEnglish() throws Exception {
		String zh = mvc.perform(get("/projects/green").with(f.as(bank))).andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("绿色企业和绿色项目库", a.name(), "全部满足", "导出 Excel").doesNotContain("??");
		String en = mvc.perform(get("/projects/green").param("lang", "en").with(f.as(bank))).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("Green enterprise and green project library", "All met", "Export Excel");
		String form = mvc.perform(get("/projects/green/apply").with(f.as(userC))).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("申请绿色企业或绿色项目入库", "G4 能源绿色低碳转型", "不超过 10 MiB");
		String entry = mvc.perform(get("/projects/green/entries/{id}", listedA).with(f.as(office))).andReturn().getResponse().getContentAsString();
		assertThat(entry).contains("评价记录", "碳效等级", "满足", "0.1255", "0.251").doesNotContain("??");
		// a bad number on the form goes back to the form with the field named
		mvc.perform(multipart("/projects/green/applications").with(f.as(userC)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("kind", "PROJECT").param("projectName", "p").param("investment", "abc"))
			.andExpect(redirectedUrl("/projects/green/apply"));
	}
}
