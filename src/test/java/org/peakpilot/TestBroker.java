package org.peakpilot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peakpilot.monitoring.EmbeddedMqttBroker;

/**
 * The MQTT broker of the tests, chosen like their database: the embedded broker of the default run (Apache Artemis,
 * started once per JVM on a free port, in memory) in the first run of the suite, the machine's Mosquitto
 * ({@code PEAKPILOT_TEST_MQTT_URL}, default {@code tcp://127.0.0.1:1883}) in the run against external services
 * ({@code -Dpeakpilot.test.broker=external}). As a JUnit condition: when that Mosquitto is unreachable, MQTT tests
 * are skipped on a developer's machine and fail when {@code CI} is set.
 */
public class TestBroker implements ExecutionCondition {

	private static EmbeddedMqttBroker embedded;
	private static Boolean reachable;

	public static boolean external() {
		return "external".equals(System.getProperty("peakpilot.test.broker"));
	}

	/** The URL of the broker the tests use, starting the embedded one if needed. */
	public static synchronized String url() {
		if (external()) {
			String url = System.getenv("PEAKPILOT_TEST_MQTT_URL");
			return url == null || url.isBlank() ? "tcp://127.0.0.1:1883" : url;
		}
		if (embedded == null) {
			embedded = EmbeddedMqttBroker.start("127.0.0.1", freePort(), null);
			Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
		}
		return embedded.url();
	}

	public static int freePort() {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean reachable(String url) {
		URI uri = URI.create(url);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!external()) {
			return ConditionEvaluationResult.enabled("embedded MQTT broker");
		}
		synchronized (TestBroker.class) {
			if (reachable == null) {
				reachable = reachable(url());
			}
		}
		if (reachable) {
			return ConditionEvaluationResult.enabled("MQTT broker at " + url());
		}
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
			throw new ExtensionConfigurationException("CI is set but the MQTT broker at " + url()
					+ " is unreachable: the MQTT tests must run against it (start Mosquitto: mosquitto -d -c /etc/mosquitto/mosquitto.conf)");
		}
		return ConditionEvaluationResult.disabled("MQTT broker at " + url() + " is unreachable; skipped outside CI");
	}
}
