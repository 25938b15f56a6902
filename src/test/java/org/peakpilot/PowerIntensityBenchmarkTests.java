package org.peakpilot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.power.internal.BundledPowerData;
import org.peakpilot.power.internal.IntensityComputation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BENCHMARK (bench/power/README.md; run by bench/power/run.sh, skipped otherwise): the hourly intensity of a year
 * (8,760 h × 11 counties, both bases, plus the grid the counties import from) recomputed, against the physical limit
 * of writing the same number of rows by COPY into a table of the same shape. Data: the bundled made-up year 2023 for
 * the grid and the 4 counties with made-up plants, and for the 7 others hydro, coal and an import from the grid
 * generated in SQL (made up too).
 */
@EnabledIfSystemProperty(named = "peakpilot.bench", matches = "true")
@SpringBootTest(properties = { "peakpilot.test.clock=2024-06-01T04:00:00Z", "peakpilot.test.schema=pp_power_bench" })
@org.springframework.context.annotation.Import(MovableClockConfiguration.class)
class PowerIntensityBenchmarkTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Autowired
	BundledPowerData bundled;

	@Autowired
	IntensityComputation computation;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recomputesAYearOfElevenCountiesUnderASecond() {
		Instant from = LocalDate.of(2023, 1, 1).atStartOfDay(BEIJING).toInstant();
		Instant to = LocalDate.of(2024, 1, 1).atStartOfDay(BEIJING).toInstant();
		SystemActor.run("bench", () -> bundled.load(from, to));
		jdbc.sql("""
				INSERT INTO power_generation_hour (zone_code, hour_start, technology, mwh, synthetic, loaded_at, loaded_by)
				SELECT z.code, h, t, CASE t WHEN 'HYDRO' THEN 40 + 30 * random() ELSE 10 + 20 * random() END, true, now(), 'bench'
				FROM power_zone z, generate_series(CAST('2023-01-01T00:00+08' AS timestamptz), CAST('2023-12-31T23:00+08' AS timestamptz), interval '1 hour') h,
				  unnest(ARRAY['HYDRO', 'COAL']) t
				WHERE z.kind = 'COUNTY' AND NOT EXISTS (SELECT 1 FROM power_generation_hour g WHERE g.zone_code = z.code)""").update();
		jdbc.sql("""
				INSERT INTO power_interchange_hour (zone_code, hour_start, counterpart_code, import_mwh, export_mwh, synthetic, loaded_at, loaded_by)
				SELECT z.code, h, z.parent_code, 50 * random(), 0, true, now(), 'bench'
				FROM power_zone z, generate_series(CAST('2023-01-01T00:00+08' AS timestamptz), CAST('2023-12-31T23:00+08' AS timestamptz), interval '1 hour') h
				WHERE z.kind = 'COUNTY' AND NOT EXISTS (SELECT 1 FROM power_interchange_hour g WHERE g.zone_code = z.code)""").update();
		jdbc.sql("ANALYZE").update();
		List<String> counties = jdbc.sql("SELECT code FROM power_zone WHERE kind = 'COUNTY' ORDER BY code").query(String.class).list();
		assertThat(counties).hasSize(11);
		List<Long> countyMs = new ArrayList<>();
		List<Long> withGridMs = new ArrayList<>();
		int rows = 0;
		for (int round = 0; round < 5; round++) {
			long t0 = System.nanoTime();
			int r = 0;
			for (String c : counties) {
				r += SystemActor.call("bench", () -> computation.recompute(c, from, to)).rowsWritten();
			}
			countyMs.add((System.nanoTime() - t0) / 1_000_000);
			rows = r;
			long t1 = System.nanoTime();
			SystemActor.call("bench", () -> computation.recompute("SICHUAN", from, to));
			withGridMs.add((System.nanoTime() - t1) / 1_000_000);
		}
		assertThat(rows).isEqualTo(8760 * 11 * 2);
		// the physical limit: COPY of the same number of rows into a table of the same shape (primary key included)
		jdbc.sql("CREATE TABLE bench_copy (LIKE power_intensity_hour INCLUDING ALL)").update();
		StringBuilder text = new StringBuilder();
		for (String c : counties) {
			for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
				for (String b : List.of("PRODUCTION", "CONSUMPTION")) {
					text.append(c).append('\t').append(b).append('\t').append(h).append("\t123.456\tMEASURED\tt\t").append(h).append("\t100.000\n");
				}
			}
		}
		List<Long> copyMs = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			jdbc.sql("TRUNCATE bench_copy").update();
			long t0 = System.nanoTime();
			computation.copyForBenchmark("COPY bench_copy (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at, load_mwh) FROM STDIN", text);
			copyMs.add((System.nanoTime() - t0) / 1_000_000);
		}
		Collections.sort(countyMs);
		Collections.sort(withGridMs);
		Collections.sort(copyMs);
		System.out.printf("BENCH power: 11 counties × 8,760 h recomputed (%d rows): min %d ms, median %d ms; grid + 11 counties: min %d ms, "
				+ "median %d ms; COPY of the same rows alone: min %d ms, median %d ms (%,d rows/s)%n", rows, countyMs.get(0), countyMs.get(2),
				withGridMs.get(0), withGridMs.get(2), copyMs.get(0), copyMs.get(2), rows * 1000L / Math.max(1, copyMs.get(0)));
	}
}
