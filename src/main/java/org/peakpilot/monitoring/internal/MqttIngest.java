package org.peakpilot.monitoring.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Readings over MQTT (docs/adr/0007-mqtt-ingest.md). Subscribes with QoS 1 to {@code <root>/readings/+} (as a member
 * of a shared subscription, so that instances split the stream) in a persistent session (clean start off, a session
 * expiry), so that what gateways send while the application is down waits at the broker. Each message is handed to
 * {@link Readings#ingestMqtt} with the gateway that sent it and is acknowledged only after that committed:
 * while the database is away the message stays unacknowledged and is tried again with a growing pause; if the
 * application stops meanwhile, the broker delivers it again to the next session, and ingest stores a reading once
 * however often it comes. The sender is the gateway whose device token the message carries in its
 * {@code authorization} user property (MQTT 5), which must be the gateway its topic {@code <root>/readings/<id>}
 * names; without a token, the topic's gateway, where the broker lets gateways publish only to their own topic (the
 * embedded one always, an external one when {@code broker-authorizes-topics} says so: docs/adr/0010). The answer
 * (counts and quarantined readings) goes back to the sender's {@code <root>/results/<id>} only (a message nobody
 * can be held to sending is answered to nobody). With no broker configured it starts the {@link EmbeddedMqttBroker}
 * with {@link BrokerAccess}, its subscribers signing in with credentials made up at each start.
 */
@Component
@ConditionalOnBooleanProperty(name = "peakpilot.monitoring.mqtt.enabled", matchIfMissing = true)
class MqttIngest implements SmartLifecycle {

