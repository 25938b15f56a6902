package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.springframework.stereotype.Component;

/**
 * The plan folder's {@code budget.properties}, read once: default reserve share, sink credit cap, warning
 * thresholds and adjustment windows. A plan without the file, or without a key, gets the defaults of
 * ../shared/BUDGET-ADMISSION.md §3.1 (the same values Leshan's file states). A value that is not a number in its
 * range stops the start with the file and key named, like the rest of the plan folder.
 */
@Component
public class BudgetSettings {

	static final String FILE = "budget.properties";

	private final BigDecimal defaultReserveShare;
	private final BigDecimal sinkCreditMaxShare;
	private final BigDecimal regionYellowGap;
	private final BigDecimal regionRedGap;
	private final boolean redWhenIntensityRises;
	private final BigDecimal enterpriseAmberUse;
	private final BigDecimal enterpriseRedUse;
	private final List<Integer> adjustmentWindowMonths;

	@org.springframework.beans.factory.annotation.Autowired
	BudgetSettings(PilotPlan plan) {
		this(plan.planProperties(FILE));
	}

	/** Settings from properties (tests build them without a plan folder). */
	public BudgetSettings(Properties p) {
		defaultReserveShare = fraction(p, "reserve.default-share", "0.05", false);
		sinkCreditMaxShare = fraction(p, "sink.credit-max-share", "0.05", true);
		regionYellowGap = fraction(p, "warning.region.yellow-gap", "0", true);
		regionRedGap = fraction(p, "warning.region.red-gap", "0.10", true);
		if (regionRedGap.compareTo(regionYellowGap) < 0) {
			throw bad("warning.region.red-gap", regionRedGap.toPlainString(), "must not be below warning.region.yellow-gap");
		}
		redWhenIntensityRises = Boolean.parseBoolean(p.getProperty("warning.region.red-when-intensity-rises", "true").strip());
		enterpriseAmberUse = fraction(p, "warning.enterprise.amber-use", "0.80", true);
		enterpriseRedUse = fraction(p, "warning.enterprise.red-use", "0.95", true);
		if (enterpriseRedUse.compareTo(enterpriseAmberUse) < 0) {
			throw bad("warning.enterprise.red-use", enterpriseRedUse.toPlainString(), "must not be below warning.enterprise.amber-use");
		}
		String months = p.getProperty("adjustment.window-months", "7,10").strip();
		try {
			adjustmentWindowMonths = months.isEmpty() ? List.of()
					: Arrays.stream(months.split(",")).map(String::strip).map(Integer::valueOf).distinct().sorted().toList();
		}
		catch (NumberFormatException ex) {
			throw bad("adjustment.window-months", months, "must be months 1–12 separated by commas");
		}
		if (adjustmentWindowMonths.stream().anyMatch(m -> m < 1 || m > 12)) {
			throw bad("adjustment.window-months", months, "must be months 1–12 separated by commas");
		}
	}

	/** The reserve share a new draft gets when the office does not give one. */
	public BigDecimal defaultReserveShare() {
		return defaultReserveShare;
	}

	/** β: the sink credit is at most this share of the total. */
	public BigDecimal sinkCreditMaxShare() {
		return sinkCreditMaxShare;
	}

	/** County and park: behind the path by more than this share of the path is yellow (0: any gap). */
	public BigDecimal regionYellowGap() {
		return regionYellowGap;
	}

	/** County and park: behind the path by more than this share of the path is red. */
	public BigDecimal regionRedGap() {
		return regionRedGap;
	}

	/** County and park: an intensity above the same months of last year is red. */
	public boolean redWhenIntensityRises() {
		return redWhenIntensityRises;
	}

	/** Enterprise: share of the year's budget used from which it is amber (while ahead of the path). */
	public BigDecimal enterpriseAmberUse() {
		return enterpriseAmberUse;
	}

	/** Enterprise: share of the year's budget used from which it is red (while ahead of the path). */
	public BigDecimal enterpriseRedUse() {
		return enterpriseRedUse;
	}

	/** The months (1–12) in which adjustment requests may be filed, ascending. */
	public List<Integer> adjustmentWindowMonths() {
		return adjustmentWindowMonths;
	}

	private static BigDecimal fraction(Properties p, String key, String fallback, boolean oneAllowed) {
		String text = p.getProperty(key, fallback).strip();
		BigDecimal v;
		try {
			v = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw bad(key, text, "is not a number");
		}
		if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0 || (!oneAllowed && v.compareTo(BigDecimal.ONE) == 0)) {
			throw bad(key, text, oneAllowed ? "must be a fraction from 0 to 1" : "must be a fraction from 0 to below 1");
		}
		return v;
	}

	private static IllegalStateException bad(String key, String value, String why) {
		return new IllegalStateException(FILE + ": " + key + " '" + value + "' " + why);
	}

}
