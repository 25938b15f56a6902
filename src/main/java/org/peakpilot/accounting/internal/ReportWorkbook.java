package org.peakpilot.accounting.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.shared.Cny10k;

/**
 * The Excel form for a year of one enterprise's monthly reports: a template per sector (activity lines, products
 * and output values, instructions, and the codes the sector uses), and the reader that turns a filled-in copy into
 * each month's report content. Errors name the sheet, the row as the spreadsheet shows it, and the column letter
 * with its header. The reader checks the cells (numbers, months, types); the rules of the lines themselves (codes,
 * units, quantities, fractions) are the calculator's, applied when each month goes through the save path, and its
 * errors are pointed back at the rows they came from.
 */
public final class ReportWorkbook {

	static final String ACTIVITY = "活动数据 Activity";
	static final String PRODUCTS = "产品与产值 Products";
	static final String INSTRUCTIONS = "说明 Instructions";
	static final String CODES = "代码表 Codes";

	static final int MONTH = 0;
	static final int TYPE = 1;
	static final int CODE = 2;
	static final int QUANTITY = 3;
	static final int UNIT = 4;
	static final int NCV = 5;
	static final int CARBON = 6;
	static final int GREEN = 7;
	static final int FRACTION = 8;
	static final int CAO = 9;
	static final int MGO = 10;
	static final int CAO_NC = 11;
	static final int MGO_NC = 12;
	static final int USE = 13;
	static final int LABEL = 14;
	static final int OXIDATION = 15;
	static final int COAL_CLASS = 16;
	static final int PRESSURE = 17;
	static final int TEMPERATURE = 18;
	static final String[] ACTIVITY_HEADERS = { "月份 Month", "类型 Type", "因子代码 Factor code", "数量 Quantity", "单位 Unit",
			"实测低位热值 Measured NCV (GJ/unit)", "实测含碳量 Measured carbon content (tC/TJ)", "绿电 Green kWh",
			"比例 Fraction (0–1)", "CaO (0–1)", "MgO (0–1)", "非碳酸盐CaO Non-carbonate CaO (0–1)",
			"非碳酸盐MgO Non-carbonate MgO (0–1)", "能源用途 Energy use", "说明 Label",
			"实测碳氧化率 Measured oxidation rate (0–1)", "原煤煤种 Raw coal class", "蒸汽压力 Steam pressure (MPa, absolute)",
			"蒸汽温度 Steam temperature (°C)" };
	/**
	 * The columns a workbook of an earlier template lacks (oxidation rate, coal class, steam state): such a workbook
	 * still imports, its lines without them.
	 */
	static final int OPTIONAL_FROM = OXIDATION;

	static final int PRODUCT = 1;
	static final int PRODUCT_QUANTITY = 2;
	static final int OUTPUT_VALUE = 3;
	static final int VALUE_ADDED = 4;
	static final String[] PRODUCT_HEADERS = { "月份 Month", "产品代码 Product code", "数量 Quantity",
			"工业总产值(万元) Output value (10k CNY)", "工业增加值(万元) Value added (10k CNY)" };

	static final String[] CODE_HEADERS = { "类型 Type", "代码 Code", "名称 Name", "单位 Unit", "说明 Note" };
	static final List<String> SECTORS = List.of("steel", "cement", "ceramics", "chemicals", "polysilicon", "other");
	public static final long MAX_BYTES = 2L * 1024 * 1024;
	public static final int MAX_ROWS = 5_000;
	public static final int FIRST_YEAR = 2010;

	/** Where a calculator or save error's field points in the activity sheet. */
	private static final Map<String, Integer> LINE_FIELDS = Map.ofEntries(Map.entry("type", TYPE),
			Map.entry("factorCode", CODE), Map.entry("quantity", QUANTITY), Map.entry("unit", UNIT), Map.entry("measuredNcv", NCV),
			Map.entry("measuredCarbonContent", CARBON), Map.entry("greenKwh", GREEN), Map.entry("fraction", FRACTION),
			Map.entry("caoFraction", CAO), Map.entry("mgoFraction", MGO), Map.entry("nonCarbonateCaoFraction", CAO_NC),
			Map.entry("nonCarbonateMgoFraction", MGO_NC), Map.entry("clinkerType", CODE), Map.entry("label", LABEL),
			Map.entry("measuredOxidationRate", OXIDATION), Map.entry("coalClass", COAL_CLASS), Map.entry("steamPressureMpa", PRESSURE),
			Map.entry("steamTemperatureC", TEMPERATURE));
	/** Errors of the whole file first, then by sheet (activity, products) and row; a row's errors keep their column order. */
	private static final Comparator<InputError> BY_SHEET_AND_ROW = Comparator
		.comparingInt((InputError e) -> e.field() == null ? 0 : e.field().startsWith(ACTIVITY) ? 1 : e.field().startsWith(PRODUCTS) ? 2 : 0)
		.thenComparing(InputError::row, Comparator.nullsFirst(Comparator.naturalOrder()));
	private static final Pattern INDEXED = Pattern.compile("^(lines|products)\\[(\\d+)]\\.(\\w+)$");
	private static final String PROBLEM = "the file is not a readable Excel workbook (.xlsx); download the template and fill it in";

