package org.peakpilot.budget;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every allocation method and warning level has its name in Chinese and English: a value added to an enum without
 * its text showed as "??budget.page.method.OUTPUT_BENCHMARK_zh_CN??" on the allocation workspace. No Spring.
 */
class BudgetMessagesTests {

	private static Properties texts(String... files) throws IOException {
		Properties all = new Properties();
		for (String f : files) {
			try (var in = BudgetMessagesTests.class.getResourceAsStream("/messages/" + f + ".properties")) {
				all.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
		}
		return all;
	}

	@Test
	void everyMethodAndLevelIsNamedInBothLanguages() throws IOException {
		Properties zh = texts("platform", "budget");
		Properties en = texts("platform_en", "budget_en");
		List<String> missing = new ArrayList<>();
		for (BudgetAllocation.Method m : BudgetAllocation.Method.values()) {
			for (var lang : List.of(zh, en)) {
				if (!lang.containsKey("budget.page.method." + m.name())) {
					missing.add((lang == zh ? "zh " : "en ") + "budget.page.method." + m.name());
				}
			}
		}
		for (WarningLevel l : WarningLevel.values()) {
			for (var lang : List.of(zh, en)) {
				if (!lang.containsKey("budget.warning.level." + l.name())) {
					missing.add((lang == zh ? "zh " : "en ") + "budget.warning.level." + l.name());
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void theCountyWorkspaceOffersTheRegionMethodsOnly() {
		assertThat(BudgetAllocation.Method.forRegions()).containsExactly(BudgetAllocation.Method.GDP_SHARE,
				BudgetAllocation.Method.POPULATION_SHARE, BudgetAllocation.Method.GRANDFATHERING, BudgetAllocation.Method.INTENSITY_DECLINE,
				BudgetAllocation.Method.BASE_PLUS_INCREMENT, BudgetAllocation.Method.ENTROPY);
	}
}
