package org.peakpilot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.PowerCarbon;
import org.peakpilot.power.internal.BundledPowerData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BENCHMARK (bench/power/README.md, skipped otherwise): the start-up cost of the bundled made-up data (示例数据（虚构）),
 * every hour from 2023-01-01 (Beijing) to the end of the clock's day, loaded at start (here synchronously; the
 * application does it in the background), and that every hour of 2023 onward is there.
 */
@EnabledIfSystemProperty(named = "peakpilot.bench", matches = "true")
@SpringBootTest(properties = { "peakpilot.test.clock=2026-12-06T04:00:00Z", "peakpilot.test.schema=pp_power_bundled",
		"peakpilot.test.power-bundled-data=true" })
@org.springframework.context.annotation.Import(MovableClockConfiguration.class)
class PowerBundledStartupBenchmarkTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Autowired
	BundledPowerData bundled;

	@Autowired
	PowerCarbon power;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loadsEveryHourFrom2023ToTheEndOfToday() {
		Instant end = LocalDate.of(2026, 12, 7).atStartOfDay(BEIJING).toInstant();
		assertThat(bundled.loadedTo()).contains(end);
		long ms = jdbc.sql("SELECT millis FROM power_bundled_load").query(Long.class).single();
		Instant start = LocalDate.of(2023, 1, 1).atStartOfDay(BEIJING).toInstant();
		long hours = java.time.Duration.between(start, end).toHours();
		var all = SystemActor.call("t", () -> power.intensity("SICHUAN", start, end, IntensityBasis.CONSUMPTION));
		assertThat(all).hasSize((int) hours).allMatch(h -> h.synthetic());
		System.out.printf("BENCH power bundled data: %d hours × 5 zones loaded and computed at start in %d ms%n", hours, ms);
		// the start's load report (a later start finds power_bundled_load up to date and loads nothing)
		assertThat(bundled.awaitLoaded()).isPresent();
	}
}
