package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.power.HourlyIntensity;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.power.PowerCarbon;
import org.peakpilot.power.internal.BundledPowerData;
import org.peakpilot.power.internal.IntensityComputation;
import org.peakpilot.power.internal.IntensityReconciliation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The hourly grid intensity (issue 15): data in by JSON, CSV and Excel, the production- and consumption-based
 * computation against hand-computed figures, the modelled fill, the yearly reconciliation with the official
 * provincial factor (bundled made-up year: equal within 0.1 %; uploaded data: the gap shown), the API's validation
 * and who may write.
 * <p>
 * Factors: coal = 26.1 tC/TJ × 0.93 × 44/12 = 89.001 gCO2/MJ (library BITUMINOUS-COAL) × 0.300 kgce/kWh × 29.3076
 * MJ/kgce = 782.522 g/kWh [unverified heat rate]; hydro 0. Imports from NORTHWEST in 2024: no 2024 factor in the
 * library, so GRID-NORTHWEST-2023 = 0.5543 t/MWh = 554.3 g/kWh.
 * <p>
 * Hand computation, hour 2024-01-15 08:00 Beijing, SICHUAN: hydro 300 MWh, coal 100 MWh, import NORTHWEST 100 MWh,
 * export EAST 50 MWh.
 * production = (300 × 0 + 100 × 782.522) ÷ (300 + 100) = 78,252.2 ÷ 400 = 195.6305 → 195.631;
 * consumption = (78,252.2 + 100 × 554.3) ÷ (400 + 100) = 133,682.2 ÷ 500 = 267.3644 → 267.364 (the export of 50 MWh
 * does not enter the pool: it leaves at the production intensity); load = 400 + 100 − 50 = 450 MWh.
 * County 511111 (沙湾区) that hour: hydro 50 MWh, import from its grid SICHUAN 30 MWh at the grid's consumption
 * intensity 267.364: consumption = 30 × 267.364 ÷ 80 = 8,020.92 ÷ 80 = 100.2615 → 100.262; production = 0.
 */
