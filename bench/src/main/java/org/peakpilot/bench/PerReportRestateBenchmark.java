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
 * The baseline: the per-report path. Publishing a new version of the electricity tce coefficient
 * (ELECTRICITY-CALORIFIC, used by every report of the data set) restates every report one by one
 * ({@code MonthlyReports.restate}: the report read with several queries, a factor query per line, results stored row
 * by row, an audit record per report). Smaller by default (100 enterprises = 1,200 reports, 12,000 lines): divide
 * by the number of reports for the time per report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class PerReportRestateBenchmark {

	@Param({ "embedded" })
	public String database;

	@Param({ "off" })
	public String fsync;

	@Param({ "100" })
	public int enterprises;

	private BenchPlatform platform;
	private Restatements accounting;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		platform = BenchPlatform.start(database, fsync);
		accounting = platform.context.getBean(Restatements.class);
		try (Connection c = platform.connect()) {
			YearData.seed(c, enterprises);
		}
		int reports = SystemActor.call("bench", () -> accounting.recomputeYear(YearData.YEAR, "first results"));
		System.out.printf("%n%s%nSeeded %d reports with %d lines each%n", platform.describe(), reports, YearData.LINES_PER_REPORT);
	}

	@Setup(Level.Iteration)
	public void vacuum() {
		platform.vacuum();
	}

	@Benchmark
	public Object publishAndRestate() {
		return SystemActor.call("bench", () -> accounting.publish("ELECTRICITY-CALORIFIC",
				new Restatements.NewVersion(null, "[computed] benchmark: same value, new version", null, null, null, "benchmark")));
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		platform.close();
	}
}