	private ReportWorkbook() {
	}

	/** "活动数据 Activity, D (数量 Quantity)": the sheet, the column letter and its header, as the user sees them. */
	static String column(String sheet, String[] headers, int index) {
		return sheet + ", " + CellReference.convertNumToColString(index) + " (" + headers[index] + ")";
	}

	/** One of {@link #SECTORS} for a registry industry's sector; industries without a template of their own get "other". */
	static String sector(String industrySector) {
		String s = industrySector == null ? "" : industrySector.strip().toLowerCase(Locale.ROOT);
		return SECTORS.contains(s) ? s : "other";
	}

	/** Accounting years run from 2010 to the current year. */
	public static void checkYear(int year, Clock clock) {
		int now = YearMonth.now(clock).getYear();
		if (year < FIRST_YEAR || year > now) {
			throw new InvalidInputException("year", "a reporting year from " + FIRST_YEAR + " to " + now + " is required");
		}
	}

	// ---------------------------------------------------------------------------------------------- reading

	/** A month found in the file: its content (rows without cell errors) and the rows its parts came from. */
	public record Month(int month, ReportContent content, List<Integer> lineRows, List<Integer> productRows, Integer outputValueRow,
			Integer valueAddedRow, Integer firstActivityRow, Integer firstProductsRow) {

		/** Points the save path's errors ("lines[2].unit", "products[0].productCode") at their sheet, row and column. */
		List<InputError> locate(List<InputError> errors) {
			List<InputError> located = new ArrayList<>();
			for (InputError e : errors) {
				Matcher m = INDEXED.matcher(e.field() == null ? "" : e.field());
				if (m.matches() && m.group(1).equals("lines") && Integer.parseInt(m.group(2)) < lineRows.size()) {
					Integer col = LINE_FIELDS.get(m.group(3));
					located.add(new InputError(lineRows.get(Integer.parseInt(m.group(2))),
							col == null ? ACTIVITY + ", " + m.group(3) : column(ACTIVITY, ACTIVITY_HEADERS, col), e.message()));
				}
				else if (m.matches() && m.group(1).equals("products") && Integer.parseInt(m.group(2)) < productRows.size()) {
					int col = m.group(3).equals("quantity") ? PRODUCT_QUANTITY : PRODUCT;
					located.add(new InputError(productRows.get(Integer.parseInt(m.group(2))), column(PRODUCTS, PRODUCT_HEADERS, col),
							e.message()));
				}
				else if ("outputValue10kCny".equals(e.field())) {
					located.add(new InputError(outputValueRow, column(PRODUCTS, PRODUCT_HEADERS, OUTPUT_VALUE), e.message()));
				}
				else if ("valueAdded10kCny".equals(e.field())) {
					located.add(new InputError(valueAddedRow, column(PRODUCTS, PRODUCT_HEADERS, VALUE_ADDED), e.message()));
				}
				else if ("month".equals(e.field())) {
					located.addAll(rejected(e.message()));
				}
				else {
					located.add(new InputError(null, "month " + month + ": " + e.field(), e.message()));
				}
			}
			return located;
		}

		/** A month that cannot be imported as a whole (e.g. already submitted): the error at its first row on each sheet. */
		List<InputError> rejected(String why) {
			List<InputError> errors = new ArrayList<>();
			String message = "month " + month + " cannot be imported: " + why;
			if (firstActivityRow != null) {
				errors.add(new InputError(firstActivityRow, column(ACTIVITY, ACTIVITY_HEADERS, MONTH), message));
			}
			if (firstProductsRow != null) {
				errors.add(new InputError(firstProductsRow, column(PRODUCTS, PRODUCT_HEADERS, MONTH), message));
			}
			return errors;
		}
	}

	/** What a filled-in template holds: the months found, in order, and what is wrong with its cells. */
	public record Filled(List<Month> months, List<InputError> errors) {

