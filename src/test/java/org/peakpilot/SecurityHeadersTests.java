package org.peakpilot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response headers and the session cookie over real HTTP (docs/adr/0011): a Content-Security-Policy whose nonce
 * the page's inline scripts carry, Referrer-Policy, no sniffing, no framing; the session cookie SameSite=Lax and
 * HttpOnly, and Secure when a trusted proxy says the request came over TLS.
 */
@PeakPilotTest
class SecurityHeadersTests {

	private static final Pattern NONCE = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aPageCarriesAFreshScriptNonceThatEachOfItsInlineScriptsUses() throws Exception {
		HttpResponse<String> page = get("/public/cockpit", false);
		assertThat(page.statusCode()).isEqualTo(200);
		String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'")
			.doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
		Matcher m = NONCE.matcher(policy);
		assertThat(m.find()).as("nonce in " + policy).isTrue();
		String nonce = m.group(1);
		List<String> inline = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*application/json)[^>]*>").matcher(page.body()).results()
			.map(r -> r.group()).toList();
		assertThat(inline).isNotEmpty().allSatisfy(tag -> assertThat(tag).contains("nonce=\"" + nonce + "\""));
		assertThat(page.body()).doesNotContain("onclick=", "onsubmit=", "onchange=", "javascript:");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

		Matcher again = NONCE.matcher(get("/public/cockpit", false).headers().firstValue("Content-Security-Policy").orElseThrow());
		assertThat(again.find()).isTrue();
		assertThat(again.group(1)).as("a nonce per response").isNotEqualTo(nonce);
	}

	@Test
	void theApiAnswersWithTheSameHeaders() throws Exception {
		HttpResponse<String> api = get("/api/v1/platform/me", false);
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
		assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
		assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void theSessionCookieIsSameSiteLaxAndHttpOnlyAndSecureWhenATrustedProxyReportsTls() throws Exception {
		String plain = sessionCookie(get("/login", false));
		assertThat(plain).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure;")
			.doesNotEndWithIgnoringCase("Secure");
		// the test client is on this host, which PEAKPILOT_TRUSTED_PROXIES trusts by default, like a local nginx
		String tls = sessionCookie(get("/login", true));
		assertThat(tls).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure");
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("PEAKPILOT_SESSION=")).findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private HttpResponse<String> get(String path, boolean behindTlsProxy) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (behindTlsProxy) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
