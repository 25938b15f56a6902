package org.peakpilot.budget.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.budget.internal.WarningList;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.SheetCells;

/**
 * The warning list as the page shows it (the same rows, filters and order) in one Excel sheet, bilingual headers and
 * level texts, times in Beijing time: id, holder code, name, kind, county, level, reason code, reason with its
 * figures, raised, cleared, state (open / acknowledged), acknowledged by and when, action plan.
 */
final class BudgetWarningWorkbook {

	static final String SHEET = "预警清单 Warnings";

	static final String[] HEADERS = { "编号 Id", "代码 Code", "单位 Holder", "类型 Kind", "区县 County", "等级 Level", "原因代码 Reason code",
			"原因 Reason", "预警时间 Raised (Beijing)", "解除时间 Cleared (Beijing)", "状态 State", "确认人 Acknowledged by",
			"确认时间 Acknowledged (Beijing)", "整改措施 Action plan" };

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PageFormat.BEIJING);

	private BudgetWarningWorkbook() {
	}

	/** {@code zh} and {@code en} turn a message key into its text in each language. */
	static byte[] write(int year, List<BudgetWarningPages.Row> rows, UnaryOperator<String> zh, UnaryOperator<String> en) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(wb);
			Sheet sheet = wb.createSheet(SHEET);
			SheetCells.headerRow(sheet, 0, HEADERS, bold);
			int r = 1;
			for (BudgetWarningPages.Row row : rows) {
				WarningList.Line l = row.line();
				Row x = sheet.createRow(r++);
				x.createCell(0).setCellValue(l.id());
				x.createCell(1).setCellValue(l.holderCode());
				x.createCell(2).setCellValue(row.name());
				x.createCell(3).setCellValue(both("budget.page.kind." + l.kind().name(), zh, en));
				x.createCell(4).setCellValue(row.county());
				x.createCell(5).setCellValue(both("budget.warning.level." + l.level().name(), zh, en));
				x.createCell(6).setCellValue(l.reasonCode());
				x.createCell(7).setCellValue(zh.apply("budget.warning.reason." + l.reasonCode()) + " · " + l.reason());
				x.createCell(8).setCellValue(time(l.raisedAt()));
				x.createCell(9).setCellValue(time(l.clearedAt()));
				x.createCell(10).setCellValue(both(state(l), zh, en));
				x.createCell(11).setCellValue(l.acknowledgedBy() == null ? "" : l.acknowledgedBy());
				x.createCell(12).setCellValue(time(l.acknowledgedAt()));
				x.createCell(13).setCellValue(l.actionPlan() == null ? "" : l.actionPlan());
			}
			int[] widths = { 8, 22, 30, 10, 12, 16, 18, 70, 18, 18, 18, 18, 18, 60 };
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			sheet.createFreezePane(0, 1);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The message key of a warning's state: acknowledged, cleared or open. */
	static String state(WarningList.Line l) {
		return l.acknowledged() ? "budget.warnpage.state.acknowledged" : l.open() ? "budget.warnpage.state.open" : "budget.warnpage.state.cleared";
	}

	static String time(OffsetDateTime t) {
		return t == null ? "" : TIME.format(t);
	}

	private static String both(String key, UnaryOperator<String> zh, UnaryOperator<String> en) {
		return zh.apply(key) + " " + en.apply(key);
	}
}
