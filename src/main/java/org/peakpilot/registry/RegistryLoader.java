package org.peakpilot.registry;

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

	RegistryLoader(Registry registry) {
		this.registry = registry;
	}

	@Override
	public void run(ApplicationArguments args) {
		SystemActor.run("registry-loader", registry::loadReferenceData);
	}
}
