package org.peakpilot.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What every all-or-nothing Excel import reads the same way: the size of the upload, the header row, a cell's
 * text (numbers without binary noise), and the column as the user sees it ("D (年份 Year)"); and what every
 * workbook written for download starts with: a bold style and a header row in it.
 */
public final class SheetCells {

	private static final DataFormatter FORMATTER = new DataFormatter();

	private SheetCells() {
	}

	/** A bold cell style of the workbook, for header rows and titles. */
	public static CellStyle bold(Workbook workbook) {
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		return bold;
	}

	/** Writes {@code headers} into row {@code rowIndex} of the sheet, from column A, in {@code style}. */
	public static Row headerRow(Sheet sheet, int rowIndex, String[] headers, CellStyle style) {
		Row row = sheet.createRow(rowIndex);
		for (int c = 0; c < headers.length; c++) {
			Cell cell = row.createCell(c);
			cell.setCellValue(headers[c]);
			cell.setCellStyle(style);
		}
		return row;
	}

	/** Refuses an empty upload or one above {@code maxBytes}, naming the field {@code file}. */
	public static void checkSize(byte[] bytes, long maxBytes) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidInputException("file", "the file is empty");
		}
		if (bytes.length > maxBytes) {
			throw new InvalidInputException("file", "the file has " + bytes.length / 1024 + " KiB; at most " + maxBytes / 1024 / 1024
					+ " MiB are accepted");
		}
	}

	/**
	 * Reads the first sheet of an uploaded .xlsx: refuses an empty or too large upload and a wrong header row, then
	 * hands the sheet to {@code reader}. A file that is no readable workbook gets one clear error; the reader's own
	 * {@link InvalidInputException}s pass through.
	 */
	public static <T> T readFirstSheet(byte[] bytes, long maxBytes, String[] headers, Function<Sheet, T> reader) {
		checkSize(bytes, maxBytes);
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			Sheet sheet = workbook.getSheetAt(0);
			checkHeader(sheet, headers);
			return reader.apply(sheet);
		}
		catch (InvalidInputException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidInputException("file", "the file is not a readable Excel workbook (.xlsx); download the template and fill it in");
		}
	}

	/** The column letter and its header, e.g. "D (年份 Year)". */
	public static String column(String[] headers, int index) {
		return CellReference.convertNumToColString(index) + " (" + headers[index] + ")";
	}

	/** Refuses a sheet whose first row is not exactly these headers, naming every wrong column of row 1. */
	public static void checkHeader(Sheet sheet, String[] headers) {
		var header = sheet.getRow(0);
		List<InputError> errors = new ArrayList<>();
		for (int c = 0; c < headers.length; c++) {
			String text = header == null ? "" : text(header.getCell(c));
			if (!headers[c].equals(text)) {
				errors.add(new InputError(1, column(headers, c), "expected the header '" + headers[c] + "', found '" + text + "'"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	/**
	 * The type of a cell's value: a formula's by its cached (last calculated) result. A formula without a cached
	 * result (written by a program that does not calculate) is refused naming its cell, e.g. "Sheet1!C5", rather
	 * than read as 0.
	 */
	public static CellType valueType(Cell cell) {
		if (cell == null) {
			return CellType.BLANK;
		}
		if (cell.getCellType() != CellType.FORMULA) {
			return cell.getCellType();
		}
		if (cell instanceof XSSFCell x && !x.getCTCell().isSetV()) {
			String at = cell.getSheet().getSheetName() + "!" + cell.getAddress().formatAsString();
			throw new InvalidInputException(List.of(new InputError(cell.getRowIndex() + 1, at, "the formula =" + cell.getCellFormula()
					+ " has no calculated value: open the file in Excel and save it, or type the value")));
		}
		return cell.getCachedFormulaResultType();
	}

	/** A cell's text, stripped; a number as its shortest plain decimal (0.1 stays 0.1); "" for no cell. */
	public static String text(Cell cell) {
		if (cell == null) {
			return "";
		}
		CellType type = valueType(cell);
		if (type == CellType.NUMERIC) {
			return new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
		}
		if (cell.getCellType() == CellType.FORMULA) {
			return type == CellType.STRING ? cell.getStringCellValue().strip()
					: type == CellType.BOOLEAN ? String.valueOf(cell.getBooleanCellValue()) : "";
		}
		return FORMATTER.formatCellValue(cell).strip();
	}
}