		/**
		 * Saves month by month within the caller's transaction and collects every error: the cells', and each
		 * month's from the save path (line rules, products, a report that is no longer editable). When there is any,
		 * it throws them all, so that the caller's transaction rolls back the months already saved.
		 */
		public List<Report> saveEach(Function<Month, Report> save) {
			List<InputError> all = new ArrayList<>(errors);
			List<Report> saved = new ArrayList<>();
			for (Month m : months) {
				try {
					saved.add(save.apply(m));
				}
				catch (InvalidInputException ex) {
					all.addAll(m.locate(ex.errors()));
				}
				catch (RuleViolationException ex) {
					all.addAll(m.rejected(ex.getMessage()));
				}
			}
			if (!all.isEmpty()) {
				throw new InvalidInputException(all.stream().distinct().sorted(BY_SHEET_AND_ROW).toList());
			}
			return saved;
		}
	}

	/** Reads a filled-in template for the year; months after the current one (by the clock) are errors. */
	public static Filled read(byte[] bytes, int year, Clock clock) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidInputException("file", "the file is empty");
		}
		if (bytes.length > MAX_BYTES) {
			throw new InvalidInputException("file", "the file has " + bytes.length / 1024 + " KiB; at most "
					+ MAX_BYTES / 1024 / 1024 + " MiB are accepted");
		}
		Workbook workbook;
		try {
			workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes));
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidInputException("file", PROBLEM);
		}
		try (workbook) {
			return read(workbook, year, YearMonth.now(clock));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Filled read(Workbook workbook, int year, YearMonth latest) {
		Sheet activity = workbook.getSheet(ACTIVITY);
		Sheet products = workbook.getSheet(PRODUCTS);
		List<InputError> errors = new ArrayList<>();
		for (String name : List.of(ACTIVITY, PRODUCTS)) {
			if (workbook.getSheet(name) == null) {
				errors.add(new InputError(null, "file", "the workbook has no sheet '" + name
						+ "'; download the report template of this enterprise and year and fill it in"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		checkHeader(activity, ACTIVITY, ACTIVITY_HEADERS, errors);
		checkHeader(products, PRODUCTS, PRODUCT_HEADERS, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int rows = activity.getLastRowNum() + products.getLastRowNum();
		if (rows > MAX_ROWS) {
			throw new InvalidInputException("file", "the sheets have " + rows + " rows; at most " + MAX_ROWS);
		}
		checkTemplateYear(workbook.getSheet(INSTRUCTIONS), year, errors);
		Map<Integer, MonthRows> months = new TreeMap<>();
		for (int r = 1; r <= activity.getLastRowNum(); r++) {
			Row row = activity.getRow(r);
			if (row != null && !blankFrom(row, TYPE, ACTIVITY_HEADERS.length)) {
				activityRow(row, year, latest, months, errors);
			}
		}
		for (int r = 1; r <= products.getLastRowNum(); r++) {
			Row row = products.getRow(r);
			if (row != null && !blankFrom(row, PRODUCT, PRODUCT_HEADERS.length)) {
				productRow(row, year, latest, months, errors);
			}
		}
		if (months.isEmpty() && errors.isEmpty()) {
			errors.add(new InputError(null, "file", "the workbook holds no data: fill in at least one row of '" + ACTIVITY
					+ "' or '" + PRODUCTS + "'"));
		}
		return new Filled(months.values().stream().map(MonthRows::month).toList(), errors);
	}

	/** What a month collects while the sheets are read. */
	private static final class MonthRows {
		final int month;
		final List<ReportLine> lines = new ArrayList<>();
		final List<Integer> lineRows = new ArrayList<>();
		final List<ProductLine> products = new ArrayList<>();
		final List<Integer> productRows = new ArrayList<>();
		BigDecimal outputValue;
		Integer outputValueRow;
		BigDecimal valueAdded;
		Integer valueAddedRow;
		Integer firstActivityRow;
		Integer firstProductsRow;

		MonthRows(int month) {
			this.month = month;
		}

		Month month() {
			return new Month(month, new ReportContent(Cny10k.of(outputValue), Cny10k.of(valueAdded), List.copyOf(lines), List.copyOf(products)),
					List.copyOf(lineRows), List.copyOf(productRows), outputValueRow, valueAddedRow, firstActivityRow, firstProductsRow);
		}
	}

	private static void activityRow(Row row, int year, YearMonth latest, Map<Integer, MonthRows> months, List<InputError> errors) {
		int rowNo = row.getRowNum() + 1;
		Cells c = new Cells(row, ACTIVITY, ACTIVITY_HEADERS);
		Integer month = c.month(year, latest);
		LineType type = c.choice(TYPE, LineType.class, true);
		String code = c.text(CODE).isEmpty() ? null : c.text(CODE).toUpperCase(Locale.ROOT);
		BigDecimal quantity = c.number(QUANTITY, false);
		BigDecimal ncv = c.number(NCV, false);
		BigDecimal carbon = c.number(CARBON, false);
		BigDecimal green = c.number(GREEN, false);
		BigDecimal fraction = c.number(FRACTION, true);
		BigDecimal cao = c.number(CAO, true);
		BigDecimal mgo = c.number(MGO, true);
		BigDecimal caoNc = c.number(CAO_NC, true);
		BigDecimal mgoNc = c.number(MGO_NC, true);
		EnergyUse use = c.choice(USE, EnergyUse.class, false);
		BigDecimal oxidation = c.number(OXIDATION, true);
		String coalClass = c.text(COAL_CLASS).isEmpty() ? null : c.text(COAL_CLASS).toUpperCase(Locale.ROOT);
		BigDecimal pressure = c.number(PRESSURE, false);
		BigDecimal temperature = c.number(TEMPERATURE, false);
		String clinkerType = null;
		if (code != null && type != null) {
			switch (type) {
				case ELECTRICITY, ELECTRICITY_EXPORT, HEAT, HEAT_EXPORT -> c.error(CODE, "leave the factor code empty for a " + type
						+ " line: the grid factor of the region (electricity) or the heat factor applies");
				case CLINKER -> {
					if (code.startsWith(Calculator.CLINKER_DEFAULT)) {
						clinkerType = code.substring(Calculator.CLINKER_DEFAULT.length());
					}
					else if (!code.equals(Calculator.CLINKER_CAO) && !code.equals(Calculator.CLINKER_MGO)) {
						c.error(CODE, "a CLINKER line takes " + Calculator.CLINKER_CAO + " (or no code) with the CaO/MgO analysis, or "
								+ Calculator.CLINKER_DEFAULT + "<type> for the default factor; got " + code);
					}
					else if (cao == null && mgo == null) {
						c.error(CAO, code + " needs the CaO and MgO mass fractions of the clinker");
					}
				}
				default -> {
				}
			}
		}
		errors.addAll(c.errors);
		if (month == null) {
			return;
		}
		MonthRows m = months.computeIfAbsent(month, MonthRows::new);
		if (m.firstActivityRow == null) {
			m.firstActivityRow = rowNo;
		}
		if (c.errors.isEmpty()) {
			m.lines.add(new ReportLine(new Line(type, code, quantity, c.text(UNIT).isEmpty() ? null : c.text(UNIT), ncv, carbon,
					green, fraction, cao, mgo, caoNc, mgoNc, clinkerType, c.text(LABEL).isEmpty() ? null : c.text(LABEL), oxidation,
					coalClass, pressure, temperature), use));
			m.lineRows.add(rowNo);
		}
	}

	private static void productRow(Row row, int year, YearMonth latest, Map<Integer, MonthRows> months, List<InputError> errors) {
		int rowNo = row.getRowNum() + 1;
		Cells c = new Cells(row, PRODUCTS, PRODUCT_HEADERS);
		Integer month = c.month(year, latest);
		String code = c.text(PRODUCT).isEmpty() ? null : c.text(PRODUCT).toUpperCase(Locale.ROOT);
		BigDecimal quantity = c.number(PRODUCT_QUANTITY, false);
		BigDecimal outputValue = c.number(OUTPUT_VALUE, false);
		BigDecimal valueAdded = c.number(VALUE_ADDED, false);
		if (code == null && quantity != null) {
			c.error(PRODUCT, "the product code is empty; see the sheet '" + CODES + "'");
		}
		MonthRows m = month == null ? null : months.computeIfAbsent(month, MonthRows::new);
		if (m != null && outputValue != null && m.outputValueRow != null) {
			c.error(OUTPUT_VALUE, "the output value of month " + month + " is already given in row " + m.outputValueRow);
		}
		if (m != null && valueAdded != null && m.valueAddedRow != null) {
			c.error(VALUE_ADDED, "the value added of month " + month + " is already given in row " + m.valueAddedRow);
		}
		errors.addAll(c.errors);
		if (m == null) {
			return;
		}
		if (m.firstProductsRow == null) {
			m.firstProductsRow = rowNo;
		}
		if (!c.errors.isEmpty()) {
			return;
		}
		if (code != null) {
			m.products.add(new ProductLine(code, quantity));
			m.productRows.add(rowNo);
		}
		if (outputValue != null) {
			m.outputValue = outputValue;
			m.outputValueRow = rowNo;
		}
		if (valueAdded != null) {
			m.valueAdded = valueAdded;
			m.valueAddedRow = rowNo;
		}
	}

	/** The cells of one row and what is wrong with them. */
	private static final class Cells {
		final Row row;
		final int rowNo;
		final String sheet;
		final String[] headers;
		final List<InputError> errors = new ArrayList<>();

		Cells(Row row, String sheet, String[] headers) {
			this.row = row;
			this.rowNo = row.getRowNum() + 1;
			this.sheet = sheet;
			this.headers = headers;
		}

		void error(int col, String message) {
			errors.add(new InputError(rowNo, column(sheet, headers, col), message));
		}

		String text(int col) {
			return ReportWorkbook.text(row.getCell(col));
		}

		/** A number, or null when the cell is empty; "65%" is read as 0.65 where {@code percent} is allowed. */
		BigDecimal number(int col, boolean percent) {
			Cell cell = row.getCell(col);
			if (type(cell) == CellType.NUMERIC) {
				return Calculator.strip(new BigDecimal(Double.toString(cell.getNumericCellValue())));
			}
			String text = text(col).replace(",", "").replace(" ", "");
			if (text.isEmpty()) {
				return null;
			}
			try {
				if (percent && text.endsWith("%")) {
					return Calculator.strip(new BigDecimal(text.substring(0, text.length() - 1)).movePointLeft(2));
				}
				return Calculator.strip(new BigDecimal(text));
			}
			catch (NumberFormatException ex) {
				error(col, "'" + text(col) + "' is not a number");
				return null;
			}
		}

		Integer month(int year, YearMonth latest) {
			int before = errors.size();
			BigDecimal v = number(MONTH, false);
			if (v == null) {
				if (errors.size() == before) {
					error(MONTH, "the month is empty: 1 to 12");
				}
				return null;
			}
			if (v.scale() > 0 || v.compareTo(BigDecimal.ONE) < 0 || v.compareTo(BigDecimal.valueOf(12)) > 0) {
				error(MONTH, "a month is a whole number from 1 to 12, got " + v.toPlainString());
				return null;
			}
			int m = v.intValue();
			if (YearMonth.of(year, m).isAfter(latest)) {
				error(MONTH, "month " + m + " of " + year + " has not come yet (the latest month is " + latest + ")");
				return null;
			}
			return m;
		}

		<E extends Enum<E>> E choice(int col, Class<E> type, boolean required) {
			String text = text(col).toUpperCase(Locale.ROOT).replace(' ', '_');
			String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
			if (text.isEmpty()) {
				if (required) {
					error(col, "empty: one of " + allowed);
				}
				return null;
			}
			try {
				return Enum.valueOf(type, text);
			}
			catch (IllegalArgumentException ex) {
				error(col, "'" + text(col) + "' is not one of " + allowed);
				return null;
			}
		}
	}

	private static void checkHeader(Sheet sheet, String name, String[] headers, List<InputError> errors) {
		Row header = sheet.getRow(0);
		for (int c = 0; c < headers.length; c++) {
			String text = header == null ? "" : text(header.getCell(c));
			if (headers == ACTIVITY_HEADERS && c >= OPTIONAL_FROM && text.isEmpty()) {
				continue; // a workbook of the earlier template, without the newer columns
			}
			if (!headers[c].equals(text)) {
				errors.add(new InputError(1, column(name, headers, c), "expected the header '" + headers[c] + "', found '" + text + "'"));
			}
		}
	}

	/** The template names its year in the instructions (B2); a file made for another year is refused. */
	private static void checkTemplateYear(Sheet instructions, int year, List<InputError> errors) {
		Row row = instructions == null ? null : instructions.getRow(1);
		if (row == null || !"年份 Year".equals(text(row.getCell(0)))) {
			return;
		}
		String stated = text(row.getCell(1));
		if (!stated.isEmpty() && !stated.equals(String.valueOf(year))) {
			errors.add(new InputError(2, INSTRUCTIONS + ", B (年份 Year)", "this template is for " + stated
					+ ", but the import is for " + year + "; download the template of " + year + " or import into " + stated));
		}
	}

	private static boolean blankFrom(Row row, int from, int to) {
		for (int c = from; c < to; c++) {
			if (!text(row.getCell(c)).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static CellType type(Cell cell) {
		return SheetCells.valueType(cell);
	}

	/** The cell as text: a formula's cached value, numbers in plain notation, stripped. */
	private static String text(Cell cell) {
		return switch (type(cell)) {
			case NUMERIC -> Calculator.strip(new BigDecimal(Double.toString(cell.getNumericCellValue()))).toPlainString();
			case STRING -> cell.getStringCellValue().strip();
			case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
			case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
			default -> "";
		};
	}

	// ---------------------------------------------------------------------------------------------- the template

	/** A row of the codes sheet. */
	private record CodeRow(String type, String code, String name, String unit, String note) {
	}

	/**
	 * The template for an enterprise-year in a sector: empty activity and product sheets with drop-downs for
	 * month, type, energy use and codes; the instructions; and the codes sheet with every fuel, electricity and
	 * heat, the process factors of the sector (and the general carbonates) in force in the year, and the sector's
	 * products.
	 *
	 * @param factors every version of the factors; the one in force in the year is listed per code
	 */
	public static byte[] template(String sector, int year, String enterpriseName, String gridRegion, List<Factor> factors,
			List<Product> products) {
		String s = sector(sector);
		List<CodeRow> energy = List.of(
				new CodeRow(LineType.ELECTRICITY.name(), "", "外购电力 Purchased electricity", "kWh",
						"代码留空；电网因子 " + gridRegion + "（当年，否则最近的较早年份）; leave the code empty: the " + gridRegion
								+ " grid factor of the year (else the latest earlier year). 绿电列填认证绿电 Green kWh: certified green kWh"),
				new CodeRow(LineType.ELECTRICITY_EXPORT.name(), "", "输出电力 Exported electricity", "kWh", "扣减 deducted; 代码留空 leave the code empty"),
				new CodeRow(LineType.HEAT.name(), "", "外购热力 Purchased heat", "GJ", "代码留空 leave the code empty: " + Calculator.HEAT_CO2),
				new CodeRow(LineType.HEAT_EXPORT.name(), "", "输出热力 Exported heat", "GJ", "扣减 deducted; 代码留空 leave the code empty"));
		List<Factor> inForce = inForce(factors, year);
		List<CodeRow> codes = new ArrayList<>();
		// fuels: the GB/T defaults first, the IPCC ones after them
		inForce.stream().filter(f -> f.kind() == Factor.Kind.FUEL)
			.sorted(Comparator.comparing((Factor f) -> f.code().startsWith("IPCC-")))
			.forEach(f -> codes.add(new CodeRow(LineType.FUEL.name(), f.code(), name(f), f.activityUnit(), "NCV " + figure(f.ncv())
					+ " " + f.ncvUnit() + ", " + figure(f.carbonContentTcPerTj()) + " tC/TJ, oxidation "
					+ (f.oxidationRate() == null ? "1" : figure(f.oxidationRate())) + tagNote(f))));
		// process factors by line type (carbonates, clinker, other processes, carbon fixed), then code
		inForce.stream().filter(f -> f.kind() == Factor.Kind.PROCESS && f.value() != null && forSector(f, s) && processType(f) != null)
			.sorted(Comparator.comparing(ReportWorkbook::processType))
			.forEach(f -> {
				LineType type = processType(f);
				String note = type == LineType.CLINKER && !f.code().startsWith(Calculator.CLINKER_DEFAULT)
						? "填 CaO/MgO 质量分数时自动采用 applied with the CaO/MgO analysis: " + figure(f.value()) + " " + f.unit()
						: figure(f.value()) + " " + f.unit() + (type == LineType.CLINKER ? "; 无化验数据时的缺省值 default without an analysis" : "");
				codes.add(new CodeRow(type.name(), f.code(), name(f), "t", note + tagNote(f)));
			});
		List<CodeRow> productRows = products.stream().filter(p -> p.sector().equals(s))
			.map(p -> new CodeRow("PRODUCT 产品", p.code(), p.nameZh() + " " + p.nameEn(), p.unit(), "产品与产值 Products"))
			.toList();
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(workbook);

			Sheet activity = workbook.createSheet(ACTIVITY);
			header(activity, ACTIVITY_HEADERS, bold, new int[] { 10, 20, 28, 14, 10, 16, 16, 14, 12, 10, 10, 14, 14, 14, 30, 16, 18, 18, 16 });
			Sheet productSheet = workbook.createSheet(PRODUCTS);
			header(productSheet, PRODUCT_HEADERS, bold, new int[] { 10, 22, 14, 22, 22 });
			instructions(workbook.createSheet(INSTRUCTIONS), s, year, enterpriseName, gridRegion, bold);

			Sheet codeSheet = workbook.createSheet(CODES);
			header(codeSheet, CODE_HEADERS, bold, new int[] { 20, 40, 50, 12, 90 });
			int r = 1;
			for (CodeRow row : energy) {
				codeRow(codeSheet, r++, row);
			}
			int firstCode = r;
			for (CodeRow row : codes) {
				codeRow(codeSheet, r++, row);
			}
			int lastCode = r - 1;
			int firstProduct = r;
			for (CodeRow row : productRows) {
				codeRow(codeSheet, r++, row);
			}
			int lastProduct = r - 1;

			validate(activity, MONTH, whole(activity, 1, 12), true);
			validate(activity, TYPE, activity.getDataValidationHelper().createExplicitListConstraint(
					Arrays.stream(LineType.values()).map(Enum::name).toArray(String[]::new)), true);
			validate(activity, USE, activity.getDataValidationHelper().createExplicitListConstraint(
					Arrays.stream(EnergyUse.values()).map(Enum::name).toArray(String[]::new)), true);
			if (lastCode >= firstCode) {
				validate(activity, CODE, activity.getDataValidationHelper().createFormulaListConstraint(
						"'" + CODES + "'!$B$" + (firstCode + 1) + ":$B$" + (lastCode + 1)), false);
			}
			validate(activity, COAL_CLASS, activity.getDataValidationHelper().createExplicitListConstraint(
					Calculator.COAL_CLASSES.toArray(String[]::new)), true);
			validate(productSheet, MONTH, whole(productSheet, 1, 12), true);
			if (lastProduct >= firstProduct) {
				validate(productSheet, PRODUCT, productSheet.getDataValidationHelper().createFormulaListConstraint(
						"'" + CODES + "'!$B$" + (firstProduct + 1) + ":$B$" + (lastProduct + 1)), false);
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Per code, the version in force in the year ({@link FactorsInForce}), by code. */
	private static List<Factor> inForce(List<Factor> factors, int year) {
		return FactorsInForce.of(factors).all(year);
	}

	/** General factors (carbonates, carbon oxidation) serve every sector; sector factors their own (silicon: steel and polysilicon). */
	private static boolean forSector(Factor f, String sector) {
		String s = f.sector() == null ? "" : f.sector();
		return s.equals("general") || s.equals(sector)
				|| (s.equals("ferroalloy/silicon") && Set.of("steel", "polysilicon").contains(sector));
	}

	/** The line type a process factor serves, by the calculator's own rules; null for factors no line takes. */
	private static LineType processType(Factor f) {
		String code = f.code();
		if (code.startsWith("CARBONATE-") || code.startsWith("STEEL-FLUX-")) {
			return LineType.CARBONATE;
		}
		if (code.startsWith("STEEL-FIXED-")) {
			return LineType.CARBON_FIXED;
		}
		if (code.startsWith(Calculator.CLINKER_DEFAULT) || code.equals(Calculator.CLINKER_CAO) || code.equals(Calculator.CLINKER_MGO)) {
			return LineType.CLINKER;
		}
		return f.unit() != null && f.unit().startsWith("tCO2/t") ? LineType.PROCESS : null;
	}

	private static String name(Factor f) {
		String zh = f.nameZh() == null ? "" : f.nameZh().strip();
		String en = f.nameEn() == null ? "" : f.nameEn().strip();
		return zh.isEmpty() || zh.equals(en) ? en : en.isEmpty() ? zh : zh + " " + en;
	}

	private static String figure(BigDecimal v) {
		return v == null ? "–" : Calculator.strip(v).toPlainString();
	}

	private static String tagNote(Factor f) {
		return f.tag().verified() ? "" : "; 来源未核实 source not verified (" + f.tag() + ")";
	}

	private static void header(Sheet sheet, String[] headers, CellStyle bold, int[] widths) {
		Row row = sheet.createRow(0);
		for (int c = 0; c < headers.length; c++) {
			Cell cell = row.createCell(c);
			cell.setCellValue(headers[c]);
			cell.setCellStyle(bold);
			sheet.setColumnWidth(c, widths[c] * 256);
		}
		sheet.createFreezePane(0, 1);
	}

	private static void codeRow(Sheet sheet, int r, CodeRow code) {
		Row row = sheet.createRow(r);
		row.createCell(0).setCellValue(code.type());
		row.createCell(1).setCellValue(code.code());
		row.createCell(2).setCellValue(code.name());
		row.createCell(3).setCellValue(code.unit());
		row.createCell(4).setCellValue(code.note());
	}

	private static DataValidationConstraint whole(Sheet sheet, int from, int to) {
		return sheet.getDataValidationHelper().createIntegerConstraint(DataValidationConstraint.OperatorType.BETWEEN,
				String.valueOf(from), String.valueOf(to));
	}

	/** A drop-down or range rule on the data rows of a column; {@code strict} refuses other values in Excel already. */
	private static void validate(Sheet sheet, int col, DataValidationConstraint constraint, boolean strict) {
		DataValidationHelper helper = sheet.getDataValidationHelper();
		DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(1, MAX_ROWS, col, col));
		validation.setShowErrorBox(true);
		validation.setErrorStyle(strict ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING);
		sheet.addValidationData(validation);
	}

	private static void instructions(Sheet sheet, String sector, int year, String enterpriseName, String gridRegion, CellStyle bold) {
		String[][] rows = {
				{ "月度排放报送导入模板 Monthly emissions report import template" },
				{ "年份 Year", String.valueOf(year) },
				{ "企业 Enterprise", enterpriseName == null ? "" : enterpriseName },
				{ "行业 Sector", sector },
				{ "电网区域 Grid region", gridRegion },
				{},
				{ "“活动数据 Activity”每行一条活动数据：月份（1–12）、类型、因子代码（见“代码表 Codes”）、数量与单位。" },
				{ "One activity line per row of 'Activity': month (1–12), type, factor code (see the sheet 'Codes'), quantity and unit." },
				{ "单位留空即采用代码表所列单位；同量纲的其他单位自动换算（kg、Nm3、MWh、MJ 等）。" },
				{ "An empty unit means the unit of the Codes sheet; other units of the same dimension (kg, Nm3, MWh, MJ …) are converted." },
				{ "电力与热力（含输出）不填因子代码：电力采用 " + gridRegion + " 电网因子，热力采用 " + Calculator.HEAT_CO2 + "。" },
				{ "Electricity and heat lines (and their exports) take no factor code: electricity uses the " + gridRegion
						+ " grid factor, heat " + Calculator.HEAT_CO2 + "." },
				{ "熟料（CLINKER）填 CaO、MgO 质量分数（0–1，如 0.65），及其非碳酸盐部分；无化验数据时在因子代码填 CEMENT-CLINKER-DEFAULT-… 采用缺省因子。" },
				{ "Clinker: CaO and MgO mass fractions (0–1, e.g. 0.65) and their non-carbonate parts; without an analysis put a "
						+ "CEMENT-CLINKER-DEFAULT-… code to use the default factor." },
				{ "实测低位热值（GJ/单位）与实测含碳量（tC/TJ）可不填，填写后替代缺省值；比例（纯度×分解率）缺省为 1。" },
				{ "Measured NCV (GJ per unit) and carbon content (tC/TJ) are optional and replace the defaults; the fraction (purity × "
						+ "calcination) defaults to 1." },
				{ "实测碳氧化率填 0–1 的小数（如 0.98，或 98%），不填采用缺省值；原煤（RAW-COAL）在“原煤煤种”选 ANTHRACITE（无烟煤）、BITUMINOUS-COAL（烟煤）或 LIGNITE（褐煤），采用该煤种的缺省含碳量和碳氧化率。" },
				{ "Measured oxidation rate: a fraction 0–1 (e.g. 0.98, or 98%); empty: the default. Raw coal (RAW-COAL) takes the default "
						+ "carbon content and oxidation rate of its class: ANTHRACITE, BITUMINOUS-COAL or LIGNITE." },
				{ "蒸汽（热力行单位填 t）：填蒸汽压力（MPa，绝对压力）和温度（°C），焓值按 IAPWS-IF97 计算；不填温度按该压力下的饱和蒸汽。" },
				{ "Steam (a heat line in t): its absolute pressure (MPa) and temperature (°C); the enthalpy is by IAPWS-IF97, without a "
						+ "temperature the steam is saturated at its pressure." },
				{ "能源用途：ENERGY（默认）、FEEDSTOCK（原料用能）、RENEWABLE（可再生能源）。" },
				{ "Energy use: ENERGY (default), FEEDSTOCK (raw-material use), RENEWABLE." },
				{ "“产品与产值 Products”每行一个产品（代码、数量，按代码表单位）；工业总产值与工业增加值（万元）每月填一次，可与某一产品同行。" },
				{ "'Products': one product per row (code, quantity in the unit of the Codes sheet); output value and value added "
						+ "(10k CNY) once per month, on any row of that month." },
				{ "文件中出现的每个月份整体导入，替换该月草稿或退回报告的全部内容；已提交、已核查或已锁定的月份不能导入。" },
				{ "Every month present in the file is imported whole and replaces the content of that month's draft or returned report; "
						+ "a month already submitted, verified or locked cannot be imported." },
				{ "任何一行有误则整个文件不导入，并列出所有错误的工作表、行和列。文件不超过 2 MiB、5,000 行。" },
				{ "If any row is wrong, nothing is imported and every error is listed with its sheet, row and column. At most 2 MiB "
						+ "and 5,000 rows." }, };
		for (int i = 0; i < rows.length; i++) {
			Row row = sheet.createRow(i);
			for (int c = 0; c < rows[i].length; c++) {
				row.createCell(c).setCellValue(rows[i][c]);
			}
		}
		sheet.getRow(0).getCell(0).setCellStyle(bold);
		sheet.setColumnWidth(0, 24 * 256);
		sheet.setColumnWidth(1, 60 * 256);
	}
}
