/**
 * Registry: who is who. The city and its county-level divisions (GB/T 2260), parks and the admission control
 * zone each lies in, industries (GB/T 4754) and enterprises, identified by their unified social credit code
 * (GB 32100, check character verified), with the key energy-using unit flag (≥ 5,000 tce a year). Divisions,
 * parks and industries load from the plan folder; enterprises are registered by officers within their scope.
 * It answers the platform's scope questions ({@link org.peakpilot.platform.ScopeDirectory}) and is the source of
 * truth for an enterprise's county, park and industry: a change publishes {@code EnterpriseMoved} inside its
 * transaction, and modules that copy these columns update their copies in it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "plan", "shared" })
package org.peakpilot.registry;
