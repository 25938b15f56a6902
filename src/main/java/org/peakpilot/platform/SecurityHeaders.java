package org.peakpilot.platform;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Content-Security-Policy with a fresh nonce per request and Referrer-Policy, on every response (pages, API,
 * errors, static files). Scripts run only from this server or inline with the nonce, which templates put on their
 * {@code <script>} elements as {@code th:nonce="${cspNonce}"}; no inline event handlers, no {@code javascript:}
 * links, no eval. Styles allow 'unsafe-inline': templates size charts and inputs with style attributes and htmx
 * adds its indicator style; styles cannot run code, scripts are what the policy protects. Framing is refused
 * ({@code frame-ancestors 'none'}; Spring Security also sends X-Frame-Options: DENY and X-Content-Type-Options).
 * See docs/adr/0011.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecurityHeaders extends OncePerRequestFilter {

	/** The request attribute (and so the template variable) holding this response's script nonce. */
	static final String NONCE_ATTRIBUTE = "cspNonce";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		String nonce = Base64.getEncoder().encodeToString(bytes);
		request.setAttribute(NONCE_ATTRIBUTE, nonce);
		response.setHeader("Content-Security-Policy", policy(nonce));
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		chain.doFilter(request, response);
	}

	static String policy(String nonce) {
		return "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; "
				+ "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
				+ "form-action 'self'; frame-ancestors 'none'";
	}
}
