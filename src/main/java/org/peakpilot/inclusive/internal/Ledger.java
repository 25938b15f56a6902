package org.peakpilot.inclusive.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The carbon-inclusive scheme's one ledger (ADR 0019): append-only, double-entry. Every earn, spend, donate, expire,
 * issue, transfer, pledge and retire is one transaction with a sequence number whose postings sum to zero per asset;
 * balances are derived from the postings, never edited; an account whose kind does not
 * {@linkplain AccountKind#allowsNegative() allow it} never goes below zero (concurrent posts on one account are
 * serialised); a {@link AccountKind#RETIRED} account never pays out. Amounts are whole units of the account's asset.
 * <p>
 * Posts join the caller's transaction (a trip, its points and its ledger transaction are written together or not at
 * all). A refused post throws {@code RuleViolationException} naming the account and the shortfall.
 * <p>
 * How a post is serialised without a global lock: the accounts that may not go negative are locked in id order by one
 * {@code SELECT … FOR NO KEY UPDATE} (no key lock, so foreign-key checks of other writers never wait); the issuance
 * accounts, which every credited trip touches, are never locked. The sequence numbers are drawn after the lock, so for a
 * locked account seq order is the order of its posts and {@code balance_after} = previous {@code balance_after} +
 * amount. Each transaction carries an HMAC-SHA256 of its canonical content ({@link #canonical}) with the key
 * {@code peakpilot.inclusive.ledger-key}; {@link #reconcile()} checks the sums, the HMACs and the running balances.
 */
@Component
public class Ledger {

	private static final Logger log = LoggerFactory.getLogger(Ledger.class);

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** The scheme's own accounts' owner. */
	public static final String SCHEME = "scheme";
	public static final int MAX_REFERENCE = 200;
	public static final int MAX_MEMO = 500;
	public static final int MAX_OWNER = 64;
	/** Problems listed by a reconciliation (the count is always complete). */
	static final int MAX_PROBLEMS_LISTED = 1000;
	/** The plan folder's settings file of the scheme and the ledger's key in it. */
	static final String SETTINGS = "inclusive.properties";
	static final String EXPIRY_YEARS = "ledger.points-expiry-years";
	/** application.properties' key for development and tests (production sets its own). */
	static final String DEVELOPMENT_KEY = "development-only-ledger-key-not-for-production";

	/** One line of a transaction: a signed amount on an account (positive: the account receives). */
	public record Posting(long accountId, long amount) {
	}

	/** A transaction to post: its kind, a reference to what caused it (e.g. {@code trip:123}, {@code ticket:LSCT-…}), a memo. */
	public record NewTxn(TxnKind kind, String reference, String memo, List<Posting> postings) {
	}

	/** A posted transaction. */
	public record PostedTxn(long seq, TxnKind kind, String reference, OffsetDateTime at) {
	}

	/** One posting as stored, with the account's balance after it. */
	public record Entry(long seq, TxnKind kind, String reference, String memo, OffsetDateTime at, long amount, long balanceAfter) {
	}

	/** What the reconciliation found: per asset Σ of all postings (must be 0), and each problem it found. */
	public record Reconciliation(OffsetDateTime at, java.util.Map<Asset, Long> sums, long transactionsChecked, List<String> problems) {
		public boolean ok() {
			return problems.isEmpty() && sums.values().stream().allMatch(v -> v == 0);
		}
	}

	/** An account as stored. */
	public record Account(long id, AccountKind kind, String owner, Asset asset) {
	}

	/** A posted transaction with its postings (the office's list). */
	public record TxnView(long seq, TxnKind kind, String reference, String memo, OffsetDateTime at, List<PostingView> postings) {
	}

	/** One posting of a {@link TxnView} with its account. */
	public record PostingView(long accountId, AccountKind kind, String owner, Asset asset, long amount, Long balanceAfter) {
	}

	/** What {@link #expireDue(LocalDate)} did. */
	public record ExpiryRun(LocalDate date, OffsetDateTime cutoff, int accounts, long points, long engagementPoints) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Clock clock;
	private final SecretKeySpec key;
	private final Map<Long, Account> accountsById = new ConcurrentHashMap<>();
	private final Map<String, Long> schemeAccounts = new ConcurrentHashMap<>();
	private final TransactionTemplate requiresNew;
	private final ThreadLocal<Mac> macs;
	private final int expiryYears;

	Ledger(JdbcClient jdbc, JdbcTemplate template, Clock clock, PilotPlan plan, PlatformTransactionManager transactions,
			@Value("${peakpilot.inclusive.ledger-key}") String ledgerKey, @Value("${spring.datasource.url:}") String externalDatabase) {
		this.jdbc = jdbc;
		this.requiresNew = new TransactionTemplate(transactions);
		this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.expiryYears = expiryYears(plan.planProperties(SETTINGS));
		this.template = template;
		this.clock = clock;
		if (ledgerKey == null || ledgerKey.strip().length() < 32) {
			throw new IllegalStateException("peakpilot.inclusive.ledger-key must be at least 32 characters (the installation's secret)");
		}
		if (ledgerKey.strip().equals(DEVELOPMENT_KEY) && !externalDatabase.isBlank()) {
			log.warn("The inclusive ledger's integrity key is the development default: set PEAKPILOT_INCLUSIVE_LEDGER_KEY (docs/adr/0019)");
		}
		this.key = new SecretKeySpec(ledgerKey.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(key);
				return mac;
			}
			catch (java.security.GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 unavailable", ex);
			}
		});
	}

	private static int expiryYears(java.util.Properties p) {
		String value = p.getProperty(EXPIRY_YEARS, "3").strip();
		try {
			int years = Integer.parseInt(value);
			if (years >= 1 && years <= 10) {
				return years;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalStateException("plan file " + SETTINGS + ": " + EXPIRY_YEARS + " = '" + value + "' must be whole years 1–10");
	}

	// ------------------------------------------------------------------ accounts

	/**
	 * The account (kind, owner, asset), created on first use; its id. The scheme's own accounts (owner {@link #SCHEME})
	 * are created in a transaction of their own and remembered, so a credited trip does not look up the issuance
	 * account again.
	 */
	@Transactional
	public long account(AccountKind kind, String owner, Asset asset) {
		checkOwner(owner);
		if (SCHEME.equals(owner)) {
			String key = kind + "/" + asset;
			Long known = schemeAccounts.get(key);
			if (known != null) {
				return known;
			}
			long id = find(kind, owner, asset).orElseGet(() -> requiresNew.execute(status -> {
				jdbc.sql("INSERT INTO inclusive_ledger_account (kind, owner, asset) VALUES (?, ?, ?) ON CONFLICT (kind, owner, asset) DO NOTHING")
					.params(kind.name(), owner, asset.name()).update();
				return find(kind, owner, asset).orElseThrow();
			}));
			// committed (by the migration, an earlier transaction or the one just above): safe to remember
			if (requiresNew.execute(status -> find(kind, owner, asset)).isPresent()) {
				schemeAccounts.put(key, id);
			}
			return id;
		}
		Optional<Long> found = find(kind, owner, asset);
		if (found.isPresent()) {
			return found.get();
		}
		jdbc.sql("INSERT INTO inclusive_ledger_account (kind, owner, asset) VALUES (?, ?, ?) ON CONFLICT (kind, owner, asset) DO NOTHING")
			.params(kind.name(), owner, asset.name()).update();
		return find(kind, owner, asset).orElseThrow();
	}

	/**
	 * The accounts of many owners of one kind and asset (a batch of trips), created where missing: owner → id. One
	 * insert and one query whatever the number of owners.
	 */
	@Transactional
	public Map<String, Long> accounts(AccountKind kind, Collection<String> owners, Asset asset) {
		Set<String> distinct = new TreeSet<>(owners);
		distinct.forEach(Ledger::checkOwner);
		if (distinct.isEmpty()) {
			return Map.of();
		}
		String[] array = distinct.toArray(String[]::new);
		Map<String, Long> ids = new HashMap<>();
		template.execute((ConnectionCallback<Void>) con -> {
			Array a = con.createArrayOf("varchar", array);
			try (PreparedStatement st = con.prepareStatement("""
					INSERT INTO inclusive_ledger_account (kind, owner, asset)
					SELECT ?, o, ? FROM unnest(?::varchar[]) o ORDER BY o
					ON CONFLICT (kind, owner, asset) DO NOTHING""")) {
				st.setString(1, kind.name());
				st.setString(2, asset.name());
				st.setArray(3, a);
				st.executeUpdate();
			}
			try (PreparedStatement st = con.prepareStatement(
					"SELECT id, owner FROM inclusive_ledger_account WHERE kind = ? AND asset = ? AND owner = ANY(?::varchar[])")) {
				st.setString(1, kind.name());
				st.setString(2, asset.name());
				st.setArray(3, a);
				try (ResultSet rs = st.executeQuery()) {
					while (rs.next()) {
						ids.put(rs.getString(2), rs.getLong(1));
						accountsById.putIfAbsent(rs.getLong(1), new Account(rs.getLong(1), kind, rs.getString(2), asset));
					}
				}
			}
			return null;
		});
		return ids;
	}

	/** The account's id if it exists (never creates it). */
	public Optional<Long> find(AccountKind kind, String owner, Asset asset) {
		return jdbc.sql("SELECT id FROM inclusive_ledger_account WHERE kind = ? AND owner = ? AND asset = ?")
			.params(kind.name(), owner, asset.name()).query(Long.class).optional();
	}

	/** The account of an id, if it exists. */
	public Optional<Account> accountOf(long id) {
		Map<Long, Account> found = accounts(List.of(id));
		return Optional.ofNullable(found.get(id));
	}

	/** The accounts of an owner (all kinds and assets), by id. */
	public List<Account> accountsOf(String owner) {
		return jdbc.sql("SELECT id, kind, owner, asset FROM inclusive_ledger_account WHERE owner = ? ORDER BY id")
			.param(owner).query((rs, n) -> new Account(rs.getLong(1), AccountKind.valueOf(rs.getString(2)), rs.getString(3),
					Asset.valueOf(rs.getString(4)))).list();
	}

	private Map<Long, Account> accounts(Collection<Long> ids) {
		Map<Long, Account> found = new HashMap<>();
		List<Long> missing = new ArrayList<>();
		for (Long id : ids) {
			Account a = accountsById.get(id);
			if (a != null) {
				found.put(id, a);
			}
			else {
				missing.add(id);
			}
		}
		if (!missing.isEmpty()) {
			jdbc.sql("SELECT id, kind, owner, asset FROM inclusive_ledger_account WHERE id = ANY(?::bigint[])")
				.param(longArray(missing)).query((rs, n) -> new Account(rs.getLong(1), AccountKind.valueOf(rs.getString(2)),
						rs.getString(3), Asset.valueOf(rs.getString(4))))
				.list().forEach(a -> {
					// ids are never reused: an account seen here stays (kind, owner, asset) for good; one created in a
					// transaction that rolled back cannot be posted to (foreign key)
					accountsById.putIfAbsent(a.id(), a);
					found.put(a.id(), a);
				});
		}
		return found;
	}

	// ------------------------------------------------------------------ balances

	/** The account's balance (0 for an account never used). */
	public long balance(AccountKind kind, String owner, Asset asset) {
		return find(kind, owner, asset).map(this::balance).orElse(0L);
	}

	/** The account's balance. */
	public long balance(long accountId) {
		Account a = accounts(List.of(accountId)).get(accountId);
		if (a == null) {
			return 0;
		}
		if (tracked(a.kind())) {
			return jdbc.sql("SELECT balance_after FROM inclusive_ledger_entry WHERE account_id = ? ORDER BY txn_seq DESC LIMIT 1")
				.param(accountId).query(Long.class).optional().orElse(0L);
		}
		return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM inclusive_ledger_entry WHERE account_id = ?").param(accountId)
			.query(Long.class).single();
	}

	/** Whether the kind keeps a running balance and is locked by posts (every kind that may not go negative). */
	static boolean tracked(AccountKind kind) {
		return !kind.allowsNegative();
	}

	// ------------------------------------------------------------------ posting

	/**
	 * Posts one transaction inside the caller's database transaction. A refusal writes nothing and does not mark the
	 * caller's transaction rollback-only (the caller may catch it and go on).
	 */
	@Transactional(noRollbackFor = { RuleViolationException.class, IllegalArgumentException.class })
	public PostedTxn post(NewTxn txn) {
		return postAll(List.of(txn)).get(0);
	}

	/**
	 * Posts many transactions at once (a partner's batch of trips): the same rules, fewer round trips (one lock statement,
	 * one insert of the transactions, one of the postings). All or nothing: one refused transaction refuses the batch
	 * and writes nothing.
	 */
	@Transactional(noRollbackFor = { RuleViolationException.class, IllegalArgumentException.class })
	public List<PostedTxn> postAll(List<NewTxn> txns) {
		if (txns == null || txns.isEmpty()) {
			return List.of();
		}
		Set<Long> ids = new HashSet<>();
		for (NewTxn t : txns) {
			checkShape(t);
			t.postings().forEach(p -> ids.add(p.accountId()));
		}
		Map<Long, Account> accounts = accounts(ids);
		for (long id : ids) {
			if (!accounts.containsKey(id)) {
				throw new IllegalArgumentException("ledger account " + id + " does not exist");
			}
		}
		for (NewTxn t : txns) {
			checkBalanced(t, accounts);
		}
		long[] locked = ids.stream().filter(id -> tracked(accounts.get(id).kind())).mapToLong(Long::longValue).sorted().toArray();
		int n = txns.size();
		OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), BEIJING);
		return template.execute((ConnectionCallback<List<PostedTxn>>) con -> {
			if (locked.length > 0) {
				// one statement locks every account that may not go negative, in id order (no deadlock between posts)
				try (PreparedStatement st = con.prepareStatement(
						"SELECT id FROM inclusive_ledger_account WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE")) {
					st.setArray(1, con.createArrayOf("bigint", boxed(locked)));
					try (ResultSet rs = st.executeQuery()) {
						while (rs.next()) {
							// locked
						}
					}
				}
			}
			// seq drawn after the lock: for a locked account seq order is the order of its posts
			long[] seqs = new long[n];
			try (PreparedStatement st = con.prepareStatement(
					"SELECT nextval(pg_get_serial_sequence('inclusive_ledger_txn', 'seq')) FROM generate_series(1, ?)")) {
				st.setInt(1, n);
				try (ResultSet rs = st.executeQuery()) {
					for (int i = 0; rs.next(); i++) {
						seqs[i] = rs.getLong(1);
					}
				}
			}
			Arrays.sort(seqs);
			// balances read after the lock, in a new statement (so its snapshot sees every post committed before it)
			Map<Long, Long> balances = new HashMap<>();
			if (locked.length > 0) {
				try (PreparedStatement st = con.prepareStatement("""
						SELECT a.id, (SELECT e.balance_after FROM inclusive_ledger_entry e WHERE e.account_id = a.id
						              ORDER BY e.txn_seq DESC LIMIT 1)
						FROM unnest(?::bigint[]) a(id)""")) {
					st.setArray(1, con.createArrayOf("bigint", boxed(locked)));
					try (ResultSet rs = st.executeQuery()) {
						while (rs.next()) {
							long b = rs.getLong(2);
							balances.put(rs.getLong(1), rs.wasNull() ? 0L : b);
						}
					}
				}
			}
			int entryCount = txns.stream().mapToInt(t -> t.postings().size()).sum();
			Long[] txSeq = new Long[n];
			String[] txKind = new String[n];
			String[] txRef = new String[n];
			String[] txMemo = new String[n];
			String[] txHmac = new String[n];
			Long[] enSeq = new Long[entryCount];
			Long[] enAccount = new Long[entryCount];
			Long[] enAmount = new Long[entryCount];
			Long[] enBalance = new Long[entryCount];
			List<PostedTxn> posted = new ArrayList<>(n);
			int k = 0;
			for (int i = 0; i < n; i++) {
				NewTxn t = txns.get(i);
				List<Posting> sorted = t.postings().stream().sorted(java.util.Comparator.comparingLong(Posting::accountId)).toList();
				for (Posting p : sorted) {
					Account a = accounts.get(p.accountId());
					enSeq[k] = seqs[i];
					enAccount[k] = p.accountId();
					enAmount[k] = p.amount();
					if (tracked(a.kind())) {
						if (p.amount() < 0 && (a.kind() == AccountKind.RETIRED || a.kind() == AccountKind.EXPIRED)) {
							throw new RuleViolationException("ledger account " + a.id() + " (" + a.kind() + " " + a.owner() + ", "
									+ a.asset() + ") is " + a.kind() + ": its units never move again");
						}
						long after = balances.get(a.id()) + p.amount();
						if (after < 0) {
							throw new RuleViolationException("ledger account " + a.id() + " (" + a.kind() + " " + a.owner() + ", "
									+ a.asset() + ") holds " + balances.get(a.id()) + ", " + (-p.amount()) + " asked: short by " + (-after));
						}
						balances.put(a.id(), after);
						enBalance[k] = after;
					}
					k++;
				}
				txSeq[i] = seqs[i];
				txKind[i] = t.kind().name();
				txRef[i] = t.reference();
				txMemo[i] = t.memo();
				txHmac[i] = hmac(canonical(seqs[i], t.kind(), t.reference(), t.memo(), at.toInstant(), sorted));
				posted.add(new PostedTxn(seqs[i], t.kind(), t.reference(), at));
			}
			try (PreparedStatement st = con.prepareStatement("""
					INSERT INTO inclusive_ledger_txn (seq, kind, reference, memo, at, hmac)
					SELECT s, k, r, m, ?::timestamptz, h FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::char(64)[]) AS x(s, k, r, m, h)""")) {
				st.setObject(1, at);
				st.setArray(2, con.createArrayOf("bigint", txSeq));
				st.setArray(3, con.createArrayOf("varchar", txKind));
				st.setArray(4, con.createArrayOf("varchar", txRef));
				st.setArray(5, con.createArrayOf("varchar", txMemo));
				st.setArray(6, con.createArrayOf("varchar", txHmac));
				st.executeUpdate();
			}
			try (PreparedStatement st = con.prepareStatement("""
					INSERT INTO inclusive_ledger_entry (txn_seq, account_id, amount, balance_after)
					SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])""")) {
				st.setArray(1, con.createArrayOf("bigint", enSeq));
				st.setArray(2, con.createArrayOf("bigint", enAccount));
				st.setArray(3, con.createArrayOf("bigint", enAmount));
				st.setArray(4, con.createArrayOf("bigint", enBalance));
				st.executeUpdate();
			}
			return posted;
		});
	}

	private static void checkShape(NewTxn t) {
		if (t == null || t.kind() == null) {
			throw new IllegalArgumentException("a ledger transaction needs a kind");
		}
		if (t.reference() == null || t.reference().isBlank() || t.reference().length() > MAX_REFERENCE) {
			throw new IllegalArgumentException("a ledger transaction needs a reference of 1–" + MAX_REFERENCE + " characters");
		}
		if (t.memo() != null && t.memo().length() > MAX_MEMO) {
			throw new IllegalArgumentException("a ledger transaction's memo has at most " + MAX_MEMO + " characters");
		}
		if (t.postings() == null || t.postings().size() < 2) {
			throw new IllegalArgumentException("a ledger transaction (" + t.reference() + ") needs at least two postings");
		}
		Set<Long> seen = new HashSet<>();
		for (Posting p : t.postings()) {
			if (p == null || p.amount() == 0) {
				throw new IllegalArgumentException("a ledger posting's amount is not zero (" + t.reference() + ")");
			}
			if (!seen.add(p.accountId())) {
				throw new IllegalArgumentException("account " + p.accountId() + " appears twice in " + t.reference());
			}
		}
	}

	private static void checkBalanced(NewTxn t, Map<Long, Account> accounts) {
		Map<Asset, Long> sums = new EnumMap<>(Asset.class);
		for (Posting p : t.postings()) {
			sums.merge(accounts.get(p.accountId()).asset(), p.amount(), Math::addExact);
		}
		sums.forEach((asset, sum) -> {
			if (sum != 0) {
				throw new IllegalArgumentException("ledger transaction " + t.reference() + " does not balance in " + asset + ": Σ = " + sum);
			}
		});
	}

	private static void checkOwner(String owner) {
		if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
			throw new IllegalArgumentException("a ledger account's owner has 1–" + MAX_OWNER + " characters");
		}
	}

	// ------------------------------------------------------------------ integrity code

	/**
	 * The canonical content a transaction's HMAC covers: version, seq, kind, reference, memo, at (epoch microseconds) and
	 * its postings in account order, each field length-prefixed so that no two contents share a text.
	 */
	static String canonical(long seq, TxnKind kind, String reference, String memo, Instant at, List<Posting> postingsByAccount) {
		StringBuilder b = new StringBuilder(96).append("v1|").append(seq).append('|').append(kind.name()).append('|');
		field(b, reference);
		field(b, memo);
		b.append(ChronoUnit.MICROS.between(Instant.EPOCH, at)).append('|');
		for (Posting p : postingsByAccount) {
			b.append(p.accountId()).append(':').append(p.amount()).append(';');
		}
		return b.toString();
	}

	private static void field(StringBuilder b, String s) {
		if (s == null) {
			b.append("-1:|");
		}
		else {
			b.append(s.length()).append(':').append(s).append('|');
		}
	}

	String hmac(String canonical) {
		return HexFormat.of().formatHex(macs.get().doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	// ------------------------------------------------------------------ reading

	/** The account's postings, newest first, before a sequence number (null: the newest), at most {@code limit}. */
	public List<Entry> entries(long accountId, Long beforeSeq, int limit) {
		int n = Math.max(1, Math.min(limit, 1000));
		Account a = accounts(List.of(accountId)).get(accountId);
		if (a == null) {
			return List.of();
		}
		record Row(long seq, TxnKind kind, String reference, String memo, OffsetDateTime at, long amount, Long balanceAfter) {
		}
		List<Row> rows = jdbc.sql("""
				SELECT e.txn_seq, t.kind, t.reference, t.memo, t.at, e.amount, e.balance_after
				FROM inclusive_ledger_entry e JOIN inclusive_ledger_txn t ON t.seq = e.txn_seq
				WHERE e.account_id = :account AND (CAST(:before AS BIGINT) IS NULL OR e.txn_seq < :before)
				ORDER BY e.txn_seq DESC LIMIT :limit""")
			.param("account", accountId).param("before", beforeSeq).param("limit", n)
			.query((rs, i) -> new Row(rs.getLong(1), TxnKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).atZoneSameInstant(BEIJING).toOffsetDateTime(), rs.getLong(6),
					(Long) rs.getObject(7)))
			.list();
		List<Entry> entries = new ArrayList<>(rows.size());
		// an issuance account keeps no running balance: the balance after the newest row shown is Σ up to it
		long running = rows.isEmpty() || tracked(a.kind()) ? 0
				: jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM inclusive_ledger_entry WHERE account_id = ? AND txn_seq <= ?")
					.params(accountId, rows.get(0).seq()).query(Long.class).single();
		for (Row r : rows) {
			long after = r.balanceAfter() != null ? r.balanceAfter() : running;
			entries.add(new Entry(r.seq(), r.kind(), r.reference(), r.memo(), r.at(), r.amount(), after));
			running = after - r.amount();
		}
		return entries;
	}

	/** The transactions with their postings, newest first, before a sequence number (null: the newest), at most {@code limit}. */
	public List<TxnView> transactions(Long beforeSeq, int limit) {
		int n = Math.max(1, Math.min(limit, 200));
		Map<Long, TxnView> txns = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT t.seq, t.kind, t.reference, t.memo, t.at, e.account_id, a.kind, a.owner, a.asset, e.amount, e.balance_after
				FROM (SELECT * FROM inclusive_ledger_txn WHERE CAST(:before AS BIGINT) IS NULL OR seq < :before
				      ORDER BY seq DESC LIMIT :limit) t
				JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq
				JOIN inclusive_ledger_account a ON a.id = e.account_id
				ORDER BY t.seq DESC, e.account_id""")
			.param("before", beforeSeq).param("limit", n)
			.query(rs -> {
				TxnView v = txns.computeIfAbsent(rs.getLong(1), seq -> {
					try {
						return new TxnView(seq, TxnKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
								rs.getObject(5, OffsetDateTime.class).atZoneSameInstant(BEIJING).toOffsetDateTime(), new ArrayList<>());
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				v.postings().add(new PostingView(rs.getLong(6), AccountKind.valueOf(rs.getString(7)), rs.getString(8),
						Asset.valueOf(rs.getString(9)), rs.getLong(10), (Long) rs.getObject(11)));
			});
		return List.copyOf(txns.values());
	}

	/** Σ of all postings per asset and account kind (what is issued, held, retired, expired): asset → kind → Σ. */
	public Map<Asset, Map<AccountKind, Long>> sumsByKind() {
		Map<Asset, Map<AccountKind, Long>> sums = new EnumMap<>(Asset.class);
		jdbc.sql("""
				SELECT a.asset, a.kind, SUM(e.amount) FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id
				GROUP BY a.asset, a.kind""")
			.query(rs -> {
				sums.computeIfAbsent(Asset.valueOf(rs.getString(1)), x -> new EnumMap<>(AccountKind.class))
					.put(AccountKind.valueOf(rs.getString(2)), rs.getLong(3));
			});
		return sums;
	}

	// ------------------------------------------------------------------ reconciliation

	/** Proves Σ = 0 per asset, each transaction balanced and unaltered, each account's running balance consistent. */
	@Transactional(readOnly = true)
	public Reconciliation reconcile() {
		OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), BEIJING);
		List<String> problems = new ArrayList<>();
		long[] problemCount = { 0 };
		java.util.function.Consumer<String> problem = p -> {
			problemCount[0]++;
			if (problems.size() < MAX_PROBLEMS_LISTED) {
				problems.add(p);
			}
		};
		Map<Asset, Long> sums = new EnumMap<>(Asset.class);
		for (Asset a : Asset.values()) {
			sums.put(a, 0L);
		}
		jdbc.sql("""
				SELECT a.asset, SUM(e.amount) FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id
				GROUP BY a.asset""")
			.query(rs -> {
				sums.put(Asset.valueOf(rs.getString(1)), rs.getLong(2));
			});
		sums.forEach((asset, sum) -> {
			if (sum != 0) {
				problem.accept("asset " + asset + ": Σ of all postings = " + sum + ", not 0");
			}
		});
		jdbc.sql("""
				SELECT e.txn_seq, a.asset, SUM(e.amount) FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id
				GROUP BY e.txn_seq, a.asset HAVING SUM(e.amount) <> 0 ORDER BY e.txn_seq""")
			.query(rs -> {
				problem.accept("txn " + rs.getLong(1) + ": " + rs.getString(2) + " does not balance (Σ = " + rs.getLong(3) + ")");
			});
		HmacCheck check = new HmacCheck(problem);
		template.query(con -> {
			PreparedStatement st = con.prepareStatement("""
					SELECT t.seq, t.kind, t.reference, t.memo, t.at, t.hmac, e.account_id, e.amount
					FROM inclusive_ledger_txn t LEFT JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq
					ORDER BY t.seq, e.account_id""");
			st.setFetchSize(10_000);
			return st;
		}, check);
		check.finish();
		jdbc.sql("""
				SELECT account_id, txn_seq, amount, balance_after, prev FROM (
				    SELECT e.account_id, e.txn_seq, e.amount, e.balance_after,
				           lag(e.balance_after) OVER (PARTITION BY e.account_id ORDER BY e.txn_seq) AS prev,
				           row_number() OVER (PARTITION BY e.account_id ORDER BY e.txn_seq) AS n
				    FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id
				    WHERE a.kind NOT IN ('POINT_ISSUANCE', 'ENGAGEMENT_ISSUANCE', 'TICKET_ISSUANCE')) x
				WHERE balance_after IS NULL OR balance_after < 0 OR (n = 1 AND balance_after <> amount)
				   OR (n > 1 AND (prev IS NULL OR balance_after <> prev + amount))
				ORDER BY account_id, txn_seq""")
			.query(rs -> {
				problem.accept("account " + rs.getLong(1) + " at txn " + rs.getLong(2) + ": balance after " + rs.getObject(4)
						+ " ≠ previous " + (rs.getObject(5) == null ? "0" : rs.getObject(5)) + " + amount " + rs.getLong(3));
			});
		jdbc.sql("""
				SELECT e.account_id, e.txn_seq FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id
				WHERE a.kind IN ('POINT_ISSUANCE', 'ENGAGEMENT_ISSUANCE', 'TICKET_ISSUANCE') AND e.balance_after IS NOT NULL
				ORDER BY e.account_id, e.txn_seq""")
			.query(rs -> {
				problem.accept("account " + rs.getLong(1) + " at txn " + rs.getLong(2) + ": an issuance account keeps no running balance");
			});
		if (problemCount[0] > problems.size()) {
			problems.add("… " + (problemCount[0] - problems.size()) + " more problem(s) not listed");
		}
		return new Reconciliation(at, sums, check.checked, List.copyOf(problems));
	}

	/** Streams the transactions with their postings (ordered by seq, account) and checks each one's HMAC. */
	private final class HmacCheck implements org.springframework.jdbc.core.RowCallbackHandler {

		private final java.util.function.Consumer<String> problem;
		long checked;
		private long seq = -1;
		private TxnKind kind;
		private String reference;
		private String memo;
		private Instant when;
		private String stored;
		private List<Posting> postings = new ArrayList<>();

		HmacCheck(java.util.function.Consumer<String> problem) {
			this.problem = problem;
		}

		@Override
		public void processRow(ResultSet rs) throws SQLException {
			long s = rs.getLong(1);
			if (s != seq) {
				finish();
				seq = s;
				kind = TxnKind.valueOf(rs.getString(2));
				reference = rs.getString(3);
				memo = rs.getString(4);
				when = rs.getObject(5, OffsetDateTime.class).toInstant();
				stored = rs.getString(6);
				postings = new ArrayList<>();
			}
			long account = rs.getLong(7);
			if (!rs.wasNull()) {
				postings.add(new Posting(account, rs.getLong(8)));
			}
		}

		void finish() {
			if (seq < 0) {
				return;
			}
			checked++;
			if (postings.size() < 2) {
				problem.accept("txn " + seq + ": " + postings.size() + " posting(s)");
			}
			if (!hmac(canonical(seq, kind, reference, memo, when, postings)).equals(stored)) {
				problem.accept("txn " + seq + ": integrity code does not match its content (altered)");
			}
			seq = -1;
		}
	}

	// ------------------------------------------------------------------ expiry

	/** {@link #expireDue(LocalDate, int)} with the plan's rule ({@code ledger.points-expiry-years}, default 3). */
	public ExpiryRun expireDue(LocalDate date) {
		return expireDue(date, expiryYears);
	}

	/** How many years points live (the plan folder's {@code inclusive.properties}, {@code ledger.points-expiry-years}). */
	public int expiryYears() {
		return expiryYears;
	}

	/**
	 * Expires the points due at {@code date} (FIFO): for each citizen account, expiring = max(0, Σ received before
	 * (date − years) − Σ of all its outflows so far (spend, donate, expire, reverse)), where "before" is the start of
	 * that day in Beijing time; posted as EXPIRE transactions to the scheme's {@code EXPIRED} account of the asset.
	 * Applies to points and engagement points alike. Running it twice for a day expires nothing more.
	 * <p>
	 * After a run with cutoff C every account holds Σ received before C − Σ outflows ≤ 0, and outflows only grow; so
	 * the next run only needs the accounts that received something from C up to the new cutoff (or in a transaction posted
	 * after the last run): the candidates, found through the transactions' times (BRIN index), not by reading every
	 * posting. Candidates go in batches of 500, each in a transaction of its own that locks the accounts and computes
	 * their due amounts under the lock (a spend between finding and expiring is counted), so trips of the other
	 * citizens never wait for the whole run. A run is recorded when all its batches are done.
	 */
	public ExpiryRun expireDue(LocalDate date, int years) {
		if (years < 1 || years > 10) {
			throw new IllegalArgumentException("points live 1–10 years");
		}
		OffsetDateTime cutoff = date.minusYears(years).atStartOfDay(BEIJING).toOffsetDateTime();
		record Since(OffsetDateTime cutoff, long seq) {
		}
		Optional<Since> since = jdbc.sql("SELECT cutoff, max_seq FROM inclusive_ledger_expiry_run ORDER BY cutoff DESC, id DESC LIMIT 1")
			.query((rs, n) -> new Since(rs.getObject(1, OffsetDateTime.class), rs.getLong(2))).optional();
		long maxSeq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM inclusive_ledger_txn").query(Long.class).single();
		String citizens = "SELECT id FROM inclusive_ledger_account WHERE kind = 'CITIZEN' AND asset IN ('POINT', 'ENGAGEMENT')";
		List<Long> candidates = since.isEmpty()
				? jdbc.sql("""
						SELECT DISTINCT e.account_id FROM inclusive_ledger_entry e JOIN inclusive_ledger_txn t ON t.seq = e.txn_seq
						WHERE e.amount > 0 AND t.at < :cutoff AND e.account_id IN (%s) ORDER BY 1""".formatted(citizens))
					.param("cutoff", cutoff).query(Long.class).list()
				: jdbc.sql("""
						SELECT account_id FROM (
						    SELECT e.account_id FROM inclusive_ledger_txn t JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq
						    WHERE t.at >= :since AND t.at < :cutoff AND e.amount > 0
						    UNION
						    SELECT e.account_id FROM inclusive_ledger_txn t JOIN inclusive_ledger_entry e ON e.txn_seq = t.seq
						    WHERE t.seq > :sinceSeq AND t.at < :cutoff AND e.amount > 0) x
						WHERE account_id IN (%s) ORDER BY 1""".formatted(citizens))
					.param("since", since.get().cutoff()).param("sinceSeq", since.get().seq()).param("cutoff", cutoff)
					.query(Long.class).list();
		long[] totals = new long[3];
		String memo = "expired: earned before " + date.minusYears(years) + " (" + years + " years)";
		for (int from = 0; from < candidates.size(); from += 500) {
			List<Long> batch = candidates.subList(from, Math.min(candidates.size(), from + 500));
			long[] done = requiresNew.execute(status -> expireBatch(batch, cutoff, "expiry:" + date, memo));
			totals[0] += done[0];
			totals[1] += done[1];
			totals[2] += done[2];
		}
		jdbc.sql("""
				INSERT INTO inclusive_ledger_expiry_run (run_date, cutoff, max_seq, accounts, points, engagement_points, at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(date, cutoff, maxSeq, totals[0], totals[1], totals[2],
					OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), BEIJING))
			.update();
		if (totals[0] > 0) {
			log.info("Expired {} points and {} engagement points of {} accounts at {} ({} candidates)", totals[1], totals[2], totals[0],
					date, candidates.size());
		}
		return new ExpiryRun(date, cutoff, (int) totals[0], totals[1], totals[2]);
	}

	/** One batch of expiry candidates, in the caller's (new) transaction: lock, compute under the lock, post. */
	private long[] expireBatch(List<Long> accounts, OffsetDateTime cutoff, String reference, String memo) {
		String ids = longArray(accounts);
		Map<Asset, Long> expired = new EnumMap<>(Asset.class);
		expired.put(Asset.POINT, account(AccountKind.EXPIRED, SCHEME, Asset.POINT));
		expired.put(Asset.ENGAGEMENT, account(AccountKind.EXPIRED, SCHEME, Asset.ENGAGEMENT));
		List<Long> locked = new ArrayList<>(accounts);
		locked.addAll(expired.values());
		// the same lock postAll takes below, taken first so that the due amounts are computed under it
		jdbc.sql("SELECT id FROM inclusive_ledger_account WHERE id = ANY(CAST(? AS BIGINT[])) ORDER BY id FOR NO KEY UPDATE")
			.param(longArray(locked)).query(Long.class).list();
		record Due(long account, Asset asset, long amount) {
		}
		List<Due> due = jdbc.sql("""
				SELECT a.id, a.asset, x.old_in - x.out_total FROM (
				    SELECT e.account_id,
				           COALESCE(SUM(e.amount) FILTER (WHERE e.amount > 0 AND t.at < :cutoff), 0) AS old_in,
				           COALESCE(-SUM(e.amount) FILTER (WHERE e.amount < 0), 0) AS out_total
				    FROM inclusive_ledger_entry e JOIN inclusive_ledger_txn t ON t.seq = e.txn_seq
				    WHERE e.account_id = ANY(CAST(:ids AS BIGINT[]))
				    GROUP BY e.account_id) x
				JOIN inclusive_ledger_account a ON a.id = x.account_id
				WHERE x.old_in - x.out_total > 0
				ORDER BY a.id""")
			.param("ids", ids).param("cutoff", cutoff)
			.query((rs, n) -> new Due(rs.getLong(1), Asset.valueOf(rs.getString(2)), rs.getLong(3))).list();
		long[] done = new long[3];
		List<NewTxn> txns = new ArrayList<>(due.size());
		for (Due d : due) {
			long target = expired.get(d.asset());
			txns.add(new NewTxn(TxnKind.EXPIRE, reference, memo, List.of(new Posting(d.account(), -d.amount()), new Posting(target, d.amount()))));
			done[0]++;
			done[d.asset() == Asset.POINT ? 1 : 2] += d.amount();
		}
		postAll(txns);
		return done;
	}

	private static Long[] boxed(long[] values) {
		Long[] out = new Long[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = values[i];
		}
		return out;
	}

	private static String longArray(Collection<Long> ids) {
		StringBuilder b = new StringBuilder("{");
		for (Long id : ids) {
			if (b.length() > 1) {
				b.append(',');
			}
			b.append(id);
		}
		return b.append('}').toString();
	}
}
