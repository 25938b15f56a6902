package org.peakpilot.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.plan.PilotPlan.NewObservation;
import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.plan.PlanModel.PlanInfo;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.SheetCells;

/**
 * The Excel form for yearly values: a template listing every item, and the reader that turns a filled-in copy
 * into values or row-and-column errors. Rows whose year and value are both empty are left out.
 */
final class ObservationWorkbook {

	static final int CODE = 0;
	static final int NAME = 1;
	static final int UNIT = 2;
	static final int YEAR = 3;
	static final int VALUE = 4;
	static final int SOURCE = 5;
	static final int NOTE = 6;
	static final String[] HEADERS = { "编号 Code", "名称 Name", "单位 Unit", "年份 Year", "数值 Value",
			"来源文件 Source document", "备注 Note" };
	static final long MAX_BYTES = 2L * 1024 * 1024;
	static final int MAX_ROWS = 5_000;

	private ObservationWorkbook() {
	}

	/** A filled-in row: its 1-based row number as the spreadsheet shows it, the value, or what is wrong with it. */
	record Line(int row, NewObservation observation, List<InputError> errors) {
	}

	/** "D (年份 Year)": the column letter and header, as the user sees them. */
	static String column(int index) {
		return SheetCells.column(HEADERS, index);
	}

	static List<Line> read(byte[] bytes) {
		return SheetCells.readFirstSheet(bytes, MAX_BYTES, HEADERS, sheet -> {
			if (sheet.getLastRowNum() > MAX_ROWS) {
				throw new InvalidInputException("file", "the sheet has " + sheet.getLastRowNum() + " rows; at most " + MAX_ROWS);
			}
			List<Line> lines = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || (blank(row.getCell(YEAR)) && blank(row.getCell(VALUE)))) {
					continue;
				}
				lines.add(line(row));
			}
			return lines;
		});
	}

	private static Line line(Row row) {
		int rowNo = row.getRowNum() + 1;
		List<InputError> errors = new ArrayList<>();
		String code = text(row.getCell(CODE));
		Integer year = null;
		BigDecimal yearValue = number(row.getCell(YEAR), rowNo, YEAR, errors);
		if (yearValue != null) {
			if (yearValue.stripTrailingZeros().scale() > 0) {
				errors.add(new InputError(rowNo, column(YEAR), "a year is a whole number, got " + yearValue.toPlainString()));
			}
			else {
				year = yearValue.intValue();
			}
		}
		else if (errors.isEmpty()) {
			errors.add(new InputError(rowNo, column(YEAR), "the year is empty"));
		}
		int before = errors.size();
		BigDecimal value = number(row.getCell(VALUE), rowNo, VALUE, errors);
		if (value == null && errors.size() == before) {
			errors.add(new InputError(rowNo, column(VALUE), "the value is empty"));
		}
		NewObservation observation = new NewObservation(code, year, value, text(row.getCell(UNIT)),
				text(row.getCell(SOURCE)), text(row.getCell(NOTE)));
		return new Line(rowNo, observation, errors);
	}

	private static BigDecimal number(Cell cell, int rowNo, int column, List<InputError> errors) {
		if (blank(cell)) {
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
			errors.add(new InputError(rowNo, column(column), "'" + text + "' is not a number"));
			return null;
		}
	}

	private static boolean blank(Cell cell) {
		return cell == null || cell.getCellType() == CellType.BLANK || text(cell).isEmpty();
	}

	private static String text(Cell cell) {
		return SheetCells.text(cell);
	}

	static byte[] template(List<Item> items, PlanInfo plan) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("填报 Values");
			CellStyle bold = SheetCells.bold(workbook);
			Row header = SheetCells.headerRow(sheet, 0, HEADERS, bold);
			int r = 1;
			for (Item item : items) {
				Row row = sheet.createRow(r++);
				row.createCell(CODE).setCellValue(item.code());
				row.createCell(NAME).setCellValue(item.nameZh() + " / " + item.nameEn());
				row.createCell(UNIT).setCellValue(item.unitZh());
			}
			sheet.createFreezePane(0, 1);
			int[] widths = { 10, 60, 14, 10, 14, 40, 30 };
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			DataValidationHelper helper = sheet.getDataValidationHelper();
			var yearRule = helper.createIntegerConstraint(org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType.BETWEEN,
					String.valueOf(plan.baselineYear() - 10), "2060");
			var validation = helper.createValidation(yearRule, new CellRangeAddressList(1, Math.max(1, r - 1), YEAR, YEAR));
			validation.setShowErrorBox(true);
			sheet.addValidationData(validation);

			Sheet help = workbook.createSheet("说明 Instructions");
			String[] lines = {
					plan.nameZh() + " — 指标与承诺年度数值填报模板",
					plan.nameEn() + " — yearly values of indicators and commitments",
					"",
					"每行填写一个年度数值：年份（整数）、数值（按所列单位）、来源文件（如统计公报）。年份和数值均为空的行将被忽略。",
					"One value per row: year (whole number), value (in the unit shown), source document (e.g. the statistical bulletin).",
					"Rows whose year and value are both empty are ignored. The same code may appear in several rows for different years.",
					"百分比填写 0–100 之间的数，不带 % 号。Shares are numbers from 0 to 100, without the % sign.",
					"任何一行有误则整个文件不导入，并列出所有错误的行和列。If any row is wrong, nothing is imported and every error is listed.",
			};
			for (int i = 0; i < lines.length; i++) {
				help.createRow(i).createCell(0).setCellValue(lines[i]);
			}
			help.setColumnWidth(0, 120 * 256);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
