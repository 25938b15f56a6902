package org.peakpilot.budget.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.budget.internal.BudgetHistory;
import org.peakpilot.budget.internal.BudgetVersions;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Holder;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.SheetCells;

/**
 * Every table of the budget cockpit as an Excel workbook, bilingual headers: the city budget with its derivation and
 * the identity total = Σ budgets + reserve + pool + sink credit, the holders (budget, share, use, forecast, warning,
 * or "暂无执行数据 no execution data yet"), and the year's versions with the shown version's approval steps. Figures
 * are numbers as stored (whole tonnes for budgets); times in Beijing time.
 */
final class BudgetWorkbook {

	static final String NO_EXECUTION = "暂无执行数据 no execution data yet";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PageFormat.BEIJING);

	private final XSSFWorkbook workbook;
	private final CellStyle bold;
	private final CellStyle tonnes;
	private final CellStyle fraction;

	private BudgetWorkbook(XSSFWorkbook workbook) {
		this.workbook = workbook;
		this.bold = SheetCells.bold(workbook);
		this.tonnes = workbook.createCellStyle();
		tonnes.setDataFormat(workbook.createDataFormat().getFormat("#,##0.######"));
		this.fraction = workbook.createCellStyle();
		fraction.setDataFormat(workbook.createDataFormat().getFormat("0.000000###"));
	}

	static byte[] write(BudgetYear budget, List<BudgetHistory.VersionLine> versions, Map<String, String> names) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			BudgetWorkbook w = new BudgetWorkbook(wb);
			w.city(budget);
			w.holders(budget, names);
			w.versions(budget, versions);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void city(BudgetYear b) {
		Sheet sheet = workbook.createSheet("城市预算 City budget");
		int r = 0;
		text(sheet.createRow(r++), 0, "碳预算 Carbon budget " + b.year() + " · 版本 version " + b.version() + " · " + b.status().name(), bold);
		text(sheet.createRow(r++), 0, "来源 Source: " + b.source());
		r++;
		SheetCells.headerRow(sheet, r++, new String[] { "项目 Item", "数值 Value", "单位 Unit" }, bold);
		r = line(sheet, r, "预算总量 Total", b.total(), "tCO2", tonnes);
		r = line(sheet, r, "各单位预算之和 Σ budgets", b.allocated(), "tCO2", tonnes);
		r = line(sheet, r, "预留 Reserve", b.reserve(), "tCO2", tonnes);
		r = line(sheet, r, "重大项目池 Major-project pool", b.pool(), "tCO2", tonnes);
		r = line(sheet, r, "碳汇抵扣 Sink credit", b.sinkCredit(), "tCO2", tonnes);
		Row identity = sheet.createRow(r++);
		text(identity, 0, "恒等式 Identity: 总量 = Σ预算 + 预留 + 项目池 + 碳汇 total = Σ budgets + reserve + pool + sink credit");
		text(identity, 1, b.allocated() == null ? "未分配 not allocated"
				: b.allocated().add(b.reserve()).add(b.pool()).add(b.sinkCredit()).compareTo(b.total()) == 0 ? "成立 holds" : "不成立 does not hold");
		r++;
		r = line(sheet, r, "上年强度 Base intensity I(t−1)", b.baseIntensity(), "tCO2/10k CNY", fraction);
		r = line(sheet, r, "年度下降率 Decline rate entered", b.declineRate(), "fraction", fraction);
		r = line(sheet, r, "五年期目标 Period target cut R", b.periodTargetCut(), "fraction", fraction);
		r = line(sheet, r, "已完成 Achieved cut R_a", b.achievedCut(), "fraction", fraction);
		r = line(sheet, r, "剩余年数 Years left n_left", b.yearsLeft() == null ? null : BigDecimal.valueOf(b.yearsLeft()), "years", tonnes);
		r = line(sheet, r, "需下降率 Required cut r", b.requiredCut(), "fraction", fraction);
		r = line(sheet, r, "采用下降率 Applied rate", b.appliedRate(), "fraction", fraction);
		r = line(sheet, r, "目标强度 Target intensity I*", b.targetIntensity(), "tCO2/10k CNY", fraction);
		r = line(sheet, r, "预测 GDP Forecast GDP", b.forecastGdp(), "10k CNY", tonnes);
		r = line(sheet, r, "强度测算预算 City budget I* × GDP", b.cityBudget(), "tCO2", tonnes);
		r = line(sheet, r, "总量上限 Cap", b.totalCap(), "tCO2", tonnes);
		r = line(sheet, r, "预留比例 Reserve share", b.reserveShare(), "fraction", fraction);
		r = line(sheet, r, "可分配量 Allocatable", b.allocatable(), "tCO2", tonnes);
		Row method = sheet.createRow(r);
		text(method, 0, "分配方法 Method");
		text(method, 1, b.method() == null ? "—" : b.method().name());
		sheet.setColumnWidth(0, 60 * 256);
		sheet.setColumnWidth(1, 22 * 256);
		sheet.setColumnWidth(2, 16 * 256);
	}

	private void holders(BudgetYear b, Map<String, String> names) {
		Sheet sheet = workbook.createSheet("预算单位 Holders");
		SheetCells.headerRow(sheet, 0, new String[] { "代码 Code", "名称 Name", "类型 Kind", "上级 Parent", "原始值 Raw", "份额 Share",
				"预算 Budget (tCO2)", "已使用 Used (tCO2)", "年末预测 Forecast (tCO2)", "预警 Warning" }, bold);
		int r = 1;
		for (Holder h : b.holders()) {
			Row row = sheet.createRow(r++);
			text(row, 0, h.code());
			text(row, 1, names.getOrDefault(h.code(), ""));
			text(row, 2, h.kind().name());
			text(row, 3, h.parent() == null ? "" : h.parent());
			number(row, 4, h.raw(), tonnes);
			number(row, 5, h.share(), fraction);
			number(row, 6, h.budget(), tonnes);
			boolean none = h.used() == null && h.forecast() == null && h.warning() == null;
			if (none) {
				text(row, 7, NO_EXECUTION);
			}
			else {
				number(row, 7, h.used(), tonnes);
				number(row, 8, h.forecast(), tonnes);
				text(row, 9, h.warning() == null ? "" : h.warning());
			}
		}
		Row total = sheet.createRow(r);
		text(total, 0, "合计 Total", bold);
		number(total, 6, b.holders().stream().map(Holder::budget).reduce(BigDecimal.ZERO, BigDecimal::add), tonnes);
		int[] widths = { 12, 18, 10, 10, 18, 14, 18, 28, 20, 12 };
		for (int c = 0; c < widths.length; c++) {
			sheet.setColumnWidth(c, widths[c] * 256);
		}
	}

	private void versions(BudgetYear b, List<BudgetHistory.VersionLine> versions) {
		Sheet sheet = workbook.createSheet("版本 Versions");
		SheetCells.headerRow(sheet, 0, new String[] { "版本 Version", "状态 Status", "方法 Method", "总量 Total (tCO2)", "创建人 Created by",
				"创建时间 Created (Beijing)", "发布时间 Published (Beijing)", "步骤数 Steps" }, bold);
		int r = 1;
		for (BudgetHistory.VersionLine v : versions) {
			Row row = sheet.createRow(r++);
			number(row, 0, BigDecimal.valueOf(v.version()), tonnes);
			text(row, 1, v.status().name());
			text(row, 2, v.method() == null ? "" : v.method().name());
			number(row, 3, v.total(), tonnes);
			text(row, 4, v.createdBy());
			text(row, 5, time(v.createdAt()));
			text(row, 6, time(v.publishedAt()));
			number(row, 7, BigDecimal.valueOf(v.steps()), tonnes);
		}
		r++;
		text(sheet.createRow(r++), 0, "版本 " + b.version() + " 的审批步骤 Approval steps of version " + b.version(), bold);
		SheetCells.headerRow(sheet, r++, new String[] { "从 From", "到 To", "操作人 Actor", "角色 Role", "意见 Comment", "时间 Time (Beijing)" }, bold);
		for (BudgetVersions.Step s : b.steps()) {
			Row row = sheet.createRow(r++);
			text(row, 0, s.from().name());
			text(row, 1, s.to().name());
			text(row, 2, s.actor());
			text(row, 3, s.role().name());
			text(row, 4, s.comment() == null ? "" : s.comment());
			text(row, 5, time(s.takenAt()));
		}
		int[] widths = { 12, 24, 22, 20, 20, 22, 22, 10 };
		for (int c = 0; c < widths.length; c++) {
			sheet.setColumnWidth(c, widths[c] * 256);
		}
	}

	private int line(Sheet sheet, int r, String label, BigDecimal value, String unit, CellStyle style) {
		Row row = sheet.createRow(r);
		text(row, 0, label);
		number(row, 1, value, style);
		text(row, 2, unit);
		return r + 1;
	}

	private static String time(OffsetDateTime t) {
		return t == null ? "" : TIME.format(t);
	}

	private static void text(Row row, int column, String value) {
		row.createCell(column).setCellValue(value);
	}

	private static void text(Row row, int column, String value, CellStyle style) {
		var cell = row.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(style);
	}

	private static void number(Row row, int column, BigDecimal value, CellStyle style) {
		var cell = row.createCell(column);
		if (value == null) {
			cell.setCellValue("—");
			return;
		}
		cell.setCellValue(value.doubleValue());
		cell.setCellStyle(style);
	}
}
