package org.peakpilot.projects.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.projects.internal.GreenCriteria;
import org.peakpilot.projects.internal.GreenLibraryStore.Listing;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The green library for banks in one Excel sheet, bilingual headers and texts, times in Beijing time: each listed (or
 * flagged) entry with its enterprise and project figures, listing date, last evaluation and the criteria figures as
 * numbers (grade, tCO2 per 10k CNY and the industry average, green-power share as a fraction of 1).
 */
@Component
class GreenLibraryWorkbook {

	static final String SHEET = "绿色库 Green library";

	static final String[] HEADERS = { "编号 Id", "类型 Kind", "状态 Status", "企业 Enterprise", "统一社会信用代码 USCC", "区县 County",
			"行业 Industry", "项目 Project", "目录类别 Category", "总投资（万元）Investment (10k CNY)", "预计年减排（吨）CO2 reduction (t/yr)",
			"入库日期 Listed on", "最近评价 Last evaluation (Beijing)", "条件版本 Criteria version", "数据年度 Data year", "评价结论 Outcome",
			"碳效等级 Grade", "单位产值排放（吨/万元）Intensity (tCO2/10k CNY)", "行业平均（吨/万元）Industry average (tCO2/10k CNY)",
			"绿电占比 Green-power share", "各项条件 Criteria" };

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PageFormat.BEIJING);

	private final MessageSource messages;

	GreenLibraryWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	byte[] write(List<Listing> rows) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(wb);
			Sheet sheet = wb.createSheet(SHEET);
			SheetCells.headerRow(sheet, 0, HEADERS, bold);
			int r = 1;
			for (Listing l : rows) {
				Row x = sheet.createRow(r++);
				x.createCell(0).setCellValue(l.id());
				x.createCell(1).setCellValue(both("greenlib.kind." + l.kind().name()));
				x.createCell(2).setCellValue(both("greenlib.status." + l.status().name()));
				x.createCell(3).setCellValue(text(l.enterpriseName()));
				x.createCell(4).setCellValue(text(l.uscc()));
				x.createCell(5).setCellValue(text(l.countyName()));
				x.createCell(6).setCellValue(text(l.industryCode()));
				x.createCell(7).setCellValue(text(l.projectName()));
				x.createCell(8).setCellValue(l.categoryCode() == null ? "" : l.categoryCode() + " " + zh("greenlib.category." + l.categoryCode()));
				number(x, 9, l.investment10kCny());
				number(x, 10, l.co2ReductionT());
				x.createCell(11).setCellValue(l.listedOn() == null ? "" : l.listedOn().toString());
				var last = l.lastEvaluation();
				if (last != null) {
					GreenCriteria.Evaluation ev = last.evaluation();
					x.createCell(12).setCellValue(TIME.format(last.evaluatedAt()));
					x.createCell(13).setCellValue(ev.criteriaVersion());
					if (ev.dataYear() != null) {
						x.createCell(14).setCellValue(ev.dataYear());
					}
					x.createCell(15).setCellValue(both("greenlib.outcome." + ev.outcome().name()));
					if (ev.grade() != null) {
						x.createCell(16).setCellValue(ev.grade());
					}
					GreenCriteria.Result intensity = find(ev, GreenCriteria.Code.ENTERPRISE_INTENSITY, GreenCriteria.Code.PROJECT_INTENSITY);
					if (intensity != null) {
						number(x, 17, intensity.figure());
						number(x, 18, intensity.threshold());
					}
					GreenCriteria.Result green = find(ev, GreenCriteria.Code.ENTERPRISE_GREEN_POWER);
					if (green != null) {
						number(x, 19, green.figure());
					}
					x.createCell(20).setCellValue(ev.criteria().stream()
						.map(c -> zh("greenlib.criterion." + c.code().name()) + " " + zh("greenlib.state." + c.state().name())
								+ (c.figure() == null ? "" : " " + c.figure().toPlainString()) + " " + c.comparison()
								+ (c.threshold() == null ? "" : " " + c.threshold().toPlainString()))
						.collect(Collectors.joining("; ")));
				}
			}
			int[] widths = { 8, 14, 16, 34, 22, 12, 10, 30, 22, 16, 16, 12, 18, 18, 10, 18, 10, 16, 16, 12, 80 };
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

	private static GreenCriteria.Result find(GreenCriteria.Evaluation ev, GreenCriteria.Code... codes) {
		return ev.criteria().stream().filter(c -> List.of(codes).contains(c.code())).findFirst().orElse(null);
	}

	private static void number(Row x, int column, BigDecimal v) {
		if (v != null) {
			x.createCell(column).setCellValue(v.doubleValue());
		}
	}

	private static String text(String s) {
		return s == null ? "" : s;
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

	private String both(String key) {
		return zh(key) + " " + messages.getMessage(key, null, key, Locale.ENGLISH);
	}
}
