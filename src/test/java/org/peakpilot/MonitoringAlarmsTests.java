package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.Alarm;
import org.peakpilot.monitoring.internal.AlarmKind;
import org.peakpilot.monitoring.internal.AlarmQuery;
import org.peakpilot.monitoring.internal.AlarmRules;
import org.peakpilot.monitoring.internal.Alarms;
import org.peakpilot.monitoring.internal.MonitoringBounds;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The alarm rules (threshold, offline, spike, unit energy consumption against the national levels), the alarm
 * lifecycle with its audit, and who sees and handles which alarms. Every expected figure is worked out by hand
 * in the test.
 */
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring")
@AutoConfigureMockMvc
class MonitoringAlarmsTests {

	static final String EMEISHAN = Counties.EMEISHAN;
	static final String SHAWAN = Counties.SHAWAN;
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

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
	EmissionsAccounting accounting;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;
	/** The start of yesterday in Beijing. */
	OffsetDateTime yesterday;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		yesterday = LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	void evaluate() {
		rollups.rollUpPending();
		SystemActor.call("test", alarmRules::evaluate);
	}

	List<Alarm> alarms(long enterpriseId, AlarmKind kind) {
		return SystemActor.call("test", () -> alarms.list(new AlarmQuery(kind, null, enterpriseId, 1000))).stream()
			.sorted(Comparator.comparing(Alarm::periodTs)).toList();
	}

