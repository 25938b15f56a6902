package org.peakpilot.plan;

import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PlanModel.CoverageRule;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The coverage rule for computed city figures is plan data: each city's plan.properties states its own. */
class CoverageRuleTest {

	@Test
	void eachPlanFolderStatesItsCoverageRule() {
		CoverageRule leshan = new PlanFolder(new DefaultResourceLoader(), "classpath:plans/leshan/").coverageRule();
		assertThat(leshan.allSectorsRequired()).isTrue();
		assertThat(leshan.minKeyUnitMonthsPercent()).isEqualByComparingTo("95");
		CoverageRule fictional = new PlanFolder(new DefaultResourceLoader(), "classpath:plans/test-fictional-city/").coverageRule();
		assertThat(fictional.minKeyUnitMonthsPercent()).isEqualByComparingTo("90");
	}
}
