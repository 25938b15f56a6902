package org.peakpilot;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.internal.Restatements;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.MeteredMonth;
import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.CacheInvalidation;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * The acceptance of issue 16's "several instances": two application contexts (two HTTP ports) on one PostgreSQL schema
 * and one MQTT broker ({@link TestDatabase}, {@link TestBroker}: zonky and the embedded Artemis, then PostgreSQL 15 and
 * Mosquitto), each with its own client ids in the default shared group. Readings published over MQTT are split
 * between the instances and stored once; a factor version published on one is used by the other's next conversion;
 * a device token revoked on one stops working on the other at once. Started once for the class, one after the other.
 */
@ExtendWith(TestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTests {

	static final String SCHEMA = "pp_two";
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final int SUBSCRIBERS = 2;

	/** A topic root and client ids of this run only, so that runs sharing a Mosquitto never see each other. */
	final String run = UUID.randomUUID().toString().substring(0, 8);
	final String root = "pp-test-two-" + run + "/v1";
	ConfigurableApplicationContext one;
	ConfigurableApplicationContext two;
	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void startTwoInstances() {
		one = start("one");
		two = start("two");
	}

	@AfterAll
	void stopThem() {
		if (two != null) {
			two.close();
		}
		if (one != null) {
			one.close();
		}
	}

	/** An instance: its own port and MQTT client ids, the schema, broker, topic root and (default) shared group of the other. */
	ConfigurableApplicationContext start(String name) {
		return new SpringApplication(PeakPilotApplication.class).run("--server.port=0", "--peakpilot.test.schema=" + SCHEMA,
				"--peakpilot.test.mqtt=true", "--peakpilot.monitoring.mqtt.broker-url=" + TestBroker.url(),
				"--peakpilot.monitoring.mqtt.client-id=pp-test-" + name + "-" + run, "--peakpilot.monitoring.mqtt.topic-root=" + root,
				"--peakpilot.monitoring.mqtt.subscribers=" + SUBSCRIBERS, "--peakpilot.monitoring.mqtt.session-expiry=PT10M",
				// the ledger's reconciliation runs when a test calls its job, never at 01:15 Beijing behind its back
				"--peakpilot.inclusive.ledger.reconciliation-cron=-", "--peakpilot.inclusive.ledger.expiry-cron=-",
				"--logging.level.org.apache.activemq.artemis=ERROR");
	}

	static String port(ConfigurableApplicationContext app) {
		return app.getEnvironment().getProperty("local.server.port");
	}

	/** An enterprise with a 15-minute INTERVAL electricity meter E-01 and a gateway, made on instance one. */
	record Site(long enterpriseId, long meterId, long gatewayId, String token) {
	}

	Site site() {
		Fixtures fixtures = new Fixtures(one.getBean(Registry.class), one.getBean(UserAccounts.class));
		RegistryModel.Enterprise e = fixtures.enterprise(EMEISHAN, "3011", null);
		EnergyMonitoring monitoring = one.getBean(EnergyMonitoring.class);
		return SystemActor.call("test", () -> {
			long meter = monitoring.registerMeter(e.id(), new MeterForm("E-01", "1# 主变", null, "ELECTRICITY", "kWh", MeterKind.INTERVAL,
					BigDecimal.ONE, 15, null, new BigDecimal("100000"), null, true)).id();
			var gateway = monitoring.createGateway(e.id(), "1# 网关");
			return new Site(e.id(), meter, gateway.gateway().id(), gateway.token());
		});
	}

	/** The end of the i-th quarter hour of the day {@code daysAgo} days back (Beijing). */
	static OffsetDateTime ts(int daysAgo, int i) {
		return LocalDate.now(BEIJING).minusDays(daysAgo).atStartOfDay(BEIJING).plusMinutes(15L * (i + 1)).toOffsetDateTime();
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

	/** The readings of a meter: count and sum, straight from the shared database. */
	Object[] countAndSum(long meterId) {
		return one.getBean(JdbcClient.class).sql("SELECT count(*), coalesce(sum(value), 0) FROM monitoring_reading WHERE meter_id = :m")
			.param("m", meterId).query((rs, n) -> new Object[] { rs.getLong(1), rs.getBigDecimal(2) }).single();
	}

	static double counter(ConfigurableApplicationContext app, String name, String outcome) {
		var search = app.getBean(MeterRegistry.class).find(name);
		var c = outcome == null ? search.counter() : search.tag("outcome", outcome).counter();
		return c == null ? 0 : c.count();
	}

	/** Posts one reading over HTTP to an instance with a device token; the status. */
	int postReading(ConfigurableApplicationContext app, String token, OffsetDateTime at) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(app) + "/api/v1/monitoring/readings"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + at + "\", \"value\": 1}]}"))
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	@Test
	@Order(1)
	void readingsPublishedOverMqttAreSplitBetweenTheInstancesAndEachStoredOnce() throws Exception {
		for (ConfigurableApplicationContext app : List.of(one, two)) {
			await("both instances' subscribers connected", Duration.ofSeconds(30),
					() -> app.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value() == SUBSCRIBERS);
		}
		Site s = site();
		double[] before = { counter(one, "peakpilot.monitoring.mqtt.messages", null), counter(two, "peakpilot.monitoring.mqtt.messages", null) };
		double storedBefore = counter(one, "peakpilot.monitoring.mqtt.readings", "stored") + counter(two, "peakpilot.monitoring.mqtt.readings", "stored");
		double duplicatesBefore = counter(one, "peakpilot.monitoring.mqtt.readings", "duplicate")
				+ counter(two, "peakpilot.monitoring.mqtt.readings", "duplicate");
		int messages = 120;
		List<BigDecimal> values = new ArrayList<>();
		Mqtt5AsyncClient publisher = publisher("pp-test-two-publisher-" + run);
		publish(publisher, s, 0, messages, values).forEach(CompletableFuture::join);
		publisher.disconnect().join();
		int n = values.size();
		await("all " + n + " readings", Duration.ofSeconds(60), () -> (Long) countAndSum(s.meterId())[0] >= n);
		await("every message taken", Duration.ofSeconds(30), () -> counter(one, "peakpilot.monitoring.mqtt.messages", null) - before[0]
				+ counter(two, "peakpilot.monitoring.mqtt.messages", null) - before[1] >= messages);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n, values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6));
		double byOne = counter(one, "peakpilot.monitoring.mqtt.messages", null) - before[0];
		double byTwo = counter(two, "peakpilot.monitoring.mqtt.messages", null) - before[1];
		assertThat(byOne).as("instance one took a share of the stream").isPositive();
		assertThat(byTwo).as("instance two took a share of the stream").isPositive();
		// a plain subscription on each instance would hand every message to both: n duplicates
		assertThat(byOne + byTwo).as("each message went to one instance").isEqualTo(messages);
		assertThat(counter(one, "peakpilot.monitoring.mqtt.readings", "stored") + counter(two, "peakpilot.monitoring.mqtt.readings", "stored")
				- storedBefore).isEqualTo(n);
		assertThat(counter(one, "peakpilot.monitoring.mqtt.readings", "duplicate") + counter(two, "peakpilot.monitoring.mqtt.readings", "duplicate")
				- duplicatesBefore).isZero();
	}

	static final int PER_MESSAGE = 3;

	Mqtt5AsyncClient publisher(String id) {
		URI broker = URI.create(TestBroker.url());
		Mqtt5AsyncClient publisher = Mqtt5Client.builder().identifier(id).serverHost(broker.getHost()).serverPort(broker.getPort()).buildAsync();
		publisher.connect().join();
		return publisher;
	}

	/**
	 * Publishes messages {@code from} … {@code from + count - 1} of {@value #PER_MESSAGE} readings each (distinct times
	 * 2 days back and earlier, random values added to {@code values}) with QoS 1, without waiting: their acknowledgements.
	 */
	List<CompletableFuture<?>> publish(Mqtt5AsyncClient publisher, Site s, int from, int count, List<BigDecimal> values) {
		List<CompletableFuture<?>> acks = new ArrayList<>();
		for (int m = from; m < from + count; m++) {
			StringBuilder batch = new StringBuilder("[");
			for (int k = 0; k < PER_MESSAGE; k++) {
				int i = m * PER_MESSAGE + k;
				BigDecimal v = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1, 10_000_000), 3);
				values.add(v);
				batch.append(k == 0 ? "" : ",").append("{\"meter\": \"E-01\", \"ts\": \"").append(ts(2 + i / 96, i % 96)).append("\", \"value\": ")
					.append(v.toPlainString()).append('}');
			}
			acks.add(publisher.publishWith().topic(root + "/readings/" + s.gatewayId()).qos(MqttQos.AT_LEAST_ONCE)
				.payload(batch.append(']').toString().getBytes(StandardCharsets.UTF_8)).userProperties()
				.add("authorization", "Bearer " + s.token()).applyUserProperties().send());
		}
		return acks;
	}

	@Test
	@Order(2)
	void aFactorVersionPublishedOnOneInstanceIsUsedByTheOthersNextConversion() throws Exception {
		Site s = site();
		OffsetDateTime at = ts(2, 0);
		int year = at.atZoneSameInstant(BEIJING).getYear();
		assertThat(postReading(one, s.token(), at)).isEqualTo(200);
		one.getBean(RollupJob.class).rollUpPending();
		// instance two converts the month with the library as it is, and keeps the conversion
		Calculation.FactorUsed grid = gridFactor(two, s.enterpriseId(), year, null);
		assertThat(gridFactor(two, s.enterpriseId(), year, grid.code())).isEqualTo(grid);

		Factor published = SystemActor.callAs("test", Role.CITY_ADMIN, Set.of(), () -> one.getBean(Restatements.class).publish(grid.code(),
				new Restatements.NewVersion(grid.value().add(new BigDecimal("0.1111")), "[unverified] two-instance test", null, null, null, null)));
		assertThat(published.version()).isEqualTo(grid.version() + 1);

		Calculation.FactorUsed next = gridFactor(two, s.enterpriseId(), year, grid.code());
		assertThat(next.version()).as("the version published on the other instance, at once").isEqualTo(published.version());
		assertThat(next.value()).isEqualByComparingTo(published.value());
	}

	/**
	 * A grid factor (the one of this code, or the first) that converts the enterprise's metered electricity in the year,
	 * as an instance converts it.
	 */
	static Calculation.FactorUsed gridFactor(ConfigurableApplicationContext app, long enterpriseId, int year, String code) {
		List<Calculation.FactorUsed> used = app.getBean(EnergyMonitoring.class).meteredMonths(year).stream()
			.filter(m -> m.enterpriseId() == enterpriseId).map(MeteredMonth::factors).flatMap(List::stream)
			.filter(f -> code == null ? f.code().startsWith("GRID") : f.code().equals(code)).distinct().toList();
		assertThat(used).as("a grid factor converts the month's electricity").isNotEmpty();
		return used.get(0);
	}

	@Test
	@Order(3)
	void aDeviceTokenRevokedOnOneInstanceStopsWorkingOnTheOtherAtOnce() throws Exception {
		Site s = site();
		assertThat(postReading(two, s.token(), ts(3, 0))).isEqualTo(200);
		// known (and kept) by instance two now; revoked on instance one
		SystemActor.call("test", () -> one.getBean(Gateways.class).revoke(s.gatewayId()));
		assertThat(postReading(two, s.token(), ts(3, 1))).as("refused by the other instance at once").isEqualTo(401);
		assertThat(postReading(one, s.token(), ts(3, 2))).isEqualTo(401);
	}

	@Test
	@Order(4)
	void aCacheTopicsVersionChangesForBothInstancesExactlyWhenTheWriterCommits() {
		String topic = "test." + run;
		CacheInvalidation onOne = one.getBean(CacheInvalidation.class);
		CacheInvalidation onTwo = two.getBean(CacheInvalidation.class);
		assertThat(onOne.version(topic)).isZero();
		TransactionTemplate tx = new TransactionTemplate(one.getBean(PlatformTransactionManager.class));
		tx.executeWithoutResult(status -> {
			onOne.invalidate(topic);
			long inside = onOne.version(topic);
			assertThat(inside).as("the writer's own transaction caches nothing of the topic").isNegative();
			assertThat(onOne.version(topic)).isNotEqualTo(inside);
			assertThat(CompletableFuture.supplyAsync(() -> onTwo.version(topic)).join()).as("not before the commit").isZero();
			status.setRollbackOnly();
		});
		assertThat(onTwo.version(topic)).as("a rolled-back change changes nothing").isZero();
		tx.executeWithoutResult(status -> onOne.invalidate(topic));
		assertThat(onTwo.version(topic)).as("committed: the other instance sees it at once").isEqualTo(1);
		assertThat(onOne.version(topic)).isEqualTo(1);
		// within one transaction the first answer stands
		new TransactionTemplate(two.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
			assertThat(onTwo.version(topic)).isEqualTo(1);
			CompletableFuture.runAsync(() -> tx.executeWithoutResult(st -> onOne.invalidate(topic))).join();
			assertThat(onTwo.version(topic)).isEqualTo(1);
		});
		assertThat(onTwo.version(topic)).isEqualTo(2);
	}

	@Test
	@Order(5)
	void aSessionSignedInOnOneInstanceIsUsedOnTheOther() throws Exception {
		String officer = new Fixtures(one.getBean(Registry.class), one.getBean(UserAccounts.class)).cityOfficer();
		// the sign-in form of instance one, with its CSRF token in the session it starts
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(one) + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(form.statusCode()).isEqualTo(200);
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as("the sign-in form has a CSRF field").isTrue();
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(one) + "/login"))
			.header("Cookie", sessionCookie(form)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + officer + "&password=" + Fixtures.PASSWORD + "&_csrf="
					+ java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
		String session = sessionCookie(signedIn);

		HttpResponse<String> onTwo = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(two) + "/account"))
			.header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(onTwo.statusCode()).as("instance two serves the session of instance one").isEqualTo(200);
		assertThat(onTwo.body()).contains(officer);
		HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(two) + "/account"))
			.header("Cookie", "PEAKPILOT_SESSION=bm8tc3VjaC1zZXNzaW9u").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stranger.statusCode()).as("an unknown session signs nobody in").isEqualTo(302);
	}

	/** The session cookie an answer sets, as a Cookie header. */
	static String sessionCookie(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("PEAKPILOT_SESSION="))
			.map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).reduce((a, b) -> b)
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	@Test
	@Order(6)
	void aScheduledJobCalledOnBothInstancesAtTheSameMomentRunsOnce() throws Exception {
		JdbcClient jdbc = one.getBean(JdbcClient.class);
		long before = jdbc.sql("SELECT count(*) FROM inclusive_ledger_reconciliation WHERE trigger_source = 'SCHEDULE'").query(Long.class).single();
		// the daily reconciliation, as each instance's scheduler calls it (through the bean's proxy, which takes the lock)
		Class<?> type = Class.forName("org.peakpilot.inclusive.internal.LedgerJobs");
		java.lang.reflect.Method job = type.getDeclaredMethod("onReconciliationSchedule");
		java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
		List<CompletableFuture<Void>> runs = new ArrayList<>();
		for (ConfigurableApplicationContext app : List.of(one, two)) {
			Object bean = app.getBean(type);
			java.lang.reflect.Method onProxy = org.springframework.aop.support.AopUtils.selectInvocableMethod(job, bean.getClass());
			onProxy.setAccessible(true);
			runs.add(CompletableFuture.runAsync(() -> {
				try {
					together.await(30, java.util.concurrent.TimeUnit.SECONDS);
					onProxy.invoke(bean);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		runs.forEach(CompletableFuture::join);
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_ledger_reconciliation WHERE trigger_source = 'SCHEDULE'").query(Long.class).single())
			.as("one reconciliation for the two instances' ticks").isEqualTo(before + 1);
		assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = 'inclusive.ledgerReconciliation'").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@Order(8)
	void whenOneInstanceStopsWhileReadingsArriveNoneIsLost() throws Exception {
		await("instance two's subscribers connected", Duration.ofSeconds(30),
				() -> two.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value() == SUBSCRIBERS);
		Site s = site();
		List<BigDecimal> values = new ArrayList<>();
		Mqtt5AsyncClient publisher = publisher("pp-test-two-stop-" + run);
		List<CompletableFuture<?>> acks = publish(publisher, s, 0, 60, values);
		// stopped while its share is arriving: what it has not acknowledged stays with the broker
		two.close();
		acks.addAll(publish(publisher, s, 60, 60, values));
		acks.forEach(CompletableFuture::join);
		publisher.disconnect().join();
		// a broker with a queue per group hands instance two's share to instance one; one that queues per session
		// (Mosquitto) keeps it for instance two's sessions until it is back
		two = start("two");
		int n = values.size();
		await("all " + n + " readings", Duration.ofSeconds(60), () -> (Long) countAndSum(s.meterId())[0] >= n);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n, values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6));
	}

	@Test
	@Order(9)
	void aSubscriberTakenOverByAnotherClientWithItsIdStaysAwayInsteadOfTakingItBack() throws Exception {
		// Mosquitto 2.0.11 closes the connection it takes over without a DISCONNECT (no reason code): the subscriber
		// cannot tell that from a lost connection, reconnects, and the two clients take turns; hence distinct client ids
		assumeFalse(TestBroker.external(), "Mosquitto does not say that a session was taken over");
		String id = "pp-test-two-" + run + "-2";
		await("instance two's subscribers connected", Duration.ofSeconds(30),
				() -> two.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value() == SUBSCRIBERS);
		URI broker = URI.create(TestBroker.url());
		var other = Mqtt5Client.builder().identifier(id).serverHost(broker.getHost()).serverPort(broker.getPort()).buildBlocking();
		other.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
		try {
			await("instance two's subscriber taken over", Duration.ofSeconds(20),
					() -> counter(two, "peakpilot.monitoring.mqtt.taken-over", null) >= 1);
			// a subscriber that reconnected would take the session back within its reconnect delay (200 ms)
			Thread.sleep(2000);
			assertThat(other.getState().isConnected()).as("the other client keeps the id").isTrue();
			assertThat(two.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value()).isEqualTo(SUBSCRIBERS - 1);
		}
		finally {
			if (other.getState().isConnected()) {
				other.disconnect();
			}
		}
	}

	@Test
	@Order(10)
	void aGatewaysDefaultTimeMarksChangedOnOneInstanceApplyToTheOthersNextBatch() throws Exception {
		Site s = site();
		assertThat(postReading(two, s.token(), ts(4, 4))).as("the end of the interval, now cached by instance two").isEqualTo(200);
		SystemActor.callAs("test", Role.CITY_ADMIN, Set.of(), () -> one.getBean(Gateways.class).updateMarks(s.gatewayId(), "start"));
		assertThat(postReading(two, s.token(), ts(4, 8))).isEqualTo(200);
		List<Instant> stored = one.getBean(JdbcClient.class).sql("SELECT ts FROM monitoring_reading WHERE meter_id = :m ORDER BY ts")
			.param("m", s.meterId()).query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
		assertThat(stored).as("the second batch's time marks the start on instance two at once")
			.containsExactly(ts(4, 4).toInstant(), ts(4, 9).toInstant());
	}

	/**
	 * What two instances configured with one client id do to each other at Mosquitto, played by a client that takes one
	 * subscriber's session back 100 ms after losing it and never acknowledges what it receives: the subscriber, told
	 * nothing by the broker, sees its connections end within moments of being made, says so once (an ERROR naming the
	 * client id), counts it, shows it in the readiness detail and reconnects with a growing pause instead of every
	 * 200 ms (about 25 connections in 10 s without it); readings published meanwhile are all stored, once.
	 */
	@Test
	@Order(11)
	void aSubscriberWhoseSessionAnotherClientKeepsTakingBacksOffSaysSoOnceAndLosesNoReading() throws Exception {
		// Artemis says SESSION_TAKEN_OVER and the subscriber stays away (order 9); Mosquitto 2.0.11 just closes the connection
		assumeTrue(TestBroker.external(), "only a broker that closes a taken-over connection without a reason (Mosquitto)");
		String id = "pp-test-one-" + run + "-2";
		await("instance one's subscribers connected", Duration.ofSeconds(30),
				() -> one.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value() == SUBSCRIBERS);
		Site s = site();
		ch.qos.logback.classic.Logger ingestLog = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger("org.peakpilot.monitoring.internal.MqttIngest");
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		ingestLog.addAppender(events);
		double flappingBefore = counter(one, "peakpilot.monitoring.mqtt.flapping", null);
		double storedBefore = counter(one, "peakpilot.monitoring.mqtt.readings", "stored") + counter(two, "peakpilot.monitoring.mqtt.readings", "stored");
		URI broker = URI.create(TestBroker.url());
		Mqtt5BlockingClient rogue = Mqtt5Client.builder().identifier(id).serverHost(broker.getHost()).serverPort(broker.getPort()).buildBlocking();
		// receives the session's messages and never acknowledges them: the broker delivers them again to the next connection
		rogue.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> { }, true);
		java.util.concurrent.atomic.AtomicBoolean playing = new java.util.concurrent.atomic.AtomicBoolean(true);
		java.util.concurrent.atomic.AtomicInteger rogueConnects = new java.util.concurrent.atomic.AtomicInteger();
		Thread taker = new Thread(() -> {
			while (playing.get()) {
				if (!rogue.getState().isConnected()) {
					try {
						rogue.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
						rogueConnects.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// taken back or refused in between: the next round tries again
					}
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "mqtt-rogue");
		List<BigDecimal> values = new ArrayList<>();
		List<CompletableFuture<?>> acks = new ArrayList<>();
		Mqtt5AsyncClient publisher = publisher("pp-test-two-rogue-publisher-" + run);
		int m = 0;
		try {
			taker.start();
			long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (counter(one, "peakpilot.monitoring.mqtt.flapping", null) < flappingBefore + 1) {
				if (System.nanoTime() > end) {
					throw new AssertionError("the subscriber did not notice its connections ending at once; "
							+ rogueConnects.get() + " connections of the other client");
				}
				acks.addAll(publish(publisher, s, m++, 1, values));
				Thread.sleep(250);
			}
			assertThat(one.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.backing-off").gauge().value()).isEqualTo(1);
			assertThat(one.getBean("mqttHealthIndicator", HealthIndicator.class).health().getDetails()).containsEntry("backingOff", 1L);
			// the pause grows (0.4, 0.8, 1.6, 3.2, 6.4 s …): a handful of connections in 12 s, where 200 ms would make about 30
			long connectsBefore = connects(events, id);
			end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
			while (System.nanoTime() < end) {
				acks.addAll(publish(publisher, s, m++, 1, values));
				Thread.sleep(250);
			}
			long connects = connects(events, id) - connectsBefore;
			assertThat(connects).as("the subscriber's connections in 12 s of back-off").isBetween(1L, 7L);
		}
		finally {
			playing.set(false);
			taker.join(5000);
			if (rogue.getState().isConnected()) {
				rogue.disconnect();
			}
		}
		acks.forEach(CompletableFuture::join);
		publisher.disconnect().join();
		int n = values.size();
		// the subscriber is back within its last pause, resumes the session and stores what waited in it
		await("all " + n + " readings", Duration.ofSeconds(90), () -> (Long) countAndSum(s.meterId())[0] >= n);
		assertThat(countAndSum(s.meterId())).containsExactly((long) n, values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6));
		await("the stored counter", Duration.ofSeconds(10), () -> counter(one, "peakpilot.monitoring.mqtt.readings", "stored")
				+ counter(two, "peakpilot.monitoring.mqtt.readings", "stored") - storedBefore >= n);
		assertThat(counter(one, "peakpilot.monitoring.mqtt.readings", "stored") + counter(two, "peakpilot.monitoring.mqtt.readings", "stored")
				- storedBefore).as("each reading stored once").isEqualTo(n);
		// a connection that lasts ends the back-off
		await("the back-off ended", Duration.ofSeconds(60),
				() -> one.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.backing-off").gauge().value() == 0);
		assertThat(one.getBean(MeterRegistry.class).get("peakpilot.monitoring.mqtt.connected").gauge().value()).isEqualTo(SUBSCRIBERS);
		ingestLog.detachAppender(events);
		List<String> errors = logged(events).stream().filter(e -> e.getLevel() == Level.ERROR)
			.map(ILoggingEvent::getFormattedMessage).filter(msg -> msg.contains(id)).toList();
		assertThat(errors).as("one error, naming the client id and what to do").hasSize(1);
		assertThat(errors.get(0)).contains("another client may use the client id " + id).contains("PEAKPILOT_MQTT_CLIENT_ID");
		assertThat(counter(one, "peakpilot.monitoring.mqtt.flapping", null)).isEqualTo(flappingBefore + 1);
	}

	/** What the appender holds so far (it appends under its own lock). */
	static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> events) {
		synchronized (events) {
			return List.copyOf(events.list);
		}
	}

	/** The connections the subscriber with this client id made, as logged. */
	static long connects(ListAppender<ILoggingEvent> events, String id) {
		return logged(events).stream().filter(e -> e.getFormattedMessage().startsWith("Connected to the MQTT broker")
				&& e.getFormattedMessage().contains(" as " + id + ";")).count();
	}
}
