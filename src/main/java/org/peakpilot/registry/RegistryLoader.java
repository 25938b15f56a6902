package org.peakpilot.registry;

import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads divisions, parks and industries from the plan folder after the plan itself. */
@Component
@Order(20)
class RegistryLoader implements ApplicationRunner {

	private final Registry registry;
	private final StartupLock startup;

	RegistryLoader(Registry registry, StartupLock startup) {
		this.registry = registry;
		this.startup = startup;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once: the second waits and finds the reference data (issue 16)
		startup.exclusively("registry.referenceData", () -> SystemActor.run("registry-loader", registry::loadReferenceData));
	}
}
