package org.peakpilot.accounting.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.accounting.internal.Inventory.County;
import org.peakpilot.accounting.internal.Inventory.Figures;
import org.peakpilot.accounting.internal.Inventory.Indicator;
import org.peakpilot.accounting.internal.Inventory.Input;
import org.peakpilot.accounting.internal.Inventory.SectorFigures;

/**
 * The city inventory of a year as an Excel workbook: sectors and totals, indicators with the year's coverage,
 * enterprises, inputs. A figure withheld from the reader reads "保密 confidential", as on the page.
 */
final class InventoryWorkbook {

	static final String CONFIDENTIAL = "保密 confidential";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

	private final XSSFWorkbook workbook;
	private final CellStyle bold;
	private final CellStyle figure;
	private final CellStyle ratio;

	private InventoryWorkbook(XSSFWorkbook workbook) {
		this.workbook = workbook;
		this.bold = SheetCells.bold(workbook);
		this.figure = workbook.createCellStyle();
		figure.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00####"));
		this.ratio = workbook.createCellStyle();
		ratio.setDataFormat(workbook.createDataFormat().getFormat("0.0000"));
	}

	static byte[] write(Inventory inventory) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			InventoryWorkbook w = new InventoryWorkbook(wb);
			w.summary(inventory);
			w.enterprises(inventory);
			w.inputs(inventory);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void summary(Inventory inv) {
		Sheet sheet = workbook.createSheet("清单 Inventory");
		int r = 0;
		text(sheet.createRow(r++), 0, "城市清单 City inventory " + inv.year(), bold);
		text(sheet.createRow(r++), 0, "企业部分：当年已核查、已锁定月报的现行核算结果；其他部门：市推进办录入的统计数据。"
				+ " Enterprises: current results of the year's verified and locked monthly reports; other sectors: figures entered by the office.");
		r++;
		header(sheet.createRow(r++), "部门 Sector", "能源消费量 Energy (tce)", "控制口径 Control scope (tce)", "二氧化碳 CO2 (t)",
				"来源 Lineage");
		for (Inventory.Industry i : inv.industries()) {
			figures(sheet.createRow(r++), "企业 Enterprises · " + i.code() + " " + i.nameZh() + " " + i.nameEn(), i.figures());
		}
		Row enterprises = figures(sheet.createRow(r++), "企业合计 Enterprises total", inv.enterprises());
		enterprises.getCell(0).setCellStyle(bold);
		for (SectorFigures s : inv.sectors()) {
			Row row = sheet.createRow(r++);
			text(row, 0, s.sector().nameZh() + " " + s.sector().nameEn());
			number(row, 1, s.tce(), figure);
			number(row, 2, s.tce(), figure);
			number(row, 3, s.co2T(), figure);
			text(row, 4, source(s.energyInput()) + " | " + source(s.co2Input()));
		}
		Row total = sheet.createRow(r++);
		text(total, 0, "全市合计 City total", bold);
		amount(total, 1, inv.cityTce(), inv.enterprises().confidential());
		amount(total, 2, inv.cityControlTce(), inv.enterprises().confidential());
		amount(total, 3, inv.cityCo2T(), inv.enterprises().confidential());
		r++;
		Inventory.Coverage c = inv.coverage();
		text(sheet.createRow(r++), 0, (c.complete() ? "数据完整 Complete" : "暂定 Provisional") + ": 覆盖 covered "
				+ (c.percent() == null ? "?" : c.percent().toPlainString()) + " % (" + c.keyUnitMonthsVerified() + " / "
				+ c.keyUnitMonthsExpected() + " 重点用能单位月报 key-unit months, " + c.keyUnitsReporting() + " / " + c.keyUnits()
				+ " 重点用能单位 key units reported); 缺少部门 sectors missing: " + c.sectorsMissing() + "; 缺少数据 inputs missing: "
				+ c.inputsMissing());
		header(sheet.createRow(r++), "指标 Indicator", "规划编号 Plan item", "数值 Value", "单位 Unit", "公式 Formula");
		for (Indicator i : inv.indicators()) {
			Row row = sheet.createRow(r++);
			text(row, 0, i.kind().nameZh() + " " + i.kind().nameEn());
			text(row, 1, i.itemCode() == null ? "" : i.itemCode());
			number(row, 2, i.value(), ratio);
			text(row, 3, i.kind().unit());
			text(row, 4, (i.computed() ? i.formula() : "缺少 missing: " + i.missing().name())
					+ (i.computed() && !inv.coverage().complete() ? " · 暂定 provisional" : ""));
		}
		r++;
		Row gdp = sheet.createRow(r++);
		text(gdp, 0, "GDP (10k CNY)");
		number(gdp, 1, inv.input(Inventory.InputCode.GDP) == null ? null : inv.input(Inventory.InputCode.GDP).value(), figure);
		text(gdp, 4, source(inv.input(Inventory.InputCode.GDP)));
		Row iva = sheet.createRow(r);
		text(iva, 0, "工业增加值 Industrial value added (10k CNY)");
		Input valueAdded = inv.input(Inventory.InputCode.INDUSTRIAL_VALUE_ADDED);
		number(iva, 1, valueAdded == null ? null : valueAdded.value(), figure);
		text(iva, 4, source(valueAdded));
		widths(sheet, 56, 22, 24, 20, 90);
	}

