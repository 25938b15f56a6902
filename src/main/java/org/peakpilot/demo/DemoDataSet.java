package org.peakpilot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.peakpilot.platform.Role;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.CsvTable;
import org.peakpilot.shared.Uscc;
import org.springframework.core.io.Resource;

/**
 * The demo tables of the plan folder, parsed: {@code demo/enterprises.csv}, {@code demo/users.csv} and
 * {@code demo/values.csv}. Everything in them is made up; names carry 示例 … （虚构）. The tables say nothing about
 * passwords, and unified social credit codes are derived here from a fixed seed so that every load gives the same
 * codes.
 */
record DemoDataSet(List<Enterprise> enterprises, List<User> users, List<Value> values) {

	static final String ENTERPRISES = "demo/enterprises.csv";
	static final String USERS = "demo/users.csv";
	static final String VALUES = "demo/values.csv";

	/** The seed of every demo code: change it and every code changes. */
	private static final String SEED = "peakpilot-demo-v1";
	private static final int[] ORGANISATION_CODE_WEIGHTS = { 3, 7, 9, 10, 5, 8, 4, 2 };

	/** A made-up enterprise; {@code key} names it within the demo tables, {@code parkCode} may be {@code null}. */
	record Enterprise(int line, String key, String name, String countyCode, String industryCode, String parkCode,
			BigDecimal annualEnergyTce) {

		String uscc() {
			return DemoDataSet.uscc(countyCode, key);
		}

		boolean keyEnergyUnit() {
			return annualEnergyTce.compareTo(RegistryModel.KEY_ENERGY_UNIT_TCE) >= 0;
		}
	}

	/** A demo user; {@code enterpriseKeys} name the enterprise of an enterprise user or those assigned to a verifier. */
	record User(int line, String username, Role role, String countyCode, String parkCode, List<String> enterpriseKeys,
			String displayName) {
	}

	/** A yearly value to record, or a provincial target to enter. */
	record Value(int line, String itemCode, int year, BigDecimal value, boolean provincialTarget) {
	}

	static DemoDataSet read(Function<String, Optional<Resource>> planFile) {
		List<Enterprise> enterprises = new ArrayList<>();
		for (CsvTable.Row row : table(planFile, ENTERPRISES).rows()) {
			String where = ENTERPRISES + " line " + row.line();
			enterprises.add(new Enterprise(row.line(), cell(row, "key", where), cell(row, "name", where),
					cell(row, "county_code", where), cell(row, "industry_code", where), emptyToNull(row.get("park_code")),
					decimal(cell(row, "annual_energy_tce", where), where)));
		}
		List<User> users = new ArrayList<>();
		for (CsvTable.Row row : table(planFile, USERS).rows()) {
			String where = USERS + " line " + row.line();
			Role role;
			try {
				role = Role.valueOf(cell(row, "role", where));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + ": role '" + row.get("role") + "' is not one of " + Arrays.toString(Role.values()), ex);
			}
			List<String> keys = row.get("enterprise_keys").isEmpty() ? List.of()
					: Arrays.stream(row.get("enterprise_keys").split(";")).map(String::strip).toList();
			users.add(new User(row.line(), cell(row, "username", where), role, emptyToNull(row.get("county_code")),
					emptyToNull(row.get("park_code")), keys, cell(row, "display_name", where)));
		}
		List<Value> values = new ArrayList<>();
		for (CsvTable.Row row : table(planFile, VALUES).rows()) {
			String where = VALUES + " line " + row.line();
			String kind = cell(row, "kind", where);
			if (!kind.equals("observed") && !kind.equals("provincial_target")) {
				throw new IllegalStateException(where + ": kind '" + kind + "' is not observed or provincial_target");
			}
			int year;
			try {
				year = Integer.parseInt(cell(row, "year", where));
			}
			catch (NumberFormatException ex) {
				throw new IllegalStateException(where + ": year '" + row.get("year") + "' is not a year", ex);
			}
			values.add(new Value(row.line(), cell(row, "item_code", where), year, decimal(cell(row, "value", where), where),
					kind.equals("provincial_target")));
		}
		return new DemoDataSet(enterprises, users, values);
	}

	/**
	 * A valid unified social credit code for a made-up enterprise: {@code 91} (an enterprise registered with market
	 * regulation), the county code in characters 3–8, an organisation code with its GB 11714 check character derived
	 * from the seed and the key, and the GB 32100 check character.
	 */
	static String uscc(String countyCode, String key) {
		byte[] hash = sha256(SEED + "/" + key);
		StringBuilder organisation = new StringBuilder();
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			int digit = Math.floorMod(hash[i], 10);
			organisation.append(digit);
			sum += digit * ORGANISATION_CODE_WEIGHTS[i];
		}
		int check = 11 - sum % 11;
		organisation.append(check == 10 ? 'X' : check == 11 ? '0' : Character.forDigit(check, 10));
		String first17 = "91" + countyCode + organisation;
		return new Uscc(first17 + Uscc.checkCharacter(first17)).value();
	}

	private static CsvTable table(Function<String, Optional<Resource>> planFile, String name) {
		Resource resource = planFile.apply(name).orElseThrow(() -> new IllegalStateException(
				"The plan folder has no demo data set: " + name + " is missing (see plans/leshan/demo/ for an example)"));
		try (var in = resource.getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + name, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(name + ": " + ex.getMessage(), ex);
		}
	}

	private static String cell(CsvTable.Row row, String column, String where) {
		String value = row.get(column);
		if (value.isEmpty()) {
			throw new IllegalStateException(where + ": column '" + column + "' is empty");
		}
		return value;
	}

	private static BigDecimal decimal(String text, String where) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": '" + text + "' is not a number", ex);
		}
	}

	private static String emptyToNull(String s) {
		return s.isEmpty() ? null : s;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
