package org.peakpilot.accounting.internal;

import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the reference factor library on the first start. */
@Component
@Order(15)
class AccountingLoader implements ApplicationRunner {

	private final FactorLibrary library;
	private final StartupLock startup;

	AccountingLoader(FactorLibrary library, StartupLock startup) {
		this.library = library;
		this.startup = startup;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once: the second waits and finds the factors (issue 16)
		startup.exclusively("accounting.factors", () -> SystemActor.run("factor-loader", library::loadReferenceFactors));
	}
}
