package org.peakpilot.accounting.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.internal.StoredResults.Figures;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.PgBinaryCopy;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.shared.Cny10k;
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
 * Recomputes many reports in one pass: a whole year ({@link #year}), or the reports a factor publication touches
 * ({@link #restate}). Their lines are read in one query and every factor version once into memory; {@link Calculator}
 * runs per report in memory on a few threads ({@link #calculatingThreads}), and the result lines stream into one COPY as the
 * calculation goes; then the reports' current computations are superseded (one UPDATE of narrow rows) and the new ones
 * written with a second COPY. The figures are those of the per-report path ({@code MonthlyReports} save and restate):
 * same calculator, same factor rule ({@link FactorsInForce}, which {@code FactorLibrary.DatabaseFactors} asks too), same stored columns.
 * <p>
 * Concurrency: the reports are locked (a concurrent save waits, then supersedes these results with its own) and so
 * is the factor library against publication (a publication's restatement and a recompute never interleave).
 * Time goes mostly into the database writing rows: see bench/README.md.
 */
@Component
public class BulkRecompute {

	private static final Logger log = LoggerFactory.getLogger(BulkRecompute.class);
	private static final int REPORTS_PER_CHUNK = 200;
	private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
	/** How many threads calculate a run's chunks ({@link #calculatingThreads}). */
	private static final int CALCULATING_THREADS = Integer.getInteger("peakpilot.accounting.recompute-threads",
			Runtime.getRuntime().availableProcessors());
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final AuditLog audit;
	private final Clock clock;
	private final JsonMapper json;
	private final StoredResults stored;
	private final FactorLibrary factorLibrary;

	BulkRecompute(JdbcClient jdbc, DataSource dataSource, AuditLog audit, Clock clock, JsonMapper json, StoredResults stored,
			FactorLibrary factorLibrary) {
		this.factorLibrary = factorLibrary;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.audit = audit;
		this.clock = clock;
		this.json = json;
		this.stored = stored;
	}

	/** The stored lines of one report, in line order. */
	private record ReportLines(long reportId, int year, List<Line> lines, List<EnergyUse> uses) {
	}

	/** A report whose new computation was written: its ID, the computation's, and (restating) its new figures. */
	private record Stored(long reportId, long computationId, List<Figures> figures) {
	}

	/**
	 * Recomputes every report of a year that has lines (all statuses) and stores a new computation for each, changed
	 * or not; one audit record covers the year. Returns the number of reports recomputed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int year(int year, String reason, String gridRegion) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "say why the year's results are recomputed");
		}
		long t0 = System.nanoTime();
		lockLibrary();
		jdbc.sql("SELECT id FROM accounting_report WHERE year = :y ORDER BY id FOR UPDATE").param("y", year).query(Long.class).list();
		List<ReportLines> reports = loadLines("r.year = :p", year);
		Run run = new Run(reports, loadFactors(), gridRegion, "recomputed " + year + ": " + reason.strip(), null);
		long t1 = System.nanoTime();
		List<Stored> written = run.write();
		long t2 = System.nanoTime();

		int lines = reports.stream().mapToInt(r -> r.lines().size()).sum();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("year", year);
		counts.put("reports", reports.size());
		counts.put("lines", lines);
		counts.put("computationsSuperseded", run.superseded);
		counts.put("resultsStored", run.rows);
		counts.put("gridRegion", gridRegion);
		counts.put("reason", reason.strip());
		audit.record("reports.recomputed", "report-year", year, null, counts);
		log.info("Recomputed {} reports ({} lines) of {}: {} computations superseded, {} results stored; {} ms (load {}, "
				+ "calculate and insert lines {} [calculating {} (CPU, {} threads), waiting for it {}], supersede {}, insert computations {})", written.size(),
				lines, year, run.superseded, run.rows, ms(System.nanoTime() - t0), ms(t1 - t0), ms(run.linesNanos), ms(run.calculateNanos), CALCULATING_THREADS,
				ms(run.waitNanos), ms(run.supersedeNanos), ms(run.computationsNanos));
		return reports.size();
	}

	/**
	 * Restates the reports after the publication of a factor version, as {@code MonthlyReports.restate} does one by one:
	 * each report is recomputed, a new computation stored only where a figure changed, with one {@code report.restated}
	 * audit record per restated report (summary before and after). Returns the years of the restated reports.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<Integer> restate(Factor published, List<Long> reportIds, String gridRegion) {
		long t0 = System.nanoTime();
		lockLibrary();
		Long[] ids = reportIds.toArray(Long[]::new);
		jdbc.sql("SELECT id FROM accounting_report WHERE id = ANY(:ids) ORDER BY id FOR UPDATE").param("ids", ids).query(Long.class).list();
		List<ReportLines> reports = loadLines("r.id = ANY(:p)", ids);
		Map<Long, List<Figures>> before = stored.currentFigures(reportIds);
		Run run = new Run(reports, loadFactors(), gridRegion, MonthlyReports.restatedReason(published), before);
		List<Stored> written = run.write();

		Map<Long, Cny10k[]> denominators = new HashMap<>();
		Map<Long, Integer> years = new HashMap<>();
		jdbc.sql("SELECT id, year, output_value_10k_cny, value_added_10k_cny FROM accounting_report WHERE id = ANY(:ids)")
			.param("ids", written.stream().map(Stored::reportId).toArray(Long[]::new)).query((ResultSet rs) -> {
				years.put(rs.getLong(1), rs.getInt(2));
				denominators.put(rs.getLong(1), new Cny10k[] { Cny10k.of(Calculator.strip(rs.getBigDecimal(3))),
						Cny10k.of(Calculator.strip(rs.getBigDecimal(4))) });
			});
		List<AuditLog.Change> changes = new ArrayList<>(written.size());
		for (Stored s : written) {
			Cny10k[] d = denominators.get(s.reportId());
			changes.add(new AuditLog.Change(s.reportId(), MonthlyReports.summary(before.getOrDefault(s.reportId(), List.of()), d[0], d[1]),
					MonthlyReports.summary(s.figures(), d[0], d[1])));
		}
		audit.recordAll("report.restated", "report", changes);
		Set<Integer> restated = new TreeSet<>(years.values());
		log.info("Restated {} of {} reports of {} after factor {} version {} in one pass; {} ms", written.size(), reports.size(), restated,
				published.code(), published.version(), ms(System.nanoTime() - t0));
		return restated;
	}

	private void lockLibrary() {
		jdbc.sql("LOCK TABLE accounting_factor IN SHARE MODE").update();
	}

	private Calculator.Factors loadFactors() {
		return factorLibrary.all();
	}

	/** The lines of the reports matching {@code where} (with the parameter {@code :p}), by report in ID order. */
	private List<ReportLines> loadLines(String where, Object parameter) {
		List<ReportLines> reports = new ArrayList<>();
		jdbc.sql("""
				SELECT l.report_id, r.year, l.type, l.factor_code, l.quantity, l.unit, l.measured_ncv, l.measured_carbon_content,
				       l.green_kwh, l.fraction, l.cao_fraction, l.mgo_fraction, l.non_carbonate_cao_fraction,
				       l.non_carbonate_mgo_fraction, l.clinker_type, l.label, l.energy_use, l.measured_oxidation_rate, l.coal_class,
				       l.steam_pressure_mpa, l.steam_temperature_c
				FROM accounting_report r JOIN accounting_report_line l ON l.report_id = r.id
				WHERE %s ORDER BY l.report_id, l.line_no
				""".formatted(where)).param("p", parameter).query((ResultSet rs) -> {
			long id = rs.getLong(1);
			ReportLines current = reports.isEmpty() ? null : reports.get(reports.size() - 1);
			if (current == null || current.reportId() != id) {
				current = new ReportLines(id, rs.getInt(2), new ArrayList<>(), new ArrayList<>());
				reports.add(current);
			}
			current.lines().add(new Line(LineType.valueOf(rs.getString(3)), rs.getString(4), Calculator.strip(rs.getBigDecimal(5)),
					rs.getString(6), Calculator.strip(rs.getBigDecimal(7)), Calculator.strip(rs.getBigDecimal(8)), Calculator.strip(rs.getBigDecimal(9)),
					Calculator.strip(rs.getBigDecimal(10)), Calculator.strip(rs.getBigDecimal(11)), Calculator.strip(rs.getBigDecimal(12)),
					Calculator.strip(rs.getBigDecimal(13)), Calculator.strip(rs.getBigDecimal(14)), rs.getString(15), rs.getString(16),
					Calculator.strip(rs.getBigDecimal(18)), rs.getString(19), Calculator.strip(rs.getBigDecimal(20)),
					Calculator.strip(rs.getBigDecimal(21))));
			current.uses().add(EnergyUse.valueOf(rs.getString(17)));
		});
		return reports;
	}

	/**
	 * The result lines of a run of reports as binary COPY rows (the first {@code length} bytes; no header or trailer),
	 * with the reports that failed.
	 */
	private record Chunk(byte[] copyRows, int length, int rows, List<Stored> stored, List<String> codes, List<String> failures, long nanos) {
	}

	/**
	 * One bulk store: calculates the reports in chunks on {@link #calculatingThreads} and streams each chunk's result lines
	 * into a COPY, in report order, as soon as it is ready; then supersedes the stored reports' current computations and
	 * writes the new ones. With {@code before} (restating), a report whose figures did not change is left alone. Fails,
	 * naming the first reports, if any report no longer calculates (e.g. a factor no longer in force); the transaction
	 * then rolls back with nothing changed.
	 */
	private final class Run {

		private final List<ReportLines> reports;
		private final Calculator.Factors factors;
		private final String gridRegion;
		private final Map<Long, List<Figures>> before;
		private final OffsetDateTime now;
		private final byte[] computationTail;
		/** Binary jsonb values of notes ({@link PgBinaryCopy#jsonbValue}), by the notes as stored. */
		private final Map<List<?>, byte[]> jsonCache = new ConcurrentHashMap<>();
		private final Map<String, Listed<StoredResults.DefaultsRow>> defaultsCache = new ConcurrentHashMap<>();
		private final Map<String, Listed<StoredResults.FactorsRow>> factorsCache = new ConcurrentHashMap<>();
		int rows;
		int superseded;
		long linesNanos;
		long calculateNanos;
		long waitNanos;
		long supersedeNanos;
		long computationsNanos;

		Run(List<ReportLines> reports, Calculator.Factors factors, String gridRegion, String reason, Map<Long, List<Figures>> before) {
			this.reports = reports;
			this.factors = factors;
			this.gridRegion = gridRegion;
			this.before = before;
			this.now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), clock.getZone());
			this.computationTail = (TIMESTAMP.format(now) + "\t" + escape(AccessScope.current().actor()) + "\t" + escape(reason) + "\t")
				.getBytes(StandardCharsets.UTF_8);
		}

		List<Stored> write() {
			long started = System.nanoTime();
			long[] ids = computationIds(reports.size());
			Connection connection = DataSourceUtils.getConnection(dataSource);
			ExecutorService calculating = calculatingThreads();
			try {
				List<CompletableFuture<Chunk>> pending = new ArrayList<>();
				for (int from = 0; from < reports.size(); from += REPORTS_PER_CHUNK) {
					int start = from;
					pending.add(CompletableFuture.supplyAsync(() -> calculate(start, Math.min(reports.size(), start + REPORTS_PER_CHUNK), ids),
							calculating));
				}
				List<Chunk> chunks = copyLines(connection, pending);
				calculating.shutdown();
				stored.storeLists(defaultsCache.values().stream().map(Listed::row).toList(), factorsCache.values().stream().map(Listed::row).toList());
				linesNanos = System.nanoTime() - started;
				List<Stored> written = chunks.stream().flatMap(c -> c.stored().stream()).toList();
				long t = System.nanoTime();
				superseded = supersede(written);
				supersedeNanos = System.nanoTime() - t;
				t = System.nanoTime();
				copyComputations(connection, chunks);
				computationsNanos = System.nanoTime() - t;
				return written;
			}
			finally {
				calculating.shutdownNow();
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		}

		/** Calculates the reports from index {@code from} up to {@code to} (excluded) and writes the lines to store as binary COPY rows. */
		private Chunk calculate(int from, int to, long[] ids) {
			long started = CPU.getCurrentThreadCpuTime();
			List<String> failures = new ArrayList<>();
			List<Stored> written = new ArrayList<>();
			List<String> codes = new ArrayList<>();
			PgBinaryCopy out = PgBinaryCopy.rows((to - from) * 10 * 400);
			int lines = 0;
			for (int i = from; i < to; i++) {
				ReportLines report = reports.get(i);
				List<LineResult> results;
				try {
					results = Calculator.lines(new Calculation.Request(report.year(), null, report.lines()), factors, gridRegion);
				}
				catch (InvalidInputException ex) {
					failures.add("report " + report.reportId() + ": " + ex.errors());
					continue;
				}
				List<Figures> figures = null;
				if (before != null) {
					figures = results.stream().map(r -> Figures.of(r, report.uses().get(r.index()))).toList();
					if (StoredResults.sameFigures(before.getOrDefault(report.reportId(), List.of()), figures)) {
						continue;
					}
				}
				if (!failures.isEmpty()) {
					continue;
				}
				for (LineResult r : results) {
					out.fields(14).int8(ids[i]).int4(r.index()).text(r.scope().name()).text(r.category())
						.text(report.uses().get(r.index()).name()).numeric(r.co2T().value()).numeric(r.co2MarketT().value())
						.numeric(r.tce().value());
					nullableNumeric(out, r.tceEqualValue() == null ? null : r.tceEqualValue().value());
					nullableNumeric(out, r.energyGj() == null ? null : r.energyGj().value());
					out.uuid(factorsCache.computeIfAbsent(factorsKey(r.factors()), k -> {
						StoredResults.FactorsRow row = stored.factorsRow(r.factors());
						return new Listed<>(row, row.id(), null);
					}).id()).text(r.formula());
					Listed<StoredResults.DefaultsRow> listed = defaultsRow(StoredResults.defaultsOf(r));
					StoredResults.DefaultsRow d = listed.row();
					// keyed by the notes as stored (naming the defaults' notes by index): short strings, quick to hash
					out.value(jsonCache.computeIfAbsent(StoredResults.storedNotes(r.notes(), d), n -> PgBinaryCopy.jsonbValue(stored.notesJson(n))))
						.uuid(listed.id());
					lines++;
				}
				written.add(new Stored(report.reportId(), ids[i], figures));
				codes.add(arrayLiteral(StoredResults.factorCodes(results)));
			}
			return new Chunk(out.buffer(), out.length(), lines, written, codes, failures, CPU.getCurrentThreadCpuTime() - started);
		}

		/**
		 * The stored list of defaults, from the run's cache: found by the list's key without the sources (long texts,
		 * slow to hash), then checked against them; a list whose sources differ from the cached one's is cached by its
		 * full key.
		 */
		private Listed<StoredResults.DefaultsRow> defaultsRow(List<Calculation.DefaultAssumed> defaults) {
			Listed<StoredResults.DefaultsRow> listed = defaultsCache.computeIfAbsent(defaultsKey(defaults, false), k -> listedDefaults(defaults));
			return sameSources(listed.defaults(), defaults) ? listed
					: defaultsCache.computeIfAbsent(defaultsKey(defaults, true), k -> listedDefaults(defaults));
		}

		private Listed<StoredResults.DefaultsRow> listedDefaults(List<Calculation.DefaultAssumed> defaults) {
			StoredResults.DefaultsRow row = stored.defaultsRow(defaults);
			return new Listed<>(row, row.id(), defaults);
		}

		/**
		 * Writes each chunk's lines as it completes, in order, between the binary COPY header and trailer; stops writing at
		 * the first failure and reports them all.
		 */
		private List<Chunk> copyLines(Connection connection, List<CompletableFuture<Chunk>> pending) {
			List<Chunk> chunks = new ArrayList<>(pending.size());
			List<String> failures = new ArrayList<>();
			try {
				CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
						COPY accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
						    tce_equal_value, energy_gj, factors_id, formula, notes, defaults_id) FROM STDIN (FORMAT binary)""");
				try {
					in.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
					for (CompletableFuture<Chunk> future : pending) {
						long waiting = System.nanoTime();
						Chunk chunk = join(future);
						waitNanos += System.nanoTime() - waiting;
						calculateNanos += chunk.nanos();
						failures.addAll(chunk.failures());
						if (failures.isEmpty()) {
							in.writeToCopy(chunk.copyRows(), 0, chunk.length());
							rows += chunk.rows();
							chunks.add(chunk);
						}
					}
					if (failures.isEmpty()) {
						in.writeToCopy(COPY_TRAILER, 0, COPY_TRAILER.length);
						in.endCopy();
					}
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
			finally {
				pending.forEach(f -> f.cancel(false));
			}
			if (!failures.isEmpty()) {
				throw new RuleViolationException(failures.size() + " reports cannot be recomputed; nothing was changed. "
						+ String.join("; ", failures.subList(0, Math.min(5, failures.size()))));
			}
			return chunks;
		}

		/** Marks the current computations of the reports written superseded; returns how many. */
		private int supersede(List<Stored> written) {
			if (written.isEmpty()) {
				return 0;
			}
			return jdbc.sql("UPDATE accounting_computation SET superseded_at = :now WHERE superseded_at IS NULL AND report_id = ANY(:ids)")
				.param("now", now).param("ids", written.stream().map(Stored::reportId).toArray(Long[]::new)).update();
		}

		private void copyComputations(Connection connection, List<Chunk> chunks) {
			CopyText text = new CopyText(chunks.stream().mapToInt(c -> c.stored().size()).sum() * 256 + 16);
			for (Chunk chunk : chunks) {
				for (int i = 0; i < chunk.stored().size(); i++) {
					Stored s = chunk.stored().get(i);
					text.field(Long.toString(s.computationId())).field(Long.toString(s.reportId())).bytes(computationTail)
						.bytes(chunk.codes().get(i).getBytes(StandardCharsets.UTF_8)).bytes(NEWLINE);
				}
			}
			try {
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
						"COPY accounting_computation (id, report_id, computed_at, computed_by, reason, factor_codes) FROM STDIN",
						new java.io.ByteArrayInputStream(text.bytes, 0, text.length));
			}
			catch (SQLException | java.io.IOException ex) {
				throw new IllegalStateException("Could not store the recomputed computations: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * The threads that calculate a run's chunks, one per processor: they take the chunks in order, so the COPY writes the
	 * first chunks while the next ones are calculated, and the database's backend parsing the COPY shares the processors
	 * with them. (Not the common pool through {@link CompletableFuture}: with fewer than three
	 * processors, the common pool's parallelism is 1, and {@code CompletableFuture} then starts a new thread per chunk,
	 * which calculates every chunk at once and the COPY only starts when nearly all are done.)
	 */
	private static ExecutorService calculatingThreads() {
		AtomicInteger n = new AtomicInteger();
		return Executors.newFixedThreadPool(CALCULATING_THREADS, task -> {
			Thread thread = new Thread(task, "bulk-recompute-" + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** A stored list (factors, defaults) as a run caches it, with its ID (and the defaults it holds). */
	private record Listed<R>(R row, UUID id, List<Calculation.DefaultAssumed> defaults) {
	}

	private static void nullableNumeric(PgBinaryCopy out, BigDecimal value) {
		if (value == null) {
			out.nul();
		}
		else {
			out.numeric(value);
		}
	}

	/**
	 * The key of a list of factors in a run's cache: equal for two lists exactly when the references stored for them
	 * ({@link StoredResults.FactorRef}: code, version, value) are. Keys are plain strings because hashing and comparing
	 * the lists themselves (records, fresh for every line) took a quarter of the calculation's time.
	 */
	static String factorsKey(List<Calculation.FactorUsed> used) {
		Key key = new Key();
		for (Calculation.FactorUsed f : used) {
			key.add(f.code()).add(f.version()).add(f.value());
		}
		return key.toString();
	}

	/**
	 * The key of a list of defaults in a run's cache: with {@code sources}, equal for two lists exactly when the lists
	 * are equal; without, when they are but for their sources (then {@link #sameSources} decides).
	 */
	static String defaultsKey(List<Calculation.DefaultAssumed> defaults, boolean sources) {
		Key key = new Key().add(sources ? "with sources" : "without sources");
		for (Calculation.DefaultAssumed d : defaults) {
			key.add(d.parameter()).add(d.value()).add(d.unit()).add(d.factorCode()).add(d.factorVersion());
			if (sources) {
				key.add(d.source());
			}
		}
		return key.toString();
	}

	/** Whether two lists of defaults of the same key without sources have the same sources too. */
	static boolean sameSources(List<Calculation.DefaultAssumed> a, List<Calculation.DefaultAssumed> b) {
		for (int i = 0; i < a.size(); i++) {
			if (!java.util.Objects.equals(a.get(i).source(), b.get(i).source())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Values written one after the other, each as its length and text (its {@code toString}, which for a BigDecimal
	 * keeps the scale as {@code equals} does) or a dash for null, so that two keys are equal only for equal values.
	 */
	private static final class Key {
		private final StringBuilder text = new StringBuilder(128);

		Key add(Object value) {
			if (value == null) {
				text.append('-');
			}
			else {
				String s = value.toString();
				text.append(s.length()).append(':').append(s);
			}
			return this;
		}

		@Override
		public String toString() {
			return text.toString();
		}
	}

	private static Chunk join(CompletableFuture<Chunk> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	/** IDs for the new computations, one per report, from the table's sequence (unused ones are simply skipped). */
	private long[] computationIds(int n) {
		return jdbc.sql("SELECT nextval('accounting_computation_id_seq') FROM generate_series(1, :n)").param("n", n)
			.query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
	}

	private static final byte[] NEWLINE = { '\n' };
	private static final byte[] COPY_HEADER = PgBinaryCopy.header();
	private static final byte[] COPY_TRAILER = PgBinaryCopy.trailer();

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
				bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
			}
		}
	}

	/** A text[] literal of the codes, each element quoted, as a COPY text field. */
	static String arrayLiteral(Set<String> codes) {
		StringBuilder sb = new StringBuilder("{");
		for (String code : codes) {
			if (sb.length() > 1) {
				sb.append(',');
			}
			sb.append('"').append(code.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return escape(sb.append('}').toString());
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
}
