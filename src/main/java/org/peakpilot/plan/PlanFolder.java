package org.peakpilot.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.ProjectDomain;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.TargetType;
import org.peakpilot.plan.PlanModel.Zone;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A plan folder: {@code plan.properties}, {@code indicators.csv}, {@code commitments.csv}, {@code zones.csv},
 * {@code project-domains.csv} and optionally {@code sections.csv} (titles of the plan's sections). The
 * registry reads its own files ({@code divisions.csv}, {@code parks.csv}, {@code industries.csv}) from the same
 * folder. Parsing fails with the file, line and column of the first bad cell.
 */
final class PlanFolder {

	static final List<String> FILES = List.of("plan.properties", "indicators.csv", "commitments.csv", "zones.csv",
			"project-domains.csv", "sections.csv", "divisions.csv", "parks.csv", "industries.csv");

	private static final Pattern TARGET_COLUMN = Pattern.compile("target_(\\d{4})");
	private static final Pattern BASELINE_COLUMN = Pattern.compile("baseline_(\\d{4})");
	private static final Pattern CAP = Pattern.compile("(?:<=|≤)\\s*([0-9.]+)");
	/** A count at the start of a part: "2 parks", also "2个园区" (where no word boundary follows the digits). */
	private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)(?![0-9.])");

	private final ResourceLoader loader;
	private final String location;

	PlanFolder(ResourceLoader loader, String location) {
		this.loader = loader;
		this.location = location.endsWith("/") ? location : location + "/";
	}

	String location() {
		return location;
	}

	Optional<Resource> file(String name) {
		Resource r = loader.getResource(location + name);
		return r.exists() ? Optional.of(r) : Optional.empty();
	}

	String text(String name) {
		Resource r = file(name).orElseThrow(() -> new IllegalStateException("plan folder " + location + " lacks " + name));
		try (InputStream in = r.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location + name, ex);
		}
	}

	/** SHA-256 over every file present, in a fixed order: a changed file gives a new plan version. */
	String checksum() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String name : FILES) {
				if (file(name).isPresent()) {
					digest.update(name.getBytes(StandardCharsets.UTF_8));
					digest.update(text(name).getBytes(StandardCharsets.UTF_8));
				}
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Info(String code, String nameZh, String nameEn, String cityRegionCode, String cityNameZh, String cityNameEn,
			int baselineYear, BigDecimal atRiskTolerance) {
	}

	record ItemRow(String code, Kind kind, int seq, String groupKey, String groupZh, String groupEn, String nameZh,
			String nameEn, String unitZh, String unit, Direction direction, Integer baselineYear, BigDecimal baselineValue,
			List<Target> targets) {
	}

	Info info() {
		Properties p = properties();
		return new Info(required(p, "code"), required(p, "name.zh"), required(p, "name.en"), required(p, "city.region-code"),
				required(p, "city.name.zh"), required(p, "city.name.en"), Integer.parseInt(required(p, "baseline-year")),
				new BigDecimal(p.getProperty("status.at-risk-tolerance", "0.10")));
	}

	/**
	 * When a computed city figure is complete: {@code coverage.all-sectors-required} (default true) and
	 * {@code coverage.min-key-unit-months-percent} (default 95), a share of 0–100.
	 */
	PlanModel.CoverageRule coverageRule() {
		Properties p = properties();
		String min = p.getProperty("coverage.min-key-unit-months-percent", "95").strip();
		BigDecimal percent;
		try {
			percent = new BigDecimal(min);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("plan.properties: coverage.min-key-unit-months-percent '" + min + "' is not a number");
		}
		if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalStateException("plan.properties: coverage.min-key-unit-months-percent must be 0–100, got " + min);
		}
		return new PlanModel.CoverageRule(
				Boolean.parseBoolean(p.getProperty("coverage.all-sectors-required", "true").strip()), percent);
	}

	private Properties properties() {
		Properties p = new Properties();
		try {
			p.load(new StringReader(text("plan.properties")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return p;
	}

	List<ItemRow> indicators() {
		CsvTable table = table("indicators.csv");
		Integer baselineYear = null;
		String baselineColumn = null;
		Map<Integer, String> targetColumns = new LinkedHashMap<>();
		for (String h : table.header()) {
			Matcher t = TARGET_COLUMN.matcher(h);
			Matcher b = BASELINE_COLUMN.matcher(h);
			if (t.matches()) {
				targetColumns.put(Integer.parseInt(t.group(1)), h);
			}
			else if (b.matches()) {
				baselineYear = Integer.parseInt(b.group(1));
				baselineColumn = h;
			}
		}
		if (targetColumns.isEmpty()) {
			throw new IllegalStateException("indicators.csv has no target_YYYY column");
		}
		List<String> groups = new ArrayList<>();
		List<ItemRow> items = new ArrayList<>();
		for (CsvTable.Row row : table.rows()) {
			String where = "indicators.csv line " + row.line();
			int no = parseInt(row.require("no"), where + ", column no");
			String better = row.require("better");
			Direction direction = switch (better) {
				case "lower" -> Direction.LOWER;
				case "higher" -> Direction.HIGHER;
				case "cap" -> Direction.CAP;
				default -> throw new IllegalStateException(where + ", column better: '" + better + "' is not lower, higher or cap");
			};
			String groupZh = row.require("category_zh");
			if (!groups.contains(groupZh)) {
				groups.add(groupZh);
			}
			List<Target> targets = new ArrayList<>();
			for (Map.Entry<Integer, String> tc : targetColumns.entrySet()) {
				String cell = row.get(tc.getValue());
				if (!cell.isEmpty()) {
					Target t = target(tc.getKey(), cell, direction, where + ", column " + tc.getValue());
					// the words of a target in Chinese, in target_YYYY_zh beside target_YYYY (optional)
					String zh = table.header().contains(tc.getValue() + "_zh") ? row.get(tc.getValue() + "_zh") : "";
					if (!zh.isEmpty()) {
						if (t.label() == null) {
							throw new IllegalStateException(where + ", column " + tc.getValue() + "_zh: only a target stated in words has "
									+ "a Chinese text; " + tc.getValue() + " is '" + cell + "'");
						}
						Target words = target(tc.getKey(), zh, direction, where + ", column " + tc.getValue() + "_zh");
						if (words.value().compareTo(t.value()) != 0) {
							throw new IllegalStateException(where + ", column " + tc.getValue() + "_zh: '" + zh + "' counts "
									+ words.value().toPlainString() + ", " + tc.getValue() + " counts " + t.value().toPlainString());
						}
						t = new Target(t.year(), t.type(), t.value(), t.label(), zh, null);
					}
					targets.add(t);
				}
			}
			String baseline = baselineColumn == null ? "" : row.get(baselineColumn);
			items.add(new ItemRow(String.valueOf(no), Kind.INDICATOR, no, String.valueOf(groups.indexOf(groupZh) + 1), groupZh,
					row.require("category_en"), row.require("name_zh"), row.require("name_en"), row.require("unit_zh"),
					row.require("unit"), direction, baseline.isEmpty() ? null : baselineYear,
					baseline.isEmpty() ? null : decimal(baseline, where + ", column " + baselineColumn), targets));
		}
		return items;
	}

	List<ItemRow> commitments() {
		Map<String, String[]> sections = new LinkedHashMap<>();
		if (file("sections.csv").isPresent()) {
			for (CsvTable.Row row : table("sections.csv").rows()) {
				sections.put(row.require("section"), new String[] { row.require("title_zh"), row.require("title_en") });
			}
		}
		List<ItemRow> items = new ArrayList<>();
		int seq = 0;
		for (CsvTable.Row row : table("commitments.csv").rows()) {
			String where = "commitments.csv line " + row.line();
			String kind = row.require("kind");
			Direction direction = switch (kind) {
				case "at_least", "achieved" -> Direction.HIGHER;
				case "at_most" -> Direction.LOWER;
				default -> throw new IllegalStateException(where + ", column kind: '" + kind + "' is not at_least, at_most or achieved");
			};
			String section = row.require("section");
			String group = section.contains(")") ? section.substring(0, section.indexOf(')') + 1) : section;
			String[] title = sections.getOrDefault(group, new String[] { group, group });
			int year = parseInt(row.require("year"), where + ", column year");
			BigDecimal target = decimal(row.require("target"), where + ", column target");
			String unit = row.require("unit");
			String unitZh = row.get("unit_zh").isEmpty() ? unit : row.get("unit_zh");
			items.add(new ItemRow(row.require("id"), Kind.COMMITMENT, ++seq, group, group + " " + title[0], group + " " + title[1],
					row.require("subject_zh"), row.require("subject_en"), unitZh, unit, direction, null, null,
					List.of(new Target(year, TargetType.VALUE, target, null, null))));
		}
		return items;
	}

	List<Zone> zones() {
		List<Zone> zones = new ArrayList<>();
		for (CsvTable.Row row : table("zones.csv").rows()) {
			String where = "zones.csv line " + row.line();
			zones.add(new Zone(row.require("code"), row.require("zone_zh"), row.require("zone_en"), row.require("county_zh"),
					row.require("industry_zh"), row.require("industry_en"),
					decimal(row.require("max_tco2_per_10k_cny"), where + ", column max_tco2_per_10k_cny"),
					parseInt(row.require("from_year"), where + ", column from_year")));
		}
		return zones;
	}

	List<ProjectDomain> projectDomains() {
		List<ProjectDomain> domains = new ArrayList<>();
		for (CsvTable.Row row : table("project-domains.csv").rows()) {
			domains.add(new ProjectDomain(parseInt(row.require("no"), "project-domains.csv line " + row.line()),
					row.require("domain_zh"), row.require("domain_en")));
		}
		return domains;
	}

	/**
	 * A target cell: a number; {@code PROVINCIAL} (完成省下目标); a cap {@code <=4.03}; or a text whose parts each
	 * start with a count ("2 zero-carbon parks; 1 port area", or "2个零碳景区；1个低碳旅游港区"), whose value is the sum of
	 * those counts.
	 */
	static Target target(int year, String cell, Direction direction, String where) {
		if (cell.equalsIgnoreCase("PROVINCIAL")) {
			return new Target(year, TargetType.PROVINCIAL, null, null, null);
		}
		Matcher cap = CAP.matcher(cell);
		if (cap.matches()) {
			return new Target(year, TargetType.CAP, new BigDecimal(cap.group(1)), null, null);
		}
		if (direction == Direction.CAP) {
			throw new IllegalStateException(where + ": a cap indicator needs a target like '<=4.03', got '" + cell + "'");
		}
		try {
			return new Target(year, TargetType.VALUE, new BigDecimal(cell), null, null);
		}
		catch (NumberFormatException ignored) {
			// a described count, handled below
		}
		BigDecimal sum = BigDecimal.ZERO;
		for (String part : cell.split("[;；]")) {
			Matcher m = LEADING_NUMBER.matcher(part);
			if (!m.find()) {
				throw new IllegalStateException(where + ": '" + cell + "' is neither a number, PROVINCIAL, a cap nor counted parts");
			}
			sum = sum.add(new BigDecimal(m.group(1)));
		}
		return new Target(year, TargetType.VALUE, sum, cell, null);
	}

	private CsvTable table(String name) {
		try {
			return CsvTable.parse(text(name));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(name + ": " + ex.getMessage(), ex);
		}
	}

	private static String required(Properties p, String key) {
		String v = p.getProperty(key);
		if (v == null || v.isBlank()) {
			throw new IllegalStateException("plan.properties lacks '" + key + "'");
		}
		return v.strip();
	}

	private static int parseInt(String s, String where) {
		try {
			return Integer.parseInt(s);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": '" + s + "' is not a whole number");
		}
	}

	private static BigDecimal decimal(String s, String where) {
		try {
			return new BigDecimal(s);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": '" + s + "' is not a number");
		}
	}
}
