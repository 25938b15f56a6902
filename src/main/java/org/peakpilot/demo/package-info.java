/**
 * Demo data: a made-up data set (enterprises per key industry in their counties and parks, one user per role,
 * yearly plan values, meters and a gateway for each key energy-using unit) so that a newcomer sees a living
 * platform; and the simulator ({@code PEAKPILOT_SIMULATOR=true}), which sends those meters' readings over MQTT and
 * HTTP like real gateways. It loads only with the switch
 * {@code PEAKPILOT_DEMO=true} ({@code peakpilot.demo.enabled}), from the plan folder's {@code demo/} tables, through
 * the other modules' entry points, so every row is validated and audited as {@code system:demo}. It refuses an
 * external database unless {@code peakpilot.demo.allow-external-database} is set (throwaway databases only) and a
 * database that already holds real enterprises or plan values; it loads once, in one transaction, and marks the
 * installation as holding demo data. Nothing else depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "registry", "plan", "monitoring", "accounting", "shared" })
package org.peakpilot.demo;
