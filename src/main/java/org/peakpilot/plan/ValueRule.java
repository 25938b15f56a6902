package org.peakpilot.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;

/**
 * What a value may be, from the unit its item is measured in: a share in % lies in 0–100, a yes/no item is 0 or
 * 1, a count is a whole number, and no item of a plan is negative.
 */
final class ValueRule {

	/** Units that count things: their values are whole numbers. */
	private static final Set<String> COUNT_UNITS = Set.of("count", "vehicles", "enterprises", "exhibitions", "works",
			"projects", "brands", "points", "transactions", "technologies", "institutes", "parks", "areas", "sites");

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
	/** No value is above this (text for annotations, the figure for the rule). */
	static final String LIMIT_TEXT = "1000000000000";
	private static final BigDecimal LIMIT = new BigDecimal(LIMIT_TEXT);

	private ValueRule() {
	}

	static boolean unitMatches(Item item, String unit) {
		String u = unit.strip();
		return u.equalsIgnoreCase(item.unit()) || u.equals(item.unitZh());
	}

	static void check(Item item, BigDecimal value, String field, Integer row, List<InputError> errors) {
		if (value == null) {
			errors.add(new InputError(row, field, "a value is required"));
			return;
		}
		String unit = item.unit().toLowerCase(Locale.ROOT);
		if (value.signum() < 0) {
			errors.add(new InputError(row, field, "item " + item.code() + " cannot be negative, got " + InputBounds.shown(value)));
		}
		else if (unit.equals("%") && value.compareTo(HUNDRED) > 0) {
			errors.add(new InputError(row, field, "item " + item.code() + " is a share in %: " + InputBounds.shown(value)
					+ " is above 100"));
		}
		else if (unit.equals("yes/no") && !(value.compareTo(BigDecimal.ZERO) == 0 || value.compareTo(BigDecimal.ONE) == 0)) {
			errors.add(new InputError(row, field, "item " + item.code() + " is yes/no: enter 1 (achieved) or 0"));
		}
		else if (COUNT_UNITS.contains(unit) && value.stripTrailingZeros().scale() > 0) {
			errors.add(new InputError(row, field, "item " + item.code() + " counts " + item.unit() + ": "
					+ InputBounds.shown(value) + " is not a whole number"));
		}
		else if (value.compareTo(LIMIT) > 0) {
			errors.add(new InputError(row, field, "item " + item.code() + ": " + InputBounds.shown(value) + " is implausibly large"));
		}
	}
}
