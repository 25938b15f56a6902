package org.peakpilot.inclusive.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carbon ticket serials (林业碳票编号) from the plan folder's format, e.g. {@code LSCT-511181-2025P1-0000001-7}: a county,
 * a monitoring period ({@code {end year}P{n}}), a sequence number within county and period, and a check character by
 * ISO 7064 MOD 37,36 (hybrid system, alphabet 0–9 A–Z) over the serial's letters and digits before it, which catches
 * every single wrong character and every swap of two adjacent ones.
 */
public final class TicketSerials {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	/** A serial taken apart. */
	public record Serial(String countyCode, String periodCode, long seq) {
	}

	private final String format;
	private final int digits;
	private final Pattern pattern;

	public TicketSerials(TicketSettings settings) {
		this.format = settings.serialFormat();
		this.digits = settings.seqDigits();
		String regex = Pattern.quote(format).replace("{county}", "\\E([0-9]{6})\\Q").replace("{period}", "\\E([0-9]{4}P[0-9]{1,2})\\Q")
			.replace("{seq}", "\\E([0-9]{" + digits + "})\\Q").replace("{check}", "\\E([0-9A-Z])\\Q");
		this.pattern = Pattern.compile(regex);
	}

	/** The period code of a monitoring period ending in {@code endYear}, the project's {@code periodNo}-th: {@code 2025P1}. */
	public static String periodCode(int endYear, int periodNo) {
		return endYear + "P" + periodNo;
	}

	/** The serial of ticket {@code seq} of a county and period. */
	public String serial(String countyCode, String periodCode, long seq) {
		if (seq < 1 || String.valueOf(seq).length() > digits) {
			throw new IllegalArgumentException("sequence number " + seq + " does not fit " + digits + " digits");
		}
		String body = format.replace("{county}", countyCode).replace("{period}", periodCode)
			.replace("{seq}", String.format("%0" + digits + "d", seq)).replace("{check}", "");
		return body + checkCharacter(body);
	}

	/** The largest sequence number the format holds. */
	public long maxSeq() {
		return (long) Math.pow(10, digits) - 1;
	}

	/** The serial taken apart; empty when it does not match the format or its check character is wrong. */
	public Optional<Serial> parse(String serial) {
		if (serial == null || serial.length() > 80) {
			return Optional.empty();
		}
		Matcher m = pattern.matcher(serial.strip().toUpperCase(java.util.Locale.ROOT));
		if (!m.matches()) {
			return Optional.empty();
		}
		String text = m.group(0);
		if (checkCharacter(text.substring(0, text.length() - 1)) != text.charAt(text.length() - 1)) {
			return Optional.empty();
		}
		// the groups follow the tokens' order in the format
		String[] order = orderOfTokens();
		String county = null, period = null;
		long seq = 0;
		for (int i = 0; i < order.length; i++) {
			switch (order[i]) {
				case "county" -> county = m.group(i + 1);
				case "period" -> period = m.group(i + 1);
				case "seq" -> seq = Long.parseLong(m.group(i + 1));
				default -> {
				}
			}
		}
		return seq < 1 ? Optional.empty() : Optional.of(new Serial(county, period, seq));
	}

	private String[] orderOfTokens() {
		Matcher t = Pattern.compile("\\{([a-z]+)\\}").matcher(format);
		java.util.List<String> list = new java.util.ArrayList<>();
		while (t.find()) {
			list.add(t.group(1));
		}
		return list.toArray(String[]::new);
	}

	/**
	 * ISO 7064 MOD 37,36 check character of the letters and digits of {@code text} (other characters are skipped):
	 * P₀ = 36; for each character a, S = P + a, P = ((S mod 36, 0 read as 36) × 2) mod 37; the check c makes
	 * (P + c) mod 36 = 1.
	 */
	public static char checkCharacter(String text) {
		int m = 36;
		int p = m;
		for (char ch : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
			int v = ALPHABET.indexOf(ch);
			if (v < 0) {
				continue;
			}
			int s = (p + v) % m;
			if (s == 0) {
				s = m;
			}
			p = (s * 2) % (m + 1);
		}
		return ALPHABET.charAt((m + 1 - p) % m);
	}
}
