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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.SystemActor;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end ingest throughput over HTTP and over MQTT, measured against a raw COPY of the same rows into the same table with
 * the same keys (the limit). Not JMH: a load driver, because what is measured is many concurrent clients against
 * a running server. The application runs in this JVM (its own Tomcat on a free port, real HTTP on loopback);
 * the clients are {@code clients} threads, each sending JSON batches of {@code batch} readings with its enterprise's
 * device token over one kept-alive HTTP/1.1 connection ({@link RawHttp}; {@code http=jdk}: {@link HttpClient}).
 * Request bodies (with {@code http=raw} the whole requests' bytes) are built before the clock starts.
 * <p>
 * Each round: HTTP ingest of all readings into an empty reading table (timed until the last answer), check the
 * count and sum, empty the table; the same batches published over MQTT with QoS 1 to the application's broker
 * (embedded, or {@code broker=tcp://127.0.0.1:1883} for Mosquitto), timed until
 * the table holds them all; empty it; COPY the same rows (timed, {@code clients} connections in parallel), empty it
 * again. Rounds alternate so that both see the same server state; the report gives every round and the median.
 * <p>
 * The scheduled rollup is switched off ({@code -Dpeakpilot.monitoring.rollup.scheduled=false} is set here) and
 * the rollups of each HTTP round are made afterwards and timed on their own.
 * <p>
 * Arguments (key=value): database=embedded|external (default external), broker=embedded|tcp://host:port (default
 * embedded: the application's own Artemis in this JVM), subscribers=4 (the application's MQTT subscribers),
 * meters=1000, readings=1000000, batch=2000, clients=4, rounds=3, warmups=3 (unmeasured rounds of all three paths
 * before the measured ones; more, up to maxWarmups=30, until a round's HTTP and MQTT steps each kept the JIT compilers
 * busy for at most jitQuiet=0.3 CPU seconds per million readings), rollups=true (false skips the timed rollups after
 * each HTTP round), instances=1 (2: a second application context on the same schema and another port; the HTTP
 * clients split between the two, the MQTT subscribers of both share the stream; needs an external broker),
 * http=raw|jdk (the HTTP client, above).
 */
public final class IngestLoadDriver {

	private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	record Row(long meterId, Instant ts, BigDecimal value) {
	}

	record Batch(String token, long gatewayId, String body, int readings) {
	}

	public static void main(String[] args) {
		// a schema of its own, so that it can run beside the JMH benchmarks (pp_bench)
		if (System.getProperty("peakpilot.bench.schema") == null) {
			System.setProperty("peakpilot.bench.schema", "pp_bench_ingest");
		}
		try {
			run(args);
			System.exit(0);
		}
		catch (Throwable ex) {
			// exit even though client threads (MQTT, HTTP) are still alive
			ex.printStackTrace();
			System.exit(1);
		}
	}

	static void run(String[] args) throws Exception {
		String database = arg(args, "database", "external");
		int meterCount = Integer.parseInt(arg(args, "meters", "1000"));
		int readings = Integer.parseInt(arg(args, "readings", "1000000"));
		int batchSize = Integer.parseInt(arg(args, "batch", "2000"));
		int clients = Integer.parseInt(arg(args, "clients", "4"));
		int rounds = Integer.parseInt(arg(args, "rounds", "3"));
		int warmups = Integer.parseInt(arg(args, "warmups", "3"));
		int maxWarmups = Integer.parseInt(arg(args, "maxWarmups", "30"));
		double jitQuiet = Double.parseDouble(arg(args, "jitQuiet", "0.3"));
		String brokerArg = arg(args, "broker", "embedded");
		boolean rollupsToo = Boolean.parseBoolean(arg(args, "rollups", "true"));
		int instances = Integer.parseInt(arg(args, "instances", "1"));
		String httpClient = arg(args, "http", "raw");
		if (instances < 1 || instances > 2 || (instances == 2 && brokerArg.equals("embedded"))) {
			throw new IllegalArgumentException("instances is 1 or 2; two need an external broker (broker=tcp://…)");
		}
		if (!brokerArg.equals("embedded")) {
			System.setProperty("peakpilot.monitoring.mqtt.broker-url", brokerArg);
		}
		System.setProperty("peakpilot.monitoring.mqtt.subscribers", arg(args, "subscribers", "4"));
		// the subscribers' sessions outlive the run by two minutes, not the application's day: every run with its own
		// client ids left a session on the broker that queued every later run's messages (Mosquitto's persistence file
		// grew to 3.9 GB in one morning of runs, and its autosave stalled a measured MQTT round for 11 s)
		if (System.getProperty("peakpilot.monitoring.mqtt.session-expiry") == null) {
			System.setProperty("peakpilot.monitoring.mqtt.session-expiry", "PT2M");
		}
		System.setProperty("peakpilot.monitoring.rollup.scheduled", "false");
		try (BenchPlatform platform = BenchPlatform.start(database, "off");
				ConfigurableApplicationContext second = instances == 2 ? platform.another("peakpilot-ingest-b") : null) {
			System.out.println("server: " + platform.describe());
			System.out.printf("meters %d, readings %d, batch %d, clients %d, instances %d, cores %d%n", meterCount, readings, batchSize,
					clients, instances, Runtime.getRuntime().availableProcessors());
			List<URI> uris = new ArrayList<>();
			for (ConfigurableApplicationContext instance : second == null ? List.of(platform.context) : List.of(platform.context, second)) {
				uris.add(URI.create("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port") + "/api/v1/monitoring/readings"));
			}
			RollupJob rollups = platform.context.getBean(RollupJob.class);
			Random random = new Random(42);
			List<BenchMeters.EnterpriseMeters> enterprises = BenchMeters.register(platform, meterCount, random);

			// readings: per meter, consecutive 15-minute intervals ending before now
			int perMeter = (int) Math.ceil((double) readings / meterCount);
			Instant last = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 900 * 900 - 900);
			List<Batch> batches = new ArrayList<>();
			List<Row> rows = new ArrayList<>(readings);
			BigDecimal sum = BigDecimal.ZERO;
			int made = 0;
			for (int e = 0; e < enterprises.size() && made < readings; e++) {
				BenchMeters.EnterpriseMeters ent = enterprises.get(e);
				StringBuilder body = new StringBuilder();
				int inBody = 0;
				for (int k = 0; k < perMeter && made < readings; k++) {
					Instant ts = last.minusSeconds(900L * (perMeter - k));
					for (int m = 0; m < ent.meterIds().length && made < readings; m++) {
						BigDecimal v = BigDecimal.valueOf(100_0 + random.nextInt(900_0), 1);
						rows.add(new Row(ent.meterIds()[m], ts, v));
						sum = sum.add(v);
						body.append(inBody == 0 ? "{\"readings\":[" : ",").append("{\"meter\":\"").append(ent.codes().get(m)).append("\",\"ts\":\"")
							.append(TS.format(ts.atOffset(ZoneOffset.ofHours(8)))).append("\",\"value\":").append(v.toPlainString()).append('}');
						inBody++;
						made++;
						if (inBody == batchSize) {
							batches.add(new Batch(ent.token(), ent.gatewayId(), body.append("]}").toString(), inBody));
							body.setLength(0);
							inBody = 0;
						}
					}
				}
				if (inBody > 0) {
					batches.add(new Batch(ent.token(), ent.gatewayId(), body.append("]}").toString(), inBody));
				}
			}
			// steady state: one new reading per meter, the quarter hour after the others
			List<Batch> steady = new ArrayList<>();
			int steadyReadings = 0;
			for (BenchMeters.EnterpriseMeters ent : enterprises) {
				StringBuilder body = new StringBuilder("{\"readings\":[");
				for (int m = 0; m < ent.meterIds().length; m++) {
					body.append(m == 0 ? "" : ",").append("{\"meter\":\"").append(ent.codes().get(m)).append("\",\"ts\":\"")
						.append(TS.format(last.atOffset(ZoneOffset.ofHours(8)))).append("\",\"value\":")
						.append(BigDecimal.valueOf(100_0 + random.nextInt(900_0), 1).toPlainString()).append('}');
				}
				steady.add(new Batch(ent.token(), ent.gatewayId(), body.append("]}").toString(), ent.meterIds().length));
				steadyReadings += ent.meterIds().length;
			}
			Collections.shuffle(batches, random);
			System.out.printf("prepared %d readings in %d batches (%.1f MB of JSON), sum %s%n", made, batches.size(),
					batches.stream().mapToLong(b -> b.body().length()).sum() / 1e6, sum.toPlainString());

			// raw (default): plain HTTP/1.1 over one kept-alive socket per client thread, each request's bytes encoded
			// before the clock starts, as a gateway or wrk sends them; jdk: java.net.http.HttpClient (before 2026-12-07)
			HttpClient http = switch (httpClient) {
				case "raw" -> null;
				case "jdk" -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				default -> throw new IllegalArgumentException("http is raw or jdk");
			};
			RawHttp raw = http == null ? new RawHttp(batches, steady) : null;
			System.out.println("HTTP client: " + httpClient);
			List<Double> httpRates = new ArrayList<>();
			List<Double> mqttRates = new ArrayList<>();
			List<Double> copyRates = new ArrayList<>();
			String brokerUrl = platform.context.getEnvironment().getProperty("peakpilot.monitoring.mqtt.broker-url");
			URI broker = URI.create(brokerUrl == null || brokerUrl.isBlank()
					? "tcp://127.0.0.1:" + platform.context.getEnvironment().getProperty("peakpilot.monitoring.mqtt.embedded.port") : brokerUrl);
			System.out.println("MQTT broker: " + broker + (brokerUrl == null || brokerUrl.isBlank() ? " (embedded)" : ""));
			// one connection per gateway, signed in with its id and token (the embedded broker checks who publishes where)
			java.util.Map<Long, Mqtt5AsyncClient> mqtt = new java.util.HashMap<>();
			for (BenchMeters.EnterpriseMeters ent : enterprises) {
				Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("pp-bench-gateway-" + ent.gatewayId()).serverHost(broker.getHost())
					.serverPort(broker.getPort()).simpleAuth().username(Long.toString(ent.gatewayId()))
					.password(ent.token().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
				c.connect().join();
				mqtt.put(ent.gatewayId(), c);
			}
			// warm-up, not measured: full rounds of each path (MQTT too: until 2026-12-07 only HTTP and COPY were warmed
			// up, so MQTT's first measured round carried its JIT compilation), so that all run compiled code with warm caches
			// until the JIT compilers are quiet: on 2 cores the one C2 thread needs 15 or more rounds (over 5,000 requests)
			// before the per-request code of Tomcat, Spring MVC and Security is compiled; until then it took up to a
			// third of the processors during the HTTP step (measured 2026-12-07: 2.5 → 0.2 s per million readings)
			boolean quiet = false;
			for (int w = 1; w <= maxWarmups && (w <= warmups || !quiet); w++) {
				Map<String, Long> cpu = ThreadCpu.byGroup();
				sendAll(http, raw, uris, batches, clients);
				double httpJit = ThreadCpu.groupSince(cpu, made, ThreadCpu.JIT);
				String httpCpu = ThreadCpu.since(cpu, made);
				empty(platform);
				cpu = ThreadCpu.byGroup();
				publishAll(mqtt, batches);
				waitFor(platform, made, Duration.ofMinutes(10));
				double mqttJit = ThreadCpu.groupSince(cpu, made, ThreadCpu.JIT);
				String mqttCpu = ThreadCpu.since(cpu, made);
				empty(platform);
				copy(platform, rows, clients);
				empty(platform);
				quiet = httpJit <= jitQuiet && mqttJit <= jitQuiet;
				System.out.printf("warm-up round %d done (JIT %.2f and %.2f s per million readings%s); CPU s per million readings: HTTP %s; MQTT %s%n",
						w, httpJit, mqttJit, quiet ? ", quiet" : "", httpCpu, mqttCpu);
			}
			for (int r = 1; r <= rounds; r++) {
				Map<String, Long> cpu = ThreadCpu.byGroup();
				long t0 = System.nanoTime();
				long stored = sendAll(http, raw, uris, batches, clients);
				double seconds = (System.nanoTime() - t0) / 1e9;
				check(platform, made, sum, stored);
				httpRates.add(made / seconds);
				System.out.printf("round %d HTTP: %d readings in %.2f s = %,.0f readings/s; CPU s per million readings: %s%n", r, made, seconds,
						made / seconds, ThreadCpu.since(cpu, made));
				if (rollupsToo) {
					t0 = System.nanoTime();
					int rolled = SystemActor.call("bench", rollups::rollUpPending);
					seconds = (System.nanoTime() - t0) / 1e9;
					System.out.printf("round %d rollups of %d meters (Q/H/D/M) in %.2f s = %,.0f readings/s%n", r, rolled, seconds, made / seconds);
					// steady state: every meter sends its next quarter hour, then the rollups of that one reading each
					sendAll(http, raw, uris, steady, clients);
					t0 = System.nanoTime();
					rolled = SystemActor.call("bench", rollups::rollUpPending);
					seconds = (System.nanoTime() - t0) / 1e9;
					System.out.printf("round %d steady rollups: %d meters with one new reading each (%d readings) in %.3f s = %.2f ms per meter%n",
							r, rolled, steadyReadings, seconds, seconds * 1000 / Math.max(1, rolled));
				}
				empty(platform);

				cpu = ThreadCpu.byGroup();
				t0 = System.nanoTime();
				publishAll(mqtt, batches);
				waitFor(platform, made, Duration.ofMinutes(10));
				seconds = (System.nanoTime() - t0) / 1e9;
				check(platform, made, sum, made);
				mqttRates.add(made / seconds);
				System.out.printf("round %d MQTT: %d readings in %.2f s = %,.0f readings/s; CPU s per million readings: %s%n", r, made, seconds,
						made / seconds, ThreadCpu.since(cpu, made));
				empty(platform);

				cpu = ThreadCpu.byGroup();
				t0 = System.nanoTime();
				copy(platform, rows, clients);
				seconds = (System.nanoTime() - t0) / 1e9;
				check(platform, made, sum, made);
				copyRates.add(made / seconds);
				System.out.printf("round %d COPY: %d rows in %.2f s = %,.0f rows/s; CPU s per million readings: %s%n", r, made, seconds,
						made / seconds, ThreadCpu.since(cpu, made));
				empty(platform);
			}
			mqtt.values().forEach(c -> c.disconnect().join());
			double h = median(httpRates);
			double q = median(mqttRates);
			double c = median(copyRates);
			System.out.printf("%nmedian: HTTP %,.0f readings/s (%.2f of COPY), MQTT %,.0f readings/s (%.2f of COPY), raw COPY %,.0f rows/s%n",
					h, h / c, q, q / c, c);
		}
	}

	/** Sends every batch with {@code clients} threads; returns the readings the server says it stored. */
	static long sendAll(HttpClient http, RawHttp raw, List<URI> uris, List<Batch> batches, int clients) throws Exception {
		if (http == null) {
			return raw.sendAll(uris, batches, clients);
		}
		ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>(batches);
		AtomicLong stored = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(clients, ThreadCpu.named("bench-http-client-"));
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			URI uri = uris.get(i % uris.size()); // the clients split between the instances
			futures.add(pool.submit(() -> {
				Batch b;
				while ((b = queue.poll()) != null) {
					HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + b.token())
						.header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
						.POST(HttpRequest.BodyPublishers.ofString(b.body(), StandardCharsets.UTF_8)).build();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
					}
					String answer = response.body();
					int at = answer.indexOf("\"stored\":") + 9;
					stored.addAndGet(Long.parseLong(answer.substring(at, answer.indexOf(',', at))));
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES); // the threads' CPU is counted as they end
		return stored.get();
	}

	/**
	 * Publishes every batch with QoS 1 over its gateway's connection to its topic, the token also in the user property
	 * (which an external broker that does not authorise topics needs), as a gateway would; returns when the broker has
	 * acknowledged them all (not when they are stored).
	 */
	static void publishAll(java.util.Map<Long, Mqtt5AsyncClient> mqtt, List<Batch> batches) {
		List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
		for (Batch b : batches) {
			acks.add(mqtt.get(b.gatewayId()).publishWith().topic("peakpilot/v1/readings/" + b.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
				.payload(b.body().getBytes(StandardCharsets.UTF_8)).userProperties().add("authorization", "Bearer " + b.token())
				.applyUserProperties().send());
		}
		acks.forEach(java.util.concurrent.CompletableFuture::join);
	}

	/**
	 * Polls until the committed batches say {@code expected} readings were stored. A batch's record
	 * (monitoring_batch, a few hundred rows) commits with its readings, so this sees the same moment as counting the
	 * reading table, without the count over a million rows every 20 ms that took a good part of a core from the
	 * server being measured (measurements before 2026-12-06 polled count(*)).
	 */
	static void waitFor(BenchPlatform platform, long expected, Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		try (Connection c = platform.connect(); Statement s = c.createStatement()) {
			while (System.nanoTime() < deadline) {
				try (var rs = s.executeQuery("SELECT coalesce(sum(stored), 0) FROM monitoring_batch")) {
					rs.next();
					if (rs.getLong(1) >= expected) {
						return;
					}
				}
				Thread.sleep(20);
			}
		}
		throw new IllegalStateException("not all readings arrived over MQTT within " + limit);
	}

	/** COPY of the same rows into monitoring_reading, split over {@code clients} connections. */
	static void copy(BenchPlatform platform, List<Row> rows, int clients) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		int share = (rows.size() + clients - 1) / clients;
		String received = Instant.now().atOffset(ZoneOffset.UTC).toString();
		for (int i = 0; i < clients; i++) {
			List<Row> part = rows.subList(Math.min(rows.size(), i * share), Math.min(rows.size(), (i + 1) * share));
			futures.add(pool.submit(() -> {
				try (Connection c = platform.connect()) {
					CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
						.copyIn("COPY monitoring_reading (meter_id, ts, value, origin, received_at) FROM STDIN");
					StringBuilder sb = new StringBuilder(1 << 20);
					for (Row r : part) {
						sb.append(r.meterId()).append('\t').append(r.ts().atOffset(ZoneOffset.UTC)).append('\t').append(r.value().toPlainString())
							.append("\tH\t").append(received).append('\n');
						if (sb.length() > (1 << 20)) {
							byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
							in.writeToCopy(bytes, 0, bytes.length);
							sb.setLength(0);
						}
					}
					byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
					in.writeToCopy(bytes, 0, bytes.length);
					in.endCopy();
					try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
						rs.next();
						ThreadCpu.backendEnding(rs.getInt(1));
					}
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
	}

	static void check(BenchPlatform platform, int expected, BigDecimal sum, long stored) throws SQLException {
		try (Connection c = platform.connect(); Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT count(*), coalesce(sum(value), 0) FROM monitoring_reading")) {
			rs.next();
			if (rs.getLong(1) != expected || rs.getBigDecimal(2).compareTo(sum) != 0 || stored != expected) {
				throw new IllegalStateException("expected " + expected + " readings summing to " + sum + ", found " + rs.getLong(1)
						+ " summing to " + rs.getBigDecimal(2) + " (answers said " + stored + " stored)");
			}
		}
	}

	static void empty(BenchPlatform platform) throws SQLException {
		try (Connection c = platform.connect(); Statement s = c.createStatement()) {
			s.execute("TRUNCATE monitoring_reading, monitoring_rollup_pending, monitoring_rollup, monitoring_meter_status, monitoring_batch");
			s.execute("VACUUM ANALYZE monitoring_reading");
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	static String arg(String[] args, String key, String fallback) {
		for (String a : args) {
			if (a.startsWith(key + "=")) {
				return a.substring(key.length() + 1);
			}
		}
		return fallback;
	}
}
