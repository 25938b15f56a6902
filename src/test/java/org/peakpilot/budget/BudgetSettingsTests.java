package org.peakpilot.budget;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.internal.BudgetSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan folder's budget.properties: Leshan's file, the defaults, and a bad value named by file and key. */
class BudgetSettingsTests {

	private static Properties props(String... keyValues) {
		Properties p = new Properties();
		for (int i = 0; i < keyValues.length; i += 2) {
			p.setProperty(keyValues[i], keyValues[i + 1]);
		}
		return p;
	}

	@Test
	void leshansFileStatesTheDefaults() throws IOException {
		Properties p = new Properties();
		try (var in = getClass().getResourceAsStream("/plans/leshan/budget.properties")) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		BudgetSettings leshan = new BudgetSettings(p);
		BudgetSettings defaults = new BudgetSettings(new Properties());
		for (BudgetSettings s : List.of(leshan, defaults)) {
			assertThat(s.defaultReserveShare()).isEqualByComparingTo("0.05");
			assertThat(s.sinkCreditMaxShare()).isEqualByComparingTo("0.05");
			assertThat(s.regionRedGap()).isEqualByComparingTo("0.10");
			assertThat(s.enterpriseAmberUse()).isEqualByComparingTo("0.80");
			assertThat(s.enterpriseRedUse()).isEqualByComparingTo("0.95");
			assertThat(s.adjustmentWindowMonths()).containsExactly(7, 10);
			assertThat(s.redWhenIntensityRises()).isTrue();
		}
	}

	@Test
	void anotherCitySetsItsOwn() {
		BudgetSettings s = new BudgetSettings(props("adjustment.window-months", "10, 4,4", "warning.enterprise.amber-use", "0.7"));
		assertThat(s.adjustmentWindowMonths()).containsExactly(4, 10);
		assertThat(s.enterpriseAmberUse()).isEqualByComparingTo("0.7");
	}

	@Test
	void aBadValueNamesFileAndKey() {
		assertThatThrownBy(() -> new BudgetSettings(props("warning.region.red-gap", "ten")))
			.hasMessage("budget.properties: warning.region.red-gap 'ten' is not a number");
		assertThatThrownBy(() -> new BudgetSettings(props("reserve.default-share", "1")))
			.hasMessageContaining("reserve.default-share '1' must be a fraction from 0 to below 1");
		assertThatThrownBy(() -> new BudgetSettings(props("adjustment.window-months", "7,13")))
			.hasMessageContaining("adjustment.window-months '7,13'");
		assertThatThrownBy(() -> new BudgetSettings(props("warning.enterprise.amber-use", "0.9", "warning.enterprise.red-use", "0.8")))
			.hasMessageContaining("must not be below warning.enterprise.amber-use");
	}
}
