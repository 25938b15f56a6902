package org.peakpilot.projects;

import java.math.BigDecimal;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.CarbonEfficiency;
import org.peakpilot.projects.internal.GreenCriteria;
import org.peakpilot.projects.internal.GreenCriteria.Code;
import org.peakpilot.projects.internal.GreenCriteria.Evaluation;
import org.peakpilot.projects.internal.GreenCriteria.Outcome;
import org.peakpilot.projects.internal.GreenCriteria.State;
import org.peakpilot.projects.internal.GreenSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The green library's entry criteria on hand-computed figures, and the plan folder's settings refusing bad values. */
class GreenCriteriaTest {

	static final List<GreenSettings.Category> CATALOGUE = GreenSettings.parseCatalogue("""
			code,name_zh,name_en,source,tag
			G4,能源绿色低碳转型,Energy transition,test,[unverified] test
			""");

	static GreenSettings settings(String... pairs) {
		Properties p = new Properties();
		p.setProperty("criteria.version", "test-1");
		p.setProperty("enterprise.max-grade", "2");
		p.setProperty("enterprise.min-green-power-share", "0.20");
		for (int i = 0; i < pairs.length; i += 2) {
			p.setProperty(pairs[i], pairs[i + 1]);
		}
		return new GreenSettings(p, CATALOGUE);
	}

	static GreenCriteria.Result result(Evaluation e, Code code) {
		return e.criteria().stream().filter(c -> c.code() == code).findFirst().orElseThrow();
	}

	@Test
	void anEnterpriseOfGradeOneBelowItsIndustryWithFortyPercentGreenPowerMeetsEveryCriterion() {
		// 2021, Sichuan grid 0.1255 t/MWh: 1,000 MWh → 125.5 t over 1,000 万元 = 0.1255 t/万元; the industry 753 t ÷ 2,500 万元
		// = 0.3012; ratio 0.1255 ÷ 0.3012 = 0.4167 < 0.6 → grade 1; green 400,000 ÷ 1,000,000 kWh = 0.4 ≥ 0.2
		CarbonEfficiency e = new CarbonEfficiency(1, 2021, "3072", 1, new BigDecimal("0.1255"), new BigDecimal("0.3012"), "ratio 0.417",
				new BigDecimal("1000000"), new BigDecimal("400000"));
		Evaluation ev = GreenCriteria.enterprise(settings(), e);
		assertThat(ev.outcome()).isEqualTo(Outcome.MET);
		assertThat(ev.criteriaVersion()).isEqualTo("test-1");
		assertThat(ev.grade()).isEqualTo(1);
		assertThat(result(ev, Code.ENTERPRISE_GRADE)).satisfies(r -> {
			assertThat(r.state()).isEqualTo(State.MET);
			assertThat(r.figure()).isEqualByComparingTo("1");
			assertThat(r.threshold()).isEqualByComparingTo("2");
		});
		assertThat(result(ev, Code.ENTERPRISE_INTENSITY).state()).isEqualTo(State.MET);
		assertThat(result(ev, Code.ENTERPRISE_GREEN_POWER).figure()).isEqualByComparingTo("0.4");
	}

	@Test
	void gradeFiveAboveTheAverageIsNotMetAndReportsWithoutGreenKwhAreNotAssessable() {
		// 4,000 MWh → 502 t over 500 万元 = 1.004 t/万元; ratio 1.004 ÷ 0.3012 = 3.33 ≥ 1.5 → grade 5
		CarbonEfficiency e = new CarbonEfficiency(2, 2021, "3072", 5, new BigDecimal("1.004"), new BigDecimal("0.3012"), "ratio 3.333",
				new BigDecimal("4000000"), null);
		Evaluation ev = GreenCriteria.enterprise(settings(), e);
		assertThat(ev.outcome()).isEqualTo(Outcome.NOT_MET);
		assertThat(result(ev, Code.ENTERPRISE_GRADE).state()).isEqualTo(State.NOT_MET);
		assertThat(result(ev, Code.ENTERPRISE_INTENSITY).state()).isEqualTo(State.NOT_MET);
		assertThat(result(ev, Code.ENTERPRISE_GREEN_POWER)).satisfies(r -> {
			assertThat(r.state()).isEqualTo(State.NOT_ASSESSABLE);
			assertThat(r.reason()).isEqualTo("NO_GREEN_STATED");
		});
	}

