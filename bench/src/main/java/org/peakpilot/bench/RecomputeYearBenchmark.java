package org.peakpilot.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.peakpilot.accounting.internal.Restatements;
import org.peakpilot.platform.SystemActor;

/**
 * Recomputing one year: {@code enterprises} × 12 monthly reports × 10 lines (120,000 lines, 12,000 reports by
 * default) through {@link Restatements#recomputeYear}, the way the city administrator runs it, in one
 * transaction. Each iteration is one recompute (single shot); the year already has current results (from an
 * unmeasured first recompute), so every iteration supersedes 120,000 rows and stores 120,000 new ones. Before each
 * iteration, outside the measurement, the tables are vacuumed as autovacuum would between two recomputes.
 * Seeding, the Spring context and the database start-up are not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class RecomputeYearBenchmark {

	/** embedded (zonky PostgreSQL started by the benchmark) or external (PEAKPILOT_BENCH_DB_URL, default 127.0.0.1:5432/test). */
	@Param({ "embedded" })
	public String database;

	/** For the embedded server: off (the library's default for tests) or on (durable, like the application's default run). */
	@Param({ "off" })
	public String fsync;

	@Param({ "1000" })
	public int enterprises;

	private BenchPlatform platform;
	private Restatements accounting;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		platform = BenchPlatform.start(database, fsync);
		accounting = platform.context.getBean(Restatements.class);
		long lines;
		try (Connection c = platform.connect()) {
			lines = YearData.seed(c, enterprises);
		}
		long started = System.nanoTime();
		int reports = SystemActor.call("bench", () -> accounting.recomputeYear(YearData.YEAR, "first results"));
		System.out.printf("%n%s%nSeeded %d reports with %d lines; first recompute %d ms%n", platform.describe(), reports, lines,
				(System.nanoTime() - started) / 1_000_000);
	}

	@Setup(Level.Iteration)
	public void vacuum() {
		platform.vacuum();
	}

	@Benchmark
	public int recomputeYear() {
		return SystemActor.call("bench", () -> accounting.recomputeYear(YearData.YEAR, "benchmark"));
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		platform.close();
	}
}
