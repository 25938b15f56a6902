package org.peakpilot.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.monitoring.internal.MonitoringPartitions;
import org.peakpilot.monitoring.internal.MonitoringViews;
import org.peakpilot.monitoring.internal.Range;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.SystemActor;

/**
 * A simulated province (issue 16): {@code meters} 15-minute electricity meters (20 per enterprise, one gateway each)
 * and {@code days} Beijing days of readings ending now, sent day by day through the application's HTTP ingest
 * ({@code clients} threads, one JSON batch per enterprise and day: 20 meters × 96 intervals = 1,920 readings, built
 * by the client thread as it goes), each day rolled up ({@code rollUpPending}, timed apart) before the next is sent,
 * as the scheduled rollup would between two days of a catch-up. At each month's end and at the end: rows and size on
 * disk of readings and rollups (tables and indexes apart, summed over their partitions). At the end: p50/p95 of the
 * main monitoring views, called in this JVM with city-wide rights ({@code samples} calls each after 5 unmeasured).
 * <p>
 * Not JMH: one long load. Arguments (key=value): database=external (default) or embedded, meters=5000, days=91,
 * clients=4, samples=50. The schema {@code pp_bench_province} is dropped and recreated; point
 * {@code PEAKPILOT_BENCH_DB_URL} at a database of its own (e.g. {@code jdbc:postgresql://127.0.0.1:5432/pp_province}).
 */
