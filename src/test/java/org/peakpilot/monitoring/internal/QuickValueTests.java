package org.peakpilot.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.peakpilot.shared.Rounding;

/**
 * The quick reading of a value ({@link ReadingIngest#quickValue}) gives exactly the stored value of the general path
 * ({@code new BigDecimal(text).setScale(6, HALF_UP)}: same unscaled value, same scale, so the same COPY bytes), and
 * takes nothing it could get wrong.
 */
class QuickValueTests {

	private static BigDecimal general(String text) {
		return new BigDecimal(text.strip()).setScale(Rounding.SCALE, Rounding.MODE);
	}

	@Test
	void givesTheGeneralPathsStoredValue() {
		for (String text : List.of("0", "-0", "0.0", "-0.000000", "1", "1234.5", "0.000001", "-0.000001", "999999999999.999999",
				"-999999999999.999999", "000000000007", "7.10", "12.345678", "100", "42.000000", "5.5")) {
			BigDecimal quick = ReadingIngest.quickValue(text);
			assertThat(quick).as(text).isNotNull().isEqualTo(general(text));
			assertThat(quick.unscaledValue()).as(text).isEqualTo(general(text).unscaledValue());
			assertThat(quick.scale()).as(text).isEqualTo(Rounding.SCALE);
		}
		Random random = new Random(16);
		for (int i = 0; i < 100_000; i++) {
			StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
			int whole = 1 + random.nextInt(12);
			for (int d = 0; d < whole; d++) {
				text.append((char) ('0' + random.nextInt(10)));
			}
			int fraction = random.nextInt(7);
			if (fraction > 0) {
				text.append('.');
				for (int d = 0; d < fraction; d++) {
					text.append((char) ('0' + random.nextInt(10)));
				}
			}
			String t = text.toString();
			assertThat(ReadingIngest.quickValue(t)).as(t).isEqualTo(general(t));
		}
	}

	@Test
	void leavesAnythingElseToTheGeneralPath() {
		for (String text : List.of("", "-", ".", "1.", ".5", "-.5", "+1", " 1", "1 ", "1e3", "1E3", "1.5e-3", "1.0000005", "0.1234567",
				"1234567890123", "-1234567890123.5", "1,5", "1.2.3", "０", "NaN", "Infinity", "0x10", "1_000", "9".repeat(40))) {
			assertThat(ReadingIngest.quickValue(text)).as(text).isNull();
		}
		assertThat(ReadingIngest.quickValue(null)).isNull();
	}
}
