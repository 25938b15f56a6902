package org.peakpilot;

import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The 2027 tourism certification: criteria from the plan folder's tourism-certification.csv (TC1–TC6: TC3 for scenic
 * spots only, TC6 for enterprises only; TC1, TC3, TC4, TC6 require evidence), a partner's application with statements
 * and evidence, the office's review per criterion, the public list of the certified.
 */
// Same context as ZeroCarbonEventTests and ZeroCarbonEventBrowserTests (same annotations and schema)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_inclusive_events")
@AutoConfigureMockMvc
@Import(Fixtures.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TourismCertificationTests {

	static final String PARTNER = "/api/v1/inclusive/partner/certifications";
	static final String OFFICE = "/api/v1/inclusive/certifications";
	static final byte[] PDF = "%PDF-1.4 tourism evidence".getBytes();

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	Fixtures f;
	String office;

	@BeforeAll
	void office() {
		f = new Fixtures(registry, accounts);
		office = f.cityOfficer();
	}

	String partnerUser(String kind, String name) {
		String code = "T" + System.nanoTime() % 1_000_000_000L;
		long id = jdbc.sql("INSERT INTO inclusive_partner (code, name, kind, county_code) VALUES (:c, :n, :k, '511181') RETURNING id")
			.param("c", code).param("n", name + " " + code).param("k", kind).query(Long.class).single();
		String user = f.user(Role.PARTNER, null, null, null, Set.of());
		jdbc.sql("INSERT INTO inclusive_partner_user (user_id, partner_id) SELECT id, :p FROM app_user WHERE username = :u")
			.param("p", id).param("u", user).update();
		return user;
	}

	static final String SCENIC_STATEMENTS = """
			{"statements": {"TC1": "2025 年用电 300 万 kWh，已核算", "TC2": "游客中心设打卡二维码", "TC3": "电动接驳车覆盖主要景点",
			 "TC4": "景区内垃圾分类", "TC5": "入口设低碳游览指引"}}""";

	long apply(String user, String body) throws Exception {
		String json = mvc.perform(post(PARTNER).with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("DRAFT"))
			.andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	void evidence(String user, long id, String criterion) throws Exception {
		mvc.perform(multipart(PARTNER + "/" + id + "/evidence").file(new MockMultipartFile("file", criterion + ".pdf", "application/pdf", PDF))
			.param("criterion", criterion).with(basic(user))).andExpect(status().isCreated())
			.andExpect(jsonPath("$.sha256").value(org.hamcrest.Matchers.hasLength(64)));
	}

	@Test
	void aScenicSpotAppliesWithEvidenceTheOfficeCertifiesAndItIsListedPublicly() throws Exception {
		String user = partnerUser("SCENIC_AREA", "测试景区");
		long id = apply(user, SCENIC_STATEMENTS);
		mvc.perform(post(PARTNER + "/" + id + "/submit").with(basic(user))).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("TC1")));
		for (String c : new String[] { "TC1", "TC3", "TC4" }) {
			evidence(user, id, c);
		}
		mvc.perform(post(PARTNER + "/" + id + "/submit").with(basic(user))).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED")).andExpect(jsonPath("$.kind").value("SCENIC_SPOT"));
		mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"verdicts": [{"criterion": "TC1", "met": true}, {"criterion": "TC2", "met": true}, {"criterion": "TC3", "met": true},
				 {"criterion": "TC4", "met": true}, {"criterion": "TC5", "met": false}]}"""))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("verdicts[4].reason")));
		mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"verdicts": [{"criterion": "TC1", "met": true}, {"criterion": "TC2", "met": true}]}"""))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("verdicts")));
		String body = mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"verdicts": [{"criterion": "TC1", "met": true}, {"criterion": "TC2", "met": true}, {"criterion": "TC3", "met": true},
				 {"criterion": "TC4", "met": true}, {"criterion": "TC5", "met": true, "reason": "指引牌已见"}], "comment": "予以认证"}"""))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CERTIFIED"))
			.andExpect(jsonPath("$.serial").value(org.hamcrest.Matchers.startsWith("LSTC-")))
			.andReturn().getResponse().getContentAsString();
		String serial = JsonPath.read(body, "$.serial");
		mvc.perform(get("/api/v1/public/inclusive/certified")).andExpect(status().isOk()).andExpect(jsonPath("$[*].serial", hasItem(serial)));
		mvc.perform(get("/public/inclusive/certified")).andExpect(status().isOk()).andExpect(content().string(containsString(serial)));
		mvc.perform(get("/public/inclusive/certified").param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Certified low-carbon scenic spots")));
		// decided once
		mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"verdicts\": []}")).andExpect(status().isConflict());
	}

	@Test
	void aCriterionNotMetRejectsWithItsReasonAndTheApplicantIsNotListed() throws Exception {
		String user = partnerUser("HOTEL", "测试酒店");
		long id = apply(user, """
				{"statements": {"TC1": "已核算", "TC2": "前台扫码", "TC4": "不提供一次性用品", "TC5": "客房指引", "TC6": "分项计量"}}""");
		for (String c : new String[] { "TC1", "TC4", "TC6" }) {
			evidence(user, id, c);
		}
		mvc.perform(post(PARTNER + "/" + id + "/submit").with(basic(user))).andExpect(status().isOk());
		mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"verdicts": [{"criterion": "TC1", "met": true}, {"criterion": "TC2", "met": false, "reason": "未见打卡二维码照片"},
				 {"criterion": "TC4", "met": true}, {"criterion": "TC5", "met": true}, {"criterion": "TC6", "met": true}]}"""))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"))
			.andExpect(jsonPath("$.claims[?(@.criterion == 'TC2')].reason").value(hasItem("未见打卡二维码照片")))
			.andExpect(jsonPath("$.serial").doesNotExist());
		mvc.perform(get("/api/v1/public/inclusive/certified")).andExpect(jsonPath("$[*].name", not(hasItem(containsString("测试酒店")))));
	}

	@Test
	void badInputAndOtherPartnersAreRefused() throws Exception {
		String user = partnerUser("RESTAURANT", "测试餐厅");
		mvc.perform(post(PARTNER).with(basic(user)).contentType(MediaType.APPLICATION_JSON).content("{\"statements\": {\"TC1\": \"x\"}}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("statements.TC2")));
		mvc.perform(post(PARTNER).with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"statements\": {\"TC3\": \"not for an enterprise\"}}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("statements.TC3")));
		long id = apply(user, """
				{"statements": {"TC1": "x", "TC2": "x", "TC4": "x", "TC5": "x", "TC6": "%s"}}""".formatted("长".repeat(2000)));
		mvc.perform(post(PARTNER).with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"statements\": {\"TC1\": \"x\", \"TC2\": \"x\", \"TC4\": \"x\", \"TC5\": \"x\", \"TC6\": \"x\"}}"))
			.andExpect(status().isConflict());
		mvc.perform(multipart(PARTNER + "/" + id + "/evidence").file(new MockMultipartFile("file", "a.exe", "application/pdf", "MZ not a pdf".getBytes()))
			.param("criterion", "TC1").with(basic(user))).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("file")));
		mvc.perform(multipart(PARTNER + "/" + id + "/evidence").file(new MockMultipartFile("file", "a.pdf", "application/pdf", PDF))
			.param("criterion", "TC9").with(basic(user))).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("criterion")));
		String other = partnerUser("HOTEL", "他方酒店");
		mvc.perform(get(PARTNER + "/" + id).with(basic(other))).andExpect(status().isNotFound());
		mvc.perform(multipart(PARTNER + "/" + id + "/evidence").file(new MockMultipartFile("file", "a.pdf", "application/pdf", PDF))
			.param("criterion", "TC1").with(basic(other))).andExpect(status().isNotFound());
		mvc.perform(post(PARTNER + "/" + id + "/submit").with(basic(other))).andExpect(status().isNotFound());
		mvc.perform(get(OFFICE).with(basic(user))).andExpect(status().isForbidden());
		mvc.perform(post(OFFICE + "/" + id + "/review").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content("{\"verdicts\": []}"))
			.andExpect(status().isForbidden());
		mvc.perform(get(OFFICE + "/" + id).with(basic(office))).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DRAFT"));
		// the pages: the partner's application page and the office's review page, zh and en
		mvc.perform(get("/inclusive/partner/certification").with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("旅游低碳认证")));
		mvc.perform(get("/inclusive/office/certifications/" + id).with(f.as(office)).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("测试餐厅")));
	}
}
