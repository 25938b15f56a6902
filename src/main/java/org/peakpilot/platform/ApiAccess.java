package org.peakpilot.platform;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which part of the API, by path: the one list that both the API's filter chain
 * ({@link SecurityConfiguration}) enforces and the OpenAPI document ({@link ApiDocumentation}) states, so that the
 * document's {@code security: []} and roles cannot drift from what the server does. Roles narrowed further inside
 * a call ({@link AccessScope#requireRole}) are stated on the operation with {@link ApiRoles}.
 */
final class ApiAccess {

	/** Rules in the order the filter chain applies them; the first match decides. */
	static final List<Rule> RULES = List.of(
			// the public cockpit's data: no sign-in
			new Rule(HttpMethod.GET, List.of("/api/v1/public/**"), List.of()),
			new Rule(null, List.of("/api/v1/platform/users/**", "/api/v1/platform/audit/**"), List.of(Role.CITY_ADMIN)),
			// a meter gateway (device token) may only send readings and its status; every other call is for people
			new Rule(HttpMethod.POST, List.of("/api/v1/monitoring/readings", "/api/v1/monitoring/status"),
					Arrays.stream(Role.values()).filter(r -> r != Role.METRICS).toList()),
			// the forestry bureau's officer reaches the sink ledger only (which operations: @ApiRoles on them)
			new Rule(null, List.of("/api/v1/budget/sinks", "/api/v1/budget/sinks/**"), Role.staffRoles().stream().filter(r -> r != Role.BANK).toList()),
			// a bank's user reaches the green library only (which operations: @ApiRoles on them)
			new Rule(null, List.of("/api/v1/projects/green", "/api/v1/projects/green/**"), Role.staffRoles().stream().filter(r -> r != Role.FORESTRY_OFFICER).toList()),
			// filed projects of the admission module: applicants, their county, park and the office (which operations: @ApiRoles)
			new Rule(null, List.of("/api/v1/admission/projects", "/api/v1/admission/projects/**"), List.of(Role.CITY_ADMIN, Role.CITY_OFFICER,
					Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER)),
			// the carbon-inclusive scheme (碳普惠): partners push trips and read their own data, citizens their own; the
			// office's part is for staff (which operations: @ApiRoles); the forestry bureau issues carbon tickets
			new Rule(null, List.of("/api/v1/inclusive/trips", "/api/v1/inclusive/trips/**", "/api/v1/inclusive/partner/**"), List.of(Role.PARTNER)),
			new Rule(null, List.of("/api/v1/inclusive/me", "/api/v1/inclusive/me/**"), List.of(Role.CITIZEN)),
			new Rule(null, List.of("/api/v1/inclusive/**"), Role.staffRoles().stream().filter(r -> r != Role.BANK).toList()),
			new Rule(null, List.of("/api/**"), Role.staffRoles().stream().filter(r -> r != Role.FORESTRY_OFFICER && r != Role.BANK).toList()));

	private ApiAccess() {
	}

	/**
	 * One rule: requests of a method (null: any) to paths matching the patterns are allowed for the roles; no roles
	 * means public (no authentication). A rule naming {@link Role#DEVICE} also takes device tokens.
	 */
	record Rule(HttpMethod method, List<String> patterns, List<Role> roles) {

		boolean isPublic() {
			return roles.isEmpty();
		}

		boolean takesDeviceTokens() {
			return roles.contains(Role.DEVICE);
		}

		String[] patternArray() {
			return patterns.toArray(String[]::new);
		}

		String[] roleNames() {
			return roles.stream().map(Role::name).toArray(String[]::new);
		}

		boolean matches(HttpMethod requestMethod, String path) {
			if (method != null && !method.equals(requestMethod)) {
				return false;
			}
			PathContainer container = PathContainer.parsePath(path);
			return patterns.stream().map(PathPatternParser.defaultInstance::parse).anyMatch(p -> p.matches(container));
		}
	}

	/** The rule deciding a request (or an OpenAPI operation, whose path templates match like concrete paths). */
	static Rule ruleFor(HttpMethod method, String path) {
		return RULES.stream().filter(r -> r.matches(method, path)).findFirst()
			.orElseThrow(() -> new IllegalStateException("no API access rule for " + method + " " + path));
	}
}
