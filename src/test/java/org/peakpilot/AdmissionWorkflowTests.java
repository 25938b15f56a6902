package org.peakpilot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.admission.AdmittedProject;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.internal.AdmissionJobs;
import org.peakpilot.admission.internal.Assessor;
import org.peakpilot.budget.BudgetHeadroom;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Filing and review of projects (issue 13, ADR 0017 "Filing and review"): the workflow from filing to decision with
 * comments, steps and audit; FAIL never admitted; the route-up path; the assessment frozen at the decision whatever
 * the rules do later; the reservation in the carbon budget and its release on lapse; the re-review flag from verified
 * reports; scope; bad input storing nothing.
 */
// Own context: a movable clock (lapse after two years, reports of past months) and the admission jobs called by the test
@SpringBootTest(properties = { "peakpilot.test.clock=2026-03-10T02:00:00Z", "peakpilot.test.schema=pp_admission_workflow",
		"peakpilot.admission.jobs.scheduled=false" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class AdmissionWorkflowTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String PROJECTS = "/api/v1/admission/projects";

	@Autowired
	MovableClock now;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AdmissionJobs jobs;

	@Autowired
	ProjectAdmission admission;

	@MockitoSpyBean
	Assessor assessor;

	@Autowired
	JsonMapper jsonMapper;

	@Autowired
	CarbonBudgets budgets;

	@Autowired
	org.peakpilot.accounting.EmissionsAccounting accounting;

	/** Whether this context's budget of 2026 is published. */
	static boolean published;

	/** Publishes 2026's budget for Shizhong, Shawan and Wutongqiao once (BudgetFixtures), so reservations show in the headroom. */
	void budget2026(RequestPostProcessor office) throws Exception {
		if (!published) {
			new BudgetFixtures(mvc).publish(office, 2026, BudgetYearApiTests.DRAFT);
			published = true;
		}
	}

	/** Wutongqiao's headroom of 2026: budget − emissions − reserved (tCO2). */
	BudgetHeadroom headroom() {
		return budgets.countyHeadroom(WUTONGQIAO, 2026).orElseThrow();
	}

	static Instant at(int y, int m, int d) {
		return LocalDate.of(y, m, d).atTime(10, 0).atZone(BEIJING).toInstant();
	}

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	ResultActions call(RequestPostProcessor who, String method, String url, String body) throws Exception {
		var req = switch (method) {
			case "GET" -> get(url);
			case "PUT" -> put(url);
			default -> post(url);
		};
		if (who != null) {
			req = req.with(who);
		}
		return mvc.perform(body == null ? req : req.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	static String json(ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	static long id(String json) {
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	// ---- filings: the verdict each one reaches is worked out at the filing ----
	// The calculator's 2026 grid factor for Sichuan is 0.1564 tCO2/MWh (grid_factors.csv, 2023, the latest not after 2026)
	// and electricity counts 0.0001229 tce/kWh. In this context no budget warning, K average or regional control decides.

	/** PASS: 50,000 MWh in Shizhong's high-tech park (no control zone): 50,000 × 0.1564 = 7,820 tCO2, 6,145 tce (< 10,000). */
	static final BigDecimal PASS_CO2 = d("7820");
	static final BigDecimal PASS_TCE = d("6145");

	/**
	 * A filing reaching the verdict: PASS as {@link #PASS_CO2}; FAIL the same 7,820 t in Shawan's steel zone on an output value
	 * of 1,000 万元, 7.82 t/万元 above its cap of 4.03; ROUTE_UP 100,000 MWh in Shizhong, 12,290 tce ≥ Order 31's 10,000 tce.
	 * {@code enterprise} null for the applicant's own (or the office's filing without one).
	 */
	static String filing(String verdict, String name, Long enterprise) {
		String[] v = switch (verdict) {
			case "FAIL" -> new String[] { SHAWAN, "SHAWAN-EDZ", "50000", "1000", "200" };
			case "ROUTE_UP" -> new String[] { SHIZHONG, "LESHAN-HIGHTECH", "100000", "200000", "40000" };
			case "PASS_WUTONGQIAO" -> new String[] { WUTONGQIAO, "WUTONGQIAO-BASE", "50000", "100000", "20000" };
			default -> new String[] { SHIZHONG, "LESHAN-HIGHTECH", "50000", "100000", "20000" };
		};
		return """
				{"name": "%s", "county": "%s", "park": "%s", "industry": "3130", "kind": "NEW", "year": 2026,
				 "construction_start_year": 2026, "commissioning_year": 2026, "major_project": false, %s
				 "output_value_10k_cny": %s, "value_added_10k_cny": %s,
				 "lines": [{"type": "ELECTRICITY", "quantity": %s, "unit": "MWh", "label": "rolling mill"}]}"""
			.formatted(name, v[0], v[1], enterprise == null ? "" : "\"enterprise_id\": " + enterprise + ",", v[3], v[4], v[2]);
	}

	/** The filing with one activity line instead of its electricity. */
	static String withLine(String filing, String line) {
		return filing.replaceAll("\"lines\": \\[.*\\]", "\"lines\": [" + java.util.regex.Matcher.quoteReplacement(line) + "]");
	}

	static String countyOf(String verdict) {
		return "FAIL".equals(verdict) ? SHAWAN : "PASS_WUTONGQIAO".equals(verdict) ? WUTONGQIAO : SHIZHONG;
	}

	record Applicant(RegistryModel.Enterprise enterprise, String user) {
	}

	Applicant applicant() {
		RegistryModel.Enterprise e = fixtures.enterprise(SHIZHONG, "3011", fixtures.parkId("LESHAN-HIGHTECH"));
		return new Applicant(e, fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of()));
	}

	/** Filed by the applicant, submitted, forwarded by Emeishan's county officer: in CITY_REVIEW. */
	long inCityReview(Applicant a, String verdict) throws Exception {
		long id = id(json(call(basic(a.user()), "POST", PROJECTS, filing(verdict, "项目 " + verdict, null)).andExpect(status().isCreated())));
		call(basic(a.user()), "POST", PROJECTS + "/" + id + "/submit", null).andExpect(status().isOk());
		call(basic(fixtures.countyOfficer(countyOf(verdict))), "POST", PROJECTS + "/" + id + "/county-review", "{\"action\": \"FORWARD\"}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CITY_REVIEW"));
		return id;
	}

	List<String> auditActions(long id) {
		return jdbc.sql("SELECT action FROM audit_event WHERE entity_type = 'admission-project' AND entity_id = :id ORDER BY id")
			.param("id", String.valueOf(id)).query(String.class).list();
	}

	@Test
	void anApplicantFilesTheCountyReturnsAndForwardsTheCityAdmitsEveryStepCommentedAndAudited() throws Exception {
		now.set(at(2026, 3, 10));
		Applicant a = applicant();
		var applicant = basic(a.user());
		var county = basic(fixtures.countyOfficer(SHIZHONG));
		var office = basic(fixtures.cityOfficer());

		String filed = json(call(applicant, "POST", PROJECTS, filing("PASS", "峨眉山水泥技改", null)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.enterprise_id").value(a.enterprise().id()))
			.andExpect(jsonPath("$.county_code").value(SHIZHONG))
			.andExpect(jsonPath("$.park_code").value("LESHAN-HIGHTECH"))
			.andExpect(jsonPath("$.verdict").value("PASS"))
			.andExpect(jsonPath("$.assessment.verdict").value("PASS"))
			.andExpect(jsonPath("$.steps[0].action").value("FILED")));
		long id = id(filed);
		String project = PROJECTS + "/" + id;
		// the county reviews only what was submitted; the applicant submits, the county returns with its comment
		call(county, "POST", project + "/county-review", "{\"action\": \"FORWARD\"}").andExpect(status().isUnprocessableEntity());
		call(applicant, "POST", project + "/submit", "{\"comment\": \"请审查\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED"));
		call(applicant, "PUT", project, filing("PASS", "峨眉山水泥技改（改）", null)).andExpect(status().isUnprocessableEntity());
		call(county, "POST", project + "/county-review", "{\"action\": \"RETURN\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));
		call(county, "POST", project + "/county-review", "{\"action\": \"RETURN\", \"comment\": \"补充绿电合同\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("RETURNED"));
		// the applicant changes the returned filing and submits again; the county forwards
		call(applicant, "PUT", project, filing("PASS", "峨眉山水泥技改（补充）", null)).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("峨眉山水泥技改（补充）")).andExpect(jsonPath("$.status").value("RETURNED"));
		call(applicant, "POST", project + "/submit", null).andExpect(status().isOk());
		call(applicant, "POST", project + "/county-review", "{\"action\": \"FORWARD\"}").andExpect(status().isForbidden());
		call(county, "POST", project + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isForbidden());
		call(county, "POST", project + "/county-review", "{\"action\": \"FORWARD\", \"comment\": \"同意转报\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CITY_REVIEW"));
		call(applicant, "POST", project + "/comments", "{\"comment\": \"已补充\"}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.comments[0].text").value("已补充")).andExpect(jsonPath("$.comments[0].role").value("ENTERPRISE_USER"));
		// the office admits: the applicant sees the decision, the verdict and its reasons
		call(office, "POST", project + "/city-decision", "{\"action\": \"ADMIT\", \"comment\": \"同意准入\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andExpect(jsonPath("$.decision").value("ADMITTED"))
			.andExpect(jsonPath("$.reservation_ref").value("admission:" + id));
		call(office, "POST", project + "/city-decision", "{\"action\": \"REJECT\", \"comment\": \"again\"}").andExpect(status().isUnprocessableEntity());
		call(applicant, "GET", project, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andExpect(jsonPath("$.verdict").value("PASS"))
			.andExpect(jsonPath("$.assessment.reasons").isArray())
			.andExpect(jsonPath("$.steps[*].action").value(org.hamcrest.Matchers.contains("FILED", "SUBMITTED", "RETURNED", "UPDATED", "SUBMITTED",
					"FORWARDED", "ADMITTED")))
			.andExpect(jsonPath("$.steps[2].comment").value("补充绿电合同"))
			.andExpect(jsonPath("$.steps[2].role").value("COUNTY_OFFICER"))
			.andExpect(jsonPath("$.steps[6].comment").value("同意准入"))
			.andExpect(jsonPath("$.steps[6].role").value("CITY_OFFICER"));
		assertThat(auditActions(id)).containsExactly("admission-project.filed", "admission-project.submitted", "admission-project.returned",
				"admission-project.updated", "admission-project.submitted", "admission-project.forwarded", "admission-project.commented",
				"admission-project.admitted");
		// the entry point hands the admitted project to other modules, through the caller's scope
		AdmittedProject admitted = SystemActor.call("test", () -> admission.admittedProject(id)).orElseThrow();
		assertThat(admitted.annualCo2T().value()).isEqualByComparingTo(PASS_CO2);
		assertThat(admitted.commissioningYear()).isEqualTo(2026);
		assertThat(admitted.enterpriseId()).isEqualTo(a.enterprise().id());
		assertThat(SystemActor.call("test", () -> admission.admittedProjects())).extracting(AdmittedProject::id).contains(id);
		Applicant other = applicant();
		assertThat(SystemActor.callAs("test", Role.ENTERPRISE_USER, Set.of(other.enterprise().id()), () -> admission.admittedProjects()))
			.extracting(AdmittedProject::id).doesNotContain(id);
		assertThat(SystemActor.callAs("test", Role.ENTERPRISE_USER, Set.of(other.enterprise().id()), () -> admission.admittedProject(id))).isEmpty();
		assertThat(SystemActor.callAs("test", Role.ENTERPRISE_USER, Set.of(a.enterprise().id()), () -> admission.admittedProject(id))).isPresent();
		// the list's filters
		call(office, "GET", PROJECTS + "?status=ADMITTED&verdict=PASS&county=" + SHIZHONG + "&enterprise_id=" + a.enterprise().id(), null)
			.andExpect(status().isOk()).andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains((int) id)));
		call(office, "GET", PROJECTS + "?status=DRAFT&enterprise_id=" + a.enterprise().id(), null).andExpect(jsonPath("$").isEmpty());
		call(office, "GET", PROJECTS + "?status=NOPE", null).andExpect(status().isBadRequest());
		call(office, "GET", PROJECTS + "?limit=5000", null).andExpect(status().isBadRequest());
	}

	@Test
	void aFailVerdictIsNeverAdmittedAndTheRefusalNamesItsReasons() throws Exception {
		now.set(at(2026, 3, 10));
		long id = inCityReview(applicant(), "FAIL");
		var office = basic(fixtures.cityOfficer());
		call(office, "POST", PROJECTS + "/" + id + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("cannot be admitted")))
			.andExpect(jsonPath("$.detail").value(containsString("ZONE_CAP")));
		call(office, "POST", PROJECTS + "/" + id + "/city-decision", "{\"action\": \"ROUTE_UP\"}").andExpect(status().isUnprocessableEntity());
		call(office, "GET", PROJECTS + "/" + id, null).andExpect(jsonPath("$.status").value("CITY_REVIEW"))
			.andExpect(jsonPath("$.reservation_ref").doesNotExist());
		call(office, "POST", PROJECTS + "/" + id + "/city-decision", "{\"action\": \"REJECT\", \"comment\": \"超过管控区上限\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"));
		assertThat(auditActions(id)).endsWith("admission-project.rejected");
	}

	@Test
	void aRouteUpVerdictGoesToTheProvinceWhoseOutcomeTheOfficeRecords() throws Exception {
		now.set(at(2026, 3, 10));
		long id = inCityReview(applicant(), "ROUTE_UP");
		String project = PROJECTS + "/" + id;
		var office = basic(fixtures.cityOfficer());
		call(office, "POST", project + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("routed up")));
		call(office, "POST", project + "/city-decision", "{\"action\": \"ROUTE_UP\", \"comment\": \"报省发展改革委\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ROUTED_UP")).andExpect(jsonPath("$.decision").value("ROUTED_UP"));
		call(office, "POST", project + "/province-outcome", "{\"outcome\": \"ADMITTED\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("document_ref"));
		call(office, "POST", project + "/province-outcome", "{\"outcome\": \"ADMITTED\", \"document_ref\": \"川发改环资函〔2026〕15号\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andExpect(jsonPath("$.higher_outcome").value("ADMITTED"))
			.andExpect(jsonPath("$.higher_document").value("川发改环资函〔2026〕15号"))
			.andExpect(jsonPath("$.reservation_ref").value("admission:" + id));
		call(office, "POST", project + "/province-outcome", "{\"outcome\": \"REJECTED\", \"document_ref\": \"x\"}").andExpect(status().isUnprocessableEntity());
		assertThat(auditActions(id)).endsWith("admission-project.routed-up", "admission-project.higher-admitted");
	}

	@Test
	void anAdmissionReservesItsCo2InTheCountysHeadroomAndWithoutConstructionStartLapsesAfterTwoYearsReleasingIt() throws Exception {
		now.set(at(2026, 3, 10));
		var office = basic(fixtures.cityOfficer());
		budget2026(office);
		Applicant a = applicant();
		long idle = inCityReview(a, "PASS_WUTONGQIAO");
		long built = inCityReview(a, "PASS_WUTONGQIAO");
		BudgetHeadroom before = headroom();
		for (long id : List.of(idle, built)) {
			call(office, "POST", PROJECTS + "/" + id + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isOk())
				.andExpect(jsonPath("$.reserved_co2_t").value(7820));
		}
		// each reserves 50,000 MWh × 0.1564 = 7,820 t from 2026: the headroom shrinks by 15,640 t
		BudgetHeadroom admitted = headroom();
		assertThat(admitted.reservedT().value()).isEqualByComparingTo(before.reservedT().value().add(d("15640")));
		assertThat(admitted.headroomT().value()).isEqualByComparingTo(before.headroomT().value().subtract(d("15640")));
		call(basic(a.user()), "POST", PROJECTS + "/" + built + "/construction-start", "{\"started_on\": \"2026-03-11\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("started_on"));
		now.set(at(2026, 9, 1));
		call(basic(a.user()), "POST", PROJECTS + "/" + built + "/construction-start", "{\"started_on\": \"2026-08-15\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.construction_started_on").value("2026-08-15"));
		// the day before the second anniversary (Beijing): nothing lapses
		now.set(at(2028, 3, 9));
		assertThat(jobs.runDue().lapsed()).doesNotContain(idle, built);
		assertThat(headroom().reservedT()).isEqualTo(admitted.reservedT());
		now.set(at(2028, 3, 10));
		assertThat(jobs.runDue().lapsed()).contains(idle).doesNotContain(built);
		call(office, "GET", PROJECTS + "/" + idle, null).andExpect(jsonPath("$.status").value("LAPSED"))
			.andExpect(jsonPath("$.reservation_released_at").exists())
			.andExpect(jsonPath("$.steps[-1:].actor").value(hasItem("system:admission-lapse")));
		call(office, "GET", PROJECTS + "/" + built, null).andExpect(jsonPath("$.status").value("ADMITTED"));
		// the lapsed one's 7,820 t are released; the one under construction keeps its reservation
		assertThat(headroom().reservedT().value()).isEqualByComparingTo(before.reservedT().value().add(d("7820")));
		assertThat(SystemActor.call("test", () -> admission.admittedProject(idle))).isEmpty();
		assertThat(auditActions(idle)).endsWith("admission-project.lapsed");
	}

	@Test
	void theCityPathCountsEveryAdmittedProjectWhoeverAsks() throws Exception {
		now.set(at(2026, 3, 10));
		var office = basic(fixtures.cityOfficer());
		if (accounting.latestInventoryTotals().isEmpty()) {
			// this context's inventory: 2020 with GDP 20,000,000 万元 and other sectors 12,000,000 tCO2 (no reports in 2020)
			for (String[] input : new String[][] { { "GDP", "20000000" }, { "OTHER_TCE", "5000000" }, { "OTHER_CO2_T", "12000000" } }) {
				call(office, "POST", "/api/v1/accounting/inventory/inputs",
						"{\"year\": 2020, \"code\": \"" + input[0] + "\", \"value\": " + input[1] + ", \"sourceDocument\": \"admission test\"}")
					.andExpect(status().isCreated());
			}
		}
		BigDecimal inventory = accounting.latestInventoryTotals().orElseThrow().co2T().value();
		Applicant a = applicant();
		long admitted = inCityReview(a, "PASS");
		call(office, "POST", PROJECTS + "/" + admitted + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isOk());
		// another enterprise previews a project: it cannot see a's admitted project, yet the city's path counts it
		Applicant other = applicant();
		String body = filing("PASS", "另一项目 another project", null);
		String byOther = json(call(basic(other.user()), "POST", "/api/v1/admission/assessments/preview", body).andExpect(status().isOk()));
		String byOffice = json(call(office, "POST", "/api/v1/admission/assessments/preview", body).andExpect(status().isOk()));
		call(basic(other.user()), "GET", PROJECTS + "/" + admitted, null).andExpect(status().isNotFound());
		List<Object> otherWithout = JsonPath.read(byOther, "$.city_path.points[?(@.year == 2026)].without_t");
		List<Object> officeWithout = JsonPath.read(byOffice, "$.city_path.points[?(@.year == 2026)].without_t");
		assertThat(d(otherWithout.get(0))).isEqualByComparingTo(d(officeWithout.get(0)));
		// at least the inventory's CO2 plus a's 7,820 t (commissioned 2026, after the inventory's year)
		assertThat(d(otherWithout.get(0))).isGreaterThanOrEqualTo(inventory.add(PASS_CO2));
	}

	@Test
	void badInputNamesItsFieldsAndStoresNothing() throws Exception {
		now.set(at(2026, 3, 10));
		Applicant a = applicant();
		Applicant other = applicant();
		var applicant = basic(a.user());
		long before = jdbc.sql("SELECT count(*) FROM admission_project").query(Long.class).single();
		String good = filing("PASS", "坏输入", null);
		// an unknown factor code, a unit the factor does not take, no value added, a park outside the county
		call(applicant, "POST", PROJECTS, withLine(good, "{\"type\": \"FUEL\", \"factorCode\": \"NO-SUCH-FUEL\", \"quantity\": 100, \"unit\": \"t\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItem(containsString("lines[0]"))));
		call(applicant, "POST", PROJECTS, withLine(good, "{\"type\": \"FUEL\", \"factorCode\": \"NATURAL-GAS\", \"quantity\": 100, \"unit\": \"MWh\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItem(containsString("lines[0]"))));
		call(applicant, "POST", PROJECTS, good.replace("\"value_added_10k_cny\": 20000,", "")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("value_added_10k_cny")));
		call(applicant, "POST", PROJECTS, good.replace("LESHAN-HIGHTECH", "SHAWAN-EDZ")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("park")));
		// the engine's errors and the store's together: no name, and another enterprise's id
		call(applicant, "POST", PROJECTS, filing("PASS", "", other.enterprise().id())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("name", "enterprise_id")));
		call(applicant, "POST", PROJECTS, "{\"name\": \"x\"}").andExpect(status().isBadRequest());
		call(applicant, "POST", PROJECTS, "{\"name\": ").andExpect(status().isBadRequest());
		assertThat(jdbc.sql("SELECT count(*) FROM admission_project").query(Long.class).single()).isEqualTo(before);
		// a change with bad input leaves the stored filing as it was
		long id = id(json(call(applicant, "POST", PROJECTS, good).andExpect(status().isCreated())));
		call(applicant, "PUT", PROJECTS + "/" + id, good.replace("\"value_added_10k_cny\": 20000,", "").replace("坏输入", "改名"))
			.andExpect(status().isBadRequest());
		call(applicant, "GET", PROJECTS + "/" + id, null).andExpect(jsonPath("$.name").value("坏输入"))
			.andExpect(jsonPath("$.filing.value_added_10k_cny").value(20000));
		assertThat(auditActions(id)).containsExactly("admission-project.filed");
	}

	@Test
	void thePreviewAndTheFiledAssessmentGiveTheSameFigures() throws Exception {
		now.set(at(2026, 3, 10));
		Applicant a = applicant();
		String body = filing("PASS", "预评价对照", null);
		String preview = json(call(basic(a.user()), "POST", "/api/v1/admission/assessments/preview", body).andExpect(status().isOk()));
		String filed = json(call(basic(a.user()), "POST", PROJECTS, body).andExpect(status().isCreated()));
		// 50,000 MWh × 0.1564 = 7,820 tCO2; 50,000,000 kWh × 0.0001229 = 6,145 tce; ÷ 100,000 and ÷ 20,000 万元
		String filedAssessment = JsonPath.parse((Object) JsonPath.read(filed, "$.assessment")).jsonString();
		for (String json : List.of(preview, filedAssessment)) {
			assertThat(d(JsonPath.read(json, "$.co2_t.total"))).isEqualByComparingTo(PASS_CO2);
			assertThat(d(JsonPath.read(json, "$.co2_t.electricity"))).isEqualByComparingTo(PASS_CO2);
			assertThat(d(JsonPath.read(json, "$.tce"))).isEqualByComparingTo(PASS_TCE);
			assertThat(d(JsonPath.read(json, "$.intensity_t_per_10k_cny_output"))).isEqualByComparingTo("0.0782");
			assertThat(d(JsonPath.read(json, "$.intensity_t_per_10k_cny_value_added"))).isEqualByComparingTo("0.391");
			assertThat((Object) JsonPath.read(json, "$.zone_cap")).isNull();
			assertThat((String) JsonPath.read(json, "$.verdict")).isEqualTo("PASS");
		}
		for (String path : List.of("$.rules_version", "$.verdict", "$.reasons", "$.not_assessed", "$.co2_t", "$.lines[0].co2T")) {
			assertThat((Object) JsonPath.read(filed, "$.assessment" + path.substring(1))).as(path).isEqualTo(JsonPath.read(preview, path));
		}
		assertThat(d(JsonPath.read(filed, "$.annual_co2_t"))).isEqualByComparingTo(PASS_CO2);
		assertThat(d(JsonPath.read(filed, "$.annual_tce"))).isEqualByComparingTo(PASS_TCE);
	}

	@Test
	void eachCallerSeesOnlyTheProjectsOfItsScope() throws Exception {
		now.set(at(2026, 3, 10));
		Applicant a = applicant();
		Applicant b = applicant();
		long mine = id(json(call(basic(a.user()), "POST", PROJECTS, filing("PASS", "甲的项目", null)).andExpect(status().isCreated())));
		String project = PROJECTS + "/" + mine;
		// another enterprise: 404 on the id, absent from its list, cannot act on it
		call(basic(b.user()), "GET", project, null).andExpect(status().isNotFound());
		call(basic(b.user()), "PUT", project, filing("PASS", "抢", null)).andExpect(status().isNotFound());
		call(basic(b.user()), "POST", project + "/submit", null).andExpect(status().isNotFound());
		call(basic(b.user()), "POST", project + "/comments", "{\"comment\": \"x\"}").andExpect(status().isNotFound());
		call(basic(b.user()), "GET", PROJECTS, null).andExpect(status().isOk()).andExpect(jsonPath("$[*].id").value(not(hasItem((int) mine))));
		call(basic(a.user()), "GET", PROJECTS, null).andExpect(status().isOk()).andExpect(jsonPath("$[*].id").value(hasItem((int) mine)));
		// another county's officer, another park's manager: not found; this county's and this park's: seen
		call(basic(fixtures.countyOfficer(SHAWAN)), "GET", project, null).andExpect(status().isNotFound());
		call(basic(fixtures.countyOfficer(SHAWAN)), "GET", PROJECTS, null).andExpect(jsonPath("$[*].id").value(not(hasItem((int) mine))));
		call(basic(fixtures.countyOfficer(SHIZHONG)), "GET", project, null).andExpect(status().isOk());
		call(basic(fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of())), "GET", project, null)
			.andExpect(status().isNotFound());
		String manager = fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("LESHAN-HIGHTECH"), null, Set.of());
		call(basic(manager), "GET", project, null).andExpect(status().isOk());
		call(basic(manager), "POST", project + "/comments", "{\"comment\": \"x\"}").andExpect(status().isForbidden());
		// a verifier assigned to the enterprise, and the forestry officer: not admission's readers
		call(basic(fixtures.user(Role.VERIFIER, null, null, null, Set.of(a.enterprise().id()))), "GET", project, null).andExpect(status().isForbidden());
		call(basic(fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of())), "GET", PROJECTS, null).andExpect(status().isForbidden());
		call(null, "GET", project, null).andExpect(status().isUnauthorized());
		// the office sees it; a county officer may not file
		call(basic(fixtures.cityOfficer()), "GET", project, null).andExpect(status().isOk());
		call(basic(fixtures.countyOfficer(SHIZHONG)), "POST", PROJECTS, filing("PASS", "县里代报", null)).andExpect(status().isForbidden());
		call(basic(fixtures.countyOfficer(EMEISHAN)), "POST", project + "/county-review", "{\"action\": \"FORWARD\"}").andExpect(status().isNotFound());
	}

	@Test
	void theOfficeFilesOnBehalfOfACompanyNotYetRegisteredWhichSeesItOnceLinkedAtCommissioning() throws Exception {
		now.set(at(2026, 3, 10));
		var office = basic(fixtures.cityOfficer());
		long id = id(json(call(office, "POST", PROJECTS, filing("PASS", "招商项目", null)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.enterprise_id").doesNotExist())
			.andExpect(jsonPath("$.steps[0].role").value("CITY_OFFICER"))));
		String project = PROJECTS + "/" + id;
		call(office, "POST", project + "/submit", null).andExpect(status().isOk());
		call(basic(fixtures.countyOfficer(SHIZHONG)), "POST", project + "/county-review", "{\"action\": \"FORWARD\"}").andExpect(status().isOk());
		call(office, "POST", project + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isOk());
		call(office, "POST", project + "/construction-start", "{\"started_on\": \"2026-03-10\"}").andExpect(status().isOk());
		// the company registered meanwhile sees the project once the office links it at commissioning
		Applicant company = applicant();
		call(basic(company.user()), "GET", project, null).andExpect(status().isNotFound());
		call(office, "POST", project + "/commissioning", "{\"enterprise_id\": %d, \"commissioned_on\": \"2026-03-10\"}".formatted(company.enterprise().id()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.enterprise_id").value(company.enterprise().id()));
		call(basic(company.user()), "GET", project, null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMMISSIONED"));
		call(office, "POST", PROJECTS, filing("PASS", "招商项目", 987654321L)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("enterprise_id")));
	}
	/** tCO2 per kWh of grid electricity in a year, from the accounting calculator. */
	BigDecimal gridPerKwh(RequestPostProcessor who, int year) throws Exception {
		String calc = json(call(who, "POST", "/api/v1/accounting/calculations", """
				{"year": %d, "lines": [{"type": "ELECTRICITY", "quantity": 1000000, "unit": "kWh"}]}""".formatted(year)).andExpect(status().isOk()));
		return d(JsonPath.read(calc, "$.totals.totalCo2T").toString()).divide(d(1_000_000), MathContext.DECIMAL64);
	}

	/** A month's report of grid electricity for about {@code tonnes} tCO2, saved and submitted; its id and total. */
	long[] submittedReport(String user, long enterprise, int month, BigDecimal g, int tonnes) throws Exception {
		long kwh = d(tonnes).divide(g, 0, RoundingMode.HALF_UP).longValueExact();
		String body = json(call(basic(user), "PUT", "/api/v1/accounting/enterprises/" + enterprise + "/reports/2026/" + month, """
				{"lines": [{"line": {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"}}]}""".formatted(kwh)).andExpect(status().isOk()));
		long reportId = ((Number) JsonPath.read(body, "$.id")).longValue();
		call(basic(user), "POST", "/api/v1/accounting/reports/" + reportId + "/submit", null).andExpect(status().isOk());
		return new long[] { reportId };
	}

	BigDecimal verify(String verifier, long reportId) throws Exception {
		String body = json(call(basic(verifier), "POST", "/api/v1/accounting/reports/" + reportId + "/verify", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("VERIFIED")));
		return d(JsonPath.read(body, "$.summary.totalCo2T").toString());
	}

	@Test
	void aCommissionedProjectTenPercentOverItsApprovalInVerifiedReportsIsFlaggedForReReview() throws Exception {
		now.set(at(2026, 3, 10));
		var office = basic(fixtures.cityOfficer());
		Applicant a = applicant();
		long id = inCityReview(a, "PASS");
		String project = PROJECTS + "/" + id;
		call(office, "POST", project + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isOk());
		call(office, "POST", project + "/commissioning", "{\"enterprise_id\": %d, \"commissioned_on\": \"2026-03-10\"}".formatted(a.enterprise().id()))
			.andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.detail").value(containsString("construction start")));
		call(basic(a.user()), "POST", project + "/construction-start", "{\"started_on\": \"2026-03-10\"}").andExpect(status().isOk());
		call(office, "POST", project + "/re-review-check", null).andExpect(status().isUnprocessableEntity());
		call(basic(a.user()), "POST", project + "/commissioning", "{\"enterprise_id\": %d, \"commissioned_on\": \"2026-03-10\"}".formatted(a.enterprise().id()))
			.andExpect(status().isForbidden());
		call(office, "POST", project + "/commissioning", "{\"enterprise_id\": 987654321, \"commissioned_on\": \"2026-03-11\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("enterprise_id", "commissioned_on")));
		call(office, "POST", project + "/commissioning", "{\"enterprise_id\": %d, \"commissioned_on\": \"2026-03-10\"}".formatted(a.enterprise().id()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMMISSIONED"))
			.andExpect(jsonPath("$.operating_enterprise_id").value(a.enterprise().id()));

		// approved 7,820 t a year; the limit is 7,820 × 1.10 = 8,602 t. January and February verified: about 4,000 + 4,500 = 8,500 t
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(a.enterprise().id()));
		BigDecimal g = gridPerKwh(office, 2026);
		BigDecimal jan = verify(verifier, submittedReport(a.user(), a.enterprise().id(), 1, g, 4_000)[0]);
		BigDecimal feb = verify(verifier, submittedReport(a.user(), a.enterprise().id(), 2, g, 4_500)[0]);
		assertThat(jan.add(feb)).isLessThan(PASS_CO2.multiply(d("1.10")));
		call(office, "POST", project + "/re-review-check", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMMISSIONED"))
			.andExpect(jsonPath("$.re_review").doesNotExist());
		// March's 200 t submitted but not verified: it does not count
		now.set(at(2026, 4, 10));
		long march = submittedReport(a.user(), a.enterprise().id(), 3, g, 200)[0];
		call(office, "POST", project + "/re-review-check", null).andExpect(jsonPath("$.status").value("COMMISSIONED"));
		// verified: about 8,700 t ≥ 8,602 t, flagged by the daily job with both figures
		BigDecimal mar = verify(verifier, march);
		BigDecimal actual = jan.add(feb).add(mar);
		assertThat(actual).isGreaterThanOrEqualTo(d("8602"));
		assertThat(jobs.runDue().flaggedForReReview()).contains(id);
		String flagged = json(call(basic(a.user()), "GET", project, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("RE_REVIEW_DUE"))
			.andExpect(jsonPath("$.re_review.year").value(2026))
			.andExpect(jsonPath("$.steps[-1:].actor").value(hasItem("system:admission-re-review"))));
		assertThat(d(JsonPath.read(flagged, "$.re_review.actual_co2_t").toString())).isEqualByComparingTo(actual);
		assertThat(d(JsonPath.read(flagged, "$.re_review.approved_co2_t").toString())).isEqualByComparingTo(PASS_CO2);
		// (actual − 7,820) ÷ 7,820, 6 decimals
		assertThat(d(JsonPath.read(flagged, "$.re_review.deviation").toString()))
			.isEqualByComparingTo(actual.subtract(PASS_CO2).divide(PASS_CO2, 6, RoundingMode.HALF_UP));
		assertThat(auditActions(id)).endsWith("admission-project.commissioned", "admission-project.re-review-flagged");
		// still admitted for the libraries
		assertThat(SystemActor.call("test", () -> admission.admittedProject(id))).isPresent();
	}
	/**
	 * The rules change after a decision: from now on the engine answers with another rules version, a FAIL verdict and
	 * twice the CO2 (the real assessment rewritten, so the engine's shape is kept).
	 */
	void rulesChangeTo(String version) {
		engineAnswers(version, "FAIL");
	}

	/** From now on the engine's real assessment with the rules version and verdict replaced. */
	void engineAnswers(String version, String verdict) {
		doAnswer(inv -> {
			Assessment real = (Assessment) inv.callRealMethod();
			ObjectNode node = (ObjectNode) jsonMapper.valueToTree(real);
			node.put("rules_version", version == null ? real.rulesVersion() : version);
			node.put("verdict", verdict);
			return jsonMapper.treeToValue(node, Assessment.class);
		}).when(assessor).assess(any(ProjectInput.class));
	}

	@Test
	void aConditionalVerdictIsAdmittedOnlyWithItsConditionsRecorded() throws Exception {
		now.set(at(2026, 3, 10));
		// the rules' CONDITIONAL branches (K, m/n, reserve drawn) need data this context lacks: the engine's verdict is replaced
		engineAnswers(null, "CONDITIONAL");
		long id = inCityReview(applicant(), "PASS");
		var office = basic(fixtures.cityOfficer());
		String decide = PROJECTS + "/" + id + "/city-decision";
		call(office, "POST", decide, "{\"action\": \"ADMIT\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("conditions"));
		call(office, "POST", decide, "{\"action\": \"ADMIT\", \"conditions\": [\"绿电占比不低于30%\", \" \"]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("conditions[1]"));
		call(office, "POST", decide, "{\"action\": \"ADMIT\", \"conditions\": [\"绿电占比不低于30%\", \"安装在线监测\"]}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andExpect(jsonPath("$.verdict").value("CONDITIONAL"))
			.andExpect(jsonPath("$.conditions").value(org.hamcrest.Matchers.contains("绿电占比不低于30%", "安装在线监测")));
		assertThat(jdbc.sql("SELECT after_state->>'conditions' FROM audit_event WHERE entity_type = 'admission-project' AND entity_id = :id "
				+ "AND action = 'admission-project.admitted'").param("id", String.valueOf(id)).query(String.class).single())
			.contains("安装在线监测");
	}

	@Test
	void aLaterRulesVersionNeverAltersAPastDecisionButReachesProjectsNotYetDecided() throws Exception {
		now.set(at(2026, 3, 10));
		var office = basic(fixtures.cityOfficer());
		Applicant a = applicant();
		long decided = inCityReview(a, "PASS");
		long pending = inCityReview(a, "PASS");
		String before = json(call(office, "POST", PROJECTS + "/" + decided + "/city-decision", "{\"action\": \"ADMIT\"}").andExpect(status().isOk()));
		String version = JsonPath.read(before, "$.rules_version");
		assertThat(version).isNotEqualTo("test-2099.1");

		rulesChangeTo("test-2099.1");
		// the undecided project takes the new rules when a reviewer re-assesses it (so the change is real) …
		call(office, "POST", PROJECTS + "/" + pending + "/reassess", "{\"comment\": \"规则已更新\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.rules_version").value("test-2099.1"))
			.andExpect(jsonPath("$.assessment.rules_version").value("test-2099.1"))
			.andExpect(jsonPath("$.verdict").value("FAIL"))
			.andExpect(jsonPath("$.steps[-1:].action").value(hasItem("REASSESSED")));
		// … the decided one keeps the version, verdict and figures of its decision, and refuses a re-assessment
		call(office, "POST", PROJECTS + "/" + decided + "/reassess", null).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("frozen")));
		String after = json(call(office, "GET", PROJECTS + "/" + decided, null).andExpect(status().isOk())
			.andExpect(jsonPath("$.rules_version").value(version))
			.andExpect(jsonPath("$.verdict").value("PASS"))
			.andExpect(jsonPath("$.status").value("ADMITTED")));
		assertThat((Object) JsonPath.read(after, "$.assessment")).isEqualTo(JsonPath.read(before, "$.assessment"));
		assertThat(SystemActor.call("test", () -> admission.admittedProject(decided)).orElseThrow().verdict()).isEqualTo("PASS");
		// nor do the jobs recompute it
		jobs.runDue();
		call(office, "GET", PROJECTS + "/" + decided, null).andExpect(jsonPath("$.rules_version").value(version));
	}
}
