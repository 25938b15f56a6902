package org.peakpilot.demo;

import org.junit.jupiter.api.Test;
import org.peakpilot.demo.DemoGuard.Facts;
import org.peakpilot.demo.DemoGuard.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoGuardTests {

	@Test
	void loadsIntoAnEmptyEmbeddedDatabase() {
		assertThat(DemoGuard.decide(new Facts(true, false, false, 0, 0))).isEqualTo(Verdict.LOAD);
	}

	@Test
	void refusesAnExternalDatabaseWithoutTheAllowFlag() {
		assertThatThrownBy(() -> DemoGuard.decide(new Facts(false, false, false, 0, 0)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("external")
			.hasMessageContaining("PEAKPILOT_DEMO_ALLOW_EXTERNAL_DATABASE");
		assertThatThrownBy(() -> DemoGuard.decide(new Facts(false, false, true, 0, 0)))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void loadsIntoAnEmptyExternalDatabaseWhenAllowed() {
		assertThat(DemoGuard.decide(new Facts(false, true, false, 0, 0))).isEqualTo(Verdict.LOAD);
	}

	@Test
	void refusesADatabaseWithRealEnterprises() {
		assertThatThrownBy(() -> DemoGuard.decide(new Facts(true, false, false, 3, 0)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("3 enterprise(s)")
			.hasMessageContaining("real data");
		assertThatThrownBy(() -> DemoGuard.decide(new Facts(false, true, false, 1, 0)))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void refusesADatabaseWithRealPlanValues() {
		assertThatThrownBy(() -> DemoGuard.decide(new Facts(true, false, false, 0, 2)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("2 plan item(s)");
	}

	@Test
	void doesNothingWhenTheDemoDataIsThereAlready() {
		assertThat(DemoGuard.decide(new Facts(true, false, true, 13, 20))).isEqualTo(Verdict.ALREADY_LOADED);
		assertThat(DemoGuard.decide(new Facts(false, true, true, 13, 20))).isEqualTo(Verdict.ALREADY_LOADED);
	}
}
