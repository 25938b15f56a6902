package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.peakpilot.inclusive.CarbonInclusive;
import org.peakpilot.inclusive.GreenTrips;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.AccountLinks;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.LedgerReconciliations;
import org.peakpilot.inclusive.internal.OfficeFigures;
import org.peakpilot.inclusive.internal.TripIntake;
import org.peakpilot.inclusive.internal.TxnKind;
import org.peakpilot.plan.IndicatorInformation;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The office's dashboard of the carbon-inclusive scheme (碳普惠运营看板, issue 14): its figures against fixture data
 * counted by hand, pushed through the partner API's crediting code (TripIntake) and the ledger; who may see it; the
 * bounded exports; the green-trip information beside indicators 24/25, labelled as information only.
 * <p>
 * Fixture (Beijing time; clock 2026-11-20 12:00): October 2026 (clock moved to 10-30): citizen A 2 buses on 10-29
 * (2 × 52 g, LS-CM-001 V1 PER_TRIP). November: A a bus on 11-19 (52 g) and a bike of 5 km on 11-19 ((271.8 − 0) × 5 =
 * 1359 g), B an e-bus of 10 km on 11-20 (26.9 × 10 = 269 g), C nothing; one trip with a forged link (refused, not
 * counted). November: trips BUS 1 (52 g), BIKE 1 (1359 g), EBUS 1 (269 g) = 3 trips, 1680 g; active users (30 days)
 * A and B = 2; October: 2 trips, 104 g. Tickets: 5 issued and 2 retired on 11-20 (ledger ISSUE and RETIRE).
 */