	static final String AUTHORIZATION = "authorization";
	/** The quarantine's detail for a message no active gateway can be held to sending. */
	static final String UNATTRIBUTED = "no active gateway sent it: unknown or revoked device token, a token of another gateway than "
			+ "the topic's, or no token where the broker does not check who publishes to the topic";
	/** The ingest's user name at the embedded broker. */
	static final String INGEST_USER = "peakpilot-ingest";
	private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);
	private static final Duration FIRST_RETRY = Duration.ofMillis(250);
	/** How long a retiring session must have received nothing before it is ended. */
	private static final Duration RETIRE_QUIET = Duration.ofSeconds(3);
	/** The pause before reconnecting after the broker ended a connection that lasted. */
	static final Duration RECONNECT_FIRST = Duration.ofMillis(200);
	/** A connection ended sooner than this after it was made counts as short ({@link ReconnectPolicy}). */
	static final Duration STABLE_CONNECTION = Duration.ofSeconds(10);
	/** Short connections in a row after which a subscriber says so and reconnects with a growing pause. */
	static final int SHORT_CONNECTIONS = 3;

	private final Readings monitoring;
	private final Gateways gateways;
	private final Quarantine quarantine;
	private final MqttSettings settings;
	private final JsonMapper json;
	private final Counter messages;
	private final Counter stored;
	private final Counter duplicates;
	private final Counter quarantined;
	private final Counter retries;
	private final Counter redeliveries;
	private final Counter retired;
	private final Counter takenOver;
	private final Counter flapping;
	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
	private volatile boolean running;
	private volatile boolean stopping;
	private EmbeddedMqttBroker broker;
	/** The subscribers' credentials: made up at each start for the embedded broker, configured for an external one. */
	private String brokerUser;
	private String brokerPassword;
	private LongConsumer credentialsChanged;

	MqttIngest(Readings monitoring, Gateways gateways, Quarantine quarantine, MqttSettings settings, JsonMapper json,
			MeterRegistry metrics) {
		this.monitoring = monitoring;
		this.gateways = gateways;
		this.quarantine = quarantine;
		this.settings = settings;
		this.json = json;
		this.messages = Counter.builder("peakpilot.monitoring.mqtt.messages").description("MQTT messages received").register(metrics);
		this.stored = readings(metrics, "stored");
		this.duplicates = readings(metrics, "duplicate");
		this.quarantined = readings(metrics, "quarantined");
		this.retries = Counter.builder("peakpilot.monitoring.mqtt.retries")
			.description("attempts to store a message that failed because the database was away (the message stayed unacknowledged)")
			.register(metrics);
		this.redeliveries = Counter.builder("peakpilot.monitoring.mqtt.redeliveries")
			.description("messages whose readings were all stored already (a redelivery by the broker or a resend)").register(metrics);
		this.retired = Counter.builder("peakpilot.monitoring.mqtt.retired-sessions")
			.description("sessions of subscribers no longer run (their number was lowered) drained and ended").register(metrics);
		this.takenOver = Counter.builder("peakpilot.monitoring.mqtt.taken-over")
			.description("subscribers that stopped because another client connected with their client id").register(metrics);
		this.flapping = Counter.builder("peakpilot.monitoring.mqtt.flapping")
			.description("times a subscriber's connections ended " + SHORT_CONNECTIONS + " times in a row within " + STABLE_CONNECTION.toSeconds()
					+ " s of being made (most likely another client with its client id) and it began to reconnect with a growing pause")
			.register(metrics);
		Gauge.builder("peakpilot.monitoring.mqtt.backing-off", subscribers, l -> l.stream().filter(Subscriber::backingOff).count())
			.description("subscribers of this instance reconnecting with a growing pause because their connections keep ending shortly after being made")
			.register(metrics);
		Gauge.builder("peakpilot.monitoring.mqtt.connected", subscribers, l -> l.stream().filter(Subscriber::connected).count())
			.description("subscribers of this instance connected to the broker").register(metrics);
	}

	private static Counter readings(MeterRegistry metrics, String outcome) {
		return Counter.builder("peakpilot.monitoring.mqtt.readings").tag("outcome", outcome)
			.description("readings received over MQTT, by outcome").register(metrics);
	}

	@Override
	public synchronized void start() {
		stopping = false;
		brokerUser = settings.username();
		brokerPassword = settings.password();
		if (settings.embeddedBroker()) {
			MqttSettings.Embedded e = settings.embedded();
			// known to this process only: nobody else can sign in as the ingest, read readings or join its shared group
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			brokerUser = INGEST_USER;
			brokerPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
			BrokerAccess access = new BrokerAccess(settings.topicRoot(), brokerUser, brokerPassword, gateways);
			broker = EmbeddedMqttBroker.start(e.host(), e.port(), e.persistent() ? Path.of(e.directory()) : null, access, access.subscriptions());
			EmbeddedMqttBroker started = broker;
			credentialsChanged = id -> {
				int closed = started.disconnect(subject -> {
					BrokerAccess.Client c = BrokerAccess.client(subject);
					return c != null && c.gatewayId() != null && c.gatewayId() == id;
				});
				if (closed > 0) {
					log.info("Closed {} MQTT connection(s) of gateway {}: its token was revoked or rotated", closed, id);
				}
			};
			gateways.onCredentialsChanged(credentialsChanged);
		}
		List<String> ids = settings.subscriberIds();
		if (ids.size() < settings.subscribers()) {
			log.warn("peakpilot.monitoring.mqtt.subscribers={} needs a shared group (each plain subscriber would receive every message); using one",
					settings.subscribers());
		}
		handleUndeliverableErrors();
		// The first subscriber subscribes alone and the others once it has: several creating the shared subscription at
		// once make the embedded broker (Artemis) refuse all but one with QUEUE_EXISTS, log it as an error and drop
		// their connections.
		List<Subscriber> own = new java.util.ArrayList<>();
		for (String id : ids) {
			Subscriber s = new Subscriber(id, false);
			subscribers.add(s);
			own.add(s);
		}
		own.get(0).subscribed.whenComplete((ack, ex) -> own.subList(1, own.size()).forEach(Subscriber::start));
		own.get(0).start();
		if (!settings.sharedGroup().isBlank()) {
			Thread retire = new Thread(() -> retireSessionsFrom(ids.size() + 1), "mqtt-retire");
			retire.setDaemon(true);
			retire.start();
		}
		running = true;
	}

	/**
	 * Drains and ends the sessions of subscribers this instance no longer runs (the number of subscribers was
	 * lowered): a broker that queues per session (Mosquitto) keeps routing a share of the stream to a session left
	 * behind until it expires, so those readings would wait there for a day. Each such session is resumed, unsubscribed
	 * (nothing new reaches it), its queued messages are stored as usual, and once it has been quiet for a while it is
	 * closed with a session expiry of zero, which ends it. Sessions are numbered from 1 without holes, so the first
	 * number without a session ends the search. Waits until a subscriber has reached the broker.
	 */
	private void retireSessionsFrom(int first) {
		// not before the broker is reachable: the subscribers keep trying to connect, this waits for one of them
		while (!stopping && subscribers.stream().noneMatch(Subscriber::connected)) {
			if (!pause(Duration.ofSeconds(1))) {
				return;
			}
		}
		for (int n = first; n <= MqttSettings.MAX_SUBSCRIBERS && !stopping; n++) {
			Subscriber s = new Subscriber(settings.clientId() + "-" + n, true);
			try {
				if (!s.retire()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not retire the MQTT session {}: {}", s.clientId, message(ex));
				return;
			}
		}
	}

	/**
	 * One MQTT client in the shared subscription, with a persistent session under its own stable client id. Its
	 * messages are stored one after another on its own thread and acknowledged in order; the subscribers of an
	 * instance work side by side, so that one batch's parsing and database work overlap with the next one's.
	 */
	private final class Subscriber {

		private final String clientId;
		/** Drains a session left behind instead of subscribing. */
		private final boolean retiring;
		private final AtomicBoolean connected = new AtomicBoolean();
		/** How soon to reconnect after the broker ended a connection. */
		private final ReconnectPolicy reconnects = new ReconnectPolicy(RECONNECT_FIRST, settings.retryMax(), STABLE_CONNECTION,
				SHORT_CONNECTIONS, System::nanoTime);
		/** Completes when the first subscription was answered (granted or not). */
		private final java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();
		private volatile boolean stopped;
		private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
		/** Held while a message is being stored, so that a stop lets it finish. */
		private final ReentrantLock processing = new ReentrantLock();
		private final ExecutorService worker;
		private final Mqtt5AsyncClient client;

		Subscriber(String clientId, boolean retiring) {
			this.clientId = clientId;
			this.retiring = retiring;
			this.worker = Executors.newSingleThreadExecutor(r -> {
				Thread t = new Thread(r, "mqtt-ingest-" + clientId);
				t.setDaemon(true);
				return t;
			});
			Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier(clientId).serverHost(settings.broker().getHost())
				.serverPort(settings.port())
				.addConnectedListener(ctx -> {
					connected.set(true);
					if (retiring) {
						return;
					}
					reconnects.connected();
					log.info("Connected to the MQTT broker at {} as {}; subscribing to {}", settings.broker(), clientId,
							settings.readingsFilter());
					subscribe();
				})
				.addDisconnectedListener(ctx -> {
					boolean was = connected.getAndSet(false);
					if (stopping || retiring || ctx.getSource() == MqttDisconnectSource.USER) {
						return;
					}
					if (takenOver(ctx.getCause())) {
						// another client connected with this id (an instance configured like this one, or this one's
						// replacement): reconnecting would take the session back and forth between them; the other
						// keeps it and this subscriber stays away
						takenOver.increment();
						log.error("{} was taken over by another client with the same id at the MQTT broker {}: this subscriber stops. "
								+ "Give every instance its own peakpilot.monitoring.mqtt.client-id (the shared group stays the same)",
								clientId, settings.broker());
						return;
					}
					Duration delay = Duration.ofSeconds(2);
					if (was) {
						ReconnectPolicy.Decision next = reconnects.disconnected();
						delay = next.delay();
						if (next.backingOffNow()) {
							// Mosquitto closes the connection of a session it hands to another client with the same id
							// without saying so: the two would take it from each other several times a second, and the
							// broker redeliver every message in flight each time
							flapping.increment();
							log.error("{}'s connection to the MQTT broker at {} ended {} times in a row within {} s of being made ({}): another "
									+ "client may use the client id {} (an instance configured like this one); give every instance its own "
									+ "PEAKPILOT_MQTT_CLIENT_ID (peakpilot.monitoring.mqtt.client-id). Reconnecting with a growing pause, up to {}, "
									+ "until a connection lasts", clientId, settings.broker(), reconnects.shortInARow(), STABLE_CONNECTION.toSeconds(),
									message(ctx.getCause()), clientId, settings.retryMax());
						}
						else if (reconnects.backingOff()) {
							log.debug("{} lost the MQTT broker at {} again shortly after connecting ({}); reconnecting in {} ms", clientId,
									settings.broker(), message(ctx.getCause()), delay.toMillis());
						}
						else {
							log.warn("{} lost the MQTT broker at {} ({}); reconnecting", clientId, settings.broker(), message(ctx.getCause()));
						}
					}
					else {
						log.debug("MQTT broker at {} not reachable for {} ({}); retrying", settings.broker(), clientId, message(ctx.getCause()));
					}
					ctx.getReconnector().reconnect(true).resubscribeIfSessionExpired(true).delay(delay.toMillis(), TimeUnit.MILLISECONDS);
				});
			if (settings.tls()) {
				builder = builder.sslWithDefaultConfig();
			}
			if (!brokerUser.isBlank()) {
				builder = builder.simpleAuth().username(brokerUser).password(brokerPassword.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
			}
			this.client = builder.buildAsync();
		}

		void start() {
			if (stopping || stopped) {
				return;
			}
			// registered before connecting, so that what the broker kept for the session is caught at once
			client.publishes(MqttGlobalPublishFilter.ALL, this::onMessage, worker, true);
			client.connectWith().cleanStart(false).sessionExpiryInterval(settings.sessionExpiry().toSeconds()).send().whenComplete((ack, ex) -> {
				if (ex != null) {
					log.warn("MQTT broker at {} not reachable yet for {} ({}); HTTP ingest works meanwhile, retrying", settings.broker(),
							clientId, message(ex));
				}
			});
		}

		boolean connected() {
			return connected.get();
		}

		boolean backingOff() {
			return reconnects.backingOff();
		}

		/**
		 * Resumes this session if the broker still holds it, stops new messages reaching it, stores what was queued
		 * and ends it once quiet. False when there was no such session.
		 */
		boolean retire() {
			client.publishes(MqttGlobalPublishFilter.ALL, this::onMessage, worker, true);
			try {
				var ack = client.connectWith().cleanStart(false).sessionExpiryInterval(settings.sessionExpiry().toSeconds()).send()
					.get(10, TimeUnit.SECONDS);
				if (ack.isSessionPresent()) {
					log.info("Retiring the MQTT session {} left behind by a lower number of subscribers: storing what it queued, then ending it",
							clientId);
					client.unsubscribeWith().addTopicFilter(settings.readingsFilter()).addTopicFilter(settings.statusFilter()).send()
						.get(10, TimeUnit.SECONDS);
					long quiet = RETIRE_QUIET.toNanos();
					while (!stopping && (processing.isLocked() || System.nanoTime() - lastActivity.get() < quiet)) {
						Thread.sleep(100);
					}
				}
				if (!stopping) {
					// ends the session (and, when it was only created by this probe, leaves nothing behind)
					processing.lock();
					try {
						client.disconnectWith().sessionExpiryInterval(0).send().get(10, TimeUnit.SECONDS);
					}
					finally {
						processing.unlock();
					}
					// a broker may handle the closed connection before that DISCONNECT and keep the session with the
					// expiry it was resumed with (Artemis does, now and then): a clean start discards whatever is left,
					// and its own expiry of zero ends the new, empty session however its connection closes
					client.connectWith().cleanStart(true).sessionExpiryInterval(0).send().get(10, TimeUnit.SECONDS);
					client.disconnect().get(10, TimeUnit.SECONDS);
					if (ack.isSessionPresent()) {
						retired.increment();
						log.info("Ended the MQTT session {}", clientId);
					}
				}
				return ack.isSessionPresent();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				throw new IllegalStateException(ex.getCause() == null ? ex : ex.getCause());
			}
			finally {
				if (client.getState().isConnected()) {
					client.disconnect();
				}
				worker.shutdownNow();
			}
		}

		private void subscribe() {
			// readings and heartbeats (status), both in the shared group
			client.subscribeWith().addSubscription().topicFilter(settings.readingsFilter()).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
				.addSubscription().topicFilter(settings.statusFilter()).qos(MqttQos.AT_LEAST_ONCE).applySubscription().send()
				.whenComplete((ack, ex) -> {
				subscribed.complete(null);
				if (ex != null) {
					log.error("{} cannot subscribe to {}: {}", clientId, settings.readingsFilter(), message(ex));
				}
				else if (ack.getReasonCodes().stream().anyMatch(c -> c.isError())) {
					log.error("The broker refused {} the subscription to {}: {}", clientId, settings.readingsFilter(), ack.getReasonCodes());
				}
			});
		}

		/** One message: stored or quarantined and then acknowledged, or (database away) kept and tried again. */
		void onMessage(Mqtt5Publish publish) {
			processing.lock();
			try {
				if (!stopping) {
					process(client, publish);
				}
				// else not acknowledged: the broker delivers it again to the next session
			}
			finally {
				lastActivity.set(System.nanoTime());
				processing.unlock();
			}
		}

		/** Lets the message being stored finish (it is acknowledged), then disconnects; the rest stay with the broker. */
		void stop() {
			stopped = true;
			try {
				if (processing.tryLock(15, TimeUnit.SECONDS)) {
					processing.unlock();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try {
				client.disconnect().get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				log.debug("MQTT disconnect of {}: {}", clientId, message(ex));
			}
			worker.shutdownNow();
		}
	}

	private void process(Mqtt5AsyncClient client, Mqtt5Publish publish) {
		String topic = publish.getTopic().toString();
		byte[] payload = publish.getPayloadAsBytes();
		String token = token(publish);
		Long statusOf = settings.statusGatewayIdOf(topic);
		if (statusOf != null) {
			status(publish, statusOf, token, payload);
			return;
		}
		messages.increment();
		Duration pause = FIRST_RETRY;
		for (int attempt = 1;; attempt++) {
			IngestResult result = null;
			Gateways.Sender sender = null;
			try {
				sender = sender(topic, token);
				result = ingest(sender, topic, payload);
			}
			catch (RuntimeException ex) {
				retries.increment();
				if (attempt == 1 && transientFailure(ex)) {
					log.warn("Database unavailable; the MQTT message on {} stays unacknowledged and is tried again: {}", topic, message(ex));
				}
				else if (attempt == 1) {
					log.error("The MQTT message on {} could not be stored or quarantined; it stays unacknowledged and is tried again", topic, ex);
				}
			}
			if (result != null) {
				publish.acknowledge();
				count(result);
				if (attempt > 1) {
					log.info("Stored the MQTT message on {} after {} attempts: {} stored, {} duplicates, {} quarantined", topic, attempt,
							result.stored(), result.duplicates(), result.quarantined());
				}
				try {
					answer(client, publish, sender, result);
				}
				catch (RuntimeException ex) {
					log.debug("Could not answer the MQTT message on {}: {}", topic, message(ex));
				}
				return;
			}
			if (!pause(pause)) {
				log.info("Stopping with the MQTT message on {} unacknowledged: the broker delivers it again", topic);
				return;
			}
			pause = pause.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax() : pause.multipliedBy(2);
		}
	}

	/**
	 * The gateway that sent a message on this topic, or null when none can be held to it: the one whose device token
	 * it carries, if that is the gateway the topic names; without a token the topic's gateway, if the broker lets
	 * gateways publish only to their own topic (MQTT 3.1.1 has no user properties).
	 */
	private Gateways.Sender sender(String topic, String token) {
		return sender(settings.gatewayIdOf(topic), token);
	}

	/** As {@link #sender(String, String)}, for the gateway a topic names. */
	private Gateways.Sender sender(Long topicGateway, String token) {
		if (topicGateway == null) {
			return null;
		}
		if (token != null) {
			return gateways.sender(token).filter(s -> s.gatewayId() == topicGateway).orElse(null);
		}
		return settings.topicNamesSender() ? gateways.active(topicGateway).orElse(null) : null;
	}

	/**
	 * A heartbeat on {@code <root>/status/<id>}: the gateway counts as seen now and its status (a small JSON object) is
	 * kept, as over HTTP. One nobody can be held to sending is dropped (it carries no readings, so nothing is lost); a
	 * status that is no JSON object still counts as a heartbeat, without its status. Acknowledged once written; while
	 * the database is away it stays unacknowledged and is tried again like readings.
	 */
	private void status(Mqtt5Publish publish, long gatewayId, String token, byte[] payload) {
		Duration pause = FIRST_RETRY;
		while (true) {
			try {
				Gateways.Sender sender = sender(gatewayId, token);
				if (sender == null) {
					log.debug("MQTT status on gateway {}'s topic that no active gateway can be held to; dropped", gatewayId);
				}
				else if (payload.length > Gateways.STATUS_MAX * 4) {
					gateways.heartbeat(sender, null);
				}
				else {
					try {
						gateways.heartbeat(sender, new String(payload, StandardCharsets.UTF_8));
					}
					catch (org.peakpilot.platform.InvalidInputException ex) {
						gateways.heartbeat(sender, null);
					}
				}
				publish.acknowledge();
				return;
			}
			catch (RuntimeException ex) {
				if (!transientFailure(ex)) {
					log.error("The MQTT status of gateway {} could not be written; dropped", gatewayId, ex);
					publish.acknowledge();
					return;
				}
			}
			if (!pause(pause)) {
				return;
			}
			pause = pause.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax() : pause.multipliedBy(2);
		}
	}

	/**
	 * Stores or quarantines a payload. What ingest cannot take as a batch (too large, or failing for a reason that
	 * is not the database being away) is quarantined whole with its raw text, so that nothing is dropped.
	 */
	private IngestResult ingest(Gateways.Sender sender, String topic, byte[] payload) {
		if (payload.length > Readings.MAX_BODY_BYTES) {
			String head = new String(payload, 0, 64 * 1024, StandardCharsets.UTF_8);
			return whole(sender, topic, head, "the message has " + payload.length + " bytes, more than 4 MiB; send at most "
					+ Readings.MAX_BATCH + " readings per message (the first 64 KiB are kept here)");
		}
		String text = new String(payload, StandardCharsets.UTF_8);
		try {
			return monitoring.ingestMqtt(sender, topic, text);
		}
		catch (BatchTooLargeException ex) {
			return whole(sender, topic, text, ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (transientFailure(ex)) {
				throw ex;
			}
			log.error("MQTT message on {} could not be processed; quarantined whole", topic, ex);
			return whole(sender, topic, text, "the message could not be processed (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private IngestResult whole(Gateways.Sender sender, String topic, String raw, String detail) {
		long id = sender != null
				? quarantine.putPayload("MQTT", "gateway:" + sender.gatewayId(), sender.enterpriseId(), raw, Reason.MALFORMED, detail)
				: quarantine.putPayload("MQTT", topic, null, raw, Reason.UNAUTHENTICATED, UNATTRIBUTED);
		Reason reason = sender != null ? Reason.MALFORMED : Reason.UNAUTHENTICATED;
		return new IngestResult(0, 0, 0, 1, List.of(new Rejected(-1, null, reason, sender != null ? detail
				: "unknown or revoked device token", id))).withBatchId(ReadingIngest.batchId(null));
	}

	private void count(IngestResult r) {
		stored.increment(r.stored());
		duplicates.increment(r.duplicates());
		quarantined.increment(r.quarantined());
		if (r.stored() == 0 && r.duplicates() > 0) {
			redeliveries.increment();
		}
		if (r.quarantined() > 0) {
			log.warn("MQTT batch: {} of {} readings quarantined, first: {}", r.quarantined(), Math.max(r.received(), 1), r.rejected().get(0).reason());
		}
	}

	/**
	 * The answer to the sender's result topic, and to nobody when no gateway can be held to the message: what went
	 * wrong with it is for the office's quarantine, not for whoever reads the topic's results. An MQTT 5 response
	 * topic is used only when it is that result topic (it carries the correlation data either way).
	 */
	private void answer(Mqtt5AsyncClient client, Mqtt5Publish publish, Gateways.Sender sender, IngestResult result) {
		if (sender == null) {
			return;
		}
		String to = settings.resultTopic(Long.toString(sender.gatewayId()));
		Mqtt5PublishBuilder.Send.Complete<java.util.concurrent.CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult>> answer = client.publishWith().topic(to).qos(MqttQos.AT_LEAST_ONCE)
			.payload(json.writeValueAsBytes(result)).contentType("application/json");
		Optional<ByteBuffer> correlation = publish.getCorrelationData();
		if (correlation.isPresent()) {
			answer = answer.correlationData(correlation.get());
		}
		answer.send().whenComplete((r, ex) -> {
			if (ex != null) {
				log.debug("Could not publish the ingest answer to {}: {}", publish.getTopic(), message(ex));
			}
		});
	}

	/** The device token of the message: its {@code authorization} user property, with or without "Bearer ". */
	static String token(Mqtt5Publish publish) {
		for (Mqtt5UserProperty p : publish.getUserProperties().asList()) {
			if (p.getName().toString().toLowerCase(Locale.ROOT).equals(AUTHORIZATION)) {
				String v = p.getValue().toString().strip();
				return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : v;
			}
		}
		return null;
	}

	/** Whether the broker closed the connection because another client connected with the same client id. */
	static boolean takenOver(Throwable cause) {
		return cause instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException d
				&& d.getMqttMessage().getReasonCode() == com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER;
	}

	/** Whether the failure is the database (or the connection to it) being away, so that trying again may work. */
	static boolean transientFailure(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
					|| t instanceof DataAccessResourceFailureException || t instanceof TransactionException
					|| t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof java.io.IOException) {
				return true;
			}
			if (t instanceof SQLException s && s.getSQLState() != null
					&& (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P") || s.getSQLState().startsWith("53"))) {
				return true;
			}
		}
		return false;
	}

	/** Sleeps, cut short when the application stops; false when it does. */
	private boolean pause(Duration d) {
		long until = System.nanoTime() + d.toNanos();
		while (!stopping) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			try {
				Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	/**
	 * RxJava inside the HiveMQ client hands errors that no subscriber can take any more (a session ending while its
	 * client shuts down, a connection closing) to a global handler, and without one prints their stack trace and
	 * passes them to the thread's uncaught exception handler. Installed once, unless the application set its own:
	 * expected causes of a disconnect go to DEBUG, anything else to one WARN line.
	 */
	static void handleUndeliverableErrors() {
		if (io.reactivex.plugins.RxJavaPlugins.getErrorHandler() == null) {
			io.reactivex.plugins.RxJavaPlugins.setErrorHandler(MqttIngest::undeliverable);
		}
	}

	static void undeliverable(Throwable error) {
		Throwable cause = error instanceof io.reactivex.exceptions.UndeliverableException && error.getCause() != null ? error.getCause() : error;
		if (cause instanceof java.util.concurrent.RejectedExecutionException || cause instanceof java.io.IOException
				|| cause instanceof InterruptedException || cause instanceof com.hivemq.client.mqtt.exceptions.ConnectionClosedException
				|| cause instanceof com.hivemq.client.mqtt.exceptions.MqttSessionExpiredException
				|| cause instanceof com.hivemq.client.mqtt.exceptions.MqttClientStateException) {
			log.debug("MQTT client: {} after its flow ended (a disconnect or shutdown)", message(cause));
		}
		else {
			log.warn("MQTT client error with no subscriber left to take it: {}", message(cause));
		}
	}

	private static String message(Throwable ex) {
		return ex == null ? "no cause" : ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	@Override
	public synchronized void stop() {
		stopping = true;
		if (credentialsChanged != null) {
			gateways.removeCredentialsListener(credentialsChanged);
			credentialsChanged = null;
		}
		// each subscriber's message being stored finishes (and is acknowledged); those behind it stay with the broker
		subscribers.forEach(Subscriber::stop);
		subscribers.clear();
		if (broker != null) {
			broker.close();
			broker = null;
		}
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
