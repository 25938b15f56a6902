package org.peakpilot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The application's embedded MQTT broker against the attacks of issue 9 (docs/adr/0010-mqtt-broker-security.md): it
 * lets nobody in without credentials, lets a gateway (its id and device token, MQTT 5 or 3.1.1) publish only to its
 * own readings topic and read only its own results, keeps everyone but the ingest from readings and its shared
 * group, closes a gateway's connections when its token is revoked, refuses an old token once a rotation's overlap ended,
 * lets a gateway publish its heartbeat only to its own status topic, and answers only to the sender. These
 * tests start the application's own broker on a free port, in both runs of the suite (it needs no Mosquitto).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttBrokerSecurityTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String ROOT = "peakpilot/v1";

	final String run = UUID.randomUUID().toString().substring(0, 8);
	final int port = TestBroker.freePort();
	final List<Object> clients = new CopyOnWriteArrayList<>();
	ConfigurableApplicationContext app;
	DatabaseProxy proxy;

	@BeforeAll
	void startApplication() {
		SpringApplication application = new SpringApplication(PeakPilotApplication.class);
		// after TestDatabase has chosen the database: route it through a proxy that can take it away
		application.addInitializers(context -> {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			try {
				proxy = new DatabaseProxy(url);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
			org.springframework.boot.test.util.TestPropertyValues.of("spring.datasource.url=" + proxy.url(url)).applyTo(context);
		});
		app = application.run("--server.port=0", "--peakpilot.test.schema=pp_mqtt_sec",
				"--peakpilot.test.mqtt=true", "--peakpilot.monitoring.mqtt.broker-url=", "--peakpilot.monitoring.mqtt.embedded.port=" + port,
				"--peakpilot.monitoring.mqtt.embedded.persistent=false", "--peakpilot.monitoring.mqtt.client-id=pp-test-sec-ingest-" + run,
				"--peakpilot.monitoring.mqtt.session-expiry=PT10M", "--peakpilot.monitoring.mqtt.retry-max=PT1S",
				"--peakpilot.monitoring.token-rotation-overlap=PT8S", "--peakpilot.monitoring.token-cache=PT3S",
				"--spring.datasource.hikari.connection-timeout=1500", "--spring.datasource.hikari.validation-timeout=1000",
				"--logging.level.org.apache.activemq.artemis=ERROR");
	}

	@AfterAll
	void stopApplication() throws java.io.IOException {
		for (Object c : clients) {
			try {
				if (c instanceof Mqtt5AsyncClient m && m.getState().isConnected()) {
					m.disconnect().get(5, TimeUnit.SECONDS);
				}
				if (c instanceof Mqtt3AsyncClient m && m.getState().isConnected()) {
					m.disconnect().get(5, TimeUnit.SECONDS);
				}
			}
			catch (Exception ex) {
				// the application stops the broker anyway
			}
		}
		if (app != null) {
			app.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	/** An enterprise with a 15-minute INTERVAL electricity meter E-01 and a gateway. */
	record Site(long enterpriseId, long meterId, long gatewayId, String token) {

		String user() {
			return Long.toString(gatewayId);
		}

		String readings() {
			return ROOT + "/readings/" + gatewayId;
		}

		String results() {
			return ROOT + "/results/" + gatewayId;
		}
	}

	Site site() {
		Fixtures fixtures = new Fixtures(app.getBean(Registry.class), app.getBean(UserAccounts.class));
		RegistryModel.Enterprise e = fixtures.enterprise(EMEISHAN, "3011", null);
		EnergyMonitoring monitoring = app.getBean(EnergyMonitoring.class);
		return SystemActor.call("test", () -> {
			long meter = monitoring.registerMeter(e.id(), new MeterForm("E-01", "1# 主变", null, "ELECTRICITY", "kWh", MeterKind.INTERVAL,
					BigDecimal.ONE, 15, null, new BigDecimal("100000"), null, true)).id();
			var gateway = monitoring.createGateway(e.id(), "1# 网关");
			return new Site(e.id(), meter, gateway.gateway().id(), gateway.token());
		});
	}

	static String ts(int daysAgo, int i) {
		return LocalDate.now(BEIJING).minusDays(daysAgo).atStartOfDay(BEIJING).plusMinutes(15L * (i + 1)).toOffsetDateTime().toString();
	}

	static byte[] reading(int daysAgo, int i, int value) {
		return ("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(daysAgo, i) + "\", \"value\": " + value + "}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** An MQTT 5 client of the broker, not yet connected; user null connects without credentials. */
	Mqtt5AsyncClient mqtt5(String name, String user, String password) {
		Mqtt5ClientBuilder b = Mqtt5Client.builder().identifier("pp-test-" + name + "-" + run).serverHost("127.0.0.1").serverPort(port);
		if (user != null) {
			b = b.simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
		}
		Mqtt5AsyncClient c = b.buildAsync();
		clients.add(c);
		return c;
	}

	/** A gateway's MQTT 5 connection with its credentials, connected. */
	Mqtt5AsyncClient gateway(String name, Site s) throws Exception {
		Mqtt5AsyncClient c = mqtt5(name, s.user(), s.token());
		c.connect().get(10, TimeUnit.SECONDS);
		return c;
	}

	static boolean refused(CompletableFuture<?> connect) {
		try {
			connect.get(10, TimeUnit.SECONDS);
			return false;
		}
		catch (Exception ex) {
			return true;
		}
	}

	static boolean subscriptionRefused(CompletableFuture<Mqtt5SubAck> ack) {
		try {
			return ack.get(10, TimeUnit.SECONDS).getReasonCodes().stream().allMatch(c -> c.isError());
		}
		catch (Exception ex) {
			return true;
		}
	}

	/** Whether a QoS 1 publish was refused (a PUBACK with an error, or the connection closed). */
	static boolean publishRefused(CompletableFuture<?> result) {
		try {
			Object r = result.get(10, TimeUnit.SECONDS);
			return r instanceof com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult.Mqtt5Qos1Result q
					&& q.getPubAck().getReasonCode().isError();
		}
		catch (Exception ex) {
			return true;
		}
	}

	long count(long meterId) {
		return app.getBean(JdbcClient.class).sql("SELECT count(*) FROM monitoring_reading WHERE meter_id = :m").param("m", meterId)
			.query(Long.class).single();
	}

	long quarantined(long enterpriseId) {
		return app.getBean(JdbcClient.class).sql("SELECT count(*) FROM monitoring_quarantine WHERE enterprise_id = :e")
			.param("e", enterpriseId).query(Long.class).single();
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

	void awaitIngestConnected() throws InterruptedException {
		var metrics = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
		await("the ingest's subscribers connected", Duration.ofSeconds(20),
				() -> metrics.get("peakpilot.monitoring.mqtt.connected").gauge().value() == 4);
	}

	@Test
	void anAnonymousClientIsRefusedAndAGatewayReadsNeitherReadingsNorOthersResults() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Site b = site();
		assertThat(refused(mqtt5("anonymous", null, null).connect())).as("a connect without credentials").isTrue();
		assertThat(refused(mqtt5("wrong-password", a.user(), "ppd_not-the-token").connect())).as("a wrong token").isTrue();
		assertThat(refused(mqtt5("wrong-user", b.user(), a.token()).connect())).as("a token under another gateway's id").isTrue();
		assertThat(refused(mqtt5("ingest-guess", "peakpilot-ingest", a.token()).connect())).as("the ingest's name").isTrue();

		// a legitimate gateway tries to read everything, and another's results
		BlockingQueue<Mqtt5Publish> seen = new LinkedBlockingQueue<>();
		Mqtt5AsyncClient spy = gateway("spy", b);
		assertThat(subscriptionRefused(spy.subscribeWith().topicFilter(ROOT + "/#").qos(MqttQos.AT_LEAST_ONCE).callback(seen::add).send()))
			.as("peakpilot/v1/#").isTrue();
		if (spy.getState().isConnected()) {
			assertThat(subscriptionRefused(spy.subscribeWith().topicFilter(a.readings()).qos(MqttQos.AT_LEAST_ONCE).callback(seen::add).send()))
				.as("another gateway's readings").isTrue();
		}
		if (spy.getState().isConnected()) {
			assertThat(subscriptionRefused(spy.subscribeWith().topicFilter(a.results()).qos(MqttQos.AT_LEAST_ONCE).callback(seen::add).send()))
				.as("another gateway's results").isTrue();
		}

		BlockingQueue<String> answers = new LinkedBlockingQueue<>();
		Mqtt5AsyncClient own = gateway("a", a);
		own.subscribeWith().topicFilter(a.results()).qos(MqttQos.AT_LEAST_ONCE)
			.callback(p -> answers.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().get(10, TimeUnit.SECONDS);
		own.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(1, 0, 7)).userProperties()
			.add("authorization", "Bearer " + a.token()).applyUserProperties().send().get(10, TimeUnit.SECONDS);
		String answer = answers.poll(20, TimeUnit.SECONDS);
		assertThat(answer).as("the gateway reads its own results").isNotNull();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(1);
		assertThat(answer).doesNotContain(a.token());
		Thread.sleep(500);
		assertThat(seen).as("neither the reading with its token nor the answer reached the other gateway").isEmpty();
	}

	@Test
	void aGatewayCannotHijackTheIngestsSharedGroupAndNoReadingGoesMissing() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Site thief = site();
		assertThat(refused(mqtt5("anonymous-thief", null, null).connect())).isTrue();
		BlockingQueue<Mqtt5Publish> stolen = new LinkedBlockingQueue<>();
		Mqtt5AsyncClient hijacker = gateway("hijacker", thief);
		assertThat(subscriptionRefused(hijacker.subscribeWith().topicFilter("$share/peakpilot/" + ROOT + "/readings/+")
			.qos(MqttQos.AT_LEAST_ONCE).callback(stolen::add).send())).as("joining the ingest's shared group").isTrue();
		if (hijacker.getState().isConnected()) {
			assertThat(subscriptionRefused(hijacker.subscribeWith().topicFilter("$share/other/" + ROOT + "/readings/+")
				.qos(MqttQos.AT_LEAST_ONCE).callback(stolen::add).send())).as("a shared group of its own").isTrue();
		}

		Mqtt5AsyncClient gw = gateway("a20", a);
		for (int i = 0; i < 20; i++) {
			gw.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(2, i, i + 1)).send().get(10, TimeUnit.SECONDS);
		}
		await("20 of 20 readings stored", Duration.ofSeconds(30), () -> count(a.meterId()) >= 20);
		assertThat(count(a.meterId())).isEqualTo(20);
		assertThat(stolen).isEmpty();
		assertThat(quarantined(a.enterpriseId())).isZero();
	}

	@Test
	void aGatewayPublishesItsHeartbeatOnlyToItsOwnStatusTopic() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Site b = site();
		Mqtt5AsyncClient gw = gateway("heartbeat", a);
		gw.publishWith().topic(ROOT + "/status/" + a.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
			.payload("{\"firmware\": \"2.1.0\"}".getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
		await("the heartbeat", Duration.ofSeconds(20), () -> lastStatus(a.gatewayId()) != null);
		assertThat(lastStatus(a.gatewayId())).isEqualTo("{\"firmware\":\"2.1.0\"}");
		assertThat(publishRefused(gateway("heartbeat-forger", a).publishWith().topic(ROOT + "/status/" + b.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
			.payload("{\"firmware\": \"evil\"}".getBytes(StandardCharsets.UTF_8)).send())).as("another gateway's status topic").isTrue();
		Thread.sleep(1000);
		assertThat(lastStatus(b.gatewayId())).isNull();
	}

	String lastStatus(long gatewayId) {
		return app.getBean(JdbcClient.class).sql("SELECT last_status FROM monitoring_gateway WHERE id = :id").param("id", gatewayId)
			.query(String.class).optional().orElse(null);
	}

	@Test
	void aGatewayCannotPublishToAnothersReadingsOrResultsTopic() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Site b = site();
		Mqtt5AsyncClient gw = gateway("forger", a);
		// its own token in the user property does not help: the broker refuses the topic
		assertThat(publishRefused(gw.publishWith().topic(b.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(1, 0, 5))
			.userProperties().add("authorization", "Bearer " + a.token()).applyUserProperties().send())).isTrue();
		Mqtt5AsyncClient again = gateway("forger-2", a);
		assertThat(publishRefused(again.publishWith().topic(ROOT + "/results/" + b.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
			.payload("{\"stored\": 1}".getBytes(StandardCharsets.UTF_8)).send())).as("a forged answer to another gateway").isTrue();
		Thread.sleep(1500);
		assertThat(count(b.meterId())).isZero();
		assertThat(count(a.meterId())).isZero();
		assertThat(quarantined(b.enterpriseId())).isZero();
	}

	@Test
	void anMqtt311GatewaySignedInWithIdAndTokenHasItsReadingsStoredAndReadsItsAnswers() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Mqtt3AsyncClient dtu = Mqtt3Client.builder().identifier("pp-test-dtu-" + run).serverHost("127.0.0.1").serverPort(port).simpleAuth()
			.username(a.user()).password(a.token().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
		clients.add(dtu);
		dtu.connect().get(10, TimeUnit.SECONDS);
		BlockingQueue<String> answers = new LinkedBlockingQueue<>();
		dtu.subscribeWith().topicFilter(a.results()).qos(MqttQos.AT_LEAST_ONCE)
			.callback(p -> answers.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().get(10, TimeUnit.SECONDS);
		dtu.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE)
			.payload(("[{\"meter\": \"E-01\", \"ts\": \"" + ts(3, 0) + "\", \"value\": 4}, {\"meter\": \"E-01\", \"ts\": \"" + ts(3, 1)
					+ "\", \"value\": 5}]").getBytes(StandardCharsets.UTF_8))
			.send().get(10, TimeUnit.SECONDS);
		String answer = answers.poll(20, TimeUnit.SECONDS);
		assertThat(answer).as("an answer on its results topic").isNotNull();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(2);
		assertThat(count(a.meterId())).isEqualTo(2);
		assertThat(quarantined(a.enterpriseId())).as("not quarantined as UNAUTHENTICATED").isZero();

		Mqtt3AsyncClient anonymous = Mqtt3Client.builder().identifier("pp-test-dtu-anon-" + run).serverHost("127.0.0.1").serverPort(port)
			.buildAsync();
		clients.add(anonymous);
		assertThat(refused(anonymous.connect())).as("an MQTT 3.1.1 connect without credentials").isTrue();
	}

	@Test
	void afterARotationsOverlapTheOldTokenNeitherPublishesNorConnectsAndARevocationDisconnectsTheGateway() throws Exception {
		awaitIngestConnected();
		Site a = site();
		EnergyMonitoring monitoring = app.getBean(EnergyMonitoring.class);

		Mqtt5AsyncClient live = gateway("rotated", a);
		String rotated = SystemActor.call("test", () -> monitoring.rotateGatewayToken(a.gatewayId()).token());
		long overlapEnds = System.nanoTime() + Duration.ofSeconds(8).toNanos();
		// within the overlap (8 s here): the connection made with the old token publishes, the old token connects
		live.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(5, 0, 2)).send().get(10, TimeUnit.SECONDS);
		await("the reading sent with the old token in the overlap", Duration.ofSeconds(20), () -> count(a.meterId()) == 1);
		assertThat(refused(mqtt5("old-token-in-overlap", a.user(), a.token()).connect())).as("the old token in the overlap").isFalse();
		// after it: neither
		Thread.sleep(Math.max(0, (overlapEnds - System.nanoTime()) / 1_000_000) + 500);
		assertThat(publishRefused(live.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(5, 1, 3)).send()))
			.as("a publish of the connection made with the old token after the overlap").isTrue();
		assertThat(refused(mqtt5("old-token", a.user(), a.token()).connect())).as("the old token").isTrue();
		Thread.sleep(1000);
		assertThat(count(a.meterId())).isEqualTo(1);

		Site now = new Site(a.enterpriseId(), a.meterId(), a.gatewayId(), rotated);
		CompletableFuture<Void> revokedClosed = new CompletableFuture<>();
		Mqtt5AsyncClient second = Mqtt5Client.builder().identifier("pp-test-revoked-" + run).serverHost("127.0.0.1").serverPort(port)
			.simpleAuth().username(now.user()).password(rotated.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
			.addDisconnectedListener(ctx -> revokedClosed.complete(null)).buildAsync();
		clients.add(second);
		second.connect().get(10, TimeUnit.SECONDS);
		second.publishWith().topic(now.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(4, 0, 3)).send().get(10, TimeUnit.SECONDS);
		await("the reading of the new token", Duration.ofSeconds(20), () -> count(a.meterId()) == 2);

		SystemActor.call("test", () -> app.getBean(Gateways.class).revoke(a.gatewayId()));
		revokedClosed.get(10, TimeUnit.SECONDS);
		assertThat(refused(mqtt5("revoked-token", now.user(), rotated).connect())).as("a revoked token").isTrue();
	}

	@Test
	void whileTheDatabaseIsAwayAGatewaySignedInBeforeGoesOnPublishingAndItsReadingsWaitAtTheBroker() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Mqtt5AsyncClient gw = gateway("outage", a);
		proxy.cut();
		try {
			// past the 3 seconds (30 by default) for which a token's lookup is kept: the broker has to ask again and cannot
			Thread.sleep(4_000);
			for (int i = 0; i < 5; i++) {
				assertThat(publishRefused(gw.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).payload(reading(6, i, i + 1)).send()))
					.as("publish %d while the database is away", i).isFalse();
			}
		}
		finally {
			proxy.restore();
		}
		// right after the restore the test's own pool may still be reconnecting (under load longer than its 1.5 s wait)
		await("the readings kept at the broker", Duration.ofSeconds(30), () -> {
			try {
				return count(a.meterId()) >= 5;
			}
			catch (org.springframework.dao.DataAccessException stillReconnecting) {
				return false;
			}
		});
		assertThat(count(a.meterId())).isEqualTo(5);
	}

	@Test
	void theAnswerGoesToTheSendersResultsTopicEvenWhenTheMessageNamesAnotherResponseTopic() throws Exception {
		awaitIngestConnected();
		Site a = site();
		Site b = site();
		BlockingQueue<Mqtt5Publish> toA = new LinkedBlockingQueue<>();
		BlockingQueue<Mqtt5Publish> toB = new LinkedBlockingQueue<>();
		Mqtt5AsyncClient gwA = gateway("sender", a);
		gwA.subscribeWith().topicFilter(a.results()).qos(MqttQos.AT_LEAST_ONCE).callback(toA::add).send().get(10, TimeUnit.SECONDS);
		Mqtt5AsyncClient gwB = gateway("bystander", b);
		gwB.subscribeWith().topicFilter(b.results()).qos(MqttQos.AT_LEAST_ONCE).callback(toB::add).send().get(10, TimeUnit.SECONDS);

		gwA.publishWith().topic(a.readings()).qos(MqttQos.AT_LEAST_ONCE).responseTopic(b.results())
			.correlationData("req-7".getBytes(StandardCharsets.UTF_8)).payload(reading(5, 0, 9)).userProperties()
			.add("authorization", "Bearer " + a.token()).applyUserProperties().send().get(10, TimeUnit.SECONDS);
		Mqtt5Publish answer = toA.poll(20, TimeUnit.SECONDS);
		assertThat(answer).as("the answer on the sender's results topic").isNotNull();
		assertThat(StandardCharsets.UTF_8.decode(answer.getCorrelationData().orElseThrow()).toString()).isEqualTo("req-7");
		assertThat((Integer) JsonPath.read(new String(answer.getPayloadAsBytes(), StandardCharsets.UTF_8), "$.stored")).isEqualTo(1);
		Thread.sleep(500);
		assertThat(toB).as("nothing for the gateway whose results topic the message named").isEmpty();
		assertThat(Optional.ofNullable(toA.poll())).isEmpty();
	}
}
