package org.peakpilot.shared;

import java.util.Objects;

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
 * (digits and upper-case letters without I, O, Z, S, V), the last one a check character over the first 17.
 */
public record Uscc(String value) {

	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	/** The shape of a code (18 characters of the alphabet), for documents and forms; the check character is checked here. */
	public static final String PATTERN = "^[" + ALPHABET + "]{18}$";

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	public Uscc {
		Objects.requireNonNull(value, "value");
		String problem = problemWith(value);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
	}

	/** Parses user input, tolerating surrounding spaces and lower case. */
	public static Uscc parse(String input) {
		return new Uscc(input == null ? "" : input.strip().toUpperCase());
	}

	/** Why the text is not a valid code, or {@code null} when it is. Messages are English and name the rule. */
	public static String problemWith(String text) {
		if (text == null || text.length() != 18) {
			return "a unified social credit code has 18 characters, got " + (text == null ? 0 : text.length());
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(text.charAt(i)) < 0) {
				return "character " + (i + 1) + " ('" + text.charAt(i) + "') is not allowed in a unified social credit code";
			}
		}
		char expected = checkCharacter(text.substring(0, 17));
		if (text.charAt(17) != expected) {
			return "check character is '" + text.charAt(17) + "' but the first 17 characters require '" + expected + "'";
		}
		return null;
	}

	/** The GB 32100 check character for the first 17 characters. */
	public static char checkCharacter(String first17) {
		if (first17.length() != 17) {
			throw new IllegalArgumentException("need 17 characters");
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int v = ALPHABET.indexOf(first17.charAt(i));
			if (v < 0) {
				throw new IllegalArgumentException("character " + (i + 1) + " is not allowed");
			}
			sum += v * WEIGHTS[i];
		}
		int check = 31 - sum % 31;
		return ALPHABET.charAt(check == 31 ? 0 : check);
	}

	/** The six-digit administrative division code the issuing authority embedded (characters 3–8). */
	public String registrationRegion() {
		return value.substring(2, 8);
	}

	@Override
	public String toString() {
		return value;
	}
}
