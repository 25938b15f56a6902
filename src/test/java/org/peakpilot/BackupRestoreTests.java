package org.peakpilot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/deploy.md's backup and restore, done as written: the application fills a fresh database (the demo data set:
 * enterprises, users, plan values, meters and their readings, reports, budgets, green certificates ...), stops;
 * {@code pg_dump -Fc} of it, {@code pg_restore} into another fresh database, and the application starts on that one
 * (Flyway finds every migration applied) and is ready, MQTT subscribers included. Every table's row count, the sum
 * of every numeric column and every sequence are the same in the restored database as in the original, and counts
 * and sums still are after the application ran on it. That second run also shows
 * the operator's side of docs/deploy.md: the metrics account (made before the dump) scrapes {@code peakpilot_*}
 * metrics, and a graceful shutdown stops MQTT ingest while the database still answers.
 * <p>
 * {@code pg_dump} must be at least as new as the server. The run against the external server (PostgreSQL 15) uses
 * the machine's tools of that version. The embedded PostgreSQL of the first run is 18 and its bundle has no
 * {@code pg_dump}, nor does Debian 12 ship one of 18; so that run, unless the machine has tools as new as that,
 * does the procedure on a throwaway cluster of the machine's own PostgreSQL (initdb under /tmp, a free port),
 * which is what a production server runs. Without any PostgreSQL tools the test is skipped, and fails when CI is set
 * (.ci/run installs them).
 */