	@Test
	void aQuarterHourOrADayAboveTheMetersLimitRaisesOneAlarmEach() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.intervalMeter("T-01", "ELECTRICITY", "kWh", 15, 5000, null);
		e.alarmRule(meter, "{\"intervalLimit\": 500, \"dayLimit\": 2000}");
		// quarters 00:00 400 · 00:15 600 · 00:30 450 · 00:45 700 kWh: two above 500; the day 2,150 kWh above 2,000
		e.send("T-01," + yesterday.plusMinutes(15) + ",400", "T-01," + yesterday.plusMinutes(30) + ",600",
				"T-01," + yesterday.plusMinutes(45) + ",450", "T-01," + yesterday.plusMinutes(60) + ",700");
		evaluate();
		List<Alarm> quarters = alarms(e.id(), AlarmKind.THRESHOLD_INTERVAL);
		assertThat(quarters).extracting(Alarm::periodTs).containsExactly(yesterday.plusMinutes(15).toInstant(),
				yesterday.plusMinutes(45).toInstant());
		assertThat(quarters).extracting(a -> a.observed().toPlainString()).containsExactly("600", "700");
		assertThat(quarters).allSatisfy(a -> {
			assertThat(a.threshold()).isEqualByComparingTo("500");
			assertThat(a.unit()).isEqualTo("kWh");
			assertThat(a.meterCode()).isEqualTo("T-01");
		});
		List<Alarm> days = alarms(e.id(), AlarmKind.THRESHOLD_DAY);
		assertThat(days).singleElement().satisfies(a -> {
			assertThat(a.periodTs()).isEqualTo(yesterday.toInstant());
			assertThat(a.observed()).isEqualByComparingTo("2150");
			assertThat(a.threshold()).isEqualByComparingTo("2000");
		});
		// evaluating again raises nothing new
		evaluate();
		assertThat(alarms(e.id(), AlarmKind.THRESHOLD_INTERVAL)).hasSize(2);
		assertThat(alarms(e.id(), AlarmKind.THRESHOLD_DAY)).hasSize(1);
	}

	@Test
	void aSilentMeterRaisesOneOfflineAlarmPerOutageRecoveredWhenReadingsReturn() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.intervalMeter("O-01", "ELECTRICITY", "kWh", 15, 5000, null);
		e.alarmRule(meter, "{\"offlineIntervals\": 4}");
		// the day before yesterday at 00:15 Beijing: more than 47 h ago at any time of day (yesterday's 00:15 is less
		// than 24 h ago in the first quarter hour of a day, which once failed a run just after Beijing midnight)
		OffsetDateTime silentSince = yesterday.minusDays(1).plusMinutes(15);
		e.send("O-01," + silentSince + ",10");
		// offline is judged by arrival: this reading arrived on time, at 00:15 that day, and nothing since
		jdbc.sql("UPDATE monitoring_reading SET received_at = ts WHERE meter_id = :m").param("m", meter).update();
		evaluate();
		evaluate();
		Instant now = Instant.now();
		Alarm offline = alarms(e.id(), AlarmKind.OFFLINE).stream().filter(a -> a.meterId() == meter).findFirst().orElseThrow();
		assertThat(alarms(e.id(), AlarmKind.OFFLINE)).hasSize(1);
		assertThat(offline.periodTs()).isEqualTo(silentSince.toInstant());
		assertThat(offline.threshold()).isEqualByComparingTo("4");
		// silent for more than 47 h: at least 188 intervals of 15 minutes
		long intervals = java.time.Duration.between(silentSince.toInstant(), now).toMinutes() / 15;
		assertThat(intervals).isGreaterThanOrEqualTo(188);
		assertThat(offline.observed().longValue()).isBetween(intervals - 1, intervals);
		assertThat(offline.resolvedAt()).isNull();
		assertThat(offline.status().name()).isEqualTo("OPEN");

		// a reading of the latest quarter hour: the outage is over, the alarm closes itself as recovered with its gap
		Instant latest = Instant.ofEpochSecond(now.getEpochSecond() / 900 * 900);
		e.send("O-01," + latest.atZone(BEIJING).toOffsetDateTime() + ",12");
		evaluate();
		Alarm resolved = SystemActor.call("test", () -> alarms.get(offline.id()));
		assertThat(resolved.resolvedAt()).isNotNull();
		assertThat(resolved.status().name()).isEqualTo("RECOVERED");
		assertThat(resolved.gap().from()).isEqualTo(silentSince.toInstant());
		assertThat(resolved.gap().to()).isBetween(latest, latest.plusSeconds(900));
		assertThat(resolved.gap().backfilled()).isZero();
		assertThat(resolved.gap().missing()).isEqualTo(resolved.gap().intervals()).isGreaterThanOrEqualTo(187);
		assertThat(alarms(e.id(), AlarmKind.OFFLINE)).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'alarm.recovered' AND entity_id = :id")
			.param("id", String.valueOf(offline.id())).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aQuarterHourFarAboveTheSameTimeOnTheDaysBeforeIsASpike() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		long meter = e.intervalMeter("S-01", "ELECTRICITY", "kWh", 15, 1000, null);
		// the ten days before yesterday at 10:00–10:15 and 10:15–10:30: median 100, deviations 0 2 2 1 1 0 3 3 0 0 → MAD 1
		// threshold = 100 + max(5 × 1.4826 × 1 = 7.413, 50 % × 100 = 50, 2 % × 1000 = 20) = 150
		int[] profile = { 100, 102, 98, 101, 99, 100, 103, 97, 100, 100 };
		List<String> lines = new java.util.ArrayList<>();
		for (int d = 0; d < profile.length; d++) {
			OffsetDateTime day = yesterday.minusDays(d + 1);
			lines.add("S-01," + day.plusHours(10).plusMinutes(15) + "," + profile[d]);
			lines.add("S-01," + day.plusHours(10).plusMinutes(30) + "," + profile[d]);
		}
		// yesterday: 160 kWh at 10:00–10:15 is a spike, 140 kWh at 10:15–10:30 is not
		lines.add("S-01," + yesterday.plusHours(10).plusMinutes(15) + ",160");
		lines.add("S-01," + yesterday.plusHours(10).plusMinutes(30) + ",140");
		e.send(lines.toArray(String[]::new));
		evaluate();
		assertThat(alarms(e.id(), AlarmKind.SPIKE)).singleElement().satisfies(a -> {
			assertThat(a.periodTs()).isEqualTo(yesterday.plusHours(10).toInstant());
			assertThat(a.observed()).isEqualByComparingTo("160");
			assertThat(a.threshold()).isEqualByComparingTo("150");
			assertThat(a.detail()).contains("median 100", "MAD 1", "10 of the previous 14 days");
		});
	}

	@Test
	void unitEnergyAboveTheNationalBaselineIsRaisedPerProductAndMonthInKgcePerProductUnit() throws Exception {
		YearMonth last = YearMonth.now(BEIJING).minusMonths(1);
		OffsetDateTime tenth = last.atDay(10).atStartOfDay(BEIJING).toOffsetDateTime();
		// clinker: 2 × 500,000 kWh × 0.1229 kgce/kWh = 122,900 kgce; ÷ 1,000 t = 122.9 kgce/t > baseline 117 (unverified)
		MeteredEnterprise kiln = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		kiln.intervalMeter("C-01", "ELECTRICITY", "kWh", 60, 1_000_000, "CLINKER");
		kiln.send("C-01," + tenth.plusHours(1) + ",500000", "C-01," + tenth.plusDays(1).plusHours(1) + ",500000");
		products(kiln, last, "CLINKER", "1000");
		// the same energy for 1,100 t: 111.7273 kgce/t, within the baseline
		MeteredEnterprise efficient = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		efficient.intervalMeter("C-01", "ELECTRICITY", "kWh", 60, 1_000_000, "CLINKER");
		efficient.send("C-01," + tenth.plusHours(1) + ",500000", "C-01," + tenth.plusDays(1).plusHours(1) + ",500000");
		products(efficient, last, "CLINKER", "1100");
		// polysilicon, no baseline: 2 × 5,000,000 kWh = 1,229 tce; ÷ 190 t = 1,229,000 kgce ÷ 190,000 kg = 6.468421 kgce/kg
		// > GB 29447 level 3 6.3 kgce/kg (verified-secondary)
		MeteredEnterprise silicon = new MeteredEnterprise(mvc, fixtures, SHAWAN);
		silicon.intervalMeter("P-01", "ELECTRICITY", "kWh", 60, 10_000_000, "POLYSILICON");
		silicon.send("P-01," + tenth.plusHours(1) + ",5000000", "P-01," + tenth.plusDays(1).plusHours(1) + ",5000000");
		products(silicon, last, "POLYSILICON", "190");
		evaluate();

		assertThat(alarms(kiln.id(), AlarmKind.UNIT_ENERGY)).singleElement().satisfies(a -> {
			assertThat(a.meterId()).isNull();
			assertThat(a.subject()).isEqualTo("CLINKER");
			assertThat(a.periodTs()).isEqualTo(last.atDay(1).atStartOfDay(BEIJING).toInstant());
			assertThat(a.observed()).isEqualByComparingTo("122.9");
			assertThat(a.threshold()).isEqualByComparingTo("117");
			assertThat(a.unit()).isEqualTo("kgce/t");
			assertThat(a.referenceCode()).isEqualTo("CLINKER");
			assertThat(a.referenceTag()).isEqualTo("unverified");
			assertThat(a.referenceVerified()).isFalse();
			assertThat(a.detail()).contains("122.9 tce ÷ 1000 t", "benchmark (标杆水平) 100", "GB 16780-2021 level 3 117");
		});
		assertThat(alarms(efficient.id(), AlarmKind.UNIT_ENERGY)).isEmpty();
		assertThat(alarms(silicon.id(), AlarmKind.UNIT_ENERGY)).singleElement().satisfies(a -> {
			assertThat(a.observed()).isEqualByComparingTo("6.468421");
			assertThat(a.threshold()).isEqualByComparingTo("6.3");
			assertThat(a.unit()).isEqualTo("kgce/kg");
			assertThat(a.referenceCode()).isEqualTo("GB29447.POLYSILICON_SIEMENS");
			assertThat(a.referenceVerified()).isTrue();
		});
		// the page marks the unverified baseline as such
		mvc.perform(get("/monitoring/alarms").param("kind", "UNIT_ENERGY").with(fixtures.as(kiln.user)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("基准未核实（unverified）")));
	}

	void products(MeteredEnterprise e, YearMonth month, String product, String quantity) {
		SystemActor.run("test", () -> accounting.saveReport(e.id(), month.getYear(), month.getMonthValue(), new ReportContent(null, null,
				List.of(), List.of(new ProductLine(product, new BigDecimal(quantity))))));
	}

	@Test
	void aRegisterGoingBackwardsIsStoredAsAnAlarmToo() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		e.meter("""
				{"code": "K-01", "name": "总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER", "intervalMinutes": 15,
				 "maxPerInterval": 5000}""");
		e.send("K-01," + yesterday.plusMinutes(15) + ",100", "K-01," + yesterday.plusMinutes(30) + ",50");
		rollups.rollUpPending();
		assertThat(alarms(e.id(), AlarmKind.COUNTER_BACKWARDS)).hasSize(1);
	}

	@Test
	void everyoneSeesAndHandlesOnlyTheAlarmsInTheirScopeAndEveryStepIsAudited() throws Exception {
		MeteredEnterprise cement = new MeteredEnterprise(mvc, fixtures, EMEISHAN);
		MeteredEnterprise steel = new MeteredEnterprise(mvc, fixtures, SHAWAN);
		for (MeteredEnterprise e : List.of(cement, steel)) {
			long m = e.intervalMeter("L-01", "ELECTRICITY", "kWh", 15, 5000, null);
			e.alarmRule(m, "{\"intervalLimit\": 100}");
			e.send("L-01," + yesterday.plusMinutes(15) + ",150", "L-01," + yesterday.plusMinutes(30) + ",160");
		}
		evaluate();
		long first = alarms(cement.id(), AlarmKind.THRESHOLD_INTERVAL).get(0).id();
		long second = alarms(cement.id(), AlarmKind.THRESHOLD_INTERVAL).get(1).id();

		// the enterprise sees its own alarms only; a county officer those of their county only
		List<Integer> seen = JsonPath.read(mvc.perform(get("/api/v1/monitoring/alarms").with(basic(cement.user))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(), "$[*].enterpriseId");
		assertThat(seen).isNotEmpty().allMatch(id -> id == cement.id());
		String shawanOfficer = fixtures.countyOfficer(SHAWAN);
		List<String> counties = JsonPath.read(mvc.perform(get("/api/v1/monitoring/alarms").with(basic(shawanOfficer)))
			.andReturn().getResponse().getContentAsString(), "$[*].countyCode");
		assertThat(counties).isNotEmpty().allMatch(SHAWAN::equals);
		// outside the scope an alarm does not exist; a device reads nothing
		mvc.perform(get("/api/v1/monitoring/alarms/" + first).with(basic(steel.user))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/acknowledge").with(basic(steel.user))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/close").with(basic(shawanOfficer)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"x\"}")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/monitoring/alarms").with(cement.device())).andExpect(status().isForbidden());
		// a verifier assigned to the enterprise reads its alarms but does not handle them
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(cement.id()));
		mvc.perform(get("/api/v1/monitoring/alarms/" + first).with(basic(verifier))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/acknowledge").with(basic(verifier))).andExpect(status().isForbidden());

		// a comment longer than the documented bound is refused naming it, the alarm stays open
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/acknowledge").with(basic(cement.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"%s\"}".formatted("长".repeat(MonitoringBounds.TEXT_MAX + 1)))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));

		// the enterprise acknowledges, then closes with a comment; each step once
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/acknowledge").with(basic(cement.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"查看中\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.acknowledgedBy").value(cement.user)).andExpect(jsonPath("$.acknowledgeComment").value("查看中"));
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/acknowledge").with(basic(cement.user))).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/close").with(basic(cement.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \" \"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/close").with(basic(cement.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"窑系统检修后重启，已现场确认\"}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.closedBy").value(cement.user))
			.andExpect(jsonPath("$.comment").value("窑系统检修后重启，已现场确认"));
		mvc.perform(post("/api/v1/monitoring/alarms/" + first + "/close").with(basic(cement.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\": \"again\"}")).andExpect(status().isConflict());
		// the county officer of the enterprise's county closes an open one directly, on the page
		String emeishanOfficer = fixtures.countyOfficer(EMEISHAN);
		mvc.perform(post("/monitoring/alarms/" + second + "/close").with(fixtures.as(emeishanOfficer)).with(csrf()).param("comment", "已核实"))
			.andExpect(status().is3xxRedirection());
		assertThat(SystemActor.call("test", () -> alarms.get(second)).closedBy()).isEqualTo(emeishanOfficer);

		List<String> audit = jdbc.sql("SELECT action || ' ' || actor FROM audit_event WHERE entity_type = 'alarm' AND entity_id IN (:ids) ORDER BY id")
			.param("ids", List.of(String.valueOf(first), String.valueOf(second))).query(String.class).list();
		assertThat(audit).containsExactly("alarm.acknowledged " + cement.user, "alarm.closed " + cement.user,
				"alarm.closed " + emeishanOfficer);

		// the page shows the enterprise its own alarms only, with the way to handle them
		long steelAlarm = alarms(steel.id(), AlarmKind.THRESHOLD_INTERVAL).get(0).id();
		mvc.perform(get("/monitoring/alarms").with(fixtures.as(cement.user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-id=\"" + first + "\"")))
			.andExpect(content().string(not(containsString("data-id=\"" + steelAlarm + "\""))));
	}
}
