/**
 * Carbon budgets (碳预算, plan 五(一)(二)): the city's yearly budget in tCO2 divided among counties, parks and key
 * enterprises. The allocation arithmetic ({@code CarbonBudgets#previewAllocation}): a total
 * minus a reserve share, divided by one of six methods into whole tonnes by largest remainder, so that the budgets
 * and the reserve add up to the total exactly (ADR 0016). The year's city budget as versions
 * ({@code internal.BudgetVersions}): B_city = I*_t × GDP^f_t, reserve, major-project pool and sink credit carved out,
 * the rest allocated to counties with the same arithmetic, DRAFT until published, a published version never changes.
 * Below the counties ({@code internal.SubAllocations}): parks and enterprises per level with their own method (also
 * the enterprise methods output × benchmark, historical intensity, historical emissions), parks containing their
 * enterprises, national-ETS enterprises at 0 t unless overridden, pre-allocation and the true-up after verification.
 * Adjustments ({@code internal.Adjustments}): requests in the plan folder's windows, approved into a new published
 * version n+1 (transfers, draws and 收储 keep the total); the history of versions compared ({@code internal.VersionHistory});
 * the sink ledger (碳汇, {@code internal.SinkLedger}) behind the sink credit min(Σ ΔS, β × total), never part of an
 * intensity figure. Admitted projects' emissions are reserved per county from their commissioning year
 * ({@code internal.ProjectReservations}); {@code CarbonBudgets#countyHeadroom} is budget − execution forecast − reservations,
 * what the project admission reads (ADR 0017). Execution and warnings come later. Units: budgets, totals and reserves in tCO2 (whole tonnes for
 * budgets), GDP in 10k CNY (万元), population in persons, intensities in tCO2 per 10k CNY, shares and rates as
 * fractions of 1; every budget is at least 0 and a positive decline rate lowers the intensity.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "registry", "accounting", "monitoring", "shared" })
package org.peakpilot.budget;
