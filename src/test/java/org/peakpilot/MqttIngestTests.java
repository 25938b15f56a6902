package org.peakpilot;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * Readings over MQTT end to end, on a real application (SpringApplication runs, HTTP on a free port) whose
 * database connections go through a {@link DatabaseProxy}, against the test broker ({@link TestBroker}: the embedded
 * one, then Mosquitto): QoS 1 batches are stored and answered; what cannot be taken is quarantined whole, never
 * lost; a restart while a publisher keeps sending loses and doubles nothing; while the database is away HTTP
 * answers 503 and MQTT messages wait unacknowledged until it is back.
 */
@ExtendWith(TestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttIngestTests {

	static final String SCHEMA = "pp_mqtt";
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** A topic root and client id of this run only, so that runs sharing a Mosquitto never see each other. */
	final String run = UUID.randomUUID().toString().substring(0, 8);
	final String root = "pp-test-" + run + "/v1";
	final String clientId = "pp-test-ingest-" + run;
	final AtomicReference<String> realDatabaseUrl = new AtomicReference<>();
	DatabaseProxy proxy;
	ConfigurableApplicationContext app;
	Mqtt5BlockingClient publisher;

	@BeforeAll
	void startApplication() {
		app = start();
		URI broker = URI.create(TestBroker.url());
		publisher = Mqtt5Client.builder().identifier("pp-test-publisher-" + run).serverHost(broker.getHost()).serverPort(broker.getPort())
			.buildBlocking();
		publisher.connect();
	}

	@AfterAll
	void stopApplication() throws IOException {
		if (publisher != null) {
			publisher.disconnect();
		}
		if (app != null) {
			app.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	/** One run of the application on the schema of this class, its database behind the proxy. */
	ConfigurableApplicationContext start() {
		SpringApplication application = new SpringApplication(PeakPilotApplication.class);
		// after TestDatabase (registered first, in spring.factories) has chosen the database: route it through the proxy
		application.addInitializers(context -> {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			assertThat(url).as("TestDatabase sets the URL first").contains("currentSchema=" + SCHEMA);
			try {
				if (proxy == null) {
					realDatabaseUrl.set(url);
					proxy = new DatabaseProxy(url);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			TestPropertyValues.of("spring.datasource.url=" + proxy.url(url)).applyTo(context);
		});
		return application.run("--server.port=0", "--peakpilot.test.schema=" + SCHEMA, "--peakpilot.test.mqtt=true",
				"--peakpilot.monitoring.mqtt.broker-url=" + TestBroker.url(), "--peakpilot.monitoring.mqtt.client-id=" + clientId,
				"--peakpilot.monitoring.mqtt.topic-root=" + root, "--peakpilot.monitoring.mqtt.session-expiry=PT10M",
				"--peakpilot.monitoring.mqtt.retry-max=PT1S", "--spring.datasource.hikari.connection-timeout=1500",
				"--spring.datasource.hikari.validation-timeout=1000", "--logging.level.org.apache.activemq.artemis=ERROR");
	}

	<T> T bean(Class<T> type) {
		return app.getBean(type);
	}

	/** An enterprise with a 15-minute INTERVAL electricity meter E-01 and a gateway: its id, meter id and token. */
	record Site(long enterpriseId, long meterId, long gatewayId, String token) {
	}

	Site site() {
		Fixtures fixtures = new Fixtures(bean(Registry.class), bean(UserAccounts.class));
		RegistryModel.Enterprise e = fixtures.enterprise(EMEISHAN, "3011", null);
		EnergyMonitoring monitoring = bean(EnergyMonitoring.class);
		return SystemActor.call("test", () -> {
			long meter = monitoring.registerMeter(e.id(), new MeterForm("E-01", "1# 主变", null, "ELECTRICITY", "kWh", MeterKind.INTERVAL,
					BigDecimal.ONE, 15, null, new BigDecimal("100000"), null, true)).id();
			var gateway = monitoring.createGateway(e.id(), "1# 网关");
			return new Site(e.id(), meter, gateway.gateway().id(), gateway.token());
		});
	}

	/** The end of the i-th quarter hour of the day {@code daysAgo} days back (Beijing). */
	static String ts(int daysAgo, int i) {
		return LocalDate.now(BEIJING).minusDays(daysAgo).atStartOfDay(BEIJING).plusMinutes(15L * (i + 1)).toOffsetDateTime().toString();
	}

	void publish(String gateway, String token, String payload) {
		var builder = publisher.publishWith().topic(root + "/readings/" + gateway).qos(MqttQos.AT_LEAST_ONCE)
			.payload(payload.getBytes(StandardCharsets.UTF_8));
		if (token != null) {
			builder.userProperties().add("authorization", "Bearer " + token).applyUserProperties().send();
		}
		else {
			builder.send();
		}
	}

	/** Subscribes to a gateway's answers; they arrive in the queue. */
	BlockingQueue<String> answers(String gateway) {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		URI broker = URI.create(TestBroker.url());
		var client = Mqtt5Client.builder().identifier("pp-test-answers-" + gateway + "-" + run).serverHost(broker.getHost())
			.serverPort(broker.getPort()).buildAsync();
		client.connect().join();
		client.subscribeWith().topicFilter(root + "/results/" + gateway).qos(MqttQos.AT_LEAST_ONCE)
			.callback(p -> queue.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().join();
		return queue;
	}

	static String next(BlockingQueue<String> queue) throws InterruptedException {
		String answer = queue.poll(20, TimeUnit.SECONDS);
		assertThat(answer).as("an answer on the result topic").isNotNull();
		return answer;
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(100);
		}
	}

	/** Counts and sums with a connection of its own, straight to the database (not through the proxy). */
	Object[] countAndSum(long meterId) {
		try (Connection c = DriverManager.getConnection(realDatabaseUrl.get(), TestDatabase.external() ? TestDatabase.externalUser() : "postgres", null);
				PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(value), 0) FROM monitoring_reading WHERE meter_id = ?")) {
			ps.setLong(1, meterId);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return new Object[] { rs.getLong(1), rs.getBigDecimal(2) };
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count(long meterId) {
		return (Long) countAndSum(meterId)[0];
	}

	JdbcClient jdbc() {
		return bean(JdbcClient.class);
	}

	@Test
	void storesQoS1BatchesAnswersThemAndQuarantinesWhatItCannotTakeWhole() throws Exception {
		Site a = site();
		Site b = site();
		String gw = Long.toString(a.gatewayId());
		BlockingQueue<String> answers = answers(gw);
		String batch = """
				{"readings": [
				 {"meter": "E-01", "ts": "%s", "value": 10.5},
				 {"meter": "E-01", "ts": "%s", "value": 11},
				 {"meterId": %d, "ts": "%s", "value": 99},
				 {"meter": "E-01", "ts": "%s", "value": "twelve"},
				 {"meter": "E-01", "ts": "%s", "value": 12.25, "unit": "kWh"}
				]}""".formatted(ts(1, 0), ts(1, 1), b.meterId(), ts(1, 2), ts(1, 3), ts(1, 4));
		publish(gw, a.token(), batch);
		String answer = next(answers);
		assertThat((Integer) JsonPath.read(answer, "$.received")).isEqualTo(5);
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(3);
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("FOREIGN_METER", "BAD_VALUE");
		assertThat(countAndSum(a.meterId())).containsExactly(3L, new BigDecimal("33.750000"));
		assertThat(count(b.meterId())).as("nothing written to another enterprise's meter").isZero();

		// delivered twice: stored once, answered as duplicates
		publish(gw, a.token(), batch);
		answer = next(answers);
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isZero();
		assertThat((Integer) JsonPath.read(answer, "$.duplicates")).isEqualTo(3);
		assertThat(count(a.meterId())).isEqualTo(3);

		// a payload that is no batch, one with an unknown token, one without a token (this broker does not say who may
		// publish to the topic), one with the token of another gateway than the topic's, one too large: quarantined
		// whole; those nobody can be held to sending are answered to nobody
		publish(gw, a.token(), "{\"readings\": [ not json");
		assertThat((String) JsonPath.read(next(answers), "$.rejected[0].reason")).isEqualTo("MALFORMED");
		publish(gw, "ppd_unknown0000000000000000000000000", "{\"readings\": []}");
		publish(gw, null, "{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(1, 9) + "\", \"value\": 1}]}");
		String other = Long.toString(b.gatewayId());
		BlockingQueue<String> otherAnswers = answers(other);
		publish(other, a.token(), batch);
		await("three unattributed messages quarantined", Duration.ofSeconds(20), () -> jdbc().sql(
				"SELECT count(*) FROM monitoring_quarantine WHERE channel = 'MQTT' AND reason_code = 'UNAUTHENTICATED' AND sender IN (:topics)")
			.param("topics", List.of(root + "/readings/" + gw, root + "/readings/" + other)).query(Long.class).single() == 3);
		assertThat(count(b.meterId())).isZero();
		String tooLarge = IntStream.range(0, Readings.MAX_BATCH + 1)
			.mapToObj(i -> "{\"meter\": \"E-01\", \"ts\": \"" + ts(2, i % 96) + "\", \"value\": 1}")
			.collect(Collectors.joining(",", "{\"readings\": [", "]}"));
		publish(gw, a.token(), tooLarge);
		answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.rejected[0].reason")).isEqualTo("MALFORMED");
		assertThat((String) JsonPath.read(answer, "$.rejected[0].detail")).contains("10001 readings");
		assertThat(count(a.meterId())).isEqualTo(3);
		assertThat(answers).as("no answer to the unattributed messages").isEmpty();
		assertThat(otherAnswers).isEmpty();

		List<java.util.Map<String, Object>> whole = jdbc().sql("""
				SELECT enterprise_id, channel, reason_code, raw FROM monitoring_quarantine WHERE channel = 'MQTT' AND meter_code IS NULL
				  AND (enterprise_id = :a OR (enterprise_id IS NULL AND sender = :topic)) ORDER BY id
				""").param("a", a.enterpriseId()).param("topic", root + "/readings/" + gw).query().listOfRows();
		assertThat(whole).extracting(r -> r.get("reason_code")).containsExactly("MALFORMED", "UNAUTHENTICATED", "UNAUTHENTICATED", "MALFORMED");
		assertThat(whole).extracting(r -> r.get("raw")).first().isEqualTo("{\"readings\": [ not json");
		assertThat(whole.get(3).get("raw")).isEqualTo(tooLarge);
		assertThat(whole.get(1).get("enterprise_id")).as("an unknown sender's payload belongs to nobody").isNull();

		// MQTT 5 request/response: the answer carries the correlation data, and goes to the sender's result topic even
		// when the message names another response topic
		BlockingQueue<Mqtt5Publish> replies = new LinkedBlockingQueue<>();
		URI broker = URI.create(TestBroker.url());
		var requester = Mqtt5Client.builder().identifier("pp-test-requester-" + run).serverHost(broker.getHost())
			.serverPort(broker.getPort()).buildAsync();
		requester.connect().join();
		requester.subscribeWith().topicFilter(root + "/results/" + gw).qos(MqttQos.AT_LEAST_ONCE).callback(replies::add).send().join();
		requester.publishWith().topic(root + "/readings/" + gw).qos(MqttQos.AT_LEAST_ONCE).responseTopic(root + "/replies/r1")
			.correlationData("req-42".getBytes(StandardCharsets.UTF_8)).userProperties().add("authorization", "Bearer " + a.token())
			.applyUserProperties().payload(("[{\"meter\": \"E-01\", \"ts\": \"" + ts(1, 5) + "\", \"value\": 1}]").getBytes(StandardCharsets.UTF_8))
			.send().join();
		Mqtt5Publish reply = replies.poll(20, TimeUnit.SECONDS);
		assertThat(reply).isNotNull();
		assertThat(StandardCharsets.UTF_8.decode(reply.getCorrelationData().orElseThrow()).toString()).isEqualTo("req-42");
		assertThat((Integer) JsonPath.read(new String(reply.getPayloadAsBytes(), StandardCharsets.UTF_8), "$.stored")).isEqualTo(1);
		requester.disconnect().join();

		MeterRegistry metrics = bean(MeterRegistry.class);
		assertThat(metrics.get("peakpilot.monitoring.mqtt.readings").tag("outcome", "stored").counter().count()).isGreaterThanOrEqualTo(4);
		assertThat(metrics.get("peakpilot.monitoring.mqtt.redeliveries").counter().count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void severalSubscribersStoreOverlappingMessagesSentAtOnceExactlyOnce() throws Exception {
		// the instance's subscribers in the shared subscription (they connect on their own after a start)
		await("4 subscribers connected", Duration.ofSeconds(20),
				() -> bean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value() == 4);
		Site s = site();
		var processed = bean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.messages").counter();
		double before = processed.count();
		// 60 messages published without waiting, each repeating the second half of the one before: the subscribers
		// take them side by side, so the same readings reach the database in concurrent transactions
		int messages = 60;
		int perMessage = 20;
		List<BigDecimal> values = new ArrayList<>();
		for (int i = 0; i < (messages + 1) * perMessage / 2; i++) {
			values.add(BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1, 10_000_000), 3));
		}
		List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
		URI broker = URI.create(TestBroker.url());
		var fast = Mqtt5Client.builder().identifier("pp-test-fast-" + run).serverHost(broker.getHost()).serverPort(broker.getPort())
			.buildAsync();
		fast.connect().join();
		for (int m = 0; m < messages; m++) {
			StringBuilder sb = new StringBuilder("[");
			for (int k = 0; k < perMessage; k++) {
				int i = m * perMessage / 2 + k;
				sb.append(k == 0 ? "" : ",").append("{\"meter\": \"E-01\", \"ts\": \"").append(ts(20 + i / 96, i % 96))
					.append("\", \"value\": ").append(values.get(i).toPlainString()).append('}');
			}
			acks.add(fast.publishWith().topic(root + "/readings/" + s.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
				.payload(sb.append(']').toString().getBytes(StandardCharsets.UTF_8)).userProperties()
				.add("authorization", "Bearer " + s.token()).applyUserProperties().send());
		}
		acks.forEach(java.util.concurrent.CompletableFuture::join);
		fast.disconnect().join();
		int n = values.size();
		await("all " + n + " distinct readings", Duration.ofSeconds(30), () -> count(s.meterId()) >= n);
		await("every message processed", Duration.ofSeconds(30), () -> processed.count() >= before + messages);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n, values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6));
		assertThat(jdbc().sql("SELECT count(*) FROM monitoring_quarantine WHERE enterprise_id = :e").param("e", s.enterpriseId())
			.query(Long.class).single()).as("a repeated reading is a duplicate, never a conflict").isZero();
	}

	/** Whether no application of this JVM is retiring MQTT sessions (its thread ends with its round). */
	static boolean noSessionBeingRetired() {
		return Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("mqtt-retire") && t.isAlive());
	}

	@Test
	void aSessionLeftBehindByMoreSubscribersIsDrainedAndEndedAtStart() throws Exception {
		Site s = site();
		// the running application looks for sessions to retire once at its start, from number 5 on: until it is done, a
		// session made here could be taken over by its probe (and this client disconnected) or retired by the wrong run
		await("the running application's retiring round", Duration.ofSeconds(30), MqttIngestTests::noSessionBeingRetired);
		// a fifth subscriber's session, as a run with subscribers=5 leaves it: subscribed to the shared group, offline
		URI broker = URI.create(TestBroker.url());
		String fifth = clientId + "-5";
		var old = Mqtt5Client.builder().identifier(fifth).serverHost(broker.getHost()).serverPort(broker.getPort()).buildBlocking();
		old.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
		old.subscribeWith().topicFilter("$share/peakpilot/" + root + "/readings/+").qos(MqttQos.AT_LEAST_ONCE).send();
		old.disconnect();
		if (!TestBroker.external()) {
			assertThat(TestBroker.holdsSession(fifth)).as("the session left behind is there to be retired").isTrue();
		}
		int n = 50;
		BigDecimal sum = BigDecimal.ZERO;
		for (int i = 0; i < n; i++) {
			BigDecimal v = BigDecimal.valueOf(1000 + i, 2);
			sum = sum.add(v);
			publish(Long.toString(s.gatewayId()), s.token(), "[{\"meter\": \"E-01\", \"ts\": \"" + ts(40 + i / 96, i % 96) + "\", \"value\": " + v + "}]");
		}
		// a broker that queues per session (Mosquitto) keeps a share for the fifth session until the application resumes it
		app.close();
		app = start();
		await("the fifth session retired", Duration.ofSeconds(30),
				() -> bean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.retired-sessions").counter().count() >= 1);
		await("all " + n + " readings", Duration.ofSeconds(10), () -> count(s.meterId()) >= n);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n, sum.setScale(6));
		// the counter goes up once the retiring client has sent its DISCONNECT (session expiry 0); the broker ends the
		// session when it processes that, which under load can come later. A probe connecting in between resumes the
		// session and finds it present, so wait first for the retiring thread to finish (it connects once more, for the
		// next number) and, where the broker can be asked without taking the session over (the embedded one), for the
		// broker to have ended the session: a session that is never ended keeps this waiting until it fails.
		await("the retiring thread done", Duration.ofSeconds(30), MqttIngestTests::noSessionBeingRetired);
		if (!TestBroker.external()) {
			await("the broker ended the fifth session", Duration.ofSeconds(30), () -> !TestBroker.holdsSession(fifth));
		}
		var probe = Mqtt5Client.builder().identifier(fifth).serverHost(broker.getHost()).serverPort(broker.getPort()).buildBlocking();
		assertThat(probe.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent()).as("the session is gone").isFalse();
		probe.disconnect();
	}

	@Test
	void aRestartWhileAPublisherKeepsSendingStoresEveryReadingExactlyOnce() throws Exception {
		Site s = site();
		int messages = 150;
		int perMessage = 2;
		List<BigDecimal> values = new ArrayList<>();
		for (int i = 0; i < messages * perMessage; i++) {
			values.add(BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1, 10_000_000), 3));
		}
		AtomicReference<Throwable> failed = new AtomicReference<>();
		Thread sender = new Thread(() -> {
			try {
				for (int m = 0; m < messages; m++) {
					StringBuilder sb = new StringBuilder("{\"readings\": [");
					for (int k = 0; k < perMessage; k++) {
						int i = m * perMessage + k;
						sb.append(k == 0 ? "" : ",").append("{\"meter\": \"E-01\", \"ts\": \"").append(ts(3 + i / 96, i % 96))
							.append("\", \"value\": ").append(values.get(i).toPlainString()).append('}');
					}
					publish(Long.toString(s.gatewayId()), s.token(), sb.append("]}").toString());
					Thread.sleep(40);
				}
			}
			catch (Throwable ex) {
				failed.set(ex);
			}
		}, "test-publisher");
		sender.start();
		await("the first readings", Duration.ofSeconds(20), () -> count(s.meterId()) > 0);
		app.close();
		long whileDown = count(s.meterId());
		app = start();
		sender.join();
		assertThat(failed.get()).isNull();
		int n = messages * perMessage;
		await("all " + n + " readings", Duration.ofSeconds(30), () -> count(s.meterId()) >= n);
		Thread.sleep(500);
		assertThat(whileDown).as("the restart happened while readings were still coming").isLessThan(n);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n,
				values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6));
	}

	@Test
	void whileTheDatabaseIsAwayHttpAnswers503AndMqttMessagesWaitUntilItIsBack() throws Exception {
		Site s = site();
		HttpClient http = HttpClient.newHttpClient();
		String port = app.getEnvironment().getProperty("local.server.port");
		java.util.function.Function<String, HttpResponse<String>> post = body -> {
			try {
				return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/monitoring/readings"))
					.header("Authorization", "Bearer " + s.token()).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		};
		assertThat(post.apply("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(1, 0) + "\", \"value\": 5}]}").statusCode()).isEqualTo(200);

		proxy.cut();
		try {
			HttpResponse<String> refused = post.apply("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(1, 1) + "\", \"value\": 6}]}");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).contains("5");
			assertThat(refused.body()).contains("database-unavailable");
			for (int i = 2; i < 12; i++) {
				publish(Long.toString(s.gatewayId()), s.token(), "{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(1, i) + "\", \"value\": " + i + "}]}");
			}
			Thread.sleep(2500);
			assertThat(count(s.meterId())).as("nothing written while the database is away").isEqualTo(1);
			assertThat(bean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.retries").counter().count()).isPositive();
		}
		finally {
			proxy.restore();
		}
		await("the readings kept at the broker", Duration.ofSeconds(20), () -> count(s.meterId()) >= 11);
		Thread.sleep(500);
		// 5 over HTTP before, 2 + 3 + … + 11 over MQTT after; the refused HTTP reading (6) is not there
		assertThat(countAndSum(s.meterId())).containsExactly(11L, new BigDecimal("70.000000"));
		assertThat(jdbc().sql("SELECT count(*) FROM monitoring_quarantine WHERE enterprise_id = :e").param("e", s.enterpriseId())
			.query(Long.class).single()).isZero();
	}

	@Test
	void aGatewaysTokenIsRotatedOnlyByWhoManagesItsEnterpriseTheOldOneWorksForTheOverlapAndARevocationEndsBoth() throws Exception {
		Site s = site();
		Site other = site();
		Fixtures fixtures = new Fixtures(bean(Registry.class), bean(UserAccounts.class));
		String own = fixtures.user(Role.ENTERPRISE_USER, null, null, s.enterpriseId(), Set.of());
		String foreign = fixtures.user(Role.ENTERPRISE_USER, null, null, other.enterpriseId(), Set.of());
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/monitoring";
		java.util.function.BiFunction<String, String, HttpResponse<String>> post = (path, authorization) -> {
			try {
				return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(1, 0) + "\", \"value\": 1}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		};
		String basicForeign = "Basic " + java.util.Base64.getEncoder().encodeToString((foreign + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
		String basicOwn = "Basic " + java.util.Base64.getEncoder().encodeToString((own + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
		assertThat(post.apply("/gateways/" + s.gatewayId() + "/rotate", basicForeign).statusCode())
			.as("another enterprise's gateway is out of sight, as when creating one").isEqualTo(404);
		assertThat(post.apply("/gateways/" + s.gatewayId() + "/rotate", "Bearer " + s.token()).statusCode()).as("a device rotates nothing")
			.isEqualTo(403);
		HttpResponse<String> rotated = post.apply("/gateways/" + s.gatewayId() + "/rotate", basicOwn);
		assertThat(rotated.statusCode()).isEqualTo(200);
		String token = JsonPath.read(rotated.body(), "$.token");
		assertThat(token).startsWith("ppd_").isNotEqualTo(s.token());
		assertThat(post.apply("/readings", "Bearer " + s.token()).statusCode()).as("the old token in the rotation's overlap (10 minutes)")
			.isEqualTo(200);
		assertThat(post.apply("/readings", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(post.apply("/gateways/" + s.gatewayId() + "/revoke", basicOwn).statusCode()).isEqualTo(200);
		assertThat(post.apply("/readings", "Bearer " + s.token()).statusCode()).isEqualTo(401);
		assertThat(post.apply("/readings", "Bearer " + token).statusCode()).isEqualTo(401);
	}
}
