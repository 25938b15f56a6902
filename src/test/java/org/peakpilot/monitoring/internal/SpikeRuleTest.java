package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The spike statistic, the unit conversion of unit energy consumption and the efficiency levels as loaded, by hand. */
class SpikeRuleTest {

	static final SpikeRule RULE = new SpikeRule(new BigDecimal("5"), new BigDecimal("0.5"), 7);

	static List<BigDecimal> values(String... v) {
		return Arrays.stream(v).map(BigDecimal::new).toList();
	}

	@ParameterizedTest(name = "{0} against 100 102 98 101 99 100 103 97 100 100 (floor {1}): threshold {2}, spike {3}")
	@CsvSource({
			// median 100, MAD 1: max(5 × 1.4826 × 1 = 7.413, 50, floor) → 150 unless the floor is larger
			"160, 20, 150, true",
			"150, 20, 150, false",
			"140, 20, 150, false",
			"140, 30, 150, false",
			"175, 60, 160, true" })
	void aSpikeLiesAboveTheMedianByTheLargestOfKMadsHalfTheMedianAndTheFloor(String value, String floor, String threshold, boolean spike) {
		SpikeRule.Verdict v = RULE.judge(new BigDecimal(value), values("100", "102", "98", "101", "99", "100", "103", "97", "100", "100"),
				new BigDecimal(floor)).orElseThrow();
		assertThat(v.median()).isEqualByComparingTo("100");
		assertThat(v.mad()).isEqualByComparingTo("1");
		assertThat(v.threshold()).isEqualByComparingTo(threshold);
		assertThat(v.spike()).isEqualTo(spike);
	}

	@Test
	void aNoisyProfileWidensTheBandAndOneOutlierInItDoesNot() {
		// 60 80 100 120 140 100 100 (+ one 900 outlier): sorted 60 80 100 100 100 120 140 900 → median 100;
		// deviations 40 20 0 0 0 20 40 800 → sorted 0 0 0 20 20 40 40 800 → MAD 20; 5 × 1.4826 × 20 = 148.26 → 248.26
		SpikeRule.Verdict v = RULE.judge(new BigDecimal("240"), values("60", "80", "100", "120", "140", "100", "100", "900"), BigDecimal.ONE)
			.orElseThrow();
		assertThat(v.median()).isEqualByComparingTo("100");
		assertThat(v.mad()).isEqualByComparingTo("20");
		assertThat(v.threshold()).isEqualByComparingTo("248.26");
		assertThat(v.spike()).isFalse();
	}

	@Test
	void tooShortAProfileJudgesNothing() {
		assertThat(RULE.judge(new BigDecimal("1000"), values("1", "1", "1", "1", "1", "1"), BigDecimal.ONE)).isEmpty();
	}

	@ParameterizedTest(name = "{0} tce ÷ {1} {2} = {4} {3}")
	@CsvSource({
			// 122.9 tce = 122,900 kgce over 1,000 t
			"122.9, 1000, t, kgce/t, 122.9",
			// 1,229 tce = 1,229,000 kgce over 190 t = 190,000 kg: 6.468421 kgce/kg (= tce per t; 6 decimals, shared.Rounding)
			"1229, 190, t, kgce/kg, 6.468421",
			// tiles: 45 tce over 10,000 m2 = 4.5 kgce/m2
			"45, 10000, m2, kgce/m2, 4.5" })
	void unitEnergyIsKgcePerProductUnit(String tce, String production, String productUnit, String levelUnit, String expected) {
		assertThat(AlarmRules.kgcePerUnit(new BigDecimal(tce), new BigDecimal(production), productUnit, levelUnit))
			.isEqualByComparingTo(expected);
	}

	@Test
	void productsInOtherUnitsThanTheLevelAreNotCompared() {
		assertThat(AlarmRules.kgcePerUnit(BigDecimal.TEN, BigDecimal.ONE, "m2", "kgce/t")).isNull();
		assertThat(AlarmRules.kgcePerUnit(BigDecimal.TEN, BigDecimal.ONE, "t", "kWh/t")).isNull();
	}

	@Test
	void levelsAreLoadedAsDataWithTheirTagsAndAClassIsChosenByTheMetersProductCode() {
		EfficiencyLevels levels = new EfficiencyLevels();
		EfficiencyLevel clinker = levels.get("CLINKER").orElseThrow();
		assertThat(clinker.baseline()).isEqualByComparingTo("117");
		assertThat(clinker.benchmark()).isEqualByComparingTo("100");
		assertThat(clinker.tag()).isEqualTo("unverified");
		assertThat(clinker.verified()).isFalse();
		assertThat(clinker.limitLevel3()).isEqualByComparingTo("117");
		assertThat(clinker.limitTag()).isEqualTo("verified-secondary");
		assertThat(levels.get("PIG_IRON.BF").orElseThrow().verified()).isTrue();
		// a named class, or for a bare product the most lenient class
		assertThat(levels.forProduct("CAUSTIC_SODA.LIQUID_30").orElseThrow().baseline()).isEqualByComparingTo("350");
		assertThat(levels.forProduct("CAUSTIC_SODA").orElseThrow().code()).isEqualTo("CAUSTIC_SODA.SOLID_98");
		// no baseline known: the limit standard's level 3 is the reference
		EfficiencyLevel polysilicon = levels.forProduct("POLYSILICON").orElseThrow();
		assertThat(polysilicon.baseline()).isNull();
		assertThat(EfficiencyLevels.reference(polysilicon)).isEqualByComparingTo("6.3");
		assertThat(levels.forProduct("NO_SUCH")).isEmpty();
	}
}
