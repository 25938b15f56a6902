package org.peakpilot.monitoring.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Owner;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meters by Excel (the template and the all-or-nothing import through the same rules as the form and the API)
 * and the export of an enterprise's daily energy with the factors that converted it.
 */
@Component
public class MonitoringWorkbooks {

	private static final Logger log = LoggerFactory.getLogger(MonitoringWorkbooks.class);
	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private final Meters meters;
	private final MonitoringViews views;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final JdbcClient jdbc;

	MonitoringWorkbooks(Meters meters, MonitoringViews views, Registry registry, EmissionsAccounting accounting, JdbcClient jdbc) {
		this.meters = meters;
		this.views = views;
		this.registry = registry;
		this.accounting = accounting;
		this.jdbc = jdbc;
	}

	public byte[] meterTemplate() {
		List<MeterWorkbook.Energy> energies = new ArrayList<>();
		energies.add(new MeterWorkbook.Energy(EnergyConversions.ELECTRICITY, "电力 Electricity", "kWh, MWh, 万kWh"));
		energies.add(new MeterWorkbook.Energy(EnergyConversions.HEAT, "热力 Heat", "GJ, MJ"));
		for (Factor f : accounting.factors(new EmissionsAccounting.FactorQuery(Factor.Kind.FUEL, null, false))) {
			String units = switch (f.activityUnit() == null ? "" : f.activityUnit()) {
				case "t" -> "t, kg";
				case "10^4 Nm3" -> "10^4 Nm3, Nm3, m3";
				default -> f.activityUnit();
			};
			energies.add(new MeterWorkbook.Energy(f.code(), f.nameZh() + " " + f.nameEn(), units));
		}
		return MeterWorkbook.template(energies);
	}

	/** Registers every meter of the sheet, or none: each row through the meter rules, codes unique in the file and the enterprise. */
	@Transactional
	public MeterImport importMeters(long enterpriseId, byte[] bytes) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Meters.requireManageMeters(new Owner(e.countyCode(), e.parkId(), e.id()));
		List<MeterWorkbook.Line> lines = MeterWorkbook.read(bytes);
		Set<String> taken = new HashSet<>(jdbc.sql("SELECT code FROM monitoring_meter WHERE enterprise_id = :e").param("e", enterpriseId)
			.query(String.class).list());
		Map<String, Integer> inFile = new HashMap<>();
		List<InputError> errors = new ArrayList<>();
		for (MeterWorkbook.Line line : lines) {
			// the cells that could not be read, then the meter rules on the rest (a column is reported once)
			errors.addAll(line.errors());
			Set<String> reported = new HashSet<>();
			line.errors().forEach(err -> reported.add(err.field()));
			try {
				meters.validate(line.form(), true);
			}
			catch (InvalidInputException ex) {
				for (InputError err : ex.errors()) {
					int c = MeterWorkbook.columnOf(err.field());
					String column = c < 0 ? err.field() : MeterWorkbook.column(c);
					if (reported.add(column)) {
						errors.add(new InputError(line.row(), column, err.message()));
					}
				}
			}
			if (line.form().code() == null) {
				continue;
			}
			String code = line.form().code().strip();
			Integer earlier = inFile.putIfAbsent(code, line.row());
			String codeColumn = MeterWorkbook.column(MeterWorkbook.CODE);
			if (earlier != null && reported.add(codeColumn)) {
				errors.add(new InputError(line.row(), codeColumn, "meter code '" + code + "' already appears in row " + earlier));
			}
			else if (taken.contains(code) && reported.add(codeColumn)) {
				errors.add(new InputError(line.row(), codeColumn, "meter code '" + code + "' is already used by this enterprise"));
			}
		}
		if (!errors.isEmpty()) {
			log.warn("Meter import for enterprise {} rejected: {} errors in {} rows", enterpriseId, errors.size(), lines.size());
			throw new InvalidInputException(errors);
		}
		List<Meter> registered = new ArrayList<>();
		for (MeterWorkbook.Line line : lines) {
			registered.add(meters.register(enterpriseId, line.form()));
		}
		log.info("Imported {} meters for enterprise {}", registered.size(), enterpriseId);
		return new MeterImport(lines.size(), registered);
	}

	/** The enterprise's energy per Beijing day of the span holding {@code date} (a month or a year). */
	public byte[] dailyEnergy(long enterpriseId, Range range, LocalDate date) {
		if (range != Range.MONTH && range != Range.YEAR) {
			throw new InvalidInputException("range", "MONTH or YEAR");
		}
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		EnterpriseSeries series = views.enterpriseSeries(enterpriseId, range, date, Grain.DAY);
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(wb);
			Sheet sheet = wb.createSheet("日能耗 Daily energy");
			Row title = sheet.createRow(0);
			title.createCell(0).setCellValue(e.name() + " · " + e.uscc() + " · " + range.first(date) + " – " + range.end(date).minusDays(1));
			String[] headers = { "日期 Date", "能源 Energy", "单位 Unit", "数量 Quantity", "折标煤 tce", "排放 tCO2", "读数 Readings",
					"剔除 Excluded" };
			SheetCells.headerRow(sheet, 1, headers, bold);
			int r = 2;
			for (java.time.Instant start : series.periods()) {
				String day = start.atZone(ReadingIngest.BEIJING).toLocalDate().format(DAY);
				for (EnergyLine line : series.lines()) {
					MeterPoint p = line.points().stream().filter(x -> x.start().equals(start)).findFirst().orElse(null);
					if (p == null) {
						continue;
					}
					Row row = sheet.createRow(r++);
					row.createCell(0).setCellValue(day);
					row.createCell(1).setCellValue(line.energyCode());
					row.createCell(2).setCellValue(line.unit());
					number(row, 3, p.quantity());
					number(row, 4, p.tce());
					number(row, 5, p.co2T());
					row.createCell(6).setCellValue(p.readings());
					row.createCell(7).setCellValue(p.excluded());
				}
			}
			r++;
			Row fh = sheet.createRow(r++);
			String[] factorHeaders = { "换算 Conversion", "年份 Year", "tce/单位 per unit", "tCO2/单位 per unit", "因子 Factor",
					"版本 Version", "来源 Source", "标记 Tag" };
			for (int i = 0; i < factorHeaders.length; i++) {
				Cell c = fh.createCell(i);
				c.setCellValue(factorHeaders[i]);
				c.setCellStyle(bold);
			}
			for (FactorConversion c : series.conversions()) {
				for (var f : c.factors()) {
					Row row = sheet.createRow(r++);
					row.createCell(0).setCellValue(c.energyCode() + " " + c.unit());
					row.createCell(1).setCellValue(c.year());
					number(row, 2, c.tcePerUnit());
					number(row, 3, c.co2TPerUnit());
					row.createCell(4).setCellValue(f.code());
					row.createCell(5).setCellValue(f.version());
					row.createCell(6).setCellValue(f.source());
					row.createCell(7).setCellValue(f.tag().name());
				}
			}
			int[] widths = { 14, 16, 10, 16, 14, 14, 10, 10 };
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, widths[i] * 256);
			}
			sheet.createFreezePane(0, 2);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void number(Row row, int column, BigDecimal value) {
		if (value != null) {
			row.createCell(column).setCellValue(value.doubleValue());
		}
	}
}
