package org.peakpilot;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Uscc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** Builders for test data through the modules' entry points; every name and code is unique per call. */
public final class Fixtures {

	public static final String PASSWORD = "fixture-password-1";
	private static final AtomicInteger SEQ = new AtomicInteger();
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Registry registry;
	private final UserAccounts accounts;

	public Fixtures(Registry registry, UserAccounts accounts) {
		this.registry = registry;
		this.accounts = accounts;
	}

	/** A random but valid unified social credit code registered in the given region. */
	public static String uscc(String regionCode) {
		String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		StringBuilder sb = new StringBuilder("91").append(regionCode);
		for (int i = 0; i < 9; i++) {
			sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return sb.append(Uscc.checkCharacter(sb.toString())).toString();
	}

	public RegistryModel.Enterprise enterprise(String countyCode, String industryCode, Long parkId) {
		return SystemActor.call("test", () -> registry.register(new RegistryModel.EnterpriseForm(uscc(countyCode),
				"测试企业 Test enterprise " + SEQ.incrementAndGet(), countyCode, industryCode, parkId, false, null)));
	}

	public long parkId(String code) {
		return SystemActor.call("test", () -> registry.parks().stream().filter(p -> p.code().equals(code)).findFirst()
			.orElseThrow().id());
	}

	public String user(Role role, String countyCode, Long parkId, Long enterpriseId, Set<Long> assigned) {
		String name = role.name().toLowerCase().replace('_', '-') + "-" + SEQ.incrementAndGet();
		SystemActor.run("test", () -> accounts.createUser(new UserAccounts.UserForm(name, "测试 " + name, PASSWORD, role,
				countyCode, parkId, enterpriseId, assigned, true)));
		return name;
	}

	public String cityOfficer() {
		return user(Role.CITY_OFFICER, null, null, null, Set.of());
	}

	public String countyOfficer(String countyCode) {
		return user(Role.COUNTY_OFFICER, countyCode, null, null, Set.of());
	}

	/** Signs a MockMvc page request in as this user, with their real principal and scope. */
	public RequestPostProcessor as(String username) {
		UserDetails user = accounts.loadUserByUsername(username);
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	/** HTTP Basic credentials of a fixture user, for API requests. */
	public static RequestPostProcessor basic(String username) {
		return httpBasic(username, PASSWORD);
	}

	public static RequestPostProcessor admin() {
		return httpBasic("admin", TestDatabase.ADMIN_PASSWORD);
	}

	/**
	 * The session cookie a response set: sessions (and their flash messages) live in the database (issue 16), so
	 * the next request of the same browser sends it instead of MockMvc's {@code flashAttrs}, which would put the flash
	 * map into the mock container's session that the application no longer reads.
	 */
	/** The session cookie a response set, or {@code held} when it set none (the session went on). */
	public static jakarta.servlet.http.Cookie sessionCookie(org.springframework.test.web.servlet.MvcResult result,
			jakarta.servlet.http.Cookie held) {
		jakarta.servlet.http.Cookie set = result.getResponse().getCookie("PEAKPILOT_SESSION");
		return set != null && !set.getValue().isEmpty() ? set : held;
	}

	public static jakarta.servlet.http.Cookie session(org.springframework.test.web.servlet.MvcResult result) {
		jakarta.servlet.http.Cookie cookie = result.getResponse().getCookie("PEAKPILOT_SESSION");
		if (cookie == null) {
			throw new IllegalStateException("the response set no session cookie");
		}
		return cookie;
	}
}
