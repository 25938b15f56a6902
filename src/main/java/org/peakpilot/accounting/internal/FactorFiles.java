package org.peakpilot.accounting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Factor.Kind;
import org.peakpilot.accounting.Factor.Tag;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the national reference factors shipped in {@code classpath:factors/} (copies of the shared reference
 * tables with a stable code per row) as version 1 of each factor. Defaults of the GB/T 32151 family apply from
 * 2015 (GB/T 32150-2015) on; a grid factor applies to its own year.
 */
public final class FactorFiles {

	static final LocalDate DEFAULTS_FROM = LocalDate.of(2015, 1, 1);
	private static final Pattern NAME = Pattern.compile("^([^A-Za-z]*?)\\s*([A-Za-z].*)$");
	private static final Pattern ACTIVITY_UNIT = Pattern.compile("^[^/]+/\\s*(\\S+)");

	private final ResourceLoader loader;
	private final String location;

	public FactorFiles(ResourceLoader loader, String location) {
		this.loader = loader;
		this.location = location.endsWith("/") ? location : location + "/";
	}

	public List<Factor> read(String publishedBy, Instant at) {
		List<Factor> factors = new ArrayList<>();
		for (CsvTable.Row row : table("fuels.csv").rows()) {
			factors.add(fuel(row, publishedBy, at));
		}
		Factor previous = null;
		for (CsvTable.Row row : table("process_factors.csv").rows()) {
			Factor f = process(row, publishedBy, at);
			if (previous != null && f.tag() == Tag.UNTAGGED && f.source().strip().toLowerCase(java.util.Locale.ROOT).startsWith("as above")) {
				// "as above": the row shares the previous row's source, and so its verification tag
				f = new Factor(f.code(), f.version(), f.kind(), f.nameZh(), f.nameEn(), f.value(), f.unit(), f.activityUnit(), f.ncv(),
						f.ncvUnit(), f.carbonContentTcPerTj(), f.oxidationRate(), f.tcePerUnit(), f.regionCode(), f.year(), f.sector(),
						f.methodNote(), f.source() + " — " + previous.source(), previous.tag(), f.effectiveFrom(), f.effectiveTo(),
						f.publishedBy(), f.publishedAt(), f.changeNote());
			}
			factors.add(f);
			previous = f;
		}
		for (CsvTable.Row row : table("grid_factors.csv").rows()) {
			factors.add(grid(row, publishedBy, at));
		}
		return factors;
	}

	private Factor fuel(CsvTable.Row row, String by, Instant at) {
		String where = "fuels.csv line " + row.line();
		String[] name = names(row.require("fuel"));
		String unit = row.require("unit");
		BigDecimal co2 = decimal(row.get("co2_factor"), where, "co2_factor");
		BigDecimal cc = decimal(row.get("carbon_content_tC_per_TJ"), where, "carbon_content_tC_per_TJ");
		BigDecimal tce = decimal(row.get("tce_coefficient"), where, "tce_coefficient");
		Kind kind = co2 != null && cc != null ? Kind.FUEL : tce != null ? Kind.ENERGY : Kind.METHOD;
		BigDecimal value = kind == Kind.FUEL ? co2 : tce;
		String valueUnit = kind == Kind.FUEL ? "tCO2/" + unit : "tce/" + unit;
		return new Factor(row.require("code"), 1, kind, name[0], name[1], value, valueUnit, unit,
				decimal(row.get("ncv"), where, "ncv"), blank(row.get("ncv_unit")), cc, decimal(row.get("oxidation_rate"), where, "oxidation_rate"),
				tce, null, null, null, null, row.require("source"), Tag.of(row.get("source")), DEFAULTS_FROM, null, by, at,
				"reference data");
	}

	private Factor process(CsvTable.Row row, String by, Instant at) {
		String where = "process_factors.csv line " + row.line();
		String[] name = names(row.require("material"));
		String factorText = row.get("factor");
		BigDecimal value = factorText.matches("[0-9.]+") ? new BigDecimal(factorText) : null;
		String unit = row.require("unit");
		Matcher m = ACTIVITY_UNIT.matcher(unit);
		String activity = m.find() ? m.group(1) : null;
		return new Factor(row.require("code"), 1, value == null ? Kind.METHOD : Kind.PROCESS, name[0], name[1], value,
				value == null ? factorText + " " + unit : unit, activity, null, null, null, null, null, null, null,
				row.require("sector"), row.get("process") + (row.get("method_note").isEmpty() ? "" : ": " + row.get("method_note")),
				row.require("source"), Tag.of(row.get("source")), DEFAULTS_FROM, null, by, at, "reference data " + where);
	}

	private Factor grid(CsvTable.Row row, String by, Instant at) {
		String where = "grid_factors.csv line " + row.line();
		String[] name = names(row.require("region"));
		int year = Integer.parseInt(row.require("year"));
		return new Factor(row.require("code"), 1, Kind.GRID, name[0] + " " + year, name[1] + " " + year,
				decimal(row.require("tCO2_per_MWh"), where, "tCO2_per_MWh"), "tCO2/MWh", "MWh", null, null, null, null, null,
				row.require("region_code"), year, "electricity", null, row.require("source"), Tag.of(row.get("source")),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), by, at, "reference data");
	}

	/** "无烟煤 anthracite" → {"无烟煤", "anthracite"}; a name without Chinese serves both. */
	static String[] names(String text) {
		Matcher m = NAME.matcher(text.strip());
		if (m.matches() && !m.group(1).isBlank()) {
			return new String[] { m.group(1).strip(), m.group(2).strip() };
		}
		return new String[] { text.strip(), text.strip() };
	}

	private CsvTable table(String name) {
		Resource r = loader.getResource(location + name);
		try (InputStream in = r.getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read factor table " + location + name, ex);
		}
	}

	private static BigDecimal decimal(String text, String where, String column) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ", column " + column + ": '" + text + "' is not a number");
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
