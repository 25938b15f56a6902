package org.peakpilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.AlarmRules;
import org.peakpilot.monitoring.internal.Alarms;
import org.peakpilot.monitoring.internal.Alarm;
import org.peakpilot.monitoring.internal.AlarmKind;
import org.peakpilot.monitoring.internal.AlarmQuery;
import org.peakpilot.monitoring.internal.AlarmStatus;
import org.peakpilot.monitoring.internal.MonitoringViews;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Monitoring that does not cry wolf, on a clock the test moves: a catch-up (the simulator at speed, a gateway
 * resending after an outage) that delivers old intervals quickly marks no meter offline and raises no offline alarm,
 * while a real silence still does; an offline alarm closes itself as RECOVERED with its gap when data returns; the
 * office closes alarms in bulk within its scope only; the live view follows the newest data day across midnight.
 * Each test works in a county of its own, since the live view and the alarm rules see every test's meters.
 */
@SpringBootTest(properties = "peakpilot.test.schema=pp_catchup")
@AutoConfigureMockMvc
class MonitoringCatchUpTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final MovableClock NOW = new MovableClock(Instant.parse("2026-12-05T02:00:00Z"));

	@TestConfiguration
	static class ClockAtNow {
		@Bean
		@Primary
		Clock movableClock() {
			return NOW;
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	EnergyMonitoring monitoring;

	@Autowired
	RollupJob rollups;

	@Autowired
	AlarmRules alarmRules;

	@Autowired
	Alarms alarms;

	@Autowired
	MonitoringViews views;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	/** An enterprise with its user and a gateway's device token. */
	record Unit(RegistryModel.Enterprise e, String user, String token) {

		RequestPostProcessor device() {
			return r -> {
				r.addHeader("Authorization", "Bearer " + token);
				return r;
			};
		}
	}

	Unit unit(String county) throws Exception {
		RegistryModel.Enterprise e = fixtures.enterprise(county, "3011", null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/gateways").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.token");
		return new Unit(e, user, token);
	}

	long meter(Unit u, String code) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + u.e().id() + "/meters").with(basic(u.user()))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "%s", "name": "进线 %s", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
					 "intervalMinutes": 15, "maxPerInterval": 50000}""".formatted(code, code)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	/** Sends meter,ts,value lines as the gateway, now by the test's clock; asserts every one was stored. */
	void send(Unit u, List<String> lines) throws Exception {
		String answer = mvc.perform(post("/api/v1/monitoring/readings").with(u.device()).contentType("text/csv")
			.content("meter,ts,value\n" + String.join("\n", lines) + "\n")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).as(answer).isEqualTo(lines.size());
	}

	static String line(String meter, ZonedDateTime ts, int value) {
		return meter + "," + ts.toOffsetDateTime() + "," + value;
	}

	void evaluate() {
		rollups.rollUpPending();
		SystemActor.call("test", alarmRules::evaluate);
	}

	List<Alarm> alarms(long enterpriseId, AlarmKind kind) {
		return SystemActor.call("test", () -> alarms.list(new AlarmQuery(kind, null, enterpriseId, 1000)));
	}

	/** Meters online and offline in the officer's live view of the clock's day. */
	int[] onlineOffline(String officer) throws Exception {
		String live = mvc.perform(get("/api/v1/monitoring/live").param("date", LocalDate.ofInstant(NOW.get(), BEIJING).toString())
			.with(basic(officer))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return new int[] { JsonPath.read(live, "$.metersOnline"), JsonPath.read(live, "$.metersOffline") };
	}

	void advance(Duration d) {
		NOW.set(NOW.get().plus(d));
	}

	@Test
	void aCatchUpDeliveringADayOfOldIntervalsQuicklyMarksNoMeterOfflineAndRaisesNoOfflineAlarm() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, BEIJING);
		NOW.set(start.toInstant());
		Unit u = unit(Counties.MUCHUAN);
		meter(u, "C-01");
		meter(u, "C-02");
		String officer = fixtures.countyOfficer(Counties.MUCHUAN);

		// like the simulator at 240 times the speed, or a gateway resending after an outage: from yesterday 00:00 on, two
		// hours of intervals every 30 seconds, until it has caught up with the clock; the rules run after each batch
		ZonedDateTime sent = start.toLocalDate().minusDays(1).atStartOfDay(BEIJING);
		int rounds = 0;
		while (sent.toInstant().isBefore(NOW.get().minus(Duration.ofMinutes(15)))) {
			List<String> lines = new ArrayList<>();
			ZonedDateTime upTo = sent;
			for (int k = 1; k <= 8 && !sent.plusMinutes(15L * k).toInstant().isAfter(NOW.get()); k++) {
				upTo = sent.plusMinutes(15L * k);
				lines.add(line("C-01", upTo, 100 + k));
				lines.add(line("C-02", upTo, 50 + k));
			}
			send(u, lines);
			sent = upTo;
			advance(Duration.ofSeconds(30));
			evaluate();
			rounds++;
			if (rounds == 1) {
				// the newest reading is far behind the clock: judged by the readings' own timestamps, both would be offline
				assertThat(Duration.between(sent.toInstant(), NOW.get())).isGreaterThan(Duration.ofHours(30));
			}
			assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).as("round %d, data up to %s", rounds, sent).isEmpty();
			assertThat(onlineOffline(officer)).as("round %d", rounds).containsExactly(2, 0);
		}
		assertThat(rounds).isGreaterThanOrEqualTo(17);
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id WHERE m.enterprise_id = :e")
			.param("e", u.e().id()).query(Long.class).single()).as("yesterday 00:15 to today 10:00, both meters").isEqualTo(2 * (96 + 40));
		// the meters' page says online too
		mvc.perform(get("/monitoring/enterprises/" + u.e().id()).with(fixtures.as(officer))).andExpect(status().isOk());
		assertThat(SystemActor.call("test", () -> views.meterStates(u.e().id()))).hasSize(2).allMatch(s -> s.online());

		// a real silence still counts: nothing arrives for two hours, and both meters are offline with one alarm each
		advance(Duration.ofHours(2));
		evaluate();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).hasSize(2).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlarmStatus.OPEN));
		assertThat(onlineOffline(officer)).containsExactly(0, 2);
	}

	@Test
	void anOfflineAlarmClosesItselfAsRecoveredRecordingTheGapWhenDataReturns() throws Exception {
		// readings on time up to 10:00, then the gateway falls silent
		ZonedDateTime t = ZonedDateTime.of(2026, 12, 4, 10, 0, 0, 0, BEIJING);
		NOW.set(t.minusHours(1).toInstant());
		Unit u = unit(Counties.EBIAN);
		long meter = meter(u, "R-01");
		NOW.set(t.plusSeconds(5).toInstant());
		send(u, List.of(line("R-01", t.minusMinutes(45), 10), line("R-01", t.minusMinutes(30), 11), line("R-01", t.minusMinutes(15), 12),
				line("R-01", t, 13)));
		evaluate();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).isEmpty();

		// two hours without anything arriving: one offline alarm keyed by the last reading, 10:00
		NOW.set(t.plusHours(2).plusSeconds(5).toInstant());
		evaluate();
		Alarm offline = alarms(u.e().id(), AlarmKind.OFFLINE).stream().filter(a -> a.meterId() == meter).findFirst().orElseThrow();
		assertThat(offline.periodTs()).isEqualTo(t.toInstant());
		assertThat(offline.status()).isEqualTo(AlarmStatus.OPEN);
		assertThat(offline.observed()).isEqualByComparingTo("8");
		assertThat(offline.gap()).isNull();

		// at 12:00:20 the gateway is back and resends what it buffered, 10:15 to 11:30 (it lost 11:45), and 12:00
		NOW.set(t.plusHours(2).plusSeconds(20).toInstant());
		List<String> resent = new ArrayList<>();
		for (int k = 1; k <= 6; k++) {
			resent.add(line("R-01", t.plusMinutes(15L * k), 20 + k));
		}
		resent.add(line("R-01", t.plusHours(2), 30));
		send(u, resent);
		evaluate();
		Alarm recovered = SystemActor.call("test", () -> alarms.get(offline.id()));
		assertThat(recovered.status()).isEqualTo(AlarmStatus.RECOVERED);
		assertThat(recovered.resolvedAt()).isEqualTo(NOW.get());
		// silent from 10:00 until readings came again at 12:00: 10:15 … 11:45 = 7 intervals, 6 of them resent, 1 missing
		assertThat(recovered.gap().from()).isEqualTo(t.toInstant());
		assertThat(recovered.gap().to()).isEqualTo(t.plusHours(2).toInstant());
		assertThat(recovered.gap().intervals()).isEqualTo(7);
		assertThat(recovered.gap().backfilled()).isEqualTo(6);
		assertThat(recovered.gap().missing()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'alarm.recovered' AND entity_id = :id")
			.param("id", String.valueOf(offline.id())).query(Long.class).single()).isEqualTo(1);
		// it needs nobody: not closed by hand again, not among the live view's alarms, shown with its gap on the page
		String officer = fixtures.countyOfficer(Counties.EBIAN);
		mvc.perform(post("/api/v1/monitoring/alarms/" + offline.id() + "/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"x\"}")).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/monitoring/live").param("date", "2026-12-04").with(basic(officer)))
			.andExpect(jsonPath("$.latestAlarms").isEmpty()).andExpect(jsonPath("$.openAlarms").value(0));
		mvc.perform(get("/monitoring/alarms").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-status=\"RECOVERED\"")))
			.andExpect(content().string(containsString("中断 2026-12-04 10:00 至 2026-12-04 12:00：7 个周期，已补传 6 个，仍缺 1 个")));

		// the lost interval turns up later: counted as back-filled on the next round, nothing missing
		advance(Duration.ofMinutes(5));
		send(u, List.of(line("R-01", t.plusMinutes(105), 27)));
		evaluate();
		Alarm complete = SystemActor.call("test", () -> alarms.get(offline.id()));
		assertThat(complete.gap().backfilled()).isEqualTo(7);
		assertThat(complete.gap().missing()).isZero();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).hasSize(1);
	}

	@Test
	void aMeterThatNeverReportsRaisesTheOfflineAlarmOnceItsOfflineIntervalsHavePassedSinceRegistrationAndRecoversWithItsFirstReading()
			throws Exception {
		// registered at 09:07 and then nothing: offline after 4 intervals of 15 minutes from the registration, at 10:07
		ZonedDateTime registered = ZonedDateTime.of(2026, 12, 3, 9, 7, 0, 0, BEIJING);
		NOW.set(registered.toInstant());
		Unit u = unit(Counties.JINGYAN);
		long meter = meter(u, "N-01");
		NOW.set(registered.plusMinutes(59).toInstant());
		evaluate();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).as("within the grace").isEmpty();

		NOW.set(registered.plusMinutes(61).toInstant());
		evaluate();
		evaluate();
		Alarm never = alarms(u.e().id(), AlarmKind.OFFLINE).stream().filter(a -> a.meterId() == meter).findFirst().orElseThrow();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).hasSize(1);
		assertThat(never.neverReported()).isTrue();
		assertThat(never.periodTs()).isEqualTo(registered.toInstant());
		assertThat(never.status()).isEqualTo(AlarmStatus.OPEN);
		assertThat(never.observed()).isEqualByComparingTo("4");
		assertThat(never.threshold()).isEqualByComparingTo("4");
		assertThat(never.detail()).isEqualTo("never reported since its registration at 2026-12-03 09:07 (Beijing time)");
		String officer = fixtures.countyOfficer(Counties.JINGYAN);
		mvc.perform(get("/monitoring/alarms").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("自 2026-12-03 09:07（北京时间）登记以来从未收到读数，已 4 个采集周期（4 个周期即告警）")));
		mvc.perform(get("/monitoring/alarms").param("lang", "en").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Never reported since it was registered at 2026-12-03 09:07 (Beijing time), 4 intervals (alarm after 4)")));

		// at 10:20 the gateway sends its buffer, 09:00 (before the registration) to 10:15: the first reading ends it,
		// whatever its time; the gap runs from the boundary at the registration, 09:00, to 10:15
		NOW.set(registered.plusMinutes(73).toInstant());
		ZonedDateTime nine = registered.minusMinutes(7);
		send(u, List.of(line("N-01", nine, 5), line("N-01", nine.plusMinutes(30), 6), line("N-01", nine.plusMinutes(75), 7)));
		evaluate();
		Alarm recovered = SystemActor.call("test", () -> alarms.get(never.id()));
		assertThat(recovered.status()).isEqualTo(AlarmStatus.RECOVERED);
		assertThat(recovered.resolvedAt()).isEqualTo(NOW.get());
		// 09:15, 09:30, 09:45, 10:00 between 09:00 and 10:15: 4 intervals, 09:30 of them present
		assertThat(recovered.gap().from()).isEqualTo(nine.toInstant());
		assertThat(recovered.gap().to()).isEqualTo(nine.plusMinutes(75).toInstant());
		assertThat(recovered.gap().intervals()).isEqualTo(4);
		assertThat(recovered.gap().backfilled()).isEqualTo(1);

		// from then on an ordinary meter: silent again for an hour is a new alarm keyed on its last reading, not "never"
		NOW.set(registered.plusMinutes(73 + 61).toInstant());
		evaluate();
		assertThat(alarms(u.e().id(), AlarmKind.OFFLINE)).hasSize(2).filteredOn(a -> a.status() == AlarmStatus.OPEN).singleElement()
			.satisfies(a -> {
				assertThat(a.neverReported()).isFalse();
				assertThat(a.periodTs()).isEqualTo(nine.plusMinutes(75).toInstant());
			});
	}

	void insertAlarm(RegistryModel.Enterprise e, String status) {
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, kind, period_ts, detail, raised_at, status)
				VALUES (:e, :county, NULL, :industry, 'SPIKE', now() - make_interval(secs => nextval('monitoring_alarm_id_seq')), 'test alarm', now(), :s)
				""").param("e", e.id()).param("county", e.countyCode()).param("industry", e.industryCode()).param("s", status).update();
	}

	List<Long> alarmIds(RegistryModel.Enterprise e) {
		return jdbc.sql("SELECT id FROM monitoring_alarm WHERE enterprise_id = :e ORDER BY id").param("e", e.id()).query(Long.class).list();
	}

	String statusOf(long id) {
		return jdbc.sql("SELECT status FROM monitoring_alarm WHERE id = :id").param("id", id).query(String.class).single();
	}

	@Test
	void theOfficeClosesAlarmsInBulkWithinItsScopeOnlyAllOrNothing() throws Exception {
		NOW.set(Instant.parse("2026-12-05T02:00:00Z"));
		RegistryModel.Enterprise own = fixtures.enterprise(Counties.EMEISHAN, "3011", null);
		RegistryModel.Enterprise foreign = fixtures.enterprise(Counties.SHAWAN, "3011", null);
		insertAlarm(own, "OPEN");
		insertAlarm(own, "ACKNOWLEDGED");
		insertAlarm(own, "RECOVERED");
		insertAlarm(own, "OPEN");
		insertAlarm(foreign, "OPEN");
		List<Long> ids = alarmIds(own);
		long foreignId = alarmIds(foreign).get(0);
		String officer = fixtures.countyOfficer(Counties.EMEISHAN);

		// another county's alarm among them: not found, and nothing is closed
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d, %d, %d], \"comment\": \"批量处理\"}".formatted(ids.get(0), ids.get(1), foreignId)))
			.andExpect(status().isNotFound());
		assertThat(statusOf(ids.get(0))).isEqualTo("OPEN");
		assertThat(statusOf(foreignId)).isEqualTo("OPEN");
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d, 9223372036854775807], \"comment\": \"批量处理\"}".formatted(ids.get(0)))).andExpect(status().isNotFound());
		// bounded and validated: too many ids, none, a null, no comment, a comment too long, ids that are no numbers
		String many = LongStream.rangeClosed(1, 501).mapToObj(Long::toString).collect(Collectors.joining(","));
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [" + many + "], \"comment\": \"x\"}")).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("ids")));
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [], \"comment\": \"x\"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d, null], \"comment\": \"x\"}".formatted(ids.get(0)))).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("ids[1]")));
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d]}".formatted(ids.get(0)))).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("comment")));
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d], \"comment\": \"%s\"}".formatted(ids.get(0), "长".repeat(2001)))).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [\"abc\"], \"comment\": \"x\"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": 5, \"comment\": \"x\"}")).andExpect(status().isBadRequest());
		// a verifier reads the enterprise's alarms but does not handle them
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(own.id()));
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(verifier)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d], \"comment\": \"x\"}".formatted(ids.get(0)))).andExpect(status().isForbidden());
		assertThat(ids).allSatisfy(id -> assertThat(statusOf(id)).isNotEqualTo("CLOSED"));

		// the own county's: the open and acknowledged closed, the recovered one skipped; duplicates count once
		mvc.perform(post("/api/v1/monitoring/alarms/close").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [%d, %d, %d, %d], \"comment\": \"追补完成，数据完整\"}".formatted(ids.get(0), ids.get(1), ids.get(2), ids.get(0))))
			.andExpect(status().isOk()).andExpect(jsonPath("$.closed.length()").value(2)).andExpect(jsonPath("$.skipped[0]").value(ids.get(2)));
		assertThat(List.of(statusOf(ids.get(0)), statusOf(ids.get(1)), statusOf(ids.get(2)), statusOf(ids.get(3))))
			.containsExactly("CLOSED", "CLOSED", "RECOVERED", "OPEN");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'alarm.closed' AND actor = :a").param("a", officer)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT comment FROM monitoring_alarm WHERE id = :id").param("id", ids.get(1)).query(String.class).single())
			.isEqualTo("追补完成，数据完整");

		// the page: a box per alarm still to handle, the form needs its CSRF token, and closes what was ticked
		mvc.perform(get("/monitoring/alarms").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"bulk-close\"")))
			.andExpect(content().string(containsString("name=\"ids\" form=\"bulk-close\" class=\"alarm-select\" value=\"" + ids.get(3) + "\"")))
			.andExpect(content().string(not(containsString("value=\"" + foreignId + "\""))));
		mvc.perform(post("/monitoring/alarms/close").with(fixtures.as(officer)).param("ids", ids.get(3).toString()).param("comment", "ok"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/monitoring/alarms/close").with(fixtures.as(officer)).with(csrf()).param("ids", "x1").param("comment", "ok"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/monitoring/alarms/close").with(fixtures.as(officer)).with(csrf()).param("ids", ids.get(3).toString(),
				String.valueOf(foreignId)).param("comment", "ok")).andExpect(status().isNotFound());
		assertThat(statusOf(ids.get(3))).isEqualTo("OPEN");
		mvc.perform(post("/monitoring/alarms/close").with(fixtures.as(officer)).with(csrf()).param("ids", ids.get(3).toString())
			.param("comment", "现场已核实")).andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("bulkClosed"));
		assertThat(statusOf(ids.get(3))).isEqualTo("CLOSED");
		assertThat(statusOf(foreignId)).isEqualTo("OPEN");
	}

	@Test
	void theLiveViewFollowsTheNewestDataDayAndShowsANewDayWithANoteInsteadOfEmptyCharts() throws Exception {
		ZonedDateTime midnight = ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, BEIJING);
		NOW.set(midnight.minusHours(2).toInstant());
		Unit u = unit(Counties.MABIAN);
		meter(u, "L-01");
		String officer = fixtures.countyOfficer(Counties.MABIAN);
		NOW.set(midnight.minusMinutes(10).toInstant());
		send(u, List.of(line("L-01", midnight.minusMinutes(30), 400), line("L-01", midnight.minusMinutes(15), 420)));
		rollups.rollUpPending();
		// 23:50: the day with data, polling without a date so that it can follow
		mvc.perform(get("/monitoring/live").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-day=\"2026-12-02\"")))
			.andExpect(content().string(containsString("hx-get=\"/monitoring/live/panel\"")))
			.andExpect(content().string(containsString("hx-trigger=\"every 10s\"")))
			.andExpect(content().string(not(containsString("id=\"new-day\""))));

		// 00:00:30: the reading of 00:00 is in (its interval still belongs to yesterday): the view turns to the new day,
		// whose charts would be empty, and says so; the polling goes on
		NOW.set(midnight.plusSeconds(30).toInstant());
		send(u, List.of(line("L-01", midnight, 410)));
		rollups.rollUpPending();
		mvc.perform(get("/monitoring/live/panel").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-day=\"2026-12-03\"")))
			.andExpect(content().string(containsString("新的一天 — 数据自 00:00 起")))
			.andExpect(content().string(containsString("\"newDay\":true")))
			.andExpect(content().string(containsString("hx-get=\"/monitoring/live/panel\"")))
			.andExpect(content().string(containsString("hx-trigger=\"every 10s\"")));
		mvc.perform(get("/monitoring/live/panel").with(fixtures.as(officer)).param("lang", "en"))
			.andExpect(content().string(containsString("A new day — data from 00:00 on")));

		// 00:15:30: the first interval of the new day is rolled up: its figures, no note
		NOW.set(midnight.plusMinutes(15).plusSeconds(30).toInstant());
		send(u, List.of(line("L-01", midnight.plusMinutes(15), 380)));
		rollups.rollUpPending();
		mvc.perform(get("/monitoring/live/panel").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-day=\"2026-12-03\"")))
			.andExpect(content().string(not(containsString("id=\"new-day\""))))
			.andExpect(content().string(containsString("\"newDay\":false")));
		// a day chosen by hand stays that day, without polling
		mvc.perform(get("/monitoring/live/panel").param("date", "2026-12-02").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("data-day=\"2026-12-02\"")))
			.andExpect(content().string(not(containsString("every 10s"))));
	}
}
