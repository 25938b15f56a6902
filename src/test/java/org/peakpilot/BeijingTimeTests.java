package org.peakpilot;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A moment stored at 16:30 UTC is 00:30 of the next day in Beijing, and every page says so even on a server whose
 * zone is UTC (the tests' JVM runs in Asia/Shanghai, so the server's zone is switched to UTC while pages render):
 * report history, inventory entries, indicator records and the audit log.
 */
@PeakPilotTest
class BeijingTimeTests {

	static final OffsetDateTime STORED = OffsetDateTime.parse("2030-06-30T16:30:00Z");
	static final String BEIJING = "2030-07-01 00:30";
	static final String UTC = "2030-06-30 16:30";

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	private TimeZone zone;

	@BeforeEach
	void serverInUtc() {
		zone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
	}

	@AfterEach
	void restoreZone() {
		TimeZone.setDefault(zone);
	}

	@Test
	void reportHistoryShowsBeijingTime() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		var e = f.enterprise(SHIZHONG, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/2024/5").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\": [{\"line\": {\"type\": \"ELECTRICITY\", \"quantity\": 1000, \"unit\": \"kWh\"}}]}"))
			.andExpect(status().isOk());
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/2024/5").with(basic(user)))
			.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		assertThat(jdbc.sql("UPDATE accounting_computation SET computed_at = :t WHERE report_id = :id").param("t", STORED)
			.param("id", id).update()).isPositive();
		assertThat(page("/accounting/reports/" + id, f.as(user))).contains(BEIJING).doesNotContain(UTC);
	}

	@Test
	void inventoryEntriesShowBeijingTime() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		String office = f.cityOfficer();
		long id = ((Number) JsonPath.read(mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(office))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\": 2016, \"code\": \"OTHER_TCE\", \"value\": 1234.5, \"sourceDocument\": \"2016年统计年鉴\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		jdbc.sql("UPDATE accounting_city_input SET entered_at = :t WHERE id = :id").param("t", STORED).param("id", id).update();
		assertThat(page("/accounting/inventory/2016", f.as(office))).contains(BEIJING).doesNotContain(UTC);
	}

	@Test
	void indicatorRecordsAndTheAuditLogShowBeijingTime() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		long id = ((Number) JsonPath.read(mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"14\",\"year\":2016,\"value\":4.2,\"unit\":\"%\",\"sourceDocument\":\"2016年需求侧响应报告\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		jdbc.sql("UPDATE plan_observation SET entered_at = :t WHERE id = :id").param("t", STORED).param("id", id).update();
		assertThat(page("/plan/items/14", f.as("admin"))).contains(BEIJING).doesNotContain(UTC);
		jdbc.sql("""
				UPDATE audit_event SET occurred_at = :t
				WHERE id = (SELECT max(id) FROM audit_event WHERE entity_type = 'plan-item' AND entity_id = '14/2016')
				""").param("t", STORED).update();
		assertThat(page("/admin/audit?type=plan-item", f.as("admin"))).contains(BEIJING).doesNotContain(UTC);
	}

	private String page(String path, org.springframework.test.web.servlet.request.RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