// Own context: city-wide totals counted by hand, a movable clock, the rollup refreshed on every read
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-11-20T04:00:00Z",
		"peakpilot.test.schema=pp_inclusive_office", "peakpilot.inclusive.office.refresh-after=PT0S" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class InclusiveOfficeTests {

	static final Instant START = Instant.parse("2026-11-20T04:00:00Z");
	static final AtomicInteger SEQ = new AtomicInteger();
	static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

	@Autowired
	MockMvc mvc;

	@Autowired
	MovableClock now;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Citizens citizens;

	@Autowired
	AccountLinks links;

	@Autowired
	TripIntake intake;

	@Autowired
	Ledger ledger;

	@Autowired
	OfficeFigures figures;

	@Autowired
	LedgerReconciliations reconciliations;

	@Autowired
	CarbonInclusive inclusive;

	@Autowired
	List<IndicatorInformation> information;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	@BeforeEach
	void resetClock() {
		now.set(START);
	}

	static String phone() {
		return "1370000" + String.format("%04d", SEQ.incrementAndGet());
	}

	long partner() {
		return jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, :n, 'TRANSIT') RETURNING id")
			.param("c", "OFFICE" + SEQ.incrementAndGet()).param("n", "示例公交（测试）").query(Long.class).single();
	}

	static TripIntake.TripIn trip(String token, String mode, String start, int minutes, String km) {
		OffsetDateTime s = OffsetDateTime.parse(start + ":00+08:00");
		return new TripIntake.TripIn("t" + SEQ.incrementAndGet(), token, mode, s, s.plusMinutes(minutes), km == null ? null : new BigDecimal(km),
				km == null ? 5 : null);
	}

	@Test
	void theDashboardShowsTheFiguresCountedByHand() throws Exception {
		long partner = partner();
		// October, pushed while October's claim window was open
		now.set(Instant.parse("2026-10-30T04:00:00Z"));
		long a = citizens.signUp(phone(), "long-enough-pw", "甲（测试）");
		String tokenA = links.grant(a, partner);
		List<TripIntake.TripAnswer> october = intake.post(partner,
				List.of(trip(tokenA, "BUS", "2026-10-29T08:00", 20, null), trip(tokenA, "BUS", "2026-10-29T18:00", 20, null)));
		assertThat(october).extracting(TripIntake.TripAnswer::points).containsExactly(52L, 52L);

		now.set(START);
		long b = citizens.signUp(phone(), "long-enough-pw", "乙（测试）");
		citizens.signUp(phone(), "long-enough-pw", "丙（测试）");
		String tokenB = links.grant(b, partner);
		List<TripIntake.TripAnswer> november = intake.post(partner, List.of(trip(tokenA, "BUS", "2026-11-19T08:00", 20, null),
				trip(tokenA, "BIKE", "2026-11-19T12:00", 25, "5.0"), trip(tokenB, "EBUS", "2026-11-20T09:00", 30, "10.0"),
				trip("ppl_" + "0".repeat(64), "BUS", "2026-11-20T10:00", 20, null)));
		assertThat(november).extracting(TripIntake.TripAnswer::points).containsExactly(52L, 1359L, 269L, 0L);

		// tickets through the ledger: 5 issued to a holder, 2 of them retired
		long holder = ledger.account(AccountKind.TICKET_HOLDER, "office-test", Asset.TICKET);
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(s -> {
			ledger.post(new Ledger.NewTxn(TxnKind.ISSUE, "ticket:office-test", "test", List.of(
					new Ledger.Posting(ledger.account(AccountKind.TICKET_ISSUANCE, "scheme", Asset.TICKET), -5), new Ledger.Posting(holder, 5))));
			ledger.post(new Ledger.NewTxn(TxnKind.RETIRE, "ticket-retirement:office-test", "test", List.of(
					new Ledger.Posting(holder, -2), new Ledger.Posting(ledger.account(AccountKind.RETIRED, "scheme", Asset.TICKET), 2))));
		});

		String office = fixtures.cityOfficer();
		assertThat(figures.dashboard(YearMonth.of(2026, 11)).reconciliation().at()).isNull();
		SystemActor.call("test", () -> reconciliations.run(LedgerReconciliations.Trigger.OFFICE));
		OfficeFigures.Dashboard d = figures.dashboard(YearMonth.of(2026, 11));
		assertThat(d.reconciliation().ok()).isTrue();
		assertThat(d.reconciliation().transactions()).isEqualTo(jdbc.sql("SELECT count(*) FROM inclusive_ledger_txn").query(Long.class).single());
		assertThat(d.users()).isEqualTo(3);
		assertThat(d.newUsers()).isEqualTo(2);
		assertThat(d.activeUsers()).isEqualTo(2);
		assertThat(d.trips()).isEqualTo(3);
		assertThat(d.gco2()).isEqualTo(52 + 1359 + 269);
		assertThat(d.modes()).extracting(m -> m.mode() + " " + m.trips() + " " + m.gco2())
			.containsExactly("BIKE 1 1359", "BUS 1 52", "EBUS 1 269");
		assertThat(d.days()).hasSize(20);
		assertThat(d.ticketsIssued()).isEqualTo(5);
		assertThat(d.ticketsRetired()).isEqualTo(2);

		OfficeFigures.Dashboard oct = figures.dashboard(YearMonth.of(2026, 10));
		assertThat(oct.trips()).isEqualTo(2);
		assertThat(oct.gco2()).isEqualTo(104);
		assertThat(oct.newUsers()).isEqualTo(1);
		assertThat(oct.ticketsIssued()).isZero();
		assertThat(oct.days()).hasSize(31);

		// the page and the API show the same figures
		mvc.perform(get("/inclusive/office").param("month", "2026-11").with(fixtures.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"trips\">3<")))
			.andExpect(content().string(containsString("id=\"gco2\">1,680<")))
			.andExpect(content().string(containsString("id=\"tickets-issued\">5<")))
			.andExpect(content().string(containsString("id=\"reconciliation-status\" class=\"status status-ACHIEVED\"")));
		mvc.perform(get("/api/v1/inclusive/office/dashboard").param("month", "2026-10").with(Fixtures.basic(office)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.trips").value(2)).andExpect(jsonPath("$.gco2").value(104))
			.andExpect(jsonPath("$.days[0].mode").value("BUS")).andExpect(jsonPath("$.days[0].day").value("2026-10-29"));

		// the year's green trips for the indicators: October and November, by mode, with the methodology version
		GreenTrips year = inclusive.greenTrips(Year.of(2026));
		assertThat(year.trips()).isEqualTo(5);
		assertThat(year.gco2()).isEqualTo(104 + 1680);
		assertThat(year.modes()).filteredOn(m -> m.mode().equals("BUS")).singleElement()
			.satisfies(m -> assertThat(m.trips()).isEqualTo(3)).satisfies(m -> assertThat(m.methodologies()).containsExactly("LS-CM-001 V1"));
		List<IndicatorInformation.Note> notes = SystemActor.call("test", () -> information.stream()
			.flatMap(i -> i.about("24", Locale.SIMPLIFIED_CHINESE).stream()).toList());
		assertThat(notes).singleElement().satisfies(n -> {
			assertThat(n.disclaimer()).isEqualTo("碳普惠数据，仅供参考，不作为上报数据");
			assertThat(n.lines().get(0).value()).isEqualByComparingTo("5");
			assertThat(n.source()).contains("LS-CM-001 V1");
		});
		assertThat(information.stream().flatMap(i -> i.about("1", Locale.SIMPLIFIED_CHINESE).stream())).isEmpty();

		// the trips export: the days and modes of the period
		byte[] xlsx = mvc.perform(get("/inclusive/office/export/trips").param("from", "2026-10-01").param("to", "2026-11-30")
			.with(fixtures.as(office))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet s = wb.getSheetAt(0);
			List<String> rows = new ArrayList<>();
			for (int r = 1; r <= 4; r++) {
				rows.add(s.getRow(r).getCell(0).getStringCellValue() + " " + s.getRow(r).getCell(1).getStringCellValue() + " "
						+ (long) s.getRow(r).getCell(3).getNumericCellValue() + " " + (long) s.getRow(r).getCell(4).getNumericCellValue());
			}
			assertThat(rows).containsExactly("2026-10-29 BUS 2 104", "2026-11-19 BIKE 1 1359", "2026-11-19 BUS 1 52", "2026-11-20 EBUS 1 269");
		}
		// the ledger export: the period's postings, the retirement among them
		xlsx = mvc.perform(get("/inclusive/office/export/ledger").param("from", "2026-11-20").param("to", "2026-11-20")
			.with(fixtures.as(office))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet s = wb.getSheetAt(0);
			List<String> kinds = new ArrayList<>();
			for (int r = 1; s.getRow(r) != null && s.getRow(r).getCell(2) != null; r++) {
				kinds.add(s.getRow(r).getCell(2).getStringCellValue() + " " + s.getRow(r).getCell(5).getStringCellValue() + " "
						+ (long) s.getRow(r).getCell(8).getNumericCellValue());
			}
			assertThat(kinds).contains("ISSUE TICKET_HOLDER 5", "RETIRE RETIRED 2", "EARN CITIZEN 269");
		}
	}

	@Test
	void citizensPartnersAndOtherStaffCannotReachTheOfficePagesNorItsApi() throws Exception {
		String login = phone();
		citizens.signUp(login, "long-enough-pw", "市民（测试）");
		String partnerUser = fixtures.user(Role.PARTNER, null, null, null, Set.of());
		String countyOfficer = fixtures.countyOfficer(Counties.SHIZHONG);
		for (String path : List.of("/inclusive/office", "/inclusive/office/export/trips?from=2026-11-01&to=2026-11-02",
				"/inclusive/office/export/ledger?from=2026-11-01&to=2026-11-02", "/inclusive/office/work-summary")) {
			mvc.perform(get(path).with(fixtures.as(login))).andExpect(status().isForbidden());
			mvc.perform(get(path).with(fixtures.as(partnerUser))).andExpect(status().isForbidden());
			mvc.perform(get(path).with(fixtures.as(countyOfficer))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/inclusive/office/dashboard").with(httpBasic(login, "long-enough-pw"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/inclusive/office/dashboard").with(Fixtures.basic(partnerUser))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/inclusive/office/dashboard").with(Fixtures.basic(countyOfficer))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/inclusive/office/dashboard")).andExpect(status().isUnauthorized());
		// the staff navigation links the dashboard for the city office only
		String office = fixtures.cityOfficer();
		mvc.perform(get("/work").with(fixtures.as(office))).andExpect(content().string(containsString("id=\"nav-inclusive\"")))
			.andExpect(content().string(containsString("/inclusive/office/work-summary")));
		mvc.perform(get("/inclusive/office/work-summary").with(fixtures.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"inclusive-work\"")));
		mvc.perform(get("/work").with(fixtures.as(countyOfficer))).andExpect(content().string(not(containsString("id=\"nav-inclusive\""))));
	}

	@Test
	void exportsAndMonthsAreBounded() throws Exception {
		String office = fixtures.cityOfficer();
		// a huge period, an inverted one, a ledger period over 31 days: 400 before any query
		mvc.perform(get("/inclusive/office/export/trips").param("from", "2020-01-01").param("to", "2099-12-31").with(fixtures.as(office)))
			.andExpect(status().isBadRequest())
			.andExpect(r -> assertThat(r.getResolvedException()).hasMessageContaining("at most 366 days"));
		mvc.perform(get("/inclusive/office/export/trips").param("from", "2026-11-02").param("to", "2026-11-01").with(fixtures.as(office)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/inclusive/office/export/ledger").param("from", "2026-01-01").param("to", "2026-11-20").with(fixtures.as(office)))
			.andExpect(status().isBadRequest())
			.andExpect(r -> assertThat(r.getResolvedException()).hasMessageContaining("at most 31 days"));
		mvc.perform(get("/inclusive/office/export/ledger").param("from", "0001-01-01").param("to", "0001-01-02").with(fixtures.as(office)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/inclusive/office/export/trips").param("from", "not-a-date").param("to", "2026-11-01").with(fixtures.as(office)))
			.andExpect(status().isBadRequest());
		// months: from 2020-01 to this month only
		mvc.perform(get("/inclusive/office").param("month", "2027-01").with(fixtures.as(office))).andExpect(status().isBadRequest());
		mvc.perform(get("/inclusive/office").param("month", "1999-12").with(fixtures.as(office))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/inclusive/office/dashboard").param("month", "2026-13").with(Fixtures.basic(office)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("month"));
		mvc.perform(get("/api/v1/inclusive/office/dashboard").param("month", "x".repeat(5000)).with(Fixtures.basic(office)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/inclusive/office/dashboard").param("month", "2031-01").with(Fixtures.basic(office)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("month"));
	}

	/**
	 * The dashboard in a real headless Chromium, Chinese and English, after a week of made-up trips of four citizens;
	 * and indicator 24's page with the scheme's information beside it. Runs after the tests above (a nested class), so
	 * their counts by hand stay exact. Screenshots: {@code target/screenshots/inclusive-office-*.png}.
	 */
	@Nested
	class InTheBrowser {

		@RegisterExtension
		static final Browser browser = new Browser("chromedriver-inclusive-office.log");

		@Test
		void theOfficeSeesTheDashboardInChineseAndEnglish() throws Exception {
			long partner = partner();
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				now.set(Instant.parse("2026-11-13T01:00:00Z"));
				tokens.add(links.grant(citizens.signUp(phone(), "long-enough-pw", "浏览器" + i + "（测试）"), partner));
			}
			for (int d = 13; d <= 20; d++) {
				now.set(d == 20 ? START : Instant.parse("2026-11-%02dT13:00:00Z".formatted(d)));
				List<TripIntake.TripIn> trips = new ArrayList<>();
				for (int i = 0; i < tokens.size(); i++) {
					if ((d + i) % 3 != 0) {
						trips.add(trip(tokens.get(i), i % 2 == 0 ? "BUS" : "EBUS", "2026-11-%02dT0%d:00".formatted(d, 7 + i % 2), 25, i % 2 == 0 ? null : "8.5"));
					}
					if ((d + i) % 2 == 0) {
						trips.add(trip(tokens.get(i), "BIKE", "2026-11-%02dT11:00".formatted(d), 20, "3.2"));
					}
				}
				intake.post(partner, trips);
			}
			now.set(START);
			String office = fixtures.cityOfficer();

			browser.signIn(office);
			browser.find(By.id("nav-inclusive")).click();
			browser.waitUntil().until(ExpectedConditions.urlContains("/inclusive/office"));
			browser.awaitCanvas("#trips-chart canvas");
			browser.awaitCanvas("#gco2-chart canvas");
			assertThat(browser.find(By.id("trips")).getText()).isNotEqualTo("0");
			assertThat(browser.find(By.cssSelector("#modes tbody")).getText()).contains("骑行").contains("纯电动公交");
			browser.assertNoScriptErrors();
			browser.screenshot("inclusive-office-zh.png");

			browser.open("/inclusive/office?lang=en");
			browser.awaitCanvas("#trips-chart canvas");
			assertThat(browser.find(By.tagName("h1")).getText()).contains("Carbon-inclusive scheme dashboard");
			browser.assertNoScriptErrors();
			browser.screenshot("inclusive-office-en.png");

			browser.open("/plan/items/24?lang=zh_CN");
			assertThat(browser.find(By.cssSelector(".indicator-note .note-disclaimer")).getText()).isEqualTo("碳普惠数据，仅供参考，不作为上报数据");
			browser.screenshot("inclusive-office-indicator-24-zh.png");
		}
	}
}
