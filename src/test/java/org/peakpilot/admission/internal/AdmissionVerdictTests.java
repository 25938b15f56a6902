package org.peakpilot.admission.internal;

import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.Assessment.ImpactBand;
import org.peakpilot.admission.Assessment.Rule;
import org.peakpilot.admission.Verdict;
import org.peakpilot.budget.BudgetHeadroom;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admission rules as data and the verdict's rules, without Spring: every verdict branch, the ranking FAIL >
 * ROUTE_UP > CONDITIONAL > PASS, the m/n arithmetic on a worked example and the budget share u.
 */
class AdmissionVerdictTests {

	static final AdmissionRules LESHAN = leshan();

	static AdmissionRules leshan() {
		Properties p = new Properties();
		try (var in = new ClassPathResource("plans/leshan/admission.properties").getInputStream()) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return new AdmissionRules(p);
	}

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource m = new ResourceBundleMessageSource();
		m.setBasename("messages/admission");
		m.setDefaultEncoding("UTF-8");
		m.setFallbackToSystemLocale(false);
		return m;
	}

	Judgement judgement() {
		return new Judgement(LESHAN, messages());
	}

	static BigDecimal d(String v) {
		return new BigDecimal(v);
	}

	static Assessment.ZoneCap zone(String intensity, String cap) {
		boolean exceeds = d(intensity).compareTo(d(cap)) > 0;
		return new Assessment.ZoneCap("SHAWAN-STEEL", "steel", true, Tco2PerCny10k.of(d(cap)), "OUTPUT_VALUE", Tco2PerCny10k.of(d(intensity)),
				2025, true, exceeds);
	}

	static Assessment.KGrade k(String k) {
		return new Assessment.KGrade(d(k), LESHAN.kGrade(d(k)), Tco2PerCny10k.of(d("1")), 2025, 3);
	}

	@Test
	void readsLeshansRulesWithTheirVersion() {
		assertThat(LESHAN.version()).isEqualTo("leshan-2026.1");
		assertThat(LESHAN.provinceTce()).isEqualByComparingTo("10000");
		assertThat(LESHAN.ndrcTce()).isEqualByComparingTo("500000");
		assertThat(LESHAN.carbonChapterCo2T()).isEqualByComparingTo("100000");
		assertThat(LESHAN.isCoal("raw-coal")).isTrue();
		assertThat(LESHAN.isCoal("COKE")).isFalse();
		assertThat(LESHAN.isTwoHigh("3120")).isTrue();
		assertThat(LESHAN.isTwoHigh("3985")).isFalse();
		assertThat(LESHAN.denominator()).isEqualTo(AdmissionRules.Denominator.OUTPUT_VALUE);
		assertThat(LESHAN.energyIncrementControlTce()).isEmpty();
		assertThat(LESHAN.lapseYears()).isEqualTo(2);
		assertThat(LESHAN.rereviewDeviation()).isEqualByComparingTo("0.10");
		// K bands ≤0.6/0.8/1.2/2.0
		assertThat(List.of(LESHAN.kGrade(d("0.6")), LESHAN.kGrade(d("0.61")), LESHAN.kGrade(d("1.2")), LESHAN.kGrade(d("2.0")),
				LESHAN.kGrade(d("2.01")))).containsExactly(1, 2, 3, 4, 5);
		// m bands ≤1/3/10/20 %, n bands ≤0.1/0.3/1/3.5 %
		assertThat(LESHAN.mBand(d("1"))).isEqualTo(ImpactBand.MINOR);
		assertThat(LESHAN.mBand(d("10"))).isEqualTo(ImpactBand.LARGE);
		assertThat(LESHAN.mBand(d("20.0001"))).isEqualTo(ImpactBand.DECISIVE);
		assertThat(LESHAN.nBand(d("0.3"))).isEqualTo(ImpactBand.SOME);
		assertThat(LESHAN.nBand(d("3.5"))).isEqualTo(ImpactBand.MAJOR);
	}

	@Test
	void aBadValueOrAnUnknownKeyStopsTheStartNamingFileAndKey() {
		Properties p = new Properties();
		p.setProperty("order31.province-tce", "ten thousand");
		assertThatThrownBy(() -> new AdmissionRules(p)).hasMessageContaining("admission.properties: order31.province-tce 'ten thousand'");
		Properties q = new Properties();
		q.setProperty("k.grade-bounds", "0.6,0.8,2.0,1.2");
		assertThatThrownBy(() -> new AdmissionRules(q)).hasMessageContaining("admission.properties: k.grade-bounds");
		Properties r = new Properties();
		r.setProperty("order31.provnce-tce", "10000");
		assertThatThrownBy(() -> new AdmissionRules(r)).hasMessageContaining("order31.provnce-tce").hasMessageContaining("not a key");
		Properties s = new Properties();
		s.setProperty("zone-cap.denominator", "GDP");
		assertThatThrownBy(() -> new AdmissionRules(s)).hasMessageContaining("zone-cap.denominator 'GDP'");
		Properties t = new Properties();
		t.setProperty("banned.processes", "X-1");
		assertThatThrownBy(() -> new AdmissionRules(t)).hasMessageContaining("banned.source");
	}

	@Test
	void theSameVersionWithOtherContentHasAnotherChecksum() {
		Properties p = new Properties();
		p.setProperty("rules.version", "v1");
		Properties q = new Properties();
		q.setProperty("rules.version", "v1");
		q.setProperty("order31.province-tce", "5000");
		Properties same = new Properties();
		same.setProperty("rules.version", "v1");
		same.setProperty("order31.province-tce", "10000.0");
		assertThat(new AdmissionRules(p).checksum()).isNotEqualTo(new AdmissionRules(q).checksum());
		// the effective content, not the text, decides: 10000.0 is the default 10000
		assertThat(new AdmissionRules(p).checksum()).isEqualTo(new AdmissionRules(same).checksum());
		assertThat(new AdmissionRules(p).canonical()).contains("order31.province-tce=10000\n");
	}

	@Test
	void mAndNOnAWorkedExample() {
		// region: a = 5,000,000 tce, b = 20,000,000 万元 → c = 0.25 tce/万元; project d = 100,000 tce, e = 100,000 万元
		// n = ((5,100,000 / 20,100,000) − 0.25) / 0.25 × 100 = (0.2537313432835821 − 0.25) / 0.25 × 100 = 1.492537 % → MAJOR (1–3.5)
		BigDecimal n = Assessor.nPercent(d("5000000"), d("20000000"), d("100000"), d("100000"));
		assertThat(n).isEqualByComparingTo("1.492537");
		assertThat(LESHAN.nBand(n)).isEqualTo(ImpactBand.MAJOR);
		// m = 100,000 ÷ a five-year control of 1,000,000 tce × 100 = 10 % → LARGE (3–10)
		BigDecimal m = Assessor.mPercent(d("100000"), d("1000000"));
		assertThat(m).isEqualByComparingTo("10");
		assertThat(LESHAN.mBand(m)).isEqualTo(ImpactBand.LARGE);
		// CO2: a = 12,000,000 t, c = 0.6; d = 250,000 t: ((12,250,000 / 20,100,000) − 0.6) / 0.6 × 100
		// = (0.6094527363184080 − 0.6) / 0.6 × 100 = 1.575456 % → MAJOR; m = 250,000 ÷ 1,000,000 = 25 % → DECISIVE
		BigDecimal nCo2 = Assessor.nPercent(d("12000000"), d("20000000"), d("250000"), d("100000"));
		assertThat(nCo2).isEqualByComparingTo("1.575456");
		assertThat(LESHAN.mBand(Assessor.mPercent(d("250000"), d("1000000")))).isEqualTo(ImpactBand.DECISIVE);

		// in the verdict: LARGE and MAJOR are CONDITIONAL with a substitution source; DECISIVE fails without one
		Judgement j = judgement();
		j.impact(Rule.M_ENERGY, m, ImpactBand.LARGE, d("10"), d("100000"), null, "tce");
		j.impact(Rule.N_ENERGY, n, ImpactBand.MAJOR, d("3.5"), d("100000"), null, "tce");
		assertThat(j.verdict()).isEqualTo(Verdict.CONDITIONAL);
		assertThat(j.conditions()).extracting(Assessment.Condition::rule).containsExactly(Rule.M_ENERGY, Rule.N_ENERGY);
		assertThat(j.reasons().get(0).textZh()).isEqualTo("能耗 m = 10%，影响程度为较大（上限 10%）");
		assertThat(j.reasons().get(1).textEn()).isEqualTo("energy n = 1.4925%: a major impact (up to 3.5%)");
		j.impact(Rule.M_CO2, d("25"), ImpactBand.DECISIVE, null, d("250000"), null, "tCO2");
		assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
		Judgement offset = judgement();
		offset.impact(Rule.M_CO2, d("25"), ImpactBand.DECISIVE, null, d("250000"), d("250000"), "tCO2");
		assertThat(offset.verdict()).isEqualTo(Verdict.CONDITIONAL);
		assertThat(offset.reasons().get(0).threshold()).isEqualByComparingTo("20");
	}

	@Test
	void passesWhenEveryTestPasses() {
		Judgement j = judgement();
		j.order31(d("9999.99"), d("0"));
		j.sichuan(d("99999"), d("99999"));
		j.zoneCap(zone("4.03", "4.03"), "沙湾管控区", "Shawan control area");
		j.kGrade(k("1.2"));
		j.twoHighInRedCounty(true, false, false);
		assertThat(j.verdict()).isEqualTo(Verdict.PASS);
		assertThat(j.reasons()).extracting(Assessment.Reason::effect).containsOnly(Verdict.PASS);
		assertThat(j.reasons()).extracting(Assessment.Reason::rule)
			.containsExactly(Rule.ORDER31_PROVINCE, Rule.SICHUAN_CARBON_CHAPTER, Rule.ZONE_CAP, Rule.K_GRADE);
		assertThat(j.conditions()).isEmpty();
	}

	@Test
	void twoHighAloneNeverRoutesUpAndFailsOnlyInARedCountyUnlessMajor() {
		Judgement alone = judgement();
		alone.order31(d("5000"), d("0"));
		alone.twoHighInRedCounty(true, false, false);
		assertThat(alone.verdict()).isEqualTo(Verdict.PASS);
		Judgement red = judgement();
		red.twoHighInRedCounty(true, true, false);
		assertThat(red.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(red.reasons().get(0).rule()).isEqualTo(Rule.TWO_HIGH_RED_COUNTY);
		Judgement major = judgement();
		major.twoHighInRedCounty(true, true, true);
		assertThat(major.verdict()).isEqualTo(Verdict.PASS);
		Judgement notTwoHigh = judgement();
		notTwoHigh.twoHighInRedCounty(false, true, false);
		assertThat(notTwoHigh.reasons()).isEmpty();
	}

	@Test
	void conditionalForKBetweenTheBoundsWithAGreenPowerCondition() {
		Judgement j = judgement();
		j.order31(d("800"), d("0"));
		j.kGrade(k("1.5"));
		j.greenPowerCondition(d("0.25"));
		assertThat(j.verdict()).isEqualTo(Verdict.CONDITIONAL);
		assertThat(j.reasons().get(1).figure()).isEqualByComparingTo("1.5");
		assertThat(j.reasons().get(1).threshold()).isEqualByComparingTo("1.2");
		assertThat(j.conditions()).extracting(Assessment.Condition::textZh).containsExactly("提高绿电占比（现为 25%），或采用碳捕集利用、分期建设等措施");
	}

	@Test
	void routeUpOutranksConditionalAndFailOutranksRouteUp() {
		Judgement j = judgement();
		j.order31(d("20000"), d("0"));
		j.kGrade(k("1.5"));
		assertThat(j.verdict()).isEqualTo(Verdict.ROUTE_UP);
		assertThat(j.reasons().get(0).textEn()).isEqualTo("Annual energy use (increment) 20000 tce, at least 10000 tce: the province reviews it (Order 2025 No. 31, Art. 8)");
		j.zoneCap(zone("4.0301", "4.03"), "沙湾管控区", "Shawan control area");
		assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(j.reasons().get(2).rule()).isEqualTo(Rule.ZONE_CAP);
		assertThat(j.reasons().get(2).figure()).isEqualByComparingTo("4.0301");
		// the zone named in each language, not by its code
		assertThat(j.reasons().get(2).textZh()).contains("沙湾管控区").doesNotContain("Shawan");
		assertThat(j.reasons().get(2).textEn()).contains("Shawan control area").doesNotContain("沙湾");
	}

	@Test
	void routesUpByCoalNdrcAndTheCarbonChapterWithTheMonitoringDuty() {
		Judgement coal = judgement();
		coal.order31(d("900"), d("10000"));
		assertThat(coal.verdict()).isEqualTo(Verdict.ROUTE_UP);
		assertThat(coal.reasons().get(0).unit()).isEqualTo("t");
		Judgement ndrc = judgement();
		ndrc.order31(d("500000"), d("0"));
		assertThat(ndrc.reasons().get(0).rule()).isEqualTo(Rule.ORDER31_NDRC);
		Judgement chapter = judgement();
		chapter.sichuan(d("100000"), d("500000"));
		assertThat(chapter.verdict()).isEqualTo(Verdict.ROUTE_UP);
		assertThat(chapter.conditions()).extracting(Assessment.Condition::rule).containsExactly(Rule.MONITORING_DUTY);
	}

	@Test
	void failsAboveKTwoAboveTheMandatoryLimitAndOnABannedProcess() {
		Judgement k = judgement();
		k.kGrade(k("2.01"));
		assertThat(k.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(k.reasons().get(0).textZh()).isEqualTo("碳效值 K = 2.01，高于 2（碳效 5 级）");

		Judgement limit = judgement();
		limit.efficiency(new Assessment.Efficiency("CLINKER", "CLINKER", "kgce/t", d("118"), d("100"), d("117"), d("117"), "GB 16780-2021", "test"));
		assertThat(limit.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(limit.reasons().get(0).rule()).isEqualTo(Rule.MANDATORY_LIMIT);
		Judgement baseline = judgement();
		baseline.efficiency(new Assessment.Efficiency("CERAMIC_TILES", "CERAMIC_TILES.PORCELAIN", "kgce/m2", d("7.5"), d("4.0"), d("7.0"), null, null, "test"));
		assertThat(baseline.verdict()).isEqualTo(Verdict.CONDITIONAL);
		assertThat(baseline.conditions()).hasSize(1);

		Properties p = new Properties();
		p.setProperty("banned.processes", "SMALL-BF-LT400M3");
		p.setProperty("banned.source", "test list");
		Judgement banned = new Judgement(new AdmissionRules(p), messages());
		banned.banned(List.of("EAF-GE50", "SMALL-BF-LT400M3"));
		assertThat(banned.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(banned.reasons()).extracting(Assessment.Reason::textEn).containsExactly("Process or equipment SMALL-BF-LT400M3 is banned (test list)");
		// without a verified list the processes are not assessed, never failed
		Judgement none = judgement();
		none.banned(List.of("SMALL-BF-LT400M3"));
		assertThat(none.verdict()).isEqualTo(Verdict.PASS);
		assertThat(none.notAssessed()).extracting(Assessment.NotAssessed::rule).containsExactly(Rule.BANNED_PROCESS);
	}

	@Test
	void budgetShareDrawsTheReserveAboveTheHeadroomAndFailsAboveHeadroomPlusReserve() {
		// headroom 100,000 t, reserve 50,000 t
		BudgetHeadroom h = new BudgetHeadroom("511111", 2071, 1, Tco2.of(d("1000000")), Tco2.of(d("850000")), Tco2.of(d("50000")),
				Tco2.of(d("100000")), Tco2.of(d("50000")), true, "test");
		Assessment.BudgetShare within = Assessor.budgetShare(h, d("25000"));
		assertThat(within.u()).isEqualByComparingTo("0.25");
		assertThat(within.drawsReserve()).isFalse();
		Assessment.BudgetShare draws = Assessor.budgetShare(h, d("150000"));
		assertThat(draws.drawsReserve()).isTrue();
		assertThat(draws.exceeds()).isFalse();
		Assessment.BudgetShare exceeds = Assessor.budgetShare(h, d("150000.000001"));
		assertThat(exceeds.exceeds()).isTrue();

		Judgement pass = judgement();
		pass.budget(within);
		assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
		assertThat(pass.reasons().get(0).textZh()).isEqualTo("年新增排放 25000 吨，占区县剩余碳预算 100000 吨的 25%");
		Judgement reserve = judgement();
		reserve.budget(draws);
		reserve.greenPowerCondition(null);
		assertThat(reserve.verdict()).isEqualTo(Verdict.CONDITIONAL);
		assertThat(reserve.conditions()).extracting(Assessment.Condition::textEn)
			.containsExactly("The city must approve a draw of 50000 t on the carbon budget reserve", "Raise the green power share (now 0%), or add CCUS or phasing");
		Judgement fail = judgement();
		fail.budget(exceeds);
		assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(fail.reasons().get(0).threshold()).isEqualByComparingTo("150000");

		// a headroom already used up: u is not defined, anything drawn comes from the reserve
		BudgetHeadroom none = new BudgetHeadroom("511111", 2071, 1, Tco2.of(d("1000")), null, Tco2.of(d("1200")), Tco2.of(d("-200")),
				Tco2.of(d("500")), false, "test");
		Assessment.BudgetShare share = Assessor.budgetShare(none, d("400"));
		assertThat(share.u()).isNull();
		assertThat(share.drawsReserve()).isTrue();
	}
}
