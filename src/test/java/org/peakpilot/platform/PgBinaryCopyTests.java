package org.peakpilot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.peakpilot.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The binary COPY rows give the server the same values as the text form: each value is written once as binary and once
 * as text (escaped as COPY text needs) into a temporary table of the reading or result table's types, and the stored
 * values compared column by column. Plain JDBC on the tests' database (embedded, or the external one), no application
 * context.
 */
class PgBinaryCopyTests {

	private static Connection connect() throws Exception {
		String[] urlAndUser = TestDatabase.urlAndUser();
		return DriverManager.getConnection(urlAndUser[0], urlAndUser[1], null);
	}

	@Test
	void numbersAndTimesArriveAsTheirTextWould() throws Exception {
		List<String> numbers = List.of("0", "0.000000", "0.000001", "1", "0.5", "123.4", "123.400000", "10000", "10000.0001", "99990000",
				"1E+3", "12345678.9", "-5.25", "-0.0001", "1234567.1234565", "0.0000004", "99999999999999999.999999",
				"123456789012345678.123456", "100000000000000000");
		List<Instant> times = List.of(Instant.parse("2026-11-24T02:15:00Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
				Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2026-11-24T02:15:00.000001Z"),
				Instant.parse("2026-11-24T02:15:00.123456789Z"));
		try (Connection c = connect(); var st = c.createStatement()) {
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

	/**
	 * The types of the result table (integer, varchar, text, numeric of scale 6, uuid, jsonb, NULL), rows written in two
	 * pieces of rows only between the header and the trailer as the year recompute writes them: the same stored values
	 * as text COPY, and the strings as they were in Java (binary COPY escapes nothing).
	 */
	@Test
	void resultLinesArriveAsTheirTextWould() throws Exception {
		List<String> numbers = List.of("0", "0.000000", "0.000001", "-0.000001", "-1.5", "12.50", "42", "1E+3", "1E-20",
				"123456789012345678.123456", "-123456789012345678.123456", "1.2345675", "-1.2345675", "0.0000005", "0.00000049",
				"-0.0000004", "0.1234565", "7.000000000001", "99999999999999999.9999995", "5555.5555555555555555555");
		List<String> texts = List.of("", "电力 × 0.5568 tCO2/MWh", "tab\there, newline\nthere, return\r, backslash \\ and \\N",
				"\\N", "😀 é ü", "co2 = 12.5 t × 2.66 tCO2/t", "a\\tb\\nc");
		List<String> scopes = List.of("SCOPE_1", "SCOPE_2", "范围三", "a\tb");
		List<String> categories = List.of("电力", "fuel", "back\\slash", "\n");
		List<String> jsons = List.of("[]", "[\"电力 × 0.5568 tCO2/MWh\", 0, [1, [2, \"x\\ty\", \"\\\\N\", [[]]]], {\"键\": [\"值\", {\"深\": null}]}, true, 1.50]",
				"[\"\\u7535 escaped\", -0.000001, 1E+3]", "{\"b\": 1, \"a\": [\"tab\\tnewline\\nbackslash\\\\\"]}", "[0, 1, 2]");
		List<UUID> uuids = List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1), new UUID(Long.MAX_VALUE, Long.MIN_VALUE),
				UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), UUID.randomUUID());
		int[] lineNos = { 0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65_536, 300 };
		int n = numbers.size();
		try (Connection c = connect(); var st = c.createStatement()) {
			st.execute("""
					CREATE TEMP TABLE result_rows_check (k BIGINT, computation_id BIGINT, line_no INTEGER, scope VARCHAR(8),
					    category VARCHAR(16), energy_use VARCHAR(16), co2_t NUMERIC(24,6) NOT NULL, co2_market_t NUMERIC(24,6) NOT NULL,
					    tce NUMERIC(24,6) NOT NULL, tce_equal_value NUMERIC(24,6), energy_gj NUMERIC(24,6), factors_id UUID,
					    formula TEXT, notes JSONB, defaults_id UUID)""");
			PgBinaryCopy[] pieces = { PgBinaryCopy.rows(16), PgBinaryCopy.rows(16) };
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < n; i++) {
				BigDecimal co2 = new BigDecimal(numbers.get(i));
				BigDecimal market = new BigDecimal(numbers.get((i + 1) % n));
				BigDecimal tce = new BigDecimal(numbers.get((i + 2) % n));
				BigDecimal equal = i % 3 == 0 ? null : new BigDecimal(numbers.get((i + 3) % n));
				BigDecimal gj = i % 4 == 1 ? null : new BigDecimal(numbers.get((i + 4) % n));
				long computation = i == 0 ? Long.MAX_VALUE : -3L * i;
				int lineNo = lineNos[i % lineNos.length];
				String scope = scopes.get(i % scopes.size());
				String category = categories.get(i % categories.size());
				UUID factors = uuids.get(i % uuids.size());
				String formula = texts.get(i % texts.size());
				String json = jsons.get(i % jsons.size());
				UUID defaults = i % 5 == 2 ? null : uuids.get((i + 1) % uuids.size());

				PgBinaryCopy rows = pieces[i < n / 2 ? 0 : 1];
				rows.fields(15).int8(i).int8(computation).int4(lineNo).text(scope).text(category).text("PRODUCTION").numeric(co2)
					.numeric(market).numeric(tce);
				if (equal == null) {
					rows.nul();
				}
				else {
					rows.numeric(equal);
				}
				if (gj == null) {
					rows.nul();
				}
				else {
					rows.numeric(gj);
				}
				rows.uuid(factors).text(formula);
				if (i % 2 == 0) {
					rows.jsonb(json);
				}
				else {
					rows.value(PgBinaryCopy.jsonbValue(json));
				}
				if (defaults == null) {
					rows.nul();
				}
				else {
					rows.uuid(defaults);
				}

				text.append(String.join("\t", Long.toString(i + 1000L), Long.toString(computation), Integer.toString(lineNo), escape(scope),
						escape(category), "PRODUCTION", co2.toPlainString(), market.toPlainString(), tce.toPlainString(),
						equal == null ? "\\N" : equal.toPlainString(), gj == null ? "\\N" : gj.toPlainString(), factors.toString(),
						escape(formula), escape(json), defaults == null ? "\\N" : defaults.toString())).append('\n');
			}
			java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
			binary.write(PgBinaryCopy.header());
			for (PgBinaryCopy piece : pieces) {
				binary.write(piece.buffer(), 0, piece.length());
			}
			binary.write(PgBinaryCopy.trailer());
			copy(c, "COPY result_rows_check FROM STDIN (FORMAT binary)", binary.toByteArray(), binary.size());
			byte[] textBytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
			copy(c, "COPY result_rows_check FROM STDIN", textBytes, textBytes.length);

			List<String> columns = List.of("computation_id", "line_no", "scope", "category", "energy_use", "co2_t", "co2_market_t", "tce",
					"tce_equal_value", "energy_gj", "factors_id", "formula", "notes", "defaults_id");
			StringBuilder select = new StringBuilder("SELECT b.k");
			for (String column : columns) {
				select.append(", b.").append(column).append("::text, x.").append(column).append("::text");
			}
			List<String> differences = new ArrayList<>();
			int seen = 0;
			try (var rs = st.executeQuery(select + " FROM result_rows_check b JOIN result_rows_check x ON x.k = b.k + 1000 ORDER BY b.k")) {
				while (rs.next()) {
					seen++;
					for (int col = 0; col < columns.size(); col++) {
						String b = rs.getString(2 + 2 * col);
						String x = rs.getString(3 + 2 * col);
						if (!java.util.Objects.equals(b, x)) {
							differences.add("row " + rs.getLong(1) + " " + columns.get(col) + ": binary " + b + ", text " + x);
						}
					}
				}
			}
			assertThat(differences).isEmpty();
			assertThat(seen).isEqualTo(n);

			try (var rs = st.executeQuery("SELECT k, scope, category, formula, factors_id, line_no FROM result_rows_check WHERE k < 1000 ORDER BY k")) {
				for (int i = 0; i < n; i++) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getString(2)).isEqualTo(scopes.get(i % scopes.size()));
					assertThat(rs.getString(3)).isEqualTo(categories.get(i % categories.size()));
					assertThat(rs.getString(4)).isEqualTo(texts.get(i % texts.size()));
					assertThat(rs.getObject(5, UUID.class)).isEqualTo(uuids.get(i % uuids.size()));
					assertThat(rs.getInt(6)).isEqualTo(lineNos[i % lineNos.length]);
				}
			}
			// a few stored values spelled out: the column's scale, rounded half away from zero as the server rounds text
			try (var rs = st.executeQuery("SELECT k, co2_t::text FROM result_rows_check WHERE k < 1000 ORDER BY k")) {
				List<String> stored = new ArrayList<>();
				while (rs.next()) {
					stored.add(rs.getString(2));
				}
				assertThat(stored.subList(0, 4)).containsExactly("0.000000", "0.000000", "0.000001", "-0.000001");
				assertThat(stored.get(7)).isEqualTo("1000.000000");
				assertThat(stored.get(8)).isEqualTo("0.000000");
				assertThat(stored.get(9)).isEqualTo("123456789012345678.123456");
				assertThat(stored.get(10)).isEqualTo("-123456789012345678.123456");
				assertThat(stored.subList(11, 18)).containsExactly("1.234568", "-1.234568", "0.000001", "0.000000", "0.000000", "0.123457",
						"7.000000");
				assertThat(stored.get(18)).isEqualTo("100000000000000000.000000");
			}
			try (var rs = st.executeQuery("SELECT notes -> 2 -> 1 ->> 1, notes -> 3 -> '键' ->> 0 FROM result_rows_check WHERE k = 1")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("x\ty");
				assertThat(rs.getString(2)).isEqualTo("值");
			}
		}
	}

	/** COPY text format: backslash, tab, newline and carriage return escaped. */
	private static String escape(String s) {
		return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
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
