/**
 * Emissions accounting (核算): the versioned, sourced factor library (fuels, processes, grid electricity, heat,
 * energy conversion to tce) and the calculator that turns activity lines into tCO2 by scope and tce, per the
 * GB/T 32150 / GB/T 32151 formulas (IPCC 2006 where they are silent). Every result names the factor code,
 * version, value and source that produced it. Units: tCO2 for emissions, tce for energy, kWh/MWh for
 * electricity, GJ for heat; deductions (exported energy, carbon fixed in products) are negative lines.
 * It writes the indicators it computes (1–3) into the plan through {@code PilotPlan}, with their lineage and the
 * city inventory's coverage (provisional until complete); outside a reader's own county, inventory figures of fewer
 * than {@code peakpilot.disclosure.min-enterprises} enterprises are withheld as confidential.
 * Its API is this package: {@code EmissionsAccounting}, the values it returns and {@code DisplayNames} (the
 * {@code names} bean of the templates, which monitoring uses too); controllers are in {@code web}, the rest in
 * {@code internal} (ADR 0013).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "registry", "plan", "shared" })
package org.peakpilot.accounting;
