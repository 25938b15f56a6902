package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.Verdict;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/** What the filing store reads of the engine's filing and assessment, in one place. */
final class Filings {

	private Filings() {
	}

	static String park(ProjectInput in) {
		return in.park() == null || in.park().isBlank() ? null : in.park().strip();
	}

	/** The project's annual CO2 as approved (the whole project, location-based): what the re-review compares. */
	static Tco2 annualCo2(Assessment a) {
		return a.co2T() == null ? null : a.co2T().total();
	}

	/**
	 * What the budget reserves: the increment of the county's emissions (the project's annual CO2; for a revamp the
	 * plant after minus before, never below zero).
	 */
	static Tco2 reservedCo2(Assessment a) {
		Tco2 t = a.increment() != null && a.increment().co2T() != null ? a.increment().co2T() : annualCo2(a);
		return t == null || t.value().signum() < 0 ? Tco2.ZERO : t;
	}

	static Tce annualTce(Assessment a) {
		return a.tce();
	}

	/** The reasons with the given effect, one line each: the rule, the figure and the threshold with their unit. */
	static List<String> reasons(Assessment a, Verdict effect) {
		return a.reasons() == null ? List.of()
				: a.reasons().stream().filter(r -> r.effect() == effect)
					.map(r -> r.rule() + " " + plain(r.figure()) + " vs " + plain(r.threshold()) + (r.unit() == null ? "" : " " + r.unit())
							+ (r.textEn() == null ? "" : " (" + r.textEn() + ")"))
					.toList();
	}

	private static String plain(BigDecimal v) {
		return v == null ? "—" : v.stripTrailingZeros().toPlainString();
	}
}
