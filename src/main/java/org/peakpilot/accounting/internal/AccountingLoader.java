package org.peakpilot.accounting.internal;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.platform.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads the reference factor library on the first start. */
@Component
@Order(15)
class AccountingLoader implements ApplicationRunner {

	private final EmissionsAccounting accounting;

	AccountingLoader(EmissionsAccounting accounting) {
		this.accounting = accounting;
	}

	@Override
	public void run(ApplicationArguments args) {
		SystemActor.run("factor-loader", accounting::loadReferenceFactors);
	}
}
