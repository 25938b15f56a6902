package org.peakpilot.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users, their role and scope, and personal API tokens. The city administrator manages users; every user
 * manages their own tokens and password. Passwords and tokens are stored only as hashes.
 */
@Component
public class UserAccounts implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
	/** A user name: 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit. */
	public static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{2,63}$";
	private static final Pattern USERNAME = Pattern.compile(USERNAME_PATTERN);
	/** The longest display name. */
	public static final int DISPLAY_NAME_MAX = 128;
	/** The shortest password accepted. */
	public static final int MIN_PASSWORD_LENGTH = 10;
	private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	private static final String TOKEN_PREFIX = "ppt_";

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final ScopeDirectory directory;
	private final AuditLog audit;
	private final Clock clock;
	private final LoginThrottle throttle;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, ScopeDirectory directory, AuditLog audit, Clock clock,
			LoginThrottle throttle) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
		this.throttle = throttle;
	}

	/**
	 * A user as shown to the administrator; never carries the password hash. {@code lockedUntil}: the end of a
	 * sign-in lock after repeated wrong passwords, {@code null} when not locked.
	 */
	@Schema(description = "A user with role and scope · 用户及其角色与范围")
	public record UserView(
			@Schema(example = "7", description = "Id of the user · 用户编号") long id,
			@Schema(example = "jiajiang.officer", description = "Sign-in name · 登录名") String username,
			@Schema(example = "夹江县发改局 张三", description = "Name shown in the application · 显示名称") String displayName,
			@Schema(description = "The user's role · 角色") Role role,
			@Schema(example = "511126", description = "For COUNTY_OFFICER: the county (GB/T 2260) · 县级用户所属区县代码") String countyCode,
			@Schema(description = "For PARK_MANAGER: the park's id · 园区管理员所属园区编号") Long parkId,
			@Schema(description = "For ENTERPRISE_USER: the enterprise's id · 企业用户所属企业编号") Long enterpriseId,
			@Schema(description = "For VERIFIER: ids of the enterprises assigned to verify · 核查机构负责的企业编号") Set<Long> assignedEnterprises,
			@Schema(description = "Whether the user may sign in · 是否启用") boolean enabled,
			@Schema(description = "End of a sign-in lock after repeated wrong passwords; absent when not locked · 登录锁定截止时间") Instant lockedUntil) {
	}

	/** What the administrator enters for a new user or a change; {@code password} is ignored on a change. */
	@Schema(description = "A user to create or change (city administrator) · 新建或修改的用户")
	public record UserForm(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = USERNAME_PATTERN, example = "jiajiang.officer",
					description = "Sign-in name, 3 to 64 lower-case letters, digits, '.', '_' or '-'; required on creation, "
							+ "ignored on a change (it cannot change) · 登录名（创建时必填，之后不可修改）") String username,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = DISPLAY_NAME_MAX,
					example = "夹江县发改局 张三", description = "Name shown in the application · 显示名称") String displayName,
			@Schema(format = "password", minLength = MIN_PASSWORD_LENGTH, example = "a-long-passphrase-2026",
					description = "Initial password, at least " + MIN_PASSWORD_LENGTH + " characters and at most "
							+ InputBounds.PASSWORD_MAX_BYTES + " bytes in UTF-8; required on creation, ignored on a change "
							+ "· 初始密码（创建时必填，修改时忽略）") String password,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The user's role; DEVICE is refused (gateways "
					+ "get device tokens in monitoring) · 角色（不接受 DEVICE）") Role role,
			@Schema(example = "511126", description = "Required for COUNTY_OFFICER: a county-level division of the city "
					+ "(GB/T 2260), one of /api/v1/registry/regions · 县级用户必填：区县代码") String countyCode,
			@Schema(description = "Required for PARK_MANAGER: a park's id, one of /api/v1/registry/parks · 园区管理员必填：园区编号") Long parkId,
			@Schema(description = "Required for ENTERPRISE_USER: an enterprise's id · 企业用户必填：企业编号") Long enterpriseId,
			@Schema(description = "For VERIFIER: ids of existing enterprises to verify · 核查机构：负责核查的企业编号") Set<Long> assignedEnterprises,
			@Schema(example = "true", description = "Whether the user may sign in; on a change, absent keeps the current "
					+ "setting · 是否启用（修改时不填则保持不变）") Boolean enabled) {
	}

	@Schema(description = "A personal API token, without its secret · 个人 API 令牌（不含密钥）")
	public record TokenView(
			@Schema(example = "3", description = "Id of the token · 令牌编号") long id,
			@Schema(example = "province platform pull · 省平台拉取", description = "What the token is for · 令牌用途") String name,
			@Schema(example = "ppt_3f9a2c", description = "The secret's first 10 characters, to recognise it · 密钥前 10 位") String prefix,
			@Schema(description = "When it was created · 创建时间") Instant createdAt,
			@Schema(description = "When it was last used; absent if never · 最近使用时间") Instant lastUsedAt,
			@Schema(description = "When it was revoked; absent while active · 吊销时间（有效时为空）") Instant revokedAt) {
		public boolean active() {
			return revokedAt == null;
		}
	}

	/** A token as created: {@code secret} is shown once and never again. */
	@Schema(description = "A token as created, with its secret shown this once · 新建的令牌（密钥仅此一次返回）")
	public record CreatedToken(
			@Schema(description = "The token · 令牌") TokenView token,
			@Schema(example = "ppt_3f9a2c1be07d4c55a1e2f3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
					description = "The secret, \"ppt_\" and 64 hex digits, sent as \"Authorization: Bearer ppt_…\"; "
					+ "shown in this response only · 令牌密钥（仅此一次返回，以 Bearer 方式使用）") String secret) {
	}

	public List<UserView> users() {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		return jdbc.sql("SELECT * FROM app_user ORDER BY id").query(this::userView).list();
	}

	public UserView user(long id) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		return findUser(id).orElseThrow(() -> new NotFoundException("user " + id));
	}

	/** The signed-in user. */
	public UserView me() {
		String name = AccessScope.current().actor();
		return jdbc.sql("SELECT * FROM app_user WHERE username = :u").param("u", name).query(this::userView).optional()
			.orElseThrow(() -> new NotFoundException("user " + name));
	}

	@Transactional
	public UserView createUser(UserForm form) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		List<InputError> errors = validate(form, true);
		if (errors.isEmpty() && jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", form.username())
			.query(Long.class).single() > 0) {
			errors.add(InputError.field("username", "user name '" + form.username() + "' is taken"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insertUser(form);
		UserView created = findUser(id).orElseThrow();
		audit.record("user.created", "user", id, null, created);
		log.info("Created user {} ({}) with role {}", form.username(), id, form.role());
		return created;
	}

	@Transactional
	public UserView updateUser(long id, UserForm form) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		UserView before = user(id);
		UserForm merged = new UserForm(before.username(), form.displayName(), null, form.role(), form.countyCode(),
				form.parkId(), form.enterpriseId(), form.assignedEnterprises(),
				form.enabled() == null ? before.enabled() : form.enabled());
		List<InputError> errors = validate(merged, false);
		if (before.role() == Role.CITY_ADMIN && (merged.role() != Role.CITY_ADMIN || !merged.enabled()) && activeAdmins() <= 1) {
			errors.add(InputError.field("role", "the last enabled city administrator cannot be demoted or disabled"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Scope s = scopeColumns(merged);
		jdbc.sql("""
				UPDATE app_user SET display_name = :dn, role = :role, county_code = :county, park_id = :park,
				       enterprise_id = :ent, enabled = :enabled, updated_at = :now WHERE id = :id
				""")
			.param("dn", merged.displayName().strip()).param("role", merged.role().name()).param("county", s.county)
			.param("park", s.park).param("ent", s.enterprise).param("enabled", merged.enabled())
			.param("now", now()).param("id", id).update();
		replaceAssignments(id, merged);
		UserView after = findUser(id).orElseThrow();
		if (rightsChanged(before, after)) {
			endSessions(id);
		}
		audit.record("user.updated", "user", id, before, after);
		return after;
	}

	@Transactional
	public void resetPassword(long id, String newPassword) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		UserView user = user(id);
		setPassword(user, newPassword);
		endSessions(id);
		audit.record("user.password-reset", "user", id, null, null);
	}

	@Transactional
	public void changeOwnPassword(String currentPassword, String newPassword) {
		UserView me = me();
		String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id").param("id", me.id()).query(String.class).single();
		String address = LoginThrottle.currentAddress();
		// the current password is a password like any other: guessing it is throttled and locks sign-in too
		Optional<java.time.Duration> locked = throttle.lockedFor(me.username(), address);
		if (locked.isPresent()) {
			throw new LoginLockedException(locked.get());
		}
		if (currentPassword == null || !InputBounds.password(new ArrayList<>(), "currentPassword", currentPassword)
				|| !passwords.matches(currentPassword, hash)) {
			throttle.failed(me.username(), address).ifPresent(lock -> {
				throw new LoginLockedException(lock);
			});
			throw new InvalidInputException("currentPassword", "the current password is wrong");
		}
		setPassword(me, newPassword);
		endSessions(me.id());
		audit.record("user.password-changed", "user", me.id(), null, null);
	}

	/** A mainland China mobile number as a citizen's sign-in name: 11 digits starting 13–19. */
	public static final String PHONE_LOGIN_PATTERN = "^1[3-9][0-9]{9}$";
	/** An e-mail address as a citizen's sign-in name (lower-cased; at most {@value #SELF_LOGIN_MAX} characters). */
	public static final String EMAIL_LOGIN_PATTERN = "^[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.[a-z]{2,24}$";
	private static final Pattern PHONE_LOGIN = Pattern.compile(PHONE_LOGIN_PATTERN);
	private static final Pattern EMAIL_LOGIN = Pattern.compile(EMAIL_LOGIN_PATTERN);
	/** The longest self-chosen sign-in name (the column app_user.username). */
	public static final int SELF_LOGIN_MAX = 64;

	/**
	 * The sign-in name a person typed as a phone number or e-mail address, normalised (blanks and a {@code +86} prefix
	 * removed, e-mail lower-cased); empty when it is neither.
	 */
	public static Optional<String> selfLogin(String typed) {
		if (typed == null || typed.length() > 2 * SELF_LOGIN_MAX) {
			return Optional.empty();
		}
		String s = typed.strip();
		if (s.indexOf('@') < 0) {
			s = s.replace(" ", "").replace("-", "");
			if (s.startsWith("+86")) {
				s = s.substring(3);
			}
			return PHONE_LOGIN.matcher(s).matches() ? Optional.of(s) : Optional.empty();
		}
		s = s.toLowerCase(java.util.Locale.ROOT);
		return s.length() <= SELF_LOGIN_MAX && EMAIL_LOGIN.matcher(s).matches() ? Optional.of(s) : Optional.empty();
	}

	/**
	 * Self sign-up of a {@link Role#CITIZEN} (碳普惠用户): the login is a mainland mobile number or an e-mail address
	 * ({@link #selfLogin}), the display name the citizen's pseudonym. No real-name data. Errors name the fields
	 * {@code login}, {@code password}, {@code publicName} (1 to {@code publicNameMax} characters, no control
	 * characters); a taken login is an error of {@code login}. The caller (the carbon-inclusive module) throttles
	 * sign-ups. Answers the new user's id.
	 */
	@Transactional
	public long signUpCitizen(String login, String password, String publicName, int publicNameMax) {
		List<InputError> errors = new ArrayList<>();
		Optional<String> normalised = selfLogin(login);
		if (normalised.isEmpty()) {
			errors.add(InputError.field("login", "a mainland mobile number (11 digits) or an e-mail address of at most "
					+ SELF_LOGIN_MAX + " characters"));
		}
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			errors.add(InputError.field("password", "a password needs at least " + MIN_PASSWORD_LENGTH + " characters"));
		}
		else {
			InputBounds.password(errors, "password", password);
		}
		int nameMax = Math.min(publicNameMax, DISPLAY_NAME_MAX);
		if (publicName == null || publicName.isBlank() || publicName.strip().length() > nameMax
				|| publicName.codePoints().anyMatch(Character::isISOControl)) {
			errors.add(InputError.field("publicName", "a public name of 1 to " + nameMax + " characters is required"));
		}
		if (normalised.isPresent() && jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", normalised.get())
			.query(Long.class).single() > 0) {
			errors.add(InputError.field("login", "already signed up; sign in instead"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insertUser(new UserForm(normalised.get(), publicName.strip(), password, Role.CITIZEN, null, null, null,
				Set.of(), true));
		audit.record("user.signed-up", "user", id, null, AuditLog.snapshot("role", Role.CITIZEN.name()));
		log.info("Citizen user {} signed up", id);
		return id;
	}

	/**
	 * The user's security stamp while the user exists and is enabled: a web session signed in with another stamp
	 * has outlived a change of the user's rights or password (docs/adr/0011).
	 */
	Optional<Long> securityStamp(long userId) {
		return jdbc.sql("SELECT security_stamp FROM app_user WHERE id = :id AND enabled").param("id", userId)
			.query(Long.class).optional();
	}

	/** The user's principal as stored now, e.g. to carry on the session in which they changed their own password. */
	Optional<PeakPilotUser> currentPrincipal(long userId) {
		return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", userId).query(this::principal).optional();
	}

	/** Ends every web session of the user: their next request finds the stamp changed and is signed out. */
	private void endSessions(long userId) {
		jdbc.sql("UPDATE app_user SET security_stamp = security_stamp + 1 WHERE id = :id").param("id", userId).update();
		log.info("Ended the web sessions of user {}", userId);
	}

	/** Whether a change takes rights away or gives others: enabled flag, role, scope or assigned enterprises. */
	private static boolean rightsChanged(UserView before, UserView after) {
		return before.enabled() != after.enabled() || before.role() != after.role()
				|| !java.util.Objects.equals(before.countyCode(), after.countyCode())
				|| !java.util.Objects.equals(before.parkId(), after.parkId())
				|| !java.util.Objects.equals(before.enterpriseId(), after.enterpriseId())
				|| !before.assignedEnterprises().equals(after.assignedEnterprises());
	}

	/** Ends a user's sign-in lock after repeated wrong passwords (city administrator); audited. */
	@Transactional
	public UserView unlock(long id) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		UserView before = user(id);
		if (throttle.unlock(before.username())) {
			audit.record("user.unlocked", "user", id, before, findUser(id).orElseThrow());
			log.info("Unlocked sign-in of user {}", id);
		}
		return findUser(id).orElseThrow();
	}

	public List<TokenView> myTokens() {
		UserView me = me();
		return jdbc.sql("SELECT * FROM api_token WHERE user_id = :u ORDER BY id DESC").param("u", me.id())
			.query(UserAccounts::tokenView).list();
	}

	/** The longest name of a personal token (PlatformApi documents it). */
	static final int TOKEN_NAME_MAX = 100;

	@Transactional
	public CreatedToken createToken(String name) {
		UserView me = me();
		if (name == null || name.isBlank() || name.strip().length() > TOKEN_NAME_MAX) {
			throw new InvalidInputException("name", "a token needs a name of 1 to " + TOKEN_NAME_MAX + " characters");
		}
		String secret = newSecret(TOKEN_PREFIX);
		long id = jdbc.sql("""
				INSERT INTO api_token (user_id, name, token_prefix, token_sha256, created_at)
				VALUES (:u, :name, :prefix, :hash, :now) RETURNING id
				""")
			.param("u", me.id()).param("name", name.strip()).param("prefix", secret.substring(0, 10))
			.param("hash", sha256(secret)).param("now", now()).query(Long.class).single();
		TokenView view = token(me.id(), id);
		audit.record("token.created", "api-token", id, null, view);
		return new CreatedToken(view, secret);
	}

	@Transactional
	public void revokeToken(long tokenId) {
		UserView me = me();
		TokenView before = token(me.id(), tokenId);
		if (!before.active()) {
			return;
		}
		jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id").param("now", now()).param("id", tokenId).update();
		audit.record("token.revoked", "api-token", tokenId, before, token(me.id(), tokenId));
	}

	/** Sign-in lookup for forms and HTTP Basic. */
	@Override
	public PeakPilotUser loadUserByUsername(String username) {
		String name = username == null ? "" : username.strip();
		// a citizen signs in with its phone number or e-mail as typed (+86, blanks, capitals)
		String login = name.indexOf('@') >= 0 || name.startsWith("+86") ? selfLogin(name).orElse(name) : name;
		return jdbc.sql("SELECT * FROM app_user WHERE username = :u").param("u", login)
			.query(this::principal).optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	/** The principal behind an active bearer token, marking the token as used. */
	@Transactional
	Optional<PeakPilotUser> authenticateToken(String secret) {
		if (secret == null || !secret.startsWith(TOKEN_PREFIX)) {
			return Optional.empty();
		}
		Optional<Long> userId = jdbc.sql("""
				UPDATE api_token SET last_used_at = :now WHERE token_sha256 = :hash AND revoked_at IS NULL RETURNING user_id
				""")
			.param("now", now()).param("hash", sha256(secret)).query(Long.class).optional();
		return userId.flatMap(id -> jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query(this::principal).optional())
			.filter(PeakPilotUser::isEnabled);
	}

	long countUsers() {
		return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
	}

	/** Creates the first city administrator; used once, on a database without users. */
	@Transactional
	void createInitialAdministrator(String username, String password) {
		long id = insertUser(new UserForm(username, "市管理员 City administrator", password, Role.CITY_ADMIN, null, null,
				null, Set.of(), true));
		SystemActor.run("bootstrap", () -> audit.record("user.created", "user", id, null, findUser(id).orElseThrow()));
	}

	private long insertUser(UserForm form) {
		Scope s = scopeColumns(form);
		long id = jdbc.sql("""
				INSERT INTO app_user (username, display_name, password_hash, role, county_code, park_id, enterprise_id,
				                      enabled, created_at, updated_at)
				VALUES (:u, :dn, :hash, :role, :county, :park, :ent, :enabled, :now, :now) RETURNING id
				""")
			.param("u", form.username()).param("dn", form.displayName().strip()).param("hash", passwords.encode(form.password()))
			.param("role", form.role().name()).param("county", s.county).param("park", s.park).param("ent", s.enterprise)
			.param("enabled", form.enabled() == null || form.enabled()).param("now", now())
			.query(Long.class).single();
		replaceAssignments(id, form);
		return id;
	}

	private void replaceAssignments(long userId, UserForm form) {
		jdbc.sql("DELETE FROM app_user_assignment WHERE user_id = :u").param("u", userId).update();
		if (form.role() == Role.VERIFIER && form.assignedEnterprises() != null) {
			for (Long e : form.assignedEnterprises()) {
				jdbc.sql("INSERT INTO app_user_assignment (user_id, enterprise_id) VALUES (:u, :e)").param("u", userId)
					.param("e", e).update();
			}
		}
	}

	private void setPassword(UserView user, String newPassword) {
		List<InputError> tooLong = new ArrayList<>();
		if (!InputBounds.password(tooLong, "password", newPassword)) {
			throw new InvalidInputException(tooLong);
		}
		if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidInputException("password", "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		jdbc.sql("UPDATE app_user SET password_hash = :h, updated_at = :now WHERE id = :id")
			.param("h", passwords.encode(newPassword)).param("now", now()).param("id", user.id()).update();
	}

	private List<InputError> validate(UserForm form, boolean creating) {
		List<InputError> errors = new ArrayList<>();
		if (creating && (form.username() == null || !USERNAME.matcher(form.username()).matches())) {
			errors.add(InputError.field("username", "3–64 lower-case letters, digits, '.', '_' or '-'"));
		}
		if (form.displayName() == null || form.displayName().isBlank() || form.displayName().length() > DISPLAY_NAME_MAX) {
			errors.add(InputError.field("displayName", "a display name of 1 to " + DISPLAY_NAME_MAX + " characters is required"));
		}
		if (creating && (form.password() == null || form.password().length() < MIN_PASSWORD_LENGTH)) {
			errors.add(InputError.field("password", "a password needs at least " + MIN_PASSWORD_LENGTH + " characters"));
		}
		InputBounds.password(errors, "password", form.password());
		if (form.role() == null) {
			errors.add(InputError.field("role", "a role is required"));
			return errors;
		}
		switch (form.role()) {
			case COUNTY_OFFICER -> {
				if (form.countyCode() == null || !directory.isCounty(form.countyCode())) {
					errors.add(InputError.field("countyCode", "a county officer needs a county of this city"));
				}
			}
			case PARK_MANAGER -> {
				if (form.parkId() == null || !directory.isPark(form.parkId())) {
					errors.add(InputError.field("parkId", "a park manager needs an existing park"));
				}
			}
			case ENTERPRISE_USER -> {
				if (form.enterpriseId() == null || directory.enterpriseOwner(form.enterpriseId()).isEmpty()) {
					errors.add(InputError.field("enterpriseId", "an enterprise user needs an existing enterprise"));
				}
			}
			case VERIFIER -> {
				for (Long e : form.assignedEnterprises() == null ? Set.<Long>of() : form.assignedEnterprises()) {
					if (directory.enterpriseOwner(e).isEmpty()) {
						errors.add(InputError.field("assignedEnterprises", "enterprise " + e + " does not exist"));
					}
				}
			}
			case DEVICE -> errors.add(InputError.field("role", "meter gateways get device tokens in monitoring, not user accounts"));
			default -> {
			}
		}
		return errors;
	}

	private record Scope(String county, Long park, Long enterprise) {
	}

	private static Scope scopeColumns(UserForm form) {
		return switch (form.role()) {
			case COUNTY_OFFICER -> new Scope(form.countyCode(), null, null);
			case PARK_MANAGER -> new Scope(null, form.parkId(), null);
			case ENTERPRISE_USER -> new Scope(null, null, form.enterpriseId());
			default -> new Scope(null, null, null);
		};
	}

	private long activeAdmins() {
		return jdbc.sql("SELECT count(*) FROM app_user WHERE role = 'CITY_ADMIN' AND enabled").query(Long.class).single();
	}

	private Optional<UserView> findUser(long id) {
		return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query(this::userView).optional();
	}

	private TokenView token(long userId, long tokenId) {
		return jdbc.sql("SELECT * FROM api_token WHERE id = :id AND user_id = :u").param("id", tokenId).param("u", userId)
			.query(UserAccounts::tokenView).optional().orElseThrow(() -> new NotFoundException("token " + tokenId));
	}

	private Set<Long> assignments(long userId) {
		return new LinkedHashSet<>(jdbc.sql("SELECT enterprise_id FROM app_user_assignment WHERE user_id = :u ORDER BY 1")
			.param("u", userId).query(Long.class).list());
	}

	private UserView userView(ResultSet rs, int n) throws SQLException {
		return userView(rs, true);
	}

	/** A user row; the sign-in lock is looked up for people reading it, not for every authentication. */
	private UserView userView(ResultSet rs, boolean withLock) throws SQLException {
		long id = rs.getLong("id");
		return new UserView(id, rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
				rs.getString("county_code"), rs.getObject("park_id", Long.class), rs.getObject("enterprise_id", Long.class),
				assignments(id), rs.getBoolean("enabled"), withLock ? throttle.lockedUntil(rs.getString("username")).orElse(null) : null);
	}

	private PeakPilotUser principal(ResultSet rs, int n) throws SQLException {
		UserView v = userView(rs, false);
		Set<Long> enterprises = switch (v.role()) {
			case ENTERPRISE_USER -> Set.of(v.enterpriseId());
			case VERIFIER -> v.assignedEnterprises();
			default -> Set.of();
		};
		AccessScope scope = new AccessScope(v.username(), v.role(), v.countyCode(), v.parkId(), enterprises);
		return new PeakPilotUser(v.id(), v.displayName(), rs.getString("password_hash"), v.enabled(), scope,
				rs.getLong("security_stamp"));
	}

	private static TokenView tokenView(ResultSet rs, int n) throws SQLException {
		return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
				instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	/** A random 16-character password without look-alike characters, for accounts created at start-up. */
	public static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return sb.toString();
	}

	/** A new bearer secret: the prefix and 32 random bytes in hex. Store only its {@link #sha256}. */
	public static String newSecret(String prefix) {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return prefix + HexFormat.of().formatHex(bytes);
	}

	/** The hex SHA-256 of a secret, as stored instead of the secret. */
	public static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
