package org.peakpilot.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.internal.ReadingParser.Parsed;
import org.peakpilot.platform.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

/** The streaming JSON reader of batches: readings, their exact raw text, and what it refuses as a whole. */
class ReadingParserTest {

	final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void readsReadingsWithTheirExactRawText() {
		String body = """
				{"gateway": {"id": 7, "tags": ["a", "b"]}, "readings": [
				  {"meter": "E-01", "ts": "2026-11-24T10:15:00+08:00", "value": 1234.50, "extra": [1, {"x": 2}]},
				  { "meterId" : 42 , "ts":"2026-11-24 10:30","value":"7","unit":"kWh" },
				  {"meter": "一号表", "ts": "2026-11-24T10:45:00+08:00", "value": 1e3}
				], "sent": "now"}""";
		List<Parsed> parsed = ReadingParser.json(mapper, body);
		assertThat(parsed).extracting(Parsed::reading).containsExactly(
				new IncomingReading("E-01", null, "2026-11-24T10:15:00+08:00", "1234.50", null),
				new IncomingReading(null, 42L, "2026-11-24 10:30", "7", "kWh"),
				new IncomingReading("一号表", null, "2026-11-24T10:45:00+08:00", "1e3", null));
		assertThat(parsed).extracting(Parsed::raw).containsExactly(
				"{\"meter\": \"E-01\", \"ts\": \"2026-11-24T10:15:00+08:00\", \"value\": 1234.50, \"extra\": [1, {\"x\": 2}]}",
				"{ \"meterId\" : 42 , \"ts\":\"2026-11-24 10:30\",\"value\":\"7\",\"unit\":\"kWh\" }",
				"{\"meter\": \"一号表\", \"ts\": \"2026-11-24T10:45:00+08:00\", \"value\": 1e3}");
	}

	@Test
	void keepsWhatIsNoReadingAsMalformedWithItsText() {
		String body = "[\"not a reading\", 12.5, [1,2], null, {\"meterId\": 4.5, \"ts\": \"x\", \"value\": 1},"
				+ " {\"meter\": \"E-01\", \"ts\": null, \"value\": {\"v\": 1}}, {\"meterId\": \"9\"}, {\"meterId\": 99999999999999999999999}]";
		List<Parsed> parsed = ReadingParser.json(mapper, body);
		assertThat(parsed).extracting(Parsed::raw).containsExactly("\"not a reading\"", "12.5", "[1,2]", "null",
				"{\"meterId\": 4.5, \"ts\": \"x\", \"value\": 1}", "{\"meter\": \"E-01\", \"ts\": null, \"value\": {\"v\": 1}}",
				"{\"meterId\": \"9\"}", "{\"meterId\": 99999999999999999999999}");
		assertThat(parsed).extracting(Parsed::malformed).containsExactly("a reading must be an object with meter, ts and value",
				"a reading must be an object with meter, ts and value", "a reading must be an object with meter, ts and value",
				"a reading must be an object with meter, ts and value", "meterId must be a whole number", null,
				"meterId must be a whole number", "meterId must be a whole number");
		assertThat(parsed.get(5).reading()).as("a structured value is passed on as its text, and fails as a value")
			.isEqualTo(new IncomingReading("E-01", null, null, "{\"v\": 1}", null));
	}

	@Test
	void refusesWhatIsNoBatch() {
		for (String body : List.of("", "{\"readings\": [ not json", "{\"readings\": {}}", "{\"other\": []}", "42", "[] []",
				"{\"readings\": []} x", "[{\"meter\": \"E-01\"}")) {
			assertThatThrownBy(() -> ReadingParser.json(mapper, body)).as(body).isInstanceOf(InvalidInputException.class);
		}
		assertThat(ReadingParser.json(mapper, " {\"readings\": []} ")).isEmpty();
	}
}
