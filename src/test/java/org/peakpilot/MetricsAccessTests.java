package org.peakpilot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The operator's endpoints as an attacker sees them, over real HTTP (docs/deploy.md "Probes", "Metrics"): the load
 * balancer's probes answer anyone with a status and nothing more; {@code /actuator/prometheus} opens only to a
 * metrics account (HTTP Basic or its personal token), not to anonymous callers, forged tokens or any other role, not
 * even the city administrator; and the metrics account opens nothing else: every operation of the API document
 * that needs a sign-in is 403 for it, as are the pages and the other actuator endpoints.
 */
@PeakPilotTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAccessTests {

	@LocalServerPort
	int port;
	@Autowired
	Fixtures fixtures;
	@Autowired
	MockMvc mvc;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	private String metricsUser;
	private String metricsToken;

	@BeforeAll
	void metricsAccount() throws Exception {
		metricsUser = fixtures.user(Role.METRICS, null, null, null, Set.of());
		// its own account page is where it makes its token
		MvcResult created = mvc.perform(post("/account/tokens").param("name", "prometheus").with(fixtures.as(metricsUser)).with(csrf()))
			.andReturn();
		metricsToken = ((UserAccounts.CreatedToken) created.getFlashMap().get("createdToken")).secret();
		assertThat(metricsToken).startsWith("ppt_");
	}

	@Test
	void probesAnswerAnyoneWithTheirStatusOnly() throws Exception {
		for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/livez", "/readyz", "/actuator/health")) {
			HttpResponse<String> probe = send(path, null);
			assertThat(probe.statusCode()).as(path).isEqualTo(200);
			assertThat(probe.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components", "details", "db", "mqtt");
		}
	}

	@Test
	void prometheusIsClosedToAnonymousForgedTokensAndOtherRoles() throws Exception {
		HttpResponse<String> anonymous = send("/actuator/prometheus", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic"));
		assertThat(anonymous.body()).doesNotContain("jvm_");
		assertThat(send("/actuator/prometheus", "Bearer ppt_" + "0".repeat(64)).statusCode()).isEqualTo(401);
		// a real token with one character changed
		String forged = metricsToken.substring(0, metricsToken.length() - 1) + (metricsToken.endsWith("a") ? "b" : "a");
		assertThat(send("/actuator/prometheus", "Bearer " + forged).statusCode()).isEqualTo(401);
		assertThat(send("/actuator/prometheus", basic(metricsUser, "wrong-password-1")).statusCode()).isEqualTo(401);
		for (String other : List.of(fixtures.cityOfficer(), fixtures.user(Role.BANK, null, null, null, Set.of()))) {
			HttpResponse<String> refused = send("/actuator/prometheus", basic(other, Fixtures.PASSWORD));
			assertThat(refused.statusCode()).as(other).isEqualTo(403);
			assertThat(refused.body()).doesNotContain("jvm_");
		}
		assertThat(send("/actuator/prometheus", basic("admin", TestDatabase.ADMIN_PASSWORD)).statusCode()).isEqualTo(403);
	}

	@Test
	void theMetricsAccountScrapesWithItsPasswordOrItsToken() throws Exception {
		for (String credentials : List.of(basic(metricsUser, Fixtures.PASSWORD), "Bearer " + metricsToken)) {
			HttpResponse<String> scrape = send("/actuator/prometheus", credentials);
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
			assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge", "http_server_requests_seconds_count",
					"hikaricp_connections_active");
			assertThat(scrape.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
		}
	}

	@Test
	void theMetricsAccountIsRefusedEveryOperationOfTheApiThatNeedsASignIn() throws Exception {
		JsonNode doc = JsonMapper.builder().build().readTree(send("/v3/api-docs", null).body());
		List<String> walked = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
				JsonNode security = op.getValue().get("security");
				if (security != null && security.isArray() && security.isEmpty()) {
					continue; // public
				}
				String method = op.getKey().toUpperCase();
				String uri = path.getKey().replaceAll("\\{[^}]+}", "1");
				for (String credentials : List.of(basic(metricsUser, Fixtures.PASSWORD), "Bearer " + metricsToken)) {
					HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
						.method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
								: HttpRequest.BodyPublishers.ofString("{}"))
						.header("Content-Type", "application/json").header("Authorization", credentials).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(answer.statusCode()).as(method + " " + uri).isEqualTo(403);
				}
				walked.add(method + " " + uri);
			}
		}
		assertThat(walked).as("operations walked").hasSizeGreaterThan(50)
			.contains("POST /api/v1/monitoring/readings", "GET /api/v1/platform/users", "GET /api/v1/registry/enterprises");
	}

	@Test
	void theMetricsAccountReachesItsAccountPageAndNoOtherPage() throws Exception {
		mvc.perform(get("/account").with(fixtures.as(metricsUser))).andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
		mvc.perform(get("/").with(fixtures.as(metricsUser)))
			.andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/account"));
		for (String page : List.of("/plan/cockpit", "/registry/enterprises", "/work", "/monitoring", "/admin/users", "/actuator/metrics",
				"/actuator/info", "/budget/sinks", "/projects/green", "/inclusive", "/inclusive/office", "/power")) {
			mvc.perform(get(page).with(fixtures.as(metricsUser)))
				.andExpect(r -> assertThat(r.getResponse().getStatus()).as(page).isEqualTo(403));
		}
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
