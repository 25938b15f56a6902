package org.peakpilot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.AccountLinks;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Badges;
import org.peakpilot.inclusive.internal.Certificates;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.Mall;
import org.peakpilot.inclusive.internal.Rankings;
import org.peakpilot.inclusive.internal.TxnKind;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen side of the carbon-inclusive scheme (碳普惠, issue 14): sign-up, consents and account links, the home
 * page and its JSON, badges, certificates and their public verification, the points mall; a citizen sees only itself.
 * Trips are written as the trip intake stores them (a credited row and its EARN in the ledger), with the plan's
 * methodology LS-CM-001 V1. The clock stands at 2026-12-10 10:00 Beijing time.
 */
// Own context (shared with InclusiveCitizenBrowserTests): a fixed clock for months, badges and certificates
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-12-10T02:00:00Z",
		"peakpilot.test.schema=pp_inclusive_citizen", "peakpilot.inclusive.citizen-jobs.scheduled=false" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class InclusiveCitizenTests {

	static final AtomicInteger SEQ = new AtomicInteger();
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final String PASSWORD = "long-enough-pw";

	@Autowired
	MockMvc mvc;

	@Autowired
	Citizens citizens;

	@Autowired
	AccountLinks links;

	@Autowired
	Ledger ledger;

	@Autowired
	Mall mall;

	@Autowired
	Certificates certificates;

	@Autowired
	Badges badges;

	@Autowired
	Rankings rankings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	/** A unique mobile number. */
	static String phone() {
		return "1390000" + String.format("%04d", SEQ.incrementAndGet());
	}

	/** A citizen signed up with a fresh phone number: its id and login. */
	record Signed(long id, String login) {
		RequestPostProcessor basic() {
			return httpBasic(login, PASSWORD);
		}
	}

	Signed citizen(String name) {
		String login = phone();
		return new Signed(citizens.signUp(login, PASSWORD, name), login);
	}

	RequestPostProcessor page(Signed c) {
		var user = accounts.loadUserByUsername(c.login());
		return SecurityMockMvcRequestPostProcessors.user(user);
	}

	long partner(String name) {
		return jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, :n, 'TRANSIT') RETURNING id")
			.param("c", "P" + SEQ.incrementAndGet()).param("n", name).query(Long.class).single();
	}

	long methodology() {
		return jdbc.sql("SELECT id FROM inclusive_methodology WHERE code = 'LS-CM-001' AND version = 1").query(Long.class).single();
	}

	/** A credited trip as the intake stores it, and its points (= gCO2) earned in the ledger. */
	void trip(long citizen, long partner, String mode, OffsetDateTime start, long gco2) {
		long id = jdbc.sql("""
				INSERT INTO inclusive_trip (partner_id, external_id, citizen_id, mode, start_at, end_at, day, distance_km, status,
				                            methodology_id, gco2, points, received_at)
				VALUES (:p, :x, :c, :m, :s, :e, :d, 5.0, 'CREDITED', :meth, :g, :g, :s) RETURNING id
				""").param("p", partner).param("x", "T" + SEQ.incrementAndGet()).param("c", citizen).param("m", mode).param("s", start)
			.param("e", start.plusMinutes(20)).param("d", start.atZoneSameInstant(BEIJING).toLocalDate()).param("meth", methodology())
			.param("g", gco2).query(Long.class).single();
		earn(citizen, gco2, "trip:" + id);
	}

	void earn(long citizen, long points, String reference) {
		long from = ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT);
		long to = ledger.account(AccountKind.CITIZEN, String.valueOf(citizen), Asset.POINT);
		ledger.post(new Ledger.NewTxn(TxnKind.EARN, reference, "test", List.of(new Ledger.Posting(from, -points), new Ledger.Posting(to, points))));
	}

	static OffsetDateTime beijing(String localDateTime) {
		return java.time.LocalDateTime.parse(localDateTime).atZone(BEIJING).toOffsetDateTime();
	}

	static List<String> fields(InvalidInputException e) {
		return e.errors().stream().map(InputError::field).toList();
	}

	// ------------------------------------------------------------------------------------------- sign-up

	@Test
	void signUpRefusesBadInputNamingEachField() {
		assertThatThrownBy(() -> citizens.signUp("1234", "short", ""))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder("login", "password", "publicName"));
		// not a mainland mobile (12 digits, starts 12), not an e-mail, a name too long, a password beyond BCrypt's 72 bytes
		for (String bad : List.of("139000000001", "12900000000", "someone@@example.com", "a@b", "x".repeat(60) + "@example.com", "<script>@x.cn")) {
			assertThatThrownBy(() -> citizens.signUp(bad, PASSWORD, "绿行者")).as(bad)
				.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("login"));
		}
		assertThatThrownBy(() -> citizens.signUp(phone(), PASSWORD, "名".repeat(41)))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("publicName"));
		assertThatThrownBy(() -> citizens.signUp(phone(), "密".repeat(25), "绿行者"))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("password"));
		// the same phone typed another way, the same e-mail in capitals: taken
		String p = phone();
		citizens.signUp(p, PASSWORD, "绿行者");
		assertThatThrownBy(() -> citizens.signUp("+86 " + p, PASSWORD, "另一个"))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("login"));
		String mail = "walker" + SEQ.incrementAndGet() + "@example.com";
		citizens.signUp(mail, PASSWORD, "步行者");
		assertThatThrownBy(() -> citizens.signUp(mail.toUpperCase(), PASSWORD, "步行者2"))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("login"));
		// a citizen user has role CITIZEN and its login as typed
		org.springframework.security.core.userdetails.UserDetails user = accounts.loadUserByUsername(mail.toUpperCase());
		assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CITIZEN");
	}

	@Test
	void theSignUpPageSignsInOrGoesBackWithTheFieldsNamed() throws Exception {
		mvc.perform(get("/inclusive/signup")).andExpect(status().isOk()).andExpect(content().string(containsString("公开昵称")));
		mvc.perform(post("/inclusive/signup").with(csrf()).with(r -> { r.setRemoteAddr("10.1.0.1"); return r; })
			.param("login", "12345").param("password", "short").param("publicName", "绿行者"))
			.andExpect(redirectedUrl("/inclusive/signup"))
			.andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasSize(2)))
			.andExpect(flash().attribute("login", "12345"));
		String p = phone();
		MvcResult done = mvc.perform(post("/inclusive/signup").with(csrf()).with(r -> { r.setRemoteAddr("10.1.0.1"); return r; })
			.param("login", p).param("password", PASSWORD).param("publicName", "骑行侠"))
			.andExpect(redirectedUrl("/inclusive?welcome")).andReturn();
		// signed in: the session reaches the citizen's home
		mvc.perform(get("/inclusive").cookie(SessionRevocationTests.sessionCookie(done, null)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("骑行侠")));
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id WHERE u.username = :u AND u.role = 'CITIZEN'")
			.param("u", p).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void signUpsFromOneAddressAreThrottled() throws Exception {
		for (int i = 0; i < 10; i++) {
			mvc.perform(post("/inclusive/signup").with(csrf()).with(r -> { r.setRemoteAddr("10.2.0.2"); return r; })
				.param("login", "bad").param("password", "x").param("publicName", "x"))
				.andExpect(redirectedUrl("/inclusive/signup"))
				.andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.startsWith("login:")))));
		}
		mvc.perform(post("/inclusive/signup").with(csrf()).with(r -> { r.setRemoteAddr("10.2.0.2"); return r; })
			.param("login", phone()).param("password", PASSWORD).param("publicName", "x"))
			.andExpect(redirectedUrl("/inclusive/signup"))
			.andExpect(flash().attribute("errors", List.of(InputError.field("form", "too many sign-ups from this address; try again in an hour"))));
		// another address is not held up
		mvc.perform(post("/inclusive/signup").with(csrf()).with(r -> { r.setRemoteAddr("10.2.0.3"); return r; })
			.param("login", phone()).param("password", PASSWORD).param("publicName", "x"))
			.andExpect(redirectedUrl("/inclusive?welcome"));
	}

	// ------------------------------------------------------------------------------------------- consents and links

	@Test
	void aLinkResolvesForItsPartnerUntilTheConsentIsRevoked() {
		long citizen = citizen("骑行侠").id();
		long bus = partner("乐山公交（测试）");
		long bikes = partner("共享单车（测试）");
		String token = links.grant(citizen, bus);
		assertThat(links.resolve(bus, token)).contains(citizen);
		assertThat(links.resolve(bikes, token)).isEmpty();
		assertThat(links.resolve(bus, token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0"))).isEmpty();
		assertThat(links.resolve(bus, "ppl_" + "g".repeat(64))).isEmpty();
		assertThat(links.resolveAll(bus, List.of(token, "junk"))).containsExactly(Map.entry(token, citizen));
		long consent = links.consentsOf(citizen).stream().filter(c -> c.active() && c.scene().equals(AccountLinks.TRAVEL))
			.findFirst().orElseThrow().id();
		links.revokeConsent(citizen, consent);
		assertThat(links.resolve(bus, token)).isEmpty();
		// a new grant is a new token and a new consent; the old token stays dead
		String again = links.grant(citizen, bus);
		assertThat(links.resolve(bus, again)).contains(citizen);
		assertThat(links.resolve(bus, token)).isEmpty();
		// revoking the link stops it too
		long link = links.links(citizen).stream().filter(AccountLinks.Link::active).findFirst().orElseThrow().id();
		links.revokeLink(citizen, link);
		assertThat(links.resolve(bus, again)).isEmpty();
	}

	@Test
	void aCitizenRevokesOnlyItsOwnConsentsAndLinksOnItsPage() throws Exception {
		Signed a = citizen("甲");
		Signed b = citizen("乙");
		long bus = partner("乐山公交（测试）");
		mvc.perform(post("/inclusive/links").with(csrf()).with(page(a)).param("partnerId", String.valueOf(bus)))
			.andExpect(redirectedUrl("/inclusive/settings#links"))
			.andExpect(flash().attribute("newToken", org.hamcrest.Matchers.startsWith("ppl_")));
		long link = links.links(a.id()).get(0).id();
		long consent = links.consentsOf(a.id()).get(0).id();
		// b cannot revoke a's link or consent: not found, nothing changes
		mvc.perform(post("/inclusive/links/{id}/revoke", link).with(csrf()).with(page(b))).andExpect(status().isNotFound());
		mvc.perform(post("/inclusive/consents/{id}/revoke", consent).with(csrf()).with(page(b))).andExpect(status().isNotFound());
		assertThat(links.links(a.id()).get(0).active()).isTrue();
		mvc.perform(get("/inclusive/settings").with(page(a))).andExpect(status().isOk())
			.andExpect(content().string(containsString("乐山公交（测试）")));
		mvc.perform(post("/inclusive/consents/{id}/revoke", consent).with(csrf()).with(page(a))).andExpect(redirectedUrl("/inclusive/settings#consents"));
		assertThat(links.consentsOf(a.id()).get(0).active()).isFalse();
		// a partner that does not exist
		mvc.perform(post("/inclusive/links").with(csrf()).with(page(a)).param("partnerId", "999999999"))
			.andExpect(redirectedUrl("/inclusive/settings")).andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasSize(1)));
	}

	// ------------------------------------------------------------------------------------------- home and JSON

	@Test
	void theHomePageAndItsJsonShowTheCitizensOwnFiguresOnly() throws Exception {
		Signed a = citizen("绿行者A");
		Signed b = citizen("绿行者B");
		long bus = partner("乐山公交（测试）");
		trip(a.id(), bus, "BUS", beijing("2026-12-03T08:00"), 420);
		trip(a.id(), bus, "EBUS", beijing("2026-12-05T18:00"), 135);
		trip(a.id(), bus, "BUS", beijing("2026-11-28T08:00"), 1000); // last month: points, not this month's gCO2
		trip(b.id(), bus, "BUS", beijing("2026-12-04T08:00"), 777);
		long engage = ledger.account(AccountKind.ENGAGEMENT_ISSUANCE, "scheme", Asset.ENGAGEMENT);
		long aEngage = ledger.account(AccountKind.CITIZEN, String.valueOf(a.id()), Asset.ENGAGEMENT);
		ledger.post(new Ledger.NewTxn(TxnKind.ENGAGE, "quiz:1", "quiz", List.of(new Ledger.Posting(engage, -30), new Ledger.Posting(aEngage, 30))));

		mvc.perform(get("/api/v1/inclusive/me").with(a.basic())).andExpect(status().isOk())
			.andExpect(jsonPath("$.publicName").value("绿行者A"))
			.andExpect(jsonPath("$.points").value(1555))
			.andExpect(jsonPath("$.engagementPoints").value(30))
			.andExpect(jsonPath("$.month").value("2026-12"))
			.andExpect(jsonPath("$.monthGco2").value(555))
			.andExpect(jsonPath("$.methodologies[0]").value("LS-CM-001 V1"))
			.andExpect(jsonPath("$.recent.length()").value(3))
			.andExpect(jsonPath("$.recent[0].mode").value("EBUS"))
			.andExpect(jsonPath("$.recent[0].methodologyCode").value("LS-CM-001"))
			.andExpect(jsonPath("$.rank").doesNotExist());
		mvc.perform(get("/inclusive").with(page(a))).andExpect(status().isOk())
			.andExpect(content().string(containsString("1,555")))
			.andExpect(content().string(containsString("LS-CM-001 V1")))
			.andExpect(content().string(containsString("互动积分")))
			.andExpect(content().string(not(containsString("777"))))
			.andExpect(content().string(not(containsString("绿行者B"))));
		// staff and partners have no citizen account
		String office = new Fixtures(registry, accounts).cityOfficer();
		mvc.perform(get("/api/v1/inclusive/me").with(Fixtures.basic(office))).andExpect(status().isForbidden());
		mvc.perform(get("/inclusive").with(new Fixtures(registry, accounts).as(office))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/inclusive/me")).andExpect(status().isUnauthorized());
	}

	@Test
	void theRankingListsOptedInCitizensByPublicNameOnly() throws Exception {
		Signed a = citizen("排行甲");
		Signed b = citizen("排行乙");
		Signed hidden = citizen("不排行");
		long bus = partner("乐山公交（测试）");
		trip(a.id(), bus, "BUS", beijing("2026-12-02T08:00"), 500_000);
		trip(b.id(), bus, "BUS", beijing("2026-12-02T09:00"), 600_000);
		trip(hidden.id(), bus, "BUS", beijing("2026-12-02T10:00"), 900_000);
		citizens.setRankOptIn(a.id(), true);
		citizens.setRankOptIn(b.id(), true);
		rankings.refresh(java.time.YearMonth.of(2026, 12));
		var top = rankings.top(java.time.YearMonth.of(2026, 12), 50, a.id());
		assertThat(top).extracting(Rankings.Line::publicName).contains("排行甲", "排行乙").doesNotContain("不排行");
		assertThat(rankings.place(a.id(), java.time.YearMonth.of(2026, 12)).orElseThrow().rank())
			.isEqualTo(rankings.place(b.id(), java.time.YearMonth.of(2026, 12)).orElseThrow().rank() + 1);
		assertThat(rankings.place(hidden.id(), java.time.YearMonth.of(2026, 12))).isEmpty();
		mvc.perform(get("/api/v1/inclusive/me").with(a.basic())).andExpect(jsonPath("$.rank").isNumber());
		// opting out takes the citizen off at once, before the next refresh
		citizens.setRankOptIn(b.id(), false);
		assertThat(rankings.top(java.time.YearMonth.of(2026, 12), 50, a.id())).extracting(Rankings.Line::publicName).doesNotContain("排行乙");
		assertThat(links.consents(b.id(), AccountLinks.RANKING, null)).isFalse();
		assertThat(links.consents(a.id(), AccountLinks.RANKING, null)).isTrue();
	}

	// ------------------------------------------------------------------------------------------- badges

	@Test
	void badgesAreWonByTheRulesInThePlanFolder() throws Exception {
		Signed a = citizen("徽章达人");
		long bus = partner("乐山公交（测试）");
		long scene = jdbc.sql("""
				INSERT INTO inclusive_scene (code, name, kind, methodology_code, qr_token, opens_on, created_by)
				VALUES ('LESHAN-DAFO', '乐山大佛（测试）', 'SCENIC_SPOT', 'LS-CM-001', :q, DATE '2026-01-01', 'test')
				ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id
				""").param("q", "qr-" + SEQ.incrementAndGet()).query(Long.class).single();
		for (int day = 1; day <= 7; day++) {
			trip(a.id(), bus, "BUS", beijing("2026-12-0" + day + "T08:00"), 100);
		}
		assertThat(badges.evaluate(a.id(), LocalDate.of(2026, 12, 10))).containsExactlyInAnyOrder("FIRST_TRIP", "GREEN_WEEK");
		// a shuttle ride and a check-in at the Giant Buddha on the same day: the frame
		trip(a.id(), bus, "SHUTTLE", beijing("2026-12-08T09:00"), 300);
		jdbc.sql("""
				INSERT INTO inclusive_check_in (scene_id, citizen_id, day, at, methodology_id, gco2, points)
				VALUES (:s, :c, DATE '2026-12-08', :at, :m, 0, 0)
				""").param("s", scene).param("c", a.id()).param("at", beijing("2026-12-08T10:00")).param("m", methodology()).update();
		assertThat(badges.evaluate(a.id(), LocalDate.of(2026, 12, 10))).containsExactly("DAFO_SHUTTLE");
		assertThat(badges.evaluate(a.id(), LocalDate.of(2026, 12, 10))).isEmpty();
		// the citizen wears the frame it won, not one it has not
		mvc.perform(post("/inclusive/frame").with(csrf()).with(page(a)).param("code", "EMEI_SHUTTLE")).andExpect(redirectedUrl("/inclusive/badges"))
			.andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasSize(1)));
		mvc.perform(post("/inclusive/frame").with(csrf()).with(page(a)).param("code", "DAFO_SHUTTLE")).andExpect(redirectedUrl("/inclusive/badges"));
		assertThat(citizens.byId(a.id()).orElseThrow().avatarFrame()).isEqualTo("DAFO_SHUTTLE");
		mvc.perform(get("/inclusive/badges").with(page(a))).andExpect(status().isOk())
			.andExpect(content().string(containsString("乘接驳车游大佛")));
		// the nightly job finds the day's active citizens
		Signed b = citizen("夜间");
		trip(b.id(), bus, "BUS", beijing("2026-12-09T08:00"), 50);
		badges.evaluateActive(LocalDate.of(2026, 12, 9));
		assertThat(badges.won(b.id())).extracting(w -> w.badge().code()).containsExactly("FIRST_TRIP");
	}

	// ------------------------------------------------------------------------------------------- certificates

	@Test
	void aCertificateIsAPdfWithItsSerialAndItsPublicPageShowsTheFactsOnly() throws Exception {
		Signed a = citizen("证书达人");
		Signed b = citizen("旁人");
		long bus = partner("乐山公交（测试）");
		trip(a.id(), bus, "BUS", beijing("2026-11-03T08:00"), 12_345);
		// nothing in October; a malformed or future period
		mvc.perform(post("/inclusive/certificates").with(csrf()).with(page(a)).param("period", "2026-10"))
			.andExpect(redirectedUrl("/inclusive/certificates"))
			.andExpect(flash().attribute("errors", List.of(InputError.field("period", "no gCO2 avoided in 2026-10: nothing to certify"))));
		for (String bad : List.of("2027-01", "2026-13", "26-11", "2026-11' OR 1=1", "x".repeat(5000))) {
			mvc.perform(post("/inclusive/certificates").with(csrf()).with(page(a)).param("period", bad))
				.andExpect(redirectedUrl("/inclusive/certificates"))
				.andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.startsWith("period:")))));
		}
		MvcResult issued = mvc.perform(post("/inclusive/certificates").with(csrf()).with(page(a)).param("period", "2026-11")).andReturn();
		String serial = issued.getResponse().getRedirectedUrl().substring("/inclusive/certificates/".length());
		assertThat(serial).matches(Certificates.SERIAL_PATTERN);
		mvc.perform(get("/inclusive/certificates/{s}", serial).with(page(a))).andExpect(status().isOk())
			.andExpect(content().string(containsString("12,345")));

		byte[] pdf = mvc.perform(get("/inclusive/certificates/{s}.pdf", serial).with(page(a))).andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf")).andReturn().getResponse().getContentAsByteArray();
		java.nio.file.Files.write(java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots")).resolve("inclusive-certificate.pdf"), pdf);
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains(serial).contains("低碳环保证书").contains("证书达人").contains("12,345").contains("2026-11-01")
				.contains("LS-CM-001 V1");
			assertThat(text.replaceAll("\\s+", "")).contains("/public/inclusive/certificates/" + serial);
			assertThat(doc.getNumberOfPages()).isEqualTo(1);
		}
		assertThat(pdf.length).as("the font is embedded as a subset").isLessThan(400_000);

		// another citizen: neither the page nor the PDF (not found, not forbidden: a serial says nothing)
		mvc.perform(get("/inclusive/certificates/{s}.pdf", serial).with(page(b))).andExpect(status().isNotFound());
		mvc.perform(get("/inclusive/certificates/{s}", serial).with(page(b))).andExpect(status().isNotFound());

		// the public verification page: the facts, nothing else (no login, no ids, no trips)
		String publicPage = mvc.perform(get("/public/inclusive/certificates/{s}", serial)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(publicPage).contains(serial).contains("证书达人").contains("2026-11-01").contains("2026-11-30").contains("12,345")
			.contains("2026-12-10 10:00").doesNotContain(a.login()).doesNotContain("BUS").doesNotContain("公交");
		mvc.perform(get("/public/inclusive/certificates/{s}", "LSLC-2026-0000000000")).andExpect(status().isNotFound());
		mvc.perform(get("/public/inclusive/certificates/{s}", "<script>alert(1)</script>")).andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("<script>alert"))));
	}

	// ------------------------------------------------------------------------------------------- mall

	Mall.Item item(long partner, long price, int stock, int limit) {
		return SystemActor.call("test", () -> mall.create(new Mall.ItemForm(partner, "乐山大佛门票（测试）", null, price, stock, limit,
				LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)), null));
	}

	@Test
	void itemsAreValidatedAndRedemptionsPayThePartner() throws Exception {
		long park = partner("乐山大佛景区（测试）");
		assertThatThrownBy(() -> SystemActor.call("test", () -> mall.create(new Mall.ItemForm(null, "", "x".repeat(501), 0L, -1, 0,
				LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 1)), null)))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder("partnerId", "name",
					"description", "pointsPrice", "stock", "perCitizenLimit", "validTo"));
		Mall.Item ticket = item(park, 1000, 10, 1);
		Signed a = citizen("兑换者");
		earn(a.id(), 1500, "test:a");
		mvc.perform(get("/inclusive/mall").with(page(a))).andExpect(status().isOk()).andExpect(content().string(containsString("乐山大佛门票（测试）")));
		mvc.perform(post("/inclusive/mall/{id}/redeem", ticket.id()).with(csrf()).with(page(a)))
			.andExpect(redirectedUrl("/inclusive/mall")).andExpect(flash().attributeExists("redeemed"));
		assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(a.id()), Asset.POINT)).isEqualTo(500);
		assertThat(ledger.balance(AccountKind.PARTNER, String.valueOf(park), Asset.POINT)).isEqualTo(1000);
		// the limit of one per citizen; then not enough points for another item (nothing changes)
		mvc.perform(post("/inclusive/mall/{id}/redeem", ticket.id()).with(csrf()).with(page(a)))
			.andExpect(redirectedUrl("/inclusive/mall"))
			.andExpect(flash().attribute("errors", List.of(InputError.field("redeem", "limit of 1 per citizen reached for item " + ticket.id()))));
		Mall.Item other = item(park, 1000, 10, 5);
		mvc.perform(post("/inclusive/mall/{id}/redeem", other.id()).with(csrf()).with(page(a))).andExpect(redirectedUrl("/inclusive/mall"));
		assertThat(mall.item(other.id()).stock()).isEqualTo(10);
		assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(a.id()), Asset.POINT)).isEqualTo(500);
		mvc.perform(post("/inclusive/mall/{id}/redeem", 999999999L).with(csrf()).with(page(a))).andExpect(status().isNotFound());
		// no citizen-to-citizen transfer exists: no page or API path takes a receiving citizen
		mvc.perform(post("/inclusive/transfer").with(csrf()).with(page(a)).param("to", "1").param("points", "100"))
			.andExpect(status().isNotFound());
	}

	@Test
	void concurrentRedemptionsNeitherOversellNorPassTheLimit() throws Exception {
		long park = partner("峨眉山景区（测试）");
		Mall.Item ticket = item(park, 100, 5, 2);
		List<Signed> people = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Signed c = citizen("抢票" + i);
			earn(c.id(), 1000, "test:rush" + c.id());
			people.add(c);
		}
		ExecutorService pool = Executors.newFixedThreadPool(12);
		List<Future<Boolean>> tries = new ArrayList<>();
		try {
			// 6 citizens × 3 attempts each = 18 attempts at 5 tickets, at most 2 per citizen
			for (Signed c : people) {
				for (int k = 0; k < 3; k++) {
					Callable<Boolean> attempt = () -> {
						try {
							mall.redeem(c.id(), ticket.id());
							return true;
						}
						catch (RuleViolationException refused) {
							return false;
						}
					};
					tries.add(pool.submit(attempt));
				}
			}
			long ok = 0;
			for (Future<Boolean> f : tries) {
				ok += f.get() ? 1 : 0;
			}
			assertThat(ok).isEqualTo(5);
		}
		finally {
			pool.shutdown();
		}
		assertThat(mall.item(ticket.id()).stock()).isZero();
		long spent = 0;
		for (Signed c : people) {
			int mine = mall.redemptions(c.id()).size();
			assertThat(mine).isLessThanOrEqualTo(2);
			assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(c.id()), Asset.POINT)).isEqualTo(1000 - 100L * mine);
			spent += 100L * mine;
		}
		assertThat(ledger.balance(AccountKind.PARTNER, String.valueOf(park), Asset.POINT)).isEqualTo(spent).isEqualTo(500);
		assertThat(ledger.reconcile().ok()).isTrue();
	}

	@Test
	void theOfficeAndAPartnerEnterItemsAndACitizenCannot() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		String office = f.cityOfficer();
		long park = partner("乐山大佛景区（测试）");
		mvc.perform(post("/inclusive/office/mall").with(csrf()).with(f.as(office)).param("partnerId", String.valueOf(park))
			.param("name", "文创纪念品（测试）").param("pointsPrice", "300").param("stock", "20").param("perCitizenLimit", "1")
			.param("validFrom", "2026-12-01").param("validTo", "2027-03-31"))
			.andExpect(redirectedUrl("/inclusive/office/mall"));
		mvc.perform(get("/inclusive/office/mall").with(f.as(office))).andExpect(status().isOk()).andExpect(content().string(containsString("文创纪念品（测试）")));
		mvc.perform(post("/inclusive/office/mall").with(csrf()).with(f.as(office)).param("partnerId", String.valueOf(park))
			.param("name", "x").param("pointsPrice", "abc").param("stock", "1").param("perCitizenLimit", "1")
			.param("validFrom", "2026-12-01").param("validTo", "2027-03-31"))
			.andExpect(redirectedUrl("/inclusive/office/mall")).andExpect(flash().attributeExists("errors"));
		// a partner's user enters its own items only
		String partnerUser = f.user(Role.PARTNER, null, null, null, java.util.Set.of());
		long userId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", partnerUser).query(Long.class).single();
		jdbc.sql("INSERT INTO inclusive_partner_user (user_id, partner_id) VALUES (:u, :p)").param("u", userId).param("p", park).update();
		long elsewhere = partner("别家（测试）");
		mvc.perform(post("/inclusive/partner/mall").with(csrf()).with(f.as(partnerUser)).param("partnerId", String.valueOf(elsewhere))
			.param("name", "观光车票（测试）").param("pointsPrice", "200").param("stock", "3").param("perCitizenLimit", "1")
			.param("validFrom", "2026-12-01").param("validTo", "2026-12-31"))
			.andExpect(redirectedUrl("/inclusive/partner/mall"));
		assertThat(mall.items(park)).extracting(Mall.Item::name).contains("观光车票（测试）");
		assertThat(mall.items(elsewhere)).isEmpty();
		Signed c = citizen("路人");
		mvc.perform(get("/inclusive/office/mall").with(page(c))).andExpect(status().isForbidden());
		mvc.perform(get("/inclusive/partner/mall").with(page(c))).andExpect(status().isForbidden());
	}

	@Test
	void aCitizenDonatesItsOwnPointsToAnOpenEventOnly() throws Exception {
		Signed a = citizen("捐赠者");
		earn(a.id(), 300, "test:donor" + a.id());
		long organiser = jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, '零碳论坛主办方（测试）', 'EVENT_ORGANISER') RETURNING id")
			.param("c", "EV" + SEQ.incrementAndGet()).query(Long.class).single();
		long event = jdbc.sql("""
				INSERT INTO inclusive_event (serial, organiser_id, name, starts_on, ends_on, venue, county_code, created_by, created_at)
				VALUES (:s, :o, '乐山零碳论坛（测试）', DATE '2026-12-20', DATE '2026-12-21', '乐山会展中心', '511102', 'test', now()) RETURNING id
				""").param("s", "ZCE-T-" + SEQ.incrementAndGet()).param("o", organiser).query(Long.class).single();
		mvc.perform(get("/inclusive/mall").with(page(a))).andExpect(content().string(containsString("乐山零碳论坛（测试）")));
		mvc.perform(post("/inclusive/donate/{id}", event).with(csrf()).with(page(a)).param("points", "120"))
			.andExpect(redirectedUrl("/inclusive/mall#donate")).andExpect(flash().attributeExists("donated"));
		assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(a.id()), Asset.POINT)).isEqualTo(180);
		assertThat(ledger.balance(AccountKind.EVENT, String.valueOf(event), Asset.POINT)).isEqualTo(120);
		// more than it holds, zero, letters: refused, nothing moves
		for (String bad : List.of("181", "0", "-5", "abc", "99999999999999999999")) {
			mvc.perform(post("/inclusive/donate/{id}", event).with(csrf()).with(page(a)).param("points", bad))
				.andExpect(redirectedUrl("/inclusive/mall#donate")).andExpect(flash().attributeExists("errors"));
		}
		assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(a.id()), Asset.POINT)).isEqualTo(180);
		jdbc.sql("UPDATE inclusive_event SET donations_open = FALSE WHERE id = :e").param("e", event).update();
		mvc.perform(post("/inclusive/donate/{id}", event).with(csrf()).with(page(a)).param("points", "10"))
			.andExpect(redirectedUrl("/inclusive/mall#donate")).andExpect(flash().attributeExists("errors"));
		assertThat(ledger.balance(AccountKind.EVENT, String.valueOf(event), Asset.POINT)).isEqualTo(120);
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	/**
	 * The home page's queries read one citizen's rows through the indexes by citizen (inclusive_trip_citizen,
	 * inclusive_check_in_citizen, the ranking's primary key), whatever the size of the tables: with sequential scans
	 * switched off, each plan names its index (a query no index can serve would still scan).
	 */
	@Test
	void theHomePagesQueriesUseTheIndexesByCitizen() {
		Map<String, String> queries = Map.of(
				"inclusive_trip_citizen", """
						EXPLAIN SELECT t.start_at, t.gco2 FROM inclusive_trip t WHERE t.citizen_id = 1 ORDER BY t.start_at DESC LIMIT 10""",
				"inclusive_check_in_citizen", """
						EXPLAIN SELECT ci.at FROM inclusive_check_in ci WHERE ci.citizen_id = 1 ORDER BY ci.at DESC LIMIT 10""",
				"inclusive_trip_citizen ", """
						EXPLAIN SELECT coalesce(sum(t.gco2), 0) FROM inclusive_trip t WHERE t.citizen_id = 1
						  AND t.start_at >= TIMESTAMPTZ '2026-12-01 00:00+08' AND t.start_at < TIMESTAMPTZ '2027-01-01 00:00+08' AND t.status = 'CREDITED'""",
				"inclusive_rank_pkey", """
						EXPLAIN SELECT rank FROM inclusive_rank WHERE month = DATE '2026-12-01' AND citizen_id = 1""",
				"inclusive_certificate_serial_key", """
						EXPLAIN SELECT * FROM inclusive_certificate WHERE serial = 'LSLC-2026-0000000000'""");
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
			// statistics of a city's shape (many citizens, a month of credited trips each), rolled back with the
			// transaction: on empty tables every index costs the same and the planner may take the office's index of
			// credited trips by day, which at 50 M trips would read the whole month of every citizen
			long partner = partner("Stats-" + SEQ.incrementAndGet());
			jdbc.sql("""
					INSERT INTO app_user (username, display_name, password_hash, role, created_at, updated_at)
					SELECT 'stats-' || g, 'stats', '{noop}x', 'CITIZEN', now(), now() FROM generate_series(1, 400) g""").update();
			jdbc.sql("""
					INSERT INTO inclusive_citizen (user_id, public_name)
					SELECT id, 'stats' FROM app_user WHERE username LIKE 'stats-%'""").update();
			jdbc.sql("""
					INSERT INTO inclusive_trip (partner_id, external_id, citizen_id, mode, start_at, end_at, day, distance_km, status,
					                            methodology_id, gco2, points, received_at)
					SELECT :p, 'S' || c.id || '-' || g, c.id, 'BIKE', TIMESTAMPTZ '2026-12-01 08:00+08' + (g % 30) * INTERVAL '1 day',
					       TIMESTAMPTZ '2026-12-01 08:20+08' + (g % 30) * INTERVAL '1 day', DATE '2026-12-01' + (g % 30), 3, 'CREDITED',
					       :m, 815, 815, now()
					FROM inclusive_citizen c CROSS JOIN generate_series(1, 30) g WHERE c.public_name = 'stats'""")
				.param("p", partner).param("m", methodology()).update();
			jdbc.sql("ANALYZE inclusive_trip").update();
			jdbc.sql("SET LOCAL enable_seqscan = off").update();
			queries.forEach((index, sql) -> assertThat(String.join("\n", jdbc.sql(sql).query(String.class).list())).as(sql)
				.contains(index.strip()));
			tx.setRollbackOnly();
		});
	}

	@Test
	void theCitizenPagesRenderInEnglishToo() throws Exception {
		Signed a = citizen("Walker");
		for (String path : List.of("/inclusive", "/inclusive/badges", "/inclusive/certificates", "/inclusive/mall", "/inclusive/settings", "/inclusive/ranking")) {
			mvc.perform(get(path).param("lang", "en").with(page(a))).andExpect(status().isOk())
				.andExpect(content().string(not(containsString("??"))));
		}
		mvc.perform(get("/inclusive").param("lang", "en").with(page(a))).andExpect(content().string(containsString("Engagement points")));
		mvc.perform(get("/inclusive/welcome")).andExpect(status().isOk()).andExpect(content().string(containsString("手机号或邮箱")));
	}
}
