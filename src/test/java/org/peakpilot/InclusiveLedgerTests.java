package org.peakpilot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.Ledger.NewTxn;
import org.peakpilot.inclusive.internal.Ledger.Posting;
import org.peakpilot.inclusive.internal.TxnKind;
import org.peakpilot.inclusive.internal.LedgerReconciliations;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The carbon-inclusive scheme's one ledger (issue 14, ADR 0019 "One ledger"): double entry, Σ = 0 per asset, no
 * account that may not go negative ever does (also under concurrent earn and spend), retired units never move, the
 * reconciliation finds an altered row, points expire first in first out after the plan's three years.
 */
// Own context: a movable clock (expiry three years on) and the ledger's daily jobs called by the test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-01-05T02:00:00Z", "peakpilot.test.schema=pp_inclusive_ledger",
		"peakpilot.inclusive.ledger.jobs.scheduled=false" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class InclusiveLedgerTests {

	@Autowired
	Ledger ledger;

	@Autowired
	MovableClock now;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	@Autowired
	UserAccounts users;

	static String owner() {
		return "t-" + UUID.randomUUID().toString().substring(0, 13);
	}

	long issuance() {
		return ledger.account(AccountKind.POINT_ISSUANCE, Ledger.SCHEME, Asset.POINT);
	}

	long citizen(String owner) {
		return ledger.account(AccountKind.CITIZEN, owner, Asset.POINT);
	}

	NewTxn earn(long citizen, long points) {
		return new NewTxn(TxnKind.EARN, "trip:" + UUID.randomUUID(), "test trip", List.of(new Posting(issuance(), -points),
				new Posting(citizen, points)));
	}

	NewTxn spend(long citizen, long partner, long points) {
		return new NewTxn(TxnKind.SPEND, "redeem:" + UUID.randomUUID(), null, List.of(new Posting(citizen, -points),
				new Posting(partner, points)));
	}

	@Test
	void postingsBalanceAndBalancesAreDerived() {
		String who = owner();
		long c = citizen(who);
		assertThat(ledger.account(AccountKind.CITIZEN, who, Asset.POINT)).as("created once").isEqualTo(c);
		assertThat(ledger.balance(c)).isZero();
		long issuedBefore = ledger.balance(issuance());
		Ledger.PostedTxn first = ledger.post(earn(c, 1_234));
		Ledger.PostedTxn second = ledger.post(earn(c, 66));
		long partner = ledger.account(AccountKind.PARTNER, owner(), Asset.POINT);
		ledger.post(spend(c, partner, 300));
		assertThat(second.seq()).isGreaterThan(first.seq());
		assertThat(first.at().toInstant()).isEqualTo(now.instant());
		assertThat(ledger.balance(AccountKind.CITIZEN, who, Asset.POINT)).isEqualTo(1_234 + 66 - 300);
		assertThat(ledger.balance(partner)).isEqualTo(300);
		assertThat(ledger.balance(issuance()) - issuedBefore).isEqualTo(-1_300);
		assertThat(ledger.balance(AccountKind.CITIZEN, owner(), Asset.POINT)).as("an account never used").isZero();
		List<Ledger.Entry> entries = ledger.entries(c, null, 10);
		assertThat(entries).extracting(Ledger.Entry::amount).containsExactly(-300L, 66L, 1_234L);
		assertThat(entries).extracting(Ledger.Entry::balanceAfter).containsExactly(1_000L, 1_300L, 1_234L);
		assertThat(ledger.entries(c, entries.get(0).seq(), 1)).extracting(Ledger.Entry::amount).containsExactly(66L);
		// the issuance account keeps no running balance; its entries show Σ up to each
		List<Ledger.Entry> issued = ledger.entries(issuance(), null, 2);
		assertThat(issued.get(0).balanceAfter() - issued.get(1).balanceAfter()).isEqualTo(issued.get(0).amount());
		assertThat(jdbc.sql("SELECT balance_after FROM inclusive_ledger_entry WHERE account_id = ? LIMIT 1").param(issuance())
			.query(Long.class).optional()).isEmpty();
	}

	@Test
	void refusesMalformedTransactions() {
		long c = citizen(owner());
		long issuance = issuance();
		long ticket = ledger.account(AccountKind.TICKET_HOLDER, owner(), Asset.TICKET);
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x", null, List.of(new Posting(issuance, -5), new Posting(c, 4)))))
			.hasMessageContaining("does not balance in POINT");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x", null, List.of(new Posting(issuance, -5), new Posting(ticket, 5)))))
			.as("the assets of the accounts decide: 5 points out, 5 tickets in").hasMessageContaining("does not balance");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x", null, List.of(new Posting(issuance, 0), new Posting(c, 0)))))
			.hasMessageContaining("not zero");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x", null, List.of())))
			.hasMessageContaining("at least two postings");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x", null, List.of(new Posting(issuance, -5), new Posting(Long.MAX_VALUE, 5)))))
			.hasMessageContaining("does not exist");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.EARN, "x".repeat(201), null, List.of(new Posting(issuance, -5), new Posting(c, 5)))))
			.hasMessageContaining("reference");
		assertThat(ledger.balance(c)).isZero();
	}

	@Test
	void refusesANegativeBalanceNamingAccountAndShortfall() {
		long c = citizen(owner());
		long partner = ledger.account(AccountKind.PARTNER, owner(), Asset.POINT);
		ledger.post(earn(c, 100));
		assertThatThrownBy(() -> ledger.post(spend(c, partner, 130))).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("ledger account " + c).hasMessageContaining("short by 30");
		assertThat(ledger.balance(c)).isEqualTo(100);
		assertThat(ledger.balance(partner)).isZero();
		// a batch where the second transaction overdraws: nothing of the batch is written
		assertThatThrownBy(() -> ledger.postAll(List.of(spend(c, partner, 60), spend(c, partner, 60))))
			.isInstanceOf(RuleViolationException.class).hasMessageContaining("short by 20");
		assertThat(ledger.balance(c)).isEqualTo(100);
		ledger.post(spend(c, partner, 100));
		assertThat(ledger.balance(c)).isZero();
		// inside a caller's transaction: the refusal writes nothing and the caller's other writes still commit
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
			ledger.post(earn(c, 5));
			assertThatThrownBy(() -> ledger.post(spend(c, partner, 10))).hasMessageContaining("short by 5");
			ledger.post(spend(c, partner, 2));
		});
		assertThat(ledger.balance(c)).isEqualTo(3);
		assertThat(ledger.reconcile().problems()).noneMatch(p -> p.contains("account " + c + " "));
	}

	@Test
	void retiredAndExpiredUnitsNeverMove() {
		long holder = ledger.account(AccountKind.TICKET_HOLDER, owner(), Asset.TICKET);
		long tickets = ledger.account(AccountKind.TICKET_ISSUANCE, Ledger.SCHEME, Asset.TICKET);
		long retired = ledger.account(AccountKind.RETIRED, Ledger.SCHEME, Asset.TICKET);
		long expired = ledger.account(AccountKind.EXPIRED, Ledger.SCHEME, Asset.TICKET);
		ledger.post(new NewTxn(TxnKind.ISSUE, "ticket:LSCT-T-1", null, List.of(new Posting(tickets, -3), new Posting(holder, 3))));
		ledger.post(new NewTxn(TxnKind.RETIRE, "ticket:LSCT-T-1", "event", List.of(new Posting(holder, -2), new Posting(retired, 2))));
		ledger.post(new NewTxn(TxnKind.EXPIRE, "ticket:LSCT-T-1", null, List.of(new Posting(holder, -1), new Posting(expired, 1))));
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.TRANSFER, "ticket:LSCT-T-1", null,
				List.of(new Posting(retired, -1), new Posting(holder, 1))))).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("is RETIRED");
		assertThatThrownBy(() -> ledger.post(new NewTxn(TxnKind.REVERSE, "ticket:LSCT-T-1", null,
				List.of(new Posting(expired, -1), new Posting(holder, 1))))).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("is EXPIRED");
		assertThat(ledger.balance(holder)).isZero();
	}

	@Test
	void theDatabaseRefusesUpdatesAndDeletes() {
		long c = citizen(owner());
		long seq = ledger.post(earn(c, 10)).seq();
		assertThatThrownBy(() -> jdbc.sql("UPDATE inclusive_ledger_entry SET amount = 11 WHERE txn_seq = ?").param(seq).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM inclusive_ledger_txn WHERE seq = ?").param(seq).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("UPDATE inclusive_ledger_txn SET memo = 'x' WHERE seq = ?").param(seq).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThat(ledger.balance(c)).isEqualTo(10);
	}

	/**
	 * 6 threads × 150 operations on one citizen account: earners add 7, spenders take 5 (refused when short). Whatever
	 * the interleaving, the final balance = 7 × earns − 5 × accepted spends, never below zero, each balance_after chain
	 * consistent.
	 */
	@Test
	void concurrentEarnAndSpendNeverGoNegativeNorLoseAPoint() throws Exception {
		long c = citizen(owner());
		long partner = ledger.account(AccountKind.PARTNER, owner(), Asset.POINT);
		ledger.post(earn(c, 20));
		AtomicInteger earns = new AtomicInteger();
		AtomicInteger spends = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				boolean earner = t % 2 == 0;
				done.add(pool.submit(() -> {
					for (int i = 0; i < 150; i++) {
						if (earner) {
							ledger.post(earn(c, 7));
							earns.incrementAndGet();
						}
						else {
							try {
								ledger.post(spend(c, partner, 5));
								spends.incrementAndGet();
							}
							catch (RuleViolationException ex) {
								refused.incrementAndGet();
							}
						}
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(earns.get()).isEqualTo(450);
		assertThat(spends.get() + refused.get()).isEqualTo(450);
		assertThat(ledger.balance(c)).isEqualTo(20 + 7L * earns.get() - 5L * spends.get()).isNotNegative();
		assertThat(ledger.balance(partner)).isEqualTo(5L * spends.get());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM inclusive_ledger_entry WHERE account_id = ?").param(c).query(Long.class).single())
			.isEqualTo(1 + 450 + spends.get());
		assertThat(jdbc.sql("SELECT MIN(balance_after) FROM inclusive_ledger_entry WHERE account_id = ?").param(c).query(Long.class).single())
			.isNotNegative();
		assertThat(ledger.reconcile().problems()).noneMatch(p -> p.contains("account " + c + " "));
	}

	@Test
	void postsABatchOfTripsAndPrintsTheRate() {
		int batches = 12;
		int size = 500;
		List<List<NewTxn>> work = new ArrayList<>();
		for (int b = 0; b < batches; b++) {
			List<String> owners = IntStream.range(0, size).mapToObj(i -> owner()).toList();
			Map<String, Long> ids = ledger.accounts(AccountKind.CITIZEN, owners, Asset.POINT);
			assertThat(ids).hasSize(size);
			work.add(owners.stream().map(o -> earn(ids.get(o), 350)).toList());
		}
		long issuedBefore = ledger.balance(issuance());
		ledger.postAll(work.get(0)); // warm-up
		long start = System.nanoTime();
		List<Ledger.PostedTxn> posted = new ArrayList<>();
		for (List<NewTxn> batch : work.subList(1, batches)) {
			posted.addAll(ledger.postAll(batch));
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("Ledger.postAll: %d earn transactions in batches of %d in %.3f s = %.0f txn/s%n", posted.size(), size,
				seconds, posted.size() / seconds);
		assertThat(posted).hasSize((batches - 1) * size);
		assertThat(posted).extracting(Ledger.PostedTxn::seq).doesNotHaveDuplicates().isSorted();
		assertThat(ledger.balance(issuance()) - issuedBefore).isEqualTo(-350L * batches * size);
		assertThat(ledger.balance(work.get(3).get(17).postings().get(1).accountId())).isEqualTo(350);
	}

	/** Several writers posting batches at once to distinct citizens (the operator API's shape): the combined rate. */
	@Test
	void concurrentBatchesOfTrips() throws Exception {
		int threads = 4;
		int perThread = 6;
		int size = 400;
		AtomicLong count = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<List<List<NewTxn>>> work = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			List<List<NewTxn>> mine = new ArrayList<>();
			for (int b = 0; b < perThread; b++) {
				List<String> owners = IntStream.range(0, size).mapToObj(i -> owner()).toList();
				Map<String, Long> ids = ledger.accounts(AccountKind.CITIZEN, owners, Asset.POINT);
				mine.add(owners.stream().map(o -> earn(ids.get(o), 120)).toList());
			}
			work.add(mine);
		}
		long start = System.nanoTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (List<List<NewTxn>> mine : work) {
				done.add(pool.submit(() -> mine.forEach(batch -> count.addAndGet(ledger.postAll(batch).size()))));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("Ledger.postAll, %d threads: %d earn transactions in batches of %d in %.3f s = %.0f txn/s%n", threads,
				count.get(), size, seconds, count.get() / seconds);
		assertThat(count.get()).isEqualTo((long) threads * perThread * size);
	}

	@Test
	void reconciliationFindsATamperedRow() {
		long c = citizen(owner());
		long partner = ledger.account(AccountKind.PARTNER, owner(), Asset.POINT);
		ledger.post(earn(c, 500));
		long spendSeq = ledger.post(spend(c, partner, 200)).seq();
		long memoSeq = ledger.post(earn(c, 40)).seq();
		Ledger.Reconciliation before = ledger.reconcile();
		assertThat(before.problems()).as("clean before").isEmpty();
		assertThat(before.ok()).isTrue();
		assertThat(before.sums()).containsEntry(Asset.POINT, 0L).containsEntry(Asset.TICKET, 0L);
		assertThat(before.transactionsChecked()).isPositive();
		try {
			tamper("UPDATE inclusive_ledger_entry SET amount = 20 WHERE txn_seq = " + spendSeq + " AND account_id = " + partner);
			tamper("UPDATE inclusive_ledger_txn SET memo = 'a different memo' WHERE seq = " + memoSeq);
			Ledger.Reconciliation after = ledger.reconcile();
			assertThat(after.ok()).isFalse();
			assertThat(after.sums().get(Asset.POINT)).isEqualTo(20 - 200);
			assertThat(after.problems()).anyMatch(p -> p.startsWith("asset POINT"))
				.anyMatch(p -> p.equals("txn " + spendSeq + ": POINT does not balance (Σ = -180)"))
				.anyMatch(p -> p.equals("txn " + spendSeq + ": integrity code does not match its content (altered)"))
				.anyMatch(p -> p.equals("txn " + memoSeq + ": integrity code does not match its content (altered)"))
				.anyMatch(p -> p.startsWith("account " + partner + " at txn " + spendSeq + ": balance after 200"));
		}
		finally {
			tamper("UPDATE inclusive_ledger_entry SET amount = 200 WHERE txn_seq = " + spendSeq + " AND account_id = " + partner);
			tamper("UPDATE inclusive_ledger_txn SET memo = 'test trip' WHERE seq = " + memoSeq);
		}
		assertThat(ledger.reconcile().problems()).as("restored").isEmpty();
	}

	void tamper(String update) {
		String table = update.contains("inclusive_ledger_entry") ? "inclusive_ledger_entry" : "inclusive_ledger_txn";
		String trigger = table + "_append_only";
		jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger).update();
		try {
			assertThat(jdbc.sql(update).update()).isEqualTo(1);
		}
		finally {
			jdbc.sql("ALTER TABLE " + table + " ENABLE TRIGGER " + trigger).update();
		}
	}

	/**
	 * Hand-computed FIFO expiry with the plan's 3 years: 100 points earned on 2026-01-05 (10:00 Beijing), 30 spent on
	 * 2026-02-01, 50 earned on 2027-06-01. On 2029-01-05 nothing is due yet (cutoff 2026-01-05 00:00 is before the earn);
	 * on 2029-01-06 100 − 30 = 70 expire; the 50 of 2027 stay; a second run expires nothing; on 2030-06-02 the 50 go.
	 */
	@Test
	void pointsExpireFirstInFirstOutAfterThreeYears() {
		assertThat(ledger.expiryYears()).isEqualTo(3);
		String who = owner();
		long c = citizen(who);
		long partner = ledger.account(AccountKind.PARTNER, owner(), Asset.POINT);
		Instant start = now.get();
		try {
			now.set(Instant.parse("2026-01-05T02:00:00Z"));
			ledger.post(earn(c, 100));
			now.set(Instant.parse("2026-02-01T02:00:00Z"));
			ledger.post(spend(c, partner, 30));
			now.set(Instant.parse("2027-06-01T02:00:00Z"));
			ledger.post(earn(c, 50));
			now.set(Instant.parse("2029-01-06T01:00:00Z"));
			ledger.expireDue(LocalDate.of(2029, 1, 5));
			assertThat(ledger.balance(c)).as("not due on 2029-01-05").isEqualTo(120);
			Ledger.ExpiryRun run = ledger.expireDue(LocalDate.of(2029, 1, 6));
			assertThat(run.points()).isGreaterThanOrEqualTo(70);
			assertThat(ledger.balance(c)).isEqualTo(50);
			Ledger.Entry expiry = ledger.entries(c, null, 1).get(0);
			assertThat(expiry.kind()).isEqualTo(TxnKind.EXPIRE);
			assertThat(expiry.amount()).isEqualTo(-70);
			assertThat(expiry.reference()).isEqualTo("expiry:2029-01-06");
			ledger.expireDue(LocalDate.of(2029, 1, 6));
			assertThat(ledger.balance(c)).as("twice the same day: nothing more").isEqualTo(50);
			ledger.expireDue(LocalDate.of(2030, 6, 1));
			assertThat(ledger.balance(c)).as("the 50 of 2027-06-01 live until 2030-06-01 inclusive").isEqualTo(50);
			ledger.expireDue(LocalDate.of(2030, 6, 2));
			assertThat(ledger.balance(c)).isZero();
			assertThat(ledger.balance(AccountKind.EXPIRED, Ledger.SCHEME, Asset.POINT)).isGreaterThanOrEqualTo(120);
		}
		finally {
			now.set(start);
		}
	}

	/** The office's API: the city office runs and reads the reconciliation; a county officer and a citizen may not. */
	@Test
	void officeRunsAndReadsTheReconciliationOverTheApi() throws Exception {
		Fixtures f = new Fixtures(registry, users);
		String office = f.cityOfficer();
		String county = f.countyOfficer(Counties.SHIZHONG);
		String citizen = f.user(Role.CITIZEN, null, null, null, java.util.Set.of());
		long c = citizen(owner());
		ledger.post(earn(c, 9));
		String body = mvc.perform(post("/api/v1/inclusive/ledger/reconciliation/run").with(basic(office)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(true)).andExpect(jsonPath("$.sums.POINT").value(0))
			.andExpect(jsonPath("$.trigger").value("OFFICE")).andExpect(jsonPath("$.problemCount").value(0))
			.andReturn().getResponse().getContentAsString();
		long id = ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.id")).longValue();
		mvc.perform(get("/api/v1/inclusive/ledger/reconciliation").with(basic(office))).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id)).andExpect(jsonPath("$.kindSums.POINT.CITIZEN").isNumber())
			.andExpect(jsonPath("$.transactionsChecked").isNumber());
		for (String who : List.of(county, citizen)) {
			mvc.perform(get("/api/v1/inclusive/ledger/reconciliation").with(basic(who))).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/inclusive/ledger/reconciliation/run").with(basic(who))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/inclusive/ledger/reconciliation")).andExpect(status().isUnauthorized());
	}

	/** The office page: last reconciliation, sums, latest transactions, account lookup; zh and en; staff outside the city office refused. */
	@Test
	void officePageShowsReconciliationTransactionsAndAnAccount() throws Exception {
		Fixtures f = new Fixtures(registry, users);
		String office = f.cityOfficer();
		String county = f.countyOfficer(Counties.SHIZHONG);
		String who = owner();
		long c = citizen(who);
		long seq = ledger.post(earn(c, 4_321)).seq();
		mvc.perform(post("/inclusive/office/ledger/reconcile").with(f.as(office)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/inclusive/office/ledger"));
		mvc.perform(get("/inclusive/office/ledger").with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"recon-status\"")))
			.andExpect(content().string(containsString("账平")))
			.andExpect(content().string(containsString("id=\"txn-" + seq + "\"")))
			.andExpect(content().string(containsString("+4,321")));
		mvc.perform(get("/inclusive/office/ledger").param("kind", "CITIZEN").param("owner", who).param("asset", "POINT").param("lang", "en")
			.with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"account-balance\">4,321<")))
			.andExpect(content().string(containsString("Latest reconciliation")))
			.andExpect(content().string(containsString("Balanced")));
		mvc.perform(get("/inclusive/office/ledger").param("account", String.valueOf(Long.MAX_VALUE)).with(f.as(office)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"no-account\"")));
		mvc.perform(get("/inclusive/office/ledger").param("owner", "x".repeat(65)).param("kind", "CITIZEN").param("asset", "POINT")
			.with(f.as(office))).andExpect(status().isBadRequest());
		mvc.perform(get("/inclusive/office/ledger").param("kind", "NOT_A_KIND").with(f.as(office))).andExpect(status().isBadRequest());
		mvc.perform(get("/inclusive/office/ledger").param("before", String.valueOf(seq)).with(f.as(office))).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"txn-" + seq + "\""))));
		mvc.perform(get("/inclusive/office/ledger").with(f.as(county))).andExpect(status().isForbidden());
		mvc.perform(post("/inclusive/office/ledger/reconcile").with(f.as(county)).with(csrf())).andExpect(status().isForbidden());
	}

	/** The daily jobs: expiry for the clock's Beijing date, the reconciliation stored as SCHEDULE. */
	@Test
	void dailyJobsExpireAndReconcile(@Autowired org.springframework.context.ApplicationContext context) {
		Object jobs = context.getBean("ledgerJobs");
		Instant start = now.get();
		try {
			String who = owner();
			long c = citizen(who);
			now.set(Instant.parse("2026-03-01T02:00:00Z"));
			ledger.post(earn(c, 11));
			// 2029-03-01 16:30 UTC = 2029-03-02 00:30 Beijing: the cutoff 2026-03-02 00:00 is past the earn
			now.set(Instant.parse("2029-03-01T16:30:00Z"));
			Ledger.ExpiryRun run = ReflectionTestUtils.invokeMethod(jobs, "expireToday");
			assertThat(run.date()).isEqualTo(LocalDate.of(2029, 3, 2));
			assertThat(ledger.balance(c)).isZero();
			LedgerReconciliations.Run reconciled = ReflectionTestUtils.invokeMethod(jobs, "reconcile");
			assertThat(reconciled.trigger()).isEqualTo(LedgerReconciliations.Trigger.SCHEDULE);
			assertThat(reconciled.ok()).isTrue();
			assertThat(reconciled.kindSums().get(Asset.POINT).get(AccountKind.EXPIRED)).isPositive();
		}
		finally {
			now.set(start);
		}
	}

	/** The office page in a real headless Chromium, zh and en (screenshots target/screenshots/inclusive-ledger-*.png). */
	@org.junit.jupiter.api.Nested
	class OfficePageInBrowser {

		@org.junit.jupiter.api.extension.RegisterExtension
		static final Browser browser = new Browser("chromedriver-inclusive-ledger.log");

		@Test
		void theOfficeReconcilesAndLooksUpAnAccount() {
			Fixtures f = new Fixtures(registry, users);
			String office = f.cityOfficer();
			String who = owner();
			long c = citizen(who);
			long partner = ledger.account(AccountKind.PARTNER, "p-" + who, Asset.POINT);
			ledger.post(earn(c, 2_480));
			ledger.post(spend(c, partner, 800));
			browser.signIn(office);
			browser.open("/inclusive/office/ledger");
			browser.find(org.openqa.selenium.By.id("reconcile")).click();
			browser.waitUntil().until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(org.openqa.selenium.By.id("reconciled")));
			assertThat(browser.find(org.openqa.selenium.By.id("recon-status")).getText()).isEqualTo("账平");
			browser.screenshot("inclusive-ledger-zh.png");
			browser.find(org.openqa.selenium.By.id("lookup-account")).sendKeys(String.valueOf(c));
			browser.find(org.openqa.selenium.By.cssSelector("#lookup-form button[type=submit]")).click();
			browser.waitUntil().until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(org.openqa.selenium.By.id("account-balance")));
			assertThat(browser.find(org.openqa.selenium.By.id("account-balance")).getText()).isEqualTo("1,680");
			assertThat(browser.findAll(org.openqa.selenium.By.cssSelector("#account-entries .entry-row"))).hasSize(2);
			browser.screenshot("inclusive-ledger-account-zh.png");
			browser.open("/inclusive/office/ledger?lang=en&account=" + c);
			assertThat(browser.find(org.openqa.selenium.By.id("recon-status")).getText()).isEqualTo("Balanced");
			browser.screenshot("inclusive-ledger-en.png");
			browser.assertNoScriptErrors();
		}
	}
}
