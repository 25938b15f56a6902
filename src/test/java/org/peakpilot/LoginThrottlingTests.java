package org.peakpilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Fixtures.admin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Brute-force protection (docs/adr/0011): after 5 wrong passwords an account is locked for 1 minute, then 2, 4 …
 * (up to 30), per client address after 12 here; while locked even the right password is refused. Time is a clock
 * the test moves on.
 */
// Own context: a movable clock and a per-address failure limit
@SpringBootTest(properties = { "peakpilot.test.schema=pp_login_throttle", "peakpilot.security.login.max-failures-per-address=12" })
@AutoConfigureMockMvc
class LoginThrottlingTests {

	/** The application's clock in this context; tests move it forward. */
	static final MovableClock NOW = new MovableClock(Instant.parse("2026-12-02T02:00:00Z"));

	@TestConfiguration
	static class ClockAtNow {
		@Bean
		@Primary
		Clock movableClock() {
			return NOW;
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void twentyFiveWrongPasswordsOnTheFormLockTheAccountAndEvenTheRightOneWaitsForTheLockToEnd() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		for (int i = 1; i <= 25; i++) {
			mvc.perform(post("/login").with(csrf()).with(from("10.1.0.1")).param("username", officer).param("password", "wrong-" + i))
				.andExpect(redirectedUrl(i < 5 ? "/login?error" : "/login?locked=1")).andExpect(unauthenticated());
		}
		mvc.perform(post("/login").with(csrf()).with(from("10.1.0.1")).param("username", officer).param("password", Fixtures.PASSWORD))
			.andExpect(redirectedUrl("/login?locked=1")).andExpect(unauthenticated());
		mvc.perform(get("/login").param("locked", "1").param("lang", "en"))
			.andExpect(content().string(containsString("Too many failed sign-ins")));

		advance(Duration.ofSeconds(61));
		mvc.perform(post("/login").with(csrf()).with(from("10.1.0.1")).param("username", officer).param("password", Fixtures.PASSWORD))
			.andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername(officer));

		mvc.perform(get("/api/v1/platform/audit").param("entityType", "login").with(admin()))
			.andExpect(jsonPath("$[*].entityId").value(hasItem("account:" + officer)))
			.andExpect(jsonPath("$[*].action").value(hasItem("login.locked")));
	}

	@Test
	void twentyFiveWrongPasswordsByHttpBasicAreAnswered429WithRetryAfterAndTheLockDoublesAfterwards() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		for (int i = 1; i <= 25; i++) {
			mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.2")).with(httpBasic(officer, "wrong-" + i)))
				.andExpect(status().is(i < 5 ? 401 : 429));
		}
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.2")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "60"))
			.andExpect(header().string("Content-Type", containsString("application/problem+json")))
			.andExpect(jsonPath("$.type").value("/problems/login-locked"));

		advance(Duration.ofSeconds(61));
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.2")).with(httpBasic(officer, "wrong-again")))
			.andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "120"));
		advance(Duration.ofSeconds(121));
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.2")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isOk());
	}

	@Test
	void manyNamesTriedFromOneAddressLockTheAddressButNotOtherAddresses() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		for (int i = 1; i <= 12; i++) {
			mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.3")).with(httpBasic("guess-" + i + "-" + System.nanoTime(), "password")))
				.andExpect(status().is(i < 12 ? 401 : 429));
		}
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.3")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isTooManyRequests());
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.4")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isOk());
	}

	@Test
	void theAdministratorUnlocksAnAccountAndTheUnlockIsAudited() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		for (int i = 1; i <= 5; i++) {
			mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.5")).with(httpBasic(officer, "wrong-" + i)));
		}
		String users = mvc.perform(get("/api/v1/platform/users").with(admin())).andReturn().getResponse().getContentAsString();
		int id = JsonPath.<java.util.List<Integer>>read(users, "$[?(@.username == '" + officer + "')].id").get(0);
		mvc.perform(get("/api/v1/platform/users/{id}", id).with(admin())).andExpect(jsonPath("$.lockedUntil").exists());
		mvc.perform(get("/admin/users").with(new Fixtures(registry, accounts).as("admin")))
			.andExpect(content().string(containsString("unlock-" + id)));

		mvc.perform(post("/admin/users/{id}/unlock", id).with(csrf()).with(new Fixtures(registry, accounts).as("admin")))
			.andExpect(redirectedUrl("/admin/users"));
		mvc.perform(get("/api/v1/platform/users/{id}", id).with(admin())).andExpect(jsonPath("$.lockedUntil").doesNotExist());
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.5")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "user").with(admin()))
			.andExpect(jsonPath("$[0].action").value("user.unlocked")).andExpect(jsonPath("$[0].entityId").value(String.valueOf(id)));

		for (int i = 1; i <= 5; i++) {
			mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.5")).with(httpBasic(officer, "wrong-" + i)));
		}
		mvc.perform(post("/api/v1/platform/users/{id}/unlock", id).with(admin())).andExpect(status().isOk())
			.andExpect(jsonPath("$.lockedUntil").doesNotExist());
	}

	@Test
	void guessingTheCurrentPasswordOnThePasswordChangeLocksSignInToo() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		String officer = fixtures.cityOfficer();
		for (int i = 1; i <= 5; i++) {
			mvc.perform(post("/account/password").with(csrf()).with(fixtures.as(officer)).with(from("10.1.0.6"))
				.param("currentPassword", "guess-" + i).param("newPassword", "a-new-password-1")).andExpect(redirectedUrl("/account"));
		}
		mvc.perform(get("/api/v1/platform/me").with(from("10.1.0.7")).with(httpBasic(officer, Fixtures.PASSWORD)))
			.andExpect(status().isTooManyRequests());
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static void advance(Duration d) {
		NOW.updateAndGet(t -> t.plus(d));
	}
}
