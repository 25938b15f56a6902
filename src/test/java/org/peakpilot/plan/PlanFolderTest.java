package org.peakpilot.plan;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.TargetType;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlanFolderTest {

	@Test
	void readsTheKindsOfTargetCellThePlanUses() {
		assertThat(PlanFolder.target(2025, "45", Direction.HIGHER, "t")).isEqualTo(new Target(2025, TargetType.VALUE, new java.math.BigDecimal("45"), null, null));
		assertThat(PlanFolder.target(2025, "PROVINCIAL", Direction.LOWER, "t").type()).isEqualTo(TargetType.PROVINCIAL);
		Target cap = PlanFolder.target(2025, "<=4.03", Direction.CAP, "t");
		assertThat(cap.type()).isEqualTo(TargetType.CAP);
		assertThat(cap.value()).isEqualByComparingTo("4.03");
		Target counted = PlanFolder.target(2030, "2 zero/near-zero-carbon parks; 2 zero-carbon scenic areas; 1 low-carbon tourism port area",
				Direction.HIGHER, "t");
		assertThat(counted.value()).isEqualByComparingTo("5");
		assertThat(counted.label()).startsWith("2 zero");
	}

	@Test
	void namesTheCellOfAnUnreadableTarget() {
		assertThatIllegalStateException().isThrownBy(() -> PlanFolder.target(2025, "about half", Direction.HIGHER, "indicators.csv line 9, column target_2025"))
			.withMessageContaining("line 9").withMessageContaining("target_2025");
		assertThatIllegalStateException().isThrownBy(() -> PlanFolder.target(2025, "4.03", Direction.CAP, "x"))
			.withMessageContaining("cap");
	}

	@Test
	void leshansFolderHoldsThePlansTables() {
		PlanFolder folder = new PlanFolder(new DefaultResourceLoader(), "classpath:plans/leshan/");
		List<PlanFolder.ItemRow> indicators = folder.indicators();
		assertThat(indicators).hasSize(31);
		assertThat(indicators.stream().map(PlanFolder.ItemRow::groupZh).distinct()).hasSize(7);
		assertThat(indicators.stream().filter(i -> i.direction() == Direction.CAP).map(PlanFolder.ItemRow::code))
			.containsExactly("7", "8", "9", "10");
		assertThat(indicators.get(0).targets()).allMatch(t -> t.type() == TargetType.PROVINCIAL);
		assertThat(folder.commitments()).hasSize(44);
		assertThat(folder.zones()).hasSize(4);
		assertThat(folder.projectDomains()).hasSize(10);
		assertThat(folder.info().baselineYear()).isEqualTo(2022);
	}
}
