package org.peakpilot.monitoring.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MQTT ingest, {@code peakpilot.monitoring.mqtt.*} (see {@code application.properties} and docs/adr/0007-mqtt-ingest.md).
 *
 * @param enabled       subscribe to readings over MQTT at all
 * @param brokerUrl     {@code tcp://host:1883} or {@code ssl://host:8883} of an external broker; empty means the
 *                      embedded broker of the default run
 * @param clientId      the first subscriber's client id, the others' being {@code <clientId>-2} … {@code <clientId>-n}:
 *                      stable across restarts (each persistent session holds what arrives while the application is
 *                      down) and different for each instance (e.g. {@code peakpilot-ingest-<host>}): a broker ends a
 *                      session's connection when another client connects with its id; a subscriber told so (reason
 *                      SESSION_TAKEN_OVER: Artemis) stops, logging an error, rather than take the session back, but
 *                      Mosquitto just closes the connection, and two instances with one id then take turns: a
 *                      subscriber whose connections keep ending at once says so and reconnects with a growing pause
 *                      ({@link ReconnectPolicy}). No host name is appended by default: it changes with every pod or
 *                      container, which would leave the persistent sessions behind
 * @param subscribers   subscribers of this instance in the shared subscription; each stores its messages one after
 *                      another, so this many batches are worked on at once (1 without a shared group)
 * @param topicRoot     readings arrive on {@code <topicRoot>/readings/<gateway>}, answers go to
 *                      {@code <topicRoot>/results/<gateway>}, heartbeats arrive on {@code <topicRoot>/status/<gateway>}
 * @param sharedGroup   subscribe as a member of this shared subscription ({@code $share/<group>/<topicRoot>/readings/+},
 *                      MQTT 5) so that instances split the stream: the same for every instance (the default serves all);
 *                      empty means a plain subscription, which only one instance may then use. A broker that queues per
 *                      session (Mosquitto) keeps a stopped instance's share in its sessions until it comes back (within
 *                      {@code sessionExpiry}); one with a queue per group (Artemis) hands it to the others
 * @param sessionExpiry how long the broker keeps the session (and queues readings) while the subscriber is away
 * @param retryMax      the longest pause between two attempts to store a message while the database is away
 * @param username      the ingest's user name at an external broker (the embedded broker makes up its own
 *                      credentials at each start)
 * @param password      the ingest's password at an external broker
 * @param brokerAuthorizesTopics the external broker lets a gateway publish only to {@code <topicRoot>/readings/<its
 *                      id>} (docs/adr/0010-mqtt-broker-security.md), so that the topic names the sender and a message
 *                      without a device token (MQTT 3.1.1) is stored; off, every message needs the token of the
 *                      topic's gateway in its {@code authorization} user property. Always so for the embedded broker.
 */
