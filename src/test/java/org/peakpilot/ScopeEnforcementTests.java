package org.peakpilot;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A user sees and changes only what their role and scope allow, on pages and API alike. */
@PeakPilotTest
class ScopeEnforcementTests {


	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	Fixtures fixtures;
	Enterprise shawanSteel;
	Enterprise jiajiangCeramics;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		shawanSteel = fixtures.enterprise(SHAWAN, "3120", fixtures.parkId("SHAWAN-EDZ"));
		jiajiangCeramics = fixtures.enterprise(JIAJIANG, "3071", null);
	}

	@Test
	void countyOfficerCannotReadAnotherCountysEnterpriseByApi() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		mvc.perform(get("/api/v1/registry/enterprises/{id}", shawanSteel.id()).with(basic(officer)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.uscc").value(shawanSteel.uscc()));
		mvc.perform(get("/api/v1/registry/enterprises/{id}", jiajiangCeramics.id()).with(basic(officer)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/registry/enterprises").with(basic(officer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(hasItem((int) shawanSteel.id())))
			.andExpect(jsonPath("$[*].countyCode").value(not(hasItem(JIAJIANG))));
	}

	@Test
	void countyOfficerCannotReadAnotherCountysEnterpriseOnPages() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		mvc.perform(get("/registry/enterprises/{id}", shawanSteel.id()).with(fixtures.as(officer)))
			.andExpect(status().isOk()).andExpect(content().string(containsString(shawanSteel.uscc())));
		mvc.perform(get("/registry/enterprises/{id}", jiajiangCeramics.id()).with(fixtures.as(officer)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/registry/enterprises").with(fixtures.as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(shawanSteel.uscc())))
			.andExpect(content().string(not(containsString(jiajiangCeramics.uscc()))));
	}

	@Test
	void countyOfficerCannotRegisterAnEnterpriseInAnotherCounty() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		String body = """
				{"uscc":"%s","name":"越权企业","countyCode":"%s","industryCode":"3071","keyEnergyUnit":false}
				""".formatted(Fixtures.uscc(JIAJIANG), JIAJIANG);
		mvc.perform(post("/api/v1/registry/enterprises").with(basic(officer)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
	}

	@Test
	void enterpriseUserSeesOnlyItsOwnEnterprise() throws Exception {
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, shawanSteel.id(), Set.of());
		mvc.perform(get("/api/v1/registry/enterprises/{id}", shawanSteel.id()).with(basic(user))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/registry/enterprises/{id}", jiajiangCeramics.id()).with(basic(user))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/registry/enterprises").with(basic(user)))
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].id").value((int) shawanSteel.id()));
		mvc.perform(get("/registry/enterprises/{id}", jiajiangCeramics.id()).with(fixtures.as(user))).andExpect(status().isNotFound());
	}

	@Test
	void enterpriseUserCannotChangeEvenItsOwnRegistration() throws Exception {
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, shawanSteel.id(), Set.of());
		String body = """
				{"uscc":"%s","name":"改名","countyCode":"%s","industryCode":"3120","keyEnergyUnit":false}
				""".formatted(shawanSteel.uscc(), SHAWAN);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/registry/enterprises/{id}", shawanSteel.id())
			.with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
	}

	@Test
	void verifierSeesOnlyAssignedEnterprises() throws Exception {
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(jiajiangCeramics.id()));
		mvc.perform(get("/api/v1/registry/enterprises/{id}", jiajiangCeramics.id()).with(basic(verifier))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/registry/enterprises/{id}", shawanSteel.id()).with(basic(verifier))).andExpect(status().isNotFound());
	}

	@Test
	void parkManagerSeesOnlyTheirPark() throws Exception {
		String manager = fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of());
		mvc.perform(get("/api/v1/registry/enterprises/{id}", shawanSteel.id()).with(basic(manager))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/registry/enterprises/{id}", jiajiangCeramics.id()).with(basic(manager))).andExpect(status().isNotFound());
	}

	@Test
	void anonymousReachesOnlyThePublicCockpit() throws Exception {
		mvc.perform(get("/public/cockpit")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/public/plan/indicators")).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(31));
		mvc.perform(get("/plan/cockpit")).andExpect(status().is3xxRedirection()).andExpect(header().string("Location", endsWith("/login")));
		mvc.perform(get("/registry/enterprises")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/registry/enterprises")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/plan/indicators")).andExpect(status().isUnauthorized());
	}

	@Test
	void anonymousWritesGet401() throws Exception {
		mvc.perform(post("/api/v1/plan/observations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"12\",\"year\":2024,\"value\":44,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/registry/enterprises").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void formsRequireTheCsrfToken() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(post("/plan/items/12/observations").with(fixtures.as(officer))
			.param("year", "2023").param("value", "43").param("sourceDocument", "csrf test"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/plan/items/12/observations").with(fixtures.as(officer)).with(csrf())
			.param("year", "2023").param("value", "43").param("sourceDocument", "csrf test"))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void onlyTheCityOfficeRecordsPlanValues() throws Exception {
		String officer = fixtures.countyOfficer(SHAWAN);
		mvc.perform(post("/api/v1/plan/observations").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"12\",\"year\":2024,\"value\":44,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void onlyTheAdministratorManagesUsersAndReadsTheAuditLog() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(get("/api/v1/platform/users").with(basic(officer))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/platform/audit").with(basic(officer))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/users").with(fixtures.as(officer))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/platform/audit").with(Fixtures.admin())).andExpect(status().isOk());
	}
}
