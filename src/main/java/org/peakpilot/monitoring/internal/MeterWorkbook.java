package org.peakpilot.monitoring.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.SheetCells;

/**
 * The Excel form for registering meters: one sheet whose first row holds the column headers in Chinese and
 * English, one meter per row below, and to the right of the columns the values each column allows (energy codes
 * with their units, kinds, intervals), which the energy, kind and interval cells also offer as drop-downs. The
 * reader turns a filled-in copy into meter forms, or into errors naming the row as the spreadsheet shows it and the
 * column letter with its header.
 */
final class MeterWorkbook {

	static final int CODE = 0;
	static final int NAME = 1;
	static final int FACILITY = 2;
	static final int ENERGY = 3;
	static final int UNIT = 4;
	static final int KIND = 5;
	static final int MULTIPLIER = 6;
	static final int INTERVAL = 7;
	static final int PRODUCT = 8;
	static final int MAX = 9;
	static final int COUNTER_MAX = 10;
	static final String[] HEADERS = { "表计编号 Meter code", "名称 Name", "设施 Facility", "能源代码 Energy code", "单位 Unit",
			"类型 Kind", "倍率 Multiplier", "采集间隔分钟 Interval minutes", "产品代码 Product code", "单次最大量 Max per interval",
			"翻转值 Counter max" };
	/** The form's field names as the meter rules report them, by column. */
	static final String[] FIELDS = { "code", "name", "facility", "energyCode", "unit", "kind", "multiplier", "intervalMinutes",
			"productCode", "maxPerInterval", "counterMax" };
	/** The first column of the allowed-values block, after one empty column. */
	static final int LEGEND = HEADERS.length + 1;
	static final long MAX_BYTES = 2L * 1024 * 1024;
	static final int MAX_ROWS = 2_000;

	/** An energy the meters may measure, with the units the accounting calculator accepts for it. */
	record Energy(String code, String name, String units) {
	}

	/** A filled-in row: its row number as the spreadsheet shows it, the form, or what is wrong with it. */
	record Line(int row, MeterForm form, List<InputError> errors) {
	}

	private MeterWorkbook() {
	}

	/** "D (能源代码 Energy code)": the column letter and header, as the user sees them. */
	static String column(int index) {
		return SheetCells.column(HEADERS, index);
	}

	/** The column of a form field the meter rules named, or -1. */
	static int columnOf(String field) {
		for (int i = 0; i < FIELDS.length; i++) {
			if (FIELDS[i].equals(field)) {
				return i;
			}
		}
		return -1;
	}

	static byte[] template(List<Energy> energies) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("表计 Meters");
			CellStyle bold = SheetCells.bold(workbook);
			Row header = SheetCells.headerRow(sheet, 0, HEADERS, bold);
			String[][] legendHeads = { { "允许的能源代码 Allowed energy codes", "名称 Name", "允许的单位 Allowed units" } };
			for (int c = 0; c < legendHeads[0].length; c++) {
				Cell cell = header.createCell(LEGEND + c);
				cell.setCellValue(legendHeads[0][c]);
				cell.setCellStyle(bold);
			}
			Cell kindHead = header.createCell(LEGEND + 4);
			kindHead.setCellValue("类型 Kind");
			kindHead.setCellStyle(bold);
			Cell intervalHead = header.createCell(LEGEND + 5);
			intervalHead.setCellValue("间隔 Interval");
			intervalHead.setCellStyle(bold);
			Cell notesHead = header.createCell(LEGEND + 6);
			notesHead.setCellValue("说明 Notes");
			notesHead.setCellStyle(bold);
			String[] kinds = { "COUNTER", "INTERVAL" };
			String[] kindNotes = { "累计电度/表码 cumulative register", "每个间隔的量 quantity per interval" };
			String[] intervals = { "1", "5", "15", "60" };
			String[] notes = { "每行一个表计；表计编号在本企业内唯一。One meter per row; the code is unique within the enterprise.",
					"倍率 = CT × PT 变比，空为 1。Multiplier = CT × PT ratio, empty means 1.",
					"单次最大量：一个间隔内可能的最大量（乘倍率后）。Max per interval: the most one interval can hold, after the multiplier.",
					"翻转值只用于 COUNTER。Counter max only for COUNTER meters (the register's rollover value).",
					"任何一行有误则整个文件不导入，并列出所有错误的行和列。If any row is wrong, nothing is imported and every error is listed.",
					"右侧列表仅供参考，导入时忽略。The lists on the right are for reference and ignored on import." };
			int rows = Math.max(Math.max(energies.size(), notes.length), kinds.length);
			for (int i = 0; i < rows; i++) {
				Row row = sheet.getRow(i + 1) == null ? sheet.createRow(i + 1) : sheet.getRow(i + 1);
				if (i < energies.size()) {
					row.createCell(LEGEND).setCellValue(energies.get(i).code());
					row.createCell(LEGEND + 1).setCellValue(energies.get(i).name());
					row.createCell(LEGEND + 2).setCellValue(energies.get(i).units());
				}
				if (i < kinds.length) {
					row.createCell(LEGEND + 4).setCellValue(kinds[i] + " — " + kindNotes[i]);
				}
				if (i < intervals.length) {
					row.createCell(LEGEND + 5).setCellValue(Integer.parseInt(intervals[i]));
				}
				if (i < notes.length) {
					row.createCell(LEGEND + 6).setCellValue(notes[i]);
				}
			}
			sheet.createFreezePane(0, 1);
			int[] widths = { 16, 24, 20, 26, 10, 12, 10, 14, 14, 16, 16 };
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			sheet.setColumnWidth(LEGEND, 30 * 256);
			sheet.setColumnWidth(LEGEND + 1, 30 * 256);
			sheet.setColumnWidth(LEGEND + 2, 30 * 256);
			sheet.setColumnWidth(LEGEND + 4, 36 * 256);
			sheet.setColumnWidth(LEGEND + 6, 90 * 256);

