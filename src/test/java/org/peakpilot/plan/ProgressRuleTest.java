package org.peakpilot.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Origin;
import org.peakpilot.plan.PlanModel.Progress;
import org.peakpilot.plan.PlanModel.Status;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.TargetType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status rules, with expected results worked out by hand. Indicator 12 (non-fossil share): baseline 41.5 % in
 * 2022, targets 45 % (2025) and 50 % (2030); tolerance 0.10 of the required change.
 */
class ProgressRuleTest {

	static final BigDecimal TOLERANCE = new BigDecimal("0.10");

	static Item share() {
		return item(Direction.HIGHER, 2022, "41.5", new Target(2025, TargetType.VALUE, bd("45"), null, null),
				new Target(2030, TargetType.VALUE, bd("50"), null, null));
	}

	@ParameterizedTest(name = "{0}: {1} % -> {2}")
	@CsvSource({
			// 2024: elapsed 2/3 of 2022→2025; achieved (44−41.5)/3.5 = 0.714 ≥ 0.667
			"2024, 44,   ON_TRACK",
			// achieved (43.5−41.5)/3.5 = 0.571; 0.667 − 0.571 = 0.095 ≤ 0.10
			"2024, 43.5, AT_RISK",
			// achieved 0.5/3.5 = 0.143, far behind
			"2024, 42,   OFF_TRACK",
			"2023, 46,   ACHIEVED",
			"2025, 45,   ACHIEVED",
			// target year reached without the target
			"2025, 44.9, OFF_TRACK",
			// next target 2030: elapsed 5/8 = 0.625; achieved (47−41.5)/8.5 = 0.647
			"2027, 47,   ON_TRACK",
			// all targets passed: judged against the last one
			"2031, 49,   OFF_TRACK",
			"2031, 50,   ACHIEVED",
			// worse than the baseline
			"2024, 40,   OFF_TRACK" })
	void judgesAShareAgainstTheStraightPath(int year, String value, Status expected) {
		Progress p = ProgressRule.assess(share(), List.of(obs(year, value)), 2022, TOLERANCE);
		assertThat(p.status()).isEqualTo(expected);
		assertThat(p.latestYear()).isEqualTo(year);
	}

	@Test
	void reportsThePathValueAndPercent() {
		Progress p = ProgressRule.assess(share(), List.of(obs(2024, "44")), 2022, TOLERANCE);
		// 41.5 + 3.5 × 2/3 = 43.8333…, shown with one decimal more than 41.5 and 45
		assertThat(p.expected()).isEqualByComparingTo("43.83");
		// (44 − 41.5) / 3.5 = 71.4 %
		assertThat(p.percent()).isEqualTo(71);
		assertThat(p.nextTarget().year()).isEqualTo(2025);
	}

	@ParameterizedTest(name = "{0} tce/10k CNY -> {1}")
	@CsvSource({
			// lower is better: (0.81−0.8563)/(0.80−0.8563) = 0.822 ≥ 0.667
			"0.81, ON_TRACK",
			// (0.82−0.8563)/(−0.0563) = 0.645; 0.667 − 0.645 = 0.022
			"0.82, AT_RISK",
			"0.86, OFF_TRACK",
			"0.79, ACHIEVED" })
	void lowerIsBetterForIntensitiesOnceTheProvincialTargetIsEntered(String value, Status expected) {
		Item intensity = item(Direction.LOWER, 2022, "0.8563",
				new Target(2025, TargetType.PROVINCIAL, bd("0.80"), null, "川府发 test"),
				new Target(2030, TargetType.PROVINCIAL, null, null, null));
		assertThat(ProgressRule.assess(intensity, List.of(obs(2024, value)), 2022, TOLERANCE).status()).isEqualTo(expected);
	}

	@Test
	void saysTheProvincialTargetIsMissingInsteadOfGuessing() {
		Item intensity = item(Direction.LOWER, 2022, "0.8563", new Target(2025, TargetType.PROVINCIAL, null, null, null),
				new Target(2030, TargetType.PROVINCIAL, null, null, null));
		Progress p = ProgressRule.assess(intensity, List.of(obs(2024, "0.5")), 2022, TOLERANCE);
		assertThat(p.status()).isEqualTo(Status.TARGET_MISSING);
		assertThat(p.reason()).isEqualTo("provincial-target-missing");
		assertThat(p.args()).containsExactly("2025");
	}

	@ParameterizedTest
	@CsvSource({ "3.9, ACHIEVED", "4.03, ACHIEVED", "4.5, OFF_TRACK" })
	void capsAreKeptOrBroken(String value, Status expected) {
		Item cap = item(Direction.CAP, null, null, new Target(2025, TargetType.CAP, bd("4.03"), null, null),
				new Target(2030, TargetType.CAP, bd("4.03"), null, null));
		assertThat(ProgressRule.assess(cap, List.of(obs(2025, value)), 2022, TOLERANCE).status()).isEqualTo(expected);
	}

	@Test
	void noValuesMeansNoData() {
		assertThat(ProgressRule.assess(share(), List.of(), 2022, TOLERANCE).status()).isEqualTo(Status.NO_DATA);
	}

	@Test
	void aCommitmentWithoutBaselineStartsFromItsBaselineYearValue() {
		Item taxis = item(Direction.HIGHER, null, null, new Target(2025, TargetType.VALUE, bd("30"), null, null));
		// start 2022: 10; (25−10)/(30−10) = 0.75 ≥ elapsed 2/3
		assertThat(ProgressRule.assess(taxis, List.of(obs(2022, "10"), obs(2024, "25")), 2022, TOLERANCE).status())
			.isEqualTo(Status.ON_TRACK);
		Progress alone = ProgressRule.assess(taxis, List.of(obs(2023, "20")), 2022, TOLERANCE);
		assertThat(alone.status()).isEqualTo(Status.AT_RISK);
		assertThat(alone.reason()).isEqualTo("no-baseline");
	}

	@Test
	void aFlatTargetIsMetOrMissed() {
		Item flat = item(Direction.HIGHER, 2022, "70", new Target(2025, TargetType.VALUE, bd("70"), null, null));
		assertThat(ProgressRule.assess(flat, List.of(obs(2024, "70")), 2022, TOLERANCE).status()).isEqualTo(Status.ACHIEVED);
		assertThat(ProgressRule.assess(flat, List.of(obs(2024, "69")), 2022, TOLERANCE).status()).isEqualTo(Status.OFF_TRACK);
	}

	@Test
	void replacedValuesDoNotCount() {
		List<Observation> values = new ArrayList<>();
		values.add(new Observation(1, "12", 2024, bd("50"), Origin.ENTERED, "old", null, null, "a", Instant.EPOCH, null,
				Instant.EPOCH));
		values.add(obs(2024, "42"));
		assertThat(ProgressRule.assess(share(), values, 2022, TOLERANCE).status()).isEqualTo(Status.OFF_TRACK);
	}

	static Item item(Direction direction, Integer baselineYear, String baseline, Target... targets) {
		return new Item("x", Kind.INDICATOR, 1, "1", "g", "g", "n", "n", "%", "%", direction, baselineYear,
				baseline == null ? null : bd(baseline), List.of(targets));
	}

	static Observation obs(int year, String value) {
		return new Observation(year, "x", year, bd(value), Origin.ENTERED, "doc", null, null, "tester", Instant.EPOCH, null, null);
	}

	static BigDecimal bd(String s) {
		return new BigDecimal(s);
	}
}
