package org.peakpilot.inclusive.internal;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.plan.PilotPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The carbon tickets' part of the plan folder's {@code inclusive.properties} (keys {@code ticket.*}), read once: the
 * serial format, the width of its sequence number and the tickets' validity. A value out of its range stops the start
 * with the file and key named, like the rest of the plan folder.
 */
@Component
public class TicketSettings {

	static final String FILE = "inclusive.properties";

	private static final Pattern TOKEN = Pattern.compile("\\{([a-z]+)\\}");

	private final String serialFormat;
	private final int seqDigits;
	private final int validityYears;

	@Autowired
	TicketSettings(PilotPlan plan) {
		this(plan.planProperties(FILE));
	}

	/** Settings from properties (tests build them without a plan folder). */
	public TicketSettings(Properties p) {
		serialFormat = p.getProperty("ticket.serial-format", "LSCT-{county}-{period}-{seq}-{check}").strip();
		checkFormat(serialFormat);
		seqDigits = whole(p, "ticket.seq-digits", "7", 4, 12);
		validityYears = whole(p, "ticket.validity-years", "10", 1, 100);
	}

	/** The serial format, e.g. {@code LSCT-{county}-{period}-{seq}-{check}}. */
	public String serialFormat() {
		return serialFormat;
	}

	/** Digits of the zero-padded sequence number. */
	public int seqDigits() {
		return seqDigits;
	}

	/** Years an issued ticket stays usable. */
	public int validityYears() {
		return validityYears;
	}

	/** Each of {county}, {period}, {seq} once, {check} once and last; the literal text letters, digits and dashes only. */
	private static void checkFormat(String f) {
		Matcher m = TOKEN.matcher(f);
		java.util.List<String> tokens = new java.util.ArrayList<>();
		while (m.find()) {
			tokens.add(m.group(1));
		}
		for (String t : new String[] { "county", "period", "seq", "check" }) {
			if (tokens.stream().filter(t::equals).count() != 1) {
				throw bad("ticket.serial-format", f, "must contain {" + t + "} exactly once");
			}
		}
		if (tokens.size() != 4) {
			throw bad("ticket.serial-format", f, "knows only {county}, {period}, {seq} and {check}");
		}
		if (!f.endsWith("{check}")) {
			throw bad("ticket.serial-format", f, "must end with {check}");
		}
		if (!TOKEN.matcher(f).replaceAll("").matches("[A-Z0-9-]*") || f.length() > 60) {
			throw bad("ticket.serial-format", f, "may contain only capital letters, digits and dashes besides its tokens (at most 60 characters)");
		}
	}

	private static int whole(Properties p, String key, String fallback, int min, int max) {
		String text = p.getProperty(key, fallback).strip();
		try {
			int v = Integer.parseInt(text);
			if (v < min || v > max) {
				throw bad(key, text, "must be a whole number from " + min + " to " + max);
			}
			return v;
		}
		catch (NumberFormatException ex) {
			throw bad(key, text, "is not a whole number");
		}
	}

	private static IllegalStateException bad(String key, String value, String why) {
		return new IllegalStateException(FILE + ": " + key + " '" + value + "' " + why);
	}
}
