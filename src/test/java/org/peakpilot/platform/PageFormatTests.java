package org.peakpilot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PageFormatTests {

	private final PageFormat fmt = new PageFormat();

	@Test
	void showsAnInstantInBeijingTimeWhateverTheServerZone() {
		// 16:30 UTC is 00:30 of the next day in Beijing
		Instant t = Instant.parse("2026-11-30T16:30:00Z");
		assertThat(fmt.time(t)).isEqualTo("2026-12-01 00:30");
		assertThat(fmt.time(OffsetDateTime.of(2026, 11, 30, 16, 30, 0, 0, ZoneOffset.UTC))).isEqualTo("2026-12-01 00:30");
		assertThat(fmt.timeFull(t)).isEqualTo("2026-12-01 00:30:00 (UTC+8)");
		assertThat(fmt.month(t)).isEqualTo("2026-12");
		assertThat(fmt.time(LocalDateTime.of(2026, 12, 1, 0, 30))).isEqualTo("2026-12-01 00:30");
		assertThat(fmt.time(null)).isEqualTo("—");
	}

	@ParameterizedTest
	@CsvSource({ "1234567.891, '1,234,567.89'", "0.005, 0.01", "-1081.094405, '-1,081.09'", "0, 0.00", "12, 12.00" })
	void roundsTonnesAndTceToTwoDecimalsWithThousandsSeparators(String value, String shown) {
		assertThat(fmt.tonnes(new BigDecimal(value))).isEqualTo(shown);
		assertThat(fmt.tce(new BigDecimal(value))).isEqualTo(shown);
	}

	@ParameterizedTest
	@CsvSource({ "0.856349, 0.8563", "1.23456, 1.235", "12345.6, '12,350'", "0.000123456, 0.0001235", "0.9, 0.9", "0, 0" })
	void roundsIntensitiesToFourSignificantDigits(String value, String shown) {
		assertThat(fmt.intensity(new BigDecimal(value))).isEqualTo(shown);
	}

	@Test
	void roundsSharesToOneDecimalOfAPercent() {
		assertThat(fmt.share(new BigDecimal("12.345"))).isEqualTo("12.3%");
		assertThat(fmt.share(new BigDecimal("99.96"))).isEqualTo("100.0%");
		assertThat(fmt.shareOf(new BigDecimal("0.12345"))).isEqualTo("12.3%");
		assertThat(fmt.share(null)).isEqualTo("—");
	}

	@Test
	void keepsTheFullValueForTheHover() {
		assertThat(fmt.full(new BigDecimal("1081.0944050000"))).isEqualTo("1081.094405");
		assertThat(fmt.full(new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(fmt.full(null)).isEmpty();
	}

	@Test
	void showsQuantitiesWithAtMostTheGivenDecimals() {
		assertThat(fmt.quantity(new BigDecimal("30000.123456"), 2)).isEqualTo("30,000.12");
		assertThat(fmt.quantity(new BigDecimal("50.000"), 4)).isEqualTo("50");
		assertThat(fmt.quantity(3.5d, 2)).isEqualTo("3.5");
	}
}
