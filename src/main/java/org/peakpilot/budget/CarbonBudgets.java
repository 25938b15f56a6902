package org.peakpilot.budget;

import org.peakpilot.budget.internal.Allocations;
import org.springframework.stereotype.Component;

/** Carbon budgets (碳预算): what other modules and this module's API may ask of the budget module. */
@Component
public class CarbonBudgets {

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
}
