package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.power.internal.FootprintMath;
import org.peakpilot.power.internal.GreenShares;
import org.peakpilot.power.internal.GreenShares.ShareStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The green-power share's arithmetic and status rule, and the product footprint's arithmetic, by hand. */
class PowerShareRulesTests {

	static BigDecimal d(String s) {
		return new BigDecimal(s);
	}

	@Test
	void shareIsClaimedOverPurchasedInPercent() {
		// 3,000 MWh claimed of 12,000 MWh purchased = 25 %; 1,000 of 3,000 = 33.333333 %
		assertThat(GreenShares.sharePct(d("3000"), d("12000"))).isEqualByComparingTo("25");
		assertThat(GreenShares.sharePct(d("1000"), d("3000"))).isEqualByComparingTo("33.333333");
		assertThat(GreenShares.sharePct(d("10"), BigDecimal.ZERO)).isNull();
	}

	@Test
	void incompleteDataNeverEarnsTargetMet() {
		// 11 verified months with a share far above the target: provisional, not met
		assertThat(GreenShares.status(11, d("1000"), d("90"), d("20"))).isEqualTo(ShareStatus.PROVISIONAL);
		assertThat(GreenShares.status(0, BigDecimal.ZERO, null, d("20"))).isEqualTo(ShareStatus.NO_DATA);
		assertThat(GreenShares.status(12, BigDecimal.ZERO, null, d("20"))).isEqualTo(ShareStatus.NO_DATA);
		assertThat(GreenShares.status(12, d("1000"), d("20"), d("20"))).isEqualTo(ShareStatus.MET);
		assertThat(GreenShares.status(12, d("1000"), d("19.99"), d("20"))).isEqualTo(ShareStatus.NOT_MET);
		assertThat(GreenShares.status(12, d("1000"), d("19.99"), null)).isEqualTo(ShareStatus.NO_TARGET);
	}

	/**
	 * Three hours: 1,000 kWh at 100 g/kWh, 2,000 kWh at 50 g/kWh, 1,000 kWh at 200 g/kWh = 400,000 g over 4,000 kWh;
	 * 1,000 kWh covered by GECs at zero → × (1 − 1,000/4,000) = 300,000 g = 0.3 t; scope 1 1.7 t; output 2,000 kg:
	 * (0.3 + 1.7) × 1,000 ÷ 2,000 = 1.0 kgCO2/kg. Yearly factor 0.2 t/MWh: (4,000 − 1,000) ÷ 1,000 × 0.2 = 0.6 t →
	 * (0.6 + 1.7) × 1,000 ÷ 2,000 = 1.15. ECS 1,024 g/kWh on all 4,000 kWh: 4.096 t → (4.096 + 1.7) × 1,000 ÷ 2,000 = 2.898.
	 */
	@Test
	void footprintIsHoursTimesIntensityPlusScope1OverOutputWithGecKwhAtZero() {
		Instant h0 = Instant.parse("2025-03-01T00:00:00Z");
		List<FootprintMath.Hour> hours = List.of(new FootprintMath.Hour(h0, d("1000"), d("100")),
				new FootprintMath.Hour(h0.plusSeconds(3600), d("2000"), d("50")), new FootprintMath.Hour(h0.plusSeconds(7200), d("1000"), d("200")));
		FootprintMath.Outcome o = FootprintMath.compute(new FootprintMath.Inputs(hours, d("999999"), d("1000"), d("0.2"), d("1024"), d("1.7"),
				d("2000"), d("1000")));
		assertThat(o.electricityKwh()).isEqualByComparingTo("4000");
		assertThat(o.electricityHourlyT()).isEqualByComparingTo("0.3");
		assertThat(o.hourly()).isEqualByComparingTo("1.0");
		assertThat(o.electricityYearlyT()).isEqualByComparingTo("0.6");
		assertThat(o.yearly()).isEqualByComparingTo("1.15");
		assertThat(o.electricityEcsT()).isEqualByComparingTo("4.096");
		assertThat(o.ecs()).isEqualByComparingTo("2.898");
		assertThat(o.hoursMetered()).isEqualTo(3);
		assertThat(o.hoursWithIntensity()).isEqualTo(3);
	}

	/** An hour without intensity counts at the yearly factor (0.2 t/MWh = 200 g/kWh); GEC kWh beyond the electricity are capped. */
	@Test
	void hourWithoutIntensityTakesTheYearlyFactorAndGecIsCapped() {
		Instant h0 = Instant.parse("2025-03-01T00:00:00Z");
		FootprintMath.Outcome o = FootprintMath.compute(new FootprintMath.Inputs(List.of(new FootprintMath.Hour(h0, d("1000"), null)),
				null, d("5000"), d("0.2"), null, d("0"), d("1000"), d("1000000")));
		assertThat(o.gecKwh()).isEqualByComparingTo("1000");
		assertThat(o.electricityHourlyT()).isEqualByComparingTo("0");
		assertThat(o.hoursWithIntensity()).isZero();
		assertThat(o.ecs()).isNull();
		// without metered hours: the reports' kWh, no hourly figure; PV module 1,000 kWh × 0.2 = 0.2 t over 1,000 W = 200 g/W
		FootprintMath.Outcome y = FootprintMath.compute(new FootprintMath.Inputs(List.of(), d("1000"), BigDecimal.ZERO, d("0.2"), null,
				BigDecimal.ZERO, d("1000"), d("1000000")));
		assertThat(y.hourly()).isNull();
		assertThat(y.yearly()).isEqualByComparingTo("200");
	}
}
