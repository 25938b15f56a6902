package org.peakpilot.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/** Administrative division code (GB/T 2260): six digits, e.g. 511111 for 沙湾区 of 乐山市. */
public record RegionCode(String value) {

	private static final Pattern SIX_DIGITS = Pattern.compile("[1-9][0-9]{5}");

	public RegionCode {
		Objects.requireNonNull(value, "value");
		if (!SIX_DIGITS.matcher(value).matches()) {
			throw new IllegalArgumentException("a GB/T 2260 region code has six digits, got '" + value + "'");
		}
	}

	public static RegionCode parse(String input) {
		return new RegionCode(input == null ? "" : input.strip());
	}

	/** The prefecture-level code (first four digits followed by 00). */
	public RegionCode prefecture() {
		return new RegionCode(value.substring(0, 4) + "00");
	}

	public boolean isPrefecture() {
		return value.endsWith("00") && !value.endsWith("0000");
	}

	@Override
	public String toString() {
		return value;
	}
}
