package org.peakpilot.power.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the bundled made-up data (示例数据（虚构）, {@link SyntheticLeshanPower}) when
 * {@code peakpilot.power.bundled-data=true} (the default; the tests turn it off): every hour from 2023-01-01 (Beijing)
 * to the end of the current day, once per installation ({@code power_bundled_load} remembers up to which hour), then
 * a day more each night. It runs in the background after start (a few seconds; the figure is logged and kept in
 * {@code power_bundled_load.millis}). Rows go in by COPY into a temporary table and then only where no hour of
 * uploaded data exists (uploaded data always win); the hours' intensities are then computed.
 */
@Component
@Order(70)
public class BundledPowerData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BundledPowerData.class);

	/** What a load did. */
	public record LoadReport(Instant from, Instant to, long generationRows, long interchangeRows, long millis) {
	}

	private final JdbcClient jdbc;
	private final BundledProfile profile;
	private final IntensityComputation computation;
	private final Zones zones;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final boolean enabled;
	private final boolean background;
	private volatile CompletableFuture<Optional<LoadReport>> running = CompletableFuture.completedFuture(Optional.empty());

	BundledPowerData(JdbcClient jdbc, BundledProfile profile, IntensityComputation computation, Zones zones, TransactionTemplate tx,
			Clock clock, @Value("${peakpilot.power.bundled-data:true}") boolean enabled,
			@Value("${peakpilot.power.bundled-data.background:true}") boolean background) {
		this.jdbc = jdbc;
		this.profile = profile;
		this.computation = computation;
		this.zones = zones;
		this.tx = tx;
		this.clock = clock;
		this.enabled = enabled;
		this.background = background;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled) {
			return;
		}
		if (background) {
			running = CompletableFuture.supplyAsync(this::extend);
		}
		else {
			running = CompletableFuture.completedFuture(extend());
		}
	}

	/** Extends the bundled data to the end of today each night (Beijing). */
	// Daily: one instance starts the night's extension (which itself runs under an advisory lock, see extend);
	// lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "power.bundledDataNightly", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "0 5 0 * * *", zone = "Asia/Shanghai")
	void nightly() {
		if (enabled && running.isDone()) {
			running = CompletableFuture.supplyAsync(this::extend);
		}
	}

	/** Waits for a running load (tests, the page). */
	public Optional<LoadReport> awaitLoaded() {
		return running.join();
	}

	/** Whether a load is running now. */
	public boolean loading() {
		return !running.isDone();
	}

	/** The hour the bundled data reach (exclusive), if loaded. */
	public Optional<Instant> loadedTo() {
		return jdbc.sql("SELECT loaded_to FROM power_bundled_load WHERE id = 1").query(Timestamp.class).optional().map(Timestamp::toInstant);
	}

	Optional<LoadReport> extend() {
		try {
			return SystemActor.call("power-bundled-data", () -> {
				Instant from = loadedTo().orElse(SyntheticLeshanPower.EPOCH);
				Instant to = IntensityComputation.startOf(LocalDate.now(clock.withZone(IntensityComputation.BEIJING)).plusDays(1));
				if (!from.isBefore(to)) {
					return Optional.<LoadReport>empty();
				}
				LoadReport r = load(from, to);
				jdbc.sql("""
						INSERT INTO power_bundled_load (id, loaded_to, loaded_at, millis) VALUES (1, :to, :at, :ms)
						ON CONFLICT (id) DO UPDATE SET loaded_to = excluded.loaded_to, loaded_at = excluded.loaded_at, millis = excluded.millis""")
					.param("to", Timestamp.from(to)).param("at", Timestamp.from(clock.instant())).param("ms", r.millis()).update();
				return Optional.of(r);
			});
		}
		catch (RuntimeException ex) {
			log.error("Could not load the bundled power data", ex);
			throw ex;
		}
	}

	/** Generates and stores the bundled hours from {@code from} to {@code to} and computes their intensities. */
	public LoadReport load(Instant from, Instant to) {
		long start = System.nanoTime();
		SyntheticLeshanPower g = profile.generator();
		zones.upsert(new Zones.Zone("NORTHWEST", "西北电网", "Northwest China grid", "EXTERNAL", null));
		zones.upsert(new Zones.Zone("EAST", "华东电网", "East China grid", "EXTERNAL", null));
		for (String z : g.externalZones().keySet()) {
			if (zones.find(z).isEmpty()) {
				zones.upsert(new Zones.Zone(z, z, z, "EXTERNAL", null));
			}
		}
		java.util.Set<String> known = new java.util.HashSet<>();
		zones.all().forEach(z -> known.add(z.code()));
		StringBuilder gen = new StringBuilder(1 << 20);
		StringBuilder flows = new StringBuilder(1 << 18);
		long[] counts = new long[2];
		String now = clock.instant().toString();
		g.generate(from, to, new SyntheticLeshanPower.Sink() {
			@Override
			public void generation(String zone, Instant hour, PowerTechnology technology, double mwh) {
				if (known.contains(zone)) {
					gen.append(zone).append('\t').append(hour).append('\t').append(technology.name()).append('\t')
						.append(String.format(java.util.Locale.ROOT, "%.3f", mwh)).append("\tt\t").append(now).append("\tsystem:bundled-data\n");
					counts[0]++;
				}
			}

			@Override
			public void interchange(String zone, Instant hour, String counterpart, double importMwh, double exportMwh) {
				if (known.contains(zone) && known.contains(counterpart)) {
					flows.append(zone).append('\t').append(hour).append('\t').append(counterpart).append('\t')
						.append(String.format(java.util.Locale.ROOT, "%.3f\t%.3f", importMwh, exportMwh)).append("\tt\t").append(now)
						.append("\tsystem:bundled-data\n");
					counts[1]++;
				}
			}
		});
		tx.executeWithoutResult(s -> {
			jdbc.sql("CREATE TEMP TABLE power_bundled_generation (LIKE power_generation_hour) ON COMMIT DROP").update();
			jdbc.sql("CREATE TEMP TABLE power_bundled_interchange (LIKE power_interchange_hour) ON COMMIT DROP").update();
			computation.copy("COPY power_bundled_generation (zone_code, hour_start, technology, mwh, synthetic, loaded_at, loaded_by) FROM STDIN", gen);
			computation.copy("""
					COPY power_bundled_interchange (zone_code, hour_start, counterpart_code, import_mwh, export_mwh, synthetic, loaded_at, loaded_by)
					FROM STDIN""", flows);
			// uploaded data win: a zone-hour that has any uploaded row keeps it and gets no bundled row
			jdbc.sql("""
					INSERT INTO power_generation_hour SELECT b.* FROM power_bundled_generation b
					WHERE NOT EXISTS (SELECT 1 FROM power_generation_hour u WHERE u.zone_code = b.zone_code AND u.hour_start = b.hour_start)
					ON CONFLICT DO NOTHING""").update();
			jdbc.sql("""
					INSERT INTO power_interchange_hour SELECT b.* FROM power_bundled_interchange b
					WHERE NOT EXISTS (SELECT 1 FROM power_interchange_hour u WHERE u.zone_code = b.zone_code AND u.hour_start = b.hour_start)
					ON CONFLICT DO NOTHING""").update();
			computation.recomputeAll(from, to);
		});
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Loaded the bundled made-up power data (示例数据（虚构）) {}–{}: {} generation and {} interchange rows in {} ms", from, to,
				counts[0], counts[1], millis);
		return new LoadReport(from, to, counts[0], counts[1], millis);
	}
}
