package org.peakpilot.accounting.internal;

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

	AccountingLoader(FactorLibrary library) {
		this.library = library;
	}

	@Override
	public void run(ApplicationArguments args) {
		SystemActor.run("factor-loader", library::loadReferenceFactors);
	}
}
