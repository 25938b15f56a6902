package org.peakpilot.budget;

import java.util.Optional;
import java.util.Set;

import org.peakpilot.budget.internal.Allocations;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.budget.internal.ProjectReservations;
import org.peakpilot.budget.internal.SinkLedger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Carbon budgets (碳预算): what other modules and this module's API may ask of the budget module. */
@Component
public class CarbonBudgets {

	private final Execution execution;
	private final ProjectReservations reservations;
	private final SinkLedger sinks;

	/** The stateless arithmetic only (tests of the allocation methods); the execution's facts need the Spring bean. */
	public CarbonBudgets() {
		this(null, null, null);
	}

	@Autowired
	CarbonBudgets(Execution execution, ProjectReservations reservations, SinkLedger sinks) {
		this.execution = execution;
		this.reservations = reservations;
		this.sinks = sinks;
	}

	/**
	 * Divides a total among holders by one method, storing nothing (ADR 0016, BUDGET-ADMISSION §5): the allocatable
	 * part {@code total × (1 − reserve share)} rounded to whole tonnes is shared in proportion to each holder's raw
	 * figure of the method (the allocatable rounded half up, never above the total), in whole tonnes by largest remainder (ties to the smaller code), and the reserve is the
	 * total minus the budgets, so budgets plus reserve equal the total exactly and no budget is negative.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming every field the method cannot use (with the API's
	 *         names, e.g. {@code holders[3].gdp_10k_cny}), before any arithmetic
	 */
	public BudgetAllocation.Preview previewAllocation(BudgetAllocation.Request request) {
		return Allocations.preview(request);
	}

	/**
	 * The same request under two to {@link BudgetAllocation#MAX_COMPARED_METHODS} methods, side by side, storing nothing:
	 * each method's answer is exactly {@link #previewAllocation} with that method, and each holder's budgets are listed
	 * per method with the difference to the first method.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming {@code methods} (fewer than 2, more than 6, repeated) or
	 *         every field a method cannot use, the message saying which method
	 */
	public BudgetAllocation.Comparison compareAllocations(BudgetAllocation.Request request, java.util.List<BudgetAllocation.Method> methods) {
		return Allocations.compare(request, methods);
	}

	/**
	 * The warning level of a county (region code) in a year, from the stored execution of the year's published
	 * version: {@link WarningLevel#NO_DATA} when the year has no published version, none computed yet or the county is
	 * no holder. A public fact (the public sees county-level warnings once published); changes are published as
	 * {@link BudgetWarningChanged}.
	 */
	public WarningLevel warningLevel(String countyCode, int year) {
		return execution.level(countyCode, year).orElse(WarningLevel.NO_DATA);
	}

	/**
	 * The counties (region codes) whose warning level in the year is RED, e.g. where the project admission module
	 * refuses 两高 projects. Empty when nothing is computed.
	 */
	public Set<String> redCounties(int year) {
		return execution.redCounties(year);
	}

	/**
	 * What is left of a county's budget in a year ({@link BudgetHeadroom}): the year's latest published version's budget
	 * of the county minus its execution's year-end forecast minus the reservations of admitted projects active in the
	 * year; empty when the year has no published version or the county is no holder in it. No user scope: the caller
	 * (the project admission) decides what its users see.
	 */
	public Optional<BudgetHeadroom> countyHeadroom(String countyCode, int year) {
		return reservations.countyHeadroom(countyCode, year);
	}

	/**
	 * Reserves an admitted project's annual emissions in its county's budget from its commissioning year on; idempotent
	 * per {@code projectRef} (a second call replaces the first). Audited.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming the field (projectRef, countyCode, fromYear, annualT, label)
	 */
	public void reserveForProject(ProjectReservation r) {
		reservations.reserve(r);
	}

	/** Releases a project's reservation (lapse, rejection, withdrawal) with the reason; nothing happens when there is none. Audited. */
	public void releaseProjectReservation(String projectRef, String reason) {
		reservations.release(projectRef, reason);
	}

	/**
	 * Whole tonnes of a county's verified forestry sinks of a year (the sink ledger) that may still be issued as forestry
	 * carbon tickets (林业碳票), with the figures behind them ({@link SinkAvailability}). No user scope: the caller (the
	 * carbon-inclusive scheme's issuance) decides who asks.
	 */
	public SinkAvailability sinkAvailableForTickets(String countyCode, int year) {
		return sinks.availableForTickets(countyCode, year);
	}

	/**
	 * Withdraws whole tonnes of a county's sinks of a year because they are issued as carbon tickets, so that they
	 * leave the budget's sink credit (a new draft's credit is min(Σ ΔS − Σ withdrawn, β × total)): append-only, one
	 * record per call, audited; joins the caller's transaction (the issuance and its withdrawal happen together or not).
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming county_code, year, tonnes or ticket_reference
	 * @throws org.peakpilot.platform.RuleViolationException (422) when more than {@link #sinkAvailableForTickets} is asked, with the figures
	 */
	public void withdrawSinkForTickets(String countyCode, int year, long tonnes, String ticketReference) {
		sinks.withdrawForTickets(countyCode, year, tonnes, ticketReference);
	}
}