@ConfigurationProperties("peakpilot.monitoring.mqtt")
record MqttSettings(@DefaultValue("true") boolean enabled, @DefaultValue("") String brokerUrl, @DefaultValue("") String username,
		@DefaultValue("") String password, @DefaultValue("peakpilot-ingest") String clientId,
		@DefaultValue("4") int subscribers,
		@DefaultValue("peakpilot/v1") String topicRoot, @DefaultValue("peakpilot") String sharedGroup,
		@DefaultValue("P1D") Duration sessionExpiry, @DefaultValue("PT30S") Duration retryMax, @DefaultValue("false") boolean brokerAuthorizesTopics,
		@DefaultValue Embedded embedded) {

	/**
	 * The in-process broker of the default run (Apache Artemis speaking MQTT), used when {@code brokerUrl} is empty.
	 *
	 * @param host       the interface it listens on; 127.0.0.1 keeps it to this machine
	 * @param port       its port (not 1883, so that it never collides with a Mosquitto on the same machine)
	 * @param directory  where it keeps queued messages and sessions across restarts
	 * @param persistent keep messages and sessions on disk (off only in tests)
	 */
	record Embedded(@DefaultValue("127.0.0.1") String host, @DefaultValue("1884") int port, @DefaultValue("data/mqtt") String directory,
			@DefaultValue("true") boolean persistent) {
	}

	static final int MAX_SUBSCRIBERS = 64;

	MqttSettings {
		if (subscribers < 1 || subscribers > MAX_SUBSCRIBERS) {
			throw new IllegalArgumentException("peakpilot.monitoring.mqtt.subscribers must be between 1 and " + MAX_SUBSCRIBERS + ", not "
					+ subscribers);
		}
	}

	/**
	 * The client ids of this instance's subscribers: the configured one first (so that a single subscriber keeps it),
	 * then numbered ones. Only one without a shared group, since plain subscribers would each receive every message.
	 */
	List<String> subscriberIds() {
		int n = sharedGroup == null || sharedGroup.isBlank() ? 1 : subscribers;
		List<String> ids = new ArrayList<>(n);
		ids.add(clientId);
		for (int i = 2; i <= n; i++) {
			ids.add(clientId + "-" + i);
		}
		return ids;
	}

	boolean embeddedBroker() {
		return brokerUrl == null || brokerUrl.isBlank();
	}

	/** Whether the broker lets a gateway publish only to its own readings topic, so that the topic names the sender. */
	boolean topicNamesSender() {
		return embeddedBroker() || brokerAuthorizesTopics;
	}

	/** The broker the subscriber connects to: the configured one, else the embedded one. */
	URI broker() {
		if (embeddedBroker()) {
			String host = embedded.host().equals("0.0.0.0") || embedded.host().equals("::") ? "127.0.0.1" : embedded.host();
			return URI.create("tcp://" + host + ":" + embedded.port());
		}
		URI uri = URI.create(brokerUrl.strip());
		if (uri.getHost() == null || !(uri.getScheme().equals("tcp") || uri.getScheme().equals("ssl") || uri.getScheme().equals("mqtt")
				|| uri.getScheme().equals("mqtts"))) {
			throw new IllegalStateException("peakpilot.monitoring.mqtt.broker-url '" + brokerUrl + "' is not tcp://host:port or ssl://host:port");
		}
		return uri;
	}

	boolean tls() {
		String scheme = broker().getScheme();
		return scheme.equals("ssl") || scheme.equals("mqtts");
	}

	int port() {
		URI uri = broker();
		return uri.getPort() > 0 ? uri.getPort() : tls() ? 8883 : 1883;
	}

	String readingsFilter() {
		String filter = topicRoot + "/readings/+";
		return sharedGroup == null || sharedGroup.isBlank() ? filter : "$share/" + sharedGroup + "/" + filter;
	}

	/** Gateways' heartbeats: {@code <topicRoot>/status/+}, in the shared group like the readings. */
	String statusFilter() {
		String filter = topicRoot + "/status/+";
		return sharedGroup == null || sharedGroup.isBlank() ? filter : "$share/" + sharedGroup + "/" + filter;
	}

	/** The gateway id a status topic {@code <topicRoot>/status/<id>} names, or null when the topic is not one. */
	Long statusGatewayIdOf(String topic) {
		String prefix = topicRoot + "/status/";
		String gateway = topic.startsWith(prefix) && topic.length() > prefix.length() && topic.indexOf('/', prefix.length()) < 0
				? topic.substring(prefix.length()) : null;
		if (gateway == null || gateway.length() > 18 || !gateway.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return Long.valueOf(gateway);
	}

	String resultTopic(String gateway) {
		return topicRoot + "/results/" + gateway;
	}

	/** The gateway id a readings topic names (its last level), or null when the topic is not one or names no id. */
	Long gatewayIdOf(String topic) {
		String gateway = gatewayOf(topic);
		if (gateway == null || gateway.length() > 18 || !gateway.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return Long.valueOf(gateway);
	}

	/** The gateway's part of a readings topic (its last level), or null when the topic is not one. */
	String gatewayOf(String topic) {
		String prefix = topicRoot + "/readings/";
		return topic.startsWith(prefix) && topic.length() > prefix.length() && topic.indexOf('/', prefix.length()) < 0
				? topic.substring(prefix.length()) : null;
	}
}
