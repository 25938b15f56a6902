/**
 * Emissions accounting (核算): the versioned, sourced factor library (fuels, processes, grid electricity, heat,
 * energy conversion to tce) and the calculator that turns activity lines into tCO2 by scope and tce, per the
 * GB/T 32150 / GB/T 32151 formulas (IPCC 2006 where they are silent). Every result names the factor code,
 * version, value and source that produced it. Units: tCO2 for emissions, tce for energy, kWh/MWh for
 * electricity, GJ for heat; deductions (exported energy, carbon fixed in products) are negative lines.
 * Enterprise reporting, verification and the city inventory build on this module next.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "shared" })
package org.peakpilot.accounting;
