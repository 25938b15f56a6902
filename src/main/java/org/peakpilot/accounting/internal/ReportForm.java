package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.shared.Cny10k;

/**
 * The monthly report form in the structure of the national reporting templates (GB/T 32151 parts, the national
 * carbon market's monthly forms): one section per source type, each a few numbered rows of the calculator's
 * lines. The sections, the fuels with their allowed units and defaults, and the process methods of the
 * enterprise's industry are built here; the posted form is read back into a report's {@link ReportContent}, with every
 * bad value named by section, row and field. Percentages on the form (oxidation rate, CaO, MgO, purity) are
 * fractions in the content: 98 % is 0.98.
 */
public final class ReportForm {

	/** The form's sections, in the order of the national templates. */
	public enum Section {
		FUEL(6, Set.of(LineType.FUEL)),
		PROCESS(4, Set.of(LineType.CARBONATE, LineType.CLINKER, LineType.PROCESS, LineType.CARBON_FIXED, LineType.CARBON_INPUT,
				LineType.CARBON_OUTPUT)),
		ELECTRICITY(2, Set.of(LineType.ELECTRICITY)),
		HEAT(2, Set.of(LineType.HEAT)),
		ELECTRICITY_EXPORT(1, Set.of(LineType.ELECTRICITY_EXPORT)),
		HEAT_EXPORT(1, Set.of(LineType.HEAT_EXPORT));

		final int minRows;
		final Set<LineType> types;

		Section(int minRows, Set<LineType> types) {
			this.minRows = minRows;
			this.types = types;
		}

		static Section of(LineType type) {
			for (Section s : values()) {
				if (s.types.contains(type)) {
					return s;
				}
			}
			throw new IllegalArgumentException(type.name());
		}
	}

	/** The most rows a posted form may carry. */
	static final int MAX_ROWS = 200;
	/** Units offered per activity unit, in this order; each is one the calculator accepts. */
	private static final Map<String, List<String>> UNIT_CHOICES = Map.of("t", List.of("t", "kg"), "10^4 Nm3",
			List.of("10^4 Nm3", "Nm3"), "kWh", List.of("kWh", "MWh", "万kWh"), "GJ", List.of("GJ", "MJ"));
	/** The units the fuel rows offer (each fuel allows those of its activity unit), electricity and heat rows. */
	public static final List<String> FUEL_UNITS = List.of("t", "kg", "10^4 Nm3", "Nm3");
	public static final List<String> ELECTRICITY_UNITS = List.of("kWh", "MWh", "万kWh");
	public static final List<String> HEAT_UNITS = List.of("GJ", "MJ", "t");
	/** Message key suffixes of the units. */
	public static final Map<String, String> UNIT_KEYS = Map.of("t", "t", "kg", "kg", "10^4 Nm3", "nm3w", "Nm3", "nm3", "kWh", "kwh", "MWh",
			"mwh", "万kWh", "wkwh", "GJ", "gj", "MJ", "mj");
	private static final Pattern LINE_FIELD = Pattern.compile("^lines\\[(\\d+)]\\.?(.*)$");

	/** A fuel on the list: its Chinese and English names, allowed units, and the defaults the form shows. */
	public record FuelChoice(String code, String nameZh, String nameEn, String activityUnit, List<String> units, BigDecimal ncv,
			String ncvUnit, BigDecimal carbonContent, BigDecimal oxidationRate, boolean rawCoal, String source) {

		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

		/** The allowed units as the page's script reads them. */
		public String unitList() {
			return String.join(",", units);
		}

		public String plain(BigDecimal v) {
			return v == null ? "" : v.stripTrailingZeros().toPlainString();
		}
	}

