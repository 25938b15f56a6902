package org.peakpilot.shared;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoundingTest {

	@ParameterizedTest(name = "{0} is stored as {1}")
	@CsvSource({
			// six decimals, half up (a tie goes away from zero, also where HALF_EVEN would go down)
			"0.0015362500, 0.001536", "0.00153625, 0.001536", "0.0015365, 0.001537", "0.0000005, 0.000001",
			"-0.0000005, -0.000001", "6.46842105263, 6.468421",
			// trailing zeros dropped, never in exponent form
			"52877.650000, 52877.65", "1E+3, 1000", "1000.0000001, 1000", "0.0000004, 0", "12, 12" })
	void storedFiguresHaveSixDecimalsHalfUp(String value, String stored) {
		BigDecimal r = Rounding.stored(new BigDecimal(value));
		assertThat(r.toPlainString()).isEqualTo(r.toString()).isEqualTo(stored);
	}

	@Test
	void nullStaysNull() {
		assertThat(Rounding.stored(null)).isNull();
	}
}
