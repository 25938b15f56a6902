package org.peakpilot.shared;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityTest {

	static BigDecimal bd(String v) {
		return new BigDecimal(v);
	}

	@Test
	void computedFiguresAreHeldBySharedRounding() {
		assertThat(Tco2.of(bd("0.0015365")).value()).isEqualByComparingTo("0.001537");
		assertThat(Tce.of(bd("52877.650000")).value().toString()).isEqualTo("52877.65");
		assertThat(Gj.of(bd("1E+3")).value().toString()).isEqualTo("1000");
		assertThat(Tco2PerCny10k.of(bd("6.46842105263")).value()).isEqualByComparingTo("6.468421");
		assertThat(Tco2.of(bd("0.0000004"))).isEqualTo(Tco2.ZERO);
		assertThat(Tco2.of(null)).isNull();
	}

	@Test
	void moneyIsKeptAsEnteredEvenWhereRoundingItWouldBeTheFailure() {
		assertThat(Cny10k.of(bd("1234.56789")).value()).isEqualByComparingTo("1234.56789");
		assertThat(Cny10k.of(bd("1e999999999")).value().scale()).isEqualTo(-999999999);
	}

	@Test
	void equalByNumericValueWithinOneTypeOnly() {
		assertThat(Tce.of(bd("1.50"))).isEqualTo(Tce.of(bd("1.5"))).hasSameHashCodeAs(Tce.of(bd("1.5")));
		assertThat(Tce.of(bd("0"))).isEqualTo(Tce.of(bd("0.000"))).hasSameHashCodeAs(Tce.of(bd("0.000")));
		assertThat((Object) Tce.of(bd("1"))).isNotEqualTo(Tco2.of(bd("1")));
		assertThat(Tce.of(bd("2"))).isGreaterThan(Tce.of(bd("1.999999")));
	}

	@Test
	void sumsAndIntensities() {
		assertThat(Tco2.of(bd("1.25")).plus(Tco2.of(bd("-0.75")))).isEqualTo(Tco2.of(bd("0.5")));
		assertThat(Tce.ZERO.plus(Tce.of(bd("6.75635")))).isEqualTo(Tce.of(bd("6.75635")));
		// 100 tCO2 ÷ 3 (10k CNY) at 16 digits, then 6 decimals HALF_UP
		assertThat(Tco2.of(bd("100")).per(Cny10k.of(bd("3")))).isEqualTo(Tco2PerCny10k.of(bd("33.333333")));
		assertThat(Tco2.of(bd("100")).per(Cny10k.of(BigDecimal.ZERO))).isNull();
		assertThat(Tco2.of(bd("100")).per(null)).isNull();
	}

	@Test
	void printedWithTheirUnit() {
		assertThat(Tco2.of(bd("12.50"))).hasToString("12.5 tCO2");
		assertThat(Tce.of(bd("-3"))).hasToString("-3 tce");
		assertThat(Gj.of(bd("46717.2"))).hasToString("46717.2 GJ");
		assertThat(Cny10k.of(bd("4000"))).hasToString("4000 10k CNY");
		assertThat(Tco2PerCny10k.of(bd("0.25"))).hasToString("0.25 tCO2/10k CNY");
	}

	record Figures(Tco2 co2T, Tce tce, Gj energyGj, Cny10k outputValue10kCny, Tco2PerCny10k intensity, List<Tce> months) {
	}

	@Test
	void inJsonAQuantityIsAPlainNumberAndReadBackFromOne() {
		JsonMapper json = JsonMapper.builder().build();
		Figures f = new Figures(Tco2.of(bd("2594.626571")), Tce.of(bd("-1.5")), null, Cny10k.of(bd("4000")),
				Tco2PerCny10k.of(bd("0.648657")), List.of(Tce.ZERO, Tce.of(bd("245.8"))));
		String text = json.writeValueAsString(f);
		assertThat(text).isEqualTo("{\"co2T\":2594.626571,\"tce\":-1.5,\"energyGj\":null,\"outputValue10kCny\":4000,"
				+ "\"intensity\":0.648657,\"months\":[0,245.8]}");
		assertThat(json.readValue(text, Figures.class)).isEqualTo(f);
		assertThat(json.readValue("{\"co2T\":1E+3,\"outputValue10kCny\":\"12.5\"}", Figures.class))
			.isEqualTo(new Figures(Tco2.of(bd("1000")), null, null, Cny10k.of(bd("12.5")), null, null));
	}
}
