package org.peakpilot;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Web sessions live in the database (issue 16): the session, its CSRF token and its flash messages are rows that
 * any instance reads; nothing of a session stays in one process.
 */
@PeakPilotTest
class SessionsInDatabaseTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSignedInSessionIsARowOfItsUserAndEndsWithTheSignOut() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer);
		assertThat(sessionsOf(officer)).isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM spring_session_attributes a JOIN spring_session s ON s.primary_id = a.session_primary_id
				WHERE s.principal_name = :u AND a.attribute_name = 'SPRING_SECURITY_CONTEXT'""").param("u", officer)
			.query(Long.class).single()).isEqualTo(1);
		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());

		mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(status().is3xxRedirection());

		assertThat(sessionsOf(officer)).isZero();
		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login"));
	}

	/** A refused form puts its errors (records, not Serializable) into the session; the next request shows them. */
	@Test
	void aFlashMessageOfRecordsCrossesToTheNextRequestThroughTheStore() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer);

		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("currentPassword", "not-the-password")
			.param("newPassword", "a-brand-new-password")).andExpect(redirectedUrl("/account"));

		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("title=\"the current password is wrong\"")));
		// a flash message is shown once
		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("the current password is wrong"))));
	}

	/** The CSRF token is the session's, from the store: a form of the session posts, a made-up token does not. */
	@Test
	void theCsrfTokenIsTheStoredSessions() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		Cookie session = signIn(officer);
		String page = mvc.perform(get("/account").cookie(session)).andReturn().getResponse().getContentAsString();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as("the account page has a CSRF field").isTrue();

		mvc.perform(post("/account/password").cookie(session).param("_csrf", "made-up").param("currentPassword", "x")
			.param("newPassword", "a-brand-new-password")).andExpect(status().isForbidden());
		mvc.perform(post("/account/password").cookie(session).param("_csrf", m.group(1)).param("currentPassword", "not-the-password")
			.param("newPassword", "a-brand-new-password")).andExpect(redirectedUrl("/account"));
	}

	private long sessionsOf(String username) {
		return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :u").param("u", username).query(Long.class).single();
	}

	private Cookie signIn(String username) throws Exception {
		Cookie cookie = SessionRevocationTests.sessionCookie(mvc.perform(post("/login").with(csrf()).param("username", username)
			.param("password", Fixtures.PASSWORD)).andExpect(redirectedUrl("/")).andReturn(), null);
		assertThat(cookie).isNotNull();
		return cookie;
	}
}