// Own context: city-wide hourly data written by hand (no bundled data), a fixed clock in 2024
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2024-06-01T04:00:00Z",
		"peakpilot.test.schema=pp_power_intensity" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class PowerIntensityTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PowerCarbon power;

	@Autowired
	IntensityComputation computation;

	@Autowired
	IntensityReconciliation reconciliation;

	@Autowired
	BundledPowerData bundled;

	static final String HAND = """
			{"rows": [
			  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "technology": "HYDRO", "mwh": "300"},
			  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "technology": "COAL", "mwh": "100"},
			  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "counterpart": "NORTHWEST", "import_mwh": "100"},
			  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "counterpart": "EAST", "export_mwh": "50"},
			  {"zone": "511111", "hour": "2024-01-15T08:00:00+08:00", "technology": "HYDRO", "mwh": "50"},
			  {"zone": "511111", "hour": "2024-01-15T08:00:00+08:00", "counterpart": "SICHUAN", "import_mwh": "30"}
			]}""";

	@Test
	void computesHourlyProductionAndConsumptionIntensityAsByHand() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(post("/api/v1/power/generation").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content(HAND))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.generationRows").value(3)).andExpect(jsonPath("$.interchangeRows").value(3));
		Instant h = Instant.parse("2024-01-15T00:00:00Z");
		assertThat(one("SICHUAN", h, IntensityBasis.PRODUCTION).gPerKwh()).isEqualByComparingTo("195.631");
		HourlyIntensity c = one("SICHUAN", h, IntensityBasis.CONSUMPTION);
		assertThat(c.gPerKwh()).isEqualByComparingTo("267.364");
		assertThat(c.source()).isEqualTo(IntensitySource.MEASURED);
		assertThat(c.synthetic()).isFalse();
		assertThat(jdbc.sql("SELECT load_mwh FROM power_intensity_hour WHERE zone_code = 'SICHUAN' AND basis = 'CONSUMPTION' AND hour_start = :h")
			.param("h", java.sql.Timestamp.from(h)).query(BigDecimal.class).single()).isEqualByComparingTo("450");
		assertThat(one("511111", h, IntensityBasis.CONSUMPTION).gPerKwh()).isEqualByComparingTo("100.262");
		assertThat(one("511111", h, IntensityBasis.PRODUCTION).gPerKwh()).isEqualByComparingTo("0");
		// the marginal signal is kept apart: coal dispatched → coal's factor, never in the average table
		assertThat(jdbc.sql("SELECT g_per_kwh FROM power_marginal_signal_hour WHERE zone_code = 'SICHUAN' AND hour_start = :h")
			.param("h", java.sql.Timestamp.from(h)).query(BigDecimal.class).single()).isEqualByComparingTo("782.522");
		// NORTHWEST became a zone of kind EXTERNAL
		assertThat(jdbc.sql("SELECT kind FROM power_zone WHERE code = 'NORTHWEST'").query(String.class).single()).isEqualTo("EXTERNAL");
		// the API gives the same, with the property names of the issue
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "SICHUAN")
			.param("from", "2024-01-15T08:00+08:00").param("to", "2024-01-15T09:00+08:00").param("basis", "Consumption"))
			.andExpect(status().isOk()).andExpect(jsonPath("$[0].hour").value("2024-01-15T08:00:00+08:00"))
			.andExpect(jsonPath("$[0].g_per_kwh").value(267.364)).andExpect(jsonPath("$[0].basis").value("CONSUMPTION"))
			.andExpect(jsonPath("$[0].source").value("MEASURED")).andExpect(jsonPath("$[0].synthetic").value(false));
		mvc.perform(get("/api/v1/public/power/intensity").param("zone", "SICHUAN").param("from", "2024-01-15T08:00+08:00")
			.param("to", "2024-01-15T09:00+08:00").param("basis", "production")).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].g_per_kwh").value(195.631));
		// uploaded data against the official factor: 2024 has none, 2023's (156.4) is used and the gap is shown
		mvc.perform(get("/api/v1/power/reconciliation").with(Fixtures.basic(officer)).param("zone", "SICHUAN").param("year", "2024"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.officialYear").value(2023)).andExpect(jsonPath("$.officialGPerKwh").value(156.4))
			.andExpect(jsonPath("$.note").value(containsString("2024 has no official factor")));
	}

	@Test
	void fillsMissingHoursFromTheSameMonthsHourOfDayAverageElseTheBundledProfile() throws Exception {
		String officer = fixtures.cityOfficer();
		// February 2024, zone 511113: 08:00 on the 1st (coal 100 → 782.522) and the 2nd (hydro 100 → 0); 09:00 on the 1st (hydro)
		String rows = """
				{"rows": [
				  {"zone": "511113", "hour": "2024-02-01T08:00:00+08:00", "technology": "COAL", "mwh": "100"},
				  {"zone": "511113", "hour": "2024-02-02T08:00:00+08:00", "technology": "HYDRO", "mwh": "100"},
				  {"zone": "511113", "hour": "2024-02-01T09:00:00+08:00", "technology": "HYDRO", "mwh": "80"}
				]}""";
		mvc.perform(post("/api/v1/power/generation").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content(rows))
			.andExpect(status().isCreated());
		Instant feb10at8 = LocalDate.of(2024, 2, 10).atTime(8, 0).atZone(BEIJING).toInstant();
		HourlyIntensity m = one("511113", feb10at8, IntensityBasis.CONSUMPTION);
		// (782.522 + 0) ÷ 2 = 391.261
		assertThat(m.gPerKwh()).isEqualByComparingTo("391.261");
		assertThat(m.source()).isEqualTo(IntensitySource.MODELLED);
		// a month without any measured hour is not invented
		Instant mar = LocalDate.of(2024, 3, 10).atTime(8, 0).atZone(BEIJING).toInstant();
		assertThat(SystemActor.call("t", () -> power.intensity("511113", mar, mar.plusSeconds(3600), IntensityBasis.CONSUMPTION))).isEmpty();
		// the county has no profile of its own: an hour of day never measured in February stays empty
		Instant feb10at3 = LocalDate.of(2024, 2, 10).atTime(3, 0).atZone(BEIJING).toInstant();
		assertThat(SystemActor.call("t", () -> power.intensity("511113", feb10at3, feb10at3.plusSeconds(3600), IntensityBasis.CONSUMPTION))).isEmpty();
		// the grid zone falls back to the bundled profile's hour of day (made-up, so synthetic)
		mvc.perform(post("/api/v1/power/generation").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content("""
				{"rows": [{"zone": "SICHUAN", "hour": "2024-02-01T08:00:00+08:00", "technology": "HYDRO", "mwh": "30000"}]}"""))
			.andExpect(status().isCreated());
		HourlyIntensity p = one("SICHUAN", feb10at3, IntensityBasis.CONSUMPTION);
		assertThat(p.source()).isEqualTo(IntensitySource.MODELLED);
		assertThat(p.synthetic()).isTrue();
		assertThat(p.gPerKwh()).isGreaterThan(new BigDecimal("100"));
	}

	@Test
	void bundledYearEqualsTheOfficialFactorWithinATenthOfAPercent() {
		var report = SystemActor.call("t", () -> bundled.load(LocalDate.of(2023, 1, 1).atStartOfDay(BEIJING).toInstant(),
				LocalDate.of(2023, 12, 31).plusDays(1).atStartOfDay(BEIJING).toInstant()));
		assertThat(report.generationRows()).isGreaterThan(8760L * 5);
		var r = SystemActor.call("t", () -> reconciliation.year("SICHUAN", 2023)).orElseThrow();
		assertThat(r.officialFactorCode()).isEqualTo("GRID-SICHUAN-2023");
		assertThat(r.computedGPerKwh().doubleValue()).isCloseTo(156.4, within(156.4 * 0.001));
		assertThat(r.gapPercent().abs()).isLessThanOrEqualTo(new BigDecimal("0.10"));
		assertThat(r.synthetic()).isTrue();
		assertThat(r.measuredHours()).isEqualTo(8760);
		// shaped by the seasons: hydro above 80 % of the year's generation, July cleaner than January
		BigDecimal hydroShare = jdbc.sql("""
				SELECT sum(mwh) FILTER (WHERE technology = 'HYDRO') / sum(mwh) FROM power_generation_hour
				WHERE zone_code = 'SICHUAN' AND hour_start >= '2023-01-01T00:00+08' AND hour_start < '2024-01-01T00:00+08'""")
			.query(BigDecimal.class).single();
		assertThat(hydroShare).isGreaterThan(new BigDecimal("0.80"));
		BigDecimal jan = avg("2023-01-01", "2023-02-01");
		BigDecimal jul = avg("2023-07-01", "2023-08-01");
		assertThat(jul.multiply(BigDecimal.valueOf(3))).isLessThan(jan);
		// the counties with made-up plants are computed too, their imports at the grid's consumption intensity
		assertThat(jdbc.sql("SELECT count(*) FROM power_intensity_hour WHERE zone_code = '511112' AND basis = 'CONSUMPTION' AND synthetic")
			.query(Long.class).single()).isEqualTo(8760L);
	}

	private BigDecimal avg(String from, String to) {
		return jdbc.sql("""
				SELECT avg(g_per_kwh) FROM power_intensity_hour WHERE zone_code = 'SICHUAN' AND basis = 'CONSUMPTION'
				  AND hour_start >= CAST(:f AS timestamp) AT TIME ZONE 'Asia/Shanghai' AND hour_start < CAST(:t AS timestamp) AT TIME ZONE 'Asia/Shanghai'""")
			.param("f", from).param("t", to).query(BigDecimal.class).single();
	}

	@Test
	void refusesBadQueriesWithProblems() throws Exception {
		String officer = fixtures.cityOfficer();
		String from = "2024-01-15T08:00+08:00";
		String to = "2024-01-15T09:00+08:00";
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "SICHUAN").param("from", from).param("to", to)
			.param("basis", "marginal")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("basis"));
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "SICHUAN").param("from", to).param("to", from))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "SICHUAN").param("from", "2020-01-01T00:00+08:00")
			.param("to", "2024-01-01T00:00+08:00")).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/public/power/intensity").param("zone", "SICHUAN").param("from", "2024-01-15T08:00+25:00").param("to", to))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get("/api/v1/public/power/intensity").param("zone", "SICHUAN").param("from", "2024-01-15T08:00").param("to", to))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "MARS").param("from", from).param("to", to))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/power/intensity").with(Fixtures.basic(officer)).param("zone", "x' OR 1=1").param("from", from).param("to", to))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/power/reconciliation").with(Fixtures.basic(officer)).param("zone", "SICHUAN").param("year", "1999"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void uploadErrorsNameRowAndFieldAndNothingIsWritten() throws Exception {
		String officer = fixtures.cityOfficer();
		String csv = """
				zone,hour,technology,mwh,counterpart,import_mwh,export_mwh
				511124,2024-03-05T10:00+08:00,HYDRO,12,,,
				511124,2024-03-05T10:00+08:00,OIL,5,,,
				511124,2024-03-05T10:30+08:00,SOLAR,-1,,,
				""";
		mvc.perform(multipart("/api/v1/power/generation/upload").file(new MockMultipartFile("file", "gen.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(Fixtures.basic(officer))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.row == 3)].field", hasItem("technology")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field", hasItem("hour")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field", hasItem("mwh")));
		assertThat(jdbc.sql("SELECT count(*) FROM power_generation_hour WHERE zone_code = '511124'").query(Long.class).single()).isZero();
		// Excel: the same rules, the row as the spreadsheet shows it
		byte[] xlsx;
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet s = wb.createSheet("data");
			String[][] cells = { { "zone", "hour", "technology", "mwh", "counterpart", "import_mwh", "export_mwh" },
					{ "511124", "2024-03-05T10:00+08:00", "HYDRO", "12", "", "", "" }, { "511124", "2024-03-05T11:00+08:00", "", "", "MARS!", "3", "" } };
			for (int r = 0; r < cells.length; r++) {
				Row row = s.createRow(r);
				for (int c = 0; c < cells[r].length; c++) {
					if (!cells[r][c].isEmpty()) {
						row.createCell(c).setCellValue(cells[r][c]);
					}
				}
			}
			wb.write(out);
			xlsx = out.toByteArray();
		}
		mvc.perform(multipart("/api/v1/power/generation/upload").file(new MockMultipartFile("file", "gen.xlsx", MediaType.APPLICATION_OCTET_STREAM_VALUE, xlsx))
			.with(Fixtures.basic(officer))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(3)).andExpect(jsonPath("$.errors[0].field").value("counterpart"));
		assertThat(jdbc.sql("SELECT count(*) FROM power_generation_hour WHERE zone_code = '511124'").query(Long.class).single()).isZero();
		// fixed, the file goes in whole
		{
			String good = csv.replace("OIL", "GAS").replace("10:30", "11:00").replace("SOLAR,-1", "SOLAR,1.5");
			mvc.perform(multipart("/api/v1/power/generation/upload").file(new MockMultipartFile("file", "gen.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
				.with(Fixtures.basic(officer))).andExpect(status().isCreated()).andExpect(jsonPath("$.generationRows").value(3));
		}
		assertThat(jdbc.sql("SELECT count(*) FROM power_generation_hour WHERE zone_code = '511124'").query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void onlyCityWideStaffWriteData() throws Exception {
		var enterprise = fixtures.enterprise("511111", "3011", null);
		String enterpriseUser = fixtures.user(Role.ENTERPRISE_USER, "511111", null, enterprise.id(), Set.of());
		String county = fixtures.countyOfficer("511111");
		String forestry = fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		String row = """
				{"rows": [{"zone": "511129", "hour": "2024-04-01T08:00:00+08:00", "technology": "HYDRO", "mwh": "1"}]}""";
		for (String u : List.of(enterpriseUser, county, forestry)) {
			mvc.perform(post("/api/v1/power/generation").with(Fixtures.basic(u)).contentType(MediaType.APPLICATION_JSON).content(row))
				.andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/power/intensity/recompute").with(Fixtures.basic(u)).param("zone", "SICHUAN")
				.param("from", "2024-04-01T00:00+08:00").param("to", "2024-04-02T00:00+08:00")).andExpect(status().isForbidden());
		}
		assertThat(jdbc.sql("SELECT count(*) FROM power_generation_hour WHERE zone_code = '511129'").query(Long.class).single()).isZero();
		mvc.perform(post("/api/v1/power/generation").with(Fixtures.admin()).contentType(MediaType.APPLICATION_JSON).content(row))
			.andExpect(status().isCreated());
		// a batch above the bound is refused whole
		StringBuilder big = new StringBuilder("{\"rows\": [");
		for (int i = 0; i < 10_001; i++) {
			big.append(i == 0 ? "" : ",").append("{\"zone\": \"511129\", \"hour\": \"2024-04-02T08:00:00+08:00\", \"technology\": \"HYDRO\", \"mwh\": \"1\"}");
		}
		mvc.perform(post("/api/v1/power/generation").with(Fixtures.admin()).contentType(MediaType.APPLICATION_JSON).content(big.append("]}").toString()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("rows"));
	}

	@Test
	void networkFlowsApiComputesTheThreeNodeExampleAndRefusesBrokenSnapshots() throws Exception {
		String officer = fixtures.cityOfficer();
		String body = """
				{"nodes": ["N1", "N2", "N3"],
				 "branches": [{"from": "N1", "to": "N2", "mw": 40}, {"from": "N1", "to": "N3", "mw": 60}, {"from": "N2", "to": "N3", "mw": 60}],
				 "generators": [{"id": "G1", "node": "N1", "mw": 100, "g_per_kwh": 800}, {"id": "G2", "node": "N2", "mw": 50, "g_per_kwh": 0}],
				 "loads": [{"node": "N2", "mw": 30}, {"node": "N3", "mw": %s}]}""";
		mvc.perform(post("/api/v1/power/network/flows").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content(body.formatted("120")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.nodes[2].g_per_kwh").value(org.hamcrest.Matchers.closeTo(577.778, 0.001)))
			.andExpect(jsonPath("$.generation_kg_per_hour").value(80000.0)).andExpect(jsonPath("$.conserved").value(true));
		mvc.perform(post("/api/v1/power/network/flows").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content(body.formatted("110")))
			.andExpect(status().isUnprocessableContent());
		mvc.perform(post("/api/v1/power/network/flows").with(Fixtures.basic(officer)).contentType(MediaType.APPLICATION_JSON).content(body.formatted("null")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("loads[1].mw"));
	}

	@Test
	void dataPageIsForCityWideStaffAndShowsUploadErrorsByRowAndField() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(get("/power/data").with(fixtures.as(officer))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("id=\"upload-form\"")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("id=\"tab-data\"")));
		mvc.perform(get("/power/data").with(fixtures.as(fixtures.countyOfficer("511111")))).andExpect(status().isForbidden());
		String bad = "zone,hour,technology,mwh,counterpart,import_mwh,export_mwh\n511126,2024-05-01T08:00+08:00,COAL,abc,,,\n";
		var flash = mvc.perform(multipart("/power/data/upload").file(new MockMultipartFile("file", "g.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
			.with(fixtures.as(officer)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
		@SuppressWarnings("unchecked")
		List<org.peakpilot.platform.InputError> errors = (List<org.peakpilot.platform.InputError>) flash.get("errors");
		assertThat(errors).extracting(e -> e.row() + ":" + e.field()).containsExactly("2:mwh");
		mvc.perform(multipart("/power/data/upload").file(new MockMultipartFile("file", "g.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
			.with(fixtures.as(fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of())))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isForbidden());
	}

	private HourlyIntensity one(String zone, Instant hour, IntensityBasis basis) {
		List<HourlyIntensity> l = SystemActor.call("t", () -> power.intensity(zone, hour, hour.plusSeconds(3600), basis));
		assertThat(l).hasSize(1);
		return l.get(0);
	}
}
