package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.springframework.stereotype.Component;

/**
 * The key-project library's part of the plan folder's {@code projects.properties} (keys {@code keylib.*}), read once:
 * the plan's planned count and investment (plan 四: 352 projects, 2,943.30 亿元 = 29,433,000 万元), and the thresholds
 * of "late" and "under-delivering". A plan without the file or a key gets Leshan's values; a value out of its range
 * stops the start with the file and key named, like the rest of the plan folder.
 */
@Component
public class KeyProjectSettings {

	static final String FILE = "projects.properties";

	private final int plannedCount;
	private final BigDecimal plannedInvestment10kCny;
	private final int staleMonths;
	private final BigDecimal underDeliveringShare;
	private final int accountingMinMonths;

	@org.springframework.beans.factory.annotation.Autowired
	KeyProjectSettings(PilotPlan plan) {
		this(plan.planProperties(FILE));
	}

	/** Settings from properties (tests build them without a plan folder). */
	public KeyProjectSettings(Properties p) {
		plannedCount = whole(p, "keylib.planned-count", "352", 0, 1_000_000);
		plannedInvestment10kCny = number(p, "keylib.planned-investment-10k-cny", "29433000");
		staleMonths = whole(p, "keylib.late.stale-months", "6", 1, 120);
		underDeliveringShare = number(p, "keylib.under-delivering.share", "0.8");
		if (underDeliveringShare.compareTo(BigDecimal.ONE) > 0) {
			throw bad("keylib.under-delivering.share", underDeliveringShare.toPlainString(), "must be a fraction from 0 to 1");
		}
		accountingMinMonths = whole(p, "keylib.accounting.min-months", "12", 1, 12);
	}

	/** The plan's number of key projects (plan 四: 352). */
	public int plannedCount() {
		return plannedCount;
	}

	/** The plan's total investment of the key projects, 10k CNY (万元; plan 四: 2,943.30 亿元 = 29,433,000 万元). */
	public BigDecimal plannedInvestment10kCny() {
		return plannedInvestment10kCny;
	}

	/** A project not in operation with no progress entry for this many months is late. */
	public int staleMonths() {
		return staleMonths;
	}

	/** Realised below this share of expected is under-delivering (fraction of 1). */
	public BigDecimal underDeliveringShare() {
		return underDeliveringShare;
	}

	/** A year's verified intensity counts from this many verified months with output value (1–12). */
	public int accountingMinMonths() {
		return accountingMinMonths;
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

	private static BigDecimal number(Properties p, String key, String fallback) {
		String text = p.getProperty(key, fallback).strip();
		BigDecimal v;
		try {
			v = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw bad(key, text, "is not a number");
		}
		if (v.signum() < 0 || v.compareTo(new BigDecimal("1e12")) > 0) {
			throw bad(key, text, "must lie between 0 and 1e12");
		}
		return v;
	}

	private static IllegalStateException bad(String key, String value, String why) {
		return new IllegalStateException(FILE + ": " + key + " '" + value + "' " + why);
	}

}