public final class ProvinceLoadDriver {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	public static void main(String[] args) {
		if (System.getProperty("peakpilot.bench.schema") == null) {
			System.setProperty("peakpilot.bench.schema", "pp_bench_province");
		}
		try {
			run(args);
			System.exit(0);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	static void run(String[] args) throws Exception {
		String database = IngestLoadDriver.arg(args, "database", "external");
		int meterCount = Integer.parseInt(IngestLoadDriver.arg(args, "meters", "5000"));
		int days = Integer.parseInt(IngestLoadDriver.arg(args, "days", "91"));
		int clients = Integer.parseInt(IngestLoadDriver.arg(args, "clients", "4"));
		int samples = Integer.parseInt(IngestLoadDriver.arg(args, "samples", "50"));
		for (String off : List.of("peakpilot.monitoring.rollup.scheduled", "peakpilot.monitoring.partitions.scheduled",
				"peakpilot.monitoring.alarms.scheduled", "peakpilot.monitoring.closing.scheduled", "peakpilot.budget.execution.scheduled",
				"peakpilot.monitoring.mqtt.enabled")) {
			System.setProperty(off, "false");
		}
		try (BenchPlatform platform = BenchPlatform.start(database, "off")) {
			System.out.println("server: " + platform.describe());
			System.out.printf("meters %d, days %d, clients %d, cores %d, max heap %d MB%n", meterCount, days, clients,
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
			int port = Integer.parseInt(platform.context.getEnvironment().getProperty("local.server.port"));
			EnergyMonitoring monitoring = platform.context.getBean(EnergyMonitoring.class);
			RollupJob rollups = platform.context.getBean(RollupJob.class);
			MonitoringPartitions partitions = platform.context.getBean(MonitoringPartitions.class);
			Random random = new Random(42);
			long t0 = System.nanoTime();
			List<BenchMeters.EnterpriseMeters> enterprises = BenchMeters.register(platform, meterCount, random);
			System.out.printf("registered %d meters of %d enterprises in %.1f s%n", meterCount, enterprises.size(), (System.nanoTime() - t0) / 1e9);

			// Beijing days ending with today (up to the last whole quarter hour); their months get partitions first, as
			// the maintenance job would have made them
			Instant end = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 900 * 900);
			LocalDate today = end.atZone(BEIJING).toLocalDate();
			LocalDate first = today.minusDays(days - 1L);
			for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
				partitions.addMonth("monitoring_reading", m);
				partitions.addMonth("monitoring_rollup", m);
			}
			boolean autovacuum = autovacuum(platform);
			if (!autovacuum) {
				System.out.println("autovacuum is off on this server: the day's month partitions are analyzed after each day, "
						+ "as autovacuum would keep their statistics (timed apart)");
			}
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/monitoring/readings");
			long readings = 0;
			double ingestSeconds = 0;
			double rollupSeconds = 0;
			BigDecimal[] sum = { BigDecimal.ZERO };
			for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
				Instant from = day.atStartOfDay(BEIJING).toInstant();
				Instant to = day.plusDays(1).atStartOfDay(BEIJING).toInstant();
				if (to.isAfter(end)) {
					to = end;
				}
				int intervals = (int) (Duration.between(from, to).toMinutes() / 15);
				if (intervals == 0) {
					break;
				}
				long seed = day.toEpochDay();
				long t = System.nanoTime();
				long stored = sendDay(http, uri, enterprises, from, intervals, seed, clients, sum);
				double s = (System.nanoTime() - t) / 1e9;
				long expected = (long) meterCount * intervals;
				if (stored != expected) {
					throw new IllegalStateException(day + ": stored " + stored + " of " + expected);
				}
				t = System.nanoTime();
				int rolled = SystemActor.call("bench", rollups::rollUpPending);
				double r = (System.nanoTime() - t) / 1e9;
				readings += stored;
				ingestSeconds += s;
				rollupSeconds += r;
				String analyzed = autovacuum ? "" : ", analyze %.1f s".formatted(analyze(platform, day, to));
				System.out.printf("%s: %,d readings, ingest %.1f s (%,.0f/s), rollups of %d meters %.1f s (%,.0f readings/s)%s; total %,d%n",
						day, stored, s, stored / s, rolled, r, stored / r, analyzed, readings);
				if (day.plusDays(1).getDayOfMonth() == 1 || day.equals(today)) {
					System.out.printf("== after %s: %,d readings; ingest %.0f s = %,.0f readings/s; rollups %.0f s = %,.0f readings/s; ingest+rollups %,.0f readings/s%n",
							day, readings, ingestSeconds, readings / ingestSeconds, rollupSeconds, readings / rollupSeconds,
							readings / (ingestSeconds + rollupSeconds));
					sizes(platform, readings);
					if (!day.equals(today)) {
						// the views at this size (month-to-date reads the current month: empty until it is loaded)
						views(platform, enterprises, first, (int) (day.toEpochDay() - first.toEpochDay() + 1), Math.min(samples, 20));
					}
				}
			}
			check(platform, readings, sum[0]);
			try (Connection c = platform.connect(); Statement st = c.createStatement()) {
				st.execute("VACUUM ANALYZE monitoring_reading");
				st.execute("VACUUM ANALYZE monitoring_rollup");
			}
			sizes(platform, readings);

			views(platform, enterprises, first, days, samples);
		}
	}

