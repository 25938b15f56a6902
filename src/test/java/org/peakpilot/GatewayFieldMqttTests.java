package org.peakpilot;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;

/**
 * Gateways in the field over MQTT, against the test broker ({@link TestBroker}: the embedded one, then Mosquitto in
 * the external run): the batch id comes back in the answer on the results topic (given or assigned, also for a
 * payload quarantined whole), a heartbeat on {@code <root>/status/<id>} marks the gateway seen without any
 * readings, and a correction replaces a stored value with an audit record by the gateway.
 */
@ExtendWith(TestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFieldMqttTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** A topic root and client id of this run only, so that runs sharing a Mosquitto never see each other. */
	final String run = UUID.randomUUID().toString().substring(0, 8);
	final String root = "pp-field-" + run + "/v1";
	ConfigurableApplicationContext app;
	Mqtt5BlockingClient publisher;
	Mqtt5AsyncClient listener;

	@BeforeAll
	void startApplication() {
		app = new SpringApplication(PeakPilotApplication.class).run("--server.port=0", "--peakpilot.test.schema=pp_field_mqtt",
				"--peakpilot.test.mqtt=true", "--peakpilot.monitoring.mqtt.broker-url=" + TestBroker.url(),
				"--peakpilot.monitoring.mqtt.client-id=pp-field-ingest-" + run, "--peakpilot.monitoring.mqtt.topic-root=" + root,
				"--peakpilot.monitoring.mqtt.subscribers=1", "--peakpilot.monitoring.mqtt.session-expiry=PT5M",
				"--peakpilot.monitoring.mqtt.retry-max=PT1S", "--logging.level.org.apache.activemq.artemis=ERROR");
		URI broker = URI.create(TestBroker.url());
		publisher = Mqtt5Client.builder().identifier("pp-field-publisher-" + run).serverHost(broker.getHost()).serverPort(broker.getPort())
			.buildBlocking();
		publisher.connect();
	}

	@AfterAll
	void stopApplication() {
		if (publisher != null) {
			publisher.disconnect();
		}
		if (listener != null) {
			listener.disconnect();
		}
		if (app != null) {
			app.close();
		}
	}

	record Site(long enterpriseId, long meterId, long gatewayId, String token) {
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

	static String ts(int i) {
		return LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).plusMinutes(15L * (i + 1)).toOffsetDateTime().toString();
	}

	void publish(String topic, String token, String payload) {
		publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).userProperties()
			.add("authorization", "Bearer " + token).applyUserProperties().send();
	}

	BlockingQueue<String> answers(long gatewayId) {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		URI broker = URI.create(TestBroker.url());
		listener = Mqtt5Client.builder().identifier("pp-field-answers-" + run).serverHost(broker.getHost()).serverPort(broker.getPort())
			.buildAsync();
		listener.connect().join();
		listener.subscribeWith().topicFilter(root + "/results/" + gatewayId).qos(MqttQos.AT_LEAST_ONCE)
			.callback(p -> queue.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().join();
		return queue;
	}

	static String next(BlockingQueue<String> queue) throws InterruptedException {
		String answer = queue.poll(30, TimeUnit.SECONDS);
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

	JdbcClient jdbc() {
		return app.getBean(JdbcClient.class);
	}

	@Test
	void theBatchIdComesBackAndACorrectionReplacesTheStoredValueWithAnAuditRecordByTheGateway() throws Exception {
		Site a = site();
		BlockingQueue<String> answers = answers(a.gatewayId());
		String readings = root + "/readings/" + a.gatewayId();
		publish(readings, a.token(), "{\"batchId\": \"mqtt-1\", \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(0) + "\", \"value\": 10}]}");
		String answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.batchId")).isEqualTo("mqtt-1");
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(1);
		assertThat(jdbc().sql("SELECT channel || ' ' || stored FROM monitoring_batch WHERE gateway_id = :g AND batch_id = 'mqtt-1'")
			.param("g", a.gatewayId()).query(String.class).list()).as("what the batch produced is kept").containsExactly("MQTT 1");

		publish(readings, a.token(), "[{\"meter\": \"E-01\", \"ts\": \"" + ts(0) + "\", \"value\": 12}]");
		answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.batchId")).as("assigned").matches("[0-9a-f-]{36}");
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("CONFLICT");

		publish(readings, a.token(), "{\"batchId\": \"mqtt-2\", \"correction\": true, \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(0)
				+ "\", \"value\": 12}]}");
		answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.batchId")).isEqualTo("mqtt-2");
		assertThat((Integer) JsonPath.read(answer, "$.corrected")).isEqualTo(1);
		assertThat(jdbc().sql("SELECT value FROM monitoring_reading WHERE meter_id = :m").param("m", a.meterId()).query(BigDecimal.class).single())
			.isEqualByComparingTo("12");
		assertThat(jdbc().sql("SELECT actor FROM audit_event WHERE action = 'reading.corrected' AND entity_id LIKE :id")
			.param("id", a.meterId() + "@%").query(String.class).list()).containsExactly("gateway:" + a.gatewayId());

		// a payload quarantined whole, and one with a batch id no gateway may give: still answered with an id
		publish(readings, a.token(), "{\"readings\": [ not json");
		answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.rejected[0].reason")).isEqualTo("MALFORMED");
		assertThat((String) JsonPath.read(answer, "$.batchId")).matches("[0-9a-f-]{36}");
		publish(readings, a.token(), "{\"batchId\": \"" + "x".repeat(10_000) + "\", \"readings\": []}");
		answer = next(answers);
		assertThat((String) JsonPath.read(answer, "$.rejected[0].reason")).isEqualTo("MALFORMED");
		assertThat((String) JsonPath.read(answer, "$.batchId")).matches("[0-9a-f-]{36}");
	}

	@Test
	void aGatewaysDefaultTimeMarkingAppliesToItsMqttBatchesThatSayNothing() throws Exception {
		Site a = site();
		jdbc().sql("UPDATE monitoring_gateway SET timestamp_marks = 'START' WHERE id = :id").param("id", a.gatewayId()).update();
		BlockingQueue<String> answers = answers(a.gatewayId());
		String readings = root + "/readings/" + a.gatewayId();
		// ts(0) is yesterday 00:15: as the start of its interval it lands at 00:30 = ts(1); a batch saying "end" stays at ts(4)
		publish(readings, a.token(), "[{\"meter\": \"E-01\", \"ts\": \"" + ts(0) + "\", \"value\": 10}]");
		assertThat((Integer) JsonPath.read(next(answers), "$.stored")).isEqualTo(1);
		publish(readings, a.token(), "{\"timestampMarks\": \"end\", \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + ts(4)
				+ "\", \"value\": 11}]}");
		assertThat((Integer) JsonPath.read(next(answers), "$.stored")).isEqualTo(1);
		assertThat(jdbc().sql("SELECT to_char(ts AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') || '=' || trim_scale(value) FROM monitoring_reading WHERE meter_id = :m ORDER BY ts")
			.param("m", a.meterId()).query(String.class).list()).containsExactly("00:30=10", "01:15=11");
	}

	@Test
	void aHeartbeatOnTheStatusTopicMarksTheGatewaySeenWithoutReadings() throws Exception {
		Site a = site();
		Site b = site();
		publish(root + "/status/" + a.gatewayId(), a.token(), "{\"firmware\": \"2.1.0\", \"queued\": 3}");
		await("the heartbeat", Duration.ofSeconds(30), () -> status(a.gatewayId()) != null);
		assertThat(status(a.gatewayId())).isEqualTo("{\"firmware\":\"2.1.0\",\"queued\":3}");
		assertThat(jdbc().sql("SELECT last_seen_at IS NOT NULL FROM monitoring_gateway WHERE id = :id").param("id", a.gatewayId())
			.query(Boolean.class).single()).isTrue();
		assertThat(jdbc().sql("SELECT count(*) FROM monitoring_reading WHERE meter_id = :m").param("m", a.meterId()).query(Long.class).single())
			.isZero();

		// another gateway's token on a's status topic, or none that works: nothing is written for anyone
		publish(root + "/status/" + b.gatewayId(), a.token(), "{\"firmware\": \"forged\"}");
		publish(root + "/status/" + b.gatewayId(), "ppd_unknown0000000000000000000000000", "{\"firmware\": \"forged\"}");
		// a status that is no object still counts as a heartbeat, its status is not kept
		publish(root + "/status/" + a.gatewayId(), a.token(), "not json at all");
		publish(root + "/status/" + a.gatewayId(), a.token(), "{\"firmware\": \"2.2.0\"}");
		await("the second heartbeat", Duration.ofSeconds(30), () -> status(a.gatewayId()).contains("2.2.0"));
		assertThat(status(b.gatewayId())).isNull();
		assertThat(jdbc().sql("SELECT last_seen_at IS NULL FROM monitoring_gateway WHERE id = :id").param("id", b.gatewayId())
			.query(Boolean.class).single()).isTrue();
	}

	String status(long gatewayId) {
		return jdbc().sql("SELECT last_status FROM monitoring_gateway WHERE id = :id").param("id", gatewayId).query(String.class).optional()
			.orElse(null);
	}
}
