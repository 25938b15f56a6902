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

	// member names, compared in place (not cut out as strings and hashed)
	private static final int READINGS = 0;
	private static final int BATCH_ID = 1;
	private static final int TIMESTAMP_MARKS = 2;
	private static final int BATCH_CORRECTION = 3;
	private static final String[] BATCH_NAMES = { "readings\"", "batchId\"", "timestampMarks\"", "correction\"" };
	private static final int METER = 0;
	private static final int TS = 1;
	private static final int VALUE = 2;
	private static final int UNIT = 3;
	private static final int CORRECTION = 4;
	private static final String[] READING_NAMES = { "meter\"", "ts\"", "value\"", "unit\"", "correction\"" };

	/** Slots of {@link #pool}; a batch of one gateway repeats a few meter codes, times and units. */
	private static final int POOL_SLOTS = 1024;
	/** Distinct texts kept at most (beyond that each is cut out on its own, as before). */
	private static final int POOL_MAX = POOL_SLOTS / 2;

	private final String body;
	private final int n;
	private int pos;
	/** The meter codes, times and units met so far in this body, one string each (open addressing by hash). */
	private String[] pool;
	private int pooled;

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
				int name = name(BATCH_NAMES);
				expect(':');
				int bit;
				switch (name) {
					case READINGS -> {
						bit = 1;
						expect('[');
						readings = elements();
					}
					case BATCH_ID -> {
						bit = 2;
						batchId = textOrNull();
					}
					case TIMESTAMP_MARKS -> {
						bit = 4;
						marks = textOrNull();
					}
					case BATCH_CORRECTION -> {
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
					int name = name(READING_NAMES);
					expect(':');
					int bit;
					switch (name) {
						case METER -> {
							bit = 1;
							meter = pooledOrNull();
						}
						case TS -> {
							bit = 2;
							ts = pooledOrNull();
						}
						case VALUE -> {
							bit = 4;
							char v = next();
							value = v == '"' || v == 'n' ? textOrNull() : number();
						}
						case UNIT -> {
							bit = 8;
							unit = pooledOrNull();
						}
						case CORRECTION -> {
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

	/**
	 * A member name out of {@code names} (each with its closing quote), compared in place; any other name, or one
	 * that is no plain string, is unusual.
	 */
	private int name(String[] names) {
		if (next() != '"') {
			throw unusual();
		}
		int start = pos + 1;
		for (int i = 0; i < names.length; i++) {
			if (body.startsWith(names[i], start)) {
				pos = start + names[i].length();
				return i;
			}
		}
		throw unusual();
	}

	/**
	 * As {@link #textOrNull}, but a text met before in this body is the same string (the one cut out the first time,
	 * its hash computed once): a gateway's batch names a few meters, times and units over and over.
	 */
	private String pooledOrNull() {
		char c = next();
		if (c != '"') {
			return textOrNull();
		}
		int start = ++pos;
		int limit = Math.min(n, start + MAX_STRING + 1);
		int h = 0;
		while (pos < limit) {
			char ch = body.charAt(pos);
			if (ch == '"') {
				return pooled(start, pos++, h);
			}
			if (ch < 0x20 || ch > 0x7e || ch == '\\') {
				throw unusual();
			}
			h = 31 * h + ch; // String.hashCode's
			pos++;
		}
		throw unusual();
	}

	private String pooled(int start, int end, int h) {
		if (pool == null) {
			pool = new String[POOL_SLOTS];
		}
		int len = end - start;
		int mask = POOL_SLOTS - 1;
		for (int i = (h ^ (h >>> 16)) & mask;; i = (i + 1) & mask) {
			String s = pool[i];
			if (s == null) {
				s = body.substring(start, end);
				if (pooled < POOL_MAX) {
					pool[i] = s;
					pooled++;
				}
				return s;
			}
			if (s.length() == len && s.hashCode() == h && body.regionMatches(start, s, 0, len)) {
				return s;
			}
		}
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