	private void enterprises(Inventory inv) {
		Sheet sheet = workbook.createSheet("企业 Enterprises");
		header(sheet.createRow(0), "行业代码 Industry", "行业 Industry name", "县代码 County", "县 County name", "月报数 Reports",
				"企业数 Enterprises", "能源 Energy (tce)", "控制口径 Control scope (tce)", "二氧化碳 CO2 (t)");
		int r = 1;
		for (Inventory.Industry i : inv.industries()) {
			for (County c : i.counties()) {
				Row row = sheet.createRow(r++);
				text(row, 0, i.code());
				text(row, 1, i.nameZh() + " " + i.nameEn());
				text(row, 2, c.code());
				text(row, 3, c.name());
				row.createCell(4).setCellValue(c.figures().reports());
				row.createCell(5).setCellValue(c.figures().enterprises());
				amount(row, 6, c.figures().tce(), c.figures().confidential());
				amount(row, 7, c.figures().controlTce(), c.figures().confidential());
				amount(row, 8, c.figures().co2T(), c.figures().confidential());
			}
		}
		sheet.createFreezePane(0, 1);
		widths(sheet, 14, 40, 12, 16, 12, 14, 20, 24, 20);
	}

	private void inputs(Inventory inv) {
		Sheet sheet = workbook.createSheet("输入 Inputs");
		header(sheet.createRow(0), "代码 Code", "名称 Name", "数值 Value", "单位 Unit", "来源文件 Source document", "备注 Note",
				"录入人 Entered by", "录入时间 Entered at");
		int r = 1;
		for (Input i : inv.inputs()) {
			Row row = sheet.createRow(r++);
			text(row, 0, i.code().name());
			text(row, 1, i.code().nameZh() + " " + i.code().nameEn());
			number(row, 2, i.value(), figure);
			text(row, 3, i.unit());
			text(row, 4, i.sourceDocument());
			text(row, 5, i.note() == null ? "" : i.note());
			text(row, 6, i.enteredBy());
			text(row, 7, TIME.format(i.enteredAt()));
		}
		sheet.createFreezePane(0, 1);
		widths(sheet, 24, 44, 18, 10, 50, 30, 16, 18);
	}

	private Row figures(Row row, String label, Figures f) {
		text(row, 0, label);
		amount(row, 1, f.tce(), f.confidential());
		amount(row, 2, f.controlTce(), f.confidential());
		amount(row, 3, f.co2T(), f.confidential());
		text(row, 4, f.reports() + " 份月报 reports, " + f.enterprises() + " 家企业 enterprises");
		return row;
	}

	private void amount(Row row, int column, BigDecimal value, boolean confidential) {
		if (confidential) {
			text(row, column, CONFIDENTIAL);
		}
		else {
			number(row, column, value, figure);
		}
	}

	private void header(Row row, String... titles) {
		for (int c = 0; c < titles.length; c++) {
			text(row, c, titles[c], bold);
		}
	}

	private static String source(Input input) {
		return input == null ? "未录入 not entered" : input.sourceDocument();
	}

	private static void text(Row row, int column, String value) {
		row.createCell(column).setCellValue(value);
	}

	private static void text(Row row, int column, String value, CellStyle style) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(style);
	}

	private static void number(Row row, int column, BigDecimal value, CellStyle style) {
		Cell cell = row.createCell(column);
		if (value != null) {
			cell.setCellValue(value.doubleValue());
			cell.setCellStyle(style);
		}
	}

	private static void widths(Sheet sheet, int... widths) {
		for (int c = 0; c < widths.length; c++) {
			sheet.setColumnWidth(c, widths[c] * 256);
		}
	}
}
