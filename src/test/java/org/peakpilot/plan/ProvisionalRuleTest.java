package org.peakpilot.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Origin;
import org.peakpilot.plan.PlanModel.Progress;
import org.peakpilot.plan.PlanModel.Status;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.TargetType;

import static org.assertj.core.api.Assertions.assertThat;

/** Architecture rule 7 in the progress rule: a provisional value gets no status and starts no path. */
class ProvisionalRuleTest {

	static final BigDecimal TOLERANCE = new BigDecimal("0.10");

	@Test
	void aProvisionalLatestValueGetsNoStatusButItsCoverageEvenWhenItWouldMeetTheTarget() {
		Item intensity = item(new Target(2025, TargetType.VALUE, bd("0.8"), null, null),
				new Target(2030, TargetType.VALUE, bd("0.7"), null, null));
		Progress p = ProgressRule.assess(intensity, List.of(computed(2024, "0.1", true, "8.3")), 2022, TOLERANCE);
		assertThat(p.status()).isEqualTo(Status.PROVISIONAL);
		assertThat(p.reason()).isEqualTo("provisional");
		assertThat(p.args()).containsExactly("8.3");
		assertThat(p.percent()).isNull();
		assertThat(p.expected()).isNull();
		// the same value from complete data has earned its status
		assertThat(ProgressRule.assess(intensity, List.of(computed(2024, "0.1", false, "100")), 2022, TOLERANCE).status())
			.isEqualTo(Status.ACHIEVED);
	}

	@Test
	void aProvisionalEarlierValueIsNotTheStartOfThePath() {
		Item noBaseline = new Item("x", PlanModel.Kind.INDICATOR, 1, "1", "g", "g", "n", "n", "t", "t", Direction.LOWER, null,
				null, List.of(new Target(2025, TargetType.VALUE, bd("0.5"), null, null)));
		Progress p = ProgressRule.assess(noBaseline, List.of(computed(2022, "0.01", true, "5"), computed(2024, "0.9", false, "100")),
				2022, TOLERANCE);
		// without a usable start there is no path to judge against (the provisional 0.01 would make 0.9 look far behind)
		assertThat(p.reason()).isEqualTo("no-baseline");
	}

	static Item item(Target... targets) {
		return new Item("1", PlanModel.Kind.INDICATOR, 1, "1", "g", "g", "n", "n", "t", "t", Direction.LOWER, 2022, bd("0.8563"),
				List.of(targets));
	}

	static Observation computed(int year, String value, boolean provisional, String coverage) {
		return new Observation(year, "1", year, bd(value), Origin.COMPUTED, "city inventory", null, "{}", "tester", Instant.EPOCH,
				null, null, provisional, bd(coverage), null, null);
	}

	static BigDecimal bd(String s) {
		return new BigDecimal(s);
	}
}
