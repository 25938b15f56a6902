package org.peakpilot.admission.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a filed project stands (ADR 0017, "Filing and review"): the applicant's DRAFT goes to the county
 * (SUBMITTED), which forwards it to the city (CITY_REVIEW) or returns it (RETURNED, the applicant changes and submits
 * again); the city office decides: ADMITTED, REJECTED, or ROUTED_UP to the province or the NDRC, whose outcome the
 * office records later. An admitted project LAPSES without construction start within the rules' lapse years, is
 * COMMISSIONED with the registry enterprise that reports it, and is flagged RE_REVIEW_DUE when its actual emissions
 * exceed the approval by the rules' deviation (Order 31 Art. 26).
 */
public enum ProjectStatus {
	DRAFT, SUBMITTED, RETURNED, CITY_REVIEW, ADMITTED, REJECTED, ROUTED_UP, LAPSED, COMMISSIONED, RE_REVIEW_DUE;

	/** The statuses in which the applicant may change the filing. */
	public static final Set<ProjectStatus> EDITABLE = EnumSet.of(DRAFT, RETURNED);

	/** The statuses of a project the city admitted (itself or after the higher authority's approval) and that holds. */
	public static final Set<ProjectStatus> ADMITTED_STATES = EnumSet.of(ADMITTED, COMMISSIONED, RE_REVIEW_DUE);
}