	/** A process method of the enterprise's industry: a line type with its factor (or clinker type). */
	public record ProcessChoice(String value, LineType type, String factorCode, String nameZh, String nameEn, BigDecimal factor,
			String unit, String input) {

		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** One row of a section: its index in the posted form, its number in the section, and the line it shows. */
	public record Row(int index, Section section, int number, LineType type, Line line, EnergyUse energyUse) {

		public String method() {
			if (line == null) {
				return "";
			}
			if (line.type() == LineType.CLINKER) {
				return "CLINKER|" + (line.clinkerType() == null ? "PORTLAND" : line.clinkerType());
			}
			return line.type().name() + "|" + (line.factorCode() == null ? "" : line.factorCode());
		}

		/** A fraction of the line shown as a percentage (0.98 → 98), or empty. */
		public String percent(BigDecimal fraction) {
			return fraction == null ? "" : fraction.movePointRight(2).stripTrailingZeros().toPlainString();
		}

		public String plain(BigDecimal v) {
			return v == null ? "" : v.stripTrailingZeros().toPlainString();
		}
	}

	/** Where a content line came from on the form. */
	public record Origin(Section section, int number, int index) {
	}

	/** The posted form read back: the content, where each of its lines came from, and what could not be read. */
	public record Bound(ReportContent content, List<Origin> origins, List<InputError> errors) {
	}

	private ReportForm() {
	}

	/** The fuels of the national default table (GB/T 32151) and raw coal, with their allowed units. */
	public static List<FuelChoice> fuels(List<Factor> factors, java.util.function.Function<Factor, String> nameZh) {
		List<FuelChoice> fuels = new ArrayList<>();
		for (Factor f : factors) {
			boolean rawCoal = Calculator.RAW_COAL.equals(f.code());
			if ((f.kind() == Factor.Kind.FUEL && !f.code().startsWith("IPCC-")) || rawCoal) {
				List<String> units = UNIT_CHOICES.getOrDefault(f.activityUnit(), List.of(f.activityUnit()));
				fuels.add(new FuelChoice(f.code(), nameZh.apply(f), f.nameEn(), f.activityUnit(), units, f.ncv(), f.ncvUnit(),
						f.carbonContentTcPerTj(), f.oxidationRate(), rawCoal, Calculator.shortSource(f)));
			}
		}
		return fuels;
	}

	/** The coal classes a raw coal takes its defaults from, as fuels (names, carbon content, oxidation rate). */
	public static List<FuelChoice> coalClasses(List<FuelChoice> fuels) {
		return Calculator.COAL_CLASSES.stream().flatMap(c -> fuels.stream().filter(f -> f.code().equals(c))).toList();
	}

	/** The process methods the factor library supports for an industry sector (cement, steel, chemicals, …). */
	public static List<ProcessChoice> processes(List<Factor> factors, String sector, java.util.function.Function<Factor, String> nameZh) {
		List<ProcessChoice> choices = new ArrayList<>();
		List<Factor> sorted = factors.stream().filter(f -> f.kind() == Factor.Kind.PROCESS && f.value() != null && forSector(f, sector))
			.sorted(Comparator.comparing((Factor f) -> "general".equals(f.sector())).thenComparing(Factor::code)).toList();
		for (Factor f : sorted) {
			String code = f.code();
			if (code.startsWith(Calculator.CLINKER_DEFAULT)) {
				String type = code.substring(Calculator.CLINKER_DEFAULT.length());
				choices.add(new ProcessChoice("CLINKER|" + type, LineType.CLINKER, null, nameZh.apply(f), f.nameEn(), f.value(), f.unit(),
						"clinker"));
			}
			else if (code.startsWith("CARBONATE-") || code.startsWith("STEEL-FLUX-")) {
				choices.add(new ProcessChoice("CARBONATE|" + code, LineType.CARBONATE, code, nameZh.apply(f), f.nameEn(), f.value(), f.unit(),
						"fraction"));
			}
			else if (code.startsWith("STEEL-FIXED-")) {
				choices.add(new ProcessChoice("CARBON_FIXED|" + code, LineType.CARBON_FIXED, code, nameZh.apply(f), f.nameEn(), f.value(),
						f.unit(), ""));
			}
			else if ("tC/t".equals(f.unit())) {
				choices.add(new ProcessChoice("CARBON_OUTPUT|" + code, LineType.CARBON_OUTPUT, code, nameZh.apply(f), f.nameEn(), f.value(),
						f.unit(), ""));
			}
			else if (f.unit().startsWith("tCO2/t ") || "tCO2/t".equals(f.unit())) {
				if (!code.equals("CEMENT-CARBIDE-SLAG") && !code.startsWith("CEMENT-CLINKER-IPCC") && !code.startsWith("CEMENT-CAO")
						&& !code.startsWith("CEMENT-MGO")) {
					choices.add(new ProcessChoice("PROCESS|" + code, LineType.PROCESS, code, nameZh.apply(f), f.nameEn(), f.value(), f.unit(), ""));
				}
			}
		}
		if (Set.of("chemicals", "polysilicon", "steel").contains(sector)) {
			// a carbon-bearing input with its measured carbon mass fraction (carbon mass balance)
			choices.add(new ProcessChoice("CARBON_INPUT|", LineType.CARBON_INPUT, null, "含碳原料（实测含碳量）",
					"Carbon-bearing input (measured carbon content)", null, "tC/t", "fraction"));
		}
		return choices;
	}

	/** The choices plus any method a stored line uses that the industry's list lacks (entered by API or Excel). */
	public static List<ProcessChoice> withExisting(List<ProcessChoice> choices, List<Row> rows) {
		List<ProcessChoice> all = new ArrayList<>(choices);
		for (Row r : rows) {
			if (r.line() != null && all.stream().noneMatch(c -> c.value().equals(r.method()))) {
				all.add(new ProcessChoice(r.method(), r.line().type(), r.line().factorCode(), r.method(), r.method(), null, null,
						r.line().type() == LineType.CLINKER ? "clinker" : "fraction"));
			}
		}
		return all;
	}

	/** General factors serve every sector, sector factors their own (silicon: steel and polysilicon). */
	private static boolean forSector(Factor f, String sector) {
		String s = f.sector() == null ? "" : f.sector();
		return s.equals("general") || s.equals(sector) || (s.equals("ferroalloy/silicon") && Set.of("steel", "polysilicon").contains(sector));
	}

	/** The products of the enterprise's industry sector. */
	public static List<Product> products(List<Product> all, String sector) {
		return all.stream().filter(p -> p.sector().equals(sector)).toList();
	}

	/**
	 * The rows of each section for a report's lines: its lines in their sections (in their order), then empty rows up
	 * to the section's size. The rows are numbered through the whole form.
	 */
	public static Map<Section, List<Row>> rows(ReportContent content) {
		Map<Section, List<ReportLine>> bySection = new LinkedHashMap<>();
		for (Section s : Section.values()) {
			bySection.put(s, new ArrayList<>());
		}
		for (ReportLine l : content.lines() == null ? List.<ReportLine>of() : content.lines()) {
			if (l != null && l.line() != null && l.line().type() != null) {
				bySection.get(Section.of(l.line().type())).add(l);
			}
		}
		Map<Section, List<Row>> rows = new LinkedHashMap<>();
		int index = 0;
		for (Section s : Section.values()) {
			List<Row> list = new ArrayList<>();
			List<ReportLine> lines = bySection.get(s);
			int n = Math.max(s.minRows, lines.size() + (lines.size() >= s.minRows ? 1 : 0));
			for (int i = 0; i < n; i++) {
				ReportLine l = i < lines.size() ? lines.get(i) : null;
				LineType type = l != null ? l.line().type() : s.types.size() == 1 ? s.types.iterator().next() : null;
				list.add(new Row(index++, s, i + 1, type, l == null ? null : l.line(), l == null ? EnergyUse.ENERGY : l.energyUse()));
			}
			rows.put(s, list);
		}
		return rows;
	}

	/**
	 * Reads the posted form: row {@code i} is a line when it names a type ({@code type<i>}, fixed per section) or a
	 * process method ({@code method<i>}, "TYPE|FACTOR") and carries any value; a row without a quantity is empty.
	 * Products are {@code product_<CODE>} and must be of the enterprise's sector.
	 */
	public static Bound read(HttpServletRequest request, List<Product> allProducts, String sector) {
		List<InputError> errors = new ArrayList<>();
		List<ReportLine> lines = new ArrayList<>();
		List<Origin> origins = new ArrayList<>();
		Map<Section, Integer> numbers = new LinkedHashMap<>();
		for (int i = 0; i < MAX_ROWS; i++) {
			String type = text(request, "type" + i);
			String method = text(request, "method" + i);
			if (type == null && method == null) {
				continue;
			}
			String factor = text(request, "factor" + i);
			String clinkerType = null;
			LineType lineType = null;
			if (method != null) {
				int bar = method.indexOf('|');
				type = bar < 0 ? method : method.substring(0, bar);
				String rest = bar < 0 ? null : method.substring(bar + 1).strip();
				factor = rest == null || rest.isEmpty() ? factor : rest;
			}
			String at = "row " + (i + 1);
			lineType = known(LineType.class, type, at, errors);
			if (lineType == null) {
				continue;
			}
			Section section = Section.of(lineType);
			String n = text(request, "n" + i);
			int number = n != null && n.matches("[0-9]{1,3}") ? Integer.parseInt(n) : numbers.merge(section, 1, Integer::sum);
			String where = section.name() + " " + number;
			if (lineType == LineType.CLINKER) {
				clinkerType = factor;
				factor = null;
			}
			String quantity = text(request, "quantity" + i);
			if (quantity == null && !anyValue(request, i)) {
				continue; // an empty row of the form
			}
			String use = text(request, "use" + i);
			EnergyUse energyUse = use == null ? EnergyUse.ENERGY : known(EnergyUse.class, use, where, errors);
			Line line = new Line(lineType, factor, number(request, "quantity" + i, where + " quantity", errors), text(request, "unit" + i),
					number(request, "ncv" + i, where + " measuredNcv", errors), number(request, "cc" + i, where + " measuredCarbonContent", errors),
					number(request, "green" + i, where + " greenKwh", errors),
					fraction(request, "fraction" + i, "fractionPct" + i, where + " fraction", errors),
					fraction(request, "cao" + i, "caoPct" + i, where + " caoFraction", errors),
					fraction(request, "mgo" + i, "mgoPct" + i, where + " mgoFraction", errors), null, null, clinkerType,
					text(request, "label" + i), fraction(request, "of" + i, "ofPct" + i, where + " measuredOxidationRate", errors),
					text(request, "coalClass" + i), number(request, "pressure" + i, where + " steamPressureMpa", errors),
					number(request, "temperature" + i, where + " steamTemperatureC", errors));
			if (energyUse != null) {
				lines.add(new ReportLine(line, energyUse));
				origins.add(new Origin(section, number, i));
			}
		}
		List<ProductLine> products = new ArrayList<>();
		Set<String> own = new java.util.HashSet<>();
		products(allProducts, sector).forEach(p -> own.add(p.code()));
		for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
			if (p.getKey().startsWith("product_") && p.getValue().length > 0 && !p.getValue()[0].isBlank()) {
				String code = p.getKey().substring("product_".length());
				if (!own.contains(code)) {
					errors.add(InputError.field("PRODUCTS " + shorten(code), "not a product of this enterprise's industry; one of " + own));
					continue;
				}
				products.add(new ProductLine(code, number(request, p.getKey(), "PRODUCTS " + code, errors)));
			}
		}
		BigDecimal output = number(request, "outputValue10kCny", "outputValue10kCny", errors);
		BigDecimal added = number(request, "valueAdded10kCny", "valueAdded10kCny", errors);
		return new Bound(new ReportContent(Cny10k.of(output), Cny10k.of(added), lines, products), origins, errors);
	}

