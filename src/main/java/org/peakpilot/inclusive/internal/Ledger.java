package org.peakpilot.inclusive.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

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
 * CONTRACT (issue 14 skeleton): the signatures are fixed; the bodies are written by the ledger's implementation.
 */
@Component
public class Ledger {

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

	/** The account (kind, owner, asset), created on first use; its id. */
	public long account(AccountKind kind, String owner, Asset asset) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** The account's balance (0 for an account never used). */
	public long balance(AccountKind kind, String owner, Asset asset) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** The account's balance. */
	public long balance(long accountId) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** Posts one transaction inside the caller's database transaction. */
	public PostedTxn post(NewTxn txn) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** Posts many transactions at once (a partner's batch of trips): the same rules, fewer round trips. */
	public List<PostedTxn> postAll(List<NewTxn> txns) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** The account's postings, newest first, before a sequence number (null: the newest), at most {@code limit}. */
	public List<Entry> entries(long accountId, Long beforeSeq, int limit) {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}

	/** Proves Σ = 0 per asset, each transaction balanced and unaltered, each account's running balance consistent. */
	public Reconciliation reconcile() {
		throw new UnsupportedOperationException("ledger implementation pending (issue 14)");
	}
}
