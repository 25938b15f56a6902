package org.peakpilot.monitoring.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The national energy-efficiency levels as data: {@code monitoring/efficiency_benchmarks.csv} (benchmark and
 * baseline per product class) joined with {@code monitoring/efficiency_limits.csv} (the limit standards' levels),
 * each row with its source and verification tag. Read once at start-up.
 */
@Component
public class EfficiencyLevels {

	private final Map<String, EfficiencyLevel> byCode;
	private final List<EfficiencyLevel> ordered;

	EfficiencyLevels() {
		Map<String, CsvTable.Row> limits = new LinkedHashMap<>();
		for (CsvTable.Row row : read("monitoring/efficiency_limits.csv").rows()) {
			limits.put(row.require("code"), row);
		}
		Map<String, EfficiencyLevel> levels = new LinkedHashMap<>();
		for (CsvTable.Row row : read("monitoring/efficiency_benchmarks.csv").rows()) {
			String limitCode = blankToNull(row.get("limit_code"));
			CsvTable.Row limit = limitCode == null ? null : limits.get(limitCode);
			if (limitCode != null && limit == null) {
				throw new IllegalStateException("efficiency_benchmarks.csv line " + row.line() + ": no limit row " + limitCode);
			}
			if (limit != null && !limit.require("unit").equals(row.require("unit"))) {
				throw new IllegalStateException("efficiency_benchmarks.csv line " + row.line() + ": unit differs from " + limitCode);
			}
			String source = row.require("source");
			levels.put(row.require("code"), new EfficiencyLevel(row.require("code"), blankToNull(row.get("product_code")),
					row.require("product"), row.require("unit"), number(row.get("benchmark")), number(row.get("baseline")), source,
					tag(source), verified(tag(source)), limitCode, limit == null ? null : limit.require("standard"),
					limit == null ? null : number(limit.get("level1")), limit == null ? null : number(limit.get("level3")),
					limit == null ? null : limit.require("source"), limit == null ? null : tag(limit.require("source"))));
		}
		this.byCode = Map.copyOf(levels);
		this.ordered = List.copyOf(levels.values());
	}

	public List<EfficiencyLevel> all() {
		return ordered;
	}

	Optional<EfficiencyLevel> get(String code) {
		return Optional.ofNullable(byCode.get(code));
	}

	/**
	 * The level a meter's product code selects: the class it names ({@code CAUSTIC_SODA.LIQUID_30}), or for a bare
	 * product code the one row of that product, or of several the most lenient (highest reference level).
	 */
	Optional<EfficiencyLevel> forProduct(String meterProductCode) {
		if (meterProductCode == null) {
			return Optional.empty();
		}
		EfficiencyLevel exact = byCode.get(meterProductCode);
		if (exact != null && exact.productCode() != null) {
			return Optional.of(exact);
		}
		return ordered.stream().filter(l -> meterProductCode.equals(l.productCode()) && reference(l) != null)
			.max(java.util.Comparator.comparing(EfficiencyLevels::reference));
	}

	/** The level an enterprise must not exceed: the baseline (基准水平), else the limit standard's level 3. */
	static BigDecimal reference(EfficiencyLevel l) {
		return l.baseline() != null ? l.baseline() : l.limitLevel3();
	}

	static boolean referenceIsBaseline(EfficiencyLevel l) {
		return l.baseline() != null;
	}

	/** The tag of a source text: what stands in its leading brackets, lower case. */
	static String tag(String source) {
		String s = source == null ? "" : source.strip();
		if (!s.startsWith("[") || s.indexOf(']') < 0) {
			return "untagged";
		}
		return s.substring(1, s.indexOf(']')).strip().toLowerCase(Locale.ROOT);
	}

	static boolean verified(String tag) {
		return tag != null && (tag.startsWith("verified") || tag.startsWith("computed") || tag.startsWith("convention"));
	}

	private static BigDecimal number(String text) {
		return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static CsvTable read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
