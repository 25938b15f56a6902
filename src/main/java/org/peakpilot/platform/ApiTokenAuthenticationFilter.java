package org.peakpilot.platform;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>}: a personal token of a user, or the
 * device token of a meter gateway ({@link DeviceCredentials}, role {@link Role#DEVICE}).
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final UserAccounts accounts;
	private final List<DeviceCredentials> devices;
	private final AuthenticationEntryPoint entryPoint;
	private final JsonMapper json;

	ApiTokenAuthenticationFilter(UserAccounts accounts, List<DeviceCredentials> devices, AuthenticationEntryPoint entryPoint,
			JsonMapper json) {
		this.accounts = accounts;
		this.devices = List.copyOf(devices);
		this.entryPoint = entryPoint;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		String token = header.substring(7).strip();
		Authentication authentication;
		try {
			authentication = device(token).or(() -> accounts.authenticateToken(token)
				.map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))).orElse(null);
		}
		catch (DataAccessException | TransactionException ex) {
			// the token cannot be checked while the database is away: the caller should retry, not give up
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			SecurityConfiguration.writeProblem(json, response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
					"The database is not reachable at the moment; nothing was written. Send the same request again later.",
					request.getRequestURI());
			return;
		}
		if (authentication == null) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("invalid or revoked token"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

	private Optional<Authentication> device(String token) {
		return devices.stream().filter(d -> d.isDeviceToken(token)).findFirst()
			.flatMap(d -> d.authenticate(token))
			.map(scope -> UsernamePasswordAuthenticationToken.authenticated(new DevicePrincipal(scope), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + Role.DEVICE.name()))));
	}
}
