package org.peakpilot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.EnergyMonitoring;
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
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An enterprise that moves to another county (and park, and industry) takes all its data with it: meters, gateways,
 * quarantined readings, alarms, monthly closings, reports and their results are read by the new county and park
 * and no longer by the old ones; a move that fails half-way moves nothing.
 */
// Own context: its FailingListener bean fails a move on purpose
@SpringBootTest(properties = "peakpilot.test.schema=pp_move")
@AutoConfigureMockMvc
class EnterpriseMoveTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** The tables known to copy their enterprise's county, park and industry. */
	static final List<String> OWNED_TABLES = List.of("monitoring_meter", "monitoring_gateway", "monitoring_quarantine",
			"monitoring_alarm", "monitoring_month_close", "accounting_report", "budget_execution", "budget_warning");

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
	YearMonth last;
	OffsetDateTime yesterday;

	/**
	 * Fails the move of one enterprise after every other listener has run, as a broken module would; records how
	 * many rows the other listeners had moved by then.
	 */
	@TestConfiguration
	static class FailingListener {

		static volatile long failFor = -1;
		static volatile long movedBeforeFailure;

		@Bean
		Object failingMoveListener(JdbcClient jdbc) {
			return new Object() {
				@EventListener
				@Order(Ordered.LOWEST_PRECEDENCE)
				void moved(RegistryModel.EnterpriseMoved moved) {
					if (moved.enterpriseId() == failFor) {
						movedBeforeFailure = jdbc.sql("""
								SELECT (SELECT count(*) FROM monitoring_meter WHERE enterprise_id = :e AND county_code = :c)
								     + (SELECT count(*) FROM accounting_report WHERE enterprise_id = :e AND county_code = :c)
								""").param("e", moved.enterpriseId()).param("c", moved.countyCode()).query(Long.class).single();
						throw new IllegalStateException("listener failed");
					}
				}
			};
		}
	}

	/**
	 * Tables whose county is the row's own place, not a copy of its enterprise's: a filed project's county is its site
	 * (the applicant that moves its seat does not move the project's site; its users keep seeing it by enterprise_id).
	 */
	static final Set<String> SITED_TABLES = Set.of("admission_project");

	/**
	 * Every table with an enterprise_id and a county_code (but app_user: a user's county is their own scope, not a
	 * copy; and the {@link #SITED_TABLES}), so that a table added later without following moves fails here.
	 */
	List<String> ownedTables() {
		List<String> tables = jdbc.sql("""
				SELECT c.table_name FROM information_schema.columns c
				WHERE c.table_schema = current_schema() AND c.column_name = 'county_code' AND c.table_name <> 'app_user'
				  AND EXISTS (SELECT 1 FROM information_schema.columns e WHERE e.table_schema = c.table_schema
				              AND e.table_name = c.table_name AND e.column_name = 'enterprise_id')
				ORDER BY 1
				""").query(String.class).list();
		assertThat(tables).containsAll(OWNED_TABLES);
		return tables.stream().filter(t -> !SITED_TABLES.contains(t)).toList();
	}

	void assertOwners(long enterpriseId, String expected) {
		for (String table : ownedTables()) {
			assertThat(jdbc.sql("SELECT DISTINCT county_code || ' ' || coalesce(park_id::text, '-') || ' ' || industry_code FROM "
					+ table + " WHERE enterprise_id = :e").param("e", enterpriseId).query(String.class).list())
				.as(table).containsExactly(expected);
		}
	}

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		last = YearMonth.now(BEIJING).minusMonths(1);
		yesterday = LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	/** What a Shawan enterprise in the Shawan EDZ owns, one of each kind. */
	record Owned(MeteredEnterprise e, long meter, long gateway, long quarantined, long alarm, long report) {
	}

	Owned shawanEnterpriseWithOneOfEverything() throws Exception {
		RegistryModel.Enterprise registered = fixtures.enterprise(SHAWAN, "3011", fixtures.parkId("SHAWAN-EDZ"));
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, registered);
		long meter = e.intervalMeter("E-01", "ELECTRICITY", "kWh", 15, 50000, null);
		e.meter("""
				{"code": "K-01", "name": "总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER", "intervalMinutes": 15,
				 "maxPerInterval": 5000}""");
		OffsetDateTime fifth = last.atDay(5).atStartOfDay(BEIJING).toOffsetDateTime();
		// energy last month for the closing; a register going backwards yesterday for an alarm
		e.send("E-01," + fifth.plusMinutes(15) + ",100", "E-01," + fifth.plusMinutes(30) + ",250",
				"K-01," + yesterday.plusMinutes(15) + ",100", "K-01," + yesterday.plusMinutes(30) + ",50");
		// a reading of an unknown meter goes to the quarantine
		mvc.perform(post("/api/v1/monitoring/readings").with(e.device()).contentType("text/csv")
			.content("meter,ts,value\nX-99," + yesterday.plusMinutes(15) + ",1\n")).andExpect(status().isOk());
		rollups.rollUpPending();
		long quarantined = id(get("/api/v1/monitoring/quarantine?enterpriseId=" + e.id()), e.user);
		long alarm = id(get("/api/v1/monitoring/alarms?enterpriseId=" + e.id()), e.user);
		long gateway = id(get("/api/v1/monitoring/enterprises/" + e.id() + "/gateways"), e.user);
		String closing = mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + last).with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long report = ((Number) JsonPath.read(closing, "$.reportId")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/" + report + "/submit").with(basic(e.user)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUBMITTED"));
		budgetLines(registered);
		return new Owned(e, meter, gateway, quarantined, alarm, report);
	}

	/**
	 * The enterprise's budget execution line and an open warning, as a recompute writes them (county, park and industry
	 * of the enterprise copied), under a draft version of a year no other test uses: what matters here is that the
	 * copies follow the move at once, not the arithmetic (BudgetExecutionTests).
	 */
	void budgetLines(RegistryModel.Enterprise e) {
		int year = 2097;
		long version = jdbc.sql("""
				INSERT INTO budget_version (year, number, status, base_intensity, applied_rate, target_intensity, forecast_gdp_10k_cny,
				    city_budget_t, total_t, reserve_share, pool_t, sink_credit_t, reserve_t, source, created_at, created_by)
				VALUES (:year, (SELECT coalesce(max(number), 0) + 1 FROM budget_version WHERE year = :year), 'DRAFT', 1, 0.03, 0.97,
				    1000, 970, 970, 0, 0, 0, 970, 'move test', now(), 'test')
				RETURNING id""").param("year", year).query(Long.class).single();
		jdbc.sql("""
				INSERT INTO budget_execution (year, version_id, holder_code, kind, parent_code, county_code, park_id, enterprise_id,
				    industry_code, budget_t, months_closed, enterprises, path_basis, complete, verified_n, reported_n, estimate_n,
				    missing_n, intensity_pairs, level, reason_code, reason, computed_at)
				VALUES (:year, :v, :uscc, 'ENTERPRISE', :county, :county, :park, :e, :industry, 0, 1, 1, 'DAYS', true, 0, 1, 0, 0, 0,
				    'RED', 'BUDGET_EXCEEDED', 'move test', now())""")
			.param("year", year).param("v", version).param("uscc", e.uscc()).param("county", e.countyCode()).param("park", e.parkId())
			.param("e", e.id()).param("industry", e.industryCode()).update();
		jdbc.sql("""
				INSERT INTO budget_warning (year, version_id, holder_code, kind, county_code, park_id, enterprise_id, industry_code, level,
				    reason_code, reason, raised_at)
				VALUES (:year, :v, :uscc, 'ENTERPRISE', :county, :park, :e, :industry, 'RED', 'BUDGET_EXCEEDED', 'move test', now())""")
			.param("year", year).param("v", version).param("uscc", e.uscc()).param("county", e.countyCode()).param("park", e.parkId())
			.param("e", e.id()).param("industry", e.industryCode()).update();
	}

	long id(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder list, String user) throws Exception {
		List<Number> ids = JsonPath.read(mvc.perform(list.with(basic(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(), "$[*].id");
		assertThat(ids).hasSize(1);
		return ids.get(0).longValue();
	}

	String move(RegistryModel.Enterprise e, String county, Long parkId, String industry) {
		return """
				{"uscc":"%s","name":"%s","countyCode":"%s","industryCode":"%s","parkId":%s,"keyEnergyUnit":false}
				""".formatted(e.uscc(), e.name(), county, industry, parkId);
	}

	/** Every object the enterprise owns: by id (200 or 404) and in the lists of the caller's scope. */
	void assertSees(String user, Owned o, boolean sees) throws Exception {
		int code = sees ? 200 : 404;
		long id = o.e().id();
		List<String> single = List.of("/api/v1/registry/enterprises/" + id, "/api/v1/monitoring/meters/" + o.meter(),
				"/api/v1/monitoring/meters/" + o.meter() + "/alarm-rule", "/api/v1/monitoring/enterprises/" + id + "/gateways",
				"/api/v1/monitoring/quarantine/" + o.quarantined(), "/api/v1/monitoring/alarms/" + o.alarm(),
				"/api/v1/monitoring/enterprises/" + id + "/meter-states", "/api/v1/accounting/reports/" + o.report(),
				"/api/v1/accounting/reports/" + o.report() + "/results",
				"/api/v1/accounting/results/enterprises/" + id + "/" + last.getYear() + "?verifiedOnly=false");
		for (String url : single) {
			mvc.perform(get(url).with(basic(user))).andExpect(result -> assertThat(result.getResponse().getStatus())
				.as("%s for %s", url, user).isEqualTo(code));
		}
		// the lists of the caller's scope, narrowed to the enterprise (the schema is shared with other tests)
		Map<String, String> lists = Map.of("/api/v1/registry/enterprises", "$[*].id",
				"/api/v1/monitoring/meters?enterpriseId=" + id, "$[*].enterpriseId",
				"/api/v1/monitoring/quarantine?enterpriseId=" + id, "$[*].enterpriseId",
				"/api/v1/monitoring/alarms?enterpriseId=" + id, "$[*].enterpriseId",
				"/api/v1/monitoring/closings?year=" + last.getYear() + "&enterpriseId=" + id, "$[*].enterpriseId",
				"/api/v1/accounting/reports?enterpriseId=" + id, "$[*].enterpriseId");
		for (Map.Entry<String, String> list : lists.entrySet()) {
			var response = mvc.perform(get(list.getKey()).with(basic(user))).andReturn().getResponse();
			if (!sees && response.getStatus() == 404) {
				continue; // a list narrowed to an enterprise outside the scope may answer 404
			}
			assertThat(response.getStatus()).as("%s for %s", list.getKey(), user).isEqualTo(200);
			List<Number> ids = JsonPath.read(response.getContentAsString(), list.getValue());
			assertThat(ids.stream().map(Number::longValue).toList()).as("%s for %s", list.getKey(), user)
				.matches(l -> l.contains(id) == sees);
		}
	}

	@Test
	void anEnterpriseThatMovesTakesEveryOwnedObjectToItsNewCountyAndPark() throws Exception {
		Owned o = shawanEnterpriseWithOneOfEverything();
		String city = fixtures.cityOfficer();
		String shawanOfficer = fixtures.countyOfficer(SHAWAN);
		String shawanPark = fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of());
		String jiajiangOfficer = fixtures.countyOfficer(JIAJIANG);
		String jiajiangPark = fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("JIAJIANG-EDZ"), null, Set.of());
		assertSees(shawanOfficer, o, true);
		assertSees(shawanPark, o, true);
		assertSees(jiajiangOfficer, o, false);

		mvc.perform(put("/api/v1/registry/enterprises/{id}", o.e().id()).with(basic(city)).contentType(MediaType.APPLICATION_JSON)
			.content(move(o.e().enterprise, JIAJIANG, fixtures.parkId("JIAJIANG-EDZ"), "3071")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.countyCode").value(JIAJIANG));

		assertSees(shawanOfficer, o, false);
		assertSees(shawanPark, o, false);
		assertSees(jiajiangOfficer, o, true);
		assertSees(jiajiangPark, o, true);
		assertOwners(o.e().id(), JIAJIANG + " " + fixtures.parkId("JIAJIANG-EDZ") + " 3071");
		// the enterprise user's scope is the enterprise: it still reads all of it; the move is audited once
		mvc.perform(get("/api/v1/accounting/reports/" + o.report()).with(basic(o.e().user))).andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'enterprise.updated' AND entity_id = :id")
			.param("id", String.valueOf(o.e().id())).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aMoveOutOfTheParksCountyMustLeaveOrChangeThePark() throws Exception {
		RegistryModel.Enterprise e = fixtures.enterprise(SHAWAN, "3011", fixtures.parkId("SHAWAN-EDZ"));
		String city = fixtures.cityOfficer();
		mvc.perform(put("/api/v1/registry/enterprises/{id}", e.id()).with(basic(city)).contentType(MediaType.APPLICATION_JSON)
			.content(move(e, JIAJIANG, fixtures.parkId("SHAWAN-EDZ"), "3011")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItem("parkId")));
		mvc.perform(put("/api/v1/registry/enterprises/{id}", e.id()).with(basic(city)).contentType(MediaType.APPLICATION_JSON)
			.content(move(e, JIAJIANG, null, "3011")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.countyCode").value(JIAJIANG)).andExpect(jsonPath("$.parkId").doesNotExist());
	}

	@Test
	void aMoveThatFailsInAnyModuleMovesNothing() throws Exception {
		Owned o = shawanEnterpriseWithOneOfEverything();
		RegistryModel.Enterprise e = o.e().enterprise;
		FailingListener.failFor = e.id();
		try {
			assertThatThrownBy(() -> SystemActor.call("test", () -> registry.update(e.id(), new RegistryModel.EnterpriseForm(e.uscc(),
					e.name(), JIAJIANG, "3071", null, false, null)))).hasMessageContaining("listener failed");
		}
		finally {
			FailingListener.failFor = -1;
		}
		assertThat(FailingListener.movedBeforeFailure).as("rows the other listeners had moved when the last one failed").isEqualTo(3);
		assertThat(jdbc.sql("SELECT county_code FROM enterprise WHERE id = :e").param("e", e.id()).query(String.class).single())
			.isEqualTo(SHAWAN);
		assertOwners(e.id(), SHAWAN + " " + fixtures.parkId("SHAWAN-EDZ") + " 3011");
	}
}
