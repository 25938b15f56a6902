package org.peakpilot.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The binary COPY rows of the ingest give the server the same values as the text form: each value is written once
 * as binary and once as text into a table of the reading table's types, and the stored values compared.
 */
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring")
class PgBinaryCopyTests {

	@Autowired
	DataSource dataSource;

	@Test
	void numbersAndTimesArriveAsTheirTextWould() throws Exception {
		List<String> numbers = List.of("0", "0.000000", "0.000001", "1", "0.5", "123.4", "123.400000", "10000", "10000.0001", "99990000",
				"1E+3", "12345678.9", "-5.25", "-0.0001", "1234567.1234565", "0.0000004", "99999999999999999.999999",
				"123456789012345678.123456", "100000000000000000");
		List<Instant> times = List.of(Instant.parse("2026-11-24T02:15:00Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
				Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2026-11-24T02:15:00.000001Z"),
				Instant.parse("2026-11-24T02:15:00.123456789Z"));
		try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
			st.execute("CREATE TEMP TABLE binary_rows_check (k BIGINT, i BIGINT, t TIMESTAMPTZ, v NUMERIC(24,6), o CHAR(1), n BIGINT)");
			PgBinaryCopy rows = new PgBinaryCopy(16);
			StringBuilder text = new StringBuilder();
			int k = 0;
			for (String number : numbers) {
				Instant t = times.get(k % times.size());
				rows.fields(6).int8(k).int8(-7L * k).timestamp(t).numeric(new BigDecimal(number)).ascii('M').nul();
				text.append(k + 1000).append('\t').append(-7L * k).append('\t').append(t).append('\t').append(new BigDecimal(number).toPlainString())
					.append("\tM\t\\N\n");
				k++;
			}
			copy(c, "COPY binary_rows_check FROM STDIN (FORMAT binary)", rows.finish(), rows.length());
			byte[] textBytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
			copy(c, "COPY binary_rows_check FROM STDIN", textBytes, textBytes.length);
			List<String> differences = new ArrayList<>();
			try (var rs = st.executeQuery("""
					SELECT b.k, b.v::text, x.v::text, b.t = x.t, b.i = x.i, b.o = x.o, b.n IS NULL AND x.n IS NULL
					FROM binary_rows_check b JOIN binary_rows_check x ON x.k = b.k + 1000 ORDER BY b.k""")) {
				int seen = 0;
				while (rs.next()) {
					seen++;
					if (!rs.getString(2).equals(rs.getString(3)) || !rs.getBoolean(4) || !rs.getBoolean(5) || !rs.getBoolean(6) || !rs.getBoolean(7)) {
						differences.add(numbers.get(rs.getInt(1)) + ": binary " + rs.getString(2) + ", text " + rs.getString(3));
					}
				}
				assertThat(seen).isEqualTo(numbers.size());
			}
			assertThat(differences).isEmpty();
			try (var rs = st.executeQuery("SELECT v::text FROM binary_rows_check WHERE k = 5")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("123.400000"); // the column's scale, as a text 123.4 gets
			}
		}
	}

	/** The quick path of {@link PgBinaryCopy#numeric} writes the bytes of the general one, for every scale and size it takes. */
	@Test
	void binaryNumericsAreTheGeneralPathsBytes() {
		Random random = new Random(17);
		List<BigDecimal> values = new java.util.ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.000000"), new BigDecimal("-0.000001"),
				new BigDecimal("1"), new BigDecimal("10000"), new BigDecimal("10000.0001"), new BigDecimal("99990000"),
				new BigDecimal("999999999999999"), new BigDecimal("-999999999.999999"), new BigDecimal("0.000000000000001"),
				new BigDecimal("1E+3"), new BigDecimal("1234567890123456"), new BigDecimal("123.400000")));
		for (int i = 0; i < 100_000; i++) {
			long unscaled = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(17));
			values.add(BigDecimal.valueOf(unscaled, random.nextInt(19) - 2));
		}
		for (BigDecimal v : values) {
			PgBinaryCopy quick = new PgBinaryCopy(16);
			quick.numeric(v);
			PgBinaryCopy general = new PgBinaryCopy(16);
			general.numericGeneral(v);
			assertThat(java.util.Arrays.copyOf(quick.finish(), quick.length())).as(v.toString())
				.isEqualTo(java.util.Arrays.copyOf(general.finish(), general.length()));
		}
	}

	private static void copy(Connection c, String sql, byte[] bytes, int length) throws Exception {
		CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		in.writeToCopy(bytes, 0, length);
		in.endCopy();
	}
}
