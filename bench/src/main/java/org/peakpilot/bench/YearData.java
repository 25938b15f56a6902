package org.peakpilot.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A made-up year of monthly reports written straight into the accounting tables with COPY: enterprises × 12
 * months × 10 activity lines, with Leshan's industry mix — cement (coal with and without a measured NCV, clinker with
 * a CaO/MgO analysis and by default factor, waste-heat power exported), building ceramics (natural gas, coal gasifiers,
 * limestone and dolomite), steel (coke, fluxes, electrodes, carbon fixed in crude steel, heat exported),
 * chemicals (natural gas as feedstock), polysilicon (large hydro-green electricity purchases) and steel
 * rolling; electricity with a certified green share. Quantities are random around plausible monthly amounts
 * (seeded: the same data every run). Enterprise IDs are 1..n: the registry is not needed by the recompute.
 */
final class YearData {

	static final int YEAR = 2024;
	static final int LINES_PER_REPORT = 10;

	private static final String[] COUNTIES = { "511102", "511111", "511112", "511113", "511123", "511124", "511126", "511129",
			"511132", "511133", "511181" };

	private final Random random = new Random(20240101L);
	private final StringBuilder lines = new StringBuilder(1 << 24);
	private long reportId;
	private int lineNo;

	private YearData() {
	}

	/** Writes the reports and lines of {@code enterprises} enterprises for {@link #YEAR}; returns the number of lines. */
	static long seed(Connection c, int enterprises) throws SQLException {
		YearData data = new YearData();
		StringBuilder reports = new StringBuilder();
		for (int e = 1; e <= enterprises; e++) {
			String industry = industry(e);
			String county = county(e, industry);
			for (int month = 1; month <= 12; month++) {
				data.reportId++;
				String status = month <= 9 ? "LOCKED" : month <= 11 ? "VERIFIED" : "SUBMITTED";
				reports.append(data.reportId).append('\t').append(e).append('\t').append(county).append("\t\\N\t").append(industry)
					.append('\t').append(YEAR).append('\t').append(month).append('\t').append(status)
					.append("\tbench\t2025-01-20 10:00:00+08\t2025-01-20 10:00:00+08\n");
				data.lineNo = 0;
				data.lines(industry, month);
				if (data.lineNo != LINES_PER_REPORT) {
					throw new IllegalStateException(industry + " has " + data.lineNo + " lines");
				}
			}
		}
		CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
		try {
			copy.copyIn("COPY accounting_report (id, enterprise_id, county_code, park_id, industry_code, year, month, status, "
					+ "created_by, created_at, updated_at) FROM STDIN", new java.io.ByteArrayInputStream(
							reports.toString().getBytes(StandardCharsets.UTF_8)));
			long n = copy.copyIn("COPY accounting_report_line (report_id, line_no, type, factor_code, quantity, unit, measured_ncv, "
					+ "green_kwh, fraction, cao_fraction, mgo_fraction, non_carbonate_cao_fraction, clinker_type, label, energy_use) "
					+ "FROM STDIN", new java.io.ByteArrayInputStream(data.lines.toString().getBytes(StandardCharsets.UTF_8)));
			try (Statement s = c.createStatement()) {
				s.execute("SELECT setval(pg_get_serial_sequence('accounting_report', 'id'), (SELECT max(id) FROM accounting_report))");
				s.execute("ANALYZE accounting_report");
				s.execute("ANALYZE accounting_report_line");
			}
			return n;
		}
		catch (java.io.IOException ex) {
			throw new SQLException(ex);
		}
	}

	private static String industry(int e) {
		return switch (e % 10) {
			case 0 -> "3011";
			case 1, 2, 3 -> "3071";
			case 4 -> "3120";
			case 5, 6 -> "2612";
			case 7 -> "3985";
			default -> "3130";
		};
	}

	private static String county(int e, String industry) {
		return switch (industry) {
			case "3071" -> "511126";
			case "3120" -> "511111";
			case "2612" -> "511112";
			case "3011" -> e % 20 == 0 ? "511181" : "511124";
			default -> COUNTIES[e % COUNTIES.length];
		};
	}

