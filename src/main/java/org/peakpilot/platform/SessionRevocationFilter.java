package org.peakpilot.platform;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session that has outlived its user's rights: on every request of a signed-in page session, the
 * principal's security stamp is compared with the stored one (one primary-key lookup, no cache, so that it holds
 * across instances). A user who was disabled, deleted, given another role or scope, or whose password changed is
 * signed out and sent to {@code /login?expired} (htmx requests get {@code HX-Redirect}). See docs/adr/0011.
 */
class SessionRevocationFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocationFilter.class);
	/** Static files hold nothing of the user's: no lookup for them. */
	private static final String[] STATIC = { "/webjars/", "/css/", "/js/", "/img/", "/favicon.ico" };

	private final UserAccounts accounts;

	SessionRevocationFilter(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String prefix : STATIC) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof PeakPilotUser user && user.id() > 0) {
			Optional<Long> stored = accounts.securityStamp(user.id());
			if (stored.isEmpty() || stored.get() != user.securityStamp()) {
				log.info("Signed out a session of user {}: the account was disabled, deleted or changed", user.id());
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
				String target = request.getContextPath() + "/login?expired";
				if ("true".equals(request.getHeader("HX-Request"))) {
					response.setHeader("HX-Redirect", target);
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				}
				else {
					response.sendRedirect(target);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Carries the current session over a change of the signed-in user's own password: the session gets a new ID
	 * and the principal the new stamp, while every other session of the user ends.
	 */
	static void renewOwnSession(UserAccounts accounts, HttpServletRequest request, HttpServletResponse response) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !(auth.getPrincipal() instanceof PeakPilotUser user)) {
			return;
		}
		accounts.currentPrincipal(user.id()).ifPresent(fresh -> {
			fresh.eraseCredentials();
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
			SecurityContextHolder.setContext(context);
			if (request.getSession(false) != null) {
				request.changeSessionId();
			}
			new HttpSessionSecurityContextRepository().saveContext(context, request, response);
		});
	}
}