	@Test
	void equalToTheIndustryAverageIsNotBelowItAndTheShareAtTheThresholdIsMet() {
		// alone in its industry: intensity = average = 0.1404 → not below; 200,000 ÷ 1,000,000 = 0.2 = the threshold → met
		CarbonEfficiency e = new CarbonEfficiency(3, 2022, "3072", 3, new BigDecimal("0.1404"), new BigDecimal("0.1404"), "ratio 1.000",
				new BigDecimal("1000000"), new BigDecimal("200000"));
		Evaluation ev = GreenCriteria.enterprise(settings(), e);
		assertThat(result(ev, Code.ENTERPRISE_INTENSITY).state()).isEqualTo(State.NOT_MET);
		assertThat(result(ev, Code.ENTERPRISE_GREEN_POWER).state()).isEqualTo(State.MET);
		assertThat(result(ev, Code.ENTERPRISE_GRADE).state()).isEqualTo(State.NOT_MET);
	}

	@Test
	void withoutVerifiedReportsNothingIsAssessableAndNothingFails() {
		Evaluation ev = GreenCriteria.enterprise(settings(), null);
		assertThat(ev.outcome()).isEqualTo(Outcome.INCOMPLETE);
		assertThat(ev.criteria()).allSatisfy(c -> assertThat(c.state()).isEqualTo(State.NOT_ASSESSABLE));
	}

	@Test
	void aProjectInTheCatalogueWithItsIntensityBelowTheIndustryAverageMeetsBoth() {
		// 120 t ÷ 1,500 万元 = 0.08 t/万元 < the applicant's industry average 0.3012
		CarbonEfficiency applicant = new CarbonEfficiency(1, 2021, "3072", 1, new BigDecimal("0.1255"), new BigDecimal("0.3012"), "ratio 0.417",
				BigDecimal.ZERO, null);
		Evaluation ev = GreenCriteria.project(settings(), "G4", new BigDecimal("120"), new BigDecimal("1500"), applicant);
		assertThat(ev.outcome()).isEqualTo(Outcome.MET);
		assertThat(result(ev, Code.PROJECT_INTENSITY).figure()).isEqualByComparingTo("0.08");
		// a category outside the catalogue fails; no figures: the intensity is not assessable
		Evaluation other = GreenCriteria.project(settings(), "G9", null, null, applicant);
		assertThat(other.outcome()).isEqualTo(Outcome.NOT_MET);
		assertThat(result(other, Code.PROJECT_CATEGORY).reason()).isEqualTo("NOT_IN_CATALOGUE");
		assertThat(result(other, Code.PROJECT_INTENSITY).state()).isEqualTo(State.NOT_ASSESSABLE);
	}

	@Test
	void aBadValueStopsTheStartNamingFileAndKey() {
		assertThatThrownBy(() -> settings("enterprise.max-grade", "two")).hasMessageContaining("green-library.properties")
			.hasMessageContaining("enterprise.max-grade");
		assertThatThrownBy(() -> settings("enterprise.min-green-power-share", "1.5")).hasMessageContaining("enterprise.min-green-power-share");
		assertThatThrownBy(() -> settings("enterprise.intensity-below-industry-average", "yes"))
			.hasMessageContaining("enterprise.intensity-below-industry-average");
		assertThatThrownBy(() -> GreenSettings.parseCatalogue("code,name_zh,name_en,source,tag\nG1,a,b,c,unverified\n"))
			.hasMessageContaining("green-industry-catalogue.csv").hasMessageContaining("line 2").hasMessageContaining("tag");
	}
}