	private void lines(String industry, int month) {
		double season = 1 + 0.12 * Math.cos((month - 1) / 12.0 * 2 * Math.PI);
		switch (industry) {
			case "3011" -> {
				fuel("BITUMINOUS-COAL", 8000 * season, "t", random.nextBoolean() ? dec(20.9 + random.nextDouble() * 1.6, 3) : null, "ENERGY");
				fuel("DIESEL", 30, "t", null, "ENERGY");
				fuel("NATURAL-GAS", 30000, "Nm3", null, "ENERGY");
				electricity("ELECTRICITY", 9_000_000 * season, 0.2, "ENERGY");
				electricity("ELECTRICITY_EXPORT", 600_000, 0, "ENERGY");
				heat("HEAT", 500);
				clinker(90_000 * season, true, null);
				clinker(2000, false, "WHITE");
				carbonate("CARBONATE-CACO3", 500, "0.9");
				fuel("GASOLINE", 5, "t", null, "ENERGY");
			}
			case "3071" -> {
				fuel("NATURAL-GAS", 800_000 * season, "Nm3", null, "ENERGY");
				fuel("BITUMINOUS-COAL", 1500, "t", null, "ENERGY");
				fuel("LPG", 20, "t", null, "ENERGY");
				fuel("DIESEL", 15, "t", null, "ENERGY");
				electricity("ELECTRICITY", 2_500_000 * season, 0.15, "ENERGY");
				heat("HEAT", 300);
				carbonate("CARBONATE-CACO3", 900, "0.95");
				carbonate("CARBONATE-DOLOMITE", 300, "0.9");
				electricity("ELECTRICITY", 200_000, 1, "RENEWABLE");
				fuel("GASOLINE", 3, "t", null, "ENERGY");
			}
			case "3120" -> {
				fuel("COKE", 20_000 * season, "t", null, "ENERGY");
				fuel("BITUMINOUS-COAL", 6000, "t", dec(22 + random.nextDouble(), 3), "ENERGY");
				fuel("NATURAL-GAS", 500_000, "Nm3", null, "ENERGY");
				electricity("ELECTRICITY", 30_000_000 * season, 0.1, "ENERGY");
				carbonate("STEEL-FLUX-LIMESTONE", 3000, null);
				carbonate("STEEL-FLUX-DOLOMITE", 1500, null);
				process("PROCESS", "STEEL-GRAPHITE-ELECTRODE", 60);
				process("CARBON_FIXED", "STEEL-FIXED-CRUDE-STEEL", 80_000 * season);
				heat("HEAT_EXPORT", 8000);
				fuel("DIESEL", 40, "t", null, "ENERGY");
			}
			case "2612" -> {
				fuel("NATURAL-GAS", 2_000_000, "Nm3", null, "FEEDSTOCK");
				fuel("NATURAL-GAS", 400_000 * season, "Nm3", null, "ENERGY");
				fuel("BITUMINOUS-COAL", 5000, "t", dec(19 + random.nextDouble() * 3, 3), "ENERGY");
				electricity("ELECTRICITY", 15_000_000, 0.25, "ENERGY");
				heat("HEAT", 20_000 * season);
				heat("HEAT_EXPORT", 2000);
				carbonate("CARBONATE-NA2CO3", 100, null);
				fuel("DIESEL", 10, "t", null, "ENERGY");
				fuel("LPG", 5, "t", null, "ENERGY");
				carbonate("CARBONATE-CACO3", 400, "0.92");
			}
			case "3985" -> {
				electricity("ELECTRICITY", 60_000_000, 0.6, "ENERGY");
				electricity("ELECTRICITY", 5_000_000 * season, 0, "ENERGY");
				fuel("NATURAL-GAS", 300_000, "Nm3", null, "ENERGY");
				heat("HEAT", 40_000 * season);
				heat("HEAT_EXPORT", 1000);
				fuel("DIESEL", 8, "t", null, "ENERGY");
				fuel("BITUMINOUS-COAL", 300, "t", null, "ENERGY");
				fuel("LPG", 2, "t", null, "ENERGY");
				fuel("GASOLINE", 2, "t", null, "ENERGY");
				electricity("ELECTRICITY_EXPORT", 100_000, 0, "ENERGY");
			}
			default -> {
				fuel("NATURAL-GAS", 400_000 * season, "Nm3", null, "ENERGY");
				fuel("COKE-OVEN-GAS", 50, "10^4 Nm3", null, "ENERGY");
				electricity("ELECTRICITY", 4_000_000 * season, 0.1, "ENERGY");
				fuel("DIESEL", 20, "t", null, "ENERGY");
				fuel("GASOLINE", 4, "t", null, "ENERGY");
				heat("HEAT", 1500);
				fuel("LPG", 6, "t", null, "ENERGY");
				fuel("BITUMINOUS-COAL", 700, "t", null, "ENERGY");
				fuel("FUEL-OIL", 30, "t", null, "ENERGY");
				electricity("ELECTRICITY", 300_000, 0, "ENERGY");
			}
		}
	}