@ExtendWith({ ExternalDatabaseCondition.class, TestBroker.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreTests {

	private static final Path POSTGRES_LIB = Path.of("/usr/lib/postgresql");
	private static final String METRICS_USER = "prometheus";
	private static final String METRICS_PASSWORD = "metrics-password-1";

	private final String suffix = "_" + ProcessHandle.current().pid();
	private final String source = "pp_backup_src" + suffix;
	private final String restored = "pp_backup_dst" + suffix;
	/** jdbc:postgresql://host:port/ of the server the procedure runs on, and its user. */
	private String server;
	private String user;
	private Path bin;
	private Path cluster;
	private Path dump;

	@BeforeAll
	void chooseServerAndTools() throws Exception {
		List<Path> tools = installedTools();
		if (tools.isEmpty()) {
			String ci = System.getenv("CI");
			if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
				throw new IllegalStateException("CI is set but no PostgreSQL tools (pg_dump, pg_restore) are installed under " + POSTGRES_LIB);
			}
			Assumptions.abort("no PostgreSQL tools under " + POSTGRES_LIB + "; skipped outside CI");
		}
		String url;
		if (TestDatabase.external()) {
			url = TestDatabase.externalUrl();
			user = TestDatabase.externalUser();
		}
		else {
			url = null;
			user = "postgres";
		}
		if (url != null) {
			int major = serverMajor(url, user);
			bin = tools.stream().filter(t -> version(t) >= major).findFirst()
				.orElseThrow(() -> new IllegalStateException("no pg_dump of PostgreSQL " + major + " or newer under " + POSTGRES_LIB));
			URI uri = URI.create(url.substring("jdbc:".length()));
			server = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/";
			for (String db : List.of(source, restored)) {
				sql(url, "DROP DATABASE IF EXISTS " + db);
			}
			sql(url, "CREATE DATABASE " + source + " TEMPLATE template0 ENCODING 'UTF8'");
		}
		else {
			bin = tools.get(0);
			server = startThrowawayCluster();
			sql(server + "postgres", "CREATE DATABASE " + source + " TEMPLATE template0 ENCODING 'UTF8'");
		}
		dump = Files.createTempDirectory("pp-backup").resolve("peakpilot.dump");
	}

	@AfterAll
	void dropEverything() throws Exception {
		if (cluster != null) {
			asPostgres(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", cluster.resolve("data").toString(), "-m", "immediate", "-w"));
			deleteTree(cluster);
		}
		else if (server != null) {
			for (String db : List.of(source, restored)) {
				sql(TestDatabase.externalUrl(), "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		if (dump != null) {
			deleteTree(dump.getParent());
		}
	}

	@Test
	void aDumpRestoredIntoAFreshDatabaseStartsTheApplicationWithEveryCountAndSumEqual() throws Exception {
		try (ConfigurableApplicationContext app = start(source, true, null)) {
			assertThat(ready(app)).isEqualTo(200);
			// the account Prometheus scrapes with, restored with the rest
			UserAccounts accounts = app.getBean(UserAccounts.class);
			SystemActor.run("test", () -> accounts.createUser(new UserAccounts.UserForm(METRICS_USER, "Prometheus", METRICS_PASSWORD,
					Role.METRICS, null, null, null, Set.of(), true)));
		}
		Map<String, String> original = snapshot(server + source);
		assertThat(original.get("count enterprise")).as("the demo filled the database").isNotEqualTo("0");
		assertThat(original.keySet().stream().filter(k -> k.startsWith("count ")).filter(k -> !original.get(k).equals("0")).count())
			.as("tables with rows").isGreaterThan(30);

		// docs/deploy.md, "Backup and restore": a logical dump in the custom format, then a restore into a new database
		run(List.of(bin.resolve("pg_dump").toString(), "-h", host(), "-p", port(), "-U", user, "-Fc", "-f", dump.toString(), source));
		sql(server + adminDatabase(), "CREATE DATABASE " + restored + " TEMPLATE template0 ENCODING 'UTF8'");
		run(List.of(bin.resolve("pg_restore").toString(), "-h", host(), "-p", port(), "-U", user, "--exit-on-error", "--no-owner",
				"-d", restored, dump.toString()));
		assertThat(snapshot(server + restored)).as("restored: counts, sums and sequences").isEqualTo(original);

		// the restored run also takes MQTT (the suite's broker), so that ready means its subscribers are connected
		ShutdownWitness witness = new ShutdownWitness();
		try (ConfigurableApplicationContext app = start(restored, false, witness)) {
			witness.app = app;
			assertThat(ready(app)).as("ready on the restored database, MQTT subscribers connected").isEqualTo(200);
			HttpResponse<String> scrape = get(app, "/actuator/prometheus",
					"Basic " + Base64.getEncoder().encodeToString((METRICS_USER + ":" + METRICS_PASSWORD).getBytes(StandardCharsets.UTF_8)));
			assertThat(scrape.statusCode()).as("the restored metrics account scrapes").isEqualTo(200);
			// the instance's four subscribers (peakpilot.monitoring.mqtt.subscribers) connected, as readiness said
			assertThat(scrape.body()).contains("\npeakpilot_monitoring_mqtt_connected 4.0\n", "\npeakpilot_monitoring_mqtt_messages_total ");
		}
		// graceful shutdown (docs/deploy.md): by the last lifecycle phase, readiness refused traffic, MQTT ingest had stopped
		// and disconnected its subscribers, and the database still answered: the pool closes only after every phase
		assertThat(witness.seen).containsExactly("readiness REFUSING_TRAFFIC", "mqttIngest running false", "subscribers connected 0",
				"database answers true");

		// a start draws sequence numbers of its own (reference data inserted with ON CONFLICT DO NOTHING), so after it the
		// sequences may have moved on: counts and sums must not have
		Map<String, String> after = withoutSequences(snapshot(server + restored));
		assertThat(after).as("after a start and a stop on the restored database").isEqualTo(withoutSequences(original));
	}

	/**
	 * A lifecycle bean of the lowest phase: stopped after every other one (MQTT ingest, the web server), before any
	 * bean is destroyed; it notes what the application looks like then.
	 */
	static final class ShutdownWitness implements SmartLifecycle {
		ConfigurableApplicationContext app;
		final List<String> seen = new ArrayList<>();
		private volatile boolean running;

		@Override
		public void start() {
			running = true;
		}

		@Override
		public void stop() {
			seen.add("readiness " + app.getBean(ApplicationAvailability.class).getReadinessState());
			seen.add("mqttIngest running " + app.getBean("mqttIngest", Lifecycle.class).isRunning());
			seen.add("subscribers connected " + Math.round(app.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value()));
			boolean answers;
			try (Connection c = app.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
				answers = s.execute("SELECT 1");
			}
			catch (SQLException ex) {
				answers = false;
			}
			seen.add("database answers " + answers);
			running = false;
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}
	}

	/**
	 * The application on one database of the server, the demo data set loaded when asked; MQTT ingest at the suite's
	 * broker (topics and client ids of this run only) when a shutdown witness is given, else off.
	 */
	private ConfigurableApplicationContext start(String database, boolean demo, ShutdownWitness witness) {
		SpringApplication application = new SpringApplication(PeakPilotApplication.class);
		String run = UUID.randomUUID().toString().substring(0, 8);
		// after TestDatabase (spring.factories) has pointed it at a schema of the suite's database: this database instead
		application.addInitializers(context -> {
			TestPropertyValues.of("spring.datasource.url=" + server + database, "spring.datasource.username=" + user,
					"spring.flyway.schemas=public", "spring.flyway.default-schema=public", "peakpilot.test.schema=pp_backup",
					"server.port=0", "peakpilot.monitoring.mqtt.enabled=" + (witness != null),
					"peakpilot.monitoring.mqtt.broker-url=" + (witness != null ? TestBroker.url() : ""),
					"peakpilot.monitoring.mqtt.client-id=pp-test-backup-" + run, "peakpilot.monitoring.mqtt.topic-root=pp-test-" + run + "/v1",
					"peakpilot.monitoring.mqtt.session-expiry=PT1M", "peakpilot.demo.enabled=" + demo,
					"peakpilot.demo.allow-external-database=true", "peakpilot.demo.password=backup-demo-password").applyTo(context);
			if (witness != null) {
				context.getBeanFactory().registerSingleton("shutdownWitness", witness);
			}
		});
		return application.run();
	}

	/** Readiness, asked until it is UP or a minute has passed (the MQTT subscribers connect after the start). */
	private static int ready(ConfigurableApplicationContext app) throws Exception {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int status;
		do {
			status = get(app, "/readyz", null).statusCode();
			if (status == 200) {
				break;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < until);
		return status;
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String authorization) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Per table of the public schema its row count and the sum of each numeric column; per sequence its last value.
	 * Sums are taken as numeric, so that the order of rows does not change a floating-point sum.
	 */
	private Map<String, String> snapshot(String url) throws SQLException {
		Map<String, String> figures = new TreeMap<>();
		try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
			Map<String, List<String>> numeric = new TreeMap<>();
			try (ResultSet rs = s.executeQuery("""
					SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) ~ '^(smallint|integer|bigint|numeric|real|double precision)'
					FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
					WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
					ORDER BY 1, a.attnum""")) {
				while (rs.next()) {
					List<String> columns = numeric.computeIfAbsent(rs.getString(1), t -> new ArrayList<>());
					if (rs.getBoolean(3)) {
						columns.add(rs.getString(2));
					}
				}
			}
			for (Map.Entry<String, List<String>> table : numeric.entrySet()) {
				StringBuilder q = new StringBuilder("SELECT count(*)");
				for (String column : table.getValue()) {
					q.append(", sum(\"").append(column).append("\"::numeric)");
				}
				q.append(" FROM \"").append(table.getKey()).append('"');
				try (ResultSet rs = s.executeQuery(q.toString())) {
					rs.next();
					figures.put("count " + table.getKey(), rs.getString(1));
					for (int i = 0; i < table.getValue().size(); i++) {
						figures.put("sum " + table.getKey() + "." + table.getValue().get(i), String.valueOf(rs.getBigDecimal(i + 2)));
					}
				}
			}
			try (ResultSet rs = s.executeQuery("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")) {
				while (rs.next()) {
					figures.put("sequence " + rs.getString(1), rs.getString(2));
				}
			}
		}
		return figures;
	}

	private static Map<String, String> withoutSequences(Map<String, String> figures) {
		Map<String, String> rest = new TreeMap<>(figures);
		rest.keySet().removeIf(k -> k.startsWith("sequence "));
		return rest;
	}

	/** PostgreSQL's tools on this machine, newest first. */
	private static List<Path> installedTools() throws IOException {
		if (!Files.isDirectory(POSTGRES_LIB)) {
			return List.of();
		}
		try (Stream<Path> versions = Files.list(POSTGRES_LIB)) {
			return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_dump")) && Files.isExecutable(b.resolve("pg_restore")))
				.sorted(Comparator.comparingInt(BackupRestoreTests::version).reversed()).toList();
		}
	}

	private static int version(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int serverMajor(String url, String user) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SHOW server_version_num")) {
			rs.next();
			return Integer.parseInt(rs.getString(1)) / 10000;
		}
	}

	/** initdb and pg_ctl start of the machine's PostgreSQL, under /tmp on a free port (as user postgres when root). */
	private String startThrowawayCluster() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(bin.resolve("initdb")), "PostgreSQL server binaries in " + bin);
		cluster = Files.createTempDirectory("pp-backup-pg");
		Optional<String> owner = root() ? Optional.of("postgres") : Optional.empty();
		if (owner.isPresent()) {
			UserPrincipalLookupService users = cluster.getFileSystem().getUserPrincipalLookupService();
			Files.setOwner(cluster, users.lookupPrincipalByName(owner.get()));
		}
		int port = TestBroker.freePort();
		Path data = cluster.resolve("data");
		asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
				"--no-sync"));
		asPostgres(List.of(bin.resolve("pg_ctl").toString(), "start", "-D", data.toString(), "-w", "-l", cluster.resolve("log").toString(),
				"-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + cluster + " -c fsync=off"));
		return "jdbc:postgresql://127.0.0.1:" + port + "/";
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	private void asPostgres(List<String> command) throws Exception {
		List<String> full = new ArrayList<>();
		if (root()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		run(full);
	}

	private String host() {
		return URI.create(server.substring("jdbc:".length())).getHost();
	}

	private String port() {
		return Integer.toString(URI.create(server.substring("jdbc:".length())).getPort());
	}

	/** The database to connect to for CREATE DATABASE: the suite's (external) or postgres (throwaway cluster). */
	private String adminDatabase() {
		return cluster != null ? "postgres" : URI.create(TestDatabase.externalUrl().substring("jdbc:".length())).getPath().substring(1);
	}

	private static void run(List<String> command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
	}

	private void sql(String url, String statement) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
			s.execute(statement);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
