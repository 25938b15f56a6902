package org.peakpilot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.inclusive.internal.TicketSerials;
import org.peakpilot.inclusive.internal.TicketSettings;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EBIAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.MABIAN;
import static org.peakpilot.Counties.MUCHUAN;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Forestry carbon tickets (林业碳票, issue 14): serials with their check character, issuance limited by the budget's
 * record of verified sinks and withdrawn from the budget's sink credit, transfer / pledge / retire state rules, the
 * public verification, roles and input errors. Figures are whole tonnes chosen by hand.
 */
// One context for the tickets: the clock is July 15th, 2027, 10:00 Beijing; each test works in its own county and year
@SpringBootTest(properties = { "peakpilot.test.clock=2027-07-15T02:00:00Z", "peakpilot.test.schema=pp_inclusive_tickets",
		"peakpilot.inclusive.ledger.jobs.scheduled=false", "peakpilot.inclusive.tickets.expiry-scheduled=false" })
@AutoConfigureMockMvc
@Import({ Fixtures.class, MovableClockConfiguration.class })
class ForestryTicketTests {

	static final Instant JULY = LocalDateTime.of(2027, 7, 15, 10, 0).atZone(MovableClock.BEIJING).toInstant();

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock now;

	@Autowired
	Ledger ledger;

	@Autowired
	TicketRegistry tickets;

	RequestPostProcessor forestry;
	RequestPostProcessor office;

	RequestPostProcessor forestryPage;
	RequestPostProcessor officePage;

	@BeforeEach
	void inJuly() {
		now.set(JULY);
		String f = fixtures.user(Role.FORESTRY_OFFICER, null, null, null, Set.of());
		String o = fixtures.cityOfficer();
		forestry = basic(f);
		office = basic(o);
		forestryPage = fixtures.as(f);
		officePage = fixtures.as(o);
	}

