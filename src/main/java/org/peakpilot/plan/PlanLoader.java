package org.peakpilot.plan;

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

	PlanLoader(PilotPlan plan) {
		this.plan = plan;
	}

	@Override
	public void run(ApplicationArguments args) {
		SystemActor.run("plan-loader", plan::load);
	}
}
