package org.peakpilot.monitoring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.monitoring.MonitoringModel.IncomingReading;
import org.peakpilot.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
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

	/** One element of a batch: the reading, or why it is no reading; and its raw text. */
	record Parsed(IncomingReading reading, String malformed, String raw) {
	}

	private ReadingParser() {
	}

	static List<Parsed> json(JsonMapper mapper, String body) {
		JsonNode root;
		try {
			root = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("body", "not valid JSON: " + ex.getOriginalMessage());
		}
		JsonNode array = root != null && root.isObject() ? root.get("readings") : root;
		if (array == null || !array.isArray()) {
			throw new InvalidInputException("readings", "expected {\"readings\": [...]} or an array of readings");
		}
		List<Parsed> out = new ArrayList<>(array.size());
		for (JsonNode e : array) {
			String raw = e.toString();
			if (!e.isObject()) {
				out.add(new Parsed(null, "a reading must be an object with meter, ts and value", raw));
				continue;
			}
			JsonNode id = e.get("meterId");
			if (id != null && !id.isNull() && !id.canConvertToLong()) {
				out.add(new Parsed(null, "meterId must be a whole number", raw));
				continue;
			}
			out.add(new Parsed(new IncomingReading(text(e.get("meter")), id == null || id.isNull() ? null : id.asLong(),
					text(e.get("ts")), text(e.get("value")), text(e.get("unit"))), null, raw));
		}
		return out;
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

	private static String text(JsonNode n) {
		if (n == null || n.isNull()) {
			return null;
		}
		return n.isValueNode() ? n.asString() : n.toString();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
