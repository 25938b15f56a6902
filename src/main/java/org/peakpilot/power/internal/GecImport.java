package org.peakpilot.power.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.shared.CsvTable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports green certificate lots from the trading platform's export, re-saved as .xlsx (first sheet) or UTF-8 .csv
 * with this header row, one lot per row, all or nothing: if any cell is wrong nothing is written and every error
 * names its row (as the spreadsheet shows it) and column. [U] The national platform's own export columns were not
 * seen; these are the fields the ledger needs, to be mapped from it.
 * <ol type="A">
 * <li>{@code 绿证编码 Code}: 32 letters and digits ({@link GecCodes}); once in the ledger and once in the file.</li>
 * <li>{@code 项目名称 Project}: at most 200 characters.</li>
 * <li>{@code 技术类型 Technology}: WIND/风电, SOLAR/光伏/太阳能, HYDRO/水电, BIOMASS/生物质, GEOTHERMAL/地热, OCEAN/海洋能,
 * SOLAR_THERMAL/光热, OTHER/其他.</li>
 * <li>{@code 生产年月 Production month}: yyyy-MM (or a date cell; its month).</li>
 * <li>{@code 数量 GECs (MWh)}: whole GECs, 1 to 100,000,000.</li>
 * <li>{@code 起始序号 First serial}, {@code 截止序号 Last serial}: optional.</li>
 * <li>{@code 持有方统一社会信用代码 Holder USCC}: an enterprise of the registry (an enterprise user: its own).</li>
 * <li>{@code 自发自用 Self-use}, {@code CCER冻结 CCER frozen}: 是/否, Y/N, true/false, 1/0 or empty (no).</li>
 * </ol>
 */
@Component
public class GecImport {

	public static final String[] HEADERS = { "绿证编码 Code", "项目名称 Project", "技术类型 Technology", "生产年月 Production month",
			"数量 GECs (MWh)", "起始序号 First serial", "截止序号 Last serial", "持有方统一社会信用代码 Holder USCC", "自发自用 Self-use",
			"CCER冻结 CCER frozen" };
	static final String[] FIELDS = { "code", "project_name", "technology", "production_month", "mwh", "first_serial", "last_serial",
			"holder_enterprise_id", "self_use", "ccer_frozen" };
	public static final long MAX_BYTES = 5L * 1024 * 1024;
	public static final int MAX_ROWS = 5000;

	private final GecLedger ledger;

	GecImport(GecLedger ledger) {
		this.ledger = ledger;
	}

	/** One data row as text cells, with its row number as the user sees it. */
	record RawRow(int row, List<String> cells) {
		String cell(int i) {
			return i < cells.size() ? cells.get(i).strip() : "";
		}
	}

