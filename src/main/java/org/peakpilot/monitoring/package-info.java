/**
 * Online energy monitoring (重点用能单位能耗在线监测, plan 六(四)(五)): metering points of the key energy-using
 * units, their gateways' device tokens, readings over HTTP and MQTT (idempotent, validated, never silently
 * dropped: what fails goes to a quarantine with its raw payload and reason), meter exchanges and back-fills,
 * rollups per 15 minutes, hour, day and month, and alarms (threshold, offline, spike, unit energy consumption
 * against the national efficiency levels, which it reads as data). Quantities are kept in the meter's own unit; tce and
 * tCO2 come from the accounting module's factors ({@code EmissionsAccounting}), never from a copy here. The monthly
 * closing drafts an enterprise's accounting report from its metered energy through that entry point (never
 * overwriting what the enterprise entered) and publishes {@code MonthClosed}; accounting does not depend on this module.
 * Its API is {@code EnergyMonitoring} (meters and gateways, for the demo), the values beside it and {@code MonthClosed};
 * the pages and the REST API are in {@code web}, everything else in {@code internal} (ADR 0013).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "registry", "accounting", "shared" })
package org.peakpilot.monitoring;
