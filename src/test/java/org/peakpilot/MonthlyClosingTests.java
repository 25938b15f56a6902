package org.peakpilot;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MonthClosed;
import org.peakpilot.monitoring.internal.MonthlyClosing;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The monthly closing: readings → month rollup → draft report lines → metered versus reported, with the
 * difference flagged beyond the tolerance; a report the enterprise entered or submitted is never overwritten; who
 * may close and who sees what. Figures are worked out by hand with the GB/T 2589 coefficients: electricity
 * 0.1229 kgce/kWh, heat 0.03412 tce/GJ, diesel 1.4571 tce/t.
 */
// Context of the monitoring classes: they close months and roll up for all enterprises and count a county's quarantine
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring")
@AutoConfigureMockMvc
@RecordApplicationEvents
class MonthlyClosingTests {

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
	MonthlyClosing closing;

	@Autowired
	EmissionsAccounting accounting;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	Fixtures fixtures;
	YearMonth last;
	OffsetDateTime fifth;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		last = YearMonth.now(BEIJING).minusMonths(1);
		fifth = last.atDay(5).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	/**
	 * Electricity ×10: 100 and 250 → 3,500 kWh = 0.43015 tce; heat 40 + 60 GJ = 3.412 tce; diesel 0.5 + 1.5 t = 2.9142
	 * tce; in all 6.75635 tce.
	 */
	MeteredEnterprise metered(String county) throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, county);
		e.meter("""
				{"code": "E-01", "name": "总表", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "multiplier": 10,
				 "intervalMinutes": 15, "maxPerInterval": 50000}""");
		e.intervalMeter("H-01", "HEAT", "GJ", 60, 1000, null);
		e.intervalMeter("D-01", "DIESEL", "t", 60, 100, null);
		e.send("E-01," + fifth.plusMinutes(15) + ",100", "E-01," + fifth.plusMinutes(30) + ",250", "H-01," + fifth.plusHours(1) + ",40",
				"H-01," + fifth.plusHours(2) + ",60", "D-01," + fifth.plusHours(1) + ",0.5", "D-01," + fifth.plusHours(2) + ",1.5");
		return e;
	}

	String close(MeteredEnterprise e, String user) throws Exception {
		return mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + last).with(basic(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	Report report(MeteredEnterprise e) {
		return SystemActor.call("test", () -> accounting.report(e.id(), last.getYear(), last.getMonthValue()).orElseThrow());
	}

	static Map<String, String> lines(Report r) {
		Map<String, String> out = new java.util.TreeMap<>();
		r.content().lines().forEach(l -> out.put(l.line().factorCode() == null ? l.line().type().name() : l.line().factorCode(),
				l.line().quantity().toPlainString() + " " + l.line().unit()));
		return out;
	}

	String enter(MeteredEnterprise e, String electricityKwh) throws Exception {
		return mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/" + last.getYear() + "/" + last.getMonthValue())
			.with(basic(e.user)).contentType(MediaType.APPLICATION_JSON).content("""
					{"lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"}},
					           {"line": {"type": "HEAT", "quantity": 100, "unit": "GJ"}},
					           {"line": {"type": "FUEL", "factorCode": "DIESEL", "quantity": 2, "unit": "t"}}],
					 "products": [{"productCode": "CLINKER", "quantity": 800}]}""".formatted(electricityKwh)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void meteredEnergyDraftsTheReportWhichTheEnterpriseCorrectsAndTheDifferenceIsFlagged() throws Exception {
		MeteredEnterprise e = metered(EMEISHAN);
		String closing = close(e, e.user);
		assertThat((String) JsonPath.read(closing, "$.outcome")).isEqualTo("DRAFTED");
		long electricity = jdbc.sql("SELECT id FROM monitoring_meter WHERE enterprise_id = :e AND code = 'E-01'").param("e", e.id())
			.query(Long.class).single();
		assertThat(jdbc.sql("SELECT quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = 'M' AND period_start = :s")
			.param("m", electricity).param("s", last.atDay(1).atStartOfDay(BEIJING).toOffsetDateTime()).query(BigDecimal.class).single())
			.isEqualByComparingTo("3500");
		assertThat(JsonPath.<List<String>>read(closing, "$.metered[*].energyCode")).containsExactly("DIESEL", "ELECTRICITY", "HEAT");
		assertThat(JsonPath.<List<Object>>read(closing, "$.metered[*].tce")).map(o -> new BigDecimal(o.toString()).stripTrailingZeros().toPlainString())
			.containsExactly("2.9142", "0.43015", "3.412");

		Report draft = report(e);
		assertThat(draft.status()).isEqualTo(ReportStatus.DRAFT);
		assertThat(draft.id()).isEqualTo(((Number) JsonPath.read(closing, "$.reportId")).longValue());
		assertThat(lines(draft)).containsExactlyInAnyOrderEntriesOf(Map.of("DIESEL", "2 t", "ELECTRICITY", "3500 kWh", "HEAT", "100 GJ"));
		assertThat(draft.content().lines()).allSatisfy(l -> assertThat(l.line().label()).startsWith("计量 metered"));
		assertThat(draft.summary().tce().value()).isEqualByComparingTo("6.75635");
		assertThat(events.stream(MonthClosed.class).filter(x -> x.enterpriseId() == e.id())).singleElement()
			.satisfies(x -> assertThat(x.meteredTce().value()).isEqualByComparingTo("6.75635"));

		// metered and reported agree
		mvc.perform(get("/api/v1/monitoring/closings").param("year", String.valueOf(last.getYear()))
			.param("month", String.valueOf(last.getMonthValue())).with(basic(e.user)))
			.andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].differencePercent").value(0.0))
			.andExpect(jsonPath("$[0].flagged").value(false)).andExpect(jsonPath("$[0].reportStatus").value("DRAFT"));
		// closing again changes nothing; a back-filled 00:45 (50 × 10 = 500 kWh) updates the still-metered draft
		assertThat((String) JsonPath.read(close(e, e.user), "$.outcome")).isEqualTo("UNCHANGED");
		mvc.perform(post("/api/v1/monitoring/meters/" + electricity + "/backfill").with(basic(e.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"网关断线，现场抄表\", \"readings\": [{\"ts\": \"%s\", \"value\": \"50\"}]}".formatted(fifth.plusMinutes(45))))
			.andExpect(status().isOk());
		assertThat((String) JsonPath.read(close(e, e.user), "$.outcome")).isEqualTo("REDRAFTED");
		assertThat(lines(report(e))).containsEntry("ELECTRICITY", "4000 kWh");

		// the enterprise corrects electricity to 4,300 kWh and adds its production: (4300 − 4000) ÷ 4000 = +7.50 % > 5 %;
		// in all metered 0.4916 + 3.412 + 2.9142 = 6.8178 tce, reported 0.52847 + 6.3262 = 6.85467 tce: +0.54 %
		enter(e, "4300");
		String compared = mvc.perform(get("/api/v1/monitoring/closings").param("year", String.valueOf(last.getYear()))
			.param("month", String.valueOf(last.getMonthValue())).with(basic(e.user))).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<Boolean>read(compared, "$[0].flagged")).isTrue();
		assertThat(new BigDecimal(JsonPath.read(compared, "$[0].meteredTce").toString())).isEqualByComparingTo("6.8178");
		assertThat(new BigDecimal(JsonPath.read(compared, "$[0].reportedTce").toString())).isEqualByComparingTo("6.85467");
		assertThat(new BigDecimal(JsonPath.read(compared, "$[0].differencePercent").toString())).isEqualByComparingTo("0.54");
		assertThat(JsonPath.<List<Object>>read(compared, "$[0].energies[?(@.energyCode == 'ELECTRICITY')].differencePercent"))
			.singleElement().satisfies(d -> assertThat(new BigDecimal(d.toString())).isEqualByComparingTo("7.50"));
		assertThat(JsonPath.<List<Boolean>>read(compared, "$[0].energies[*].flagged")).containsExactly(false, true, false);
		assertThat(JsonPath.<List<Object>>read(compared, "$[0].energies[?(@.energyCode == 'ELECTRICITY')].reportedQuantity"))
			.singleElement().satisfies(q -> assertThat(new BigDecimal(q.toString())).isEqualByComparingTo("4300"));

		// what the enterprise entered is kept, as a draft and once submitted
		assertThat((String) JsonPath.read(close(e, e.user), "$.outcome")).isEqualTo("KEPT");
		assertThat(lines(report(e))).containsEntry("ELECTRICITY", "4300 kWh");
		mvc.perform(post("/api/v1/accounting/reports/" + draft.id() + "/submit").with(basic(e.user))).andExpect(status().isOk());
		assertThat((String) JsonPath.read(close(e, e.user), "$.note")).contains("SUBMITTED");
		assertThat(report(e).status()).isEqualTo(ReportStatus.SUBMITTED);
		assertThat(report(e).content().products()).extracting(ProductLine::productCode).containsExactly("CLINKER");

		// the office page shows the flagged month
		mvc.perform(get("/monitoring/closing").param("year", String.valueOf(last.getYear())).with(fixtures.as(fixtures.cityOfficer())))
			.andExpect(status().isOk()).andExpect(content().string(containsString(e.enterprise.name())))
			.andExpect(content().string(containsString("超出容差")));
	}

	@Test
	void aReportTheEnterpriseEnteredBeforeTheClosingIsKeptAndOnlyCompared() throws Exception {
		MeteredEnterprise e = metered(EMEISHAN);
		enter(e, "3000");
		String closing = close(e, fixtures.cityOfficer());
		assertThat((String) JsonPath.read(closing, "$.outcome")).isEqualTo("KEPT");
		assertThat(lines(report(e))).containsEntry("ELECTRICITY", "3000 kWh");
		// (3000 − 3500) ÷ 3500 = −14.29 %
		mvc.perform(get("/api/v1/monitoring/closings").param("year", String.valueOf(last.getYear())).param("enterpriseId", String.valueOf(e.id()))
			.with(basic(e.user)))
			.andExpect(jsonPath("$[0].energies[?(@.energyCode == 'ELECTRICITY')].differencePercent").value(-14.29))
			.andExpect(jsonPath("$[0].flagged").value(true));
	}

	@Test
	void theOfficeAndTheEnterpriseCloseMonthsThatAreOverAndOfficersSeeTheirCountyOnly() throws Exception {
		MeteredEnterprise e = metered(EMEISHAN);
		// outside the scope the enterprise does not exist; a county officer reads but does not enter reports
		mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + last).with(basic(fixtures.countyOfficer(SHAWAN))))
			.andExpect(status().isNotFound());
		MeteredEnterprise other = new MeteredEnterprise(mvc, fixtures, SHAWAN);
		mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + last).with(basic(other.user)))
			.andExpect(status().isNotFound());
		String emeishanOfficer = fixtures.countyOfficer(EMEISHAN);
		mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + last).with(basic(emeishanOfficer)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/" + YearMonth.now(BEIJING)).with(basic(e.user)))
			.andExpect(status().isUnprocessableContent());
		mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/closings/not-a-month").with(basic(e.user)))
			.andExpect(status().isBadRequest());

		// the scheduled path: the system actor closes every enterprise with meters
		SystemActor.run("monthly-closing", () -> closing.closeAll(last, true));
		assertThat(report(e).createdBy()).isEqualTo("system:monthly-closing");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'month.closed' AND actor = 'system:monthly-closing' AND entity_id = :id")
			.param("id", e.id() + "/" + last).query(Long.class).single()).isEqualTo(1);

		String year = String.valueOf(last.getYear());
		List<Integer> emeishan = JsonPath.read(mvc.perform(get("/api/v1/monitoring/closings").param("year", year).with(basic(emeishanOfficer)))
			.andReturn().getResponse().getContentAsString(), "$[*].enterpriseId");
		assertThat(emeishan).contains((int) e.id()).doesNotContain((int) other.id());
		List<String> shawan = JsonPath.read(mvc.perform(get("/api/v1/monitoring/closings").param("year", year)
			.with(basic(fixtures.countyOfficer(SHAWAN)))).andReturn().getResponse().getContentAsString(), "$[*].countyCode");
		assertThat(shawan).allMatch(SHAWAN::equals);
		List<Integer> own = JsonPath.read(mvc.perform(get("/api/v1/monitoring/closings").param("year", year).with(basic(other.user)))
			.andReturn().getResponse().getContentAsString(), "$[*].enterpriseId");
		assertThat(own).allMatch(id -> id == other.id());

		// on the page the enterprise closes a month on demand
		mvc.perform(post("/monitoring/closing").with(fixtures.as(e.user)).with(csrf()).param("enterpriseId", String.valueOf(e.id()))
			.param("month", last.toString())).andExpect(status().is3xxRedirection());
	}
}
