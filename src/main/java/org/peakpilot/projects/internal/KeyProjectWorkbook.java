package org.peakpilot.projects.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Uscc;
import org.springframework.stereotype.Component;

/**
 * The key-project library's Excel workbooks (ADR 0018): the import template (bilingual headers, one project per row,
 * the allowed domains, counties and stages listed to the right and offered as drop-downs), its all-or-nothing import
 * (every wrong cell named by row and column, nothing stored while one is wrong; at most 2 MiB and 1,000 projects),
 * and the export of a list.
 */
@Component
public class KeyProjectWorkbook {

	static final int DOMAIN = 0;
	static final int COUNTY = 1;
	static final int OWNER = 2;
	static final int NAME = 3;
	static final int INVESTMENT = 4;
	static final int START = 5;
	static final int END = 6;
	static final int STAGE = 7;
	static final int TCE = 8;
	static final int CO2 = 9;
	static final int METHOD = 10;
	static final int COMPLETED = 11;
	public static final String[] HEADERS = { "领域 Domain", "区县 County", "业主 Owner", "项目名称 Name", "总投资（万元）Investment (10k CNY)",
			"开工年份 Start year", "完工年份 End year", "阶段 Stage", "预计年节能量（吨标准煤）Expected saving (tce/a)",
			"预计年减碳量（吨二氧化碳）Expected CO2 reduction (t/a)", "测算方法 Method of estimate", "已完成投资（万元）Investment completed (10k CNY)" };
	/** The input's field names (as {@link KeyProjects#validate} reports them), by column. */
	static final String[] FIELDS = { "domain_no", "county_code", "owner", "name", "investment_10k_cny", "start_year", "end_year", "stage",
			"expected_tce", "expected_co2_t", "estimate_method", "investment_completed_10k_cny" };
	static final int LEGEND = HEADERS.length + 1;
	public static final long MAX_BYTES = 2L * 1024 * 1024;
	public static final int MAX_ROWS = 1_000;

	private final KeyProjects projects;
	private final Registry registry;

	KeyProjectWorkbook(KeyProjects projects, Registry registry) {
		this.projects = projects;
		this.registry = registry;
	}

