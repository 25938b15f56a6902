package org.peakpilot;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.inclusive.internal.TicketSerials;
import org.peakpilot.inclusive.internal.TxnKind;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Zero-carbon events (issue 14, MEE 2019 large-event guide) through the API, the pages and the donation contract.
 * <p>
 * The hand-computed footprint of a small event in 2026 (市中区), with the factors of the accounting library and the
 * plan's event-factors.csv:
 * <ul>
 * <li>venue electricity 10,000 kWh × Sichuan's grid factor of the latest year before 2026 (2023: 0.1564 tCO2/MWh)
 * = 10 MWh × 0.1564 = 1.564 t;</li>
 * <li>natural gas 0.05 × 10^4 Nm³ × 389.31 GJ/10^4 Nm³ × 15.3 tC/TJ ÷ 1000 × 0.99 × 44/12 = 1.081094405 → 1.081094 t;</li>
 * <li>travel by car 2,000 pkm × 0.2718 kgCO2/pkm (Beijing 271.8 g/pkm) ÷ 1000 = 0.5436 t; walking 300 pkm × 0 = 0 t.</li>
 * </ul>
 * Total 1.564 + 1.081094 + 0.5436 + 0 = 3.188694 tCO2 = 3,188,694 points at 1,000,000 points per tonne.
 */
