package org.peakpilot;

import java.util.Set;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Fixtures.admin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A web session ends as soon as its user's rights or password change (docs/adr/0011): real sessions from the
 * sign-in form, changed through the administrator's API.
 */
@PeakPilotTest
class SessionRevocationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void aDisabledUsersOpenSessionIsSignedOutOnItsNextRequest() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer, Fixtures.PASSWORD);
		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());

		long id = userId(officer);
		mvc.perform(put("/api/v1/platform/users/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"测试\",\"role\":\"CITY_OFFICER\",\"enabled\":false}")).andExpect(status().isOk());

		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login?expired"));
		mvc.perform(get("/account").cookie(session)).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void aReScopedEnterpriseUsersOldSessionNoLongerReadsTheOldEnterprise() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise old = fixtures.enterprise(EMEISHAN, "3011", null);
		RegistryModel.Enterprise next = fixtures.enterprise(EMEISHAN, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, old.id(), Set.of());
		Cookie session = signIn(user, Fixtures.PASSWORD);
		mvc.perform(get("/registry/enterprises/{id}", old.id()).cookie(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString(old.name())));

		mvc.perform(put("/api/v1/platform/users/{id}", userId(user)).with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"测试\",\"role\":\"ENTERPRISE_USER\",\"enterpriseId\":" + next.id() + ",\"enabled\":true}"))
			.andExpect(status().isOk());

		mvc.perform(get("/registry/enterprises/{id}", old.id()).cookie(session)).andExpect(redirectedUrl("/login?expired"))
			.andExpect(content().string(not(containsString(old.name()))));
		Cookie fresh = signIn(user, Fixtures.PASSWORD);
		mvc.perform(get("/registry/enterprises/{id}", next.id()).cookie(fresh)).andExpect(status().isOk());
		mvc.perform(get("/registry/enterprises/{id}", old.id()).cookie(fresh)).andExpect(status().isNotFound());
	}

	@Test
	void aChangeOfDisplayNameAloneKeepsTheSession() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer, Fixtures.PASSWORD);
		mvc.perform(put("/api/v1/platform/users/{id}", userId(officer)).with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"新名字\",\"role\":\"CITY_OFFICER\",\"enabled\":true}")).andExpect(status().isOk());
		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());
	}

	@Test
	void changingTheOwnPasswordKeepsThisSessionAndEndsTheOthers() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie here = signIn(officer, Fixtures.PASSWORD);
		Cookie elsewhere = signIn(officer, Fixtures.PASSWORD);

		Cookie before = here;
		here = sessionCookie(mvc.perform(post("/account/password").cookie(here).with(csrf()).param("currentPassword", Fixtures.PASSWORD)
			.param("newPassword", "a-brand-new-password")).andExpect(redirectedUrl("/account")).andReturn(), here);
		assertThat(here.getValue()).as("a new session id after the password change").isNotEqualTo(before.getValue());

		mvc.perform(get("/account").cookie(here)).andExpect(status().isOk());
		mvc.perform(get("/account").cookie(elsewhere)).andExpect(redirectedUrl("/login?expired"));
		signIn(officer, "a-brand-new-password");
	}

	@Test
	void aPasswordResetByTheAdministratorEndsTheUsersSessions() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer, Fixtures.PASSWORD);
		Cookie adminSession = signIn("admin", TestDatabase.ADMIN_PASSWORD);
		mvc.perform(post("/admin/users/{id}", userId(officer)).cookie(adminSession).with(csrf()).param("displayName", "测试")
			.param("role", "CITY_OFFICER").param("enabled", "true").param("password", "reset-by-the-admin"))
			.andExpect(redirectedUrl("/admin/users"));
		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login?expired"));
	}

	/** Signs in through the form; the session is the cookie, as a browser holds it (sessions live in the database). */
	private Cookie signIn(String username, String password) throws Exception {
		Cookie cookie = sessionCookie(mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password))
			.andExpect(redirectedUrl("/")).andReturn(), null);
		assertThat(cookie).as("a session cookie from the sign-in").isNotNull();
		return cookie;
	}

	/** The session cookie the response set, else the one held before. */
	static Cookie sessionCookie(MvcResult result, Cookie held) {
		return Fixtures.sessionCookie(result, held);
	}

	private long userId(String username) throws Exception {
		String users = mvc.perform(get("/api/v1/platform/users").with(admin())).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.<java.util.List<Object>>read(users, "$[?(@.username == '" + username + "')].id").get(0)).longValue();
	}
}
