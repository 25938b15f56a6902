package org.peakpilot.admission;

import java.time.Instant;

import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * A project the city admitted (准入通过): what the project libraries read to list it. Figures are the assessment's
 * at the decision (annual, location-based), never recomputed afterwards.
 *
 * @param id the admission module's project id
 * @param enterpriseId the applicant enterprise of the registry, null when the office filed it for a future company
 * @param commissioningYear the first year of operation, from which its emissions are reserved in the budget
 * @param investment10kCny total investment, 10k CNY (万元), null when the filing did not state it
 * @param annualCo2T the project's annual CO2 at the decision (for a revamp the whole plant after it)
 * @param incrementCo2T what it adds to the city's and county's emissions a year, the amount reserved in the budget
 *        (for a revamp the plant after minus before, never below zero; otherwise the annual CO2)
 */
public record AdmittedProject(long id, String name, String countyCode, String parkCode, String industryCode, Long enterpriseId,
		Integer constructionStartYear, Integer commissioningYear, Cny10k investment10kCny, Tco2 annualCo2T, Tce annualTce,
		String verdict, Instant decidedAt, Tco2 incrementCo2T) {
}
