package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.ReportModel.EnergyUse;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes every report of a year in one pass: the year's report lines in one query, every factor version
 * once into memory, {@link Calculator} per report in memory, the current results superseded with one UPDATE
 * and the new ones written with one COPY. The figures are those the per-report path ({@code MonthlyReports}
 * save and restate) gives: same calculator, same factor choice as {@code EmissionsAccounting.DatabaseFactors},
 * same stored columns. Every report is recomputed and superseded, changed or not; one audit record covers the
 * whole year.
 * <p>
 * Time goes mostly into the database writing rows (see bench/README.md), so the UPDATE runs on the transaction's
 * connection in a second thread while this JVM calculates and formats the COPY text in parallel.
 * <p>
 * Concurrency: the year's reports are locked (a concurrent save waits, then supersedes these results with its
 * own) and so is the factor library against publication (a publication's restatement and this recompute never
 * interleave).
 */
@Component
class YearRecompute {

	private static final Logger log = LoggerFactory.getLogger(YearRecompute.class);
	private static final int REPORTS_PER_CHUNK = 200;
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final AuditLog audit;
	private final Clock clock;
	private final JsonMapper json;

	YearRecompute(JdbcClient jdbc, DataSource dataSource, AuditLog audit, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.audit = audit;
		this.clock = clock;
		this.json = json;
	}

	/** The stored lines of one report, in line order. */
	private record ReportLines(long reportId, List<Line> lines, List<EnergyUse> uses) {
	}

