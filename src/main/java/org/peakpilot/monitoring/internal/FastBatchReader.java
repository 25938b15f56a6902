package org.peakpilot.monitoring.internal;

import java.util.ArrayList;
import java.util.List;

import org.peakpilot.monitoring.internal.ReadingParser.Batch;
import org.peakpilot.monitoring.internal.ReadingParser.Parsed;

/**
 * Reads the usual shape of a JSON batch by hand (issue 16: Jackson's general streaming parser took 18 % of the ingest
 * threads' time): {@code {"readings": [{"meter": "E-01", "ts": "…", "value": 12.5, "unit": "kWh"}, …]}} or the bare
 * array, the object optionally with {@code batchId}, {@code timestampMarks} and {@code correction}, each reading
 * optionally with {@code correction}. It gives exactly what {@link ReadingParser#jacksonBatch} gives for such a body
 * (the same readings, texts and raw slices) and answers null for anything else, which then takes the Jackson path:
 * any other member, a duplicate member, a string with an escape, a control or a non-ASCII character or longer than
 * {@value #MAX_STRING} characters, a number with an exponent, a leading plus or zero or longer than
 * {@value #MAX_NUMBER} characters, a meterId, a literal or structure where a text belongs, a trailing comma, a
 * comment, and every error. So errors, quarantine reasons and limits stay Jackson's and {@link ReadingParser}'s.
 */
final class FastBatchReader {

	/** Longer strings go to Jackson (with its read constraints). */
	static final int MAX_STRING = 256;
	/** Longer numbers go to Jackson (with its read constraints). */
	static final int MAX_NUMBER = 40;

	/** Thrown inside the reader when the body is not of the usual shape; never leaves it. */
	private static final class Unusual extends RuntimeException {
		private static final Unusual INSTANCE = new Unusual();

		private Unusual() {
			super(null, null, false, false);
		}
	}

	private final String body;
	private final int n;
	private int pos;

	private FastBatchReader(String body) {
		this.body = body;
		this.n = body.length();
	}

