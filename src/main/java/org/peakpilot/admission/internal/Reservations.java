package org.peakpilot.admission.internal;

import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.ProjectReservation;
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

	/** Reserves the annual CO2 from the commissioning year on in the project's county (nothing for a zero increment). */
	void reserve(long projectId, String countyCode, String parkCode, int fromYear, Tco2 annualCo2, String name) {
		if (annualCo2 == null || annualCo2.value().signum() <= 0) {
			return;
		}
		String label = name.length() > ProjectReservation.LABEL_MAX ? name.substring(0, ProjectReservation.LABEL_MAX) : name;
		budgets.reserveForProject(new ProjectReservation(ref(projectId), countyCode, parkCode, fromYear, annualCo2, label));
	}

	void release(long projectId, String reason) {
		budgets.releaseProjectReservation(ref(projectId), reason);
	}
}
