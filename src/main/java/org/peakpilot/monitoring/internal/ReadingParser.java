package org.peakpilot.monitoring.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * or the bare array; the object may also carry {@code batchId}, {@code timestampMarks} ("start" or "end") and
 * {@code correction}, each reading {@code correction}. CSV: a header naming the columns {@code meter} (or
 * {@code meterId}), {@code ts}, {@code value} and optionally {@code unit} and {@code correction} (or in Chinese
 * 表计, 时间, 数值, 单位, 更正/补传), then one reading per line, separated by {@code ,} or {@code ;}.
 */
public final class ReadingParser {

	/**
	 * One element of a batch: the reading, or why it is no reading; and its raw text, kept as a slice of the body
	 * (cut out only for the readings that go to quarantine).
	 */
	public record Parsed(IncomingReading reading, String malformed, String source, int start, int end, boolean correction) {

		Parsed(IncomingReading reading, String malformed, String source, int start, int end) {
			this(reading, malformed, source, start, end, false);
		}

		Parsed(IncomingReading reading, String malformed, String raw) {
			this(reading, malformed, raw, 0, raw.length(), false);
		}

		/** The element as it came, byte for byte. */
		String raw() {
			return start == 0 && end == source.length() ? source : source.substring(start, end);
		}
	}

	/**
	 * A batch as read: its readings and what the sender said about the whole batch (as sent, checked by the ingest):
	 * its id, whether its times mark the start or the end of the interval, whether all its readings are corrections.
	 */
	public record Batch(List<Parsed> readings, String batchId, String timestampMarks, boolean correction) {
	}

	private ReadingParser() {
	}

	/** The readings of a JSON batch (see {@link #jsonBatch}). */
	static List<Parsed> json(JsonMapper mapper, String body) {
		return jsonBatch(mapper, body).readings();
	}

	/**
	 * Reads a JSON batch with a streaming parser (no tree): the readings are the elements of the top-level array or
	 * of the array under {@code "readings"}; other members of the top-level object are skipped. Each element's raw
	 * text is its exact slice of the body.
	 */
	public static Batch jsonBatch(JsonMapper mapper, String body) {
		Batch usual = FastBatchReader.read(body);
		return usual != null ? usual : jacksonBatch(mapper, body);
	}

	/**
	 * {@link #jsonBatch} with Jackson's streaming parser for any shape: what {@link FastBatchReader} leaves to it,
	 * and every error (the reader never decides one).
	 */
	static Batch jacksonBatch(JsonMapper mapper, String body) {
		try (JsonParser parser = mapper.createParser(body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_OBJECT) {
				List<Parsed> readings = null;
				String batchId = null;
				String marks = null;
				boolean correction = false;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken value = parser.nextToken();
					if (name.equals("readings") && value == JsonToken.START_ARRAY) {
						readings = elements(parser, body);
					}
					else if (name.equals("batchId")) {
						batchId = text(parser, body, value);
					}
					else if (name.equals("timestampMarks")) {
						marks = text(parser, body, value);
					}
					else if (name.equals("correction")) {
						correction = flag(parser, value, "correction");
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
				return new Batch(readings, batchId, marks, correction);
			}
			if (first == JsonToken.START_ARRAY) {
				List<Parsed> readings = elements(parser, body);
				if (parser.nextToken() != null) {
					throw new InvalidInputException("body", "not valid JSON: more content after the batch");
				}
				return new Batch(readings, null, null, false);
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
			boolean correction = false;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken v = parser.nextToken();
				switch (name) {
					case "meter" -> meter = text(parser, body, v);
					case "ts" -> ts = text(parser, body, v);
					case "value" -> value = text(parser, body, v);
					case "unit" -> unit = text(parser, body, v);
					case "correction" -> {
						if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE || v == JsonToken.VALUE_NULL) {
							correction = v == JsonToken.VALUE_TRUE;
						}
						else {
							parser.skipChildren();
							malformed = "correction must be true or false";
						}
					}
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
					: new Parsed(new IncomingReading(meter, meterId, ts, value, unit), null, body, start, end, correction));
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

	/** A batch member that must be true or false (null counts as false). */
	private static boolean flag(JsonParser parser, JsonToken t, String field) {
		if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
			return t == JsonToken.VALUE_TRUE;
		}
		throw new InvalidInputException(field, field + " must be true or false");
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

	/**
	 * The column names a CSV header may use, English or Chinese (表计, 时间, 数值, 单位, 更正 or 补传), case and
	 * surrounding blanks ignored.
	 */
	private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("meter", "meter"), Map.entry("meterid", "meterid"),
			Map.entry("ts", "ts"), Map.entry("value", "value"), Map.entry("unit", "unit"), Map.entry("correction", "correction"),
			Map.entry("表计", "meter"), Map.entry("表计编号", "meterid"), Map.entry("时间", "ts"), Map.entry("数值", "value"),
			Map.entry("单位", "unit"), Map.entry("更正", "correction"), Map.entry("补传", "correction"));

	/**
	 * Reads a CSV batch: a header naming the columns (English or Chinese, see {@link #COLUMNS}), then one reading per
	 * line; cells separated by {@code ,} or, when the header has more {@code ;} than {@code ,}, by {@code ;}; a
	 * byte order mark is ignored. A correction cell is true, 1, 是 or Y(es), anything else (or blank) is no correction.
	 */
	public static List<Parsed> csv(String body) {
		String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
		Iterator<String> lines = text.lines().iterator();
		if (!lines.hasNext()) {
			throw new InvalidInputException("header", "the CSV has no header row (meter,ts,value[,unit] or 表计,时间,数值,单位)");
		}
		String first = lines.next();
		char separator = count(first, ';') > count(first, ',') ? ';' : ',';
		List<String> header = cells(first, separator).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		List<String> named = header.stream().map(h -> COLUMNS.getOrDefault(h, h)).toList();
		int meter = named.indexOf("meter");
		int meterId = named.indexOf("meterid");
		int ts = named.indexOf("ts");
		int value = named.indexOf("value");
		int unit = named.indexOf("unit");
		int correction = named.indexOf("correction");
		if ((meter < 0 && meterId < 0) || ts < 0 || value < 0) {
			String found = header.toString();
			throw new InvalidInputException("header", "the header must name meter (or meterId), ts and value, or 表计, 时间 and 数值; found "
					+ (found.length() > 200 ? found.substring(0, 200) + "…" : found));
		}
		List<Parsed> out = new ArrayList<>();
		int row = 1;
		while (lines.hasNext()) {
			String line = lines.next();
			row++;
			if (line.isBlank()) {
				continue;
			}
			List<String> c = cells(line, separator);
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
			boolean corrects = correction >= 0 && isTrue(c.get(correction));
			out.add(new Parsed(new IncomingReading(meter < 0 ? null : blankToNull(c.get(meter)), id, blankToNull(c.get(ts)),
					blankToNull(c.get(value)), unit < 0 ? null : blankToNull(c.get(unit))), null, line, 0, line.length(), corrects));
		}
		return out;
	}

	private static boolean isTrue(String cell) {
		String v = cell.strip().toLowerCase(Locale.ROOT);
		return v.equals("true") || v.equals("1") || v.equals("是") || v.equals("y") || v.equals("yes");
	}

	private static int count(String line, char ch) {
		int n = 0;
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) == ch) {
				n++;
			}
		}
		return n;
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

	private static List<String> cells(String line, char separator) {
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
			else if (ch == separator) {
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
