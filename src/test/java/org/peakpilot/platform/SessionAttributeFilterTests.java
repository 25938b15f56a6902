package org.peakpilot.platform;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.peakpilot.Fixtures;
import org.peakpilot.PeakPilotTest;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The session store's class filter ({@link SessionStore#ATTRIBUTE_CLASSES}) lets through everything a real session
 * holds: a request saved before the sign-in, the security context, the CSRF token, a flash message of records.
 */
@PeakPilotTest
class SessionAttributeFilterTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	private record Attribute(String name, byte[] bytes) {
	}

	@Test
	void everyAttributeOfASessionInUseReadsBackThroughTheFilter() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		MvcResult asked = mvc.perform(get("/account")).andReturn();
		Cookie session = Fixtures.sessionCookie(asked, null);
		MvcResult signedIn = mvc.perform(post("/login").cookie(cookies(session)).with(csrf()).param("username", officer)
			.param("password", Fixtures.PASSWORD)).andReturn();
		session = Fixtures.sessionCookie(signedIn, session);
		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("currentPassword", "not-the-password")
			.param("newPassword", "a-brand-new-password")).andExpect(redirectedUrl("/account"));

		List<Attribute> stored = jdbc.sql("""
				SELECT a.attribute_name, a.attribute_bytes FROM spring_session_attributes a
				JOIN spring_session s ON s.primary_id = a.session_primary_id WHERE s.principal_name = :u""").param("u", officer)
			.query((rs, n) -> new Attribute(rs.getString(1), rs.getBytes(2))).list();

		assertThat(stored).extracting(Attribute::name).contains("SPRING_SECURITY_CONTEXT")
			.anySatisfy(name -> assertThat(name).containsIgnoringCase("flash"));
		for (Attribute a : stored) {
			Object value = SessionStore.read(new ByteArrayInputStream(a.bytes()), getClass().getClassLoader());
			assertThat(value).as("attribute %s reads back", a.name()).isNotNull();
		}
	}

	private static Cookie[] cookies(Cookie session) {
		return session == null ? new Cookie[0] : new Cookie[] { session };
	}
}
