package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.SheetCells;
import org.peakpilot.shared.CsvTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hourly generation and interchange data in: pushed as JSON (bounded batch), uploaded as CSV or Excel (.xlsx) with
 * the columns {@link #HEADERS}. A row is either generation ({@code technology} and {@code mwh}) or interchange
 * ({@code counterpart} and {@code import_mwh}/{@code export_mwh}). Everything is validated before anything is
 * written, every error names its row (1-based: the batch's element, or the file's line as a spreadsheet shows it)
 * and field; one error and nothing is written. A counterpart zone not yet known is added as kind EXTERNAL. An
 * uploaded zone-hour replaces that zone-hour's bundled made-up rows (uploaded data win) and the same key's earlier
 * upload. The affected zones' hours are then recomputed.
 */
@Component
public class GenerationIntake {

	public static final String[] HEADERS = { "zone", "hour", "technology", "mwh", "counterpart", "import_mwh", "export_mwh" };
	public static final int MAX_BATCH = 10_000;
	public static final int MAX_FILE_ROWS = 100_000;
	public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
	static final BigDecimal MAX_MWH = new BigDecimal("100000000");
	static final LocalDate EARLIEST = LocalDate.of(2015, 1, 1);

	/** One input row as text (from a file or a JSON element). */
	public record RawRow(int row, String zone, String hour, String technology, String mwh, String counterpart, String importMwh,
			String exportMwh) {
	}

	/** What an intake wrote and recomputed. */
	public record IntakeReport(int generationRows, int interchangeRows, List<String> zones, Instant firstHour, Instant lastHour,
			int intensityRowsWritten, long recomputeMillis) {
	}

	record Gen(String zone, Instant hour, PowerTechnology technology, BigDecimal mwh) {
	}

	record Flow(String zone, Instant hour, String counterpart, BigDecimal imp, BigDecimal exp) {
	}

	private final JdbcClient jdbc;
	private final Zones zones;
	private final IntensityComputation computation;
	private final Clock clock;

	GenerationIntake(JdbcClient jdbc, Zones zones, IntensityComputation computation, Clock clock) {
		this.jdbc = jdbc;
		this.zones = zones;
		this.computation = computation;
		this.clock = clock;
	}

	/** A JSON batch (at most {@value #MAX_BATCH} rows). */
	@Transactional
	public IntakeReport push(List<RawRow> rows) {
		if (rows == null || rows.isEmpty()) {
			throw new InvalidInputException("rows", "at least one row");
		}
		if (rows.size() > MAX_BATCH) {
			throw new InvalidInputException("rows", rows.size() + " rows; at most " + MAX_BATCH + " per batch");
		}
		return store(rows);
	}

	/** An uploaded file: .xlsx (by its name or its ZIP signature) or CSV (UTF-8). */
	@Transactional
	public IntakeReport upload(String filename, byte[] bytes) {
		SheetCells.checkSize(bytes, MAX_FILE_BYTES);
		boolean excel = (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx"))
				|| (bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K');
		List<RawRow> rows = excel ? SheetCells.readFirstSheet(bytes, MAX_FILE_BYTES, HEADERS, sheet -> {
			List<RawRow> out = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null) {
					continue;
				}
				String[] c = new String[HEADERS.length];
				boolean blank = true;
				for (int i = 0; i < c.length; i++) {
					c[i] = SheetCells.text(row.getCell(i));
					blank &= c[i].isEmpty();
				}
				if (!blank) {
					out.add(new RawRow(r + 1, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
				}
				if (out.size() > MAX_FILE_ROWS) {
					throw new InvalidInputException("file", "more than " + MAX_FILE_ROWS + " rows; split the file");
				}
			}
			return out;
		}) : csv(bytes);
		if (rows.isEmpty()) {
			throw new InvalidInputException("file", "the file has no data rows");
		}
		return store(rows);
	}

	private static List<RawRow> csv(byte[] bytes) {
		CsvTable t;
		try {
			t = CsvTable.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("file", "the file is neither an Excel workbook (.xlsx) nor a readable CSV");
		}
		List<InputError> errors = new ArrayList<>();
		for (int i = 0; i < HEADERS.length; i++) {
			String h = i < t.header().size() ? t.header().get(i).strip() : "";
			if (!HEADERS[i].equals(h)) {
				errors.add(new InputError(1, HEADERS[i], "expected the header '" + HEADERS[i] + "' in column " + (i + 1) + ", found '" + h + "'"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (t.rows().size() > MAX_FILE_ROWS) {
			throw new InvalidInputException("file", t.rows().size() + " rows; at most " + MAX_FILE_ROWS + " per file");
		}
		return t.rows().stream().map(r -> new RawRow(r.line(), r.get("zone"), r.get("hour"), r.get("technology"), r.get("mwh"),
				r.get("counterpart"), r.get("import_mwh"), r.get("export_mwh"))).toList();
	}

	private IntakeReport store(List<RawRow> rows) {
		Map<String, Zones.Zone> known = new HashMap<>();
		zones.all().forEach(z -> known.put(z.code(), z));
		Instant latest = LocalDate.now(clock.withZone(IntensityComputation.BEIJING)).plusDays(2).atStartOfDay(IntensityComputation.BEIJING).toInstant();
		Instant earliest = EARLIEST.atStartOfDay(IntensityComputation.BEIJING).toInstant();
		List<InputError> errors = new ArrayList<>();
		List<Gen> gens = new ArrayList<>();
		List<Flow> flows = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		Set<String> newZones = new HashSet<>();
		for (RawRow r : rows) {
			int before = errors.size();
			int row = r.row();
			String zone = text(r.zone());
			if (zone.isEmpty()) {
				errors.add(new InputError(row, "zone", "empty; a zone code such as SICHUAN or 511111"));
			}
			else if (!known.containsKey(zone)) {
				errors.add(new InputError(row, "zone", "unknown zone '" + clip(zone) + "'"));
			}
			Instant hour = null;
			String h = text(r.hour());
			try {
				OffsetDateTime t = OffsetDateTime.parse(h);
				hour = t.toInstant();
				if (t.getMinute() != 0 || t.getSecond() != 0 || t.getNano() != 0 || hour.truncatedTo(ChronoUnit.HOURS).compareTo(hour) != 0) {
					errors.add(new InputError(row, "hour", "'" + clip(h) + "' is not the start of an hour"));
				}
				else if (hour.isBefore(earliest) || !hour.isBefore(latest)) {
					errors.add(new InputError(row, "hour", "'" + clip(h) + "' is outside 2015-01-01 to tomorrow (Beijing time)"));
				}
			}
			catch (DateTimeParseException ex) {
				errors.add(new InputError(row, "hour", "'" + clip(h) + "' is not an ISO time with offset such as 2024-01-01T08:00+08:00"));
			}
			String tech = text(r.technology());
			String counterpart = text(r.counterpart());
			boolean isGen = !tech.isEmpty() || !text(r.mwh()).isEmpty();
			boolean isFlow = !counterpart.isEmpty() || !text(r.importMwh()).isEmpty() || !text(r.exportMwh()).isEmpty();
			if (isGen == isFlow) {
				errors.add(new InputError(row, isGen ? "counterpart" : "technology",
						"a row is either generation (technology, mwh) or interchange (counterpart, import_mwh, export_mwh), not both or neither"));
				continue;
			}
			if (isGen) {
				var t = PowerTechnology.parse(tech);
				if (t.isEmpty()) {
					errors.add(new InputError(row, "technology", "'" + clip(tech) + "' is not one of " + java.util.Arrays.toString(PowerTechnology.values())));
				}
				BigDecimal mwh = amount(row, "mwh", r.mwh(), true, errors);
				if (errors.size() == before && !keys.add(zone + "|" + hour + "|" + t.get())) {
					errors.add(new InputError(row, "technology", "zone " + zone + ", hour " + h + ", " + t.get() + " appears twice"));
				}
				if (errors.size() == before) {
					gens.add(new Gen(zone, hour, t.get(), mwh));
				}
			}
			else {
				if (!counterpart.matches("[A-Z0-9-]{2,32}")) {
					errors.add(new InputError(row, "counterpart", "'" + clip(counterpart) + "' is not a zone code (2–32 capital letters, digits, -)"));
				}
				else if (counterpart.equals(zone)) {
					errors.add(new InputError(row, "counterpart", "a zone does not trade with itself"));
				}
				BigDecimal imp = amount(row, "import_mwh", r.importMwh(), false, errors);
				BigDecimal exp = amount(row, "export_mwh", r.exportMwh(), false, errors);
				if (errors.size() == before && !keys.add(zone + "|" + hour + "|>" + counterpart)) {
					errors.add(new InputError(row, "counterpart", "zone " + zone + ", hour " + h + ", counterpart " + counterpart + " appears twice"));
				}
				if (errors.size() == before) {
					flows.add(new Flow(zone, hour, counterpart, imp, exp));
					if (!known.containsKey(counterpart)) {
						newZones.add(counterpart);
					}
				}
			}
			if (errors.size() >= 100) {
				errors.add(new InputError(null, "file", "stopped after 100 errors"));
				break;
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		newZones.forEach(z -> zones.upsert(new Zones.Zone(z, z, z, "EXTERNAL", null)));
		String by = AccessScope.current().actor();
		String now = clock.instant().toString();
		// uploaded zone-hours replace the bundled made-up rows of the same zone-hour
		Set<String> zoneHours = new HashSet<>();
		gens.forEach(g -> zoneHours.add(g.zone() + "\t" + g.hour()));
		flows.forEach(f -> zoneHours.add(f.zone() + "\t" + f.hour()));
		jdbc.sql("CREATE TEMP TABLE power_upload_hours (zone_code varchar(32), hour_start timestamptz) ON COMMIT DROP").update();
		computation.copy("COPY power_upload_hours FROM STDIN", String.join("\n", zoneHours) + "\n");
		jdbc.sql("DELETE FROM power_generation_hour g USING power_upload_hours u WHERE g.zone_code = u.zone_code AND g.hour_start = u.hour_start AND g.synthetic")
			.update();
		jdbc.sql("DELETE FROM power_interchange_hour g USING power_upload_hours u WHERE g.zone_code = u.zone_code AND g.hour_start = u.hour_start AND g.synthetic")
			.update();
		StringBuilder g1 = new StringBuilder();
		for (Gen g : gens) {
			g1.append(g.zone()).append('\t').append(g.hour()).append('\t').append(g.technology().name()).append('\t')
				.append(g.mwh().toPlainString()).append("\tf\t").append(now).append('\t').append(copyText(by)).append('\n');
		}
		StringBuilder f1 = new StringBuilder();
		for (Flow f : flows) {
			f1.append(f.zone()).append('\t').append(f.hour()).append('\t').append(f.counterpart()).append('\t').append(f.imp().toPlainString())
				.append('\t').append(f.exp().toPlainString()).append("\tf\t").append(now).append('\t').append(copyText(by)).append('\n');
		}
		jdbc.sql("CREATE TEMP TABLE power_upload_generation (LIKE power_generation_hour) ON COMMIT DROP").update();
		jdbc.sql("CREATE TEMP TABLE power_upload_interchange (LIKE power_interchange_hour) ON COMMIT DROP").update();
		computation.copy("COPY power_upload_generation (zone_code, hour_start, technology, mwh, synthetic, loaded_at, loaded_by) FROM STDIN", g1);
		computation.copy("""
				COPY power_upload_interchange (zone_code, hour_start, counterpart_code, import_mwh, export_mwh, synthetic, loaded_at, loaded_by)
				FROM STDIN""", f1);
		jdbc.sql("""
				INSERT INTO power_generation_hour SELECT * FROM power_upload_generation
				ON CONFLICT (zone_code, hour_start, technology) DO UPDATE SET mwh = excluded.mwh, synthetic = false,
				  loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by""").update();
		jdbc.sql("""
				INSERT INTO power_interchange_hour SELECT * FROM power_upload_interchange
				ON CONFLICT (zone_code, hour_start, counterpart_code) DO UPDATE SET import_mwh = excluded.import_mwh,
				  export_mwh = excluded.export_mwh, synthetic = false, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by""").update();
		// recompute the touched zones over the touched span (a grid zone's counties follow)
		Instant first = null;
		Instant last = null;
		Set<String> touched = new java.util.TreeSet<>();
		for (Gen g : gens) {
			first = first == null || g.hour().isBefore(first) ? g.hour() : first;
			last = last == null || g.hour().isAfter(last) ? g.hour() : last;
			touched.add(g.zone());
		}
		for (Flow f : flows) {
			first = first == null || f.hour().isBefore(first) ? f.hour() : first;
			last = last == null || f.hour().isAfter(last) ? f.hour() : last;
			touched.add(f.zone());
		}
		int written = 0;
		long millis = 0;
		List<String> ordered = new ArrayList<>(touched);
		ordered.sort(java.util.Comparator.comparing(z -> known.get(z).kind().equals("GRID") ? 0 : 1));
		Set<String> done = new HashSet<>();
		for (String z : ordered) {
			if (done.contains(z)) {
				continue;
			}
			// whole months, so that the modelled fill of the months touched follows the new data
			var report = computation.recompute(z, monthStart(first), monthStart(last).atZone(IntensityComputation.BEIJING).plusMonths(1).toInstant());
			report.zones().forEach(x -> done.add(x.zone()));
			written += report.rowsWritten();
			millis += report.millis();
		}
		return new IntakeReport(gens.size(), flows.size(), List.copyOf(touched), first, last, written, millis);
	}

	private static BigDecimal amount(int row, String field, String text, boolean required, List<InputError> errors) {
		String t = text(text);
		if (t.isEmpty()) {
			if (required) {
				errors.add(new InputError(row, field, "empty; MWh from 0"));
			}
			return BigDecimal.ZERO;
		}
		try {
			BigDecimal v = new BigDecimal(t);
			if (v.signum() < 0 || v.compareTo(MAX_MWH) >= 0 || v.scale() > 3) {
				errors.add(new InputError(row, field, "'" + clip(t) + "' must be from 0 to below 100,000,000 MWh with at most 3 decimals"));
				return BigDecimal.ZERO;
			}
			return v;
		}
		catch (NumberFormatException ex) {
			errors.add(new InputError(row, field, "'" + clip(t) + "' is not a number"));
			return BigDecimal.ZERO;
		}
	}

	private static Instant monthStart(Instant h) {
		return java.time.YearMonth.from(h.atZone(IntensityComputation.BEIJING)).atDay(1).atStartOfDay(IntensityComputation.BEIJING).toInstant();
	}

	private static String copyText(String s) {
		return s.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ");
	}

	private static String text(String s) {
		return s == null ? "" : s.strip();
	}

	private static String clip(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}
}