	private String quantity(double base) {
		return dec(base * (0.85 + 0.3 * random.nextDouble()), 3);
	}

	private static String dec(double v, int scale) {
		return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).toPlainString();
	}

	private void fuel(String code, double base, String unit, String ncv, String use) {
		line("FUEL", code, quantity(base), unit, ncv, null, null, null, null, null, null, use);
	}

	/** Up to {@code greenShare} of the kWh certified green (a random part of it); 1 means all of it. */
	private void electricity(String type, double baseKwh, double greenShare, String use) {
		BigDecimal kwh = new BigDecimal(quantity(baseKwh)).setScale(0, RoundingMode.HALF_UP);
		String green = greenShare <= 0 ? null
				: greenShare >= 1 ? kwh.toPlainString() : kwh.multiply(BigDecimal.valueOf(greenShare * random.nextDouble())).setScale(0, RoundingMode.HALF_UP).toPlainString();
		line(type, null, kwh.toPlainString(), "kWh", null, green, null, null, null, null, null, use);
	}

	private void heat(String type, double baseGj) {
		line(type, null, quantity(baseGj), "GJ", null, null, null, null, null, null, null, "ENERGY");
	}

	private void clinker(double base, boolean analysed, String type) {
		if (analysed) {
			line("CLINKER", null, quantity(base), "t", null, null, null, dec(0.64 + random.nextDouble() * 0.02, 4),
					dec(0.015 + random.nextDouble() * 0.015, 4), dec(0.004 + random.nextDouble() * 0.004, 4), null, "ENERGY");
		}
		else {
			line("CLINKER", null, quantity(base), "t", null, null, null, null, null, null, type, "ENERGY");
		}
	}

	private void carbonate(String code, double base, String fraction) {
		line("CARBONATE", code, quantity(base), "t", null, null, fraction, null, null, null, null, "ENERGY");
	}

	private void process(String type, String code, double base) {
		line(type, code, quantity(base), "t", null, null, null, null, null, null, null, "ENERGY");
	}

	private void line(String type, String code, String quantity, String unit, String ncv, String green, String fraction, String cao,
			String mgo, String caoNc, String clinkerType, String use) {
		lines.append(reportId).append('\t').append(lineNo++).append('\t').append(type).append('\t').append(n(code)).append('\t')
			.append(quantity).append('\t').append(unit).append('\t').append(n(ncv)).append('\t').append(n(green)).append('\t')
			.append(n(fraction)).append('\t').append(n(cao)).append('\t').append(n(mgo)).append('\t').append(n(caoNc)).append('\t')
			.append(n(clinkerType)).append('\t').append((code == null ? type : code).toLowerCase()).append('\t').append(use).append('\n');
	}

	private static String n(String v) {
		return v == null ? "\\N" : v;
	}
}
