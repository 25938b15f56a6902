package org.peakpilot.admission;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The assessment's verdict. FAIL outranks ROUTE_UP, which outranks CONDITIONAL, which outranks PASS: the verdict is
 * the highest-ranked effect among the reasons (a project with no reason passes).
 */
@Schema(name = "AdmissionVerdict", description = "FAIL (不予通过) outranks ROUTE_UP (报上级审查) outranks CONDITIONAL (有条件通过) outranks PASS (通过) · 评价结论")
public enum Verdict {
	/** 通过. */
	PASS,
	/** 有条件通过: the conditions listed must be met. */
	CONDITIONAL,
	/** 报上级审查: above Order 31's or Sichuan's thresholds, the province (or NDRC) reviews it. */
	ROUTE_UP,
	/** 不予通过. */
	FAIL;

	/** The higher-ranked of two verdicts. */
	public Verdict and(Verdict other) {
		return other != null && other.ordinal() > ordinal() ? other : this;
	}
}
