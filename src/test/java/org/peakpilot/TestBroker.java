package org.peakpilot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;

import javax.security.auth.Subject;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.peakpilot.monitoring.internal.EmbeddedMqttBroker;

/**
 * The MQTT broker of the tests, chosen like their database: the embedded broker of the default run (Apache Artemis,
 * started once per JVM on a free port, in memory) in the first run of the suite, the machine's Mosquitto
 * ({@code PEAKPILOT_TEST_MQTT_URL}, default {@code tcp://127.0.0.1:1883}) in the run against external services
 * ({@code -Dpeakpilot.test.broker=external}). As a JUnit condition: when that Mosquitto is unreachable, MQTT tests
 * are skipped on a developer's machine and fail when {@code CI} is set. Both let anyone in, as Mosquitto's default
 * configuration does on the loopback interface: to the application they are an external broker that does not say
 * who may publish where, so each message must carry its gateway's device token. The application's own embedded
 * broker, which checks every client, is tested by MqttBrokerSecurityTests.
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
			embedded = EmbeddedMqttBroker.start("127.0.0.1", freePort(), null, new Anyone(), null);
			Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
		}
		return embedded.url();
	}

	/**
	 * Whether the embedded test broker holds an MQTT session of this client id, asked without taking the session over
	 * as a probing client would; only for the embedded broker (Mosquitto cannot be asked).
	 */
	public static synchronized boolean holdsSession(String clientId) {
		if (external()) {
			throw new IllegalStateException("only the embedded test broker can be asked for its sessions");
		}
		url();
		return embedded.holdsSession(clientId);
	}

	/** Lets every client connect and do everything, like Mosquitto's default configuration. */
	private static final class Anyone implements ActiveMQSecurityManager5 {

		@Override
		public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
			Subject s = new Subject();
			s.getPrincipals().add(new UserPrincipal(user == null ? "anonymous" : user));
			return s;
		}

		@Override
		public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
			return true;
		}

		@Override
		public boolean validateUser(String user, String password) {
			return true;
		}

		@Override
		public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
			return true;
		}
	}

	/**
	 * A port free now, for a server the test starts a little later. Chosen below the kernel's ephemeral range
	 * (Linux: 32768–60999): a port the kernel hands out with {@code new ServerSocket(0)} is also the one it may
	 * give to the next outgoing connection of any process (a JDBC connection of another fork), and the server then
	 * failed to bind ("Address already in use", seen once in DemoSimulatorTests).
	 */
	public static int freePort() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = random.nextInt(20_000, 32_000);
			try (ServerSocket s = new ServerSocket()) {
				s.setReuseAddress(false);
				s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
				return port;
			}
			catch (IOException taken) {
				// next
			}
		}
		throw new IllegalStateException("no free port between 20000 and 32000");
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
