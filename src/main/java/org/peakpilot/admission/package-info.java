/**
 * Project carbon assessment and admission (项目碳评、准入, plan 五(二)(六); ../shared/BUDGET-ADMISSION.md §2, §3.2):
 * a new, expanded or revamped project's annual CO2 by source through the accounting calculator, its energy in tce,
 * intensities per product, per 10k CNY output value and value added, the comparison with mandatory limits,
 * 基准/标杆 levels and the control zone's cap, the regional impact indices m and n, the share of the county's remaining
 * carbon budget it would use and the city's path with and without it; a verdict (FAIL, ROUTE_UP, CONDITIONAL, PASS)
 * by the plan folder's versioned rules, each reason naming the rule, the figure and the threshold. Filed projects go
 * through county and city review to a decision; an admitted project reserves its emissions in the carbon budget.
 * The thresholds are the plan folder's {@code admission.properties}, stored per {@code rules.version} (ADR 0017); a test
 * whose data is missing is listed as not assessed, never failed.
 * Units: tCO2, tce, 10k CNY (万元), intensities in tCO2 per 10k CNY, shares as fractions of 1.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "registry", "accounting", "monitoring", "budget", "shared" })
package org.peakpilot.admission;
