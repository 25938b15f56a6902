package org.peakpilot.monitoring.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.security.auth.Subject;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTUtil;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may connect to the {@link EmbeddedMqttBroker} and what each client may do (docs/adr/0010-mqtt-broker-security.md).
 * Nobody connects anonymously. A gateway connects with its id as user name and its device token as password (MQTT
 * 3.1.1 and 5 alike) and may only publish to {@code <root>/readings/<its id>} and {@code <root>/status/<its id>}
 * (its heartbeat) and subscribe to
 * {@code <root>/results/<its id>}; the ingest's subscribers connect with credentials made up at each start and may
 * do everything, among it as the only ones subscribe to readings and join the shared group. The token is checked when
 * a client connects; publishes and subscriptions are checked against the gateway it connected as. A revocation (or a
 * rotation without overlap) closes the gateway's connections ({@link MqttIngest}). After a rotation with overlap the
 * old token connects until the overlap ends; a connection made with it stays open, but each publish and subscription
 * asks whether its token still works (answers cached for 30 seconds), so that once the overlap has ended they are
 * refused.
 *
 * <p>Artemis hands in core addresses: an MQTT topic's {@code /} becomes {@code .}, {@code +} becomes {@code *}; a
 * subscription queue comes as {@code address::queue}, a shared group's queue being named after the group. Only the
 * address decides here: a gateway's own results address holds nothing but its answers.
 *
 * <p>A subscription is also checked before Artemis acts on it ({@link #subscriptions}): when a client may not consume
 * from a queue that exists already, such as the ingest's shared group, Artemis deletes that queue after refusing the
 * consumer, which would end the ingest's subscription and drop what it had queued. A client that asks for a topic
 * filter it may not read is therefore disconnected before anything happens.
 */
final class BrokerAccess implements ActiveMQSecurityManager5 {

	private static final WildcardConfiguration CORE = new WildcardConfiguration();

	/** Who a connection is: the ingest, or the gateway of this id. */
	record Client(String name, Long gatewayId, String tokenSha256) implements Principal {

		Client(String name, Long gatewayId) {
			this(name, gatewayId, null);
		}

		@Override
		public String getName() {
			return name;
		}

		boolean ingest() {
			return gatewayId == null;
		}
	}

	private final String topicRoot;
	private final String ingestUser;
	private final byte[] ingestPassword;
	private final Gateways gateways;

	/**
	 * @param topicRoot      readings and answers live under it
	 * @param ingestUser     the ingest's user name
	 * @param ingestPassword the ingest's password (kept in memory only)
	 * @param gateways       who holds a device token
	 */
	BrokerAccess(String topicRoot, String ingestUser, String ingestPassword, Gateways gateways) {
		this.gateways = gateways;
		this.topicRoot = topicRoot;
		this.ingestUser = ingestUser;
		this.ingestPassword = ingestPassword.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
		if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
			return null;
		}
		if (user.equals(ingestUser)) {
			return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), ingestPassword) ? subject(new Client(user, null)) : null;
		}
		Optional<Gateways.Sender> gateway = gateways.gatewayOfToken(password);
		// the user name must be the gateway's id, so that it names the topics the gateway may use
		return gateway.isPresent() && user.equals(Long.toString(gateway.get().gatewayId()))
				? subject(new Client(user, gateway.get().gatewayId(), org.peakpilot.platform.UserAccounts.sha256(password))) : null;
	}

	private static Subject subject(Client client) {
		Subject s = new Subject();
		s.getPrincipals().add(new UserPrincipal(client.name()));
		s.getPrincipals().add(client);
		return s;
	}

	/** Disconnects a gateway that subscribes to anything but its own results topic (see the class comment). */
	MQTTInterceptor subscriptions() {
		return (MqttMessage message, RemotingConnection connection) -> {
			if (!(message instanceof MqttSubscribeMessage subscribe)) {
				return true;
			}
			Client client = client(connection.getSubject());
			if (client == null) {
				return false;
			}
			if (client.ingest()) {
				return true;
			}
			String results = topicRoot + "/results/" + client.gatewayId();
			for (MqttTopicSubscription t : subscribe.payload().topicSubscriptions()) {
				if (!results.equals(t.topicFilter())) {
					return false;
				}
			}
			return true;
		};
	}

	@Override
	public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
		Client client = client(subject);
		if (client == null) {
			return false;
		}
		if (client.ingest()) {
			return true;
		}
		if (!tokenStillWorks(client)) {
			return false;
		}
		int queue = address.indexOf("::");
		String bare = queue < 0 ? address : address.substring(0, queue);
		String readings = core(topicRoot + "/readings/" + client.gatewayId());
		String results = core(topicRoot + "/results/" + client.gatewayId());
		String status = core(topicRoot + "/status/" + client.gatewayId());
		return switch (checkType) {
			case SEND -> bare.equals(readings) || bare.equals(status);
			case CREATE_ADDRESS -> bare.equals(readings) || bare.equals(results) || bare.equals(status);
			case CONSUME, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE, DELETE_DURABLE_QUEUE, DELETE_NON_DURABLE_QUEUE -> bare.equals(results);
			default -> false;
		};
	}

	/**
	 * Whether the token a gateway connected with still works: not revoked, not rotated away (or still in the
	 * rotation's overlap). Asked at each publish and subscription; answers are cached for 30 seconds by
	 * {@link Gateways}. A lookup that fails refuses the publish (the gateway sends it again).
	 */
	private boolean tokenStillWorks(Client client) {
		try {
			return gateways.gatewayOfTokenHash(client.tokenSha256()).filter(s -> s.gatewayId() == client.gatewayId()).isPresent();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The client of an authenticated connection, or null. */
	static Client client(Subject subject) {
		if (subject == null) {
			return null;
		}
		Set<Client> clients = subject.getPrincipals(Client.class);
		return clients.size() == 1 ? clients.iterator().next() : null;
	}

	static String core(String mqttTopic) {
		return MQTTUtil.getCoreAddressFromMqttTopic(mqttTopic, CORE);
	}

	/** Not used: Artemis calls {@link #authenticate} and {@link #authorize} of an {@link ActiveMQSecurityManager5}. */
	@Override
	public boolean validateUser(String user, String password) {
		return false;
	}

	/** Not used, as {@link #validateUser}. */
	@Override
	public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
		return false;
	}
}