	/** Returns the number of reports recomputed (reports without lines have no results and are left alone). */
	@Transactional(propagation = Propagation.MANDATORY)
	int run(int year, String reason, String gridRegion) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "say why the year's results are recomputed");
		}
		long t0 = System.nanoTime();
		jdbc.sql("LOCK TABLE accounting_factor IN SHARE MODE").update();
		jdbc.sql("SELECT id FROM accounting_report WHERE year = :y ORDER BY id FOR UPDATE").param("y", year).query(Long.class).list();
		List<ReportLines> reports = loadLines(year);
		Calculator.Factors factors = LoadedFactors.of(jdbc.sql("SELECT * FROM accounting_factor ORDER BY code, version DESC")
			.query(EmissionsAccounting::factorRow).list());
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), clock.getZone());
		String tail = "\t" + TIMESTAMP.format(now) + "\t" + escape(AccessScope.current().actor()) + "\t"
				+ escape("recomputed " + year + ": " + reason.strip()) + "\n";
		long t1 = System.nanoTime();

		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			// the database supersedes the current rows while this JVM calculates: the two overlap
			CompletableFuture<Supersede> superseding = CompletableFuture.supplyAsync(() -> supersede(connection, year, now),
					task -> new Thread(task, "recompute-supersede-" + year).start());
			List<Chunk> chunks;
			long calculated;
			try {
				chunks = calculate(reports, year, factors, gridRegion, tail);
			}
			finally {
				calculated = System.nanoTime();
				superseding.handle((done, failure) -> done).join();
			}
			long t2 = System.nanoTime();
			Supersede superseded;
			try {
				superseded = superseding.join();
			}
			catch (CompletionException ex) {
				throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
			}
			long inserted = copy(connection, chunks);
			long t3 = System.nanoTime();

			int lines = reports.stream().mapToInt(r -> r.lines().size()).sum();
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("year", year);
			counts.put("reports", reports.size());
			counts.put("lines", lines);
			counts.put("resultsSuperseded", superseded.rows());
			counts.put("resultsStored", inserted);
			counts.put("gridRegion", gridRegion);
			counts.put("reason", reason.strip());
			audit.record("reports.recomputed", "report-year", year, null, counts);
			log.info("Recomputed {} reports ({} lines) of {}: {} results superseded, {} stored; {} ms (load {}, calculate {} "
					+ "while superseding {}, insert {})", reports.size(), lines, year, superseded.rows(), inserted, ms(t3 - t0),
					ms(t1 - t0), ms(calculated - t1), ms(superseded.nanos()), ms(t3 - t2));
			return reports.size();
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private record Supersede(int rows, long nanos) {
	}

	/** Marks the year's current results superseded, on the transaction's connection (called from another thread). */
	private static Supersede supersede(Connection connection, int year, OffsetDateTime now) {
		long started = System.nanoTime();
		try (PreparedStatement ps = connection.prepareStatement("""
				UPDATE accounting_result SET superseded_at = ?
				WHERE superseded_at IS NULL AND report_id = ANY(ARRAY(SELECT id FROM accounting_report WHERE year = ?))""")) {
			ps.setObject(1, now);
			ps.setInt(2, year);
			return new Supersede(ps.executeUpdate(), System.nanoTime() - started);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not supersede the results of " + year + ": " + ex.getMessage(), ex);
		}
	}

	private List<ReportLines> loadLines(int year) {
		List<ReportLines> reports = new ArrayList<>();
		jdbc.sql("""
				SELECT l.report_id, l.type, l.factor_code, l.quantity, l.unit, l.measured_ncv, l.measured_carbon_content,
				       l.green_kwh, l.fraction, l.cao_fraction, l.mgo_fraction, l.non_carbonate_cao_fraction,
				       l.non_carbonate_mgo_fraction, l.clinker_type, l.label, l.energy_use
				FROM accounting_report r JOIN accounting_report_line l ON l.report_id = r.id
				WHERE r.year = :y ORDER BY l.report_id, l.line_no
				""").param("y", year).query((ResultSet rs) -> {
			long id = rs.getLong(1);
			ReportLines current = reports.isEmpty() ? null : reports.get(reports.size() - 1);
			if (current == null || current.reportId() != id) {
				current = new ReportLines(id, new ArrayList<>(), new ArrayList<>());
				reports.add(current);
			}
			current.lines().add(new Line(LineType.valueOf(rs.getString(2)), rs.getString(3), Calculator.strip(rs.getBigDecimal(4)),
					rs.getString(5), Calculator.strip(rs.getBigDecimal(6)), Calculator.strip(rs.getBigDecimal(7)), Calculator.strip(rs.getBigDecimal(8)),
					Calculator.strip(rs.getBigDecimal(9)), Calculator.strip(rs.getBigDecimal(10)), Calculator.strip(rs.getBigDecimal(11)), Calculator.strip(rs.getBigDecimal(12)),
					Calculator.strip(rs.getBigDecimal(13)), rs.getString(14), rs.getString(15)));
			current.uses().add(EnergyUse.valueOf(rs.getString(16)));
		});
		return reports;
	}

	/** COPY text of a run of reports (the first {@code length} bytes), with the reports that failed. */
	private record Chunk(byte[] copyText, int length, int rows, List<String> failures) {
	}

	/** A growing buffer of UTF-8 COPY text; fields are already escaped. */
	private static final class CopyText {
		private byte[] bytes;
		private int length;

		CopyText(int capacity) {
			bytes = new byte[capacity];
		}

		/** A field and the tab after it. */
		CopyText field(String s) {
			int n = s.length();
			ensure(n + 1);
			for (int i = 0; i < n; i++) {
				char ch = s.charAt(i);
				if (ch >= 0x80) {
					return field(s.getBytes(StandardCharsets.UTF_8));
				}
				bytes[length + i] = (byte) ch;
			}
			length += n;
			bytes[length++] = '\t';
			return this;
		}

		CopyText field(byte[] b) {
			bytes(b);
			ensure(1);
			bytes[length++] = '\t';
			return this;
		}

		CopyText bytes(byte[] b) {
			ensure(b.length);
			System.arraycopy(b, 0, bytes, length, b.length);
			length += b.length;
			return this;
		}

		private void ensure(int more) {
			if (length + more > bytes.length) {
				bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
			}
		}
	}

	/**
	 * Calculates every report and formats its result rows as COPY text, in chunks of reports on the common
	 * fork-join pool; the chunks keep the reports' order. Fails, naming the first reports, if any report no longer
	 * calculates (e.g. a factor no longer in force): nothing is then written.
	 */
	private List<Chunk> calculate(List<ReportLines> reports, int year, Calculator.Factors factors, String gridRegion, String tail) {
		Map<Object, byte[]> jsonCache = new ConcurrentHashMap<>();
		byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
		int chunks = (reports.size() + REPORTS_PER_CHUNK - 1) / REPORTS_PER_CHUNK;
		List<Chunk> result = IntStream.range(0, chunks).parallel().mapToObj(c -> {
			List<String> failures = new ArrayList<>();
			CopyText text = new CopyText(REPORTS_PER_CHUNK * 10 * 1024);
			int rows = 0;
			for (ReportLines report : reports.subList(c * REPORTS_PER_CHUNK, Math.min(reports.size(), (c + 1) * REPORTS_PER_CHUNK))) {
				List<LineResult> results;
				try {
					results = Calculator.calculate(new Calculation.Request(year, null, report.lines()), factors, gridRegion).lines();
				}
				catch (InvalidInputException ex) {
					failures.add("report " + report.reportId() + ": " + ex.errors());
					continue;
				}
				for (LineResult r : results) {
					text.field(Long.toString(report.reportId())).field(Integer.toString(r.index())).field(r.scope().name())
						.field(r.category()).field(report.uses().get(r.index()).name()).field(r.co2T().toPlainString())
						.field(r.co2MarketT().toPlainString()).field(r.tce().toPlainString())
						.field(r.tceEqualValue() == null ? "\\N" : r.tceEqualValue().toPlainString())
						.field(r.energyGj() == null ? "\\N" : r.energyGj().toPlainString())
						.field(jsonCache.computeIfAbsent(r.factors(), this::escapedJson)).field(escape(r.formula()))
						.bytes(jsonCache.computeIfAbsent(r.notes(), this::escapedJson)).bytes(tailBytes);
					rows++;
				}
			}
			return new Chunk(text.bytes, text.length, rows, failures);
		}).toList();
		List<String> failures = result.stream().flatMap(c -> c.failures().stream()).toList();
		if (!failures.isEmpty()) {
			throw new RuleViolationException(failures.size() + " reports of " + year + " cannot be recomputed; nothing was changed. "
					+ String.join("; ", failures.subList(0, Math.min(5, failures.size()))));
		}
		return result;
	}

	/** Writes the new results with COPY (text format) on the transaction's connection. */
	private static long copy(Connection connection, List<Chunk> chunks) {
		long rows = 0;
		try {
			CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
					COPY accounting_result (report_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce, tce_equal_value, energy_gj,
					    factors, formula, notes, computed_at, computed_by, reason) FROM STDIN""");
			try {
				for (Chunk chunk : chunks) {
					in.writeToCopy(chunk.copyText(), 0, chunk.length());
					rows += chunk.rows();
				}
				in.endCopy();
			}
			finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not store the recomputed results: " + ex.getMessage(), ex);
		}
		return rows;
	}

	private byte[] escapedJson(Object value) {
		return escape(json.writeValueAsString(value)).getBytes(StandardCharsets.UTF_8);
	}

	/** COPY text format: backslash, tab, newline and carriage return are escaped. */
	static String escape(String s) {
		int i = 0;
		while (i < s.length() && "\\\t\n\r".indexOf(s.charAt(i)) < 0) {
			i++;
		}
		if (i == s.length()) {
			return s;
		}
		StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
		for (; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\\' -> sb.append("\\\\");
				case '\t' -> sb.append("\\t");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}


	private static long ms(long nanos) {
		return nanos / 1_000_000;
	}

	/**
	 * Every factor version in memory, with the choice of {@code EmissionsAccounting.DatabaseFactors}: the newest
	 * version in force in the year; the grid factor of the region for the year, else of the latest earlier year,
	 * among the newest versions of the grid factors.
	 */
	static final class LoadedFactors implements Calculator.Factors {

		private final Map<String, List<Factor>> versions;
		private final Map<String, List<Factor>> grids;

		private LoadedFactors(Map<String, List<Factor>> versions, Map<String, List<Factor>> grids) {
			this.versions = versions;
			this.grids = grids;
		}

		static LoadedFactors of(List<Factor> all) {
			Map<String, List<Factor>> versions = new HashMap<>();
			for (Factor f : all) {
				versions.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f);
			}
			Map<String, List<Factor>> grids = new HashMap<>();
			for (List<Factor> v : versions.values()) {
				v.sort(Comparator.comparingInt(Factor::version).reversed());
				Factor newest = v.get(0);
				if (newest.kind() == Factor.Kind.GRID && newest.regionCode() != null && newest.year() != null) {
					grids.computeIfAbsent(newest.regionCode(), r -> new ArrayList<>()).add(newest);
				}
			}
			grids.values().forEach(g -> g.sort(Comparator.comparing(Factor::year).reversed().thenComparing(Factor::code)));
			return new LoadedFactors(versions, grids);
		}

		@Override
		public Optional<Factor> inForce(String code, int year) {
			for (Factor f : versions.getOrDefault(code, List.of())) {
				if (f.appliesTo(year)) {
					return Optional.of(f);
				}
			}
			return Optional.empty();
		}

		@Override
		public Optional<Factor> grid(String region, int year) {
			for (Factor f : grids.getOrDefault(region, List.of())) {
				if (f.year() <= year) {
					return Optional.of(f);
				}
			}
			return Optional.empty();
		}
	}
}
