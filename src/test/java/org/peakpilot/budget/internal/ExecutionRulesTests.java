package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.ExecutionRules.Figure;
import org.peakpilot.budget.internal.ExecutionRules.Source;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution arithmetic on hand-worked figures (ADR 0016, execution and warnings): sources, the seasonal path by
 * days or by last year's months, the forecast, the intensity and the levels, with the incomplete-data rule.
 */
class ExecutionRulesTests {

	static final ExecutionRules.Thresholds LESHAN = ExecutionRules.Thresholds.of(new BudgetSettings(new Properties()));
	static final int[] DAYS_2026 = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	static BigDecimal d(String v) {
		return new BigDecimal(v);
	}

	static Figure[] months(Source source, String... co2) {
		Figure[] f = new Figure[13];
		Arrays.fill(f, Figure.MISSING);
		for (int i = 0; i < co2.length; i++) {
			f[i + 1] = co2[i] == null ? Figure.MISSING : new Figure(source, d(co2[i]), null);
		}
		return f;
	}

	/** A park's figures (its enterprises are what its budget covers). */
	static ExecutionRules.Result county(String budget, int closed, List<Figure[]> now, List<Figure[]> previous) {
		return ExecutionRules.compute(new ExecutionRules.Input(false, d(budget), now, previous, closed, DAYS_2026, d("0.035")), LESHAN);
	}

	/** A county's figures: its registry enterprises are only part of what its budget covers. */
	static ExecutionRules.Result territory(String budget, int closed, List<Figure[]> now, List<Figure[]> previous) {
		return ExecutionRules.compute(new ExecutionRules.Input(false, d(budget), now, previous, closed, DAYS_2026, d("0.035"), false, true),
				LESHAN);
	}

	@Test
	void aCountysEnterprisesAreALowerBoundThatProvesBehindButNeverOnTrack() {
		// the same figures as a park: complete and on the path (GREEN there) → INCOMPLETE for a county
		Figure[] onPath = months(Source.VERIFIED, "300", "280", "300");
		assertThat(county("3650", 3, of(onPath), none(1)).level()).isEqualTo(WarningLevel.GREEN);
		var county = territory("3650", 3, of(onPath), none(1));
		assertThat(county.complete()).isTrue();
		assertThat(county.level()).isEqualTo(WarningLevel.INCOMPLETE);
		assertThat(county.reasonCode()).isEqualTo("ENTERPRISES_ONLY");
		// behind the path, proven by the enterprises alone: the same YELLOW and RED as a park
		assertThat(territory("3650", 3, of(months(Source.VERIFIED, "330", "330", "330")), none(1)).level()).isEqualTo(WarningLevel.YELLOW);
		assertThat(territory("3650", 3, of(months(Source.VERIFIED, "330", "330", "330.000001")), none(1)).level()).isEqualTo(WarningLevel.RED);
	}

	static List<Figure[]> of(Figure[]... enterprises) {
		return new ArrayList<>(Arrays.asList(enterprises));
	}

