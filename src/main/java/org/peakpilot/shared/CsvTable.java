package org.peakpilot.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed CSV table (RFC 4180: comma-separated, double quotes, header row), the format of the plan's data
 * files. Rows are maps from header to cell text; {@link Row#line()} is the 1-based line for error messages.
 */
public record CsvTable(List<String> header, List<Row> rows) {

	public record Row(int line, Map<String, String> cells) {

		/** The cell of this column, stripped; {@code ""} when empty or absent. */
		public String get(String column) {
			String v = cells.get(column);
			return v == null ? "" : v.strip();
		}

		public String require(String column) {
			String v = get(column);
			if (v.isEmpty()) {
				throw new IllegalArgumentException("line " + line + ": column '" + column + "' is empty");
			}
			return v;
		}
	}

	public static CsvTable parse(String text) {
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<List<String>> records = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		int line = 1;
		int recordLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				record.add(cell.toString());
				cell.setLength(0);
				if (!(record.size() == 1 && record.get(0).isBlank())) {
					records.add(record);
					lines.add(recordLine);
				}
				record = new ArrayList<>();
				line++;
				recordLine = line;
			}
			else {
				cell.append(c);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("line " + recordLine + ": unterminated quoted cell");
		}
		if (cell.length() > 0 || !record.isEmpty()) {
			record.add(cell.toString());
			records.add(record);
			lines.add(recordLine);
		}
		if (records.isEmpty()) {
			throw new IllegalArgumentException("the table has no header row");
		}
		List<String> header = records.get(0).stream().map(String::strip).toList();
		List<Row> rows = new ArrayList<>();
		for (int r = 1; r < records.size(); r++) {
			List<String> values = records.get(r);
			if (values.size() > header.size()) {
				throw new IllegalArgumentException("line " + lines.get(r) + ": " + values.size() + " cells but the header has " + header.size());
			}
			Map<String, String> cells = new LinkedHashMap<>();
			for (int c = 0; c < header.size(); c++) {
				cells.put(header.get(c), c < values.size() ? values.get(c) : "");
			}
			rows.add(new Row(lines.get(r), cells));
		}
		return new CsvTable(header, rows);
	}
}
