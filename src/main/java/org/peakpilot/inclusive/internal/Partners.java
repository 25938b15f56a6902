package org.peakpilot.inclusive.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scheme's partners (碳普惠合作方) as the office registers them: the partner row, a platform user of role PARTNER
 * acting for it (it signs in and creates its personal API token at /account) and the signing secret of its trip
 * batches. The user's initial password and the secret are returned once and never shown again.
 */
@Component
public class Partners {

	public static final String CODE_PATTERN = "^[A-Z0-9][A-Z0-9_-]{1,31}$";
	public static final int NAME_MAX = 200;

	public enum Kind {
		TRANSIT, BIKE_SHARE, SCENIC_AREA, HOTEL, RESTAURANT, EVENT_ORGANISER, OTHER
	}

	public record PartnerForm(String code, String name, Kind kind, String countyCode, String username) {
	}

	public record Partner(long id, String code, String name, Kind kind, String countyCode, boolean active,
			OffsetDateTime createdAt, String username, String secretPrefix) {
	}

	/** A partner as created: the user's initial password and the signing secret, shown this once. */
	public record CreatedPartner(Partner partner, long userId, String username, String initialPassword, String signingSecret) {
	}

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final PartnerSecrets secrets;
	private final AuditLog audit;

	Partners(JdbcClient jdbc, UserAccounts accounts, PartnerSecrets secrets, AuditLog audit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.secrets = secrets;
		this.audit = audit;
	}

	/** Registers a partner with its user and signing secret (the city administrator: it creates a platform user). */
	@Transactional
	public CreatedPartner create(PartnerForm form) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		List<InputError> errors = new ArrayList<>();
		String code = form.code() == null ? "" : form.code().strip();
		if (!code.matches(CODE_PATTERN)) {
			errors.add(InputError.field("code", "2 to 32 capitals, digits, '_' or '-'"));
		}
		else if (jdbc.sql("SELECT count(*) FROM inclusive_partner WHERE code = :c").param("c", code).query(Long.class).single() > 0) {
			errors.add(InputError.field("code", "partner code " + code + " is taken"));
		}
		if (form.name() == null || form.name().isBlank() || form.name().strip().length() > NAME_MAX) {
			errors.add(InputError.field("name", "a name of 1 to " + NAME_MAX + " characters"));
		}
		if (form.kind() == null) {
			errors.add(InputError.field("kind", "one of " + java.util.Arrays.toString(Kind.values())));
		}
		if (form.countyCode() != null && !form.countyCode().isBlank() && !form.countyCode().strip().matches("^\\d{6}$")) {
			errors.add(InputError.field("countyCode", "a 6-digit division code (GB/T 2260)"));
		}
		if (form.username() == null || !form.username().strip().matches(UserAccounts.USERNAME_PATTERN)) {
			errors.add(InputError.field("username", "3 to 64 lower-case letters, digits, '.', '_' or '-'"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String password = UserAccounts.randomPassword();
		UserAccounts.UserView user = accounts.createUser(new UserAccounts.UserForm(form.username().strip(), form.name().strip(),
				password, Role.PARTNER, null, null, null, Set.of(), true));
		long id = jdbc.sql("""
				INSERT INTO inclusive_partner (code, name, kind, county_code) VALUES (:c, :n, :k, :county) RETURNING id
				""").param("c", code).param("n", form.name().strip()).param("k", form.kind().name())
			.param("county", form.countyCode() == null || form.countyCode().isBlank() ? null : form.countyCode().strip())
			.query(Long.class).single();
		jdbc.sql("INSERT INTO inclusive_partner_user (user_id, partner_id) VALUES (:u, :p)").param("u", user.id()).param("p", id).update();
		String secret = secrets.issue(id, AccessScope.current().actor());
		Partner partner = get(id);
		audit.record("inclusive.partner.created", "inclusive-partner", id, null, partner);
		return new CreatedPartner(partner, user.id(), user.username(), password, secret);
	}

	/** Issues a new signing secret (the old one stops working at once); shown this once. */
	@Transactional
	public String rotateSecret(long partnerId) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		get(partnerId);
		String secret = secrets.issue(partnerId, AccessScope.current().actor());
		audit.record("inclusive.partner.secret-issued", "inclusive-partner", partnerId, null, null);
		return secret;
	}

	public List<Partner> list() {
		return jdbc.sql(SELECT + " ORDER BY p.code").query(Partners::partner).list();
	}

	public Partner get(long id) {
		return jdbc.sql(SELECT + " WHERE p.id = :id").param("id", id).query(Partners::partner).optional()
			.orElseThrow(() -> new NotFoundException("partner " + id));
	}

	/**
	 * For pages and calls both the office and partners use: null for the city's roles (they act for any partner),
	 * the caller's partner for a PARTNER user, refused for anyone else (naming what they tried to reach).
	 */
	public Long ofCallerOrOffice(String reach) {
		AccessScope scope = AccessScope.current();
		if (scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER)) {
			return null;
		}
		if (scope.hasRole(Role.PARTNER)) {
			return ofCurrentUser().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException(scope.actor() + " acts for no active partner"));
		}
		throw new org.springframework.security.access.AccessDeniedException(scope.actor() + " may not reach " + reach);
	}

	/** The partner the signed-in PARTNER user acts for. */
	public Optional<Long> ofCurrentUser() {
		AccessScope scope = AccessScope.current();
		if (!scope.hasRole(Role.PARTNER)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT pu.partner_id FROM inclusive_partner_user pu JOIN app_user u ON u.id = pu.user_id
				JOIN inclusive_partner p ON p.id = pu.partner_id WHERE u.username = :u AND p.active
				""").param("u", scope.actor()).query(Long.class).optional();
	}

	private static final String SELECT = """
			SELECT p.*, s.secret_prefix,
			  (SELECT min(u.username) FROM inclusive_partner_user pu JOIN app_user u ON u.id = pu.user_id WHERE pu.partner_id = p.id) AS username
			FROM inclusive_partner p LEFT JOIN inclusive_partner_secret s ON s.partner_id = p.id""";

	private static Partner partner(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Partner(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
				rs.getString("county_code"), rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getString("username"), rs.getString("secret_prefix"));
	}
}
