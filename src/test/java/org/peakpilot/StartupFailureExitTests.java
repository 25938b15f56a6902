package org.peakpilot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that fails ends the process with a non-zero code (issue 16), so that a supervisor restarts it. Before,
 * the HiveMQ client's event loop (no daemon thread) kept a JVM without HTTP alive for minutes after a start-up
 * load failed. The application runs in a child JVM with the embedded MQTT broker and ingest on, on a new schema,
 * and fails in its administrator bootstrap (a password too short), after the MQTT client was started.
 */
class StartupFailureExitTests {

	/** Generous: a start on this machine takes well under a minute; a process that hangs stays for many. */
	private static final long BOUND_MINUTES = 4;

	@TempDir
	Path dir;

	@Test
	void aFailedStartExitsWithCodeOne() throws Exception {
		String[] db = TestDatabase.urlAndUser();
		String schema = "pp_exit_" + ProcessHandle.current().pid();
		String url = db[0] + (db[0].contains("?") ? "&" : "?") + "currentSchema=" + schema;
		Path log = dir.resolve("child.log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", applicationClassPath(), "org.peakpilot.PeakPilotApplication",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + db[1],
				"--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
				"--PEAKPILOT_ADMIN_PASSWORD=short", "--server.port=0",
				"--peakpilot.monitoring.mqtt.enabled=true", "--peakpilot.monitoring.mqtt.broker-url=",
				"--peakpilot.monitoring.mqtt.embedded.port=" + freePort(),
				"--peakpilot.monitoring.mqtt.embedded.directory=" + dir.resolve("mqtt"),
				"--peakpilot.power.bundled-data=false", "--peakpilot.demo.enabled=false"));
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			boolean exited = child.waitFor(BOUND_MINUTES, TimeUnit.MINUTES);
			String output = Files.readString(log, StandardCharsets.UTF_8);
			assertThat(exited).as("the child exited; its output:\n" + tail(output)).isTrue();
			assertThat(output).contains("PEAKPILOT_ADMIN_PASSWORD needs at least").contains("PeakPilot did not start");
			assertThat(child.exitValue()).isEqualTo(1);
		}
		finally {
			child.destroyForcibly();
			try (Connection c = DriverManager.getConnection(url, db[1], null)) {
				TestDatabase.dropSchema(c, schema);
			}
		}
	}

	private static String tail(String text) {
		return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
	}

	private static int freePort() {
		return TestBroker.freePort();
	}

	/** The test's class path without the test classes (whose spring.factories would set the database up again). */
	private static String applicationClassPath() throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.endsWith(".jar") && entry.contains("surefire")) {
				// surefire's manifest-only jar: its Class-Path lists the real entries as URLs
				try (JarFile jar = new JarFile(entry)) {
					Manifest m = jar.getManifest();
					String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
					if (cp != null) {
						for (String u : cp.trim().split("\\s+")) {
							entries.add(Path.of(java.net.URI.create(u)).toString());
						}
						continue;
					}
				}
			}
			entries.add(entry);
		}
		entries.removeIf(e -> e.replace('\\', '/').matches(".*/test-classes/?$"));
		return String.join(File.pathSeparator, entries);
	}
}