	/** Imports every row or none; returns the lots written, in file order. */
	@Transactional
	public List<GecLedger.Lot> importFile(String filename, byte[] bytes) {
		SheetCells.checkSize(bytes, MAX_BYTES);
		boolean xlsx = bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K';
		if (!xlsx && filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
			throw new InvalidInputException("file", "the file is not a readable Excel workbook (.xlsx)");
		}
		List<RawRow> rows = xlsx ? SheetCells.readFirstSheet(bytes, MAX_BYTES, HEADERS, GecImport::sheetRows) : csvRows(bytes);
		if (rows.isEmpty()) {
			throw new InvalidInputException("file", "the file has a header row but no lots");
		}
		if (rows.size() > MAX_ROWS) {
			throw new InvalidInputException("file", rows.size() + " rows; at most " + MAX_ROWS + " lots per file");
		}
		List<InputError> errors = new ArrayList<>();
		Set<String> usccs = new HashSet<>();
		rows.forEach(r -> usccs.add(r.cell(7).toUpperCase(Locale.ROOT)));
		Map<String, Long> holders = ledger.enterprisesByUscc(usccs);
		Set<String> seen = new HashSet<>();
		List<GecLedger.Valid> valid = new ArrayList<>();
		for (RawRow r : rows) {
			int before = errors.size();
			List<InputError> rowErrors = new ArrayList<>();
			GecTechnology tech = technology(r.cell(2));
			if (tech == null) {
				rowErrors.add(new InputError(r.row(), col(2), "'" + GecLedger.cut(r.cell(2)) + "' is not a technology; one of WIND 风电, SOLAR 光伏, "
						+ "HYDRO 水电, BIOMASS 生物质, GEOTHERMAL 地热, OCEAN 海洋能, SOLAR_THERMAL 光热, OTHER 其他"));
			}
			Long mwh = null;
			if (!r.cell(4).matches("[0-9]{1,12}")) {
				rowErrors.add(new InputError(r.row(), col(4), "'" + GecLedger.cut(r.cell(4)) + "' is not a whole number of GECs (MWh)"));
			}
			else {
				mwh = Long.parseLong(r.cell(4));
			}
			Long holder = holders.get(r.cell(7).toUpperCase(Locale.ROOT));
			if (holder == null) {
				rowErrors.add(new InputError(r.row(), col(7), "'" + GecLedger.cut(r.cell(7)) + "' is not the USCC of an enterprise in the registry"));
			}
			Boolean selfUse = yesNo(r.cell(8));
			Boolean frozen = yesNo(r.cell(9));
			if (selfUse == null) {
				rowErrors.add(new InputError(r.row(), col(8), "'" + GecLedger.cut(r.cell(8)) + "' is not 是/否 (yes/no)"));
			}
			if (frozen == null) {
				rowErrors.add(new InputError(r.row(), col(9), "'" + GecLedger.cut(r.cell(9)) + "' is not 是/否 (yes/no)"));
			}
			List<InputError> lotErrors = new ArrayList<>();
			GecLedger.Valid v = ledger.validate(new GecLedger.LotInput(r.cell(0), r.cell(1), tech == null ? GecTechnology.OTHER : tech,
					r.cell(3), mwh == null ? 1L : mwh, r.cell(5), r.cell(6), holder == null ? -1L : holder, selfUse, frozen), r.row(), "", lotErrors, seen);
			for (InputError e : lotErrors) {
				if (holder == null && e.field().equals("holder_enterprise_id")) {
					continue; // named above by its USCC
				}
				int c = List.of(FIELDS).indexOf(e.field());
				rowErrors.add(new InputError(r.row(), c < 0 ? e.field() : col(c), e.message()));
			}
			errors.addAll(rowErrors);
			if (errors.size() == before && v != null) {
				valid.add(v);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String reference = "import " + (filename == null ? "" : GecLedger.cut(filename.replaceAll("[^\\p{L}\\p{N}._ -]", "")));
		List<Long> ids = new ArrayList<>();
		for (GecLedger.Valid v : valid) {
			ids.add(ledger.insert(v, "IMPORT", reference));
		}
		return ids.stream().map(ledger::get).toList();
	}

	static String col(int index) {
		return SheetCells.column(HEADERS, index);
	}

	static GecTechnology technology(String text) {
		String t = text.strip().toUpperCase(Locale.ROOT);
		return switch (t) {
			case "WIND", "风电", "风力发电" -> GecTechnology.WIND;
			case "SOLAR", "光伏", "太阳能", "光伏发电", "PV" -> GecTechnology.SOLAR;
			case "HYDRO", "水电", "水力发电" -> GecTechnology.HYDRO;
			case "BIOMASS", "生物质", "生物质发电" -> GecTechnology.BIOMASS;
			case "GEOTHERMAL", "地热" -> GecTechnology.GEOTHERMAL;
			case "OCEAN", "海洋能" -> GecTechnology.OCEAN;
			case "SOLAR_THERMAL", "光热", "太阳能热发电" -> GecTechnology.SOLAR_THERMAL;
			case "OTHER", "其他" -> GecTechnology.OTHER;
			default -> null;
		};
	}

	static Boolean yesNo(String text) {
		String t = text.strip().toLowerCase(Locale.ROOT);
		return switch (t) {
			case "", "否", "n", "no", "false", "0" -> Boolean.FALSE;
			case "是", "y", "yes", "true", "1" -> Boolean.TRUE;
			default -> null;
		};
	}

	private static List<RawRow> sheetRows(Sheet sheet) {
		List<RawRow> rows = new ArrayList<>();
		int last = sheet.getLastRowNum();
		if (last > MAX_ROWS + 1) {
			throw new InvalidInputException("file", (last) + " rows; at most " + MAX_ROWS + " lots per file");
		}
		for (int i = 1; i <= last; i++) {
			Row row = sheet.getRow(i);
			if (row == null) {
				continue;
			}
			List<String> cells = new ArrayList<>();
			for (int c = 0; c < HEADERS.length; c++) {
				Cell cell = row.getCell(c);
				if (c == 3 && cell != null && SheetCells.valueType(cell) == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
					LocalDate d = cell.getLocalDateTimeCellValue().toLocalDate();
					cells.add(YearMonth.from(d).toString());
				}
				else {
					cells.add(SheetCells.text(cell));
				}
			}
			if (cells.stream().allMatch(String::isBlank)) {
				continue;
			}
			rows.add(new RawRow(i + 1, cells));
		}
		return rows;
	}

	private static List<RawRow> csvRows(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.indexOf('\u0000') >= 0 || text.contains("\uFFFD")) {
			throw new InvalidInputException("file", "the file is neither an Excel workbook (.xlsx) nor UTF-8 CSV text");
		}
		CsvTable table;
		try {
			table = CsvTable.parse(text.strip());
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("file", "the CSV cannot be read: " + GecLedger.cut(String.valueOf(ex.getMessage())));
		}
		List<InputError> errors = new ArrayList<>();
		for (int c = 0; c < HEADERS.length; c++) {
			String h = c < table.header().size() ? table.header().get(c).strip() : "";
			if (!HEADERS[c].equals(h)) {
				errors.add(new InputError(1, col(c), "expected the header '" + HEADERS[c] + "', found '" + GecLedger.cut(h) + "'"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (table.rows().size() > MAX_ROWS) {
			throw new InvalidInputException("file", table.rows().size() + " rows; at most " + MAX_ROWS + " lots per file");
		}
		List<RawRow> rows = new ArrayList<>();
		for (CsvTable.Row r : table.rows()) {
			List<String> cells = new ArrayList<>();
			for (String h : HEADERS) {
				cells.add(r.get(h));
			}
			rows.add(new RawRow(r.line(), cells));
		}
		return rows;
	}

	/** An .xlsx with the header row and one example row, for the import form. */
	public static byte[] template() {
		try (Workbook wb = new XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("绿证 GEC lots");
			SheetCells.headerRow(sheet, 0, HEADERS, SheetCells.bold(wb));
			for (int c = 0; c < HEADERS.length; c++) {
				sheet.setColumnWidth(c, 24 * 256);
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
