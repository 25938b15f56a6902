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
		PlanFolder.ItemRow sites = indicators.get(10);
		assertThat(sites.nameZh()).isEqualTo("零碳示范点");
		assertThat(sites.targets()).extracting(Target::labelZh).containsExactly("1个近零碳园区", "2个零碳/近零碳园区；2个零碳景区；1个低碳旅游港区");
		assertThat(sites.targets()).extracting(t -> t.label("zh")).containsExactly("1个近零碳园区", "2个零碳/近零碳园区；2个零碳景区；1个低碳旅游港区");
		assertThat(sites.targets()).extracting(t -> t.label("en")).containsExactly("1 near-zero-carbon park",
				"2 zero/near-zero-carbon parks; 2 zero-carbon scenic areas; 1 low-carbon tourism port area");
		assertThat(sites.targets()).extracting(Target::value).usingElementComparator(java.math.BigDecimal::compareTo)
			.containsExactly(java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(5));
	}

	@Test
	void aChineseTargetTextMustCountWhatTheTargetCounts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		String header = "no,category_zh,category_en,name_zh,name_en,unit_zh,unit,baseline_2022,target_2025,better,target_2025_zh\n";
		java.nio.file.Files.writeString(dir.resolve("indicators.csv"),
				header + "1,类,Group,零碳示范点,Sites,个,count,0,2 parks; 1 port area,higher,2个园区；2个港区\n");
		PlanFolder folder = new PlanFolder(new DefaultResourceLoader(), dir.toUri().toString());
		assertThatIllegalStateException().isThrownBy(folder::indicators).withMessageContaining("line 2")
			.withMessageContaining("target_2025_zh").withMessageContaining("counts 4");
		java.nio.file.Files.writeString(dir.resolve("indicators.csv"), header + "1,类,Group,单位GDP能耗,Energy,吨,t,0,45,higher,四十五\n");
		assertThatIllegalStateException().isThrownBy(folder::indicators).withMessageContaining("only a target stated in words");
	}
}
