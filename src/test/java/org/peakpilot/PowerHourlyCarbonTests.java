package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.power.internal.DirtyWindowAlerts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.MABIAN;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An enterprise's carbon by hour, its green windows and dirty-window alerts (issue 15), with intensities written
 * straight into power_intensity_hour and readings sent over the monitoring API: the hourly figure worked by hand
 * beside the yearly factor, incomplete hours flagged, the windows' saving by the formula, alert idempotence, scope
 * and bad input. The clock stands at 2026-12-06 12:00 Beijing time.
 */
// Own context: its own clock (Beijing 2026-12-06 12:00) and intensities of its own; the alert job does not run by itself
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.schema=pp_power_map",
		"peakpilot.test.clock=2026-12-06T04:00:00Z", "peakpilot.power.dirty-window-alerts.scheduled=false" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class PowerHourlyCarbonTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RollupJob rollups;

	@Autowired
	DirtyWindowAlerts alerts;

	/** A consumption intensity of a zone in a Beijing hour ("2026-11-10T08:00"). */
	void intensity(String zone, String beijingHour, String gPerKwh, String source) {
		OffsetDateTime h = OffsetDateTime.parse(beijingHour + ":00+08:00").withOffsetSameInstant(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO power_intensity_hour (zone_code, basis, hour_start, g_per_kwh, source, synthetic, computed_at)
				VALUES (:z, 'CONSUMPTION', :h, :g, :s, false, now())
				ON CONFLICT (zone_code, basis, hour_start) DO UPDATE SET g_per_kwh = excluded.g_per_kwh, source = excluded.source""")
			.param("z", zone).param("h", h).param("g", new BigDecimal(gPerKwh)).param("s", source).update();
	}

	/** December's grid profile: one day of 2025-12-01 with CI_h = 100 + 10 h. */
	@BeforeEach
	void decemberProfile() {
		for (int h = 0; h < 24; h++) {
			intensity("SICHUAN", "2025-12-01T" + (h < 10 ? "0" : "") + h + ":00", String.valueOf(100 + 10 * h), h == 3 ? "MODELLED" : "MEASURED");
		}
	}

	/**
	 * A small enterprise in Shawan, 15-min interval meter, 2026-11-10 08:00–13:00 Beijing:
	 * 08h 4×25 = 100 kWh at the grid's 100 g; 09h 4×50 = 200 kWh at the county's own 80 g (the grid's 150.5 not used);
	 * 10h 2×30 = 60 kWh (incomplete) at 200 g; 11h 4×10 = 40 kWh without intensity; 12h no reading (grid 120 g).
	 */
	MeteredEnterprise smallEnterprise() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, SHAWAN);
		e.intervalMeter("E-1", "ELECTRICITY", "kWh", 15, 10_000, null);
		e.send("E-1,2026-11-10T08:15:00+08:00,25", "E-1,2026-11-10T08:30:00+08:00,25", "E-1,2026-11-10T08:45:00+08:00,25",
				"E-1,2026-11-10T09:00:00+08:00,25",
				"E-1,2026-11-10T09:15:00+08:00,50", "E-1,2026-11-10T09:30:00+08:00,50", "E-1,2026-11-10T09:45:00+08:00,50",
				"E-1,2026-11-10T10:00:00+08:00,50",
				"E-1,2026-11-10T10:15:00+08:00,30", "E-1,2026-11-10T10:30:00+08:00,30",
				"E-1,2026-11-10T11:15:00+08:00,10", "E-1,2026-11-10T11:30:00+08:00,10", "E-1,2026-11-10T11:45:00+08:00,10",
				"E-1,2026-11-10T12:00:00+08:00,10");
		rollups.rollUpPending();
		intensity("SICHUAN", "2026-11-10T08:00", "100", "MEASURED");
		intensity("SICHUAN", "2026-11-10T09:00", "150.5", "MEASURED");
		intensity(SHAWAN, "2026-11-10T09:00", "80", "MEASURED");
		intensity("SICHUAN", "2026-11-10T10:00", "200", "MODELLED");
		intensity("SICHUAN", "2026-11-10T12:00", "120", "MEASURED");
		return e;
	}

	@Test
	void hourlyCarbonIsKwhTimesTheHoursIntensityBesideTheYearlyFactorAndFlagsIncompleteHours() throws Exception {
		MeteredEnterprise e = smallEnterprise();
		String json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/hourly-carbon")
			.param("from", "2026-11-10T08:00:00+08:00").param("to", "2026-11-10T13:00:00+08:00").with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// 100 × 100 + 200 × 80 + 60 × 200 = 38,000 g = 0.038 t
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.hourlyT").toString())).isEqualByComparingTo("0.038");
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.kwh").toString())).isEqualByComparingTo("400");
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.kwhMatched").toString())).isEqualByComparingTo("360");
		// the yearly factor of 2026 in accounting's library: Sichuan's latest published, 2023, 0.1564 tCO2/MWh
		assertThat((String) JsonPath.read(json, "$.factors[0].code")).isEqualTo("GRID-SICHUAN-2023");
		assertThat(new BigDecimal(JsonPath.read(json, "$.factors[0].tPerMwh").toString())).isEqualByComparingTo("0.1564");
		// 400 kWh × 0.1564 kg/kWh = 62.56 kg; the same 360 kWh: 56.304 kg; difference 38 − 56.304 = −18.304 kg
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.yearlyT").toString())).isEqualByComparingTo("0.06256");
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.yearlyMatchedT").toString())).isEqualByComparingTo("0.056304");
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.differenceT").toString())).isEqualByComparingTo("-0.018304");
		assertThat((Integer) JsonPath.read(json, "$.totals.hours")).isEqualTo(5);
		assertThat((Integer) JsonPath.read(json, "$.totals.hoursWithoutIntensity")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(json, "$.totals.hoursWithoutReadings")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(json, "$.totals.hoursIncomplete")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(json, "$.totals.modelledHours")).isEqualTo(1);
		assertThat((Boolean) JsonPath.read(json, "$.totals.complete")).isFalse();
		assertThat((String) JsonPath.read(json, "$.hours[1].zone")).isEqualTo(SHAWAN);
		assertThat(new BigDecimal(JsonPath.read(json, "$.hours[1].hourlyKg").toString())).isEqualByComparingTo("16");
		assertThat((List<String>) JsonPath.read(json, "$.hours[2].flags")).containsExactly("INCOMPLETE_READINGS");
		assertThat((List<String>) JsonPath.read(json, "$.hours[3].flags")).containsExactly("NO_INTENSITY");
		assertThat((List<String>) JsonPath.read(json, "$.hours[4].flags")).containsExactly("NO_READINGS");
		assertThat((List<String>) JsonPath.read(json, "$.hours[0].flags")).isEmpty();

		// the page says the figures are incomplete, in Chinese and English
		mvc.perform(get("/power/enterprises/" + e.id()).param("from", "2026-11-10").param("to", "2026-11-11").with(fixtures.as(e.user)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"incomplete-note\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("GRID-SICHUAN-2023 v")));
		mvc.perform(get("/power/enterprises/" + e.id()).param("lang", "en").with(fixtures.as(e.user)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Carbon by hour")));
	}

	@Test
	void aCompleteHourIsCompleteAndTheDefaultRangeIsTheLastFullMonth() throws Exception {
		MeteredEnterprise e = smallEnterprise();
		String json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/hourly-carbon")
			.param("from", "2026-11-10T08:00:00+08:00").param("to", "2026-11-10T10:00:00+08:00").with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Boolean) JsonPath.read(json, "$.totals.complete")).isTrue();
		// 100 × 100 + 200 × 80 = 26,000 g
		assertThat(new BigDecimal(JsonPath.read(json, "$.totals.hourlyT").toString())).isEqualByComparingTo("0.026");
		mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/hourly-carbon").with(basic(e.user))).andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("2026-10-31T16:00:00Z")).andExpect(jsonPath("$.to").value("2026-11-30T16:00:00Z"))
			.andExpect(jsonPath("$.totals.hours").value(720));
	}

	@Test
	void greenWindowsSaveWhatTheFormulaSaysOfTheReturnedProfileAndLoad() throws Exception {
		MeteredEnterprise e = smallEnterprise();
		String json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/green-windows").param("days", "2").param("share", "50")
			.with(basic(e.user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((List<Object>) JsonPath.read(json, "$.days")).hasSize(2);
		assertThat((String) JsonPath.read(json, "$.zone")).isEqualTo("SICHUAN");
		assertThat((List<Integer>) JsonPath.read(json, "$.days[0].greenHours")).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat((List<Integer>) JsonPath.read(json, "$.days[0].dirtyHours")).containsExactly(18, 19, 20, 21, 22, 23);
		assertThat((Boolean) JsonPath.read(json, "$.modelled")).isTrue();
		// the load of the last 30 days lies in hours 8–11 only, none dirty: nothing to move, nothing saved
		assertThat(new BigDecimal(JsonPath.read(json, "$.days[0].savingKg").toString())).isEqualByComparingTo("0");
		assertThat(new BigDecimal(JsonPath.read(json, "$.loadKwhByHour[9]").toString())).isEqualByComparingTo("200");

		// a load at 20:00 (dirty, 300 g; green mean 125 g): 50 % of 80 kWh moved saves 0.5 × 80 × (300 − 125) = 7,000 g = 7 kg
		e.send("E-1,2026-12-05T20:15:00+08:00,20", "E-1,2026-12-05T20:30:00+08:00,20", "E-1,2026-12-05T20:45:00+08:00,20",
				"E-1,2026-12-05T21:00:00+08:00,20");
		rollups.rollUpPending();
		json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/green-windows").param("days", "2").param("share", "50")
			.with(basic(e.user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(new BigDecimal(JsonPath.read(json, "$.days[0].shiftedKwh").toString())).isEqualByComparingTo("40");
		assertThat(new BigDecimal(JsonPath.read(json, "$.days[0].savingKg").toString())).isEqualByComparingTo("7");
		assertThat(new BigDecimal(JsonPath.read(json, "$.totalSavingKg").toString())).isEqualByComparingTo("14");

		// the stored share (default 10 %) applies without the parameter: 0.1 × 80 × 175 = 1,400 g
		json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/green-windows").param("days", "1").with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(new BigDecimal(JsonPath.read(json, "$.days[0].savingKg").toString())).isEqualByComparingTo("1.4");
		// the enterprise stores 25 %: 0.25 × 80 × 175 = 3,500 g
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "25").with(fixtures.as(e.user)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		json = mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/green-windows").param("days", "1").with(basic(e.user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(new BigDecimal(JsonPath.read(json, "$.days[0].savingKg").toString())).isEqualByComparingTo("3.5");
		assertThat((Boolean) JsonPath.read(json, "$.shareStored")).isTrue();
		mvc.perform(get("/power/enterprises/" + e.id() + "/windows").with(fixtures.as(e.user))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"formula\"")));
	}

	@Test
	void aLargeLoadInADirtyWindowIsFlaggedOnceWhateverHowOftenTheJobRuns() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, fixtures, MUCHUAN);
		e.intervalMeter("H-1", "ELECTRICITY", "kWh", 60, 10_000, null);
		List<String> lines = new java.util.ArrayList<>();
		ZonedDateTime t = ZonedDateTime.parse("2026-12-01T01:00:00+08:00");
		for (int i = 0; i < 24; i++) {
			lines.add("H-1," + t.plusHours(i).toOffsetDateTime() + ",10");
		}
		// 2026-12-05: 20:00 (dirty) 50 kWh, 03:00 (green) 50 kWh, 19:00 (dirty) 5 kWh below the p90 of 10
		lines.add("H-1,2026-12-05T21:00:00+08:00,50");
		lines.add("H-1,2026-12-05T04:00:00+08:00,50");
		lines.add("H-1,2026-12-05T20:00:00+08:00,5");
		e.send(lines.toArray(String[]::new));
		rollups.rollUpPending();

		int first = SystemActor.call("test", () -> alerts.scan(e.id()));
		int second = SystemActor.call("test", () -> alerts.scan(e.id()));
		SystemActor.call("test", () -> alerts.scanAll());
		assertThat(first).isEqualTo(1);
		assertThat(second).isZero();
		List<DirtyWindowAlerts.DirtyWindowAlert> stored = SystemActor.call("test", () -> alerts.of(Set.of(e.id()), 10));
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).hour()).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
		assertThat(stored.get(0).loadKwh()).isEqualByComparingTo("50");
		assertThat(stored.get(0).thresholdKwh()).isEqualByComparingTo("10");
		assertThat(stored.get(0).thresholdKind()).isEqualTo("P90");
		assertThat(stored.get(0).profileGPerKwh()).isEqualByComparingTo("300");
		assertThat(jdbc.sql("SELECT count(*) FROM power_dirty_window_alert WHERE enterprise_id = :e").param("e", e.id()).query(Long.class)
			.single()).isEqualTo(1L);

				mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "10").param("alertThresholdKwh", "4")
			.with(fixtures.as(fixtures.cityOfficer())).with(csrf())).andExpect(status().is3xxRedirection());
		// with a fixed 4 kWh threshold the 19:00 hour (5 kWh, dirty) is large too: one more, then none
		assertThat(SystemActor.call("test", () -> alerts.scan(e.id()))).isEqualTo(1);
		assertThat(SystemActor.call("test", () -> alerts.scan(e.id()))).isZero();
		mvc.perform(get("/power/enterprises").with(fixtures.as(fixtures.countyOfficer(MUCHUAN)))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-enterprise=\"" + e.id() + "\"")));
		mvc.perform(get("/power/enterprises").with(fixtures.as(fixtures.countyOfficer(MABIAN)))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("data-enterprise=\"" + e.id() + "\""))));
	}

	@Test
	void nobodySeesAnotherEnterprisesHourlyCarbonOrWindows() throws Exception {
		MeteredEnterprise e = smallEnterprise();
		MeteredEnterprise other = new MeteredEnterprise(mvc, fixtures, EBIAN);
		String api = "/api/v1/power/enterprises/" + e.id() + "/hourly-carbon";
		mvc.perform(get(api).with(basic(other.user))).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/power/enterprises/" + e.id() + "/green-windows").with(basic(other.user))).andExpect(status().isNotFound());
		mvc.perform(get(api).with(basic(fixtures.countyOfficer(EBIAN)))).andExpect(status().isNotFound());
		mvc.perform(get(api).with(basic(fixtures.countyOfficer(SHAWAN)))).andExpect(status().isOk());
		mvc.perform(get(api).with(basic(fixtures.cityOfficer()))).andExpect(status().isOk());
		mvc.perform(get("/power/enterprises/" + e.id()).with(fixtures.as(other.user))).andExpect(status().isNotFound());
		mvc.perform(get("/power/enterprises/" + e.id() + "/windows").with(fixtures.as(fixtures.countyOfficer(EBIAN)))).andExpect(status().isNotFound());
		// the share is the enterprise's or the office's to set: another enterprise 404, the county officer 403
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "30").with(fixtures.as(other.user))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "30")
			.with(fixtures.as(fixtures.countyOfficer(SHAWAN))).with(csrf())).andExpect(status().isForbidden());
		// the enterprise list shows only the caller's own
		mvc.perform(get("/power/enterprises").with(fixtures.as(other.user))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("data-id=\"" + e.id() + "\""))))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-id=\"" + other.id() + "\"")));
		// a bank's user has no /power pages; the public map needs no sign-in and names no enterprise
		mvc.perform(get(api).with(basic(fixtures.user(Role.BANK, null, null, null, Set.of())))).andExpect(status().isForbidden());
		mvc.perform(get("/power")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/public/power")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(e.enterprise.name()))));
	}

	@Test
	void badInputIsA400ProblemNamingTheField() throws Exception {
		MeteredEnterprise e = smallEnterprise();
		String api = "/api/v1/power/enterprises/" + e.id() + "/hourly-carbon";
		mvc.perform(get(api).param("from", "2026-11-11").param("to", "2026-11-10").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get(api).param("from", "2025-01-01").param("to", "2026-01-03").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get(api).param("from", "2025-01-01").param("to", "2026-01-02").with(basic(e.user))).andExpect(status().isOk());
		mvc.perform(get(api).param("from", "yesterday").param("to", "2026-11-10").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get(api).param("from", "2026-11-10T08:30:00+08:00").param("to", "2026-11-10T10:00:00+08:00").with(basic(e.user)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get(api).param("from", "2026-11-10").with(basic(e.user))).andExpect(status().isBadRequest());
		mvc.perform(get(api).param("from", "+999999999-01-01T00:00Z").param("to", "2026-11-10").with(basic(e.user)))
			.andExpect(status().isBadRequest());
		mvc.perform(get(api).param("from", "9".repeat(5000)).param("to", "2026-11-10").with(basic(e.user))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/power/enterprises/99999999999/hourly-carbon").with(basic(fixtures.cityOfficer()))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/power/enterprises/abc/hourly-carbon").with(basic(e.user))).andExpect(status().isBadRequest());
		String windows = "/api/v1/power/enterprises/" + e.id() + "/green-windows";
		mvc.perform(get(windows).param("days", "0").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("days"));
		mvc.perform(get(windows).param("days", "99999999999").with(basic(e.user))).andExpect(status().isBadRequest());
		mvc.perform(get(windows).param("share", "100.5").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("share"));
		mvc.perform(get(windows).param("share", "1e999999999").with(basic(e.user))).andExpect(status().isBadRequest());
		// pages: 400 for a bad hour, zone or year; a refused share goes back to the form with the field named
		String city = fixtures.cityOfficer();
		mvc.perform(get("/power").param("hour", "24").with(fixtures.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/power").param("zone", "ATLANTIS").with(fixtures.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/public/power").param("year", "99999")).andExpect(status().isBadRequest());
		mvc.perform(get("/public/power").param("date", "2026-02-30")).andExpect(status().isBadRequest());
		mvc.perform(get("/power/enterprises/" + e.id()).param("from", "2026-11-10").with(fixtures.as(city))).andExpect(status().isBadRequest());
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "150").with(fixtures.as(e.user)).with(csrf()))
			.andExpect(redirectedUrlPattern("/power/enterprises/*/windows*")).andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "ten").with(fixtures.as(e.user)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/power/enterprises/" + e.id() + "/windows/share").param("flexibleSharePct", "10").param("alertThresholdKwh", "-1")
			.with(fixtures.as(e.user)).with(csrf())).andExpect(flash().attributeExists("errors"));
	}

	@Test
	void theMapShowsEachCountyOrTheProvincialGridMarkedSo() throws Exception {
		intensity("SICHUAN", "2026-12-06T10:00", "133.3", "MEASURED");
		intensity(SHAWAN, "2026-12-06T10:00", "61.2", "MEASURED");
		String city = fixtures.cityOfficer();
		String page = mvc.perform(get("/power").with(fixtures.as(city))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("2026-12-06 10:00").contains("data-code=\"" + SHAWAN + "\" data-provincial=\"false\"")
			.contains("data-code=\"" + EBIAN + "\" data-provincial=\"true\"").contains("省级电网，无区县数据").contains("id=\"provincial-note\"");
		String en = mvc.perform(get("/public/power").param("lang", "en").param("zone", SHAWAN).param("year", "2026")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(en).contains("provincial grid, no county data").contains("not an approved map").contains("/public/power/geo/511100.json");
		mvc.perform(get("/public/power/geo/511100.json")).andExpect(status().isOk());
	}
}