	/** The batch, or null when the body is not of the usual shape (or not valid): then Jackson reads it. */
	static Batch read(String body) {
		if (body == null) {
			return null;
		}
		try {
			return new FastBatchReader(body).batch();
		}
		catch (Unusual | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	private static Unusual unusual() {
		return Unusual.INSTANCE;
	}

	private Batch batch() {
		char first = next();
		Batch batch;
		if (first == '[') {
			pos++;
			batch = new Batch(elements(), null, null, false);
		}
		else if (first == '{') {
			pos++;
			List<Parsed> readings = null;
			String batchId = null;
			String marks = null;
			boolean correction = false;
			int seen = 0;
			if (next() == '}') {
				throw unusual(); // no readings: Jackson gives the error
			}
			while (true) {
				String name = string();
				expect(':');
				int bit;
				switch (name) {
					case "readings" -> {
						bit = 1;
						expect('[');
						readings = elements();
					}
					case "batchId" -> {
						bit = 2;
						batchId = textOrNull();
					}
					case "timestampMarks" -> {
						bit = 4;
						marks = textOrNull();
					}
					case "correction" -> {
						bit = 8;
						correction = flag();
					}
					default -> throw unusual();
				}
				if ((seen & bit) != 0) {
					throw unusual();
				}
				seen |= bit;
				char c = next();
				pos++;
				if (c == '}') {
					break;
				}
				if (c != ',') {
					throw unusual();
				}
			}
			if (readings == null) {
				throw unusual();
			}
			batch = new Batch(readings, batchId, marks, correction);
		}
		else {
			throw unusual();
		}
		next();
		if (pos < n) {
			throw unusual(); // more content: Jackson gives the error
		}
		return batch;
	}

	/** The elements of an array whose opening bracket has been read, through its closing bracket. */
	private List<Parsed> elements() {
		List<Parsed> out = new ArrayList<>();
		if (next() == ']') {
			pos++;
			return out;
		}
		while (true) {
			if (next() != '{') {
				throw unusual();
			}
			int start = pos++;
			String meter = null;
			String ts = null;
			String value = null;
			String unit = null;
			boolean correction = false;
			int seen = 0;
			if (next() == '}') {
				pos++;
			}
			else {
				while (true) {
					String name = string();
					expect(':');
					int bit;
					switch (name) {
						case "meter" -> {
							bit = 1;
							meter = textOrNull();
						}
						case "ts" -> {
							bit = 2;
							ts = textOrNull();
						}
						case "value" -> {
							bit = 4;
							char v = next();
							value = v == '"' || v == 'n' ? textOrNull() : number();
						}
						case "unit" -> {
							bit = 8;
							unit = textOrNull();
						}
						case "correction" -> {
							bit = 16;
							correction = flag();
						}
						default -> throw unusual();
					}
					if ((seen & bit) != 0) {
						throw unusual();
					}
					seen |= bit;
					char c = next();
					pos++;
					if (c == '}') {
						break;
					}
					if (c != ',') {
						throw unusual();
					}
				}
			}
			out.add(new Parsed(new IncomingReading(meter, null, ts, value, unit), null, body, start, pos, correction));
			char c = next();
			pos++;
			if (c == ']') {
				return out;
			}
			if (c != ',') {
				throw unusual();
			}
		}
	}

	/** Skips JSON whitespace; the character there (0 at the end, which is unusual where a value belongs). */
	private char next() {
		while (pos < n) {
			char c = body.charAt(pos);
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				return c;
			}
			pos++;
		}
		return 0;
	}

	private void expect(char ch) {
		if (next() != ch) {
			throw unusual();
		}
		pos++;
	}

	/** A string of printable ASCII without escapes, its content. */
	private String string() {
		if (next() != '"') {
			throw unusual();
		}
		int start = ++pos;
		int limit = Math.min(n, start + MAX_STRING + 1);
		while (pos < limit) {
			char c = body.charAt(pos);
			if (c == '"') {
				return body.substring(start, pos++);
			}
			if (c < 0x20 || c > 0x7e || c == '\\') {
				throw unusual();
			}
			pos++;
		}
		throw unusual();
	}

	/** A string's content or null for JSON null; anything else is unusual. */
	private String textOrNull() {
		char c = next();
		if (c == '"') {
			return string();
		}
		if (c == 'n' && body.startsWith("null", pos)) {
			pos += 4;
			delimited();
			return null;
		}
		throw unusual();
	}

	/** true, false or null (false). */
	private boolean flag() {
		char c = next();
		boolean value;
		if (c == 't' && body.startsWith("true", pos)) {
			pos += 4;
			value = true;
		}
		else if (c == 'f' && body.startsWith("false", pos)) {
			pos += 5;
			value = false;
		}
		else if (c == 'n' && body.startsWith("null", pos)) {
			pos += 4;
			value = false;
		}
		else {
			throw unusual();
		}
		delimited();
		return value;
	}

	/** A number {@code -?(0|[1-9][0-9]*)(.[0-9]+)?}, as written. */
	private String number() {
		int start = pos;
		if (pos < n && body.charAt(pos) == '-') {
			pos++;
		}
		int intStart = pos;
		while (pos < n && isDigit(body.charAt(pos))) {
			pos++;
		}
		int intDigits = pos - intStart;
		if (intDigits == 0 || (intDigits > 1 && body.charAt(intStart) == '0')) {
			throw unusual();
		}
		if (pos < n && body.charAt(pos) == '.') {
			pos++;
			int fracStart = pos;
			while (pos < n && isDigit(body.charAt(pos))) {
				pos++;
			}
			if (pos == fracStart) {
				throw unusual();
			}
		}
		if (pos - start > MAX_NUMBER) {
			throw unusual();
		}
		delimited();
		return body.substring(start, pos);
	}

	/**
	 * A literal or number must be followed by whitespace, a comma or a closing brace or bracket (else it is unusual,
	 * e.g. 1e3, nullx). (No unbalanced brackets in these comments: Spring Modulith's documentation reads them with a
	 * simple JSON parser that counts them.)
	 */
	private void delimited() {
		if (pos < n) {
			char c = body.charAt(pos);
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != ',' && c != '}' && c != ']') {
				throw unusual();
			}
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}
}
