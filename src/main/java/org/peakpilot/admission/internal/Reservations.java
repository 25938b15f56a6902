package org.peakpilot.admission.internal;

import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.shared.Tco2;
import org.springframework.stereotype.Component;

/** An admitted project's reservation in the carbon budget ({@link CarbonBudgets}), referenced as {@code admission:<id>}. */
@Component
class Reservations {

	private final CarbonBudgets budgets;

	Reservations(CarbonBudgets budgets) {
		this.budgets = budgets;
	}

	static String ref(long projectId) {
		return "admission:" + projectId;
	}

	/** Reserves the annual CO2 from the commissioning year in the project's county. */
	void reserve(long projectId, String countyCode, String parkCode, int fromYear, Tco2 annualCo2) {
		// TODO contract: budgets.reserveForProject(new ProjectReservation(...))
	}

	void release(long projectId, String reason) {
		// TODO contract: budgets.releaseProjectReservation(ref(projectId), reason)
	}
}
