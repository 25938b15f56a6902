package org.peakpilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rotating a gateway's device token with an overlap (default 10 minutes): until it ends both tokens work, then only
 * the new one; a revocation ends both at once; a second rotation ends the first token at once. Time is a clock the
 * test moves on (the token cache's 30 seconds move with it).
 */
// Own context: a movable clock
@SpringBootTest(properties = "peakpilot.test.schema=pp_gw_overlap")
@AutoConfigureMockMvc
class GatewayTokenOverlapTests {

	static final MovableClock NOW = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

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

	@Autowired
	org.peakpilot.monitoring.internal.Gateways gateways;

	RegistryModel.Enterprise enterprise;
	String user;
	long gatewayId;
	String first;

	@BeforeEach
	void setUp() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		enterprise = fixtures.enterprise(EMEISHAN, "3011", null);
		user = fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise.id(), Set.of());
		String created = mvc.perform(post("/api/v1/monitoring/enterprises/" + enterprise.id() + "/gateways").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}")).andExpect(status().isCreated()).andReturn()
			.getResponse().getContentAsString();
		first = JsonPath.read(created, "$.token");
		gatewayId = ((Number) JsonPath.read(created, "$.gateway.id")).longValue();
	}

	void later(Duration d) {
		NOW.updateAndGet(t -> t.plus(d));
	}

	String rotate() throws Exception {
		return JsonPath.read(mvc.perform(post("/api/v1/monitoring/gateways/" + gatewayId + "/rotate").with(basic(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.token");
	}

	void sends(String token, ResultMatcher expected) throws Exception {
		String ts = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).plusMinutes(15)
			.toOffsetDateTime().toString();
		mvc.perform(post("/api/v1/monitoring/readings").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
			.content("[{\"meter\": \"NONE\", \"ts\": \"" + ts + "\", \"value\": 1}]")).andExpect(expected);
		mvc.perform(post("/api/v1/monitoring/status").header("Authorization", "Bearer " + token)).andExpect(expected);
	}

	@Test
	void afterARotationBothTokensWorkUntilTheOverlapEndsThenOnlyTheNewOne() throws Exception {
		sends(first, status().isOk());
		String second = rotate();
		sends(first, status().isOk());
		sends(second, status().isOk());
		mvc.perform(get("/api/v1/monitoring/enterprises/" + enterprise.id() + "/gateways").with(basic(user)))
			.andExpect(jsonPath("$[0].previousTokenUntil").value(NOW.get().plus(Duration.ofMinutes(10)).toString()));

		later(Duration.ofMinutes(9).plusSeconds(50));
		sends(first, status().isOk());
		later(Duration.ofSeconds(10));
		sends(first, status().isUnauthorized());
		sends(second, status().isOk());
		java.util.Map<String, Object> listed = JsonPath.read(mvc.perform(get("/api/v1/monitoring/enterprises/" + enterprise.id() + "/gateways")
			.with(basic(user))).andReturn().getResponse().getContentAsString(), "$[0]");
		org.assertj.core.api.Assertions.assertThat(listed.get("previousTokenUntil")).as("no longer shown once it ended").isNull();
	}

	/** An attacker's made-up device tokens are refused and leave nothing behind in the token cache. */
	@Test
	void madeUpTokensAreRefusedAndNotRemembered() throws Exception {
		sends(first, status().isOk());
		java.util.Map<?, ?> cache = (java.util.Map<?, ?>) org.springframework.test.util.ReflectionTestUtils.getField(gateways, "byHash");
		int before = cache.size();
		org.assertj.core.api.Assertions.assertThat(before).as("the gateway's own token is remembered").isPositive();
		for (int i = 0; i < 200; i++) {
			mvc.perform(post("/api/v1/monitoring/status").header("Authorization", "Bearer ppd_madeup" + i + "x".repeat(i)))
				.andExpect(status().isUnauthorized());
		}
		org.assertj.core.api.Assertions.assertThat(cache.size()).as("entries after 200 made-up tokens").isEqualTo(before);
		sends(first, status().isOk());
	}

	@Test
	void aRevocationDuringTheOverlapEndsBothTokensAtOnce() throws Exception {
		String second = rotate();
		sends(first, status().isOk());
		mvc.perform(post("/api/v1/monitoring/gateways/" + gatewayId + "/revoke").with(basic(user))).andExpect(status().isOk());
		sends(first, status().isUnauthorized());
		sends(second, status().isUnauthorized());
	}

	@Test
	void aSecondRotationEndsTheFirstTokenAtOnce() throws Exception {
		String second = rotate();
		String third = rotate();
		sends(first, status().isUnauthorized());
		sends(second, status().isOk());
		sends(third, status().isOk());
		later(Duration.ofMinutes(11));
		sends(second, status().isUnauthorized());
		sends(third, status().isOk());
	}

	@Test
	void anotherEnterprisesUserCannotEvenSeeTheGatewayToRotateItAndTheOldTokenKeepsWorking() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise other = fixtures.enterprise(SHAWAN, "3011", null);
		String stranger = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		mvc.perform(post("/api/v1/monitoring/gateways/" + gatewayId + "/rotate").with(basic(stranger))).andExpect(status().isNotFound());
		sends(first, status().isOk());
		mvc.perform(post("/api/v1/monitoring/gateways/" + Long.MAX_VALUE + "/rotate").with(basic(user))).andExpect(status().isNotFound());
	}
}
