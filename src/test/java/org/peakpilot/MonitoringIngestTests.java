package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Readings over HTTP: device tokens, validation into quarantine, idempotency, rollups of counters with rollover
 * and exchange, back-fills, replay, and scope. Expected quantities are worked out by hand in each test.
 */
// Context of the monitoring classes: they close months and roll up for all enterprises and count a county's quarantine
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring")
@AutoConfigureMockMvc
class MonitoringIngestTests {

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
	JdbcClient jdbc;

	Fixtures fixtures;
	RegistryModel.Enterprise cement;
	String cementUser;
	String token;
	/** The start of yesterday in Beijing: every reading of these tests lies in that day. */
	OffsetDateTime day;

	@BeforeEach
	void setUp() throws Exception {
		fixtures = new Fixtures(registry, accounts);
		cement = fixtures.enterprise(EMEISHAN, "3011", null);
		cementUser = fixtures.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(cementUser))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.token");
		day = LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	long meter(String body) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + cement.id() + "/meters").with(basic(cementUser))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString(), "$.id")).longValue();
	}

	RequestPostProcessor device() {
		return r -> {
			r.addHeader("Authorization", "Bearer " + token);
			return r;
		};
	}

	String at(int minutes) {
		return day.plusMinutes(minutes).toString();
	}

	String send(String json) throws Exception {
		return mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	BigDecimal rollup(long meterId, char grain, OffsetDateTime start) {
		return jdbc.sql("SELECT quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = :g AND period_start = :s")
			.param("m", meterId).param("g", String.valueOf(grain)).param("s", start).query(BigDecimal.class).optional().orElse(null);
	}

	@Test
	void storesGoodReadingsOnceAndQuarantinesEveryBadOneWithItsReason() throws Exception {
		meter("""
				{"code": "E-01", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
				 "multiplier": 10, "intervalMinutes": 15, "maxPerInterval": 50000}""");
		String batch = """
				{"readings": [
				 {"meter": "E-01", "ts": "%s", "value": 100.5, "unit": "kWh"},
				 {"meter": "E-01", "ts": "%s", "value": 200},
				 {"meter": "E-99", "ts": "%s", "value": 1},
				 {"meter": "E-01", "ts": "%s", "value": 1, "unit": "MWh"},
				 {"meter": "E-01", "ts": "%s", "value": 1},
				 {"meter": "E-01", "ts": "%s", "value": 1},
				 {"meter": "E-01", "ts": "%s", "value": -3},
				 {"meter": "E-01", "ts": "%s", "value": 6000},
				 {"meter": "E-01", "ts": "%s", "value": "abc"},
				 "not a reading",
				 {"meter": "E-01", "ts": "yesterday", "value": 1}
				]}""".formatted(at(15), at(30), at(45), at(60), OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).withSecond(0).withMinute(0),
				at(52), at(75), at(90), at(105));
		String answer = send(batch);
		assertThat((Integer) JsonPath.read(answer, "$.received")).isEqualTo(11);
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(answer, "$.quarantined")).isEqualTo(9);
		List<String> reasons = JsonPath.read(answer, "$.rejected[*].reason");
		assertThat(reasons).containsExactly("UNKNOWN_METER", "WRONG_UNIT", "FUTURE", "MISALIGNED", "NEGATIVE", "IMPOSSIBLE", "BAD_VALUE",
				"MALFORMED", "BAD_TIMESTAMP");
		List<Integer> indexes = JsonPath.read(answer, "$.rejected[*].index");
		assertThat(indexes).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);

		// the same batch again: the two good readings are duplicates, not stored twice; the bad ones are quarantined again
		String again = send(batch);
		assertThat((Integer) JsonPath.read(again, "$.stored")).isEqualTo(0);
		assertThat((Integer) JsonPath.read(again, "$.duplicates")).isEqualTo(2);
		// the same time with another value: a conflict, quarantined, the stored value kept
		String conflict = send("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": 101}]}".formatted(at(15)));
		assertThat((String) JsonPath.read(conflict, "$.rejected[0].reason")).isEqualTo("CONFLICT");
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id WHERE m.enterprise_id = :e")
			.param("e", cement.id()).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT value FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id WHERE m.enterprise_id = :e AND r.ts = :ts")
			.param("e", cement.id()).param("ts", day.plusMinutes(15)).query(BigDecimal.class).single()).isEqualByComparingTo("100.5");

		// the enterprise sees its quarantine with the raw payload of each reading
		mvc.perform(get("/api/v1/monitoring/quarantine").param("enterpriseId", String.valueOf(cement.id())).with(basic(cementUser)))
			.andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(19)))
			.andExpect(jsonPath("$[0].reason").value("CONFLICT"))
			.andExpect(jsonPath("$[?(@.reason == 'MALFORMED')].raw").value(org.hamcrest.Matchers.hasItem("\"not a reading\"")));
		// another enterprise, and a county officer of another county, see none of it
		RegistryModel.Enterprise other = fixtures.enterprise(SHAWAN, "3011", null);
		String otherUser = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		mvc.perform(get("/api/v1/monitoring/quarantine").with(basic(otherUser))).andExpect(jsonPath("$", hasSize(0)));
		mvc.perform(get("/api/v1/monitoring/quarantine").with(basic(fixtures.countyOfficer(SHAWAN)))).andExpect(jsonPath("$", hasSize(0)));
		mvc.perform(get("/api/v1/monitoring/meters").with(basic(otherUser))).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void aDeviceWritesOnlyItsOwnEnterprisesMetersAndReadsNothing() throws Exception {
		RegistryModel.Enterprise other = fixtures.enterprise(SHAWAN, "3011", null);
		String otherUser = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		long foreign = ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + other.id() + "/meters").with(basic(otherUser))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "E-01", "name": "总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
					 "intervalMinutes": 15, "maxPerInterval": 50000}"""))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		// by number: refused and quarantined under the sender; by code: the code means the sender's own meter (none here)
		String answer = send("{\"readings\": [{\"meterId\": %d, \"ts\": \"%s\", \"value\": 5}, {\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": 5}]}"
			.formatted(foreign, at(15), at(15)));
		assertThat(JsonPath.<List<String>>read(answer, "$.rejected[*].reason")).containsExactly("FOREIGN_METER", "UNKNOWN_METER");
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_reading WHERE meter_id = :m").param("m", foreign).query(Long.class).single()).isZero();
		// a device token opens nothing but the readings endpoint
		mvc.perform(get("/api/v1/monitoring/meters").with(device())).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/accounting/reports").with(device())).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/monitoring/quarantine").with(device())).andExpect(status().isForbidden());
		// a county officer or another enterprise's user cannot send readings at all, nor make gateways for the enterprise
		mvc.perform(post("/api/v1/monitoring/readings").with(basic(fixtures.cityOfficer())).contentType(MediaType.APPLICATION_JSON)
			.content("{\"readings\": []}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(otherUser))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\"}")).andExpect(status().isNotFound());
		// a revoked token stops working
		long gateway = ((Number) JsonPath.read(mvc.perform(get("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(cementUser)))
			.andReturn().getResponse().getContentAsString(), "$[0].id")).longValue();
		mvc.perform(post("/api/v1/monitoring/gateways/" + gateway + "/revoke").with(basic(cementUser))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType(MediaType.APPLICATION_JSON).content("{\"readings\": []}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void malformedAndOversizedBatchesGetAClearAnswerAndStoreNothing() throws Exception {
		meter("""
				{"code": "E-01", "name": "总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
				 "maxPerInterval": 50000}""");
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType(MediaType.APPLICATION_JSON).content("{\"readings\": [{\"meter\""))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("/problems/invalid-input"))
			.andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content("meter|ts|value\nE-01|x|1\n"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("header"));
		StringBuilder big = new StringBuilder("{\"readings\": [");
		for (int i = 0; i <= Readings.MAX_BATCH; i++) {
			big.append(i == 0 ? "" : ",").append("{\"meter\": \"E-01\", \"ts\": \"").append(at(15)).append("\", \"value\": 1}");
		}
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType(MediaType.APPLICATION_JSON).content(big.append("]}").toString()))
			.andExpect(status().isContentTooLarge()).andExpect(jsonPath("$.detail").value(containsString("at most 10000")));
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id WHERE m.enterprise_id = :e")
			.param("e", cement.id()).query(Long.class).single()).isZero();
		// CSV with one short row: the good rows are stored, the short one quarantined with its line
		String csv = "meter,ts,value,unit\nE-01,%s,10,kWh\nE-01,%s\nE-01,%s,30,kWh\n".formatted(at(15), at(30), at(45));
		String answer = mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content(csv))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(2);
		assertThat((String) JsonPath.read(answer, "$.rejected[0].reason")).isEqualTo("MALFORMED");
	}

	@Test
	void counterDifferencesHandleRolloverAndExchangeAndNeverTurnIntoHugeEnergy() throws Exception {
		// register × 100 (CT ratio); rolls over at 9,999; at most 5,000 kWh in 15 minutes
		long e = meter("""
				{"code": "E-02", "name": "2# 进线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER", "multiplier": 100,
				 "intervalMinutes": 15, "maxPerInterval": 5000, "counterMax": 9999}""");
		// 00:15 9990 (first: no quantity) · 00:30 9995 → 5 × 100 = 500 · 00:45 3 → rollover (9999 − 9995 + 3) = 7 → 700
		// 01:00 10 → 700 · 01:15 2 → backwards without exchange or rollover fitting: left out, alarm · 01:30 4 → 200
		send("""
				{"readings": [{"meter": "E-02", "ts": "%s", "value": 9990}, {"meter": "E-02", "ts": "%s", "value": 9995},
				 {"meter": "E-02", "ts": "%s", "value": 3}, {"meter": "E-02", "ts": "%s", "value": 10},
				 {"meter": "E-02", "ts": "%s", "value": 2}, {"meter": "E-02", "ts": "%s", "value": 4}]}"""
			.formatted(at(15), at(30), at(45), at(60), at(75), at(90)));
		rollups.rollUpPending();
		// quarter 00:00–00:15 holds the 00:15 reading: nothing; 00:15–00:30: 500; 00:30–00:45: 700; 00:45–01:00: 700
		assertThat(rollup(e, 'Q', day)).isEqualByComparingTo("0");
		assertThat(rollup(e, 'Q', day.plusMinutes(15))).isEqualByComparingTo("500");
		assertThat(rollup(e, 'Q', day.plusMinutes(30))).isEqualByComparingTo("700");
		assertThat(rollup(e, 'H', day)).isEqualByComparingTo("1900");
		// 9,999 − 10 + 2 = 9,991 × 100 is far above 5,000: not a rollover, left out
		assertThat(rollup(e, 'Q', day.plusMinutes(60))).isEqualByComparingTo("0");
		assertThat(rollup(e, 'Q', day.plusMinutes(75))).isEqualByComparingTo("200");
		assertThat(rollup(e, 'D', day)).isEqualByComparingTo("2100");
		assertThat(jdbc.sql("SELECT kind FROM monitoring_alarm WHERE meter_id = :m").param("m", e).query(String.class).list())
			.containsExactly("COUNTER_JUMP");

		// the meter was in fact exchanged at 01:07: old register ended at 12, new one started at 0
		mvc.perform(post("/api/v1/monitoring/meters/" + e + "/exchanges").with(basic(cementUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"replacedAt\": \"%s\", \"oldFinal\": 12, \"newInitial\": 0, \"reason\": \"表计故障更换\"}".formatted(at(67))))
			.andExpect(status().isCreated());
		rollups.rollUpPending();
		// 01:15: (12 − 10) + (2 − 0) = 4 → 400
		assertThat(rollup(e, 'Q', day.plusMinutes(60))).isEqualByComparingTo("400");
		assertThat(rollup(e, 'D', day)).isEqualByComparingTo("2500");
		assertThat(rollup(e, 'M', day.withDayOfMonth(1))).isEqualByComparingTo("2500");
	}

	@Test
	void gapsAreFoundBackFilledWithAReasonAndQuarantinedReadingsReplayed() throws Exception {
		long e = meter("""
				{"code": "E-03", "name": "3# 进线", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "intervalMinutes": 15,
				 "maxPerInterval": 5000}""");
		send("""
				{"readings": [{"meter": "E-03", "ts": "%s", "value": 100}, {"meter": "E-03", "ts": "%s", "value": 400},
				 {"meter": "E-03", "ts": "%s", "value": 1000000}]}""".formatted(at(15), at(60), at(30)));
		mvc.perform(get("/api/v1/monitoring/meters/" + e + "/gaps").with(basic(cementUser)).param("from", at(15)).param("to", at(60)))
			.andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].intervals").value(2))
			.andExpect(jsonPath("$[0].firstMissing").value(day.plusMinutes(30).toInstant().toString()));
		// back-fill 00:45; a back-fill over a stored reading is refused, all or nothing
		mvc.perform(post("/api/v1/monitoring/meters/" + e + "/backfill").with(basic(cementUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"网关断线，现场抄表\", \"readings\": [{\"ts\": \"%s\", \"value\": \"300\"}, {\"ts\": \"%s\", \"value\": \"1\"}]}"
				.formatted(at(45), at(15))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].row").value(2));
		mvc.perform(post("/api/v1/monitoring/meters/" + e + "/backfill").with(basic(cementUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"网关断线，现场抄表\", \"readings\": [{\"ts\": \"%s\", \"value\": \"300\"}]}".formatted(at(45))))
			.andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(1));
		assertThat(jdbc.sql("SELECT origin FROM monitoring_reading WHERE meter_id = :m AND ts = :ts").param("m", e).param("ts", day.plusMinutes(45))
			.query(String.class).single()).isEqualTo("B");
		// the 00:30 reading was a misplaced decimal point: corrected and replayed from quarantine
		long q = ((Number) JsonPath.read(mvc.perform(get("/api/v1/monitoring/quarantine").with(basic(cementUser)))
			.andReturn().getResponse().getContentAsString(), "$[0].id")).longValue();
		mvc.perform(post("/api/v1/monitoring/quarantine/" + q + "/replay").with(basic(cementUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\": \"1000000\", \"comment\": \"as it was\"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/quarantine/" + q + "/replay").with(basic(cementUser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\": \"200\", \"comment\": \"小数点错位，按现场表计修正\"}")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/monitoring/quarantine/" + q).with(basic(cementUser))).andExpect(jsonPath("$.status").value("REPLAYED"))
			.andExpect(jsonPath("$.resolution").value("小数点错位，按现场表计修正"));
		mvc.perform(get("/api/v1/monitoring/meters/" + e + "/gaps").with(basic(cementUser)).param("from", at(15)).param("to", at(60)))
			.andExpect(jsonPath("$", hasSize(0)));
		rollups.rollUpPending();
		assertThat(rollup(e, 'H', day)).isEqualByComparingTo("1000");
		// converted with the accounting factors: 0.1229 kgce/kWh (GB/T 2589); Sichuan grid 2023, 0.1564 tCO2/MWh, the
		// latest year not after the reading's (reference grid_factors.csv)
		String series = mvc.perform(get("/api/v1/monitoring/meters/" + e + "/series").with(basic(cementUser)).param("grain", "HOUR")
			.param("from", at(0)).param("to", at(60))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(new BigDecimal(JsonPath.read(series, "$.points[0].tce").toString())).isEqualByComparingTo("0.1229");
		assertThat(new BigDecimal(JsonPath.read(series, "$.points[0].co2T").toString())).isEqualByComparingTo("0.1564");
		assertThat(JsonPath.<List<String>>read(series, "$.conversions[0].factors[*].code")).contains("GRID-SICHUAN-2023");
	}
}
