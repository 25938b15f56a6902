/**
 * The pilot plan as data: its indicator table (一(二)), the other numeric commitments of its text, the admission
 * control zones and key-project domains, loaded from a plan folder ({@code peakpilot.plan.location}); yearly
 * observed values with their lineage; and progress against the baseline and the 2025/2030 targets (the
 * cockpit). Values are stored in the unit the plan states for each item; a provincial target (完成省下目标) is a
 * value the office enters, never a guess. It does not compute indicators itself: later modules write computed
 * values through {@link org.peakpilot.plan.PilotPlan} with their lineage and coverage; a value from incomplete data
 * is provisional (no status), and a computed value reaches the public pages only once the office publishes it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "shared" })
package org.peakpilot.plan;