	/** The empty template with the allowed values. */
	public byte[] template() {
		List<PlanModel.ProjectDomain> domains = projects.domains();
		List<RegistryModel.Region> counties = registry.counties();
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("重点项目 Key projects");
			CellStyle bold = SheetCells.bold(wb);
			Row header = SheetCells.headerRow(sheet, 0, HEADERS, bold);
			String[] legend = { "领域 Domains", "区县 Counties", "阶段 Stages", "说明 Notes" };
			for (int i = 0; i < legend.length; i++) {
				Cell c = header.createCell(LEGEND + i);
				c.setCellValue(legend[i]);
				c.setCellStyle(bold);
			}
			String[] notes = { "每行一个项目。One project per row.",
					"领域：填 1–" + domains.size() + " 或领域名称。Domain: its number or name.",
					"区县：填行政区划代码或名称。County: its code or Chinese name.",
					"业主：登记企业的统一社会信用代码，或业主名称。Owner: a registered enterprise's USCC, or the owner's name.",
					"阶段：储备、在建、建成、投运。Stage: 储备 / 在建 / 建成 / 投运 (or RESERVE, UNDER_CONSTRUCTION, COMPLETED, IN_OPERATION).",
					"填写预计节能减碳量时须写明测算方法。An expected saving needs its method of estimate.",
					"任何一行有误则整个文件不导入，并列出所有错误的行和列。If any row is wrong, nothing is imported and every error is listed.",
					"至多 " + MAX_ROWS + " 行、2 MiB。At most " + MAX_ROWS + " rows and 2 MiB. 右侧列表导入时忽略。The lists on the right are ignored." };
			KeyProjectStage[] stages = KeyProjectStage.values();
			int rows = Math.max(Math.max(domains.size(), counties.size()), notes.length);
			for (int i = 0; i < rows; i++) {
				Row row = sheet.createRow(i + 1);
				if (i < domains.size()) {
					row.createCell(LEGEND).setCellValue(domains.get(i).no() + " " + domains.get(i).nameZh());
				}
				if (i < counties.size()) {
					row.createCell(LEGEND + 1).setCellValue(counties.get(i).code() + " " + counties.get(i).nameZh());
				}
				if (i < stages.length) {
					row.createCell(LEGEND + 2).setCellValue(stages[i].zh());
				}
				if (i < notes.length) {
					row.createCell(LEGEND + 3).setCellValue(notes[i]);
				}
			}
			sheet.createFreezePane(0, 1);
			int[] widths = { 14, 14, 28, 36, 18, 12, 12, 10, 20, 22, 36, 18 };
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			sheet.setColumnWidth(LEGEND, 30 * 256);
			sheet.setColumnWidth(LEGEND + 1, 20 * 256);
			sheet.setColumnWidth(LEGEND + 3, 90 * 256);
			DataValidationHelper helper = sheet.getDataValidationHelper();
			DataValidation v = helper.createValidation(helper.createExplicitListConstraint(
					java.util.Arrays.stream(stages).map(KeyProjectStage::zh).toArray(String[]::new)), new CellRangeAddressList(1, MAX_ROWS, STAGE, STAGE));
			v.setShowErrorBox(true);
			sheet.addValidationData(v);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Imports a filled-in template: every row checked as the form checks one project (and the caller's scope: a county
	 * officer imports its county's projects only); any error and nothing is stored, each error naming its row and column.
	 * Returns the new projects' ids.
	 */
	public List<Long> importFile(byte[] bytes) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(KeyProjects.EDITORS);
		List<KeyProjects.Input> inputs = new ArrayList<>();
		List<InputError> errors = new ArrayList<>();
		Map<String, Long> byUscc = new HashMap<>();
		registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> byUscc.put(e.uscc(), e.id()));
		Map<String, String> countyByName = new HashMap<>();
		registry.counties().forEach(c -> countyByName.put(c.nameZh(), c.code()));
		List<PlanModel.ProjectDomain> domains = projects.domains();
		SheetCells.readFirstSheet(bytes, MAX_BYTES, HEADERS, sheet -> {
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || empty(row)) {
					continue;
				}
				if (inputs.size() == MAX_ROWS) {
					throw new InvalidInputException("file", "at most " + MAX_ROWS + " projects per file");
				}
				int rowNo = r + 1;
				List<InputError> rowErrors = new ArrayList<>();
				KeyProjects.Input in = parse(row, rowNo, rowErrors, byUscc, countyByName, domains);
				List<InputError> fieldErrors = new ArrayList<>();
				KeyProjects.Input v = projects.validate(in, fieldErrors, "");
				for (InputError e : fieldErrors) {
					int col = columnOf(e.field());
					String column = col < 0 ? e.field() : SheetCells.column(HEADERS, col);
					if (rowErrors.stream().noneMatch(x -> x.field().equals(column))) {
						rowErrors.add(new InputError(rowNo, column, e.message()));
					}
				}
				if (v != null && v.countyCode() != null && rowErrors.isEmpty() && !scope.canManage(Owner.county(v.countyCode()))) {
					rowErrors.add(new InputError(rowNo, SheetCells.column(HEADERS, COUNTY), "is not your county: you may import projects of your county only"));
				}
				errors.addAll(rowErrors);
				inputs.add(v);
			}
			return null;
		});
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (inputs.isEmpty()) {
			throw new InvalidInputException("file", "the sheet holds no project: fill in one project per row below the header");
		}
		return projects.createAll(inputs);
	}

	private static int columnOf(String field) {
		if ("owner_enterprise_id".equals(field) || "owner_name".equals(field)) {
			return OWNER;
		}
		for (int i = 0; i < FIELDS.length; i++) {
			if (FIELDS[i].equals(field)) {
				return i;
			}
		}
		return -1;
	}

	private static KeyProjects.Input parse(Row row, int rowNo, List<InputError> errors, Map<String, Long> byUscc, Map<String, String> countyByName,
			List<PlanModel.ProjectDomain> domains) {
		String domainText = SheetCells.text(row.getCell(DOMAIN));
		Integer domain = null;
		if (!domainText.isEmpty()) {
			for (PlanModel.ProjectDomain d : domains) {
				if (domainText.equals(String.valueOf(d.no())) || domainText.equals(d.nameZh()) || domainText.equalsIgnoreCase(d.nameEn())
						|| domainText.equals(d.no() + " " + d.nameZh())) {
					domain = d.no();
				}
			}
			if (domain == null) {
				errors.add(new InputError(rowNo, SheetCells.column(HEADERS, DOMAIN), "'" + shorten(domainText) + "' is not a domain of the plan (1–" + domains.size() + " or its name)"));
			}
		}
		String countyText = SheetCells.text(row.getCell(COUNTY));
		String county = countyByName.getOrDefault(countyText, countyText.isEmpty() ? null : countyText.split(" ")[0]);
		String ownerText = SheetCells.text(row.getCell(OWNER));
		Long ownerId = null;
		String ownerName = ownerText.isEmpty() ? null : ownerText;
		if (ownerText.matches(Uscc.PATTERN)) {
			ownerId = byUscc.get(ownerText);
			ownerName = null;
			if (ownerId == null) {
				errors.add(new InputError(rowNo, SheetCells.column(HEADERS, OWNER), "no enterprise you may see has the credit code " + ownerText));
			}
		}
		String stageText = SheetCells.text(row.getCell(STAGE));
		KeyProjectStage stage = KeyProjectStage.parse(stageText);
		if (stage == null && !stageText.isEmpty()) {
			errors.add(new InputError(rowNo, SheetCells.column(HEADERS, STAGE), "'" + shorten(stageText) + "' is not a stage: 储备, 在建, 建成 or 投运"));
		}
		return new KeyProjects.Input(domain, county, ownerId, ownerName, nullIfEmpty(SheetCells.text(row.getCell(NAME))),
				number(row, INVESTMENT, rowNo, errors), number(row, COMPLETED, rowNo, errors), whole(row, START, rowNo, errors), whole(row, END, rowNo, errors),
				stage, number(row, TCE, rowNo, errors), number(row, CO2, rowNo, errors), nullIfEmpty(SheetCells.text(row.getCell(METHOD))));
	}

	private static boolean empty(Row row) {
		for (int c = 0; c < HEADERS.length; c++) {
			if (!SheetCells.text(row.getCell(c)).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static BigDecimal number(Row row, int column, int rowNo, List<InputError> errors) {
		Cell cell = row.getCell(column);
		String text = SheetCells.text(cell);
		if (text.isEmpty()) {
			return null;
		}
		if (SheetCells.valueType(cell) == CellType.NUMERIC) {
			return new BigDecimal(text);
		}
		String t = text.replace(",", "").replace("，", "");
		if (t.length() > 40) {
			errors.add(new InputError(rowNo, SheetCells.column(HEADERS, column), "'" + shorten(text) + "' is not a number"));
			return null;
		}
		try {
			BigDecimal v = new BigDecimal(t);
			if (Math.abs((long) v.scale()) > 40 || v.precision() - v.scale() > 40) {
				errors.add(new InputError(rowNo, SheetCells.column(HEADERS, column), "'" + shorten(text) + "' is out of range"));
				return null;
			}
			return v;
		}
		catch (NumberFormatException ex) {
			errors.add(new InputError(rowNo, SheetCells.column(HEADERS, column), "'" + shorten(text) + "' is not a number"));
			return null;
		}
	}

	private static Integer whole(Row row, int column, int rowNo, List<InputError> errors) {
		BigDecimal v = number(row, column, rowNo, errors);
		if (v == null) {
			return null;
		}
		if (v.stripTrailingZeros().scale() > 0 || v.abs().compareTo(new BigDecimal(100_000)) > 0) {
			errors.add(new InputError(rowNo, SheetCells.column(HEADERS, column), "must be a year such as 2027, got " + v.toPlainString()));
			return null;
		}
		return v.intValue();
	}

	private static String nullIfEmpty(String s) {
		return s == null || s.isEmpty() ? null : s;
	}

	private static String shorten(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}

	/** A list of projects as a workbook: every field, figures as stored, bilingual headers. */
	public static byte[] export(List<KeyProjects.Project> list) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("重点项目 Key projects");
			CellStyle bold = SheetCells.bold(wb);
			String[] headers = { "编号 Id", "领域 Domain", "区县 County", "业主 Owner", "项目名称 Name", "总投资（万元）Investment (10k CNY)",
					"已完成投资（万元）Completed (10k CNY)", "开工年份 Start", "完工年份 End", "阶段 Stage", "最近进度 Progress on",
					"预计年节能量（tce）Expected tce/a", "预计年减碳量（tCO2）Expected tCO2/a", "测算方法 Method", "实际年节能量（tce）Realised tce/a",
					"实际年减碳量（tCO2）Realised tCO2/a", "实际来源 Realised from", "滞后 Late", "不达预期 Under-delivering", "准入项目 Admission id" };
			SheetCells.headerRow(sheet, 0, headers, bold);
			int r = 1;
			for (KeyProjects.Project p : list) {
				Row row = sheet.createRow(r++);
				int c = 0;
				row.createCell(c++).setCellValue(p.id());
				row.createCell(c++).setCellValue(p.domainNo() + " " + p.domainZh());
				row.createCell(c++).setCellValue(p.countyCode() + " " + p.countyName());
				row.createCell(c++).setCellValue(p.ownerName());
				row.createCell(c++).setCellValue(p.name());
				num(row, c++, p.investment10kCny());
				num(row, c++, p.investmentCompleted10kCny());
				row.createCell(c++).setCellValue(p.startYear());
				row.createCell(c++).setCellValue(p.endYear());
				row.createCell(c++).setCellValue(p.stage().zh() + " " + p.stage().name());
				row.createCell(c++).setCellValue(p.progressOn().toString());
				num(row, c++, p.expectedTce());
				num(row, c++, p.expectedCo2T());
				row.createCell(c++).setCellValue(p.estimateMethod() == null ? "" : p.estimateMethod());
				num(row, c++, p.realised() == null ? null : p.realised().realisedTce());
				num(row, c++, p.realised() == null ? null : p.realised().realisedCo2T());
				row.createCell(c++).setCellValue(p.realised() == null ? "" : p.realised().source().name() + " " + p.realised().year());
				row.createCell(c++).setCellValue(p.late().isEmpty() ? "" : p.late().toString());
				row.createCell(c++).setCellValue(p.underDelivering() ? "是 yes" : "");
				if (p.admissionProjectId() != null) {
					row.createCell(c).setCellValue(p.admissionProjectId());
				}
			}
			sheet.createFreezePane(0, 1);
			for (int c = 0; c < headers.length; c++) {
				sheet.setColumnWidth(c, (c == 4 || c == 13 ? 36 : 16) * 256);
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void num(Row row, int c, BigDecimal v) {
		if (v != null) {
			row.createCell(c).setCellValue(v.doubleValue());
		}
	}
}
