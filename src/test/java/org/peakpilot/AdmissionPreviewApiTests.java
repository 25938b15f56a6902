package org.peakpilot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.budget.BudgetHeadroom;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.ProjectReservation;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.shared.Tco2;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/admission/assessments/preview}: hand-computed assessments of one project per control zone that
 * passes its cap and one above it, one outside any zone, the budget share against a published county budget with
 * project reservations, and bad input named by body path. Figures are computed here from the factor files
 * (src/main/resources/factors): the calculator for 2026 takes Sichuan's grid factor of 2023, 0.1564 tCO2/MWh
 * (grid_factors.csv, the latest year not after 2026); natural gas 389.31 GJ/10^4 Nm3 × 15.3 tC/TJ × 0.99 × 44/12
 * (fuels.csv); graphite electrodes 3.663 and flux limestone 0.440 tCO2/t, Portland clinker by default 0.535 tCO2/t
 * (process_factors.csv); electricity 0.0001229 tce/kWh, gas tce = GJ ÷ 29.3076.
 * <p>
 * The tests assert the figures and the reasons of the cases they set up (zone cap, Order 31, budget share), and the
 * verdict only where a FAIL decides it; every verdict branch is reached with fixed figures in
 * {@code admission.internal.AdmissionVerdictTests}.
 */
// Own context: the city path adds every admitted project in operation to the city's latest inventory, and Shawan's
// headroom subtracts every reservation of its year; in the shared context AdmissionPagesTests admits a Shawan project
// (whether it ran first depended on the order of the classes)
@SpringBootTest(properties = "peakpilot.test.schema=pp_admission_preview")
@AutoConfigureMockMvc
@Import(Fixtures.class)
class AdmissionPreviewApiTests {

	static final String URL = "/api/v1/admission/assessments/preview";

	/** The API document's example (AssessmentPreviewApi.EXAMPLE), as a client would copy it. */
	static final String EXAMPLE = """
			{"name": "沙湾短流程电炉炼钢项目", "county": "511111", "park": "SHAWAN-EDZ", "industry": "3120", "kind": "NEW",
			 "year": 2026, "investment_10k_cny": 180000, "construction_start_year": 2026, "commissioning_year": 2028,
			 "products": [{"code": "CRUDE_STEEL", "quantity": 1000000, "unit": "t", "capacity": 1000000}],
			 "output_value_10k_cny": 400000, "value_added_10k_cny": 80000,
			 "lines": [
			  {"type": "ELECTRICITY", "quantity": 420000, "unit": "MWh", "label": "EAF and rolling"},
			  {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 1200, "unit": "10^4 Nm3", "label": "ladle and reheating"},
			  {"type": "PROCESS", "factorCode": "STEEL-GRAPHITE-ELECTRODE", "quantity": 1500, "unit": "t", "label": "electrodes"},
			  {"type": "CARBONATE", "factorCode": "STEEL-FLUX-LIMESTONE", "quantity": 40000, "unit": "t", "label": "flux"}],
			 "grid_region": "SICHUAN", "own_renewable_kwh": 0, "green_power_kwh": 20000000, "feedstock_tce": 0, "recovered_co2_t": 0,
			 "substitution_tce": 0, "substitution_co2_t": 0, "processes": ["EAF-GE50"], "major_project": false}""";

	static final MathContext MC = MathContext.DECIMAL64;
	static final BigDecimal GRID = d("0.1564");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CarbonBudgets budgets;

	@Autowired
	org.peakpilot.accounting.EmissionsAccounting accounting;

	static BigDecimal d(Object v) {
		return new BigDecimal(v.toString());
	}

	/** tCO2 of natural gas, 10^4 Nm3: q × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12. */
	static BigDecimal gas(String q) {
		return d(q).multiply(d("389.31"), MC).multiply(d("15.3"), MC).divide(d("1000"), MC).multiply(d("0.99"), MC)
			.multiply(d("44").divide(d("12"), MC), MC);
	}

	/** tCO2 of purchased electricity, MWh, at Sichuan's 2023 factor. */
	static BigDecimal power(String mwh) {
		return d(mwh).multiply(GRID);
	}