// One context for the zero-carbon events and the tourism certification (TourismCertificationTests and
// ZeroCarbonEventBrowserTests have the same annotations): the events' own schema, so that neutralised events and
// certified partners are only this area's; a port for the browser test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=pp_inclusive_events")
@AutoConfigureMockMvc
@Import(Fixtures.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroCarbonEventTests {

	static final String OFFICE = "/api/v1/inclusive/events";
	static final String PARTNER = "/api/v1/inclusive/partner/events";
	static final String EVENT = """
			{"name": "%s", "startsOn": "2026-11-20", "endsOn": "2026-11-21", "venue": "乐山国际会议中心", "countyCode": "511102"}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Ledger ledger;

	@Autowired
	ZeroCarbonEvents events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	TicketRegistry tickets;

	static final java.util.concurrent.atomic.AtomicInteger PERIOD = new java.util.concurrent.atomic.AtomicInteger();

	Fixtures f;
	String office;
	String organiser;
	String otherOrganiser;
	long organiserId;

	@BeforeAll
	void partners() {
		f = new Fixtures(registry, accounts);
		office = f.cityOfficer();
		organiserId = partner("EVENT_ORGANISER");
		organiser = partnerUser(organiserId);
		otherOrganiser = partnerUser(partner("EVENT_ORGANISER"));
	}

	long partner(String kind) {
		String code = "P" + System.nanoTime() % 1_000_000_000L;
		return jdbc.sql("INSERT INTO inclusive_partner (code, name, kind, county_code) VALUES (:c, :n, :k, '511102') RETURNING id")
			.param("c", code).param("n", "测试主办方 " + code).param("k", kind).query(Long.class).single();
	}

	String partnerUser(long partnerId) {
		String name = f.user(Role.PARTNER, null, null, null, Set.of());
		jdbc.sql("INSERT INTO inclusive_partner_user (user_id, partner_id) SELECT id, :p FROM app_user WHERE username = :u")
			.param("p", partnerId).param("u", name).update();
		return name;
	}

	long citizenWithPoints(long points) {
		String name = f.user(Role.CITIZEN, null, null, null, Set.of());
		long citizen = jdbc.sql("INSERT INTO inclusive_citizen (user_id, public_name) SELECT id, 'c' FROM app_user WHERE username = :u RETURNING id")
			.param("u", name).query(Long.class).single();
		tx.executeWithoutResult(s -> ledger.post(new Ledger.NewTxn(TxnKind.EARN, "test:" + citizen, "test credit", List.of(
				new Ledger.Posting(ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT), -points),
				new Ledger.Posting(ledger.account(AccountKind.CITIZEN, String.valueOf(citizen), Asset.POINT), points)))));
		return citizen;
	}

	/**
	 * Carbon tickets held by a partner's ticket holder, as an issuance of an approved forestry project leaves them (the
	 * project's workflow and the budget's sinks are the tickets' own tests): a project row, one ledger ISSUE
	 * transaction, the issuance and its lot; the serials.
	 */
	List<String> ticketsHeldBy(long partnerId, int tonnes) {
		String county = "511129";
		String period = TicketSerials.periodCode(2025, PERIOD.incrementAndGet());
		return tx.execute(s -> {
			long holder = tickets.holder("测试票据持有人 " + partnerId, TicketRegistry.HolderKind.EVENT_ORGANISER, partnerId);
			long project = jdbc.sql("""
					INSERT INTO inclusive_forestry_project (name, county_code, owner_holder_id, period_start, period_end, period_no, method_code,
					    claimed_increment_t, status, verified_increment_t, approved_by, created_by, created_at, updated_at)
					VALUES ('测试竹林', :c, :h, '2021-01-01', '2025-12-31', 1, 'TEST-V1', :t, 'ISSUED', :t, '测试林业局', 'test', now(), now())
					RETURNING id""").param("c", county).param("h", holder).param("t", tonnes).query(Long.class).single();
			long seq = ledger.post(new Ledger.NewTxn(TxnKind.ISSUE, "forestry-project:" + project, "test issuance", List.of(
					new Ledger.Posting(ledger.account(AccountKind.TICKET_ISSUANCE, "scheme", Asset.TICKET), -tonnes),
					new Ledger.Posting(ledger.account(AccountKind.TICKET_HOLDER, String.valueOf(holder), Asset.TICKET), tonnes)))).seq();
			long issuance = jdbc.sql("""
					INSERT INTO inclusive_ticket_issuance (project_id, county_code, period_code, seq_from, seq_to, tonnes, holder_id, expires_on,
					    ledger_seq, issued_by, issued_at)
					VALUES (:p, :c, :pc, 1, :t, :t, :h, '2035-12-31', :seq, 'test', now()) RETURNING id""")
				.param("p", project).param("c", county).param("pc", period).param("t", tonnes).param("h", holder).param("seq", seq)
				.query(Long.class).single();
			jdbc.sql("""
					INSERT INTO inclusive_ticket_lot (issuance_id, county_code, period_code, seq_from, seq_to, holder_id, status, expires_on)
					VALUES (:i, :c, :pc, 1, :t, :h, 'HELD', '2035-12-31')""")
				.param("i", issuance).param("c", county).param("pc", period).param("t", tonnes).param("h", holder).update();
			return java.util.stream.LongStream.rangeClosed(1, tonnes).mapToObj(n -> tickets.serials().serial(county, period, n)).toList();
		});
	}

	long create(String path, String user, String body) throws Exception {
		String json = mvc.perform(post(path).with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	ResultActions line(String path, long id, String user, String body) throws Exception {
		return mvc.perform(post(path + "/" + id + "/lines").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	ResultActions offset(String path, long id, String user, String body) throws Exception {
		return mvc.perform(post(path + "/" + id + "/offset").with(basic(user)).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** The small event of the class comment, entered by its organiser. */
	long smallEvent(String name) throws Exception {
		long id = create(PARTNER, organiser, EVENT.formatted(name));
		line(PARTNER, id, organiser, "{\"item\": \"ELECTRICITY\", \"quantity\": 10000, \"unit\": \"kWh\"}").andExpect(status().isCreated());
		line(PARTNER, id, organiser, "{\"item\": \"NATURAL-GAS\", \"quantity\": 0.05}").andExpect(status().isCreated());
		line(PARTNER, id, organiser, "{\"item\": \"TRAVEL-CAR\", \"quantity\": 2000, \"unit\": \"pkm\"}").andExpect(status().isCreated());
		line(PARTNER, id, organiser, "{\"item\": \"TRAVEL-WALK\", \"quantity\": 300}").andExpect(status().isCreated());
		return id;
	}

	@Test
	void footprintOfASmallEventIsHandComputedFromTheReferenceFactors() throws Exception {
		long id = smallEvent("足迹核算测试");
		mvc.perform(get(PARTNER + "/" + id).with(basic(organiser))).andExpect(status().isOk())
			.andExpect(jsonPath("$.footprint.complete").value(true))
			.andExpect(jsonPath("$.footprint.unassessedLines").value(0))
			.andExpect(jsonPath("$.footprint.assessedCo2T").value(3.188694))
			.andExpect(jsonPath("$.footprint.lines[0].co2T").value(1.564))
			.andExpect(jsonPath("$.footprint.lines[0].factor.code").value("GRID-SICHUAN-2023"))
			.andExpect(jsonPath("$.footprint.lines[0].factor.value").value(0.1564))
			.andExpect(jsonPath("$.footprint.lines[0].factor.origin").value("ACCOUNTING"))
			.andExpect(jsonPath("$.footprint.lines[1].co2T").value(1.081094))
			.andExpect(jsonPath("$.footprint.lines[1].factor.code").value("NATURAL-GAS"))
			.andExpect(jsonPath("$.footprint.lines[2].co2T").value(0.5436))
			.andExpect(jsonPath("$.footprint.lines[2].factor.value").value(0.2718))
			.andExpect(jsonPath("$.footprint.lines[2].factor.verified").value(true))
			.andExpect(jsonPath("$.footprint.lines[2].factor.source").value(containsString("271.8")))
			.andExpect(jsonPath("$.footprint.lines[3].co2T").value(0))
			.andExpect(jsonPath("$.footprint.categories[0].category").value("VENUE_ENERGY"))
			.andExpect(jsonPath("$.footprint.categories[0].co2T").value(2.645094))
			.andExpect(jsonPath("$.footprint.categories[1].co2T").value(0.5436));
	}

	@Test
	void aLineWithoutAVerifiedFactorIsNotAssessedAndTheEventIsNeverNeutralised() throws Exception {
		long id = smallEvent("不完整足迹测试");
		line(PARTNER, id, organiser, "{\"item\": \"TRAVEL-AIR\", \"quantity\": 1500}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.footprint.lines[4].co2T").doesNotExist())
			.andExpect(jsonPath("$.footprint.lines[4].factor.code").value("TRAVEL-AIR"))
			.andExpect(jsonPath("$.footprint.lines[4].factor.value").doesNotExist())
			.andExpect(jsonPath("$.footprint.unassessedLines").value(1))
			.andExpect(jsonPath("$.footprint.complete").value(false))
			.andExpect(jsonPath("$.footprint.assessedCo2T").value(3.188694));
		long citizen = citizenWithPoints(10_000_000);
		events.donatePoints(citizen, id, 10_000_000);
		offset(PARTNER, id, organiser, "{\"points\": 10000000}").andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("not assessed")));
		mvc.perform(get(PARTNER + "/" + id).with(basic(organiser))).andExpect(jsonPath("$.status").value("PLANNED"))
			.andExpect(jsonPath("$.pooledPoints").value(10_000_000)).andExpect(jsonPath("$.offsets").isEmpty());
		mvc.perform(get("/api/v1/public/inclusive/events/" + serial(id))).andExpect(status().isNotFound());
		// the page says so in both languages
		mvc.perform(get("/inclusive/partner/events/" + id).with(f.as(organiser)).param("lang", "zh_CN")).andExpect(status().isOk())
			.andExpect(content().string(containsString("未评估")))
			.andExpect(content().string(containsString("碳足迹不完整")));
		mvc.perform(get("/inclusive/partner/events/" + id).with(f.as(organiser)).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("not assessed")));
	}

	@Test
	void coverageBelowOneHundredPercentIsRefusedAndRetiresNothingThenExactCoverageNeutralises() throws Exception {
		long id = smallEvent("覆盖率测试");
		long citizen = citizenWithPoints(5_000_000);
		events.donatePoints(citizen, id, 4_000_000);
		offset(PARTNER, id, organiser, "{\"points\": 3188693}").andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(containsString("below 100 %")));
		assertThat(events.pooled(id)).isEqualTo(4_000_000);
		assertThat(ledger.balance(AccountKind.EVENT, String.valueOf(id), Asset.POINT)).isEqualTo(4_000_000);
		offset(PARTNER, id, organiser, "{\"points\": 3188694}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("NEUTRALISED"))
			.andExpect(jsonPath("$.footprint.offsetCo2T").value(3.188694))
			.andExpect(jsonPath("$.footprint.coverage").value(1))
			.andExpect(jsonPath("$.pooledPoints").value(811_306));
		// locked: no more lines, no more offsets, no more donations
		line(PARTNER, id, organiser, "{\"item\": \"ELECTRICITY\", \"quantity\": 1}").andExpect(status().isConflict());
		offset(PARTNER, id, organiser, "{\"points\": 1}").andExpect(status().isConflict());
		assertThatThrownBy(() -> events.donatePoints(citizen, id, 1)).isInstanceOf(RuleViolationException.class);
		// the public certificate lists the footprint by category and the pooled points retired
		mvc.perform(get("/api/v1/public/inclusive/events/" + serial(id))).andExpect(status().isOk())
			.andExpect(jsonPath("$.footprintCo2T").value(3.188694))
			.andExpect(jsonPath("$.retiredPoints").value(3_188_694))
			.andExpect(jsonPath("$.categories[1].category").value("TRAVEL"))
			.andExpect(jsonPath("$.lines[0].factor").value("GRID-SICHUAN-2023 v1"))
			.andExpect(jsonPath("$.retiredTicketSerials").isEmpty());
		mvc.perform(get("/public/inclusive/events/" + serial(id))).andExpect(status().isOk())
			.andExpect(content().string(containsString("3,188,694")));
		mvc.perform(get("/api/v1/public/inclusive/events")).andExpect(jsonPath("$[*].serial", hasItem(serial(id))));
	}

	@Test
	void ticketsAndPointsNeutraliseAndATicketRetiredForOneEventCannotBeUsedAgain() throws Exception {
		List<String> serials = ticketsHeldBy(organiserId, 5);
		long a = smallEvent("碳票中和测试 A");
		long citizen = citizenWithPoints(200_000);
		events.donatePoints(citizen, a, 200_000);
		// 3 tickets (3 t) + 188,694 points (0.188694 t) = 3.188694 t: exactly 100 %
		offset(PARTNER, a, organiser, "{\"ticketSerials\": [\"%s\", \"%s\", \"%s\"], \"points\": 188694}"
			.formatted(serials.get(0), serials.get(1), serials.get(2)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("NEUTRALISED"))
			.andExpect(jsonPath("$.offsets[*].ticketSerial", hasItem(serials.get(0))))
			.andExpect(jsonPath("$.footprint.offsetCo2T").value(3.188694));
		mvc.perform(get("/api/v1/public/inclusive/events/" + serial(a))).andExpect(jsonPath("$.retiredTicketSerials.length()").value(3))
			.andExpect(jsonPath("$.retiredTicketSerials[*]", hasItem(serials.get(2)))).andExpect(jsonPath("$.retiredPoints").value(188_694));
		// the same ticket for another event: refused, and nothing of that offset is retired
		long b = smallEvent("碳票中和测试 B");
		offset(PARTNER, b, organiser, "{\"ticketSerials\": [\"%s\", \"%s\", \"%s\", \"%s\"]}"
			.formatted(serials.get(0), serials.get(3), serials.get(4), serials.get(1)))
			.andExpect(status().is4xxClientError());
		mvc.perform(get(PARTNER + "/" + b).with(basic(organiser))).andExpect(jsonPath("$.status").value("PLANNED"))
			.andExpect(jsonPath("$.offsets").isEmpty());
		assertThat(tickets.availableTickets(tickets.holder("测试票据持有人 " + organiserId, null, null)))
			.extracting(TicketRegistry.TicketLot::tonnes).containsExactly(2L);
		// another organiser's tickets do not neutralise this organiser's event
		long otherPartner = jdbc.sql("SELECT pu.partner_id FROM inclusive_partner_user pu JOIN app_user u ON u.id = pu.user_id WHERE u.username = :u")
			.param("u", otherOrganiser).query(Long.class).single();
		List<String> foreign = ticketsHeldBy(otherPartner, 4);
		offset(PARTNER, b, organiser, "{\"ticketSerials\": [\"%s\", \"%s\", \"%s\", \"%s\"]}"
			.formatted(foreign.get(0), foreign.get(1), foreign.get(2), foreign.get(3)))
			.andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.detail").value(containsString("not by the event's organiser")));
		assertThat(ledger.balance(AccountKind.TICKET_HOLDER, String.valueOf(tickets.holder("测试票据持有人 " + otherPartner, null, null)), Asset.TICKET))
			.isEqualTo(4);
	}

	@Test
	void donatedPointsCannotBeDonatedTwice() throws Exception {
		long a = create(PARTNER, organiser, EVENT.formatted("捐赠测试 A"));
		long b = create(PARTNER, organiser, EVENT.formatted("捐赠测试 B"));
		long citizen = citizenWithPoints(1000);
		ZeroCarbonEvents.Donation d = events.donatePoints(citizen, a, 800);
		assertThat(d.points()).isEqualTo(800);
		assertThatThrownBy(() -> events.donatePoints(citizen, b, 800)).isInstanceOf(RuleViolationException.class);
		assertThat(ledger.balance(AccountKind.CITIZEN, String.valueOf(citizen), Asset.POINT)).isEqualTo(200);
		assertThat(events.pooled(a)).isEqualTo(800);
		assertThat(events.pooled(b)).isZero();
		assertThat(events.openForDonation()).extracting(ZeroCarbonEvents.EventForDonation::id).contains(a, b);
		assertThat(events.openForDonation()).filteredOn(e -> e.id() == a).singleElement()
			.extracting(ZeroCarbonEvents.EventForDonation::pooledPoints).isEqualTo(800L);
		assertThatThrownBy(() -> events.donatePoints(citizen, a, 0)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> events.donatePoints(citizen, a, -5)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> events.donatePoints(citizen, Long.MAX_VALUE, 1)).isInstanceOf(org.peakpilot.platform.NotFoundException.class);
	}

	@Test
	void anotherOrganisersEventIsNotFound() throws Exception {
		long id = create(PARTNER, organiser, EVENT.formatted("他方活动测试"));
		mvc.perform(get(PARTNER + "/" + id).with(basic(otherOrganiser))).andExpect(status().isNotFound());
		line(PARTNER, id, otherOrganiser, "{\"item\": \"ELECTRICITY\", \"quantity\": 1}").andExpect(status().isNotFound());
		offset(PARTNER, id, otherOrganiser, "{\"points\": 1}").andExpect(status().isNotFound());
		mvc.perform(get(PARTNER).with(basic(otherOrganiser))).andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
		mvc.perform(get("/inclusive/partner/events/" + id).with(f.as(otherOrganiser))).andExpect(status().isNotFound());
		// a partner cannot use the office's API, nor a citizen the partner's
		mvc.perform(get(OFFICE + "/" + id).with(basic(organiser))).andExpect(status().isForbidden());
		String citizen = f.user(Role.CITIZEN, null, null, null, Set.of());
		mvc.perform(get(PARTNER).with(basic(citizen))).andExpect(status().isForbidden());
		// the office sees it; a county officer does not reach the office's events
		mvc.perform(get(OFFICE + "/" + id).with(basic(office))).andExpect(status().isOk()).andExpect(jsonPath("$.organiserId").value(organiserId));
		mvc.perform(get(OFFICE + "/" + id).with(basic(f.countyOfficer(Counties.SHIZHONG)))).andExpect(status().isForbidden());
	}

	@Test
	void theOfficeEntersAnEventForAnOrganiserAndASourcedDefaultIsFlaggedUnverified() throws Exception {
		mvc.perform(post(OFFICE).with(basic(office)).contentType(MediaType.APPLICATION_JSON).content(EVENT.formatted("办公室录入")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("organiserId")));
		long id = create(OFFICE, office, "{\"organiserId\": " + organiserId + ", " + EVENT.formatted("办公室录入").substring(1));
		mvc.perform(get(PARTNER + "/" + id).with(basic(organiser))).andExpect(status().isOk());
		mvc.perform(post(OFFICE + "/factors/ROOM-NIGHT/defaults").with(basic(organiser)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kgCo2PerUnit\": 10, \"source\": \"x\"}")).andExpect(status().isForbidden());
		String body = mvc.perform(post(OFFICE + "/factors/MEAL/defaults").with(basic(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kgCo2PerUnit\": 2.5, \"source\": \"测试来源 test source, table 1\"}")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.verified").value(false)).andExpect(jsonPath("$.origin").value("SOURCED_DEFAULT"))
			.andReturn().getResponse().getContentAsString();
		int version = JsonPath.read(body, "$.version");
		assertThat(version).isGreaterThan(1);
		// 40 meals × 2.5 kg ÷ 1000 = 0.1 t, computed with the default and shown unverified
		line(OFFICE, id, office, "{\"item\": \"MEAL\", \"quantity\": 40}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.footprint.lines[0].co2T").value(0.1))
			.andExpect(jsonPath("$.footprint.lines[0].factor.verified").value(false))
			.andExpect(jsonPath("$.footprint.lines[0].factor.origin").value("SOURCED_DEFAULT"))
			.andExpect(jsonPath("$.footprint.lines[0].factor.source").value(containsString("[unverified]")));
		// the office's pages, zh and en
		mvc.perform(get("/inclusive/office/events").with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("办公室录入"))).andExpect(content().string(containsString("零碳活动")));
		mvc.perform(get("/inclusive/office/events/" + id).with(f.as(office)).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Catering"))).andExpect(content().string(containsString("unverified")));
		mvc.perform(get("/inclusive/office/events/factors").with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("TRAVEL-AIR"))).andExpect(content().string(containsString("无（未评估）")));
		// a page form with bad input goes back with the field named, nothing stored
		var refused = mvc.perform(post("/inclusive/office/events").with(f.as(office)).with(csrf()).param("name", "x").param("startsOn", "2026-13-01")
			.param("endsOn", "2026-11-21").param("venue", "v").param("countyCode", "511102"))
			.andExpect(status().is3xxRedirection()).andReturn();
		@SuppressWarnings("unchecked")
		List<org.peakpilot.platform.InputError> errors = (List<org.peakpilot.platform.InputError>) refused.getFlashMap().get("errors");
		assertThat(errors).extracting(org.peakpilot.platform.InputError::field).contains("startsOn");
		mvc.perform(get("/inclusive/office/events/factors").with(f.as(organiser))).andExpect(status().isForbidden());
	}

	@Test
	void badInputIsA400NamingTheField() throws Exception {
		String longName = "长".repeat(201);
		mvc.perform(post(PARTNER).with(basic(organiser)).contentType(MediaType.APPLICATION_JSON).content(EVENT.formatted(longName)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("name")));
		mvc.perform(post(PARTNER).with(basic(organiser)).contentType(MediaType.APPLICATION_JSON)
			.content(EVENT.formatted("x").replace("511102", "999999")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("countyCode")));
		mvc.perform(post(PARTNER).with(basic(organiser)).contentType(MediaType.APPLICATION_JSON)
			.content(EVENT.formatted("x").replace("2026-11-21", "2026-11-01")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("endsOn")));
		mvc.perform(post(PARTNER).with(basic(organiser)).contentType(MediaType.APPLICATION_JSON)
			.content(EVENT.formatted("x").replace("2026-11-20", "not-a-date")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("startsOn")));
		long id = create(PARTNER, organiser, EVENT.formatted("输入测试"));
		line(PARTNER, id, organiser, "{\"item\": \"ELECTRICITY\", \"quantity\": -1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("quantity")));
		line(PARTNER, id, organiser, "{\"item\": \"ELECTRICITY\", \"quantity\": 1e999999999}").andExpect(status().isBadRequest());
		line(PARTNER, id, organiser, "{\"item\": \"UNOBTAINIUM\", \"quantity\": 1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("item")));
		line(PARTNER, id, organiser, "{\"item\": \"ELECTRICITY\", \"quantity\": 1, \"unit\": \"t\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("unit")));
		line(PARTNER, id, organiser, "{\"item\": \"TRAVEL-CAR\", \"quantity\": 1, \"unit\": \"km\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("unit")));
		line(PARTNER, id, organiser, "{\"item\": \"NATURAL-GAS\", \"quantity\": 1, \"unit\": \"kWh\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("unit")));
		offset(PARTNER, id, organiser, "{\"points\": -1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("points")));
		offset(PARTNER, id, organiser, "{\"ticketSerials\": [\"" + "X".repeat(65) + "\"]}").andExpect(status().isBadRequest());
		mvc.perform(get(PARTNER + "/" + id).with(basic(organiser))).andExpect(jsonPath("$.footprint.lines").isEmpty());
	}

	String serial(long id) {
		return jdbc.sql("SELECT serial FROM inclusive_event WHERE id = :id").param("id", id).query(String.class).single();
	}
}
