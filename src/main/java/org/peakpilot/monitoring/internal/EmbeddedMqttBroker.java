package org.peakpilot.monitoring.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTStateManager;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker inside the application, for the default run: Apache Artemis with only its MQTT acceptor, every
 * client authenticated and every publish and subscription authorised by the security manager it is given (the
 * application's is {@link BrokerAccess}; docs/adr/0010-mqtt-broker-security.md), its queues and sessions kept on
 * disk under the data folder. Messages are redelivered as often as it takes: a reading
 * the subscriber never acknowledged is never dropped or dead-lettered. Production uses an external broker instead.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

	private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
	private final String host;
	private final int port;

	private EmbeddedMqttBroker(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Starts a broker on host:port whose clients {@code access} authenticates and authorises (it is asked at every
	 * connect, publish and subscription: Artemis caches none of its answers) and whose incoming packets
	 * {@code interceptor} sees first (null for none); {@code directory} null keeps everything in memory.
	 */
	public static EmbeddedMqttBroker start(String host, int port, Path directory, ActiveMQSecurityManager5 access, MQTTInterceptor interceptor) {
		EmbeddedMqttBroker broker = new EmbeddedMqttBroker(host, port);
		ArtemisDisconnectRace.install();
		Configuration c = new ConfigurationImpl();
		c.setName("peakpilot-mqtt");
		c.setSecurityEnabled(true);
		// no cached logins or permissions: a revoked or rotated device token must stop working at once
		c.setAuthenticationCacheSize(0);
		c.setAuthorizationCacheSize(0);
		c.setJMXManagementEnabled(false);
		c.setCriticalAnalyzer(false);
		c.setPersistenceEnabled(directory != null);
		if (directory != null) {
			Path dir = directory.toAbsolutePath();
			c.setJournalType(JournalType.NIO);
			c.setJournalDirectory(dir.resolve("journal").toString());
			c.setBindingsDirectory(dir.resolve("bindings").toString());
			c.setPagingDirectory(dir.resolve("paging").toString());
			c.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
			c.setNodeManagerLockDirectory(dir.toString());
		}
		try {
			// started below, once the interceptor is in place
			c.addAcceptorConfiguration("mqtt", "tcp://" + host + ":" + port + "?protocols=MQTT&autoStart=false");
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot configure the embedded MQTT broker at " + host + ":" + port, ex);
		}
		// never give up on a message the subscriber did not acknowledge (the default sends it away after 10 tries);
		// the two addresses are named only so that Artemis does not warn: nothing is dead-lettered, and a message
		// whose publisher set an MQTT expiry goes nowhere when it expires, as MQTT says
		c.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(-1).setDeadLetterAddress(SimpleString.of("DLQ"))
			.setExpiryAddress(SimpleString.of("ExpiryQueue")));
		broker.server.setConfiguration(c);
		broker.server.setSecurityManager(access);
		try {
			broker.server.start();
			if (interceptor != null) {
				broker.server.getActiveMQServer().getRemotingService().addIncomingInterceptor(interceptor);
			}
			broker.server.getActiveMQServer().getRemotingService().getAcceptor("mqtt").start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the embedded MQTT broker at " + host + ":" + port
					+ " (is the port taken? set PEAKPILOT_MQTT_EMBEDDED_PORT, or point PEAKPILOT_MQTT_URL at a broker)", ex);
		}
		log.info("Embedded MQTT broker listening at tcp://{}:{}{}", host, port, directory == null ? " (in memory)" : " (data in " + directory + ")");
		return broker;
	}

	public String url() {
		return "tcp://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
	}

	/**
	 * Closes the connections whose authenticated subject matches (for a revoked or rotated device token); their
	 * clients must connect again, and are refused with the old credentials. Returns how many were closed.
	 */
	public int disconnect(Predicate<Subject> which) {
		if (server.getActiveMQServer() == null) {
			return 0;
		}
		List<RemotingConnection> matching = server.getActiveMQServer().getRemotingService().getConnections().stream()
			.filter(c -> c.getSubject() != null && which.test(c.getSubject())).toList();
		for (RemotingConnection c : matching) {
			c.fail(new ActiveMQSecurityException("the client's credentials are no longer valid"));
		}
		return matching.size();
	}

	/**
	 * Whether the broker holds an MQTT session of this client id, connected or not: what an MQTT client cannot ask
	 * without taking the session over (a probe connecting with the id resumes the session it asks about).
	 */
	public boolean holdsSession(String clientId) {
		if (server.getActiveMQServer() == null) {
			return false;
		}
		try {
			return MQTTStateManager.getInstance(server.getActiveMQServer()).getSessionStates().containsKey(clientId);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the broker's MQTT sessions", ex);
		}
	}

	@Override
	public void close() {
		try {
			server.stop();
		}
		catch (Exception ex) {
			log.warn("The embedded MQTT broker did not stop cleanly: {}", ex.getMessage());
		}
	}
}
