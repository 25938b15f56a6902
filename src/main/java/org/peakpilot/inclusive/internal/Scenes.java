package org.peakpilot.inclusive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scenes (碳普惠场景): scenic spots (乐山大佛, 峨眉山), low-carbon hotels, restaurants and scenic shuttles registered by
 * the office with a CHECK_IN methodology, a QR code (a random token; the code encodes the check-in page's address)
 * and opening dates. A citizen who scans it checks in: once per scene and Beijing day, within the opening dates,
 * credited the per-visit figure of the methodology version in force that day (nothing while the office has set none:
 * the check-in is then recorded with 0 points and says so).
 */
@Component
public class Scenes {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	public static final String CODE_PATTERN = "^[A-Z0-9][A-Z0-9_-]{1,31}$";
	public static final int NAME_MAX = 200;
	/** What a QR token looks like: "scn_" and 32 hex digits. */
	public static final String TOKEN_PATTERN = "^scn_[0-9a-f]{32}$";

	public enum Kind {
		SCENIC_SPOT, HOTEL, RESTAURANT, SHUTTLE
	}

	public record SceneForm(String code, String name, Kind kind, Long partnerId, String methodologyCode, LocalDate opensOn,
			LocalDate closesOn) {
	}

	public record Scene(long id, String code, String name, Kind kind, Long partnerId, String methodologyCode, String qrToken,
			LocalDate opensOn, LocalDate closesOn, long checkIns) {

		public boolean openOn(LocalDate day) {
			return !day.isBefore(opensOn) && (closesOn == null || !day.isAfter(closesOn));
		}
	}

	/** A check-in's outcome: points (0 when the methodology has no per-visit figure yet: {@code configured} false). */
	public record CheckIn(Scene scene, LocalDate day, long gco2, long points, String methodologyCode, int methodologyVersion,
			boolean configured, boolean verified, String formula) {
	}

	private final JdbcClient jdbc;
	private final Methodologies methodologies;
	private final Ledger ledger;
	private final AccountLinks links;
	private final AuditLog audit;
	private final Clock clock;

	Scenes(JdbcClient jdbc, Methodologies methodologies, Ledger ledger, AccountLinks links, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.methodologies = methodologies;
		this.ledger = ledger;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Scene register(SceneForm form) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		List<InputError> errors = new ArrayList<>();
		String code = form.code() == null ? "" : form.code().strip();
		if (!code.matches(CODE_PATTERN)) {
			errors.add(InputError.field("code", "2 to 32 capitals, digits, '_' or '-'"));
		}
		else if (jdbc.sql("SELECT count(*) FROM inclusive_scene WHERE code = :c").param("c", code).query(Long.class).single() > 0) {
			errors.add(InputError.field("code", "scene code " + code + " is taken"));
		}
		if (form.name() == null || form.name().isBlank() || form.name().strip().length() > NAME_MAX) {
			errors.add(InputError.field("name", "a name of 1 to " + NAME_MAX + " characters"));
		}
		if (form.kind() == null) {
			errors.add(InputError.field("kind", "SCENIC_SPOT, HOTEL, RESTAURANT or SHUTTLE"));
		}
		List<Methodology> versions = form.methodologyCode() == null ? List.of() : methodologies.versions(form.methodologyCode());
		if (versions.isEmpty() || versions.get(0).kind() != Methodology.Kind.CHECK_IN) {
			errors.add(InputError.field("methodologyCode", "a check-in methodology's code, e.g. LS-CM-002"));
		}
		if (form.partnerId() != null && jdbc.sql("SELECT count(*) FROM inclusive_partner WHERE id = :p").param("p", form.partnerId())
			.query(Long.class).single() == 0) {
			errors.add(InputError.field("partnerId", "no partner " + form.partnerId()));
		}
		if (form.opensOn() == null || form.opensOn().getYear() < 2000 || form.opensOn().getYear() > 2100) {
			errors.add(InputError.field("opensOn", "a first day between 2000 and 2100"));
		}
		else if (form.closesOn() != null && (form.closesOn().isBefore(form.opensOn()) || form.closesOn().getYear() > 2100)) {
			errors.add(InputError.field("closesOn", "on or after the first day, before 2101"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String token = UserAccounts.newSecret("scn_").substring(0, 36);
		long id = jdbc.sql("""
				INSERT INTO inclusive_scene (code, name, kind, partner_id, methodology_code, qr_token, opens_on, closes_on, created_by, created_at)
				VALUES (:code, :name, :kind, :p, :m, :t, :from, :to, :by, :at) RETURNING id
				""").param("code", code).param("name", form.name().strip()).param("kind", form.kind().name())
			.param("p", form.partnerId()).param("m", form.methodologyCode()).param("t", token).param("from", form.opensOn())
			.param("to", form.closesOn()).param("by", AccessScope.current().actor()).param("at", OffsetDateTime.now(clock))
			.query(Long.class).single();
		Scene scene = get(id);
		audit.record("inclusive.scene.registered", "inclusive-scene", id, null, Map.of("code", code, "name", scene.name()));
		return scene;
	}

	public List<Scene> list() {
		return jdbc.sql(SELECT + " ORDER BY s.code").query(Scenes::scene).list();
	}

	public Scene get(long id) {
		return jdbc.sql(SELECT + " WHERE s.id = :id").param("id", id).query(Scenes::scene).optional()
			.orElseThrow(() -> new NotFoundException("scene " + id));
	}

	/** The scene of a QR token (a malformed or unknown token is not found). */
	public Scene byToken(String token) {
		if (token == null || !token.matches(TOKEN_PATTERN)) {
			throw new NotFoundException("scene");
		}
		return jdbc.sql(SELECT + " WHERE s.qr_token = :t").param("t", token).query(Scenes::scene).optional()
			.orElseThrow(() -> new NotFoundException("scene"));
	}

	/** Today's check-in of the citizen at the scene, if any. */
	public Optional<CheckIn> todays(long citizenId, Scene scene) {
		LocalDate day = LocalDate.now(clock.withZone(BEIJING));
		return jdbc.sql("SELECT * FROM inclusive_check_in WHERE scene_id = :s AND citizen_id = :c AND day = :d")
			.param("s", scene.id()).param("c", citizenId).param("d", day)
			.query((rs, n) -> {
				Methodology m = methodologies.byId(rs.getLong("methodology_id"));
				Methodology.Factor f = m.factor(TripMode.VISIT).orElse(null);
				return new CheckIn(scene, day, rs.getLong("gco2"), rs.getLong("points"), m.code(), m.version(),
						f != null && f.configured(), f != null && f.verified(), f != null && f.configured() ? f.formula(null) : null);
			}).optional();
	}

	/**
	 * Checks the citizen in at the scene today: refused (409) outside the opening dates or when already checked in
	 * today (a repeated scan answers the day's check-in unchanged, see {@link #todays}).
	 */
	@Transactional
	public CheckIn checkIn(long citizenId, String token) {
		Scene scene = byToken(token);
		OffsetDateTime now = OffsetDateTime.now(clock);
		LocalDate day = now.atZoneSameInstant(BEIJING).toLocalDate();
		if (!scene.openOn(day)) {
			throw new RuleViolationException("scene " + scene.code() + " is not open on " + day);
		}
		Methodology m = methodologies.inForce(scene.methodologyCode(), day)
			.orElseThrow(() -> new RuleViolationException("methodology " + scene.methodologyCode() + " has no version in force on " + day));
		Methodology.Factor f = m.factor(TripMode.VISIT).orElse(null);
		boolean configured = f != null && f.configured();
		long gco2 = configured ? Methodology.points(f.reduction(null)) : 0;
		links.grantConsent(citizenId, AccountLinks.CHECKIN, null);
		Long id = jdbc.sql("""
				INSERT INTO inclusive_check_in (scene_id, citizen_id, day, at, methodology_id, gco2, points)
				VALUES (:s, :c, :d, :at, :m, :g, :g) ON CONFLICT (scene_id, citizen_id, day) DO NOTHING RETURNING id
				""").param("s", scene.id()).param("c", citizenId).param("d", day).param("at", now).param("m", m.id())
			.param("g", gco2).query(Long.class).optional().orElse(null);
		if (id == null) {
			throw new RuleViolationException("already checked in at " + scene.code() + " on " + day);
		}
		if (gco2 > 0) {
			ledger.post(new Ledger.NewTxn(TxnKind.EARN, "check-in:" + id, "VISIT " + scene.code() + " " + m.label(),
					List.of(new Ledger.Posting(ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT), -gco2),
							new Ledger.Posting(ledger.account(AccountKind.CITIZEN, String.valueOf(citizenId), Asset.POINT), gco2))));
		}
		return new CheckIn(scene, day, gco2, gco2, m.code(), m.version(), configured, f != null && f.verified(),
				configured ? f.formula(null) : null);
	}

	/** The scene's QR code as a PNG: it encodes the check-in page's address under the given base URL. */
	public byte[] qrPng(Scene scene, String baseUrl) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(baseUrl + "/inclusive/check-in/" + scene.qrToken(), BarcodeFormat.QR_CODE,
					320, 320, Map.of(EncodeHintType.MARGIN, 2));
			java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(matrix.getWidth(), matrix.getHeight(),
					java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
			for (int x = 0; x < matrix.getWidth(); x++) {
				for (int y = 0; y < matrix.getHeight(); y++) {
					image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final String SELECT = """
			SELECT s.*, (SELECT count(*) FROM inclusive_check_in c WHERE c.scene_id = s.id) AS check_ins FROM inclusive_scene s""";

	private static Scene scene(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Scene(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
				rs.getObject("partner_id", Long.class), rs.getString("methodology_code"), rs.getString("qr_token"),
				rs.getObject("opens_on", LocalDate.class), rs.getObject("closes_on", LocalDate.class), rs.getLong("check_ins"));
	}
}
