package org.peakpilot.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A document uploaded as evidence with a record (a verification report, a certificate, their scan): PDF, PNG or JPEG
 * recognised by its first bytes (never by the name the browser sends), at most {@link #MAX_BYTES}, stored with its
 * SHA-256. One rule for every module that keeps evidence (the budget's sink ledger, the key-project library's
 * savings, the green library's applications).
 */
public record EvidenceDocument(byte[] bytes, String contentType, String sha256) {

	/** The largest document accepted, bytes (10 MiB). */
	public static final int MAX_BYTES = 10 * 1024 * 1024;

	/** {@link #MAX_BYTES} in MiB, as forms state it. */
	public static final int MAX_MIB = MAX_BYTES / 1024 / 1024;

	/**
	 * Checks an upload: null for none (null or empty); otherwise the document, with an error named {@code file} added
	 * to {@code errors} when it is larger than {@link #MAX_BYTES} or not a PDF, PNG or JPEG ({@code hint} follows
	 * "must be a PDF, PNG or JPEG document" in the message, e.g. " (the verification report or its scan)"; may be
	 * empty). The caller throws once all its fields are checked; {@link #contentType()} is null for a refused type.
	 */
	public static EvidenceDocument check(byte[] bytes, List<InputError> errors, String hint) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		if (bytes.length > MAX_BYTES) {
			errors.add(InputError.field("file", "at most " + MAX_MIB + " MiB, got " + bytes.length / 1024 + " KiB"));
		}
		String type = typeOf(bytes);
		if (type == null) {
			errors.add(InputError.field("file", "must be a PDF, PNG or JPEG document" + (hint == null ? "" : hint)));
		}
		return new EvidenceDocument(bytes, type, sha256(bytes));
	}

	/** The name to store when the upload gave none: the stem with the extension of the type. */
	public String defaultName(String stem) {
		return stem + switch (contentType == null ? "" : contentType) {
			case "application/pdf" -> ".pdf";
			case "image/png" -> ".png";
			default -> ".jpg";
		};
	}

	/** PDF, PNG or JPEG by their first bytes; null for anything else. */
	static String typeOf(byte[] b) {
		if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
			return "application/pdf";
		}
		if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
			return "image/png";
		}
		if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
			return "image/jpeg";
		}
		return null;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
