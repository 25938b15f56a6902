package org.peakpilot.platform;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs start-up work (plan loading, demo data) with city-wide rights under a name that the audit log shows as
 * {@code system:<name>}. Never used on a request thread.
 */
public final class SystemActor {

	private SystemActor() {
	}

	public static <T> T call(String name, Supplier<T> work) {
		return callAs(name, Role.CITY_ADMIN, Set.of(), work);
	}

	/**
	 * As {@link #call}, with another role for work that only that role may do (the demo's verification of its made-up
	 * reports runs as a {@link Role#VERIFIER} assigned to the given enterprises). Start-up work only.
	 */
	public static <T> T callAs(String name, Role role, Set<Long> enterprises, Supplier<T> work) {
		return callIn(new AccessScope("system:" + name, role, null, null, enterprises), work);
	}

	/**
	 * As {@link #call}, as a {@link Role#COUNTY_OFFICER} of one county (the demo's county review of its made-up
	 * project applications). Start-up work only.
	 */
	public static <T> T callAsCountyOfficer(String name, String countyCode, Supplier<T> work) {
		return callIn(new AccessScope("system:" + name, Role.COUNTY_OFFICER, countyCode, null, Set.of()), work);
	}

	private static <T> T callIn(AccessScope scope, Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		PeakPilotUser user = new PeakPilotUser(0, scope.actor(), null, true, scope, 0);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	public static void run(String name, Runnable work) {
		call(name, () -> {
			work.run();
			return null;
		});
	}
}
