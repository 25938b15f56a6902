package org.peakpilot.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The quick reading of the usual timestamp form agrees with the ISO parser on every input, valid or not. */
class ReadingTimestampTest {

	@Test
	void agreesWithTheIsoParser() {
		Random random = new Random(7);
		int quick = 0;
		for (int i = 0; i < 200_000; i++) {
			String t = candidate(random);
			Instant expected;
			try {
				expected = OffsetDateTime.parse(t).toInstant();
			}
			catch (DateTimeParseException ex) {
				expected = null;
			}
			Instant got = ReadingIngest.offsetTimestamp(t);
			if (got != null) {
				quick++;
				assertThat(got).as(t).isEqualTo(expected);
			}
			else if (expected != null) {
				assertThat(t).as("the quick path declines a valid time only when it is not in the usual form")
					.doesNotMatch("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
			}
		}
		assertThat(quick).as("most candidates are valid and take the quick path").isGreaterThan(100_000);
		assertThat(ReadingIngest.timestamp("2026-11-24T10:15:00+08:00")).isEqualTo(Instant.parse("2026-11-24T02:15:00Z"));
		assertThat(ReadingIngest.timestamp("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
		assertThat(ReadingIngest.offsetTimestamp("2023-02-29T00:00:00Z")).isNull();
		assertThat(ReadingIngest.offsetTimestamp("2026-11-24T24:00:00+08:00")).isNull();
		assertThat(ReadingIngest.offsetTimestamp("2026-11-24T10:15:00+18:01")).isNull();
		assertThat(ReadingIngest.timestamp("2026-11-24 10:15")).as("local times are Beijing time").isEqualTo(Instant.parse("2026-11-24T02:15:00Z"));
	}

	/** Mostly well-formed times, some with impossible fields, some with a character changed. */
	static String candidate(Random r) {
		String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", 1990 + r.nextInt(60), 1 + r.nextInt(r.nextInt(10) == 0 ? 14 : 12),
				1 + r.nextInt(r.nextInt(10) == 0 ? 32 : 28), r.nextInt(r.nextInt(20) == 0 ? 26 : 24), r.nextInt(r.nextInt(20) == 0 ? 62 : 60),
				r.nextInt(r.nextInt(20) == 0 ? 62 : 60), switch (r.nextInt(5)) {
					case 0 -> "Z";
					case 1 -> "+08:00";
					case 2 -> String.format("-%02d:%02d", r.nextInt(20), r.nextInt(61));
					case 3 -> String.format("+%02d:%02d", r.nextInt(20), r.nextInt(61));
					default -> "+05:30";
				});
		if (r.nextInt(15) == 0) {
			char[] c = s.toCharArray();
			c[r.nextInt(c.length)] = "0123456789-:TZ+ x".charAt(r.nextInt(17));
			s = new String(c);
		}
		return s;
	}
}
