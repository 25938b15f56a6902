package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.JINGYAN;
import static org.peakpilot.Counties.MABIAN;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Counties.QIANWEI;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The monitoring pages and their APIs: the live view's numbers worked out by hand from the readings sent, scope
 * (an enterprise sees only itself, a county officer only the county), curves, completeness, the quarantine and
 * gateway forms, and meters by Excel all or nothing. Each test uses counties of its own, so that the numbers of
 * one test are not those of another.
 */
// Own context: the live view sums a county's and the city's readings, which other classes' readings would change
@SpringBootTest(properties = "peakpilot.test.schema=pp_monitoring_pages")
@AutoConfigureMockMvc
class MonitoringPagesTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** 0.1229 kgce/kWh (equal-calorific value) and Sichuan's grid 2023, 0.1564 tCO2/MWh: per kWh. */
	static final BigDecimal TCE_PER_KWH = new BigDecimal("0.0001229");
	static final BigDecimal CO2_PER_KWH = new BigDecimal("0.0001564");

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

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	/** An enterprise with its own user and a gateway's device token. */
	record Unit(RegistryModel.Enterprise e, String user, String token) {
	}

	Unit unit(String county, String industry) throws Exception {
		RegistryModel.Enterprise e = fixtures.enterprise(county, industry, null);
		String user = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/gateways").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.token");
		return new Unit(e, user, token);
	}

	long meter(Unit u, String code, int multiplier) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + u.e().id() + "/meters").with(basic(u.user()))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "%s", "name": "进线 %s", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL", "multiplier": %d,
					 "intervalMinutes": 15, "maxPerInterval": 50000}""".formatted(code, code, multiplier)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	void send(Unit u, String meter, OffsetDateTime ts, String value) throws Exception {
		String answer = mvc.perform(post("/api/v1/monitoring/readings").with(bearer(u.token())).contentType(MediaType.APPLICATION_JSON)
			.content("{\"readings\": [{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s}]}".formatted(meter, ts, value)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).as(answer).isEqualTo(1);
	}

	static RequestPostProcessor bearer(String token) {
		return r -> {
			r.addHeader("Authorization", "Bearer " + token);
			return r;
		};
	}

	static OffsetDateTime dayStart(LocalDate d) {
		return d.atStartOfDay(BEIJING).toOffsetDateTime();
	}

	/** The latest quarter-hour boundary not after now. */
	static OffsetDateTime lastQuarter() {
		long s = Instant.now().getEpochSecond();
		return OffsetDateTime.ofInstant(Instant.ofEpochSecond(s - s % 900), BEIJING);
	}

	static BigDecimal number(String json, String path) {
		Object v = JsonPath.read(json, path);
		return new BigDecimal((v instanceof List<?> l ? l.get(0) : v).toString());
	}

	@Test
	void liveViewSumsTheDayByCountyAndIndustryInTceAndCo2WithinTheCallersScope() throws Exception {
		LocalDate day = LocalDate.now(BEIJING).minusDays(2);
		Unit cement = unit(QIANWEI, "3011");
		Unit steel = unit(JINGYAN, "3110");
		long cementE01 = meter(cement, "E-01", 10);
		meter(cement, "E-02", 1);
		meter(steel, "E-01", 1);
		// cement: 100 + 150 (× 10) on E-01 and 40 on E-02 = 2,540 kWh; steel: 1,000 kWh
		send(cement, "E-01", dayStart(day).plusMinutes(15), "100");
		send(cement, "E-01", dayStart(day).plusMinutes(30), "150");
		send(cement, "E-02", dayStart(day).plusHours(12), "40");
		send(steel, "E-01", dayStart(day).plusMinutes(15), "1000");
		// a reading just now on cement's E-02 (quantity 0): online; E-01 last reported two days ago, on time: offline
		send(cement, "E-02", lastQuarter(), "0");
		jdbc.sql("UPDATE monitoring_reading SET received_at = ts WHERE meter_id = :m").param("m", cementE01).update();
		rollups.rollUpPending();
		insertAlarm(cement.e(), "COUNTER_JUMP");
		insertAlarm(steel.e(), "OFFLINE");

		BigDecimal cementKwh = new BigDecimal("2540");
		BigDecimal steelKwh = new BigDecimal("1000");
		String county = fixtures.countyOfficer(QIANWEI);
		String live = mvc.perform(get("/api/v1/monitoring/live").param("date", day.toString()).with(basic(county)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(number(live, "$.tce")).isEqualByComparingTo(cementKwh.multiply(TCE_PER_KWH));
		assertThat(number(live, "$.co2T")).isEqualByComparingTo(cementKwh.multiply(CO2_PER_KWH));
		assertThat(JsonPath.<List<String>>read(live, "$.byCounty[*].key")).containsExactly(QIANWEI);
		assertThat(JsonPath.<List<String>>read(live, "$.byIndustry[*].key")).containsExactly("3011");
		assertThat(JsonPath.<List<Integer>>read(live, "$.top[*].enterpriseId")).containsExactly((int) cement.e().id());
		assertThat((Integer) JsonPath.read(live, "$.metersOnline")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(live, "$.metersOffline")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(live, "$.openAlarms")).isEqualTo(1);
		assertThat(JsonPath.<List<String>>read(live, "$.latestAlarms[*].kind")).containsExactly("COUNTER_JUMP");
		assertThat(JsonPath.<List<String>>read(live, "$.conversions[0].factors[*].code")).contains("GRID-SICHUAN-2023");

		// the city sees both counties; the steel county's figures are its own
		String city = mvc.perform(get("/api/v1/monitoring/live").param("date", day.toString()).with(basic(fixtures.cityOfficer())))
			.andReturn().getResponse().getContentAsString();
		assertThat(number(city, "$.byCounty[?(@.key == '511124')].tce")).isEqualByComparingTo(steelKwh.multiply(TCE_PER_KWH));
		assertThat(number(city, "$.byCounty[?(@.key == '511124')].co2T")).isEqualByComparingTo(steelKwh.multiply(CO2_PER_KWH));
		assertThat(number(city, "$.byIndustry[?(@.key == '3110')].tce")).isEqualByComparingTo(steelKwh.multiply(TCE_PER_KWH));
		List<Integer> top = JsonPath.read(city, "$.top[*].enterpriseId");
		assertThat(top.indexOf((int) cement.e().id())).isLessThan(top.indexOf((int) steel.e().id()));

		// the page: the county officer's numbers, the charts' data, and the htmx panel that refreshes itself
		mvc.perform(get("/monitoring/live").param("date", day.toString()).with(fixtures.as(county)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"total-tce\" title=\"" + cementKwh.multiply(TCE_PER_KWH).stripTrailingZeros().toPlainString()
				+ "\">" + new org.peakpilot.platform.PageFormat().tce(cementKwh.multiply(TCE_PER_KWH)))))
			.andExpect(content().string(containsString("犍为县")))
			.andExpect(content().string(not(containsString("井研县"))))
			.andExpect(content().string(containsString(cement.e().name())))
			.andExpect(content().string(not(containsString(steel.e().name()))));
		mvc.perform(get("/monitoring/live").with(fixtures.as(county)))
			.andExpect(content().string(containsString("hx-trigger=\"every 10s\"")));
		mvc.perform(get("/monitoring/live/panel").param("date", day.toString()).with(fixtures.as(county)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"live-panel\"")))
			.andExpect(content().string(not(containsString("<html"))));
		// an enterprise user goes to the enterprise's own page; a device reads nothing
		mvc.perform(get("/monitoring").with(fixtures.as(cement.user()))).andExpect(redirectedUrl("/monitoring/enterprises/" + cement.e().id()));
		mvc.perform(get("/monitoring/live").with(fixtures.as(cement.user()))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/monitoring/live").with(bearer(cement.token()))).andExpect(status().isForbidden());
	}

	@Test
	void aParkManagerSeesOnlyThePark() throws Exception {
		LocalDate day = LocalDate.now(BEIJING).minusDays(4);
		long park = fixtures.parkId("WUTONGQIAO-BASE");
		RegistryModel.Enterprise inPark = fixtures.enterprise(WUTONGQIAO, "2612", park);
		String inParkUser = fixtures.user(Role.ENTERPRISE_USER, null, null, inPark.id(), Set.of());
		String token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + inPark.id() + "/gateways").with(basic(inParkUser))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"gw\"}")).andReturn().getResponse().getContentAsString(), "$.token");
		Unit parkUnit = new Unit(inPark, inParkUser, token);
		Unit outside = unit(WUTONGQIAO, "2612");
		meter(parkUnit, "E-01", 1);
		meter(outside, "E-01", 1);
		send(parkUnit, "E-01", dayStart(day).plusMinutes(15), "800");
		send(outside, "E-01", dayStart(day).plusMinutes(15), "300");
		rollups.rollUpPending();
		String manager = fixtures.user(Role.PARK_MANAGER, null, park, null, Set.of());
		String live = mvc.perform(get("/api/v1/monitoring/live").param("date", day.toString()).with(basic(manager)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(number(live, "$.tce")).isEqualByComparingTo(new BigDecimal("800").multiply(TCE_PER_KWH));
		assertThat(JsonPath.<List<Integer>>read(live, "$.top[*].enterpriseId")).containsExactly((int) inPark.id());
		mvc.perform(get("/monitoring/enterprises/" + outside.e().id()).with(fixtures.as(manager))).andExpect(status().isNotFound());
		mvc.perform(get("/monitoring/enterprises/" + inPark.id()).with(fixtures.as(manager))).andExpect(status().isOk());
		// the county officer sees both: 1,100 kWh
		String county = mvc.perform(get("/api/v1/monitoring/live").param("date", day.toString()).with(basic(fixtures.countyOfficer(WUTONGQIAO))))
			.andReturn().getResponse().getContentAsString();
		assertThat(number(county, "$.tce")).isEqualByComparingTo(new BigDecimal("1100").multiply(TCE_PER_KWH));
	}

	private void insertAlarm(RegistryModel.Enterprise e, String kind) {
		jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, kind, period_ts, detail, raised_at)
				VALUES (:e, :county, NULL, :industry, :kind, now(), 'test alarm', now())
				""").param("e", e.id()).param("county", e.countyCode()).param("industry", e.industryCode()).param("kind", kind).update();
	}

	@Test
	void anEnterpriseSeesItsCurvesCompletenessAndMonthButNeverAnothers() throws Exception {
		LocalDate day = LocalDate.now(BEIJING).minusDays(1);
		Unit a = unit(EMEISHAN, "3011");
		Unit b = unit(SHAWAN, "3011");
		long meterA = meter(a, "E-01", 1);
		long meterB = meter(b, "E-01", 1);
		send(a, "E-01", dayStart(day).plusMinutes(15), "1000");
		send(a, "E-01", dayStart(day).plusMinutes(30), "500");
		send(b, "E-01", dayStart(day).plusMinutes(15), "7");
		rollups.rollUpPending();

		// a day by quarter-hours: 00:00–00:15 holds 1,000 kWh, 00:15–00:30 500 kWh
		String dayCurve = mvc.perform(get("/api/v1/monitoring/enterprises/" + a.e().id() + "/series").param("range", "DAY")
			.param("date", day.toString()).with(basic(a.user()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(dayCurve, "$.grain")).isEqualTo("QUARTER");
		assertThat(JsonPath.<List<Object>>read(dayCurve, "$.periods")).hasSize(96);
		assertThat(number(dayCurve, "$.lines[0].points[0].quantity")).isEqualByComparingTo("1000");
		assertThat(number(dayCurve, "$.lines[0].points[1].quantity")).isEqualByComparingTo("500");
		assertThat(number(dayCurve, "$.totals[0].tce")).isEqualByComparingTo(new BigDecimal("1000").multiply(TCE_PER_KWH));
		assertThat(number(dayCurve, "$.totals[1].co2T")).isEqualByComparingTo(new BigDecimal("500").multiply(CO2_PER_KWH));
		// a year by months: the month holds 1,500 kWh
		String yearCurve = mvc.perform(get("/api/v1/monitoring/enterprises/" + a.e().id() + "/series").param("range", "YEAR")
			.param("date", day.toString()).with(basic(a.user()))).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(yearCurve, "$.grain")).isEqualTo("MONTH");
		assertThat(JsonPath.<List<Object>>read(yearCurve, "$.periods")).hasSize(12);
		assertThat(number(yearCurve, "$.lines[0].points[0].quantity")).isEqualByComparingTo("1500");
		// completeness: 2 of the 96 quarter-hours of that day
		String completeness = mvc.perform(get("/api/v1/monitoring/enterprises/" + a.e().id() + "/completeness").param("days", "3")
			.with(basic(a.user()))).andReturn().getResponse().getContentAsString();
		assertThat(number(completeness, "$[0].days[?(@.day == '%s')].received".formatted(day))).isEqualByComparingTo("2");
		assertThat(number(completeness, "$[0].days[?(@.day == '%s')].expected".formatted(day))).isEqualByComparingTo("96");

		// pages of one's own enterprise render
		mvc.perform(get("/monitoring/enterprises/" + a.e().id()).with(fixtures.as(a.user()))).andExpect(status().isOk())
			.andExpect(content().string(containsString("class=\"meter-row\"")))
			.andExpect(content().string(containsString("id=\"completeness\"")));
		mvc.perform(get("/monitoring/enterprises/" + a.e().id() + "/curve").param("range", "WEEK").param("date", day.toString())
			.with(fixtures.as(a.user()))).andExpect(status().isOk()).andExpect(content().string(containsString("GRID-SICHUAN-2023")));
		mvc.perform(get("/monitoring/meters/" + meterA + "/curve").param("range", "MONTH").with(fixtures.as(a.user()))).andExpect(status().isOk());
		mvc.perform(get("/monitoring/meters/" + meterA).with(fixtures.as(a.user()))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"backfill-form\"")));

		// B's user: nothing of A, by API or page
		for (String path : List.of("/api/v1/monitoring/enterprises/%d/series", "/api/v1/monitoring/enterprises/%d/meter-states",
				"/api/v1/monitoring/enterprises/%d/completeness")) {
			mvc.perform(get(path.formatted(a.e().id())).with(basic(b.user()))).andExpect(status().isNotFound());
		}
		mvc.perform(get("/api/v1/monitoring/meters/" + meterA + "/curve").with(basic(b.user()))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/monitoring/month-to-date").param("enterpriseId", String.valueOf(a.e().id())).with(basic(b.user())))
			.andExpect(status().isNotFound());
		String months = mvc.perform(get("/api/v1/monitoring/month-to-date").with(basic(b.user()))).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(months, "$[*].enterpriseId")).doesNotContain((int) a.e().id());
		for (String page : List.of("/monitoring/enterprises/" + a.e().id(), "/monitoring/enterprises/" + a.e().id() + "/curve",
				"/monitoring/meters/" + meterA, "/monitoring/meters/" + meterA + "/curve", "/monitoring/enterprises/" + a.e().id() + "/meters/new")) {
			mvc.perform(get(page).with(fixtures.as(b.user()))).andExpect(status().isNotFound());
		}
		mvc.perform(get("/monitoring/enterprises/" + a.e().id() + "/daily-energy.xlsx").with(fixtures.as(b.user()))).andExpect(status().isNotFound());
		// a county officer of A's county sees A, not B
		String officer = fixtures.countyOfficer(EMEISHAN);
		mvc.perform(get("/monitoring/enterprises/" + a.e().id()).with(fixtures.as(officer))).andExpect(status().isOk());
		mvc.perform(get("/monitoring/enterprises/" + b.e().id()).with(fixtures.as(officer))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/monitoring/meters/" + meterB + "/curve").with(basic(officer))).andExpect(status().isNotFound());

		// the daily energy export holds the day's 1,500 kWh
		byte[] xlsx = mvc.perform(get("/monitoring/enterprises/" + a.e().id() + "/daily-energy.xlsx").param("date", day.toString())
			.with(fixtures.as(a.user()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Row row = wb.getSheetAt(0).getRow(2);
			assertThat(row.getCell(0).getStringCellValue()).isEqualTo(day.toString());
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo("ELECTRICITY");
			assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(1500.0);
		}
	}

	@Test
	void quarantinedReadingsAreReplayedOrDiscardedAndGatewaysCreatedAndRevokedOnTheEnterprisePage() throws Exception {
		Unit a = unit(MUCHUAN, "3011");
		Unit b = unit(EBIAN, "3011");
		meter(a, "E-01", 1);
		OffsetDateTime day = dayStart(LocalDate.now(BEIJING).minusDays(3));
		mvc.perform(post("/api/v1/monitoring/readings").with(bearer(a.token())).contentType(MediaType.APPLICATION_JSON)
			.content("{\"readings\": [{\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": -5}, {\"meter\": \"E-01\", \"ts\": \"%s\", \"value\": -6}]}"
				.formatted(day.plusMinutes(15), day.plusMinutes(30))))
			.andExpect(jsonPath("$.quarantined").value(2));
		List<Integer> ids = JsonPath.read(mvc.perform(get("/api/v1/monitoring/quarantine").with(basic(a.user()))).andReturn().getResponse()
			.getContentAsString(), "$[*].id");
		long second = ids.get(0);
		long first = ids.get(1);
		mvc.perform(get("/monitoring/enterprises/" + a.e().id()).with(fixtures.as(a.user())))
			.andExpect(content().string(containsString("class=\"quarantine-row\"")));
		// another enterprise can neither replay nor discard it
		mvc.perform(post("/monitoring/quarantine/" + first + "/discard").param("comment", "x").with(fixtures.as(b.user())).with(csrf()))
			.andExpect(status().isNotFound());
		// replay without a comment: refused, stays open; with a corrected value and a comment: stored
		mvc.perform(post("/monitoring/quarantine/" + first + "/replay").param("value", "5").with(fixtures.as(a.user())).with(csrf()))
			.andExpect(redirectedUrl("/monitoring/enterprises/" + a.e().id() + "#quarantine")).andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/monitoring/quarantine/" + first + "/replay").param("value", "5").param("comment", "符号错误，已更正")
			.with(fixtures.as(a.user())).with(csrf())).andExpect(flash().attribute("done", "replayed"));
		assertThat(jdbc.sql("SELECT value FROM monitoring_reading r JOIN monitoring_meter m ON m.id = r.meter_id WHERE m.enterprise_id = :e")
			.param("e", a.e().id()).query(BigDecimal.class).single()).isEqualByComparingTo("5");
		mvc.perform(post("/monitoring/quarantine/" + second + "/discard").param("comment", "重复发送").with(fixtures.as(a.user())).with(csrf()))
			.andExpect(flash().attribute("done", "discarded"));
		mvc.perform(get("/api/v1/monitoring/quarantine/" + second).with(basic(a.user()))).andExpect(jsonPath("$.status").value("DISCARDED"));

		// a gateway made on the page shows its token once; revoked on the page, it stops working
		String token = ((org.peakpilot.monitoring.CreatedGateway) mvc.perform(post("/monitoring/enterprises/" + a.e().id() + "/gateways")
			.param("name", "2# 网关").with(fixtures.as(a.user())).with(csrf())).andExpect(flash().attributeExists("created"))
			.andReturn().getFlashMap().get("created")).token();
		assertThat(token).startsWith("ppd_");
		long gateway = ((Number) JsonPath.read(mvc.perform(get("/api/v1/monitoring/enterprises/" + a.e().id() + "/gateways").with(basic(a.user())))
			.andReturn().getResponse().getContentAsString(), "$[1].id")).longValue();
		mvc.perform(post("/monitoring/enterprises/" + b.e().id() + "/gateways/" + gateway + "/revoke").with(fixtures.as(b.user())).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/monitoring/enterprises/" + a.e().id() + "/gateways/" + gateway + "/revoke").with(fixtures.as(a.user())).with(csrf()))
			.andExpect(flash().attribute("done", "revoked"));
		mvc.perform(post("/api/v1/monitoring/readings").with(bearer(token)).contentType(MediaType.APPLICATION_JSON).content("{\"readings\": []}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void theMeterFormRegistersAMeterAndShowsWhatIsWrong() throws Exception {
		Unit a = unit(MABIAN, "3011");
		mvc.perform(post("/monitoring/enterprises/" + a.e().id() + "/meters").with(fixtures.as(a.user())).with(csrf())
			.param("code", "E-9").param("name", "9# 进线").param("energyCode", "ELECTRICITY").param("unit", "kWh").param("kind", "COUNTER")
			.param("multiplier", "abc").param("intervalMinutes", "15").param("maxPerInterval", "5000"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("multiplier: &#39;abc&#39; is not a number")));
		mvc.perform(post("/monitoring/enterprises/" + a.e().id() + "/meters").with(fixtures.as(a.user())).with(csrf())
			.param("code", "E-9").param("name", "9# 进线").param("energyCode", "ELECTRICITY").param("unit", "kWh").param("kind", "COUNTER")
			.param("multiplier", "80").param("intervalMinutes", "15").param("maxPerInterval", "5000").param("counterMax", "99999999"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT multiplier FROM monitoring_meter WHERE enterprise_id = :e AND code = 'E-9'").param("e", a.e().id())
			.query(BigDecimal.class).single()).isEqualByComparingTo("80");
	}

	@Test
	void metersComeInByExcelAllOrNothingWithEveryErrorByRowAndColumn() throws Exception {
		Unit a = unit(JIAJIANG, "3011");
		Unit b = unit(SHIZHONG, "3011");
		meter(a, "E-EXISTING", 1);
		byte[] template = mvc.perform(get("/api/v1/monitoring/meters/template.xlsx").with(basic(a.user()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			assertThat(wb.getNumberOfSheets()).isEqualTo(1);
			Row header = wb.getSheetAt(0).getRow(0);
			assertThat(header.getCell(0).getStringCellValue()).isEqualTo("表计编号 Meter code");
			assertThat(header.getCell(7).getStringCellValue()).isEqualTo("采集间隔分钟 Interval minutes");
			List<String> allowed = new java.util.ArrayList<>();
			for (Row r : wb.getSheetAt(0)) {
				if (r.getCell(12) != null) {
					allowed.add(r.getCell(12).getStringCellValue());
				}
			}
			assertThat(allowed).contains("ELECTRICITY", "HEAT", "NATURAL-GAS");
		}

		byte[] bad = workbook(template, new Object[][] {
				{ "E-10", "10# 进线", "", "ELECTRICITY", "kWh", "COUNTER", 1200, 15, "", 20000, 99999999 },
				{ "E-11", "11# 进线", "", "UNOBTAINIUM", "kWh", "INTERVAL", "abc", 7, "", 100, "" },
				{ "E-10", "重复", "", "ELECTRICITY", "kWh", "SOMETIMES", 1, 15, "", 100, "" },
				{ "E-EXISTING", "已有", "", "ELECTRICITY", "kWh", "INTERVAL", 1, 15, "", 100, "" } });
		String errors = mvc.perform(multipart("/api/v1/monitoring/enterprises/" + a.e().id() + "/meters/import")
			.file(new MockMultipartFile("file", "meters.xlsx", "application/octet-stream", bad)).with(basic(a.user())))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		List<Integer> rows = JsonPath.read(errors, "$.errors[*].row");
		List<String> fields = JsonPath.read(errors, "$.errors[*].field");
		assertThat(rows).containsExactlyInAnyOrder(3, 3, 3, 4, 4, 5);
		assertThat(fields).containsExactlyInAnyOrder("G (倍率 Multiplier)", "H (采集间隔分钟 Interval minutes)", "D (能源代码 Energy code)",
				"F (类型 Kind)", "A (表计编号 Meter code)", "A (表计编号 Meter code)");
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_meter WHERE enterprise_id = :e").param("e", a.e().id()).query(Long.class).single())
			.isEqualTo(1);
		// a file with only the unknown energy code: that error alone, at its row and column
		byte[] unknownEnergy = workbook(template, new Object[][] { { "E-11", "11# 进线", "", "UNOBTAINIUM", "kWh", "INTERVAL", 1, 15, "", 100, "" } });
		mvc.perform(multipart("/api/v1/monitoring/enterprises/" + a.e().id() + "/meters/import")
			.file(new MockMultipartFile("file", "meters.xlsx", "application/octet-stream", unknownEnergy)).with(basic(a.user())))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("D (能源代码 Energy code)"));
		// the page shows the same errors, row by row
		mvc.perform(multipart("/monitoring/enterprises/" + a.e().id() + "/meters/import")
			.file(new MockMultipartFile("file", "meters.xlsx", "application/octet-stream", bad)).with(fixtures.as(a.user())).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"import-errors\"")))
			.andExpect(content().string(containsString("H (采集间隔分钟 Interval minutes)")));

		byte[] good = workbook(template, new Object[][] {
				{ "E-10", "10# 进线", "熟料线", "ELECTRICITY", "kWh", "COUNTER", 1200, 15, "CLINKER", 20000, 99999999 },
				{ "G-01", "天然气总表", "", "NATURAL-GAS", "Nm3", "interval", "", 60, "", 5000, "" } });
		// another enterprise's user cannot import into this one
		mvc.perform(multipart("/api/v1/monitoring/enterprises/" + a.e().id() + "/meters/import")
			.file(new MockMultipartFile("file", "meters.xlsx", "application/octet-stream", good)).with(basic(b.user())))
			.andExpect(status().isNotFound());
		mvc.perform(multipart("/api/v1/monitoring/enterprises/" + a.e().id() + "/meters/import")
			.file(new MockMultipartFile("file", "meters.xlsx", "application/octet-stream", good)).with(basic(a.user())))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.registered[0].code").value("E-10"))
			.andExpect(jsonPath("$.registered[0].multiplier").value(1200)).andExpect(jsonPath("$.registered[1].kind").value("INTERVAL"))
			.andExpect(jsonPath("$.registered[1].intervalMinutes").value(60));
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_meter WHERE enterprise_id = :e").param("e", a.e().id()).query(Long.class).single())
			.isEqualTo(3);
	}

	/** The template with these rows filled in below the header (columns A to K). */
	static byte[] workbook(byte[] template, Object[][] rows) throws Exception {
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(template)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.getSheetAt(0);
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.getRow(r + 1) == null ? sheet.createRow(r + 1) : sheet.getRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					Object v = rows[r][c];
					if (v instanceof Number n) {
						row.createCell(c).setCellValue(n.doubleValue());
					}
					else if (!"".equals(v)) {
						row.createCell(c).setCellValue(v.toString());
					}
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	static OffsetDateTime utc(Instant i) {
		return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
	}
}
