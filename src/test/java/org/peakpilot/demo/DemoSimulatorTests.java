package org.peakpilot.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.peakpilot.TestBroker;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.AlarmRules;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with the simulator, as a newcomer starts it (embedded PostgreSQL, the application's own embedded MQTT
 * broker): the demo gateways back-fill yesterday and today over MQTT and HTTP through the public interfaces, every
 * reading sent is stored or (the broken ones) quarantined, the gateway with an outage leaves a gap, and the values
 * are plausible enough that no counter alarm is raised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=demo-test-password-1",
		"peakpilot.test.schema=pp_simulator",
		"peakpilot.test.mqtt=true",
		"peakpilot.monitoring.mqtt.broker-url=",
		"peakpilot.monitoring.mqtt.embedded.persistent=false",
		"peakpilot.monitoring.mqtt.client-id=pp-test-simulator-ingest",
		"peakpilot.demo.simulator.enabled=true",
		"peakpilot.demo.simulator.backfill-days=1",
		"peakpilot.demo.simulator.tick=PT0.3S" })
// closed afterwards: a cached context would keep its simulator, broker and subscriber running for the rest of the suite
@DirtiesContext
class DemoSimulatorTests {

	@DynamicPropertySource
	static void brokerPort(DynamicPropertyRegistry registry) {
		int port = TestBroker.freePort();
		registry.add("peakpilot.monitoring.mqtt.embedded.port", () -> port);
	}

	@Autowired
	DemoSimulator simulator;

	@Autowired
	EnergyMonitoring monitoring;

	@Autowired
	RollupJob rollups;

	@Autowired
	AlarmRules alarmRules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PilotPlan plan;

	@Autowired
	Registry registry;

	/** Readings stored for a demo enterprise's meters with ts in from (exclusive) to (inclusive). */
	long stored(String key, ZonedDateTime from, ZonedDateTime to) {
		DemoDataSet.Enterprise e = DemoDataSet.read(plan::planFile).enterprises().stream().filter(x -> x.key().equals(key)).findFirst()
			.orElseThrow();
		long id = SystemActor.call("test", () -> registry.enterprises(RegistryModel.EnterpriseQuery.ALL)).stream()
			.filter(x -> x.uscc().equals(e.uscc())).findFirst().orElseThrow().id();
		return jdbc.sql("""
				SELECT count(*) FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE m.enterprise_id = :e AND r.ts > :from AND r.ts <= :to
				""").param("e", id).param("from", from.toOffsetDateTime()).param("to", to.toOffsetDateTime()).query(Long.class).single();
	}

