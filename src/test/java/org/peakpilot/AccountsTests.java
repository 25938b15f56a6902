package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sign-in, personal API tokens, user administration and the OpenAPI document. */
@PeakPilotTest
class AccountsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void aPersonalTokenAuthenticatesUntilRevoked() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		String created = mvc.perform(post("/api/v1/platform/tokens").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"统计数据接口\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String secret = JsonPath.read(created, "$.secret");
		int id = JsonPath.read(created, "$.token.id");
		mvc.perform(get("/api/v1/platform/me").header("Authorization", "Bearer " + secret))
			.andExpect(status().isOk()).andExpect(jsonPath("$.username").value(officer));
		mvc.perform(get("/api/v1/platform/tokens").with(basic(officer)))
			.andExpect(jsonPath("$[0].prefix").value(secret.substring(0, 10))).andExpect(jsonPath("$[0].secret").doesNotExist())
			.andExpect(jsonPath("$[0].lastUsedAt").exists());
		mvc.perform(delete("/api/v1/platform/tokens/{id}", id).with(basic(officer))).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/platform/me").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/platform/me").header("Authorization", "Bearer ppt_forged")).andExpect(status().isUnauthorized());
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		mvc.perform(get("/api/v1/platform/me").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.httpBasic("admin", "wrong-password"))).andExpect(status().isUnauthorized());
		mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", "wrong-password"))
			.andExpect(header().string("Location", containsString("/login?error")));
		mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", TestDatabase.ADMIN_PASSWORD))
			.andExpect(header().string("Location", org.hamcrest.Matchers.not(containsString("error"))))
			.andExpect(org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated().withUsername("admin"));
	}

	@Test
	void theAdministratorGivesUsersARoleAndScopeAndEveryChangeIsAudited() throws Exception {
		String created = mvc.perform(post("/api/v1/platform/users").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"jiajiang-officer-%d","displayName":"夹江县经信局","password":"a-long-password","role":"COUNTY_OFFICER","countyCode":"511126"}
					""".formatted(System.nanoTime())))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.countyCode").value(JIAJIANG))
			.andExpect(jsonPath("$.passwordHash").doesNotExist()).andReturn().getResponse().getContentAsString();
		int id = JsonPath.read(created, "$.id");
		mvc.perform(put("/api/v1/platform/users/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"夹江县经信局\",\"role\":\"COUNTY_OFFICER\",\"countyCode\":\"511111\",\"enabled\":false}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.countyCode").value(SHAWAN)).andExpect(jsonPath("$.enabled").value(false));
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "user").with(admin()))
			.andExpect(jsonPath("$[0].action").value("user.updated"))
			.andExpect(jsonPath("$[0].before").value(containsString(JIAJIANG)))
			.andExpect(jsonPath("$[0].after").value(containsString(SHAWAN)));
	}

	@Test
	void aUserNeedsAValidScopeForTheirRole() throws Exception {
		mvc.perform(post("/api/v1/platform/users").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"nowhere-officer\",\"displayName\":\"x\",\"password\":\"short\",\"role\":\"COUNTY_OFFICER\",\"countyCode\":\"110101\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("countyCode")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("password")));
	}

	@Test
	void theApiIsDocumentedWithOpenApi() throws Exception {
		mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/plan/observations']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/registry/enterprises']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/platform/tokens']").exists());
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
	}
}
