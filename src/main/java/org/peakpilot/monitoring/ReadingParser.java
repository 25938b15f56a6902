package org.peakpilot.monitoring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.monitoring.MonitoringModel.IncomingReading;
import org.peakpilot.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch of readings, JSON or CSV, into readings with the raw text each came in (kept in quarantine if it
 * fails). A batch that cannot be read at all is an {@link InvalidInputException}; a single element that is not
 * a reading becomes a reading with a {@code malformed} note, so that the rest of the batch still counts.
 * <p>
 * JSON: {@code {"readings": [{"meter": "E-01", "ts": "2026-11-24T10:15:00+08:00", "value": 1234.5, "unit": "kWh"}]}}
 * or the bare array. CSV: a header naming the columns {@code meter} (or {@code meterId}), {@code ts}, {@code value}
 * and optionally {@code unit}, then one reading per line.
 */
final class ReadingParser {

	/**
	 * One element of a batch: the reading, or why it is no reading; and its raw text, kept as a slice of the body
	 * (cut out only for the readings that go to quarantine).
	 */
	record Parsed(IncomingReading reading, String malformed, String source, int start, int end) {

		Parsed(IncomingReading reading, String malformed, String raw) {
			this(reading, malformed, raw, 0, raw.length());
		}

		/** The element as it came, byte for byte. */
		String raw() {
			return start == 0 && end == source.length() ? source : source.substring(start, end);
		}
	}

	private ReadingParser() {
	}

	/**
	 * Reads a JSON batch with a streaming parser (no tree): the readings are the elements of the top-level array or
	 * of the array under {@code "readings"}; other members of the top-level object are skipped. Each element's raw
	 * text is its exact slice of the body.
	 */
	static List<Parsed> json(JsonMapper mapper, String body) {
		try (JsonParser parser = mapper.createParser(body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_OBJECT) {
				List<Parsed> readings = null;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken value = parser.nextToken();
					if (name.equals("readings") && value == JsonToken.START_ARRAY) {
						readings = elements(parser, body);
					}
					else {
						parser.skipChildren();
					}
				}
				if (parser.nextToken() != null) {
					throw new InvalidInputException("body", "not valid JSON: more content after the batch");
				}
				if (readings == null) {
					throw new InvalidInputException("readings", "expected {\"readings\": [...]} or an array of readings");
				}
				return readings;
			}
			if (first == JsonToken.START_ARRAY) {
				List<Parsed> readings = elements(parser, body);
				if (parser.nextToken() != null) {
					throw new InvalidInputException("body", "not valid JSON: more content after the batch");
				}
				return readings;
			}
			if (first == null) {
				throw new InvalidInputException("body", "not valid JSON: the body is empty");
			}
			parser.skipChildren();
			if (parser.nextToken() != null) {
				throw new InvalidInputException("body", "not valid JSON: more content after the first value");
			}
			throw new InvalidInputException("readings", "expected {\"readings\": [...]} or an array of readings");
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("body", "not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** The elements of an array, the parser standing on its START_ARRAY; leaves it on the END_ARRAY. */
	private static List<Parsed> elements(JsonParser parser, String body) {
		List<Parsed> out = new ArrayList<>();
		JsonToken t;
		while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
			int start = offset(parser);
			if (t != JsonToken.START_OBJECT) {
				parser.skipChildren();
				out.add(new Parsed(null, "a reading must be an object with meter, ts and value", body, start, end(parser, body, t)));
				continue;
			}
			String meter = null;
			Long meterId = null;
			String ts = null;
			String value = null;
			String unit = null;
			String malformed = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken v = parser.nextToken();
				switch (name) {
					case "meter" -> meter = text(parser, body, v);
					case "ts" -> ts = text(parser, body, v);
					case "value" -> value = text(parser, body, v);
					case "unit" -> unit = text(parser, body, v);
					case "meterId" -> {
						meterId = null;
						if (v == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
							meterId = parser.getLongValue();
						}
						else if (v != JsonToken.VALUE_NULL) {
							parser.skipChildren();
							malformed = "meterId must be a whole number";
						}
					}
					default -> parser.skipChildren();
				}
			}
			int end = offset(parser) + 1;
			out.add(malformed != null ? new Parsed(null, malformed, body, start, end)
					: new Parsed(new IncomingReading(meter, meterId, ts, value, unit), null, body, start, end));
		}
		return out;
	}

