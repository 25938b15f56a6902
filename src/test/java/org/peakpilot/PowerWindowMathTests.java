package org.peakpilot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.power.internal.WindowMath;

import static org.assertj.core.api.Assertions.assertThat;

/** The green-window arithmetic worked by hand (no Spring): classes of a profile, kWh moved, CO2 saved, p90. */
class PowerWindowMathTests {

	/** CI_h = 100 + 10 h gCO2/kWh for Beijing hours 0–23. */
	static List<BigDecimal> rising() {
		List<BigDecimal> p = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			p.add(BigDecimal.valueOf(100 + 10 * h));
		}
		return p;
	}

	@Test
	void theCleanestAndDirtiestQuarterOfADayAreItsGreenAndDirtyHours() {
		WindowMath.Classes c = WindowMath.classify(rising());
		assertThat(c.green()).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(c.dirty()).containsExactly(18, 19, 20, 21, 22, 23);
		// (100 + 110 + 120 + 130 + 140 + 150) / 6 = 125
		assertThat(c.greenMean()).isEqualByComparingTo("125");
		assertThat(c.dirtyFrom()).isEqualByComparingTo("280");
	}

	@Test
	void shiftingTenPercentOfTheDirtyHoursLoadSavesWhatTheFormulaSays() {
		List<BigDecimal> profile = rising();
		List<BigDecimal> load = new ArrayList<>(Collections.nCopies(24, BigDecimal.TEN));
		load.set(20, BigDecimal.valueOf(50));
		load.set(22, null); // no data at 22:00: counts as no load
		WindowMath.Classes c = WindowMath.classify(profile);
		BigDecimal share = new BigDecimal("0.1");
		// moved: 0.1 × (10 + 10 + 50 + 10 + 0 + 10) = 9 kWh
		assertThat(WindowMath.shiftedKwh(load, c, share)).isEqualByComparingTo("9");
		// 0.1 × [10×(280−125) + 10×(290−125) + 50×(300−125) + 10×(310−125) + 0 + 10×(330−125)] g
		// = 0.1 × [1550 + 1650 + 8750 + 1850 + 2050] = 0.1 × 15850 = 1585 g = 1.585 kg
		assertThat(WindowMath.savingKg(profile, load, c, share)).isEqualByComparingTo("1.585");
		assertThat(WindowMath.savingKg(profile, load, c, BigDecimal.ZERO)).isEqualByComparingTo("0");
		assertThat(WindowMath.savingKg(profile, load, c, BigDecimal.ONE)).isEqualByComparingTo("15.85");
	}

	@Test
	void aFlatProfileHasNoDirtyWindowAndSavesNothing() {
		List<BigDecimal> flat = new ArrayList<>(Collections.nCopies(24, BigDecimal.valueOf(140)));
		WindowMath.Classes c = WindowMath.classify(flat);
		assertThat(c.dirty()).isEmpty();
		assertThat(WindowMath.savingKg(flat, new ArrayList<>(Collections.nCopies(24, BigDecimal.TEN)), c, BigDecimal.ONE))
			.isEqualByComparingTo("0");
	}

	@Test
	void hoursWithoutProfileDataAreLeftOutOfTheQuarters() {
		List<BigDecimal> p = rising();
		for (int h = 0; h < 12; h++) {
			p.set(h, null);
		}
		// 12 known hours (220 … 330): a quarter is 3 of them
		WindowMath.Classes c = WindowMath.classify(p);
		assertThat(c.green()).containsExactly(12, 13, 14);
		assertThat(c.dirty()).containsExactly(21, 22, 23);
		assertThat(c.greenMean()).isEqualByComparingTo("230");
	}

	@Test
	void theNinetiethPercentileIsTheNearestRank() {
		List<BigDecimal> v = new ArrayList<>();
		for (int i = 10; i >= 1; i--) {
			v.add(BigDecimal.valueOf(i));
		}
		// ⌈0.9 × 10⌉ = 9th smallest
		assertThat(WindowMath.p90(v)).isEqualByComparingTo("9");
		assertThat(WindowMath.p90(List.of(BigDecimal.valueOf(7)))).isEqualByComparingTo("7");
		assertThat(WindowMath.p90(List.of())).isNull();
	}
}
