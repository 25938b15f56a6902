package org.peakpilot.plan;

import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the configured plan folder at start-up, before the registry and the demo data need it. */
@Component
@Order(10)
class PlanLoader implements ApplicationRunner {

	private final PilotPlan plan;
	private final StartupLock startup;

	PlanLoader(PilotPlan plan, StartupLock startup) {
		this.plan = plan;
		this.startup = startup;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once: the second waits and finds the plan (issue 16)
		startup.exclusively("plan.load", () -> SystemActor.run("plan-loader", plan::load));
	}
}
