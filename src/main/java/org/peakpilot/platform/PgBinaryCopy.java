package org.peakpilot.platform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}): the header, per row the number
 * of fields and each field as its length and bytes (big-endian), the trailer. The types the reading and result tables
 * have: bigint, integer, timestamptz (microseconds since 2000-01-01 UTC), numeric (base-10000 digits), text and varchar
 * (UTF-8, the client encoding the JDBC driver sets), a one-byte char, uuid, jsonb, and NULL. The server converts each
 * field with the column type's receive function, so the stored values are those of the text form: a numeric is
 * rounded to the column's scale, a varchar checked against its length, a jsonb parsed, as text ones are.
 * <p>
 * Either the whole COPY data ({@link #PgBinaryCopy(int)}, then {@link #finish}), or rows only ({@link #rows}), which
 * the caller sends between {@link #header} and {@link #trailer}, e.g. rows written on several threads. Not thread-safe.
 */
public final class PgBinaryCopy {

	/** The signature, 32 bits of flags (none: no OIDs) and the length of the header extension (none). */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/** A field count of -1. */
	private static final byte[] TRAILER = { (byte) 0xff, (byte) 0xff };
	/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
	private static final long PG_EPOCH_SECONDS = 946_684_800L;
	private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

	private byte[] bytes;
	private int length;

	/** The COPY data: starts with the header; {@link #finish} adds the trailer. */
	public PgBinaryCopy(int capacity) {
		this(capacity, true);
	}

	private PgBinaryCopy(int capacity, boolean header) {
		bytes = new byte[Math.max(capacity, 64)];
		if (header) {
			System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
			length = HEADER.length;
		}
	}

	/**
	 * Rows only, without header or trailer: the first {@link #length} bytes of {@link #buffer} go into COPY data that
	 * the caller starts with {@link #header} and ends with {@link #trailer}.
	 */
	public static PgBinaryCopy rows(int capacity) {
		return new PgBinaryCopy(capacity, false);
	}

	/** The header that starts binary COPY data. */
	public static byte[] header() {
		return HEADER.clone();
	}

	/** The trailer that ends binary COPY data. */
	public static byte[] trailer() {
		return TRAILER.clone();
	}

	/** Starts a row of {@code n} fields. */
	public PgBinaryCopy fields(int n) {
		ensure(2);
		short16(n);
		return this;
	}

	/** A bigint field. */
	public PgBinaryCopy int8(long v) {
		return int8Field(v);
	}

	/** A field of 8 bytes: a bigint, or a timestamptz already in microseconds. */
	public PgBinaryCopy int8Field(long v) {
		ensure(12);
		int32(8);
		int64(v);
		return this;
	}

	/** An integer field. */
	public PgBinaryCopy int4(int v) {
		ensure(8);
		int32(4);
		int32(v);
		return this;
	}

	/** A text or varchar field: the string in UTF-8, as it is (binary COPY escapes nothing). */
	public PgBinaryCopy text(String s) {
		int n = s.length();
		ensure(4 + n);
		int at = length + 4;
		for (int i = 0; i < n; i++) {
			char ch = s.charAt(i);
			if (ch >= 0x80) {
				return value(s.getBytes(StandardCharsets.UTF_8));
			}
			bytes[at + i] = (byte) ch;
		}
		int32(n);
		length += n;
		return this;
	}

	/** A uuid field: its 16 bytes, the most significant first. */
	public PgBinaryCopy uuid(UUID id) {
		ensure(20);
		int32(16);
		int64(id.getMostSignificantBits());
		int64(id.getLeastSignificantBits());
		return this;
	}

	/** A jsonb field of a JSON text (parsed by the server as a text one is). */
	public PgBinaryCopy jsonb(String json) {
		return value(jsonbValue(json));
	}

	/**
	 * The binary value of a jsonb field ({@link #value}): the format version 1, then the JSON text in UTF-8. For a
	 * caller that writes the same JSON many times.
	 */
	public static byte[] jsonbValue(String json) {
		byte[] text = json.getBytes(StandardCharsets.UTF_8);
		byte[] value = new byte[text.length + 1];
		value[0] = 1;
		System.arraycopy(text, 0, value, 1, text.length);
		return value;
	}

	/** A field whose binary value (as the column type's receive function reads it) is these bytes. */
	public PgBinaryCopy value(byte[] value) {
		ensure(4 + value.length);
		int32(value.length);
		System.arraycopy(value, 0, bytes, length, value.length);
		length += value.length;
		return this;
	}

	/** A timestamptz field. */
	public PgBinaryCopy timestamp(Instant t) {
		return int8Field(micros(t));
	}

	/** A NULL field. */
	public PgBinaryCopy nul() {
		ensure(4);
		int32(-1);
		return this;
	}

	/** A one-character text field (char(1)) of an ASCII character. */
	public PgBinaryCopy ascii(char c) {
		if (c >= 0x80) {
			throw new IllegalArgumentException("not ASCII: " + c);
		}
		ensure(5);
		int32(1);
		bytes[length++] = (byte) c;
		return this;
	}

	/**
	 * A numeric field: sign, weight and display scale, then the digits in base 10,000 from the most significant, the
	 * decimal point between two of them (trailing zero digits left out, as the server stores them).
	 */
	public PgBinaryCopy numeric(BigDecimal v) {
		int scale = v.scale();
		if (scale >= 0 && v.signum() != 0 && v.precision() <= 15) {
			// the usual reading (|unscaled| < 10^15, padded by at most 10^3): the same digits in long arithmetic
			long m = Math.abs(v.unscaledValue().longValue());
			int pad = (4 - scale % 4) % 4;
			m *= PAD[pad];
			int fractionDigits = (scale + pad) / 4;
			// base-10,000 digits, least significant first: at most 5 (10^18 > |m| * 10^3)
			int n = 0;
			int low = -1;
			long[] d = quickDigits;
			for (; m != 0; m /= 10_000) {
				d[n] = m % 10_000;
				if (low < 0 && d[n] != 0) {
					low = n;
				}
				n++;
			}
			int count = n - low;
			ensure(12 + 2 * count);
			int32(8 + 2 * count);
			short16(count);
			short16(n - 1 - fractionDigits);
			short16(v.signum() < 0 ? 0x4000 : 0);
			short16(scale);
			for (int i = n - 1; i >= low; i--) {
				short16((int) d[i]);
			}
			return this;
		}
		return numericGeneral(v);
	}

	private static final long[] PAD = { 1, 10, 100, 1_000 };
	private final long[] quickDigits = new long[5];

	/** {@link #numeric} for any value (BigInteger arithmetic); the quick path must give the same bytes. */
	PgBinaryCopy numericGeneral(BigDecimal v) {
		int dscale = Math.max(v.scale(), 0);
		if (v.signum() == 0) {
			ensure(12);
			int32(8);
			short16(0);
			short16(0);
			short16(0);
			short16(dscale);
			return this;
		}
		BigInteger magnitude = v.unscaledValue().abs();
		int scale = v.scale();
		if (scale < 0) {
			magnitude = magnitude.multiply(BigInteger.TEN.pow(-scale));
			scale = 0;
		}
		int pad = (4 - scale % 4) % 4;
		if (pad > 0) {
			magnitude = magnitude.multiply(BigInteger.TEN.pow(pad));
		}
		int fractionDigits = (scale + pad) / 4;
		int[] digits = new int[8];
		int n = 0;
		if (magnitude.bitLength() < 63) {
			for (long m = magnitude.longValue(); m != 0; m /= 10_000) {
				digits = push(digits, n++, (int) (m % 10_000));
			}
		}
		else {
			for (BigInteger m = magnitude; m.signum() != 0;) {
				BigInteger[] qr = m.divideAndRemainder(TEN_THOUSAND);
				digits = push(digits, n++, qr[1].intValue());
				m = qr[0];
			}
		}
		// digits[0] is the least significant; leave out trailing zeros
		int low = 0;
		while (low < n - 1 && digits[low] == 0) {
			low++;
		}
		int weight = n - 1 - fractionDigits;
		int count = n - low;
		ensure(12 + 2 * count);
		int32(8 + 2 * count);
		short16(count);
		short16(weight);
		short16(v.signum() < 0 ? 0x4000 : 0);
		short16(dscale);
		for (int i = n - 1; i >= low; i--) {
			short16(digits[i]);
		}
		return this;
	}

	/** Ends the data with the trailer; returns the buffer, whose first {@link #length} bytes are the COPY data. */
	public byte[] finish() {
		ensure(2);
		short16(-1);
		return bytes;
	}

	/** The buffer, whose first {@link #length} bytes are what was written. */
	public byte[] buffer() {
		return bytes;
	}

	/** The number of bytes written. */
	public int length() {
		return length;
	}

	/**
	 * Microseconds since PostgreSQL's epoch, a fraction of a microsecond rounded half to even as the server rounds
	 * the text form.
	 */
	public static long micros(Instant t) {
		long micros = Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L);
		int nanos = t.getNano();
		long q = nanos / 1000;
		int r = nanos % 1000;
		if (r > 500 || (r == 500 && (q & 1) == 1)) {
			q++;
		}
		return micros + q;
	}

	private static int[] push(int[] digits, int at, int digit) {
		int[] d = at < digits.length ? digits : Arrays.copyOf(digits, digits.length * 2);
		d[at] = digit;
		return d;
	}

	private void short16(int v) {
		bytes[length++] = (byte) (v >>> 8);
		bytes[length++] = (byte) v;
	}

	private void int32(int v) {
		bytes[length++] = (byte) (v >>> 24);
		bytes[length++] = (byte) (v >>> 16);
		bytes[length++] = (byte) (v >>> 8);
		bytes[length++] = (byte) v;
	}

	private void int64(long v) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			bytes[length++] = (byte) (v >>> shift);
		}
	}

	private void ensure(int more) {
		if (length + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
		}
	}
}