	ResultActions preview(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post(URL).with(who).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	ResultActions preview(String body) throws Exception {
		return preview(basic(fixtures.countyOfficer(SHAWAN)), body);
	}

	String json(String body) throws Exception {
		var response = preview(body).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString();
	}

	static BigDecimal figure(String json, String path) {
		Object v = JsonPath.read(json, path);
		return v == null ? null : d(v);
	}

	/** A project body: name, county, park (null for none), industry, the output value, the product and the lines. */
	static String project(String county, String park, String industry, String output, String product, String lines) {
		return """
				{"name": "测试项目 test project", "county": "%s", %s "industry": "%s", "kind": "NEW", "year": 2026,
				 "commissioning_year": 2028, "products": [%s], "output_value_10k_cny": %s, "value_added_10k_cny": 1000,
				 "lines": [%s]}""".formatted(county, park == null ? "" : "\"park\": \"" + park + "\",", industry, product, output, lines);
	}

	/** Asserts the zone cap comparison: the intensity on output value, the cap, whether it is exceeded, and the ZONE_CAP reason. */
	void zone(String json, String zone, String cap, BigDecimal co2, String output, boolean exceeds) {
		BigDecimal intensity = co2.divide(d(output), MC);
		assertThat(figure(json, "$.co2_t.total")).isCloseTo(co2, within(d("0.000001")));
		assertThat((String) JsonPath.read(json, "$.zone_code")).isEqualTo(zone);
		assertThat((String) JsonPath.read(json, "$.zone_cap.zone_code")).isEqualTo(zone);
		assertThat(figure(json, "$.zone_cap.cap")).isEqualByComparingTo(cap);
		assertThat((String) JsonPath.read(json, "$.zone_cap.denominator")).isEqualTo("OUTPUT_VALUE");
		assertThat(figure(json, "$.zone_cap.intensity")).isCloseTo(intensity, within(d("0.000001")));
		assertThat(figure(json, "$.intensity_t_per_10k_cny_output")).isCloseTo(intensity, within(d("0.000001")));
		assertThat((Boolean) JsonPath.read(json, "$.zone_cap.exceeds")).isEqualTo(exceeds);
		assertThat(intensity.compareTo(d(cap)) > 0).isEqualTo(exceeds);
		List<String> effect = JsonPath.read(json, "$.reasons[?(@.rule == 'ZONE_CAP')].effect");
		assertThat(effect).containsExactly(exceeds ? "FAIL" : "PASS");
		if (exceeds) {
			assertThat((String) JsonPath.read(json, "$.verdict")).isEqualTo("FAIL");
		}
	}

	@Test
	void assessesTheDocumentedExampleByHand() throws Exception {
		String documented = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		assertThat(documented.replaceAll("\\s", "").replace("\\\"", "\"")).contains(EXAMPLE.replaceAll("\\s", ""));
		String json = json(EXAMPLE);
		// 420,000 MWh × 0.1564 = 65,688; gas 1,200 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12 = 25,946.265708;
		// electrodes 1,500 × 3.663 = 5,494.5; limestone 40,000 × 0.440 = 17,600 → 114,728.765708 tCO2
		BigDecimal co2 = power("420000").add(gas("1200")).add(d("5494.5")).add(d("17600"));
		assertThat(figure(json, "$.co2_t.electricity")).isEqualByComparingTo("65688");
		assertThat(figure(json, "$.co2_t.fuel")).isCloseTo(gas("1200"), within(d("0.000001")));
		assertThat(figure(json, "$.co2_t.process")).isEqualByComparingTo("23094.5");
		assertThat(figure(json, "$.co2_t.fuel_and_process")).isCloseTo(gas("1200").add(d("23094.5")), within(d("0.000001")));
		assertThat(figure(json, "$.co2_t.recovered")).isEqualByComparingTo("0");
		// tce: 420,000,000 kWh × 0.0001229 = 51,618; gas 1,200 × 389.31 = 467,172 GJ ÷ 29.3076 = 15,940.302174 → 67,558.302174
		BigDecimal tce = d("51618").add(d("467172").divide(d("29.3076"), MC));
		assertThat(figure(json, "$.tce")).isCloseTo(tce, within(d("0.000001")));
		// per 10k CNY value added 114,728.765708 ÷ 80,000 = 1.434110; tce ÷ 80,000 = 0.844479
		assertThat(figure(json, "$.intensity_t_per_10k_cny_value_added")).isCloseTo(co2.divide(d("80000"), MC), within(d("0.000001")));
		assertThat(figure(json, "$.tce_per_10k_cny_value_added")).isCloseTo(tce.divide(d("80000"), MC), within(d("0.000001")));
		// per product: 67,558.302174 tce × 1000 ÷ 1,000,000 t = 67.558302 kgce/t, against the most lenient crude-steel class
		// (EAF 30–50 t: benchmark 67, baseline 86, limit 86 kgce/t, efficiency_benchmarks.csv): between benchmark and baseline
		assertThat(figure(json, "$.products[0].kgce_per_unit")).isCloseTo(d("67.558302"), within(d("0.000001")));
		assertThat((String) JsonPath.read(json, "$.efficiency.level_code")).isEqualTo("CRUDE_STEEL.EAF_30_50");
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'EFFICIENCY_LEVEL')].message_key"))
			.containsExactly("admission.reason.efficiency.between");
		// green power 20,000,000 ÷ 420,000,000 kWh = 0.047619
		assertThat(figure(json, "$.energy.green_power_share")).isEqualByComparingTo("0.047619");
		// Order 31: 67,558 tce ≥ 10,000 → the province; Sichuan's chapter reads fuel + process 49,040.77 < 100,000 → below
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'ORDER31_PROVINCE')].effect")).containsExactly("ROUTE_UP");
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'SICHUAN_CARBON_CHAPTER')].effect")).containsExactly("PASS");
		zone(json, "SHAWAN-STEEL", "4.03", co2, "400000", false);
		assertThat((String) JsonPath.read(json, "$.rules_version")).isEqualTo("leshan-2026.1");
		assertThat((Boolean) JsonPath.read(json, "$.two_high")).isTrue();
		// the banned list is empty in Leshan's rules: the process named is not assessed, never failed
		assertThat((List<String>) JsonPath.read(json, "$.not_assessed[*].rule")).contains("BANNED_PROCESS");
		// the verdict is the highest effect among the reasons: at least ROUTE_UP here
		List<String> effects = JsonPath.read(json, "$.reasons[*].effect");
		String verdict = JsonPath.read(json, "$.verdict");
		assertThat(verdict).isEqualTo(effects.contains("FAIL") ? "FAIL" : "ROUTE_UP");
		// the calculator's lines with their factor versions, for traceability
		assertThat((String) JsonPath.read(json, "$.lines[0].factors[0].code")).isEqualTo("GRID-SICHUAN-2023");
	}

	@Test
	void steelInShawanPassesItsCapAndFailsAboveIt() throws Exception {
		String lines = """
				{"type": "ELECTRICITY", "quantity": 420000, "unit": "MWh"},
				{"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 1200, "unit": "10^4 Nm3"},
				{"type": "PROCESS", "factorCode": "STEEL-GRAPHITE-ELECTRODE", "quantity": 1500, "unit": "t"},
				{"type": "CARBONATE", "factorCode": "STEEL-FLUX-LIMESTONE", "quantity": 40000, "unit": "t"}""";
		String product = "{\"code\": \"CRUDE_STEEL\", \"quantity\": 1000000, \"unit\": \"t\"}";
		BigDecimal co2 = power("420000").add(gas("1200")).add(d("5494.5")).add(d("17600"));
		// 114,728.765708 ÷ 400,000 = 0.286822 ≤ 4.03
		zone(json(project(SHAWAN, "SHAWAN-EDZ", "3120", "400000", product, lines)), "SHAWAN-STEEL", "4.03", co2, "400000", false);
		// 114,728.765708 ÷ 25,000 = 4.589151 > 4.03
		zone(json(project(SHAWAN, "SHAWAN-EDZ", "3120", "25000", product, lines)), "SHAWAN-STEEL", "4.03", co2, "25000", true);
	}

	@Test
	void cementInEmeishanPassesItsCapAndFailsAboveIt() throws Exception {
		String lines = """
				{"type": "CLINKER", "quantity": 1000000, "unit": "t"},
				{"type": "ELECTRICITY", "quantity": 60000, "unit": "MWh"}""";
		String product = "{\"code\": \"CLINKER\", \"quantity\": 1000000, \"unit\": \"t\"}";
		// 1,000,000 t × 0.535 (Portland default) + 60,000 MWh × 0.1564 = 535,000 + 9,384 = 544,384 t
		BigDecimal co2 = d("535000").add(power("60000"));
		// ÷ 60,000 = 9.073067 ≤ 15.98; ÷ 30,000 = 18.146133 > 15.98
		zone(json(project("511181", "EMEISHAN-EDZ", "3011", "60000", product, lines)), "EMEISHAN-CEMENT", "15.98", co2, "60000", false);
		zone(json(project("511181", "EMEISHAN-EDZ", "3011", "30000", product, lines)), "EMEISHAN-CEMENT", "15.98", co2, "30000", true);
	}

	@Test
	void causticSodaInWutongqiaoPassesItsCapAndFailsAboveIt() throws Exception {
		String lines = "{\"type\": \"ELECTRICITY\", \"quantity\": 2400000, \"unit\": \"MWh\"}";
		String product = "{\"code\": \"CAUSTIC_SODA\", \"quantity\": 1000000, \"unit\": \"t\"}";
		// 2,400,000 MWh × 0.1564 = 375,360 t; ÷ 300,000 = 1.2512 ≤ 1.43; ÷ 250,000 = 1.50144 > 1.43
		BigDecimal co2 = power("2400000");
		zone(json(project("511112", "WUTONGQIAO-BASE", "2612", "300000", product, lines)), "WUTONGQIAO-CHEM", "1.43", co2, "300000", false);
		zone(json(project("511112", "WUTONGQIAO-BASE", "2612", "250000", product, lines)), "WUTONGQIAO-CHEM", "1.43", co2, "250000", true);
	}

	@Test
	void ceramicsInJiajiangPassesItsCapAndFailsAboveIt() throws Exception {
		String lines = "{\"type\": \"FUEL\", \"factorCode\": \"NATURAL-GAS\", \"quantity\": 3000, \"unit\": \"10^4 Nm3\"}";
		String product = "{\"code\": \"CERAMIC_TILES\", \"quantity\": 10000000, \"unit\": \"m2\"}";
		// 3,000 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12 = 64,865.66427 t; ÷ 20,000 = 3.243283 ≤ 5.12; ÷ 12,000 = 5.405472 > 5.12
		BigDecimal co2 = gas("3000");
		zone(json(project("511126", "JIAJIANG-EDZ", "3071", "20000", product, lines)), "JIAJIANG-CERAMICS", "5.12", co2, "20000", false);
		zone(json(project("511126", "JIAJIANG-EDZ", "3071", "12000", product, lines)), "JIAJIANG-CERAMICS", "5.12", co2, "12000", true);
	}

	@Test
	void outsideAnyZoneHasNoCapAndAnotherIndustryInAZoneIsShownButNotJudgedByItsCap() throws Exception {
		String lines = "{\"type\": \"ELECTRICITY\", \"quantity\": 100000, \"unit\": \"MWh\"}";
		// the high-tech zone of Shizhong lies in no control zone: 100,000 MWh × 0.1564 = 15,640 t, intensity 15,640 ÷ 5,000 = 3.128
		String outside = json(project("511102", "LESHAN-HIGHTECH", "3985", "5000", "", lines));
		assertThat((Object) JsonPath.read(outside, "$.zone_cap")).isNull();
		assertThat((Object) JsonPath.read(outside, "$.zone_code")).isNull();
		assertThat(figure(outside, "$.intensity_t_per_10k_cny_output")).isEqualByComparingTo("3.128");
		assertThat((List<String>) JsonPath.read(outside, "$.reasons[?(@.rule == 'ZONE_CAP')]")).isEmpty();
		assertThat((Boolean) JsonPath.read(outside, "$.two_high")).isFalse();
		// no product stated: the efficiency levels are not assessed
		assertThat((List<String>) JsonPath.read(outside, "$.not_assessed[*].rule")).contains("EFFICIENCY_LEVEL");
		// without any park
		assertThat((Object) JsonPath.read(json(project("511124", null, "3985", "5000", "", lines)), "$.zone_cap")).isNull();
		// photovoltaic equipment in Shawan's steel zone: the plan writes the 4.03 cap for new steel enterprises
		// (zone-cap.applies-to=ZONE_SECTORS), so at 15,640 ÷ 3,000 = 5.213333 > 4.03 it is shown the cap, not judged by it
		String other = json(project(SHAWAN, "SHAWAN-EDZ", "3825", "3000", "", lines));
		assertThat((String) JsonPath.read(other, "$.zone_cap.zone_code")).isEqualTo("SHAWAN-STEEL");
		assertThat((Boolean) JsonPath.read(other, "$.zone_cap.industry_matches")).isFalse();
		assertThat((Boolean) JsonPath.read(other, "$.zone_cap.applies")).isFalse();
		assertThat((Boolean) JsonPath.read(other, "$.zone_cap.exceeds")).isFalse();
		assertThat((List<String>) JsonPath.read(other, "$.reasons[?(@.rule == 'ZONE_CAP')]")).isEmpty();
	}

	@Test
	void aRevampIsRoutedUpByItsIncrementOnly() throws Exception {
		// 100,000 MWh × 0.1564 = 15,640 t and 100,000,000 kWh × 0.0001229 = 12,290 tce; the existing plant used 4,000 tce:
		// the increment 8,290 tce stays below Order 31's 10,000 tce, whereas a NEW plant of the same lines goes to the province
		String lines = "{\"type\": \"ELECTRICITY\", \"quantity\": 100000, \"unit\": \"MWh\"}";
		String revamp = project("511124", null, "3985", "50000", "", lines).replace("\"kind\": \"NEW\"", "\"kind\": \"REVAMP\"")
			.replace("\"lines\"", "\"baseline\": {\"co2_t\": 5000, \"tce\": 4000, \"value_added_10k_cny\": 600}, \"lines\"");
		String json = json(revamp);
		assertThat(figure(json, "$.increment.tce")).isEqualByComparingTo("8290");
		assertThat(figure(json, "$.increment.co2_t")).isEqualByComparingTo("10640");
		assertThat(figure(json, "$.increment.value_added_10k_cny")).isEqualByComparingTo("400");
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'ORDER31_PROVINCE')].effect")).containsExactly("PASS");
		String fresh = json(project("511124", null, "3985", "50000", "", lines));
		assertThat((List<String>) JsonPath.read(fresh, "$.reasons[?(@.rule == 'ORDER31_PROVINCE')].effect")).containsExactly("ROUTE_UP");
	}

	@Test
	void usesTheCountyBudgetHeadroomAfterReservationsAndDrawsTheReserve() throws Exception {
		String officer = fixtures.cityOfficer();
		RequestPostProcessor office = basic(officer);
		int year = 2071;
		String version = new BudgetFixtures(mvc).publish(office, year, """
				{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0.04, "forecast_gdp_10k_cny": 10000000, "reserve_share": 0.05,
				 "pool_t": 100000, "source": "admission test inputs"}""").andReturn().getResponse().getContentAsString();
		BigDecimal budget = BudgetFixtures.budget(version, SHAWAN);
		BigDecimal reserve = figure(version, "$.reserve_t");
		BudgetHeadroom before = SystemActor.call("test", () -> budgets.countyHeadroom(SHAWAN, year)).orElseThrow();
		assertThat(before.budgetT().value()).isEqualByComparingTo(budget);
		// no month of 2071 is over: no emissions yet, the headroom is the budget
		assertThat(before.emissionsT()).isNull();
		assertThat(before.complete()).isFalse();
		assertThat(before.headroomT().value()).isEqualByComparingTo(budget);
		assertThat(before.reserveAvailableT().value()).isEqualByComparingTo(reserve);

		// an admitted project reserves 100,000 t from 2071; reserving it again replaces it (150,000 t); another from 2072 does not count in 2071
		String ref = "test-" + System.nanoTime();
		SystemActor.run("test", () -> budgets.reserveForProject(new ProjectReservation(ref, SHAWAN, "SHAWAN-EDZ", year, Tco2.of(d("100000")), "测试项目")));
		SystemActor.run("test", () -> budgets.reserveForProject(new ProjectReservation(ref, SHAWAN, "SHAWAN-EDZ", year, Tco2.of(d("150000")), "测试项目")));
		SystemActor.run("test", () -> budgets.reserveForProject(new ProjectReservation(ref + "-later", SHAWAN, null, year + 1, Tco2.of(d("7")), "later")));
		BigDecimal headroom = budget.subtract(d("150000"));
		BudgetHeadroom reserved = SystemActor.call("test", () -> budgets.countyHeadroom(SHAWAN, year)).orElseThrow();
		assertThat(reserved.reservedT().value()).isEqualByComparingTo("150000");
		assertThat(reserved.headroomT().value()).isEqualByComparingTo(headroom);
		assertThat(SystemActor.call("test", () -> budgets.countyHeadroom(SHAWAN, year + 1))).isEmpty();
		// the cockpit's county drill-down shows what is reserved for admitted projects in the year (not the one from 2072)
		String page = mvc.perform(get("/budget/" + year).param("holder", SHAWAN).with(fixtures.as(officer)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("为已准入项目预留", "测试项目", "id=\"reserved-total\">150,000<").doesNotContain(">later<");

		// the documented steel plant commissioned in 2071: u = 114,728.765708 ÷ headroom
		BigDecimal co2 = power("420000").add(gas("1200")).add(d("5494.5")).add(d("17600"));
		String json = json(EXAMPLE.replace("\"commissioning_year\": 2028", "\"commissioning_year\": " + year));
		assertThat(figure(json, "$.budget.headroom_t")).isEqualByComparingTo(headroom);
		assertThat(figure(json, "$.budget.reserved_t")).isEqualByComparingTo("150000");
		assertThat(figure(json, "$.budget.u")).isCloseTo(co2.divide(headroom, MC), within(d("0.000001")));
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'BUDGET_SHARE')].effect")).containsExactly("PASS");

		// reserve all but 100,000 t of the headroom: the project's 114,728.77 t draws the reserve (CONDITIONAL, a condition)
		BigDecimal leave = d("100000");
		SystemActor.run("test", () -> budgets.reserveForProject(new ProjectReservation(ref, SHAWAN, null, year, Tco2.of(budget.subtract(leave)), "测试项目")));
		String draws = json(EXAMPLE.replace("\"commissioning_year\": 2028", "\"commissioning_year\": " + year));
		assertThat(figure(draws, "$.budget.headroom_t")).isEqualByComparingTo(leave);
		assertThat((Boolean) JsonPath.read(draws, "$.budget.draws_reserve")).isTrue();
		assertThat((List<String>) JsonPath.read(draws, "$.reasons[?(@.rule == 'BUDGET_SHARE')].effect")).containsExactly("CONDITIONAL");
		assertThat((List<String>) JsonPath.read(draws, "$.conditions[*].rule")).contains("BUDGET_SHARE");

		// the whole headroom reserved, and a plant with ten times the electricity, 4,200,000 MWh × 0.1564 = 656,880 t
		// (+ 48,040.77 t of the other lines): above the reserve of 5 % × 5,760,000 = 288,000 t → FAIL
		SystemActor.run("test", () -> budgets.reserveForProject(new ProjectReservation(ref, SHAWAN, null, year, Tco2.of(budget), "测试项目")));
		assertThat(reserve).isEqualByComparingTo("288000");
		String fails = json(EXAMPLE.replace("\"commissioning_year\": 2028", "\"commissioning_year\": " + year)
			.replace("\"quantity\": 420000", "\"quantity\": 4200000"));
		assertThat(figure(fails, "$.budget.annual_co2_t")).isCloseTo(power("4200000").add(gas("1200")).add(d("23094.5")), within(d("0.000001")));
		assertThat((Boolean) JsonPath.read(fails, "$.budget.exceeds")).isTrue();
		assertThat((String) JsonPath.read(fails, "$.verdict")).isEqualTo("FAIL");

		// released: the headroom is the budget again
		SystemActor.run("test", () -> budgets.releaseProjectReservation(ref, "test over"));
		SystemActor.run("test", () -> budgets.releaseProjectReservation(ref + "-later", "test over"));
		assertThat(SystemActor.call("test", () -> budgets.countyHeadroom(SHAWAN, year)).orElseThrow().headroomT().value()).isEqualByComparingTo(budget);
	}

	@Test
	void aMissingBudgetIsNotAssessedNeverAFailure() throws Exception {
		// no county has a published budget for 2099
		String json = json(EXAMPLE.replace("\"commissioning_year\": 2028", "\"commissioning_year\": 2099"));
		assertThat((Object) JsonPath.read(json, "$.budget")).isNull();
		assertThat((List<String>) JsonPath.read(json, "$.not_assessed[?(@.rule == 'BUDGET_SHARE')].why_en"))
			.containsExactly("County 511111 has no published carbon budget for 2099");
		assertThat((List<String>) JsonPath.read(json, "$.reasons[?(@.rule == 'BUDGET_SHARE')]")).isEmpty();
		// m has no regional control in Leshan's rules: listed, not failed
		assertThat((List<String>) JsonPath.read(json, "$.not_assessed[*].rule")).contains("M_ENERGY", "M_CO2");
		// K: steelmaking's average from verified reports, when this database holds any; else not assessed
		var average = accounting.industryIntensity("3120");
		if (average.isEmpty()) {
			assertThat((List<String>) JsonPath.read(json, "$.not_assessed[*].rule")).contains("K_GRADE");
			assertThat((Object) JsonPath.read(json, "$.k_grade")).isNull();
		}
		else {
			BigDecimal k = figure(json, "$.intensity_t_per_10k_cny_output").divide(average.get().intensity().value(), MC);
			assertThat(figure(json, "$.k_grade.k")).isCloseTo(k, within(d("0.000001")));
		}
		assertThat(accounting.industryIntensity("0000")).isEmpty();
	}

	@Test
	void nAndTheCityPathReadTheInventorysLatestYear() throws Exception {
		if (accounting.latestInventoryTotals().isEmpty()) {
			// no year has GDP in this database yet: the office enters 2010 (a year no other test uses), GDP 20,000,000 万元,
			// other sectors 5,000,000 tce and 12,000,000 tCO2 (no verified reports in 2010, so these are the city's totals)
			String officer = fixtures.cityOfficer();
			for (String[] input : new String[][] { { "GDP", "20000000" }, { "OTHER_TCE", "5000000" }, { "OTHER_CO2_T", "12000000" } }) {
				mvc.perform(post("/api/v1/accounting/inventory/inputs").with(basic(officer)).contentType(MediaType.APPLICATION_JSON)
					.content("{\"year\": 2010, \"code\": \"" + input[0] + "\", \"value\": " + input[1] + ", \"sourceDocument\": \"admission test\"}"))
					.andExpect(status().isCreated());
			}
		}
		var totals = accounting.latestInventoryTotals().orElseThrow();
		String json = json(EXAMPLE);
		// n for energy: a = the city's control-scope tce, b = GDP, c = a ÷ b, d = 67,558.302174 tce, e = 80,000 万元
		// (for 2010 as entered above: ((5,067,558.302174 ÷ 20,080,000) − 0.25) ÷ 0.25 × 100 = 0.947377 %, LARGE)
		BigDecimal a = totals.controlTce().value();
		BigDecimal b = totals.gdp10kCny();
		BigDecimal dTce = d("67558.302174"); // 51,618 + 467,172 ÷ 29.3076, as the calculator stores it
		BigDecimal c = a.divide(b, MC);
		BigDecimal n = a.add(dTce).divide(b.add(d("80000")), MC).subtract(c).divide(c, MC).multiply(d("100"));
		assertThat(figure(json, "$.energy_impact.n_percent")).isCloseTo(n, within(d("0.000001")));
		assertThat(figure(json, "$.energy_impact.region_total")).isEqualByComparingTo(a);
		assertThat(figure(json, "$.energy_impact.region_gdp_10k_cny")).isEqualByComparingTo(b);
		assertThat((Integer) JsonPath.read(json, "$.energy_impact.inventory_year")).isEqualTo(totals.year());
		if (totals.year() == 2010) {
			assertThat(figure(json, "$.energy_impact.n_percent")).isEqualByComparingTo("0.947377");
			assertThat((String) JsonPath.read(json, "$.energy_impact.n_band")).isEqualTo("LARGE");
		}
		// the path starts at the inventory's CO2 and adds the project's 114,728.765708 t from 2028; no project is admitted yet
		BigDecimal co2 = power("420000").add(gas("1200")).add(d("5494.5")).add(d("17600"));
		assertThat((Integer) JsonPath.read(json, "$.city_path.inventory_year")).isEqualTo(totals.year());
		assertThat(figure(json, "$.city_path.points[0].without_t")).isEqualByComparingTo(totals.co2T().value());
		List<Object> y2028 = JsonPath.read(json, "$.city_path.points[?(@.year == 2028)].with_t");
		List<Object> y2027 = JsonPath.read(json, "$.city_path.points[?(@.year == 2027)].with_t");
		if (totals.year() < 2028) {
			assertThat(d(y2028.get(0))).isCloseTo(totals.co2T().value().add(co2), within(d("0.000001")));
			assertThat(d(y2027.get(0))).isEqualByComparingTo(totals.co2T().value());
		}
		assertThat((List<Object>) JsonPath.read(json, "$.city_path.points[*].year")).last().isEqualTo(2030);
	}

	void refused(String body, String field) throws Exception {
		preview(body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-input"))
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
	}

	@Test
	void refusesBadInputNamingTheBodyPath() throws Exception {
		refused(EXAMPLE.replace("\"factorCode\": \"NATURAL-GAS\"", "\"factorCode\": \"UNOBTAINIUM\""), "lines[1].factorCode");
		refused(EXAMPLE.replace("\"quantity\": 1200, \"unit\": \"10^4 Nm3\"", "\"quantity\": 1200, \"unit\": \"kWh\""), "lines[1].unit");
		refused(EXAMPLE.replace("\"unit\": \"t\", \"capacity\"", "\"unit\": \"m2\", \"capacity\""), "products[0].unit");
		refused(EXAMPLE.replace("\"CRUDE_STEEL\"", "\"GOLD\""), "products[0].code");
		refused(EXAMPLE.replace(", \"value_added_10k_cny\": 80000", ""), "value_added_10k_cny");
		refused(EXAMPLE.replace("\"county\": \"511111\"", "\"county\": \"511102\""), "park");
		refused(EXAMPLE.replace("\"park\": \"SHAWAN-EDZ\"", "\"park\": \"ATLANTIS\""), "park");
		refused(EXAMPLE.replace("\"industry\": \"3120\"", "\"industry\": \"9999\""), "industry");
		refused(EXAMPLE.replace("\"output_value_10k_cny\": 400000", "\"output_value_10k_cny\": 1e999999999"), "output_value_10k_cny");
		refused(EXAMPLE.replace("\"output_value_10k_cny\": 400000", "\"output_value_10k_cny\": 1e-999999999"), "output_value_10k_cny");
		refused(EXAMPLE.replace("\"quantity\": 420000", "\"quantity\": 1e999999999"), "lines[0].quantity");
		refused(EXAMPLE.replace("沙湾短流程电炉炼钢项目", "长".repeat(201)), "name");
		refused(EXAMPLE.replace("\"EAF-GE50\"", "\"" + "X".repeat(41) + "\""), "processes[0]");
		refused(EXAMPLE.replace("\"kind\": \"NEW\"", "\"kind\": \"REVAMP\""), "baseline");
		refused(EXAMPLE.replace("\"kind\": \"NEW\"", "\"kind\": \"DEMOLISH\""), "kind");
		refused(EXAMPLE.replace("\"commissioning_year\": 2028", "\"commissioning_year\": 2025"), "commissioning_year");
		refused(EXAMPLE.replace("\"year\": 2026", "\"year\": 1900"), "year");
		refused(EXAMPLE.replace("\"value_added_10k_cny\": 80000", "\"value_added_10k_cny\": 0"), "value_added_10k_cny");
		refused(EXAMPLE.replace("\"green_power_kwh\": 20000000", "\"green_power_kwh\": -1"), "green_power_kwh");
		// every error at once
		preview(EXAMPLE.replace(", \"value_added_10k_cny\": 80000", "").replace("\"county\": \"511111\"", "\"county\": \"511102\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("park")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("value_added_10k_cny")));
	}

	@Test
	void isForApplicantsAndOfficersOnly() throws Exception {
		var e = fixtures.enterprise(SHAWAN, "3120", null);
		preview(basic(fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), java.util.Set.of())), EXAMPLE).andExpect(status().isOk());
		preview(basic(fixtures.user(Role.VERIFIER, null, null, null, java.util.Set.of(e.id()))), EXAMPLE).andExpect(status().isForbidden());
		mvc.perform(post(URL).contentType(MediaType.APPLICATION_JSON).content(EXAMPLE)).andExpect(status().isUnauthorized());
	}
}