	/** p50/p95 of the main views at the current size; {@code first}, {@code days}: the loaded days to pick from. */
	static void views(BenchPlatform platform, List<BenchMeters.EnterpriseMeters> enterprises, LocalDate first, int days, int samples) {
		EnergyMonitoring monitoring = platform.context.getBean(EnergyMonitoring.class);
		MonitoringViews views = platform.context.getBean(MonitoringViews.class);
		Readings meterReadings = platform.context.getBean(Readings.class);
		// the live view of the newest loaded day (the page follows the newest data day); month-to-date always reads the
		// current month, which holds data only once the load reaches today
		LocalDate viewDay = first.plusDays(days - 1L);
		System.out.printf("  views (%d calls each after 5 unmeasured; ms):%n", samples);
		time("live view (citySummary of the newest loaded day, city-wide)", samples, () -> views.citySummary(viewDay));
		time("month-to-date of the current month (city-wide, " + enterprises.size() + " enterprises)", samples, () -> views.monthToDate(null));
		Random pick = new Random(7);
		time("meter series, a day of quarter hours (random meter, random day)", samples, () -> {
			BenchMeters.EnterpriseMeters e = enterprises.get(pick.nextInt(enterprises.size()));
			return meterReadings.meterSeries(e.meterIds()[pick.nextInt(e.meterIds().length)], Range.DAY, first.plusDays(pick.nextInt(days)));
		});
		time("meter series, a month of days (random meter, random month)", samples, () -> {
			BenchMeters.EnterpriseMeters e = enterprises.get(pick.nextInt(enterprises.size()));
			return meterReadings.meterSeries(e.meterIds()[pick.nextInt(e.meterIds().length)], Range.MONTH, first.plusDays(pick.nextInt(days)));
		});
		time("enterprise month (enterpriseSeries MONTH, 20 meters, random month)", samples, () -> views.enterpriseSeries(
				enterprises.get(pick.nextInt(enterprises.size())).enterpriseId(), Range.MONTH, first.plusDays(pick.nextInt(days)), null));
		time("hourly electricity of an enterprise over 30 days (power)", samples, () -> {
			LocalDate d = first.plusDays(pick.nextInt(Math.max(1, days - 30)));
			return monitoring.electricityByHour(enterprises.get(pick.nextInt(enterprises.size())).enterpriseId(),
					d.atStartOfDay(BEIJING).toInstant(), d.plusDays(30).atStartOfDay(BEIJING).toInstant());
		});
	}

