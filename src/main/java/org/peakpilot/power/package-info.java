/**
 * Electricity carbon and green power (电碳图谱、绿电溯源; plan 六(五), 二(五)1, 五(五); ../shared/INCLUSIVE-POWER.md §2,
 * §3.B; ADR 0020): the grid's average carbon intensity hour by hour (production- and consumption-based, imports
 * traced), per county where county data exists, reconciled with the official provincial factor of the year; the
 * carbon-emission-flow method for a network snapshot; an enterprise's carbon by hour from its metered electricity;
 * green windows; the green-certificate ledger (绿证, GEC: 1 GEC = 1 MWh), green-power contracts and claims that back
 * market-based scope 2; green-power shares; product footprints for polysilicon and PV modules.
 * <p>
 * Units: intensities in gCO2/kWh (numerically kgCO2/MWh); energy in kWh or MWh as each name says; carbon in tCO2
 * (kg or g only where a name says so). Hours are hour-starting instants shown in Beijing time. Average intensities
 * are for accounting and display; a marginal figure is only ever a labelled decision signal, never used for
 * accounting. Bundled data are made up (示例数据（虚构）) and labelled wherever shown.
 * <p>
 * Who: the office all; county officers their county's enterprises; an enterprise its own certificates, claims and
 * hourly carbon; the public the map.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "registry", "accounting", "monitoring", "shared" })
package org.peakpilot.power;
