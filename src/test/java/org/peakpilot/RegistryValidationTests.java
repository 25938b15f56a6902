package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.LESHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.admin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registering enterprises: every bad field is named, nothing is written, and every change is audited. */
@PeakPilotTest
class RegistryValidationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	static String body(String uscc, String county, String industry, Long park, boolean key, String tce) {
		return """
				{"uscc":"%s","name":"测试注册企业","countyCode":"%s","industryCode":"%s","parkId":%s,"keyEnergyUnit":%s,"annualEnergyTce":%s}
				""".formatted(uscc, county, industry, park, key, tce);
	}

	@Test
	void registersAValidEnterpriseAndAuditsIt() throws Exception {
		String uscc = Fixtures.uscc(EMEISHAN);
		long park = new Fixtures(registry, accounts).parkId("EMEISHAN-EDZ");
		mvc.perform(post("/api/v1/registry/enterprises").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content(body(uscc, EMEISHAN, "3011", park, true, "120000")))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.countyName").value("峨眉山市"))
			.andExpect(jsonPath("$.parkName").value("四川峨眉山经济开发区"));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "enterprise").with(admin()))
			.andExpect(jsonPath("$[*].action").value(hasItem("enterprise.registered")))
			.andExpect(jsonPath("$[0].after").value(containsString(uscc)));
	}

	@Test
	void rejectsAnInvalidCreditCodeAndAnUnknownCountyNamingEachField() throws Exception {
		long before = count();
		mvc.perform(post("/api/v1/registry/enterprises").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content(body("91350100M000100Y44", "999999", "9999", null, false, "null")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("uscc", "countyCode", "industryCode")))
			.andExpect(jsonPath("$.errors[?(@.field == 'uscc')].message").value(hasItem(containsString("check character"))));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void rejectsAParkOfAnotherCountyAndAnInconsistentKeyUnitFlag() throws Exception {
		long park = new Fixtures(registry, accounts).parkId("JIAJIANG-EDZ");
		mvc.perform(post("/api/v1/registry/enterprises").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content(body(Fixtures.uscc(SHAWAN), SHAWAN, "3120", park, false, "8000")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("parkId", "keyEnergyUnit")));
	}

	@Test
	void aCreditCodeIsRegisteredOnce() throws Exception {
		String uscc = Fixtures.uscc(WUTONGQIAO);
		mvc.perform(post("/api/v1/registry/enterprises").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content(body(uscc, WUTONGQIAO, "2612", null, false, "null"))).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/registry/enterprises").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content(body(uscc, WUTONGQIAO, "2612", null, false, "null"))).andExpect(status().isConflict());
	}

	@Test
	void theFormShowsTheErrorsAndKeepsTheInput() throws Exception {
		long before = count();
		String officer = new Fixtures(registry, accounts).cityOfficer();
		mvc.perform(post("/registry/enterprises").with(new Fixtures(registry, accounts).as(officer)).with(csrf())
			.param("uscc", "12345").param("name", "表单企业").param("countyCode", SHAWAN).param("industryCode", "3120"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("18 characters")))
			.andExpect(content().string(containsString("表单企业")));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void listsTheReferenceData() throws Exception {
		mvc.perform(get("/api/v1/registry/regions").with(admin())).andExpect(jsonPath("$.length()").value(12))
			.andExpect(jsonPath("$[0].code").value(LESHAN));
		mvc.perform(get("/api/v1/registry/zones").with(admin())).andExpect(jsonPath("$.length()").value(4))
			.andExpect(jsonPath("$[?(@.zoneCode == 'SHAWAN-STEEL')].countyCode").value(hasItem(SHAWAN)))
			.andExpect(jsonPath("$[?(@.zoneCode == 'SHAWAN-STEEL')].parks[0].code").value(hasItem("SHAWAN-EDZ")));
		mvc.perform(get("/api/v1/registry/industries").with(admin())).andExpect(jsonPath("$[*].code").value(hasItems("3120", "3011", "3071", "2619", "3985")));
	}

	private long count() {
		return jdbc.sql("SELECT count(*) FROM enterprise").query(Long.class).single();
	}
}