	/** Sends one Beijing day (from, intervals) of every enterprise, one batch each; returns the readings stored. */
	static long sendDay(HttpClient http, URI uri, List<BenchMeters.EnterpriseMeters> enterprises, Instant from, int intervals, long seed,
			int clients, BigDecimal[] sum) throws Exception {
		List<BenchMeters.EnterpriseMeters> order = new ArrayList<>(enterprises);
		Collections.shuffle(order, new Random(seed));
		ConcurrentLinkedQueue<BenchMeters.EnterpriseMeters> queue = new ConcurrentLinkedQueue<>(order);
		AtomicLong stored = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<BigDecimal>> futures = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			futures.add(pool.submit(() -> {
				BigDecimal mine = BigDecimal.ZERO;
				BenchMeters.EnterpriseMeters e;
				StringBuilder body = new StringBuilder(1 << 17);
				while ((e = queue.poll()) != null) {
					Random values = new Random(seed * 1_000_003 + e.enterpriseId());
					body.setLength(0);
					body.append("{\"readings\":[");
					for (int k = 1; k <= intervals; k++) {
						String ts = TS.format(from.plusSeconds(900L * k).atOffset(ZoneOffset.ofHours(8)));
						for (int m = 0; m < e.meterIds().length; m++) {
							BigDecimal v = BigDecimal.valueOf(100_0 + values.nextInt(900_0), 1);
							mine = mine.add(v);
							if (k > 1 || m > 0) {
								body.append(',');
							}
							body.append("{\"meter\":\"").append(e.codes().get(m)).append("\",\"ts\":\"").append(ts).append("\",\"value\":")
								.append(v.toPlainString()).append('}');
						}
					}
					body.append("]}");
					HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + e.token())
						.header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
						.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
					}
					String answer = response.body();
					int at = answer.indexOf("\"stored\":") + 9;
					stored.addAndGet(Long.parseLong(answer.substring(at, answer.indexOf(',', at))));
				}
				return mine;
			}));
		}
		for (Future<BigDecimal> f : futures) {
			BigDecimal part = f.get();
			synchronized (sum) {
				sum[0] = sum[0].add(part);
			}
		}
		pool.shutdown();
		return stored.get();
	}

	static void check(BenchPlatform platform, long expected, BigDecimal sum) throws SQLException {
		try (Connection c = platform.connect(); Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT count(*), coalesce(sum(value), 0), (SELECT count(*) FROM monitoring_reading_default) FROM monitoring_reading")) {
			rs.next();
			if (rs.getLong(1) != expected || rs.getBigDecimal(2).compareTo(sum) != 0) {
				throw new IllegalStateException("expected " + expected + " readings summing to " + sum + ", found " + rs.getLong(1) + " summing to "
						+ rs.getBigDecimal(2));
			}
			System.out.printf("checked: %,d readings summing to %s; %d in the default partition%n", expected, sum.toPlainString(), rs.getLong(3));
		}
	}

	/** Rows, table and index size of readings and rollups (summed over their partitions), per million readings. */
	static boolean autovacuum(BenchPlatform platform) throws SQLException {
		try (Connection c = platform.connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW autovacuum")) {
			rs.next();
			return "on".equals(rs.getString(1));
		}
	}

	/**
	 * ANALYZE of the month partitions a day's readings and rollups went into (the month of the day and of the end of
	 * its last interval), which autovacuum does in production once a tenth of a partition changed: without it the
	 * statistics of a partition filled since its creation stay those of an empty table, and the plans that the
	 * application's pooled connections cache for the rollup job go wrong (docs/scale.md). Returns the seconds taken.
	 */
	static double analyze(BenchPlatform platform, LocalDate day, Instant to) throws SQLException {
		long t = System.nanoTime();
		java.util.Set<YearMonth> months = new java.util.TreeSet<>(List.of(YearMonth.from(day), YearMonth.from(to.atZone(BEIJING))));
		try (Connection c = platform.connect(); Statement s = c.createStatement()) {
			for (YearMonth m : months) {
				for (String table : List.of("monitoring_reading", "monitoring_rollup")) {
					s.execute("ANALYZE %s_%d_%02d".formatted(table, m.getYear(), m.getMonthValue()));
				}
			}
		}
		return (System.nanoTime() - t) / 1e9;
	}

	static void sizes(BenchPlatform platform, long readings) throws SQLException {
		try (Connection c = platform.connect(); Statement s = c.createStatement()) {
			for (String table : List.of("monitoring_reading", "monitoring_rollup")) {
				try (var rs = s.executeQuery("""
						SELECT count(*), sum(pg_table_size(i.inhrelid)), sum(pg_indexes_size(i.inhrelid)),
						       (SELECT reltuples::bigint FROM pg_class WHERE oid = '%s'::regclass)
						FROM pg_inherits i WHERE i.inhparent = '%s'::regclass
						""".formatted(table, table))) {
					rs.next();
					long tableBytes = rs.getLong(2);
					long indexBytes = rs.getLong(3);
					long rows;
					try (Statement s2 = c.createStatement(); var r2 = s2.executeQuery("SELECT count(*) FROM " + table)) {
						r2.next();
						rows = r2.getLong(1);
					}
					System.out.printf("  %s: %,d rows in %d partitions; table %,.1f MB, indexes %,.1f MB; per million readings: table %.1f MB + indexes %.1f MB = %.1f MB%n",
							table, rows, rs.getInt(1), tableBytes / 1e6, indexBytes / 1e6, tableBytes / 1e6 / (readings / 1e6),
							indexBytes / 1e6 / (readings / 1e6), (tableBytes + indexBytes) / 1e6 / (readings / 1e6));
				}
			}
			try (var rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
				rs.next();
				System.out.printf("  database: %,.1f MB%n", rs.getLong(1) / 1e6);
			}
		}
	}

	static void time(String what, int samples, Supplier<Object> call) {
		for (int i = 0; i < 5; i++) {
			SystemActor.call("bench", call);
		}
		List<Double> ms = new ArrayList<>();
		for (int i = 0; i < samples; i++) {
			long t = System.nanoTime();
			SystemActor.call("bench", call);
			ms.add((System.nanoTime() - t) / 1e6);
		}
		Collections.sort(ms);
		System.out.printf("  %-75s p50 %8.1f  p95 %8.1f  max %8.1f%n", what, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
				ms.get(ms.size() - 1));
	}
}
