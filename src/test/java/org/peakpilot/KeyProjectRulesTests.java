package org.peakpilot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.projects.internal.KeyProjectRules;
import org.peakpilot.projects.internal.KeyProjectRules.LateReason;
import org.peakpilot.projects.internal.KeyProjectSettings;
import org.peakpilot.projects.internal.KeyProjectStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key-project library's rules without Spring (ADR 0018): late, under-delivering, realised from accounting. */
class KeyProjectRulesTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

	@Test
	void aProjectIsLateWhenItsEndYearHasPassedUnfinished() {
		assertThat(KeyProjectRules.late(KeyProjectStage.UNDER_CONSTRUCTION, 2025, TODAY, TODAY, 6)).containsExactly(LateReason.END_YEAR_PASSED);
		assertThat(KeyProjectRules.late(KeyProjectStage.RESERVE, 2025, TODAY, TODAY, 6)).containsExactly(LateReason.END_YEAR_PASSED);
		// the end year itself is not yet passed
		assertThat(KeyProjectRules.late(KeyProjectStage.UNDER_CONSTRUCTION, 2026, TODAY, TODAY, 6)).isEmpty();
		// finished projects are never late by their end year
		assertThat(KeyProjectRules.late(KeyProjectStage.COMPLETED, 2020, TODAY, TODAY, 6)).isEmpty();
		assertThat(KeyProjectRules.late(KeyProjectStage.IN_OPERATION, 2020, TODAY.minusYears(3), TODAY, 6)).isEmpty();
	}

	@Test
	void aProjectNotInOperationIsLateAfterStaleMonthsWithoutProgress() {
		// 2026-06-06 + 6 months = 2026-12-06: exactly six months is not yet late; one day more is
		assertThat(KeyProjectRules.late(KeyProjectStage.UNDER_CONSTRUCTION, 2028, LocalDate.of(2026, 6, 6), TODAY, 6)).isEmpty();
		assertThat(KeyProjectRules.late(KeyProjectStage.UNDER_CONSTRUCTION, 2028, LocalDate.of(2026, 6, 5), TODAY, 6))
			.containsExactly(LateReason.NO_PROGRESS);
		// a completed project waiting for operation counts as well; both reasons at once
		assertThat(KeyProjectRules.late(KeyProjectStage.COMPLETED, 2028, LocalDate.of(2025, 1, 1), TODAY, 6)).containsExactly(LateReason.NO_PROGRESS);
		assertThat(KeyProjectRules.late(KeyProjectStage.RESERVE, 2024, LocalDate.of(2025, 1, 1), TODAY, 6))
			.containsExactly(LateReason.END_YEAR_PASSED, LateReason.NO_PROGRESS);
	}

	@Test
	void underDeliveringIsRealisedBelowTheShareOfExpectedCo2ElseTce() {
		BigDecimal share = new BigDecimal("0.8");
		// 0.8 × 10,000 = 8,000 t: 7,999.99 is below, 8,000 is not
		assertThat(KeyProjectRules.underDelivering(null, d("10000"), null, d("7999.99"), share)).isTrue();
		assertThat(KeyProjectRules.underDelivering(null, d("10000"), null, d("8000"), share)).isFalse();
		// CO2 decides when both are comparable, even if tce falls short
		assertThat(KeyProjectRules.underDelivering(d("1000"), d("10000"), d("100"), d("9000"), share)).isFalse();
		// without CO2 figures, tce: 0.8 × 1,000 = 800
		assertThat(KeyProjectRules.underDelivering(d("1000"), null, d("799"), null, share)).isTrue();
		// nothing to compare: not under-delivering
		assertThat(KeyProjectRules.underDelivering(d("1000"), d("10000"), null, null, share)).isFalse();
		assertThat(KeyProjectRules.underDelivering(null, d("0"), null, d("0"), share)).isFalse();
	}

	@Test
	void realisedFromAccountingIsTheIntensityDropTimesTheOutputAfter() {
		// before: 12,000 t ÷ 6,000 万元 = 2 t/万元; after: 11,000 t ÷ 7,000 万元 = 1.571428571428571… t/万元
		// (2 − 1.571428571428571) × 7,000 = 3,000.000000000003 → 3000 t (6 decimals HALF_UP)
		var s = KeyProjectRules.fromAccounting(d("12000"), d("6000"), d("11000"), d("7000"));
		assertThat(s.intensityBefore()).isEqualByComparingTo("2");
		assertThat(s.intensityAfter()).isEqualByComparingTo("1.571429");
		assertThat(s.savingCo2T()).isEqualByComparingTo("3000");
		// a rising intensity is a negative saving: (1 − 1.2) × 5,000 = −1,000
		assertThat(KeyProjectRules.fromAccounting(d("5000"), d("5000"), d("6000"), d("5000")).savingCo2T()).isEqualByComparingTo("-1000");
	}

	@Test
	void settingsComeFromThePlanFolderWithLeshansDefaults() {
		KeyProjectSettings defaults = new KeyProjectSettings(new Properties());
		assertThat(defaults.plannedCount()).isEqualTo(352);
		// 2,943.30 亿元 × 10,000 = 29,433,000 万元
		assertThat(defaults.plannedInvestment10kCny()).isEqualByComparingTo("29433000");
		assertThat(defaults.underDeliveringShare()).isEqualByComparingTo("0.8");
		Properties bad = new Properties();
		bad.setProperty("keylib.under-delivering.share", "1.5");
		assertThatThrownBy(() -> new KeyProjectSettings(bad)).hasMessageContaining("keylib.under-delivering.share");
		Properties months = new Properties();
		months.setProperty("keylib.late.stale-months", "x");
		assertThatThrownBy(() -> new KeyProjectSettings(months)).hasMessageContaining("keylib.late.stale-months");
	}

	@Test
	void stagesParseFromTheirCodeOrChineseName() {
		assertThat(KeyProjectStage.parse("在建")).isEqualTo(KeyProjectStage.UNDER_CONSTRUCTION);
		assertThat(KeyProjectStage.parse(" in_operation ")).isEqualTo(KeyProjectStage.IN_OPERATION);
		assertThat(KeyProjectStage.parse("开工")).isNull();
		assertThat(List.of(KeyProjectStage.values())).extracting(KeyProjectStage::zh).containsExactly("储备", "在建", "建成", "投运");
	}

	static BigDecimal d(String s) {
		return new BigDecimal(s);
	}
}
