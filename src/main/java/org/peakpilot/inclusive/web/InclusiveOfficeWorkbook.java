package org.peakpilot.inclusive.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.peakpilot.inclusive.internal.OfficeFigures;
import org.peakpilot.inclusive.internal.OfficeFigures.DayMode;
import org.peakpilot.inclusive.internal.OfficeFigures.LedgerRow;
import org.peakpilot.platform.SheetCells;

/**
 * The office's two exports of the scheme, bilingual headers, written as a stream (200 rows in memory at a time): trips
 * and gCO2 per day and mode of a period, and the ledger's postings of a period (sequence, Beijing time, kind,
 * reference, memo, account, asset, amount; at most {@link OfficeFigures#LEDGER_EXPORT_MAX_ROWS}).
 */
final class InclusiveOfficeWorkbook {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	static final String[] TRIP_HEADERS = { "日期 Day (Beijing)", "方式代码 Mode code", "方式 Mode", "出行（次）Trips", "减排量 gCO2 avoided" };
	static final String[] LEDGER_HEADERS = { "序号 Seq", "时间 Time (Beijing)", "类型 Kind", "关联 Reference", "说明 Memo", "账户类型 Account kind",
			"账户所有者 Owner", "资产 Asset", "数量 Amount" };
	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(OfficeFigures.BEIJING);

	private InclusiveOfficeWorkbook() {
	}

	/** {@code modeName} gives a mode's label. */
	static byte[] trips(LocalDate from, LocalDate to, List<DayMode> rows, UnaryOperator<String> modeName) {
		return write("绿色出行 Green trips", TRIP_HEADERS, new int[] { 14, 16, 20, 14, 20 }, sheet -> {
			int r = 1;
			for (DayMode d : rows) {
				Row x = sheet.createRow(r++);
				x.createCell(0).setCellValue(d.day().toString());
				x.createCell(1).setCellValue(d.mode());
				x.createCell(2).setCellValue(modeName.apply(d.mode()));
				x.createCell(3).setCellValue(d.trips());
				x.createCell(4).setCellValue(d.gco2());
			}
			Row note = sheet.createRow(r + 1);
			note.createCell(0).setCellValue("期间 Period " + from + " – " + to + " · 碳普惠数据，仅供参考，不作为上报数据 · 1 point = 1 gCO2");
		});
	}

	static byte[] ledger(LocalDate from, LocalDate to, List<LedgerRow> rows) {
		return write("账本交易 Ledger", LEDGER_HEADERS, new int[] { 10, 20, 10, 30, 40, 18, 16, 10, 12 }, sheet -> {
			int r = 1;
			for (LedgerRow l : rows) {
				Row x = sheet.createRow(r++);
				x.createCell(0).setCellValue(l.seq());
				x.createCell(1).setCellValue(TIME.format(l.at()));
				x.createCell(2).setCellValue(l.kind());
				x.createCell(3).setCellValue(l.reference());
				x.createCell(4).setCellValue(l.memo() == null ? "" : l.memo());
				x.createCell(5).setCellValue(l.accountKind());
				x.createCell(6).setCellValue(l.owner());
				x.createCell(7).setCellValue(l.asset());
				x.createCell(8).setCellValue(l.amount());
			}
			Row note = sheet.createRow(r + 1);
			note.createCell(0).setCellValue("期间 Period " + from + " – " + to + " (Beijing days)");
		});
	}

	private static byte[] write(String name, String[] headers, int[] widths, java.util.function.Consumer<Sheet> body) {
		SXSSFWorkbook wb = new SXSSFWorkbook(200);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(wb);
			Sheet sheet = wb.createSheet(name);
			SheetCells.headerRow(sheet, 0, headers, bold);
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			sheet.createFreezePane(0, 1);
			body.accept(sheet);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				wb.close();
			}
			catch (IOException ex) {
				// the temporary files are gone with the workbook; nothing to tell the caller
			}
		}
	}
}