	/** A calculator's or the report's error named by the form's section, row and field instead of the line's index. */
	public static InputError onForm(InputError e, List<Origin> origins) {
		Matcher m = e.field() == null ? null : LINE_FIELD.matcher(e.field());
		if (m == null || !m.matches()) {
			return e;
		}
		int k = Integer.parseInt(m.group(1));
		if (k >= origins.size()) {
			return e;
		}
		Origin o = origins.get(k);
		return InputError.field(o.section().name() + " " + o.number() + (m.group(2).isEmpty() ? "" : " " + m.group(2)), e.message());
	}

	private static boolean anyValue(HttpServletRequest request, int i) {
		for (String name : List.of("ncv", "cc", "green", "fraction", "fractionPct", "cao", "caoPct", "mgo", "mgoPct", "of", "ofPct",
				"pressure", "temperature")) {
			if (text(request, name + i) != null) {
				return true;
			}
		}
		return false;
	}

	/** A fraction given as a fraction ({@code fractionName}) or as a percentage ({@code percentName}, divided by 100). */
	private static BigDecimal fraction(HttpServletRequest request, String fractionName, String percentName, String at,
			List<InputError> errors) {
		BigDecimal percent = number(request, percentName, at, errors);
		if (percent != null) {
			if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
				errors.add(InputError.field(at, "a percentage lies between 0 and 100"));
				return null;
			}
			return percent.movePointLeft(2);
		}
		return number(request, fractionName, at, errors);
	}

	private static <E extends Enum<E>> E known(Class<E> type, String name, String at, List<InputError> errors) {
		try {
			return Enum.valueOf(type, name.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(InputError.field(at, "'" + shorten(name) + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants())));
			return null;
		}
	}

	private static String text(HttpServletRequest request, String name) {
		String v = request.getParameter(name);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static BigDecimal number(HttpServletRequest request, String name, String at, List<InputError> errors) {
		String v = text(request, name);
		if (v == null) {
			return null;
		}
		try {
			BigDecimal number = new BigDecimal(v.replace(",", ""));
			if (number.signum() != 0 && (number.precision() - number.scale() > 20 || number.scale() > 20)) {
				errors.add(InputError.field(at, InputBounds.shown(number) + " is out of any range"));
				return null;
			}
			return number;
		}
		catch (NumberFormatException ex) {
			errors.add(InputError.field(at, "'" + shorten(v) + "' is not a number"));
			return null;
		}
	}

	private static String shorten(String v) {
		return v.length() > 40 ? v.substring(0, 40) + "…" : v;
	}
}
