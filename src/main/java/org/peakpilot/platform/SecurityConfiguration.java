package org.peakpilot.platform;

import java.net.URI;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API ({@code /api/**}) is stateless: HTTP Basic or a personal Bearer token, no session,
 * so no CSRF; failures are RFC 9457 problem details. Pages use a form login with a session and CSRF protection.
 * A meter gateway's device token ({@link DeviceCredentials}) is good for sending readings only.
 * The public cockpit ({@code /public/**}, {@code GET /api/v1/public/**}) needs no login; the API's rules are
 * {@link ApiAccess}'s. What a signed-in
 * user may see is decided by {@link AccessScope} inside the modules, the same for pages and API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] PUBLIC_PAGES = { "/login", "/public/**", "/webjars/**", "/css/**", "/js/**", "/img/**",
			"/favicon.ico", "/error", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
			"/actuator/health", "/actuator/health/**", "/livez", "/readyz" };


	/** The pages a {@link Role#FORESTRY_OFFICER} reaches (besides the public ones); every other page is 403 for it. */
	static final String[] FORESTRY_PAGES = { "/", "/budget/sinks", "/budget/sinks/**", "/account", "/account/**", "/logout" };

	/** The carbon-inclusive scheme's pages anyone reaches: sign-up and its landing page (碳普惠注册). */
	static final String[] INCLUSIVE_PUBLIC_PAGES = { "/inclusive/signup", "/inclusive/welcome" };

	/** The pages a {@link Role#BANK} user reaches (besides the public ones and its account): the green library. */
	static final String[] BANK_PAGES = { "/projects/green", "/projects/green/**" };

	/** Signed in, in none of the roles. */
	private static org.springframework.security.authorization.AuthorizationDecision signedInWithout(
			org.springframework.security.core.Authentication a, Role... roles) {
		boolean signedIn = a != null && a.isAuthenticated() && !(a instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
		return new org.springframework.security.authorization.AuthorizationDecision(signedIn
				&& a.getAuthorities().stream().noneMatch(g -> java.util.Arrays.stream(roles).anyMatch(r -> ("ROLE_" + r.name()).equals(g.getAuthority()))));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Prometheus' scrape ({@code /actuator/prometheus}): stateless, HTTP Basic or a personal token of a
	 * {@link Role#METRICS} account and nobody else's (not even the city administrator's: a scraper's credentials are
	 * kept on another machine and must open nothing more). Failures are problem details without a login page.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain metricsChain(HttpSecurity http, UserAccounts accounts, JsonMapper json) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			if (ex instanceof LoginLockedException locked) {
				response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(locked.retryAfterSeconds()));
				writeProblem(json, response, HttpStatus.TOO_MANY_REQUESTS, "login-locked", "Too many failed sign-ins.", request.getRequestURI());
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"PeakPilot metrics\", Bearer");
			writeProblem(json, response, HttpStatus.UNAUTHORIZED, "unauthorized",
					"Authenticate as a metrics account with HTTP Basic or its personal API token (Authorization: Bearer ...).",
					request.getRequestURI());
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> writeProblem(json, response, HttpStatus.FORBIDDEN,
				"forbidden", "Only a metrics account reads the metrics.", request.getRequestURI());
		http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
			.authorizeHttpRequests(a -> a.anyRequest().hasRole(Role.METRICS.name()))
			.httpBasic(b -> b.authenticationEntryPoint(unauthorized))
			// personal tokens only: a gateway's device token is no way in here
			.addFilterBefore(new ApiTokenAuthenticationFilter(accounts, List.of(), unauthorized, json), BasicAuthenticationFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, UserAccounts accounts, List<DeviceCredentials> devices, JsonMapper json)
			throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			if (ex instanceof LoginLockedException locked) {
				response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(locked.retryAfterSeconds()));
				writeProblem(json, response, HttpStatus.TOO_MANY_REQUESTS, "login-locked",
						"Too many failed sign-ins: this account or address is locked for " + locked.retryAfterSeconds()
								+ " s; no password is checked until then. The city administrator can unlock the account.",
						request.getRequestURI());
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"PeakPilot\", Bearer");
			writeProblem(json, response, HttpStatus.UNAUTHORIZED, "unauthorized",
					"Authenticate with HTTP Basic or a personal API token (Authorization: Bearer ...).", request.getRequestURI());
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> writeProblem(json, response, HttpStatus.FORBIDDEN,
				"forbidden", "Your role or scope does not allow this.", request.getRequestURI());
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(a -> {
				// the rules are ApiAccess's, which the OpenAPI document states too (security, roles)
				for (ApiAccess.Rule rule : ApiAccess.RULES) {
					var matcher = rule.method() == null ? a.requestMatchers(rule.patternArray())
							: a.requestMatchers(rule.method(), rule.patternArray());
					if (rule.isPublic()) {
						matcher.permitAll();
					}
					else {
						matcher.hasAnyRole(rule.roleNames());
					}
				}
			})
			.httpBasic(b -> b.authenticationEntryPoint(unauthorized))
			.addFilterBefore(new ApiTokenAuthenticationFilter(accounts, devices, unauthorized, json), BasicAuthenticationFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, UserAccounts accounts) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers(PUBLIC_PAGES).permitAll()
				.requestMatchers("/admin/**", "/actuator/**").hasRole(Role.CITY_ADMIN.name())
				// the forestry bureau's officer reaches the sink ledger and its own account only
				// a bank's user reaches the green library and its own account only
				.requestMatchers("/budget/sinks", "/budget/sinks/**").access((auth, context) -> signedInWithout(auth.get(), Role.BANK, Role.CITIZEN, Role.PARTNER, Role.METRICS))
				// the carbon-inclusive scheme (碳普惠): sign-up is public; the office's pages are staff's (the forestry
				// bureau's officer reaches its carbon-ticket pages); partners reach theirs, citizens their H5 pages
				.requestMatchers(INCLUSIVE_PUBLIC_PAGES).permitAll()
				.requestMatchers("/inclusive/office/forestry", "/inclusive/office/forestry/**").access((auth, context) -> signedInWithout(auth.get(), Role.BANK, Role.CITIZEN, Role.PARTNER, Role.METRICS))
				.requestMatchers("/inclusive/office", "/inclusive/office/**").access((auth, context) -> signedInWithout(auth.get(), Role.FORESTRY_OFFICER, Role.BANK, Role.CITIZEN, Role.PARTNER, Role.METRICS))
				.requestMatchers("/inclusive/partner", "/inclusive/partner/**").hasRole(Role.PARTNER.name())
				.requestMatchers("/inclusive", "/inclusive/**").hasRole(Role.CITIZEN.name())
				// also all that a metrics account (Role.METRICS) reaches: its own account (password, personal token)
				.requestMatchers(FORESTRY_PAGES).authenticated()
				.requestMatchers(BANK_PAGES).access((auth, context) -> signedInWithout(auth.get(), Role.FORESTRY_OFFICER, Role.CITIZEN, Role.PARTNER, Role.METRICS))
				.anyRequest().access((auth, context) -> signedInWithout(auth.get(), Role.FORESTRY_OFFICER, Role.BANK, Role.CITIZEN, Role.PARTNER, Role.METRICS)))
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(SecurityConfiguration::loginFailed)
				.permitAll())
			.logout(l -> l.logoutSuccessUrl("/login?logout").permitAll())
			.headers(h -> h.frameOptions(f -> f.deny()))
			.addFilterAfter(new SessionRevocationFilter(accounts), SecurityContextHolderFilter.class);
		return http.build();
	}

	/** A wrong password back to the form it came from; a lock with its minutes ({@link LoginThrottle}). */
	private static void loginFailed(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws java.io.IOException {
		String target = ex instanceof LoginLockedException locked ? "/login?locked=" + locked.retryAfterMinutes() : "/login?error";
		// the carbon-inclusive scheme's phone-sized sign-in form (/inclusive/welcome) shows its own failures
		if ("h5".equals(request.getParameter("form"))) {
			target = "/inclusive/welcome" + target.substring("/login".length());
		}
		response.sendRedirect(request.getContextPath() + target);
	}

	static void writeProblem(JsonMapper json, jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
			String type, String detail, String instance) throws java.io.IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setInstance(URI.create(instance));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(problem));
	}
}
