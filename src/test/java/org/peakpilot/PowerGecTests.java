package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.power.internal.GecImport;
import org.peakpilot.power.internal.GecLedger;
import org.peakpilot.power.internal.GreenClaimBook;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The green certificate ledger, claims and their accounting (issue 15): code structure, once-only codes, expiry at
 * the end of the production month + 2 years (Beijing), pre-2023 hydro not tradable, sold once, CCER-frozen lots
 * excluded, claims never beyond the declared MWh and never twice (also two at once), accounting's market-based
 * total changing by exactly the claimed MWh × the residual factor, and scope as an attacker.
 */
// Own context: a movable clock (expiry at a Beijing month end, production months relative to "now")
@SpringBootTest(properties = { "peakpilot.test.clock=2026-12-15T02:00:00Z", "peakpilot.test.schema=pp_power_gec",
		"peakpilot.power.gec-expiry-scheduled=false" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class PowerGecTests {

	static final String GOOD = "A1B2C3D4E5F6G7H8J202403000012345";

	@Autowired
	MockMvc mvc;
	@Autowired
	Fixtures fixtures;
	@Autowired
	MovableClock now;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	GecLedger ledger;
	@Autowired
	GreenClaimBook book;

	RegistryModel.Enterprise a;
	RegistryModel.Enterprise b;
	String userA;
	String userB;
	String office;

	@BeforeEach
	void setUp() {
		now.set(Instant.parse("2026-12-15T02:00:00Z"));
		a = fixtures.enterprise(SHAWAN, "3011", null);
		b = fixtures.enterprise(WUTONGQIAO, "3011", null);
		userA = fixtures.user(Role.ENTERPRISE_USER, null, null, a.id(), Set.of());
		userB = fixtures.user(Role.ENTERPRISE_USER, null, null, b.id(), Set.of());
		office = fixtures.cityOfficer();
	}

	ResultActions enter(String user, String code, String tech, String month, long mwh, long holder, boolean frozen) throws Exception {
		return mvc.perform(post("/api/v1/power/certificates").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content("""
				{"code": "%s", "project_name": "测试项目", "technology": "%s", "production_month": "%s", "mwh": %d,
				 "holder_enterprise_id": %d, "ccer_frozen": %s}""".formatted(code, tech, month, mwh, holder, frozen)));
	}

	long lot(String user, String tech, String month, long mwh, long holder) throws Exception {
		String body = enter(user, GreenClaimFixture.code(), tech, month, mwh, holder, false).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	ResultActions declare(String user, long lot) throws Exception {
		return mvc.perform(post("/api/v1/power/certificates/{id}/declare", lot).with(basic(user)));
	}

	ResultActions claim(String user, String json) throws Exception {
		return mvc.perform(post("/api/v1/power/claims").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	// ------------------------------------------------------------------ structure

	@Test
	void aWellFormedCodeIsSplitAndABadOneIsNamed() throws Exception {
		mvc.perform(post("/api/v1/power/certificates/validate").with(basic(userA)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \" a1b2c3d4e5f6g7h8j202403000012345 \"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(GOOD))
			.andExpect(jsonPath("$.project_part").value("A1B2C3D4E5F6G7H8J"))
			.andExpect(jsonPath("$.output_part").value("202403000012345"))
			.andExpect(jsonPath("$.project_fields.length()").value(7))
			.andExpect(jsonPath("$.output_fields.length()").value(4));
		// 31 characters
		validate400(GOOD.substring(1), "has 31 characters");
		// 33
		validate400(GOOD + "9", "has 33 characters");
		// a hyphen at character 20: the output part
		validate400(GOOD.substring(0, 19) + "-" + GOOD.substring(20), "character 20 ('-', output part");
		// a Chinese character at 5: the project part
		validate400(GOOD.substring(0, 4) + "绿" + GOOD.substring(5), "character 5 ('绿', project part");
		validate400("", "is required");
		validate400("x".repeat(5000), "has 5000 characters");
	}

	void validate400(String code, String message) throws Exception {
		mvc.perform(post("/api/v1/power/certificates/validate").with(basic(userA)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + code + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(message)));
	}

	// ------------------------------------------------------------------ once only, import

	@Test
	void aCodeExistsOnceAndAnImportIsAllOrNothingNamingRowAndColumn() throws Exception {
		String code = GreenClaimFixture.code();
		enter(office, code, "WIND", "2026-03", 100, a.id(), false).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("HELD"))
			.andExpect(jsonPath("$.expires_on").value("2028-03-31"));
		enter(office, code.toLowerCase(), "SOLAR", "2026-04", 5, b.id(), false).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("already in the ledger")));

		String fresh = GreenClaimFixture.code();
		String header = String.join(",", GecImport.HEADERS);
		String csv = header + "\n" + fresh + ",沐川风电,风电,2026-05,300,,," + a.uscc() + ",否,否\n"
				+ code + ",峨边光伏,光伏,2026-05,abc,,," + a.uscc() + ",否,是\n"
				+ fresh + ",重复,水电,2026-13,10,,,91511100NOTEXIST0X,也许,否\n";
		mvc.perform(multipart("/api/v1/power/certificates/import").file(new MockMultipartFile("file", "gec.csv", "text/csv",
				csv.getBytes(StandardCharsets.UTF_8))).with(basic(office)))
			.andExpect(status().isBadRequest())
			// row 3: the code already in the ledger (column A) and a quantity that is no number (column E)
			.andExpect(jsonPath("$.errors[?(@.row == 3 && @.field == 'A (绿证编码 Code)')].message").value(hasItem(containsString("already in the ledger"))))
			.andExpect(jsonPath("$.errors[?(@.row == 3 && @.field == 'E (数量 GECs (MWh))')].message").value(hasItem(containsString("not a whole number"))))
			// row 4: the code twice in the file, month 13, an unknown USCC, "也许" no yes/no
			.andExpect(jsonPath("$.errors[?(@.row == 4 && @.field == 'A (绿证编码 Code)')].message").value(hasItem(containsString("appears twice"))))
			.andExpect(jsonPath("$.errors[?(@.row == 4 && @.field == 'D (生产年月 Production month)')]").exists())
			.andExpect(jsonPath("$.errors[?(@.row == 4 && @.field == 'H (持有方统一社会信用代码 Holder USCC)')]").exists())
			.andExpect(jsonPath("$.errors[?(@.row == 4 && @.field == 'I (自发自用 Self-use)')]").exists());
		// nothing written: the good first row is not in the ledger
		assertThat(jdbc.sql("SELECT count(*) FROM power_gec_lot WHERE code = :c").param("c", fresh).query(Long.class).single()).isZero();

		// the same rows corrected, as .xlsx: both imported
		String second = GreenClaimFixture.code();
		byte[] xlsx = workbook(List.of(List.of(fresh, "沐川风电", "风电", "2026-05", "300", "", "", a.uscc(), "否", "否"),
				List.of(second, "峨边光伏", "SOLAR", "2026-06", "20", "", "", a.uscc(), "是", "")));
		mvc.perform(multipart("/api/v1/power/certificates/import").file(new MockMultipartFile("file", "gec.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)).with(basic(userA)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[1].self_use").value(true))
			.andExpect(jsonPath("$[1].tradable").value(false));
		// an enterprise user cannot import lots of another enterprise
		byte[] foreign = workbook(List.of(List.of(GreenClaimFixture.code(), "x", "风电", "2026-05", "1", "", "", b.uscc(), "否", "否")));
		mvc.perform(multipart("/api/v1/power/certificates/import").file(new MockMultipartFile("file", "gec.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", foreign)).with(basic(userA)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("H (持有方统一社会信用代码 Holder USCC)"));
	}

	static byte[] workbook(List<List<String>> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet s = wb.createSheet("lots");
			Row h = s.createRow(0);
			for (int c = 0; c < GecImport.HEADERS.length; c++) {
				h.createCell(c).setCellValue(GecImport.HEADERS[c]);
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = s.createRow(r + 1);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	// ------------------------------------------------------------------ expiry

	@Test
	void aLotExpiresAfterTheLastDayOfItsMonthTwoYearsOnInBeijing() throws Exception {
		long lot = lot(office, "WIND", "2024-12", 50, a.id());
		mvc.perform(get("/api/v1/power/certificates/{id}", lot).with(basic(userA))).andExpect(jsonPath("$.expires_on").value("2026-12-31"));
		// 2026-12-31 23:59 Beijing: still valid
		now.set(Instant.parse("2026-12-31T15:59:00Z"));
		SystemActor.call("test", ledger::expireDue);
		mvc.perform(get("/api/v1/power/certificates/{id}", lot).with(basic(userA))).andExpect(jsonPath("$.status").value("HELD"));
		// 2027-01-01 00:00 Beijing (still 2026-12-31 in UTC): expired
		now.set(Instant.parse("2026-12-31T16:00:00Z"));
		SystemActor.call("test", ledger::expireDue);
		mvc.perform(get("/api/v1/power/certificates/{id}", lot).with(basic(userA))).andExpect(jsonPath("$.status").value("EXPIRED"));
		mvc.perform(get("/api/v1/power/certificates/{id}/history", lot).with(basic(userA)))
			.andExpect(jsonPath("$[-1].kind").value("EXPIRE"));
		declare(userA, lot).andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.detail").value(containsString("expired on 2026-12-31")));
	}

	// ------------------------------------------------------------------ tradable, sold once

	@Test
	void hydroBefore2023IsNeverTradableAndALotIsSoldOnce() throws Exception {
		now.set(Instant.parse("2023-06-15T02:00:00Z"));
		long oldHydro = lot(office, "HYDRO", "2022-12", 100, a.id());
		long newHydro = lot(office, "HYDRO", "2023-01", 100, a.id());
		mvc.perform(get("/api/v1/power/certificates/{id}", oldHydro).with(basic(userA)))
			.andExpect(jsonPath("$.tradable").value(false))
			.andExpect(jsonPath("$.not_tradable_because").value(containsString("hydro produced before 2023")));
		transfer(userA, oldHydro, b.id()).andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.detail").value(containsString("not tradable")));
		// the holder may still declare its own consumption of it
		declare(userA, oldHydro).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DECLARED"));

		transfer(userA, newHydro, b.id()).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("TRANSFERRED"))
			.andExpect(jsonPath("$.holder_enterprise_id").value(b.id()));
		// A no longer sees it; B does, and cannot sell it on
		mvc.perform(get("/api/v1/power/certificates/{id}", newHydro).with(basic(userA))).andExpect(status().isNotFound());
		transfer(userB, newHydro, a.id()).andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.detail").value(containsString("sold once")));
		mvc.perform(get("/api/v1/power/certificates/{id}/history", newHydro).with(basic(userB)))
			.andExpect(jsonPath("$[1].kind").value("TRANSFER"))
			.andExpect(jsonPath("$[1].from_enterprise").value(a.name()))
			.andExpect(jsonPath("$[1].to_enterprise").value(b.name()));
	}

	ResultActions transfer(String user, long lot, long to) throws Exception {
		return mvc.perform(post("/api/v1/power/certificates/{id}/transfer", lot).with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"to_enterprise_id\": " + to + ", \"reference\": \"TR-1\"}"));
	}

	// ------------------------------------------------------------------ CCER, claims

	@Test
	void ccerFrozenLotsAreExcludedFromDeclarationsAndClaims() throws Exception {
		String code = GreenClaimFixture.code();
		String body = enter(office, code, "WIND", "2026-02", 40, a.id(), true).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		long frozen = ((Number) JsonPath.read(body, "$.id")).longValue();
		declare(userA, frozen).andExpect(status().is4xxClientError()).andExpect(jsonPath("$.detail").value(containsString("chose CCER")));
		// declared first, frozen afterwards by the office: a claim naming it is refused, an automatic claim leaves it out
		long declared = lot(office, "WIND", "2026-03", 60, a.id());
		long other = lot(office, "SOLAR", "2026-03", 25, a.id());
		declare(userA, declared).andExpect(status().isOk());
		declare(userA, other).andExpect(status().isOk());
		mvc.perform(post("/api/v1/power/certificates/{id}/freeze", declared).with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reference\": \"CCER-1\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.ccer_frozen").value(true));
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"lot_ids\": [%d]}".formatted(a.id(), declared))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("CCER-frozen")));
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026}".formatted(a.id()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.mwh").value(25))
			.andExpect(jsonPath("$.lots[*].lot_id").value(not(hasItem((int) declared))));
		// the freeze endpoint is the office's
		mvc.perform(post("/api/v1/power/certificates/{id}/freeze", other).with(basic(userA))).andExpect(status().isForbidden());
	}

	@Test
	void aClaimBeyondTheDeclaredMwhIsRefusedAndItsPeriodMustMatch() throws Exception {
		long march = lot(office, "WIND", "2026-03", 100, a.id());
		long held = lot(office, "WIND", "2026-03", 500, a.id());
		declare(userA, march).andExpect(status().isOk());
		// 150 MWh asked, 100 declared (the 500 held are not declared)
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"mwh\": 150}".formatted(a.id()))
			.andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.detail").value(containsString("beyond the declared certificates: 100 MWh")));
		// produced in March, claimed for April–June: not period-matched
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"month_from\": 4, \"month_to\": 6, \"lot_ids\": [%d]}".formatted(a.id(), march))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("outside the claimed period")));
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"lot_ids\": [%d]}".formatted(a.id(), held))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("only declared")));
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"month_from\": 3, \"month_to\": 3, \"mwh\": 100}".formatted(a.id()))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.mwh").value(100));
		// claimed once: again refused, by list and automatically
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"lot_ids\": [%d]}".formatted(a.id(), march))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("already backs claim")));
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026}".formatted(a.id())).andExpect(status().is4xxClientError());
		mvc.perform(get("/api/v1/power/claims").param("enterprise_id", "" + a.id()).with(basic(userA)))
			.andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void twoClaimsAtOnceNeverBothTakeALot() throws Exception {
		long l1 = lot(office, "WIND", "2026-05", 70, a.id());
		declare(userA, l1).andExpect(status().isOk());
		for (int round = 0; round < 3; round++) {
			long lot = round == 0 ? l1 : lot(office, "SOLAR", "2026-0" + (5 + round), 10 + round, a.id());
			if (round > 0) {
				declare(userA, lot).andExpect(status().isOk());
			}
			int year = 2026;
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			List<Future<Long>> results = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				boolean listed = t == 0;
				Callable<Long> c = () -> {
					start.await();
					return SystemActor.callAs("claimer", Role.ENTERPRISE_USER, Set.of(a.id()), () -> book.claim(new GreenClaimBook.ClaimInput(
							a.id(), year, 1, 12, listed ? List.of(lot) : null, null, null)).id());
				};
				results.add(pool.submit(c));
			}
			start.countDown();
			int ok = 0;
			for (Future<Long> f : results) {
				try {
					f.get();
					ok++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOfAny(org.peakpilot.platform.RuleViolationException.class,
							org.peakpilot.platform.InvalidInputException.class);
				}
			}
			pool.shutdown();
			assertThat(ok).as("round " + round).isEqualTo(1);
			assertThat(jdbc.sql("SELECT count(*) FROM power_green_claim_lot WHERE lot_id = :l").param("l", lot).query(Long.class).single()).isOne();
		}
	}

	// ------------------------------------------------------------------ accounting

	@Test
	void accountingTotalsChangeByExactlyTheClaimedMwhTimesTheResidualFactor() throws Exception {
		String report = "/api/v1/accounting/enterprises/" + a.id() + "/reports/2024/";
		String plain = "{\"lines\": [{\"line\": {\"type\": \"ELECTRICITY\", \"quantity\": 1000000, \"unit\": \"kWh\"%s}}]}";
		String before = mvc.perform(put(report + "3").with(basic(userA)).contentType(MediaType.APPLICATION_JSON).content(plain.formatted("")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		BigDecimal location0 = decimal(before, "$.summary.totalCo2T");
		BigDecimal market0 = decimal(before, "$.summary.totalMarketCo2T");
		// 1000 MWh × 0.1564 (Sichuan 2023, latest not after 2024) and × 0.6096 (residual 2023)
		assertThat(location0).isEqualByComparingTo("156.4");
		assertThat(market0).isEqualByComparingTo("609.6");

		// green kWh without a claim: refused, naming the line
		mvc.perform(put(report + "3").with(basic(userA)).contentType(MediaType.APPLICATION_JSON).content(plain.formatted(", \"greenKwh\": 300000")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lines[0].greenKwh"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("0 kWh claimed")));

		// 300 MWh claimed for 2024 from a declared lot of February 2024
		now.set(Instant.parse("2024-03-10T02:00:00Z"));
		long lot = lot(office, "WIND", "2024-02", 300, a.id());
		declare(userA, lot).andExpect(status().isOk());
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2024}".formatted(a.id())).andExpect(status().isCreated());
		now.set(Instant.parse("2026-12-15T02:00:00Z"));

		String after = mvc.perform(put(report + "3").with(basic(userA)).contentType(MediaType.APPLICATION_JSON)
			.content(plain.formatted(", \"greenKwh\": 300000"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		BigDecimal market1 = decimal(after, "$.summary.totalMarketCo2T");
		// exactly 300 MWh × 0.6096 = 182.88 less; location-based unchanged
		assertThat(market0.subtract(market1)).isEqualByComparingTo("182.88");
		assertThat(market1).isEqualByComparingTo("426.72");
		assertThat(decimal(after, "$.summary.totalCo2T")).isEqualByComparingTo(location0);
		List<String> codes = JsonPath.read(after, "$.results[0].factors[*].code");
		assertThat(codes).contains("GRID-SICHUAN-2023", "GRID-NATIONAL-EXCL-NONFOSSIL-2023");

		// the claim is used up: another month's green kWh are refused, and the same month may not grow
		mvc.perform(put(report + "4").with(basic(userA)).contentType(MediaType.APPLICATION_JSON).content(plain.formatted(", \"greenKwh\": 1")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(containsString("300000 kWh stated in the enterprise's other reports")));
		mvc.perform(put(report + "3").with(basic(userA)).contentType(MediaType.APPLICATION_JSON).content(plain.formatted(", \"greenKwh\": 300001")))
			.andExpect(status().isBadRequest());
		// 2022 prices its residual with the 2022 row (0.5856): 1000 MWh without green
		String y2022 = mvc.perform(put("/api/v1/accounting/enterprises/" + a.id() + "/reports/2022/5").with(basic(userA))
			.contentType(MediaType.APPLICATION_JSON).content(plain.formatted(""))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(decimal(y2022, "$.summary.totalMarketCo2T")).isEqualByComparingTo("585.6");
	}

	static BigDecimal decimal(String json, String path) {
		return new BigDecimal(JsonPath.read(json, path).toString());
	}

	// ------------------------------------------------------------------ scope and bad input

	@Test
	void anotherEnterprisesLotsAreNotFoundAndBadInputIsRefused() throws Exception {
		long lotB = lot(office, "WIND", "2026-01", 10, b.id());
		long lotA = lot(userA, "SOLAR", "2026-01", 10, a.id());
		mvc.perform(get("/api/v1/power/certificates/{id}", lotB).with(basic(userA))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/power/certificates/{id}/history", lotB).with(basic(userA))).andExpect(status().isNotFound());
		transfer(userA, lotB, a.id()).andExpect(status().isNotFound());
		declare(userA, lotB).andExpect(status().isNotFound());
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026}".formatted(b.id())).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/power/certificates").with(basic(userA)))
			.andExpect(jsonPath("$[*].id").value(hasItem((int) lotA)))
			.andExpect(jsonPath("$[*].id").value(not(hasItem((int) lotB))));
		// an enterprise user enters lots for its own enterprise only
		enter(userA, GreenClaimFixture.code(), "WIND", "2026-01", 1, b.id(), false).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("holder_enterprise_id"));
		// a county officer sees its county's lots but cannot move them
		String county = fixtures.countyOfficer(WUTONGQIAO);
		mvc.perform(get("/api/v1/power/certificates/{id}", lotB).with(basic(county))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/power/certificates/{id}", lotA).with(basic(county))).andExpect(status().isNotFound());
		transfer(county, lotB, a.id()).andExpect(status().isForbidden());
		// huge numbers, long text, a future month
		enter(office, GreenClaimFixture.code(), "WIND", "2026-01", 1_000_000_000_000_000L, a.id(), false).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("mwh"));
		mvc.perform(post("/api/v1/power/certificates").with(basic(office)).contentType(MediaType.APPLICATION_JSON).content("""
				{"code": "%s", "project_name": "%s", "technology": "WIND", "production_month": "2027-01", "mwh": 1e308, "holder_enterprise_id": %d}"""
			.formatted(GreenClaimFixture.code(), "长".repeat(100_000), a.id()))).andExpect(status().isBadRequest());
		claim(userA, "{\"enterprise_id\": %d, \"year\": 2026, \"mwh\": 99999999999999999, \"note\": \"%s\"}".formatted(a.id(), "x".repeat(10_000)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/power/certificates/{id}", Long.MAX_VALUE).with(basic(office))).andExpect(status().isNotFound());
	}

	// ------------------------------------------------------------------ pages

	@Test
	void thePagesShowAnEnterpriseItsOwnLotsInChineseAndEnglish() throws Exception {
		String codeB = GreenClaimFixture.code();
		enter(office, codeB, "WIND", "2026-01", 10, b.id(), false).andExpect(status().isCreated());
		long lotA = lot(userA, "HYDRO", "2026-02", 10, a.id());
		String codeA = JsonPath.read(mvc.perform(get("/api/v1/power/certificates/{id}", lotA).with(basic(userA))).andReturn()
			.getResponse().getContentAsString(), "$.code");
		String zh = mvc.perform(get("/power/certificates").param("lot", "" + lotA).with(fixtures.as(userA))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("绿证台账", codeA, "水电", "批次 " + codeA + " 的变更记录").doesNotContain(codeB);
		String en = mvc.perform(get("/power/certificates").param("lang", "en").param("code", GOOD.substring(1)).with(fixtures.as(userA)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("Green certificate ledger", "has 31 characters");
		mvc.perform(get("/power/claims").param("lang", "en").with(fixtures.as(userA))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("Green electricity claims")));
		mvc.perform(get("/power/certificates/{x}", "nope").with(fixtures.as(userB))).andExpect(status().is4xxClientError());
	}
}