			DataValidationHelper helper = sheet.getDataValidationHelper();
			String letter = CellReference.convertNumToColString(LEGEND);
			dropDown(sheet, helper, helper.createFormulaListConstraint("$" + letter + "$2:$" + letter + "$" + (energies.size() + 1)), ENERGY);
			dropDown(sheet, helper, helper.createExplicitListConstraint(kinds), KIND);
			dropDown(sheet, helper, helper.createExplicitListConstraint(intervals), INTERVAL);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void dropDown(Sheet sheet, DataValidationHelper helper, DataValidationConstraint constraint, int column) {
		DataValidation v = helper.createValidation(constraint, new CellRangeAddressList(1, MAX_ROWS, column, column));
		v.setShowErrorBox(true);
		sheet.addValidationData(v);
	}

	/** The rows that hold a meter (a row whose data columns are all empty is skipped). */
	static List<Line> read(byte[] bytes) {
		return SheetCells.readFirstSheet(bytes, MAX_BYTES, HEADERS, sheet -> {
			List<Line> lines = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || empty(row)) {
					continue;
				}
				if (lines.size() == MAX_ROWS) {
					throw new InvalidInputException("file", "at most " + MAX_ROWS + " meters per file");
				}
				lines.add(line(row));
			}
			if (lines.isEmpty()) {
				throw new InvalidInputException("file", "the sheet holds no meter: fill in one meter per row below the header");
			}
			return lines;
		});
	}

	private static boolean empty(Row row) {
		for (int c = 0; c < HEADERS.length; c++) {
			if (!text(row.getCell(c)).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static Line line(Row row) {
		int rowNo = row.getRowNum() + 1;
		List<InputError> errors = new ArrayList<>();
		MeterKind kind = null;
		String kindText = text(row.getCell(KIND));
		if (!kindText.isEmpty()) {
			try {
				kind = MeterKind.valueOf(kindText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new InputError(rowNo, column(KIND), "'" + kindText + "' is neither COUNTER nor INTERVAL"));
			}
		}
		BigDecimal multiplier = number(row, MULTIPLIER, errors);
		BigDecimal interval = number(row, INTERVAL, errors);
		Integer intervalMinutes = null;
		if (interval != null) {
			if (interval.stripTrailingZeros().scale() > 0) {
				errors.add(new InputError(rowNo, column(INTERVAL), "1, 5, 15 or 60 minutes, got " + interval.toPlainString()));
			}
			else {
				intervalMinutes = interval.intValueExact();
			}
		}
		MeterForm form = new MeterForm(nullIfEmpty(text(row.getCell(CODE))), nullIfEmpty(text(row.getCell(NAME))),
				nullIfEmpty(text(row.getCell(FACILITY))), nullIfEmpty(text(row.getCell(ENERGY))), nullIfEmpty(text(row.getCell(UNIT))), kind,
				multiplier, intervalMinutes, nullIfEmpty(text(row.getCell(PRODUCT))), number(row, MAX, errors), number(row, COUNTER_MAX, errors),
				null);
		return new Line(rowNo, form, errors);
	}

	private static BigDecimal number(Row row, int column, List<InputError> errors) {
		Cell cell = row.getCell(column);
		if (text(cell).isEmpty()) {
			return null;
		}
		CellType type = SheetCells.valueType(cell);
		if (type == CellType.NUMERIC) {
			return new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros();
		}
		String text = text(cell);
		try {
			return new BigDecimal(text.replace(",", "")).stripTrailingZeros();
		}
		catch (NumberFormatException ex) {
			errors.add(new InputError(row.getRowNum() + 1, column(column), "'" + text + "' is not a number"));
			return null;
		}
	}

	private static String nullIfEmpty(String s) {
		return s.isEmpty() ? null : s;
	}

	private static String text(Cell cell) {
		return SheetCells.text(cell);
	}
}
