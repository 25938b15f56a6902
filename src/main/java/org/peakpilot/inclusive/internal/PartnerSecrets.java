package org.peakpilot.inclusive.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Partners' signing secrets for their trip batches: {@code X-PeakPilot-Signature: sha256=<hex HMAC-SHA256 of the
 * body>}. HMAC needs the secret itself, so it is stored AES-256-GCM encrypted (never hashed) and shown once, when the
 * office issues it; issuing again replaces it. The key comes from {@code peakpilot.inclusive.secret-key} (base64 of 32
 * bytes; set it in production, outside the database). Without it a key is generated once and kept in the database's
 * instance settings, which protects nothing against a reader of the database: the start logs a warning.
 */
@Component
public class PartnerSecrets {

	private static final Logger log = LoggerFactory.getLogger(PartnerSecrets.class);

	/** The request header carrying the signature. */
	public static final String HEADER = "X-PeakPilot-Signature";
	/** A secret: "pps_" and 64 hex digits. */
	public static final String PREFIX = "pps_";
	static final String KEY_SETTING = "inclusive.secret-key";

	private final JdbcClient jdbc;
	private final InstanceSettings settings;
	private final Clock clock;
	private final String configuredKey;
	private volatile SecretKeySpec key;

	PartnerSecrets(JdbcClient jdbc, InstanceSettings settings, Clock clock,
			@Value("${peakpilot.inclusive.secret-key:}") String configuredKey) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.configuredKey = configuredKey;
	}

	/** Issues (or replaces) the partner's secret; the returned text is the only time it is shown. */
	public String issue(long partnerId, String actor) {
		String secret = UserAccounts.newSecret(PREFIX);
		jdbc.sql("""
				INSERT INTO inclusive_partner_secret (partner_id, secret_enc, secret_prefix, issued_at, issued_by)
				VALUES (:p, :enc, :prefix, :at, :by)
				ON CONFLICT (partner_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, secret_prefix = EXCLUDED.secret_prefix,
				  issued_at = EXCLUDED.issued_at, issued_by = EXCLUDED.issued_by
				""").param("p", partnerId).param("enc", encrypt(secret)).param("prefix", secret.substring(0, 10))
			.param("at", OffsetDateTime.now(clock)).param("by", actor).update();
		return secret;
	}

	/** The secret's first 10 characters (to recognise it), if one was issued. */
	public Optional<String> prefix(long partnerId) {
		return jdbc.sql("SELECT secret_prefix FROM inclusive_partner_secret WHERE partner_id = :p").param("p", partnerId)
			.query(String.class).optional();
	}

	/**
	 * Whether the header is {@code sha256=<hex>} of the body under the partner's secret (constant-time comparison);
	 * false when the partner has no secret or the header is absent or malformed.
	 */
	public boolean verify(long partnerId, byte[] body, String header) {
		if (header == null || !header.startsWith("sha256=") || header.length() != 7 + 64) {
			return false;
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(header.substring(7).toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		Optional<String> enc = jdbc.sql("SELECT secret_enc FROM inclusive_partner_secret WHERE partner_id = :p")
			.param("p", partnerId).query(String.class).optional();
		if (enc.isEmpty()) {
			return false;
		}
		return MessageDigest.isEqual(hmac(decrypt(enc.get()), body), given);
	}

	/** The hex HMAC-SHA256 of a body under a secret, as a partner computes it. */
	public static String sign(String secret, byte[] body) {
		return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
	}

	static byte[] hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String encrypt(String secret) {
		try {
			byte[] iv = new byte[12];
			new SecureRandom().nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
			byte[] ct = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String decrypt(String stored) {
		try {
			byte[] all = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, 12));
			return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a partner's signing secret cannot be decrypted (was peakpilot.inclusive.secret-key changed?)", ex);
		}
	}

	private SecretKeySpec key() {
		SecretKeySpec k = key;
		if (k == null) {
			String text = configuredKey;
			if (text == null || text.isBlank()) {
				synchronized (this) {
					text = settings.get(KEY_SETTING).orElse(null);
					if (text == null) {
						byte[] bytes = new byte[32];
						new SecureRandom().nextBytes(bytes);
						// another instance may generate one at the same moment: whichever was stored first is the key
						text = settings.putIfAbsent(KEY_SETTING, Base64.getEncoder().encodeToString(bytes));
					}
				}
				log.warn("peakpilot.inclusive.secret-key is not set: partners' signing secrets are encrypted with a key kept in the database");
			}
			byte[] bytes = Base64.getDecoder().decode(text.strip());
			if (bytes.length != 32) {
				throw new IllegalStateException("peakpilot.inclusive.secret-key must be the base64 of 32 bytes");
			}
			k = new SecretKeySpec(bytes, "AES");
			key = k;
		}
		return k;
	}
}
