package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/** What the filing store reads of the engine's filing and assessment, in one place. */
final class Filings {

	private Filings() {
	}

	static String name(ProjectInput in) {
		return in.name();
	}

	static String county(ProjectInput in) {
		return in.county();
	}

	static String park(ProjectInput in) {
		return in.park() == null || in.park().isBlank() ? null : in.park().strip();
	}

	static String industry(ProjectInput in) {
		return in.industry();
	}

	static Long enterpriseId(ProjectInput in) {
		return in.enterpriseId();
	}

	static Integer commissioningYear(ProjectInput in) {
		return in.commissioningYear() != null ? in.commissioningYear() : in.year();
	}

	static Integer constructionYear(ProjectInput in) {
		return null;
	}

	static org.peakpilot.shared.Cny10k investment(ProjectInput in) {
		return null;
	}

	static Tco2 annualCo2(Assessment a) {
		return a.co2T();
	}

	static Tce annualTce(Assessment a) {
		return a.tce();
	}

	static String rulesVersion(Assessment a) {
		return a.rulesVersion();
	}

	/** The reasons as one line each: the rule, the figure and the threshold. */
	static List<String> reasons(Assessment a) {
		return a.reasons() == null ? List.of() : a.reasons().stream().map(r -> r.rule() + ": " + plain(r.figure()) + " vs " + plain(r.threshold())).toList();
	}

	private static String plain(BigDecimal v) {
		return v == null ? "—" : v.toPlainString();
	}
}