	/**
	 * A member's value as text: a string's content, a number or literal as written, an object or array as its raw
	 * text (which then fails as a meter, time or value); null for JSON null.
	 */
	private static String text(JsonParser parser, String body, JsonToken t) {
		return switch (t) {
			case VALUE_NULL -> null;
			case VALUE_STRING -> parser.getString();
			case START_OBJECT, START_ARRAY -> {
				int start = offset(parser);
				parser.skipChildren();
				yield body.substring(start, offset(parser) + 1);
			}
			default -> parser.getText();
		};
	}

	/** Where the current token starts in the body. */
	private static int offset(JsonParser parser) {
		return (int) parser.currentTokenLocation().getCharOffset();
	}

	/** Where an element that started with {@code first} ends (a structured one after skipChildren). */
	private static int end(JsonParser parser, String body, JsonToken first) {
		if (first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY) {
			return offset(parser) + 1;
		}
		parser.getText(); // reads a string to its closing quote, so that the location is behind the token
		return (int) parser.currentLocation().getCharOffset();
	}

	static List<Parsed> csv(String body) {
		String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
		Iterator<String> lines = text.lines().iterator();
		if (!lines.hasNext()) {
			throw new InvalidInputException("header", "the CSV has no header row (meter,ts,value[,unit])");
		}
		List<String> header = cells(lines.next()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		int meter = header.indexOf("meter");
		int meterId = header.indexOf("meterid");
		int ts = header.indexOf("ts");
		int value = header.indexOf("value");
		int unit = header.indexOf("unit");
		if ((meter < 0 && meterId < 0) || ts < 0 || value < 0) {
			throw new InvalidInputException("header", "the header must name meter (or meterId), ts and value; found " + header);
		}
		List<Parsed> out = new ArrayList<>();
		int row = 1;
		while (lines.hasNext()) {
			String line = lines.next();
			row++;
			if (line.isBlank()) {
				continue;
			}
			List<String> c = cells(line);
			if (c.size() != header.size()) {
				out.add(new Parsed(null, "row " + row + " has " + c.size() + " cells, the header " + header.size(), line));
				continue;
			}
			Long id = null;
			if (meterId >= 0 && !c.get(meterId).isBlank()) {
				try {
					id = Long.valueOf(c.get(meterId).strip());
				}
				catch (NumberFormatException ex) {
					out.add(new Parsed(null, "row " + row + ": meterId must be a whole number", line));
					continue;
				}
			}
			out.add(new Parsed(new IncomingReading(meter < 0 ? null : blankToNull(c.get(meter)), id, blankToNull(c.get(ts)),
					blankToNull(c.get(value)), unit < 0 ? null : blankToNull(c.get(unit))), null, line));
		}
		return out;
	}

	/** The readings of a structured list (a back-fill form), with their JSON as raw text. */
	static List<Parsed> of(JsonMapper mapper, List<IncomingReading> readings) {
		List<Parsed> out = new ArrayList<>();
		for (IncomingReading r : readings == null ? List.<IncomingReading>of() : readings) {
			out.add(new Parsed(r, r == null ? "empty reading" : null, r == null ? "null" : mapper.writeValueAsString(Map.of(
					"meter", String.valueOf(r.meter()), "ts", String.valueOf(r.ts()), "value", String.valueOf(r.value())))));
		}
		return out;
	}

	private static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					cell.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(ch);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