	ResultActions postJson(RequestPostProcessor who, String url, String body) throws Exception {
		var req = post(url).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON);
		return mvc.perform(body == null ? req : req.content(body));
	}

	void sink(String county, int year, String increment) throws Exception {
		mvc.perform(multipart("/api/v1/budget/sinks").param("county_code", county).param("year", String.valueOf(year)).param("increment_t", increment)
			.param("verified_on", "2027-03-01").param("verified_by", "四川省林业科学研究院").param("reference_number", "乐市林发〔2027〕" + year + "号")
			.with(forestry).with(csrf())).andExpect(status().isCreated());
	}

	static String project(String county, int year, String increment) {
		return """
				{"name": "测试竹林碳汇项目 %s %d", "county_code": "%s", "owner_name": "测试林业合作社 %s %d", "owner_kind": "COLLECTIVE",
				 "period_start": "%d-01-01", "period_end": "%d-12-31", "period_no": 1, "method_code": "SMCER-FC-V1",
				 "parcels": [{"certificate_no": "川(2019)林权第%s号", "area_mu": 3197, "species": "BAMBOO", "location": "测试镇"}],
				 "increments": [{"year": %d, "increment_t": %s}]}""".formatted(county, year, county, county, year, year, year, county + year, year, increment);
	}

	/** A project taken to APPROVED with the given verified increment; its id. */
	long approved(String county, int year, String increment) throws Exception {
		String json = postJson(forestry, "/api/v1/inclusive/forestry/projects", project(county, year, increment)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT")).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(json, "$.id")).longValue();
		String base = "/api/v1/inclusive/forestry/projects/" + id;
		postJson(forestry, base + "/submit", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUBMITTED"));
		postJson(forestry, base + "/verification", """
				{"verifier_name": "中林绿碳（北京）科技有限公司", "verification_reference": "核证-%d", "verified_on": "2027-03-15", "verified_increment_t": %s}"""
			.formatted(id, increment)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("VERIFIED"));
		postJson(office, base + "/approval", """
				{"approved_by": "乐山市林业局", "approval_reference": "乐市林发〔2027〕%d号", "approved_on": "2027-04-01"}""".formatted(id))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
		return id;
	}

	ResultActions issue(long id) throws Exception {
		return postJson(forestry, "/api/v1/inclusive/forestry/projects/" + id + "/issuance", null);
	}

	/** An issued project's first lot and its holder. */
	long[] issued(String county, int year, int tonnes) throws Exception {
		sink(county, year, String.valueOf(tonnes));
		long id = approved(county, year, String.valueOf(tonnes));
		issue(id).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ISSUED"));
		long lot = jdbc.sql("SELECT l.id FROM inclusive_ticket_lot l JOIN inclusive_ticket_issuance i ON i.id = l.issuance_id WHERE i.project_id = :p")
			.param("p", id).query(Long.class).single();
		long holder = jdbc.sql("SELECT holder_id FROM inclusive_ticket_lot WHERE id = :id").param("id", lot).query(Long.class).single();
		return new long[] { lot, holder, id };
	}

	long held(long holder) {
		return ledger.balance(AccountKind.TICKET_HOLDER, String.valueOf(holder), Asset.TICKET);
	}

	@Test
	void serialsCarryAnIso7064CheckCharacter() {
		// ISO 7064 MOD 37,36 as used by the Global Release Identifier: A1-2425G-ABC1234002-M
		assertThat(TicketSerials.checkCharacter("A12425GABC1234002")).isEqualTo('M');
		TicketSerials serials = new TicketSerials(new TicketSettings(new Properties()));
		String s = serials.serial(MUCHUAN, "2025P1", 12_723);
		assertThat(s).matches("LSCT-511129-2025P1-0012723-[0-9A-Z]");
		assertThat(serials.parse(s)).hasValueSatisfying(p -> {
			assertThat(p.countyCode()).isEqualTo(MUCHUAN);
			assertThat(p.periodCode()).isEqualTo("2025P1");
			assertThat(p.seq()).isEqualTo(12_723);
		});
		assertThat(serials.parse(s.toLowerCase())).as("case does not matter").isPresent();
		// every single wrong digit and every swap of two adjacent different characters is caught
		String body = s.substring(0, s.length() - 1);
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (Character.isDigit(c)) {
				for (char d = '0'; d <= '9'; d++) {
					if (d != c) {
						String wrong = body.substring(0, i) + d + body.substring(i + 1) + s.charAt(s.length() - 1);
						assertThat(serials.parse(wrong)).as(wrong).isEmpty();
					}
				}
			}
			if (i + 1 < body.length() && body.charAt(i + 1) != c && Character.isLetterOrDigit(c) && Character.isLetterOrDigit(body.charAt(i + 1))) {
				String swapped = body.substring(0, i) + body.charAt(i + 1) + c + body.substring(i + 2) + s.charAt(s.length() - 1);
				assertThat(serials.parse(swapped)).as(swapped).isEmpty();
			}
		}
		assertThat(serials.parse("LSCT-511129-2025P1-0012723")).isEmpty();
		assertThat(serials.parse("x".repeat(10_000))).isEmpty();
		// the format is data: another one works, a broken one stops the start naming the key
		Properties p = new Properties();
		p.setProperty("ticket.serial-format", "LS{county}{period}{seq}{check}");
		p.setProperty("ticket.seq-digits", "9");
		TicketSerials other = new TicketSerials(new TicketSettings(p));
		assertThat(other.parse(other.serial(EBIAN, "2024P2", 5))).hasValueSatisfying(x -> assertThat(x.seq()).isEqualTo(5));
		p.setProperty("ticket.serial-format", "LSCT-{county}-{seq}-{check}");
		assertThatThrownBy(() -> new TicketSettings(p)).hasMessageContaining("ticket.serial-format").hasMessageContaining("{period}");
		p.setProperty("ticket.serial-format", "LSCT-{check}-{county}-{period}-{seq}");
		assertThatThrownBy(() -> new TicketSettings(p)).hasMessageContaining("must end with {check}");
	}

	@Test
	void issuanceIsLimitedByTheSinkRecordAndLeavesTheBudgetsSinkCredit() throws Exception {
		sink(MUCHUAN, 2021, "1000");
		long id = approved(MUCHUAN, 2021, "1500.4");
		// 1,500 t asked, 1,000 t verified in the sink ledger: refused with the figures
		issue(id).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.detail", containsString("1500 t")))
			.andExpect(jsonPath("$.detail", containsString("Σ ΔS 1000 t"))).andExpect(jsonPath("$.detail", containsString("available 1000 t")));
		assertThat(jdbc.sql("SELECT count(*) FROM budget_sink_withdrawal WHERE year = 2021").query(Long.class).single()).isZero();
		sink(MUCHUAN, 2021, "600");
		// floor(1,500.4) = 1,500 tickets in one lot, one ledger transaction, 1,500 t withdrawn from the budget's 2021 sinks
		String json = issue(id).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ISSUED"))
			.andExpect(jsonPath("$.issuance.tonnes").value(1500)).andExpect(jsonPath("$.issuance.withdrawn_by_year.2021").value(1500))
			.andExpect(jsonPath("$.issuance.first_serial", containsString("LSCT-511129-2021P1-0000001-")))
			.andExpect(jsonPath("$.issuance.last_serial", containsString("LSCT-511129-2021P1-0001500-"))).andReturn().getResponse().getContentAsString();
		long holder = ((Number) JsonPath.read(json, "$.owner_holder_id")).longValue();
		assertThat(held(holder)).isEqualTo(1500);
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_ticket_lot l JOIN inclusive_ticket_issuance i ON i.id = l.issuance_id WHERE i.project_id = :p")
			.param("p", id).query(Long.class).single()).as("one lot, not 1,500 rows").isEqualTo(1);
		assertThat(jdbc.sql("SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE year = 2021 AND county_code = :c").param("c", MUCHUAN)
			.query(BigDecimal.class).single()).isEqualByComparingTo("1500");
		issue(id).andExpect(status().isConflict());
		// the budget's sink credit of a new 2021 draft is Σ ΔS − Σ withdrawn = 1,600 − 1,500 = 100 t (below β × total)
		postJson(office, "/api/v1/budget/years/2021/versions", """
				{"base_intensity_t_per_10k_cny": 0.6, "decline_rate": 0.04, "forecast_gdp_10k_cny": 10000000, "reserve_share": 0.05,
				 "pool_t": 100000, "source": "test inputs"}""").andExpect(status().isCreated()).andExpect(jsonPath("$.sink_credit_t").value(100));
		mvc.perform(get("/api/v1/budget/years/2021/versions/1/sink-credit").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$.ledger_sum_t").value(100)).andExpect(jsonPath("$.credit_t").value(100));
		// the 100 t left are the budget's now: a second project of 2021 gets nothing
		long second = approved(MUCHUAN, 2021, "50");
		issue(second).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.detail", containsString("the budget's sink credit 100 t")))
			.andExpect(jsonPath("$.detail", containsString("available 0 t")));
		// and a correction cannot take back tonnes issued as tickets (1,600 − 1,500 = 100 t left to correct)
		long entry = jdbc.sql("SELECT min(id) FROM budget_sink_entry WHERE year = 2021 AND county_code = :c").param("c", MUCHUAN).query(Long.class).single();
		mvc.perform(multipart("/api/v1/budget/sinks").param("county_code", MUCHUAN).param("year", "2021").param("increment_t", "-200")
			.param("corrects_entry_id", String.valueOf(entry)).param("verified_on", "2027-03-01").param("verified_by", "x").param("reference_number", "y")
			.with(forestry).with(csrf())).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("increment_t"))
			.andExpect(jsonPath("$.errors[0].message", containsString("already issued as tickets")));
		// the audit trail names each step
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'forestry-project' AND entity_id = :id").param("id", String.valueOf(id))
			.query(Long.class).single()).isEqualTo(5);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'budget.sink-withdrawn' AND after_state ->> 'ticket_reference' = :r")
			.param("r", "forestry-project:" + id).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void transferPledgeAndRetireFollowTheStateRules() throws Exception {
		long[] issued = issued(EBIAN, 2022, 100);
		long lot = issued[0], seller = issued[1];
		// transfer 10 t at 15 元/t: the lot splits into the buyer's 10 and the seller's 90
		String t = postJson(forestry, "/api/v1/inclusive/tickets/transfers", """
				{"lot_id": %d, "quantity": 10, "to_holder_name": "乐山市测试会展公司", "to_holder_kind": "EVENT_ORGANISER", "price_cny_per_t": 15, "traded_on": "2027-07-01"}"""
			.formatted(lot)).andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("TRANSFER")).andExpect(jsonPath("$.tonnes").value(10))
			.andExpect(jsonPath("$.price_cny_per_t").value(15)).andReturn().getResponse().getContentAsString();
		String firstSerial = JsonPath.read(t, "$.serials[0].first");
		long buyer = jdbc.sql("SELECT id FROM inclusive_ticket_holder WHERE name = '乐山市测试会展公司'").query(Long.class).single();
		assertThat(held(buyer)).isEqualTo(10);
		assertThat(held(seller)).isEqualTo(90);
		long rest = jdbc.sql("SELECT id FROM inclusive_ticket_lot WHERE holder_id = :h AND status = 'HELD'").param("h", seller).query(Long.class).single();
		// pledge 50 of the seller's 90: locked
		String p = postJson(forestry, "/api/v1/inclusive/tickets/pledges", """
				{"lot_id": %d, "quantity": 50, "pledgee_bank": "乐山市商业银行", "loan_reference": "质-2027-001", "loan_cny": 500000, "pledged_on": "2027-07-10"}"""
			.formatted(rest)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long pledge = ((Number) JsonPath.read(p, "$.id")).longValue();
		String pledgedSerial = JsonPath.read(p, "$.serials[0].first");
		assertThat(held(seller)).isEqualTo(40);
		assertThat(ledger.balance(AccountKind.TICKET_PLEDGED, String.valueOf(seller), Asset.TICKET)).isEqualTo(50);
		// a pledged ticket cannot be retired or transferred
		postJson(forestry, "/api/v1/inclusive/tickets/retirements", """
				{"serials": ["%s"], "beneficiary": "测试活动", "purpose": "碳中和"}""".formatted(pledgedSerial)).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("pledged to 乐山市商业银行")));
		long pledgedLot = jdbc.sql("SELECT id FROM inclusive_ticket_lot WHERE pledge_id = :p").param("p", pledge).query(Long.class).single();
		postJson(forestry, "/api/v1/inclusive/tickets/transfers", """
				{"lot_id": %d, "quantity": 1, "to_holder_name": "乐山市测试会展公司", "price_cny_per_t": 20, "traded_on": "2027-07-11"}""".formatted(pledgedLot))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.detail", containsString("pledged")));
		// the buyer retires 3 of its serials for an event (the internal call other code makes): once
		List<String> three = List.of(firstSerial, tickets.serials().serial(EBIAN, "2022P1", 2), tickets.serials().serial(EBIAN, "2022P1", 5));
		var r = SystemActor.call("test-event", () -> tickets.retire(three, "2027 乐山大佛测试活动", "零碳活动碳中和", "event:1"));
		assertThat(r.tonnes()).isEqualTo(3);
		assertThat(r.serials()).extracting(TicketRegistry.SerialRange::tonnes).containsExactly(2L, 1L);
		assertThat(held(buyer)).isEqualTo(7);
		assertThat(ledger.balance(AccountKind.RETIRED, Ledger.SCHEME, Asset.TICKET)).isGreaterThanOrEqualTo(3);
		assertThat(tickets.availableTickets(buyer)).extracting(TicketRegistry.TicketLot::tonnes).containsExactly(2L, 5L);
		assertThatThrownBy(() -> SystemActor.call("test-event", () -> tickets.retire(List.of(three.get(2)), "另一个活动", "碳中和", null)))
			.isInstanceOf(RuleViolationException.class).hasMessageContaining("retired (for 2027 乐山大佛测试活动)");
		postJson(forestry, "/api/v1/inclusive/tickets/retirements", """
				{"serials": ["%s"], "beneficiary": "另一个活动", "purpose": "碳中和"}""".formatted(firstSerial)).andExpect(status().isConflict());
		postJson(forestry, "/api/v1/inclusive/tickets/transfers", """
				{"serials": ["%s"], "to_holder_name": "别人", "price_cny_per_t": 20, "traded_on": "2027-07-11"}""".formatted(firstSerial))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.detail", containsString("retired")));
		// retire by lot and quantity; serials of two holders in one call are refused
		long buyerLot = tickets.availableTickets(buyer).get(1).id();
		var byLot = SystemActor.call("test-event", () -> tickets.retire(buyerLot, 5, "测试会议", "零碳会议", "event:2"));
		assertThat(byLot.tonnes()).isEqualTo(5);
		assertThat(held(buyer)).isEqualTo(2);
		String sellerSerial = tickets.availableTickets(seller).get(0).firstSerial();
		String buyerSerial = tickets.availableTickets(buyer).get(0).firstSerial();
		assertThatThrownBy(() -> SystemActor.call("t", () -> tickets.retire(List.of(sellerSerial, buyerSerial), "x", "y", null)))
			.isInstanceOf(RuleViolationException.class).hasMessageContaining("more than one holder");
		// released, the pledged tickets are usable again
		postJson(forestry, "/api/v1/inclusive/tickets/pledges/" + pledge + "/release", "{\"released_on\": \"2027-07-14\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.released_on").value("2027-07-14"));
		postJson(forestry, "/api/v1/inclusive/tickets/pledges/" + pledge + "/release", "{\"released_on\": \"2027-07-14\"}").andExpect(status().isConflict());
		assertThat(held(seller)).isEqualTo(90);
		postJson(forestry, "/api/v1/inclusive/tickets/retirements", """
				{"serials": ["%s"], "beneficiary": "乐山市测试机关", "purpose": "年度运营碳中和"}""".formatted(pledgedSerial)).andExpect(status().isCreated());
		// the public verification page and API: the ticket's facts and for whom it was retired, not its holder
		mvc.perform(get("/api/v1/public/inclusive/tickets/" + firstSerial)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETIRED"))
			.andExpect(jsonPath("$.retired_for").value("2027 乐山大佛测试活动")).andExpect(jsonPath("$.county_name").value("峨边彝族自治县"))
			.andExpect(jsonPath("$.period_code").value("2022P1")).andExpect(jsonPath("$.holder_name").doesNotExist());
		mvc.perform(get("/public/inclusive/tickets/" + firstSerial)).andExpect(status().isOk())
			.andExpect(content().string(containsString("2027 乐山大佛测试活动"))).andExpect(content().string(not(containsString("乐山市测试会展公司"))));
		String wrongCheck = firstSerial.substring(0, firstSerial.length() - 1) + (firstSerial.endsWith("0") ? "1" : "0");
		mvc.perform(get("/api/v1/public/inclusive/tickets/" + wrongCheck)).andExpect(status().isNotFound());
		mvc.perform(get("/public/inclusive/tickets/" + wrongCheck)).andExpect(status().isNotFound()).andExpect(content().string(containsString("not-found")));
		// the price history and the ledger: Σ = 0 per asset, every move one transaction
		mvc.perform(get("/api/v1/inclusive/tickets/trades?kind=TRANSFER").with(office)).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].price_cny_per_t", hasItem(15)));
		assertThat(ledger.reconcile().ok()).isTrue();
		assertThat(jdbc.sql("SELECT count(DISTINCT ledger_seq) = count(*) FROM inclusive_ticket_trade").query(Boolean.class).single()).isTrue();
		assertThatThrownBy(() -> jdbc.sql("UPDATE inclusive_ticket_trade SET tonnes = 1").update()).hasMessageContaining("append-only");
	}

	@Test
	void concurrentRetirementsUseEachTicketOnce() throws Exception {
		long[] issued = issued(MUCHUAN, 2024, 40);
		String same = tickets.serials().serial(MUCHUAN, "2024P1", 7);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			// eight events race for the same ticket: one gets it
			List<java.util.concurrent.Future<?>> racing = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int n = i;
				racing.add(pool.submit(() -> SystemActor.call("race", () -> tickets.retire(List.of(same), "活动 " + n, "碳中和", "race:" + n))));
			}
			int won = 0;
			for (var f : racing) {
				try {
					f.get();
					won++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(RuleViolationException.class).hasMessageContaining("retired");
				}
			}
			assertThat(won).isEqualTo(1);
			// eight events each retire other tickets of the same lot at once: all succeed, the lot splits consistently
			List<java.util.concurrent.Future<TicketRegistry.TicketRetirement>> others = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String serial = tickets.serials().serial(MUCHUAN, "2024P1", 20 + i * 2);
				others.add(pool.submit(() -> SystemActor.call("split", () -> tickets.retire(List.of(serial), "会议", "碳中和", null))));
			}
			for (var f : others) {
				assertThat(f.get().tonnes()).isEqualTo(1);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(held(issued[1])).isEqualTo(40 - 9);
		assertThat(jdbc.sql("""
				SELECT sum(l.seq_to - l.seq_from + 1) FROM inclusive_ticket_lot l JOIN inclusive_ticket_issuance i ON i.id = l.issuance_id WHERE i.project_id = :p""")
			.param("p", issued[2]).query(Long.class).single()).as("the lots still cover the issuance exactly").isEqualTo(40);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM inclusive_ticket_lot a JOIN inclusive_ticket_lot b ON a.issuance_id = b.issuance_id AND a.id < b.id
				  AND a.seq_from <= b.seq_to AND b.seq_from <= a.seq_to JOIN inclusive_ticket_issuance i ON i.id = a.issuance_id WHERE i.project_id = :p""")
			.param("p", issued[2]).query(Long.class).single()).as("no serial in two lots").isZero();
		assertThat(ledger.reconcile().ok()).isTrue();
	}

	@Test
	void ticketsExpireAfterTheirValidity() throws Exception {
		long[] issued = issued(JIAJIANG, 2023, 20);
		long holder = issued[1];
		now.set(JULY.plus(java.time.Duration.ofDays(366 * 10 + 5)));
		int expired = SystemActor.call("test", tickets::expireDue);
		assertThat(expired).isGreaterThanOrEqualTo(1);
		assertThat(held(holder)).isZero();
		assertThat(ledger.balance(AccountKind.EXPIRED, Ledger.SCHEME, Asset.TICKET)).isGreaterThanOrEqualTo(20);
		assertThatThrownBy(() -> SystemActor.call("t", () -> tickets.retire(issued[0], 1, "x", "y", null))).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("expired");
	}

	@Test
	void otherRolesAreRefused() throws Exception {
		String enterprise = fixtures.user(Role.ENTERPRISE_USER, MABIAN, null, fixtures.enterprise(MABIAN, "3011", null).id(), Set.of());
		String citizenName = fixtures.user(Role.CITIZEN, null, null, null, Set.of());
		RequestPostProcessor citizen = basic(citizenName);
		String countyName = fixtures.countyOfficer(MABIAN);
		RequestPostProcessor county = basic(countyName);
		for (RequestPostProcessor who : List.of(basic(enterprise), citizen, county)) {
			mvc.perform(get("/api/v1/inclusive/forestry/projects").with(who)).andExpect(status().isForbidden());
			postJson(who, "/api/v1/inclusive/forestry/projects", project(MABIAN, 2024, "10")).andExpect(status().isForbidden());
			postJson(who, "/api/v1/inclusive/tickets/retirements", "{\"lot_id\": 1, \"quantity\": 1, \"beneficiary\": \"x\", \"purpose\": \"y\"}")
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/inclusive/office/forestry").with(fixtures.as(enterprise))).andExpect(status().isForbidden());
		mvc.perform(get("/inclusive/office/forestry/tickets").with(fixtures.as(citizenName))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/inclusive/forestry/projects")).andExpect(status().isUnauthorized());
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_forestry_project WHERE created_by IN (:who)").param("who", List.of(enterprise, citizenName, countyName))
			.query(Long.class).single()).isZero();
	}

	@Test
	void badInputIsRefusedNamingTheField() throws Exception {
		postJson(forestry, "/api/v1/inclusive/forestry/projects", """
				{"name": "x", "county_code": "999999", "owner_name": "%s", "period_start": "2024-01-01", "period_end": "2030-12-31",
				 "method_code": "M", "parcels": [{"certificate_no": "A", "area_mu": -1, "species": "BAMBOO"}, {"certificate_no": "A", "area_mu": 1e999999999}],
				 "increments": [{"year": 2019, "increment_t": 5}]}""".formatted("名".repeat(201)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("county_code"))).andExpect(jsonPath("$.errors[*].field", hasItem("owner_name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("period_end"))).andExpect(jsonPath("$.errors[*].field", hasItem("parcels[0].area_mu")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("parcels[1].certificate_no"))).andExpect(jsonPath("$.errors[*].field", hasItem("parcels[1].area_mu")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("parcels[1].species")));
		postJson(forestry, "/api/v1/inclusive/forestry/projects", project(MABIAN, 2024, "0")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("increments[0].increment_t"));
		postJson(forestry, "/api/v1/inclusive/forestry/projects", "{\"name\": [1]}").andExpect(status().isBadRequest());
		postJson(forestry, "/api/v1/inclusive/tickets/transfers", """
				{"lot_id": 1, "quantity": 1, "to_holder_name": "b", "price_cny_per_t": -1, "traded_on": "2099-01-01"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("price_cny_per_t"))).andExpect(jsonPath("$.errors[*].field", hasItem("traded_on")));
		postJson(forestry, "/api/v1/inclusive/tickets/retirements", """
				{"serials": ["LSCT-511129-2025P1-0000001-?"], "beneficiary": "", "purpose": "y"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("serials[0]"))).andExpect(jsonPath("$.errors[*].field", hasItem("beneficiary")));
		postJson(forestry, "/api/v1/inclusive/tickets/retirements", "{\"lot_id\": 1, \"quantity\": 0, \"beneficiary\": \"b\", \"purpose\": \"y\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("quantity"));
		postJson(forestry, "/api/v1/inclusive/tickets/pledges", "{\"lot_id\": 999999, \"quantity\": 1, \"pledgee_bank\": \"b\", \"loan_reference\": \"r\", \"pledged_on\": \"2027-07-01\"}")
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/inclusive/tickets?limit=100000").with(office)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		// a project moves only along its workflow
		sink(MABIAN, 2024, "10");
		long id = approved(MABIAN, 2024, "10");
		postJson(forestry, "/api/v1/inclusive/forestry/projects/" + id + "/submit", null).andExpect(status().isConflict());
		postJson(forestry, "/api/v1/inclusive/forestry/projects/" + id + "/rejection", "{\"reason\": \"\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		postJson(forestry, "/api/v1/inclusive/forestry/projects/" + id + "/rejection", "{\"reason\": \"林权证与监测报告不一致\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"));
		issue(id).andExpect(status().isConflict());
	}

	@Test
	void theOfficePagesShowProjectsTicketsAndPrices() throws Exception {
		long[] issued = issued(MABIAN, 2025, 30);
		postJson(forestry, "/api/v1/inclusive/tickets/transfers", """
				{"lot_id": %d, "quantity": 3, "to_holder_name": "页面测试买方", "price_cny_per_t": 43, "traded_on": "2027-07-02"}""".formatted(issued[0]))
			.andExpect(status().isCreated());
		mvc.perform(get("/inclusive/office/forestry").with(forestryPage)).andExpect(status().isOk()).andExpect(content().string(containsString("project-" + issued[2])));
		mvc.perform(get("/inclusive/office/forestry/projects/" + issued[2]).with(forestryPage)).andExpect(status().isOk())
			.andExpect(content().string(containsString("LSCT-511133-2025P1-0000001-")));
		mvc.perform(get("/inclusive/office/forestry/tickets").with(officePage)).andExpect(status().isOk()).andExpect(content().string(containsString("页面测试买方")));
		mvc.perform(get("/inclusive/office/forestry/trades").with(forestryPage)).andExpect(status().isOk())
			.andExpect(content().string(containsString("ticket-price-chart"))).andExpect(content().string(containsString("\"price\":43")));
		mvc.perform(get("/inclusive/office/forestry/projects/new").with(forestryPage)).andExpect(status().isOk());
		// the form: parcels and yearly figures as lines; an error goes back to the form naming the line
		mvc.perform(post("/inclusive/office/forestry/projects").with(forestryPage).with(csrf()).param("name", "页面项目").param("countyCode", MABIAN)
			.param("ownerName", "页面林农").param("ownerKind", "FOREST_OWNER").param("periodStart", "2026-01-01").param("periodEnd", "2026-12-31")
			.param("methodCode", "SMCER-FC-V1").param("parcels", "川林权第1号, 12.5, PINE, 马边\n川林权第2号, 7, BAMBOO").param("increments", "2026, 9.5"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/inclusive/office/forestry/projects/*"));
		mvc.perform(post("/inclusive/office/forestry/projects").with(forestryPage).with(csrf()).param("name", "页面项目").param("countyCode", MABIAN)
			.param("ownerName", "页面林农").param("periodStart", "2026-01-01").param("periodEnd", "2026-12-31").param("methodCode", "M")
			.param("parcels", "川林权第3号, abc, PINE").param("increments", "2026, 9.5"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/inclusive/office/forestry/projects/new*"));
	}
}
