package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.plan.IndicatorInformation;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.power.internal.PlantHours;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Green-power shares, targets, indicator 12's note and product footprints on 2021 reports of two polysilicon key
 * enterprises (industry 3985), Sichuan's 2021 grid factor 0.1255 tCO2/MWh, the clock in June 2022 (the note's year 2021):
 * <ul>
 * <li>A: 12 verified months of 1,000,000 kWh (12,000 MWh) and 100 t polysilicon each (1,200 t); January also burns 50 ×
 * 10^4 Nm3 of natural gas = 1,081.094405 tCO2 (50 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12); 3,000 MWh claimed from declared
 * GECs → 25 %.</li>
 * <li>B: 6 verified months of 500,000 kWh (3,000 MWh), 1,000 MWh claimed → 33.333333 %, provisional (never "met").</li>
 * <li>Industry 3985: 4,000 ÷ 15,000 = 26.666667 %, provisional (B incomplete). Target 20 %: A MET.</li>
 * <li>A's footprint, yearly factor: ((12,000 − 3,000) MWh × 0.1255 = 1,129.5 t + 1,081.094405 t) × 1,000 ÷ 1,200,000 kg =
 * 1.842162 kgCO2/kg; ECS: (12,000,000 kWh × 1,024 g = 12,288 t + 1,081.094405) × 1,000 ÷ 1,200,000 = 11.140912; hourly
 * (three metered hours of 4,000,000 kWh at 100, 150 and — (no intensity: 125.5) g/kWh = 1,502 t × (1 − 3,000/12,000) =
 * 1,126.5 t + 1,081.094405) × 1,000 ÷ 1,200,000 = 1.839662.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2022-06-01T04:00:00Z",
		"peakpilot.test.schema=pp_power_share" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PowerShareTests {

	@org.junit.jupiter.api.extension.RegisterExtension
	static final Browser browser = new Browser("chromedriver-power-share.log");

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<IndicatorInformation> information;

	@MockitoBean
	PlantHours plantHours;

	Fixtures f;
	RegistryModel.Enterprise a;
	RegistryModel.Enterprise b;
	RegistryModel.Enterprise c;
	String office;
	String county;
	String userA;
	String userB;
	String verifier;

	RegistryModel.Enterprise keyEnterprise(String countyCode) {
		return SystemActor.call("test", () -> registry.register(new RegistryModel.EnterpriseForm(Fixtures.uscc(countyCode),
				"测试多晶硅企业 " + System.nanoTime(), countyCode, "3985", null, true, new BigDecimal("500000"))));
	}

	@BeforeAll
	void reportsAndClaims() throws Exception {
		f = new Fixtures(registry, accounts);
		office = f.cityOfficer();
		county = f.countyOfficer(WUTONGQIAO);
		a = keyEnterprise(WUTONGQIAO);
		b = keyEnterprise(SHAWAN);
		c = keyEnterprise(SHAWAN);
		verifier = f.user(Role.VERIFIER, null, null, null, Set.of(a.id(), b.id(), c.id()));
		userA = f.user(Role.ENTERPRISE_USER, null, null, a.id(), Set.of());
		userB = f.user(Role.ENTERPRISE_USER, null, null, b.id(), Set.of());
		for (int m = 1; m <= 12; m++) {
			String gas = m == 1 ? ", {\"line\": {\"type\": \"FUEL\", \"factorCode\": \"NATURAL-GAS\", \"quantity\": 50, \"unit\": \"10^4 Nm3\"}}" : "";
			verified(a, m, "1000000", gas, "[{\"productCode\": \"POLYSILICON\", \"quantity\": 100}]");
		}
		for (int m = 1; m <= 6; m++) {
			verified(b, m, "500000", "", "[]");
		}
		claim(a, 3000, "A");
		claim(b, 1000, "B");
	}

	void verified(RegistryModel.Enterprise e, int month, String kwh, String moreLines, String products) throws Exception {
		mvc.perform(put("/api/v1/accounting/enterprises/" + e.id() + "/reports/2021/" + month).with(basic(office))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"outputValue10kCny": 1000, "lines": [{"line": {"type": "ELECTRICITY", "quantity": %s, "unit": "kWh"}}%s], "products": %s}
					""".formatted(kwh, moreLines, products)))
			.andExpect(status().isOk());
		long id = ((Number) JsonPath.read(mvc.perform(get("/api/v1/accounting/enterprises/" + e.id() + "/reports/2021/" + month)
			.with(basic(office))).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounting/reports/{id}/verify", id).with(basic(verifier))).andExpect(status().isOk());
	}

	/** A declared hydro lot of 2021-03 and a claim of it for 2021, as the claims ledger stores them. */
	void claim(RegistryModel.Enterprise e, long mwh, String tag) {
		String code = ("TESTLOT" + tag + e.id() + "00000000000000000000000000000").substring(0, 32);
		long lot = jdbc.sql("""
				INSERT INTO power_gec_lot (code, project_name, technology, production_month, mwh, holder_enterprise_id, status, expires_on,
				  declared_on, created_at, updated_at)
				VALUES (:c, '测试水电项目', 'HYDRO', DATE '2021-03-01', :m, :e, 'DECLARED', DATE '2023-03-31', DATE '2021-12-01', now(), now())
				RETURNING id""").param("c", code).param("m", mwh).param("e", e.id()).query(Long.class).single();
		long claim = jdbc.sql("""
				INSERT INTO power_green_claim (enterprise_id, year, month_from, month_to, mwh, actor, created_at)
				VALUES (:e, 2021, 1, 12, :m, 'test', now()) RETURNING id""").param("e", e.id()).param("m", mwh).query(Long.class).single();
		jdbc.sql("INSERT INTO power_green_claim_lot (lot_id, claim_id, mwh) VALUES (:l, :c, :m)").param("l", lot).param("c", claim).param("m", mwh).update();
	}

	@Test
	void sharesAgainstTheTargetWithIncompleteDataProvisional() throws Exception {
		// only the city's roles set a target
		String body = "{\"targetPct\": 20, \"note\": \"测试目标\"}";
		mvc.perform(put("/api/v1/power/share-targets/3985/2021").with(basic(county)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/power/share-targets/3985/2021").with(basic(userA)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/power/share-targets/3985/2021").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"targetPct\": 150}")).andExpect(status().isBadRequest()).andExpect(content().string(containsString("targetPct")));
		mvc.perform(put("/api/v1/power/share-targets/9999/2021").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("industryCode")));
		mvc.perform(put("/api/v1/power/share-targets/3985/2021").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk()).andExpect(jsonPath("$.targetPct").value(20)).andExpect(jsonPath("$.setBy").value(office));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'power.share-target.set' AND entity_id = '3985/2021'")
			.query(Long.class).single()).isEqualTo(1);

		String json = mvc.perform(get("/api/v1/power/shares").param("year", "2021").with(basic(office))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		Map<String, Object> ea = JsonPath.<List<Map<String, Object>>>read(json, "$.enterprises[?(@.enterpriseId == " + a.id() + ")]").get(0);
		assertThat(ea).containsEntry("verifiedMonths", 12).containsEntry("status", "MET");
		assertThat(new BigDecimal(ea.get("purchasedMwh").toString())).isEqualByComparingTo("12000");
		assertThat(new BigDecimal(ea.get("claimedMwh").toString())).isEqualByComparingTo("3000");
		assertThat(new BigDecimal(ea.get("sharePct").toString())).isEqualByComparingTo("25");
		Map<String, Object> eb = JsonPath.<List<Map<String, Object>>>read(json, "$.enterprises[?(@.enterpriseId == " + b.id() + ")]").get(0);
		assertThat(eb).containsEntry("verifiedMonths", 6).containsEntry("status", "PROVISIONAL");
		assertThat(new BigDecimal(eb.get("sharePct").toString())).isEqualByComparingTo("33.333333");
		Map<String, Object> ec = JsonPath.<List<Map<String, Object>>>read(json, "$.enterprises[?(@.enterpriseId == " + c.id() + ")]").get(0);
		assertThat(ec).containsEntry("status", "NO_DATA").containsEntry("verifiedMonths", 0);
		Map<String, Object> industry = JsonPath.<List<Map<String, Object>>>read(json, "$.industries[?(@.industryCode == '3985')]").get(0);
		assertThat(industry).containsEntry("status", "PROVISIONAL").containsEntry("completeEnterprises", 1).containsEntry("enterprises", 3);
		assertThat(new BigDecimal(industry.get("sharePct").toString())).isEqualByComparingTo("26.666667");

		// scope: the enterprise sees its own row only; the county officer its county's
		mvc.perform(get("/api/v1/power/shares").param("year", "2021").with(basic(userA))).andExpect(status().isOk())
			.andExpect(jsonPath("$.enterprises", hasSize(1))).andExpect(jsonPath("$.enterprises[0].enterpriseId").value(a.id()));
		mvc.perform(get("/api/v1/power/shares").param("year", "2021").with(basic(county))).andExpect(status().isOk())
			.andExpect(jsonPath("$.enterprises[?(@.enterpriseId == " + b.id() + ")]", hasSize(0)));
		mvc.perform(get("/api/v1/power/shares").param("year", "99999").with(basic(office))).andExpect(status().isBadRequest());

		// pages: the office's tables, the enterprise's own share beside location- and market-based emissions
		mvc.perform(get("/power/shares").param("year", "2021").with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"enterprise-" + a.id() + "\"")))
			.andExpect(content().string(containsString("target-form")));
		mvc.perform(get("/power/shares").param("year", "2021").with(f.as(userA))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"side-by-side\""))).andExpect(content().string(containsString("25.0%")))
			.andExpect(content().string(containsString("id=\"claims-not-in-reports\"")))
			.andExpect(content().string(not(containsString("target-form"))));
		mvc.perform(post("/power/shares/targets").param("industryCode", "3985").param("year", "2021").param("targetPct", "30")
			.with(f.as(county)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void indicatorTwelveCarriesTheKeyEnterprisesGreenShareAsEvidence() {
		// the grid's 2021 generation: one hour of 80 MWh hydro and 20 MWh coal, one of 50 MWh solar and 50 MWh gas → 130 ÷ 200 = 65 %
		for (Object[] g : new Object[][] { { "2021-05-01T04:00:00Z", "HYDRO", 80 }, { "2021-05-01T04:00:00Z", "COAL", 20 },
				{ "2021-12-31T15:00:00Z", "SOLAR", 50 }, { "2021-12-31T15:00:00Z", "GAS", 50 }, { "2021-12-31T16:00:00Z", "COAL", 1000 } }) {
			jdbc.sql("""
					INSERT INTO power_generation_hour (zone_code, hour_start, technology, mwh, synthetic, loaded_at, loaded_by)
					VALUES ('SICHUAN', :h, :t, :m, false, now(), 'test') ON CONFLICT DO NOTHING""")
				.param("h", java.sql.Timestamp.from(Instant.parse((String) g[0]))).param("t", g[1]).param("m", g[2]).update();
		}
		List<IndicatorInformation.Note> notes = SystemActor.call("test", () -> information.stream()
			.flatMap(i -> i.about("12", Locale.SIMPLIFIED_CHINESE).stream()).toList());
		assertThat(notes).singleElement().satisfies(n -> {
			assertThat(n.title()).contains("2021");
			assertThat(n.disclaimer()).isEqualTo("绿电数据，仅作为非化石能源消费占比的佐证，不是该指标的数值");
			assertThat(n.lines().get(0).value()).isEqualByComparingTo("4000");
			assertThat(n.lines().get(1).value()).isEqualByComparingTo("15000");
			assertThat(n.lines().get(2).label()).contains("暂定");
			assertThat(n.lines().get(2).value()).isEqualByComparingTo("26.666667");
			assertThat(n.lines().get(3).value()).isEqualByComparingTo("3");
			assertThat(n.lines().get(4).value()).isEqualByComparingTo("1");
			// 2022-01-01 00:00 Beijing (16:00 UTC) belongs to 2022 and is left out
			assertThat(n.lines().get(5).label()).contains("非化石").contains("SICHUAN");
			assertThat(n.lines().get(5).value()).isEqualByComparingTo("65");
		});
		assertThat(information.stream().flatMap(i -> i.about("1", Locale.SIMPLIFIED_CHINESE).stream())
			.filter(n -> n.title().contains("绿电"))).isEmpty();
	}

	@Test
	void footprintFromReportsAndMeteredHoursWithGecKwhAtZero() throws Exception {
		// without metered hours: the reports' kWh at the yearly factor
		String json = mvc.perform(post("/api/v1/power/footprints").with(basic(userA)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + a.id() + ", \"year\": 2021, \"product\": \"POLYSILICON\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		assertThat(new BigDecimal(JsonPath.read(json, "$.footprintYearly").toString())).isEqualByComparingTo("1.842162");
		assertThat(new BigDecimal(JsonPath.read(json, "$.footprintEcs").toString())).isEqualByComparingTo("11.140912");
		assertThat(json).doesNotContain("footprintHourly");
		assertThat((String) JsonPath.read(json, "$.electricitySource")).isEqualTo("REPORTS");
		assertThat(new BigDecimal(JsonPath.read(json, "$.scope1T").toString())).isEqualByComparingTo("1081.094405");
		assertThat(new BigDecimal(JsonPath.read(json, "$.outputQuantity").toString())).isEqualByComparingTo("1200000");
		assertThat((Boolean) JsonPath.read(json, "$.provisional")).isFalse();
		assertThat((String) JsonPath.read(json, "$.inputs")).contains("GRID-SICHUAN-2021").contains("TESTLOTA");
		long id = ((Number) JsonPath.read(json, "$.id")).longValue();

		// scope: another enterprise's footprint is not found, nor can it compute one for A
		mvc.perform(get("/api/v1/power/footprints/{id}", id).with(basic(userB))).andExpect(status().isNotFound());
		mvc.perform(get("/power/footprints").param("year", "2021").param("id", String.valueOf(id)).with(f.as(userB))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/power/footprints").with(basic(userB)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + a.id() + ", \"year\": 2021, \"product\": \"POLYSILICON\"}")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/power/footprints").param("year", "2021").with(basic(userB))).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")]", hasSize(0)));
		mvc.perform(get("/api/v1/power/footprints/{id}", id).with(basic(office))).andExpect(status().isOk());
		mvc.perform(get("/power/footprints").param("year", "2021").param("id", String.valueOf(id)).with(f.as(userA))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"no-hours\""))).andExpect(content().string(containsString("1,024")));

		// no verified report: refused; bad input: 400
		mvc.perform(post("/api/v1/power/footprints").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + c.id() + ", \"year\": 2021, \"product\": \"POLYSILICON\"}")).andExpect(status().isUnprocessableEntity());
		mvc.perform(post("/api/v1/power/footprints").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + a.id() + ", \"year\": 2021, \"product\": \"PV_MODULE\", \"outputQuantity\": 1e40, \"outputUnit\": \"W\"}"))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("outputQuantity")));
		mvc.perform(post("/api/v1/power/footprints").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + a.id() + ", \"year\": 2021, \"product\": \"PV_MODULE\"}"))
			.andExpect(status().isBadRequest()).andExpect(content().string(containsString("outputQuantity")));
		// B's 6 months: provisional; PV modules entered in MW: (3,000 − 1,000 GEC) MWh × 0.1255 = 251 t × 10^6 ÷ 10^6 W = 251 g/W
		mvc.perform(post("/api/v1/power/footprints").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + b.id() + ", \"year\": 2021, \"product\": \"PV_MODULE\", \"outputQuantity\": 1, \"outputUnit\": \"MW\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.provisional").value(true)).andExpect(jsonPath("$.footprintYearly").value(251))
			.andExpect(jsonPath("$.footprintUnit").value("gCO2/W"));

		// metered hours: three hours of 4,000,000 kWh at 100, 150 g/kWh and one without intensity (the yearly 125.5)
		Instant h0 = Instant.parse("2021-03-01T00:00:00Z");
		when(plantHours.hourlyKwh(eq(a.id()), any(), any())).thenReturn(Map.of(h0, new BigDecimal("4000000"), h0.plusSeconds(3600),
				new BigDecimal("4000000"), h0.plusSeconds(7200), new BigDecimal("4000000")));
		for (Object[] h : new Object[][] { { h0, 100 }, { h0.plusSeconds(3600), 150 } }) {
			jdbc.sql("""
					INSERT INTO power_intensity_hour (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at)
					VALUES ('SICHUAN', 'CONSUMPTION', :h, :g, 'MEASURED', false, now()) ON CONFLICT DO NOTHING""")
				.param("h", java.sql.Timestamp.from((Instant) h[0])).param("g", h[1]).update();
		}
		json = mvc.perform(post("/api/v1/power/footprints").with(basic(userA)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterpriseId\": " + a.id() + ", \"year\": 2021, \"product\": \"POLYSILICON\", \"outputQuantity\": 1200, \"outputUnit\": \"t\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.electricitySource")).isEqualTo("METERED_HOURS");
		assertThat((Integer) JsonPath.read(json, "$.hoursMetered")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(json, "$.hoursWithIntensity")).isEqualTo(2);
		assertThat(new BigDecimal(JsonPath.read(json, "$.electricityHourlyT").toString())).isEqualByComparingTo("1126.5");
		assertThat(new BigDecimal(JsonPath.read(json, "$.footprintHourly").toString())).isEqualByComparingTo("1.839662");
		assertThat(new BigDecimal(JsonPath.read(json, "$.footprintYearly").toString())).isEqualByComparingTo("1.842162");
		when(plantHours.hourlyKwh(anyLong(), any(), any())).thenReturn(Map.of());
	}

	/** The pages in a real browser: the office sets a target by the form, an enterprise computes its footprint by clicks. Screenshots: power-share-*.png. */
	@Test
	void pagesInTheBrowser() {
		browser.signIn(office);
		browser.open("/power/shares?year=2021");
		org.openqa.selenium.WebElement submit = browser.find(org.openqa.selenium.By.id("target-submit"));
		browser.find(org.openqa.selenium.By.id("targetPct")).sendKeys("22.5");
		submit.click();
		browser.waitUntil().until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(submit));
		assertThat(browser.find(org.openqa.selenium.By.id("target-3985")).getText()).contains("22.5%");
		assertThat(browser.find(org.openqa.selenium.By.id("enterprise-" + a.id())).getText()).contains("25.0%").contains("达标");
		assertThat(browser.find(org.openqa.selenium.By.id("enterprise-" + b.id())).getText()).contains("暂定");
		browser.screenshot("power-share-office-zh.png");
		browser.open("/power/shares?year=2021&lang=en");
		assertThat(browser.find(org.openqa.selenium.By.id("industry-3985")).getText()).contains("Provisional");
		browser.screenshot("power-share-office-en.png");
		browser.assertNoScriptErrors();

		browser.signIn(userA);
		browser.open("/power/shares?year=2021");
		assertThat(browser.find(org.openqa.selenium.By.id("my-share-pct")).getText()).isEqualTo("25.0%");
		browser.screenshot("power-share-enterprise-zh.png");
		browser.open("/power/footprints?year=2021");
		submit = browser.find(org.openqa.selenium.By.id("footprint-submit"));
		submit.click();
		browser.waitUntil().until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(submit));
		assertThat(browser.find(org.openqa.selenium.By.id("fp-yearly")).getText()).isEqualTo("1.842");
		assertThat(browser.find(org.openqa.selenium.By.id("ref-ecs")).getText()).contains("1,024");
		browser.screenshot("power-footprint-enterprise-zh.png");
		String url = browser.driver().getCurrentUrl();
		browser.open(url.substring(url.indexOf("/power/")).replace("#footprint", "") + "&lang=en");
		browser.screenshot("power-footprint-enterprise-en.png");
		browser.assertNoScriptErrors();
	}
}