	/** The good readings the load model gives a demo enterprise's meters in from (exclusive) to (inclusive). */
	long expected(String key, ZonedDateTime from, ZonedDateTime to) {
		DemoMonitoringData data = DemoMonitoringData.read(plan::planFile);
		int bad = data.gateways().stream().filter(g -> g.enterpriseKey().equals(key)).findFirst().orElseThrow().badPer1000();
		long n = 0;
		for (DemoMonitoringData.Meter m : data.meters()) {
			if (m.enterpriseKey().equals(key)) {
				DemoLoad load = new DemoLoad(key, m, data.profiles().get(m.profile()), bad);
				for (long i = load.indexAt(from.toInstant()) + 1; i <= load.indexAt(to.toInstant()); i++) {
					n += load.reading(i).broken() == null ? 1 : 0;
				}
			}
		}
		return n;
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	/** Whether the demo gateway of this enterprise is in its daily outage at this Beijing time of day. */
	boolean inOutage(String key, LocalTime at) {
		return simulator.gateways().stream().filter(g -> g.row.enterpriseKey().equals(key)).findFirst().orElseThrow().row.offlineAt(at);
	}

	long enterpriseId(String key) {
		DemoDataSet.Enterprise e = DemoDataSet.read(plan::planFile).enterprises().stream().filter(x -> x.key().equals(key)).findFirst()
			.orElseThrow();
		return SystemActor.call("test", () -> registry.enterprises(RegistryModel.EnterpriseQuery.ALL)).stream()
			.filter(x -> x.uscc().equals(e.uscc())).findFirst().orElseThrow().id();
	}

	@Test
	void theDemoGatewaysSendOverMqttAndHttpAndNothingSentIsLost() throws Exception {
		// A gateway in its daily outage right now (the porcelain works 10:00–12:00, the chemicals works 14:00–15:30
		// Beijing time) has sent nothing yet: what it sends after its outage cannot be checked in this run.
		LocalTime startedAt = LocalTime.now(DemoLoad.BEIJING);
		boolean porcelainUp = !inOutage("jiajiang-porcelain", startedAt);
		boolean chemicalsUp = !inOutage("wutongqiao-chemicals", startedAt);
		Instant lastInterval = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 900) * 900).minusSeconds(900);
		long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!simulator.gateways().stream().filter(g -> !g.row.offlineAt(LocalTime.now(DemoLoad.BEIJING)))
			.allMatch(g -> !g.sentUpTo.isBefore(lastInterval)) || simulator.sent() == 0) {
			assertThat(System.nanoTime()).as("the simulator back-fills within a minute").isLessThan(end);
			Thread.sleep(200);
		}
		long sent = simulator.sent();
		long broken = simulator.broken();
		// MQTT messages are acknowledged by the broker before ingest: wait until ingest has taken them all
		while (count("SELECT count(*) FROM monitoring_reading") + count("SELECT count(*) FROM monitoring_quarantine") < sent) {
			assertThat(System.nanoTime()).as("ingest takes every reading sent").isLessThan(end);
			Thread.sleep(200);
		}
		Thread.sleep(500);
		sent = simulator.sent();
		broken = simulator.broken();
		assertThat(simulator.gateways()).hasSize(11);
		assertThat(count("SELECT count(*) FROM monitoring_reading") + count("SELECT count(*) FROM monitoring_quarantine")).isEqualTo(sent);
		assertThat(count("SELECT count(*) FROM monitoring_quarantine")).isEqualTo(broken);
		assertThat(count("SELECT count(*) FROM monitoring_reading WHERE origin = 'M'")).as("over MQTT").isGreaterThan(1000);
		assertThat(count("SELECT count(*) FROM monitoring_reading WHERE origin = 'H'")).as("over HTTP").isGreaterThan(300);

		// yesterday 10:00–12:00 the porcelain works' gateway was offline and does not resend: a gap of 8 intervals per
		// meter; the chemicals works' gateway (offline 14:00–15:30) resent what it buffered
		ZonedDateTime yesterday = LocalDate.now(DemoLoad.BEIJING).minusDays(1).atStartOfDay(DemoLoad.BEIJING);
		assertThat(stored("jiajiang-porcelain", yesterday.plusHours(10), yesterday.plusHours(12))).isZero();
		if (porcelainUp) {
			assertThat(expected("jiajiang-porcelain", yesterday.plusHours(12), yesterday.plusHours(14))).isGreaterThan(10);
			assertThat(stored("jiajiang-porcelain", yesterday.plusHours(12), yesterday.plusHours(14)))
				.isEqualTo(expected("jiajiang-porcelain", yesterday.plusHours(12), yesterday.plusHours(14)));
		}
		ZonedDateTime outageEnd = yesterday.plusMinutes(15 * 60 + 30);
		if (chemicalsUp) {
			assertThat(expected("wutongqiao-chemicals", yesterday.plusHours(14), outageEnd)).isGreaterThan(10);
			assertThat(stored("wutongqiao-chemicals", yesterday.plusHours(14), outageEnd))
				.isEqualTo(expected("wutongqiao-chemicals", yesterday.plusHours(14), outageEnd));
		}

		// plausible values: no counter jump or backwards register, and a steel works' day in the range of its profile
		rollups.rollUpPending();
		assertThat(count("SELECT count(*) FROM monitoring_alarm WHERE kind IN ('COUNTER_BACKWARDS', 'COUNTER_JUMP')")).isZero();
		BigDecimal steelDay = jdbc.sql("""
				SELECT r.quantity FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE m.code = 'E-MAIN' AND m.multiplier = 132000 AND m.max_per_interval = 60000 AND r.grain = 'D' AND r.period_start = :day
				""").param("day", yesterday.toOffsetDateTime()).query(BigDecimal.class).single();
		// 96 intervals of about 30,000 kWh, shaped by the day and the weekday: 2.4 to 3.5 GWh
		assertThat(steelDay).isBetween(new BigDecimal("2400000"), new BigDecimal("3500000"));

		// after the catch-up (yesterday and today sent at once) the alarms page is quiet: offline is judged by arrival,
		// and the back-filled intervals arrived just now, the outage gaps of yesterday included
		SystemActor.call("test", alarmRules::evaluate);
		// (a gateway in its outage right now may rightly be offline: only its own enterprise may have alarms then)
		java.util.List<Long> down = new java.util.ArrayList<>(java.util.List.of(-1L));
		if (!porcelainUp) {
			down.add(enterpriseId("jiajiang-porcelain"));
		}
		if (!chemicalsUp) {
			down.add(enterpriseId("wutongqiao-chemicals"));
		}
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_alarm WHERE kind = 'OFFLINE' AND enterprise_id NOT IN (:down)")
			.param("down", down).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM monitoring_alarm
				WHERE status IN ('OPEN', 'ACKNOWLEDGED') AND kind <> 'UNIT_ENERGY' AND enterprise_id NOT IN (:down)
				""").param("down", down).query(Long.class).single()).isZero();
	}
}
