package org.peakpilot.accounting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.shared.CsvTable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names people read instead of codes (Thymeleaf: {@code ${@names.energy(code)}}), in the request's language:
 * energy carriers and fuels (烟煤, 电力), products (粗钢), factors (every factor has a Chinese name from
 * {@code factors/names_zh.csv}, a term of the standard or guideline it comes from), the citation of a factor's
 * source ({@link FactorCitation}, never the library's internal research notes) and units in words (吨标准煤/万元).
 * An unknown code is shown as it is.
 */
@Component("names")
public class DisplayNames {

	private static final Duration REFRESH = Duration.ofMinutes(5);

	/** Units in words: symbol → {zh, en}; longer symbols first so compound units are matched whole. */
	private static final Map<String, String[]> UNITS = new HashMap<>();

	static {
		unit("tce per 10k CNY", "吨标准煤/万元", "tce per 10k CNY");
		unit("tce/10k CNY", "吨标准煤/万元", "tce per 10k CNY");
		unit("tCO2 per 10k CNY", "吨二氧化碳/万元", "tCO2 per 10k CNY");
		unit("tCO2/10k CNY", "吨二氧化碳/万元", "tCO2 per 10k CNY");
		unit("tCO2", "吨二氧化碳", "tCO2");
		unit("tce", "吨标准煤", "tce");
		unit("kgce", "千克标准煤", "kgce");
		unit("t", "吨", "t");
		unit("kg", "千克", "kg");
		unit("kWh", "千瓦时", "kWh");
		unit("MWh", "兆瓦时", "MWh");
		unit("GJ", "吉焦", "GJ");
		unit("Nm3", "标准立方米", "Nm³");
		unit("10^4 Nm3", "万标准立方米", "10⁴ Nm³");
		unit("m2", "平方米", "m²");
		unit("m3", "立方米", "m³");
		unit("10k CNY", "万元", "10k CNY");
		unit("tC", "吨碳", "tC");
		unit("TJ", "太焦", "TJ");
		unit("t carbonate", "吨碳酸盐", "t carbonate");
		unit("t clinker", "吨熟料", "t clinker");
		unit("t CaO", "吨氧化钙", "t CaO");
		unit("t MgO", "吨氧化镁", "t MgO");
		unit("t product", "吨产品", "t product");
		unit("t carbide", "吨电石", "t carbide");
		unit("intervals", "个采集周期", "intervals");
	}

	/** Method rows carry a note instead of a number in their unit: prefix → {zh, en}. */
	private static final Map<String, String[]> METHOD_UNITS = Map.of(
			"see grid_factors.csv ", new String[] { "见电网排放因子", "see the grid factors" },
			"see carbonate rows ", new String[] { "见碳酸盐因子", "see the carbonate factors" },
			"mass balance ", new String[] { "碳质量平衡法", "carbon mass balance" });

	private static final Map<String, String[]> REGIONS = Map.ofEntries(
			Map.entry("NATIONAL", new String[] { "全国", "national" }),
			Map.entry("NATIONAL-EXCL-NONFOSSIL", new String[] { "全国（不包括市场化交易的非化石能源电量）",
					"national, excluding market-traded non-fossil electricity" }),
			Map.entry("NORTH", new String[] { "华北区域", "North China" }),
			Map.entry("NORTHEAST", new String[] { "东北区域", "Northeast" }),
			Map.entry("EAST", new String[] { "华东区域", "East China" }),
			Map.entry("CENTRAL", new String[] { "华中区域", "Central China" }),
			Map.entry("NORTHWEST", new String[] { "西北区域", "Northwest" }),
			Map.entry("SOUTHERN", new String[] { "南方区域", "China Southern" }),
			Map.entry("SOUTHWEST", new String[] { "西南区域", "Southwest" }),
			Map.entry("SICHUAN", new String[] { "四川省", "Sichuan" }));

	private static void unit(String symbol, String zh, String en) {
		UNITS.put(symbol, new String[] { zh, en });
	}

	private static final Map<String, String[]> ENERGY = Map.of(
			"ELECTRICITY", new String[] { "电力", "Electricity" },
			"HEAT", new String[] { "热力", "Heat" },
			"STEAM", new String[] { "蒸汽", "Steam" });

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Map<String, String> factorZh;
	private final List<Citation> citations;
	private final Map<String, String[]> products;
	private volatile Map<String, String[]> library = Map.of();
	private volatile long libraryRead;
	private volatile boolean libraryLoaded;

	DisplayNames(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.factorZh = new HashMap<>();
		for (CsvTable.Row row : table("factors/names_zh.csv").rows()) {
			factorZh.put(row.require("code"), row.require("name_zh"));
		}
		this.citations = new ArrayList<>();
		for (CsvTable.Row row : table("factors/citations.csv").rows()) {
			citations.add(new Citation(Pattern.compile(row.require("code_pattern")),
					new FactorCitation(row.require("citation_zh"), row.require("citation_en"))));
		}
		this.products = new HashMap<>();
		for (CsvTable.Row row : table("accounting/products.csv").rows()) {
			products.put(row.require("code"), new String[] { row.require("name_zh"), row.require("name_en") });
		}
	}

	private record Citation(Pattern codes, FactorCitation citation) {
	}

	/** An energy carrier or fuel code (ELECTRICITY, HEAT, BITUMINOUS-COAL, …) as a name. */
	public String energy(String code) {
		if (code == null) {
			return "";
		}
		String[] n = ENERGY.get(code.toUpperCase(Locale.ROOT));
		return n != null ? pick(n) : factor(code);
	}

	/** A product code (CRUDE_STEEL, CLINKER, …) as a name. */
	public String product(String code) {
		if (code == null) {
			return "";
		}
		String[] n = products.get(code.toUpperCase(Locale.ROOT));
		return n == null ? code : pick(n);
	}

	/** A factor code as its name in the request's language. */
	public String factor(String code) {
		if (code == null) {
			return "";
		}
		String c = code.toUpperCase(Locale.ROOT);
		String[] stored = library().get(c);
		if (english()) {
			return stored != null ? stored[1] : code;
		}
		String zh = factorZh.get(c);
		return zh != null ? zh : stored != null ? stored[0] : code;
	}

	/** A factor's name: its Chinese name from the names table, else the stored one. */
	public String factor(Factor f) {
		if (english()) {
			return f.nameEn();
		}
		return factorZh.getOrDefault(f.code(), f.nameZh());
	}

	/**
	 * A factor's Chinese name whatever the request's language: from the names table, else the stored one. The
	 * report form's fuel and method lists take their names from here, so a name is defined once (names_zh.csv).
	 */
	public String nameZh(Factor f) {
		return factorZh.getOrDefault(f.code(), f.nameZh());
	}

	/** The codes of the factors whose Chinese name contains the text (the factor search finds 碳酸钙 too). */
	public java.util.Set<String> factorCodesNamed(String text) {
		if (text == null || text.isBlank()) {
			return java.util.Set.of();
		}
		String t = text.strip();
		java.util.Set<String> codes = new java.util.HashSet<>();
		factorZh.forEach((code, zh) -> {
			if (zh.contains(t)) {
				codes.add(code);
			}
		});
		return codes;
	}

	/** The standard or guideline a factor comes from, in the request's language; "" when none is known. */
	public String citation(String code) {
		FactorCitation c = citationOf(code);
		return c == null ? "" : english() ? c.en() : c.zh();
	}

	/** The citation of a factor code, or null. */
	public FactorCitation citationOf(String code) {
		if (code == null) {
			return null;
		}
		String c = code.toUpperCase(Locale.ROOT);
		for (Citation x : citations) {
			if (x.codes().matcher(c).matches()) {
				return x.citation();
			}
		}
		return null;
	}

	/** A unit symbol in words ("tce per 10k CNY" → 吨标准煤/万元); compound units part by part ("tCO2/t" → 吨二氧化碳/吨). */
	public String unit(String symbol) {
		if (symbol == null || symbol.isBlank()) {
			return "";
		}
		String s = symbol.strip();
		for (Map.Entry<String, String[]> method : METHOD_UNITS.entrySet()) {
			if (s.startsWith(method.getKey())) {
				return pick(method.getValue()) + "（" + unit(s.substring(method.getKey().length())) + "）";
			}
		}
		String[] whole = UNITS.get(s);
		if (whole != null) {
			return pick(whole);
		}
		Matcher m = PER.matcher(s);
		if (m.matches()) {
			String[] a = UNITS.get(m.group(1).strip());
			String[] b = UNITS.get(m.group(2).strip());
			if (a != null && b != null) {
				return pick(a) + "/" + pick(b);
			}
		}
		return s;
	}

	private static final Pattern REVISION = Pattern.compile("^revision (\\d+): (.*)$", Pattern.DOTALL);
	private static final Pattern RECOMPUTED = Pattern.compile("^recomputed (\\d{4}): (.*)$", Pattern.DOTALL);
	private static final Pattern RESTATED = Pattern.compile("^restated: factor (\\S+) version (\\d+)$");

	/**
	 * Why a result was computed, as stored with it ("entered", "changed", "revision 2: …", "recomputed 2025: …",
	 * "restated: factor CODE version 3"), in the reader's language; the person's own words stay as written.
	 */
	public String resultReason(String reason) {
		if (reason == null) {
			return "";
		}
		if (reason.equals("entered") || reason.equals("changed")) {
			return msg("results.reason." + reason);
		}
		Matcher m = REVISION.matcher(reason);
		if (m.matches()) {
			return msg("results.reason.revision", m.group(1), m.group(2));
		}
		m = RECOMPUTED.matcher(reason);
		if (m.matches()) {
			return msg("results.reason.recomputed", m.group(1), m.group(2));
		}
		m = RESTATED.matcher(reason);
		if (m.matches()) {
			return msg("results.reason.restated", factor(m.group(1)), m.group(1), m.group(2));
		}
		return reason;
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	/** A grid region code (SICHUAN, NATIONAL, …) as a name. */
	public String region(String code) {
		if (code == null) {
			return "";
		}
		String[] n = REGIONS.get(code.toUpperCase(Locale.ROOT));
		return n == null ? code : pick(n);
	}

	private static final Pattern PER = Pattern.compile("^([^/]+)/([^/]+)$");

	private static boolean english() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage());
	}

	private static String pick(String[] zhEn) {
		return english() ? zhEn[1] : zhEn[0];
	}

	private Map<String, String[]> library() {
		if (!libraryLoaded || System.nanoTime() - libraryRead > REFRESH.toNanos()) {
			Map<String, String[]> read = new HashMap<>();
			jdbc.sql("SELECT DISTINCT ON (code) code, name_zh, name_en FROM accounting_factor ORDER BY code, version DESC")
				.query((rs, n) -> read.put(rs.getString("code"), new String[] { rs.getString("name_zh"), rs.getString("name_en") }))
				.list();
			library = Map.copyOf(read);
			libraryRead = System.nanoTime();
			libraryLoaded = true;
		}
		return library;
	}

	private static CsvTable table(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + path, ex);
		}
	}
}