	static List<Figure[]> none(int n) {
		List<Figure[]> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(months(Source.MISSING));
		}
		return out;
	}

	@Test
	void daysPathForecastAndLevelsOfACounty() {
		// 3,650 t over 365 days: 10 t a day; Jan–Mar 90 days → path 900 t
		var green = county("3650", 3, of(months(Source.VERIFIED, "300", "250", "300"), months(Source.ESTIMATE, "10", "10", "10")), none(2));
		assertThat(green.basis()).isEqualTo(ExecutionRules.PathBasis.DAYS);
		assertThat(green.pathToDate()).isEqualByComparingTo("900");
		assertThat(green.months().get(0).path()).isEqualByComparingTo("310");
		assertThat(green.months().get(1).path()).isEqualByComparingTo("280");
		assertThat(green.months().stream().map(ExecutionRules.Month::path).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("3650");
		assertThat(green.used()).isEqualByComparingTo("880");
		// forecast 880 × 365 / 90 = 3568.888889
		assertThat(green.forecast()).isEqualByComparingTo(d("880").multiply(d("365")).divide(d("90"), 6, RoundingMode.HALF_UP));
		assertThat(green.months().get(0).source()).isEqualTo(Source.ESTIMATE);
		assertThat(green.level()).isEqualTo(WarningLevel.GREEN);
		assertThat(green.complete()).isTrue();
		assertThat(green.verified()).isEqualTo(3);
		assertThat(green.estimate()).isEqualTo(3);

		// 990 t: 10 % over the path, at the red gap: YELLOW; 990.000001 t: beyond: RED
		assertThat(county("3650", 3, of(months(Source.VERIFIED, "330", "330", "330")), none(1)).level()).isEqualTo(WarningLevel.YELLOW);
		assertThat(county("3650", 3, of(months(Source.VERIFIED, "330", "330", "330.000001")), none(1)).level()).isEqualTo(WarningLevel.RED);
		assertThat(county("3650", 3, of(months(Source.VERIFIED, "300", "300", "300.000001")), none(1)).level()).isEqualTo(WarningLevel.YELLOW);
	}

	@Test
	void missingDataProvesYellowOrRedButNeverGreen() {
		// an enterprise without March: 600 t known of a 900 t path → no level proven
		var incomplete = county("3650", 3, of(months(Source.VERIFIED, "300", "300", null), months(Source.REPORTED, "0", "0", "0")), none(2));
		assertThat(incomplete.complete()).isFalse();
		assertThat(incomplete.missing()).isEqualTo(1);
		assertThat(incomplete.months().get(2).source()).isEqualTo(Source.MISSING);
		assertThat(incomplete.level()).isEqualTo(WarningLevel.INCOMPLETE);
		// at least 1,000 t known: more than 10 % over the path whatever the missing month holds → RED
		var red = county("3650", 3, of(months(Source.VERIFIED, "500", "500", null)), none(1));
		assertThat(red.level()).isEqualTo(WarningLevel.RED);
		assertThat(red.reason()).contains("(at least)");
		// nothing known at all, or no closed month, or no enterprise: NO_DATA
		assertThat(county("3650", 3, none(2), none(2)).level()).isEqualTo(WarningLevel.NO_DATA);
		assertThat(county("3650", 0, of(months(Source.VERIFIED, "1")), none(1)).level()).isEqualTo(WarningLevel.NO_DATA);
		assertThat(county("3650", 3, List.of(), List.of()).level()).isEqualTo(WarningLevel.NO_DATA);
	}

	@Test
	void lastYearsMonthsShapeThePathWhenAllTwelveAreKnown() {
		String[] last = { "200", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "200" }; // Σ 1,400
		var r = county("7000", 2, of(months(Source.VERIFIED, "1000", "400")), of(months(Source.REPORTED, last)));
		assertThat(r.basis()).isEqualTo(ExecutionRules.PathBasis.PREVIOUS_YEAR);
		// path to February: 7,000 × 300 / 1,400 = 1,500; January 1,000
		assertThat(r.months().get(0).path()).isEqualByComparingTo("1000");
		assertThat(r.pathToDate()).isEqualByComparingTo("1500");
		// forecast 1,400 × 1,400 / 300 = 6533.333333
		assertThat(r.forecast()).isEqualByComparingTo("6533.333333");
		assertThat(r.level()).isEqualTo(WarningLevel.GREEN);
		// a month missing last year: days instead
		String[] gap = last.clone();
		gap[5] = null;
		assertThat(county("7000", 2, of(months(Source.VERIFIED, "1000", "400")), of(months(Source.REPORTED, gap))).basis())
			.isEqualTo(ExecutionRules.PathBasis.DAYS);
	}

	@Test
	void intensityUpOnTheSameMonthsOfLastYearIsRed() {
		Figure[] now = months(Source.VERIFIED);
		Figure[] before = months(Source.VERIFIED);
		now[1] = new Figure(Source.VERIFIED, d("110"), d("1000"));
		now[2] = new Figure(Source.ESTIMATE, d("50"), null); // not comparable: an estimate has no output value
		before[1] = new Figure(Source.VERIFIED, d("100"), d("1000"));
		before[2] = new Figure(Source.VERIFIED, d("50"), d("500"));
		var r = county("36500", 2, of(now), of(before));
		assertThat(r.intensityPairs()).isEqualTo(1);
		assertThat(r.intensity()).isEqualByComparingTo("0.11");
		assertThat(r.intensityPrevious()).isEqualByComparingTo("0.1");
		assertThat(r.intensityDecline()).isEqualByComparingTo("-0.1");
		assertThat(r.requiredDecline()).isEqualByComparingTo("0.035");
		// 160 t of a 5,900 t path: far ahead, but intensity is up
		assertThat(r.level()).isEqualTo(WarningLevel.RED);
		assertThat(r.reasonCode()).isEqualTo("INTENSITY_UP");
	}

	@Test
	void enterpriseAmberAndRedOnlyAheadOfThePathAndRedWhenExceeded() {
		// budget 1,000 t, March closed: path 1,000 × 90/365 = 246.575342
		java.util.function.BiFunction<String, Integer, ExecutionRules.Result> e = (used, n) -> {
			String[] m = new String[n];
			Arrays.fill(m, "0");
			m[0] = used;
			return ExecutionRules.compute(new ExecutionRules.Input(true, d("1000"), of(months(Source.VERIFIED, m)), of(months(Source.MISSING)),
					n, DAYS_2026, null), LESHAN);
		};
		assertThat(e.apply("790", 3).level()).isEqualTo(WarningLevel.GREEN);
		assertThat(e.apply("800", 3).level()).isEqualTo(WarningLevel.AMBER);
		assertThat(e.apply("950", 3).level()).isEqualTo(WarningLevel.RED);
		assertThat(e.apply("950", 3).reasonCode()).isEqualTo("USE_RED");
		// 960 t after December: 96 % used but behind the path of 1,000 t: not ahead, so GREEN
		assertThat(e.apply("960", 12).level()).isEqualTo(WarningLevel.GREEN);
		assertThat(e.apply("1000.000001", 12).level()).isEqualTo(WarningLevel.RED);
		assertThat(e.apply("1000.000001", 12).reasonCode()).isEqualTo("BUDGET_EXCEEDED");
		assertThat(e.apply("1000", 3).months().get(0).path())
			.isEqualByComparingTo(d("1000").multiply(d("31")).divide(d("365"), MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP));
	}

	@Test
	void aNationalEtsEnterpriseWithoutABudgetIsMonitoredNotWarned() {
		// 0 t budget (national carbon market, no override): 500 t used is shown, but no RED for exceeding 0 t
		var r = ExecutionRules.compute(new ExecutionRules.Input(true, d("0"), of(months(Source.VERIFIED, "500")), of(months(Source.MISSING)), 1,
				DAYS_2026, null, true), LESHAN);
		assertThat(r.used()).isEqualByComparingTo("500");
		assertThat(r.level()).isEqualTo(WarningLevel.MONITORED_ONLY);
		assertThat(r.reasonCode()).isEqualTo("NATIONAL_ETS");
		// the same 0 t budget of an enterprise outside the market is exceeded
		assertThat(ExecutionRules.compute(new ExecutionRules.Input(true, d("0"), of(months(Source.VERIFIED, "500")), of(months(Source.MISSING)), 1,
				DAYS_2026, null, false), LESHAN).level()).isEqualTo(WarningLevel.RED);
	}
}
