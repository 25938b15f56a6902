package org.peakpilot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.AccountLinks;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.PartnerSecrets;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Partners' green trips (碳普惠, issue 14) through the signed operator API on Leshan's seeded methodology LS-CM-001 V1
 * (reference/green_travel.csv and green_travel_reductions.csv), the clock at 2026-12-10 10:00 Beijing time. Figures by
 * hand, 1 point = 1 gCO2 rounded down to whole grams:
 * WALK 2.5 km: (271.8 − 0) × 2.5 = 679.5 → 679 (Beijing private-car baseline, walking 0 [convention]);
 * BIKE 5 km: (271.8 − 0) × 5 = 1,359; METRO 10 km: (271.8 − 61.4) × 10 = 2,104 (Beijing metro 61.4 g/pkm);
 * EBUS 6.4 km: 26.9 × 6.4 = 172.16 → 172 (Shenzhen e-bus reduction); BUS 9 stops: 52 per trip (Wuhan);
 * SHUTTLE: no verified factor → MODE_NOT_CONFIGURED. Σ = 679 + 1,359 + 2,104 + 172 + 52 = 4,366.
 */
// Own context: a fixed clock (claim window, Beijing days) and partners, citizens and links of its own
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-12-10T02:00:00Z",
		"peakpilot.test.schema=pp_inclusive_trips" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InclusiveTripTests {

	static final String TRIPS = "/api/v1/inclusive/trips";
	static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Citizens citizens;

	@Autowired
	AccountLinks links;

	@Autowired
	Ledger ledger;

	@Autowired
	JdbcClient jdbc;

	Fixtures f;
	String admin;
	String officer;
	Partner bus;
	Partner bikes;

	/** A partner; {@code as} signs requests in as its user, made once (loading a user takes two pool connections at once). */
	record Partner(long id, String user, String secret, org.springframework.test.web.servlet.request.RequestPostProcessor as) {
	}

	@BeforeAll
	void partners() throws Exception {
		f = new Fixtures(registry, accounts);
		admin = f.user(Role.CITY_ADMIN, null, null, null, Set.of());
		officer = f.cityOfficer();
		bus = partner("TRANSIT");
		bikes = partner("BIKE_SHARE");
	}

	Partner partner(String kind) throws Exception {
		int n = SEQ.incrementAndGet();
		String body = mvc.perform(post("/api/v1/inclusive/partners").with(basic(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"code": "TP-%d", "name": "测试合作方 %d", "kind": "%s", "username": "trip-partner-%d"}""".formatted(n, n, kind, n)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String user = JsonPath.read(body, "$.username");
		return new Partner(((Number) JsonPath.read(body, "$.id")).longValue(), user, JsonPath.read(body, "$.signingSecret"), f.as(user));
	}

	long citizen() {
		return citizens.signUp("1380001" + String.format("%04d", SEQ.incrementAndGet()), "long-enough-pw", "绿行者" + SEQ.get());
	}

	long balance(long citizen) {
		return ledger.balance(AccountKind.CITIZEN, String.valueOf(citizen), Asset.POINT);
	}

	static String trip(String id, String token, String mode, String start, String end, String km, Integer stops) {
		return """
				{"externalId": "%s", "linkToken": "%s", "mode": "%s", "startAt": "%s", "endAt": "%s"%s%s}""".formatted(id, token, mode,
				start, end, km == null ? "" : ", \"distanceKm\": " + km, stops == null ? "" : ", \"stops\": " + stops);
	}

	static String batch(String... trips) {
		return "{\"trips\": [" + String.join(",", trips) + "]}";
	}

	static String at(String day, String time) {
		return day + "T" + time + ":00+08:00";
	}

	ResultActions send(Partner p, String body) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return mvc.perform(post(TRIPS).with(p.as()).contentType(MediaType.APPLICATION_JSON).content(bytes)
			.header(PartnerSecrets.HEADER, PartnerSecrets.sign(p.secret(), bytes)));
	}

	String sent(Partner p, String body) throws Exception {
		return send(p, body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	static String id() {
		return "t-" + SEQ.incrementAndGet();
	}

	@Test
	void eachSeededModeIsCreditedByTheHandComputedFigureWithItsMethodology() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		String d = "2026-12-10";
		String body = sent(bus, batch(trip(id(), token, "WALK", at(d, "06:00"), at(d, "06:30"), "2.5", null),
				trip(id(), token, "BIKE", at(d, "06:40"), at(d, "07:00"), "5", null),
				trip(id(), token, "METRO", at(d, "07:10"), at(d, "07:30"), "10", null),
				trip(id(), token, "EBUS", at(d, "07:40"), at(d, "08:02"), "6.4", null),
				trip(id(), token, "BUS", at(d, "08:10"), at(d, "08:35"), null, 9),
				trip(id(), token, "SHUTTLE", at(d, "08:40"), at(d, "08:50"), "3", null)));
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].status")).containsExactly("CREDITED", "CREDITED", "CREDITED", "CREDITED", "CREDITED", "REFUSED");
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].points")).containsExactly(679, 1359, 2104, 172, 52, 0);
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[0:5].methodologyCode")).containsOnly("LS-CM-001");
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[0:5].methodologyVersion")).containsOnly(1);
		assertThat(JsonPath.<String>read(body, "$.trips[5].reason")).isEqualTo("MODE_NOT_CONFIGURED");
		assertThat(JsonPath.<Integer>read(body, "$.credited")).isEqualTo(5);
		assertThat(balance(c)).isEqualTo(679 + 1359 + 2104 + 172 + 52);
	}

	@Test
	void theSameBatchSentTwiceAnswersDuplicatesAndChangesNoBalance() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		String d = "2026-12-09";
		String b = batch(trip(id(), token, "EBUS", at(d, "07:40"), at(d, "08:02"), "6.4", null),
				trip(id(), token, "SHUTTLE", at(d, "09:00"), at(d, "09:10"), "2", null));
		sent(bus, b);
		assertThat(balance(c)).isEqualTo(172);
		String again = sent(bus, b);
		assertThat(JsonPath.<List<Object>>read(again, "$.trips[*].status")).containsExactly("DUPLICATE", "DUPLICATE");
		assertThat(JsonPath.<List<Object>>read(again, "$.trips[*].original")).containsExactly("CREDITED", "REFUSED");
		assertThat(JsonPath.<List<Object>>read(again, "$.trips[*].points")).containsExactly(172, 0);
		assertThat(JsonPath.<String>read(again, "$.trips[1].reason")).isEqualTo("MODE_NOT_CONFIGURED");
		assertThat(balance(c)).isEqualTo(172);
	}

	@Test
	void theSamePhysicalTripFromTwoPartnersCountsOnce() throws Exception {
		long c = citizen();
		String busToken = links.grant(c, bus.id());
		String bikeToken = links.grant(c, bikes.id());
		String d = "2026-12-08";
		sent(bus, batch(trip(id(), busToken, "EBUS", at(d, "08:00"), at(d, "08:30"), "5", null)));
		String second = sent(bikes, batch(trip(id(), bikeToken, "BIKE", at(d, "08:10"), at(d, "08:20"), "2", null),
				trip(id(), bikeToken, "BIKE", at(d, "08:30"), at(d, "08:40"), "2", null)));
		// 26.9 × 5 = 134.5 → 134; the second partner's overlapping ride is refused, the one after it (from 08:30) credited: 271.8 × 2 = 543.6 → 543
		assertThat(JsonPath.<List<Object>>read(second, "$.trips[*].status")).containsExactly("REFUSED", "CREDITED");
		assertThat(JsonPath.<String>read(second, "$.trips[0].reason")).isEqualTo("OVERLAPPING_TRIP");
		assertThat(balance(c)).isEqualTo(134 + 543);
	}

	@Test
	void aTripEndingBeforeTheSevenDayClaimWindowIsRefused() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		// now 2026-12-10 10:00 Beijing; the window opens 2026-12-03 10:00
		String body = sent(bus, batch(trip(id(), token, "BUS", at("2026-12-03", "09:00"), at("2026-12-03", "09:30"), null, 5),
				trip(id(), token, "BUS", at("2026-12-03", "10:00"), at("2026-12-03", "10:30"), null, 5)));
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].status")).containsExactly("REFUSED", "CREDITED");
		assertThat(JsonPath.<String>read(body, "$.trips[0].reason")).isEqualTo("OUTSIDE_CLAIM_WINDOW");
		assertThat(balance(c)).isEqualTo(52);
	}

	@Test
	void theDailyCapCreditsTheRemainderThenRefuses() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		String d = "2026-12-07";
		// WALK cap 2,000 per day (inclusive-trips.properties); 3 km each: 271.8 × 3 = 815.4 → 815
		String body = sent(bus, batch(trip(id(), token, "WALK", at(d, "07:00"), at(d, "07:40"), "3", null),
				trip(id(), token, "WALK", at(d, "08:00"), at(d, "08:40"), "3", null),
				trip(id(), token, "WALK", at(d, "09:00"), at(d, "09:40"), "3", null),
				trip(id(), token, "WALK", at(d, "10:00"), at(d, "10:40"), "3", null),
				trip(id(), token, "WALK", at("2026-12-08", "07:00"), at("2026-12-08", "07:40"), "3", null)));
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].status")).containsExactly("CREDITED", "CREDITED", "CREDITED", "REFUSED", "CREDITED");
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].points")).containsExactly(815, 815, 370, 0, 815);
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].capped")).containsExactly(false, false, true, false, false);
		assertThat(JsonPath.<String>read(body, "$.trips[3].reason")).isEqualTo("DAILY_CAP_REACHED");
		assertThat(balance(c)).isEqualTo(2000 + 815);
	}

	@Test
	void anImpossibleSpeedIsFlaggedAndTheOfficeAcceptsOrRejects() throws Exception {
		long c = citizen();
		String token = links.grant(c, bikes.id());
		String d = "2026-12-06";
		String accepted = id();
		String rejected = id();
		// BIKE at most 35 km/h: 10 km in 10 min = 60 km/h; 271.8 × 10 = 2,718
		String body = sent(bikes, batch(trip(accepted, token, "BIKE", at(d, "07:00"), at(d, "07:10"), "10", null),
				trip(rejected, token, "BIKE", at(d, "09:00"), at(d, "09:05"), "8", null)));
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].status")).containsExactly("FLAGGED", "FLAGGED");
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].reason")).containsOnly("IMPOSSIBLE_SPEED");
		assertThat(JsonPath.<Integer>read(body, "$.trips[0].gco2")).isEqualTo(2718);
		assertThat(balance(c)).isZero();
		long a = tripId(bikes, accepted);
		long r = tripId(bikes, rejected);
		mvc.perform(get("/inclusive/office/anomalies").with(f.as(officer))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(org.hamcrest.Matchers.containsString(accepted)));
		mvc.perform(post("/inclusive/office/anomalies/{id}/accept", a).with(f.as(officer))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/inclusive/office/anomalies/{id}/reject", r).with(f.as(officer))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(balance(c)).isEqualTo(2718);
		String again = sent(bikes, batch(trip(accepted, token, "BIKE", at(d, "07:00"), at(d, "07:10"), "10", null),
				trip(rejected, token, "BIKE", at(d, "09:00"), at(d, "09:05"), "8", null)));
		assertThat(JsonPath.<List<Object>>read(again, "$.trips[*].original")).containsExactly("CREDITED", "REJECTED");
		assertThat(balance(c)).isEqualTo(2718);
		// a citizen or a partner never reaches the review
		mvc.perform(post("/inclusive/office/anomalies/{id}/accept", r).with(f.as(bikes.user()))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isForbidden());
	}

	String citizenUser(long citizenId) {
		return jdbc.sql("SELECT u.username FROM app_user u JOIN inclusive_citizen c ON c.user_id = u.id WHERE c.id = :c")
			.param("c", citizenId).query(String.class).single();
	}

	@Test
	void theOfficeAddsAVersionWithAnUnverifiedFigureAndACitizenChecksInOncePerDay() throws Exception {
		mvc.perform(get("/inclusive/office/methodologies").with(f.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("LS-CM-001 V1"))).andExpect(content().string(containsString("271.8")))
			.andExpect(content().string(containsString("[not found]"))).andExpect(content().string(containsString("Shenzhen")));
		// a first day before V1's is refused naming the field; nothing is created
		mvc.perform(post("/inclusive/office/methodologies").with(f.as(officer)).with(csrf()).param("code", "LS-CM-002")
			.param("kind", "CHECK_IN").param("nameZh", "景区打卡").param("nameEn", "Check-in").param("validFrom", "2025-01-01")
			.param("factors[0].include", "true").param("factors[0].mode", "VISIT").param("factors[0].basis", "PER_VISIT")
			.param("factors[0].value", "100").param("factors[0].valueSource", "乐山市生态环境局 2026 年设定（测试）")
			.param("factors[0].valueTag", "[office-set] test"))
			.andExpect(status().is3xxRedirection()).andExpect(r -> assertThat((List<?>) r.getFlashMap().get("errors"))
				.extracting(e -> ((org.peakpilot.platform.InputError) e).field()).containsExactly("validFrom"));
		mvc.perform(post("/inclusive/office/methodologies").with(f.as(officer)).with(csrf()).param("code", "LS-CM-002")
			.param("kind", "CHECK_IN").param("nameZh", "景区打卡").param("nameEn", "Check-in").param("validFrom", "2026-12-10")
			.param("factors[0].include", "true").param("factors[0].mode", "VISIT").param("factors[0].basis", "PER_VISIT")
			.param("factors[0].value", "100").param("factors[0].valueSource", "乐山市生态环境局 2026 年设定（测试）")
			.param("factors[0].valueTag", "[office-set] test"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("created", "LS-CM-002 V2"));
		// a citizen or a partner never reaches the office's pages
		long c = citizen();
		String user = citizenUser(c);
		mvc.perform(get("/inclusive/office/methodologies").with(f.as(user))).andExpect(status().isForbidden());
		mvc.perform(post("/inclusive/office/scenes").with(f.as(officer)).with(csrf()).param("code", "LSDF-" + SEQ.incrementAndGet())
			.param("name", "乐山大佛").param("kind", "SCENIC_SPOT").param("methodologyCode", "LS-CM-002").param("opensOn", "2026-12-01"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/inclusive/office/scenes").with(f.as(officer)).with(csrf()).param("code", "EMS-" + SEQ.incrementAndGet())
			.param("name", "峨眉山").param("kind", "SCENIC_SPOT").param("methodologyCode", "LS-CM-002").param("opensOn", "2026-12-20"))
			.andExpect(status().is3xxRedirection());
		Map<String, Object> buddha = jdbc.sql("SELECT id, qr_token FROM inclusive_scene WHERE name = '乐山大佛' ORDER BY id DESC LIMIT 1").query().singleRow();
		String closed = jdbc.sql("SELECT qr_token FROM inclusive_scene WHERE name = '峨眉山' ORDER BY id DESC LIMIT 1").query(String.class).single();
		byte[] png = mvc.perform(get("/inclusive/office/scenes/{id}/qr.png", buddha.get("id")).with(f.as(officer)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		String token = (String) buddha.get("qr_token");
		mvc.perform(get("/inclusive/check-in/{t}", token).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("乐山大佛"))).andExpect(content().string(containsString("check-in-form")));
		mvc.perform(post("/inclusive/check-in/{t}", token).with(f.as(user)).with(csrf())).andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("done", 100L));
		mvc.perform(post("/inclusive/check-in/{t}", token).with(f.as(user)).with(csrf())).andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("errors"));
		mvc.perform(get("/inclusive/check-in/{t}", token).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("LS-CM-002 V2"))).andExpect(content().string(not(containsString("check-in-form"))));
		mvc.perform(post("/inclusive/check-in/{t}", closed).with(f.as(user)).with(csrf())).andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("errors"));
		mvc.perform(get("/inclusive/check-in/{t}", "scn_" + "0".repeat(32)).with(f.as(user))).andExpect(status().isNotFound());
		assertThat(balance(c)).isEqualTo(100);
		// V1 of the travel methodology is untouched: a trip of today still shows V1
		mvc.perform(get("/inclusive/office/methodologies").with(f.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("LS-CM-002 V2"))).andExpect(content().string(containsString("status-unverified")));
	}

	@Test
	void theOfficeRegistersAPartnerAndSeesItsSecretOnce() throws Exception {
		int n = SEQ.incrementAndGet();
		String page = mvc.perform(post("/inclusive/office/partners").with(f.as(admin)).with(csrf()).param("code", "PG-" + n)
			.param("name", "峨眉山景区观光车（测试）").param("kind", "SCENIC_AREA").param("username", "page-partner-" + n))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("pps_[0-9a-f]{64}").matcher(page);
		assertThat(m.find()).isTrue();
		String secret = m.group();
		mvc.perform(get("/inclusive/office/partners").with(f.as(officer))).andExpect(status().isOk())
			.andExpect(content().string(containsString("PG-" + n))).andExpect(content().string(not(containsString(secret))))
			.andExpect(content().string(containsString(secret.substring(0, 10))));
		// only the city administrator creates partners (it creates a platform user)
		mvc.perform(post("/inclusive/office/partners").with(f.as(officer)).with(csrf()).param("code", "PG-X" + n)
			.param("name", "x").param("kind", "OTHER").param("username", "page-partner-x" + n)).andExpect(status().isForbidden());
	}

	long tripId(Partner p, String externalId) {
		return jdbc.sql("SELECT id FROM inclusive_trip WHERE partner_id = :p AND external_id = :e").param("p", p.id())
			.param("e", externalId).query(Long.class).single();
	}

	@Test
	void aMissingForgedOrOtherPartnersSignatureIsRefusedAndStoresNothing() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		String ext = id();
		byte[] body = batch(trip(ext, token, "BUS", at("2026-12-10", "08:00"), at("2026-12-10", "08:20"), null, 3)).getBytes(StandardCharsets.UTF_8);
		mvc.perform(post(TRIPS).with(f.as(bus.user())).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized()).andExpect(jsonPath("$.type").value("/problems/bad-signature"));
		mvc.perform(post(TRIPS).with(f.as(bus.user())).contentType(MediaType.APPLICATION_JSON).content(body)
			.header(PartnerSecrets.HEADER, PartnerSecrets.sign(bikes.secret(), body))).andExpect(status().isUnauthorized());
		mvc.perform(post(TRIPS).with(f.as(bus.user())).contentType(MediaType.APPLICATION_JSON).content(body)
			.header(PartnerSecrets.HEADER, "sha256=" + "0".repeat(64))).andExpect(status().isUnauthorized());
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"stops\": 3", "\"stops\": 30").getBytes(StandardCharsets.UTF_8);
		mvc.perform(post(TRIPS).with(f.as(bus.user())).contentType(MediaType.APPLICATION_JSON).content(tampered)
			.header(PartnerSecrets.HEADER, PartnerSecrets.sign(bus.secret(), body))).andExpect(status().isUnauthorized());
		// a citizen or the office cannot push trips at all
		mvc.perform(post(TRIPS).with(basic(officer)).contentType(MediaType.APPLICATION_JSON).content(body)
			.header(PartnerSecrets.HEADER, PartnerSecrets.sign(bus.secret(), body))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_trip WHERE external_id = :e").param("e", ext).query(Long.class).single()).isZero();
	}

	@Test
	void aPartnerSeesOnlyItsOwnTrips() throws Exception {
		long c = citizen();
		String busToken = links.grant(c, bus.id());
		String bikeToken = links.grant(c, bikes.id());
		String mine = id();
		String theirs = id();
		sent(bus, batch(trip(mine, busToken, "BUS", at("2026-12-05", "08:00"), at("2026-12-05", "08:20"), null, 3)));
		sent(bikes, batch(trip(theirs, bikeToken, "BIKE", at("2026-12-05", "09:00"), at("2026-12-05", "09:20"), "3", null)));
		mvc.perform(get(TRIPS).param("limit", "1000").with(f.as(bus.user()))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].externalId", hasItem(mine))).andExpect(jsonPath("$[*].externalId", not(hasItem(theirs))));
		mvc.perform(get(TRIPS).param("limit", "1000").with(f.as(bikes.user()))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].externalId", hasItem(theirs))).andExpect(jsonPath("$[*].externalId", not(hasItem(mine))));
		// another partner's link token resolves to nobody
		String body = sent(bikes, batch(trip(id(), busToken, "BIKE", at("2026-12-05", "10:00"), at("2026-12-05", "10:20"), "3", null),
				trip(id(), bikeToken, "HOVERCRAFT", at("2026-12-05", "11:00"), at("2026-12-05", "11:20"), "3", null)));
		assertThat(JsonPath.<List<Object>>read(body, "$.trips[*].reason")).containsExactly("NO_CONSENT_OR_UNKNOWN_LINK", "UNKNOWN_MODE");
		mvc.perform(get(TRIPS).param("limit", "100000").with(f.as(bus.user()))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	@Test
	void anOversizedBatchOrAbsurdValuesAre400NamingRowAndField() throws Exception {
		long c = citizen();
		String token = links.grant(c, bus.id());
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			many.add(trip("big-" + SEQ.get() + "-" + i, token, "BUS", at("2026-12-10", "08:00"), at("2026-12-10", "08:20"), null, 3));
		}
		send(bus, batch(many.toArray(String[]::new))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("trips"));
		String ok = trip(id(), token, "BUS", at("2026-12-10", "06:00"), at("2026-12-10", "06:20"), null, 3);
		send(bus, batch(ok, trip(id(), token, "BIKE", at("2026-12-10", "07:00"), at("2026-12-10", "07:20"), "1e9", null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].distanceKm"))
			.andExpect(jsonPath("$.errors[0].row").value(2));
		send(bus, batch(ok, trip(id(), token, "BIKE", at("2026-12-10", "07:20"), at("2026-12-10", "07:00"), "1", null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].endAt"));
		send(bus, batch(ok, trip(id(), token, "BIKE", at("2026-12-11", "07:00"), at("2026-12-11", "07:20"), "1", null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].endAt"));
		send(bus, batch(ok, trip(id(), "x".repeat(101), "BIKE", at("2026-12-10", "07:00"), at("2026-12-10", "07:20"), "1", null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].linkToken"));
		send(bus, batch(ok, ok)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].externalId"));
		send(bus, batch(ok, trip(id(), token, "BUS", at("2026-12-10", "07:00"), at("2026-12-10", "07:20"), null, 99999999)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trips[1].stops"));
		send(bus, "{\"trips\": [" + ok + ", {\"externalId\": \"x\", \"stops\": \"many\"}]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("trips[1].stops")).andExpect(jsonPath("$.errors[0].row").value(2));
		send(bus, "not json").andExpect(status().isBadRequest());
		assertThat(balance(c)).isZero();
	}

	@Test
	void aRetryStormStoresEachTripOnceAndCreditsItOnce() throws Exception {
		List<Long> people = new ArrayList<>();
		List<String> trips = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			long c = citizen();
			people.add(c);
			String token = links.grant(c, bus.id());
			for (int k = 0; k < 5; k++) {
				trips.add(trip("storm-" + c + "-" + k, token, "EBUS", at("2026-12-09", (10 + k) + ":00"), at("2026-12-09", (10 + k) + ":20"), "6.4", null));
			}
		}
		String body = batch(trips.toArray(String[]::new));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> calls = new ArrayList<>();
			for (int t = 0; t < 24; t++) {
				calls.add(() -> sent(bus, body));
			}
			long credited = 0;
			for (Future<String> answer : pool.invokeAll(calls)) {
				String a = answer.get();
				credited += JsonPath.<Integer>read(a, "$.credited");
				assertThat(JsonPath.<List<Object>>read(a, "$.trips[*].points")).containsOnly(172);
			}
			assertThat(credited).isEqualTo(50);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_trip WHERE partner_id = :p AND external_id LIKE 'storm-%'")
			.param("p", bus.id()).query(Long.class).single()).isEqualTo(50);
		for (long c : people) {
			assertThat(balance(c)).isEqualTo(5 * 172);
		}
		assertThat(ledger.reconcile().ok()).isTrue();
	}

}
