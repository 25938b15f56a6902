-- The carbon-inclusive scheme's one ledger (issue 14, ADR 0019 "One ledger"): append-only, double-entry. Every earn,
-- spend, donate, expire, issue, transfer, pledge and retire is one transaction (a sequence number) whose entries sum to
-- zero per asset; balances are derived from the entries, never edited. The triggers below refuse any UPDATE or DELETE
-- of a transaction or an entry, whatever path the write takes: a correction is a new (REVERSE) transaction.

-- An account: (kind, owner, asset). Owner is the owning row's id as text, or 'scheme' for the scheme's own accounts.
CREATE TABLE inclusive_ledger_account (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(24)  NOT NULL CHECK (kind IN ('POINT_ISSUANCE','ENGAGEMENT_ISSUANCE','TICKET_ISSUANCE','CITIZEN',
                                                          'PARTNER','TICKET_HOLDER','TICKET_PLEDGED','EVENT','RETIRED','EXPIRED')),
    owner           VARCHAR(64)  NOT NULL,
    asset           VARCHAR(16)  NOT NULL CHECK (asset IN ('POINT','ENGAGEMENT','TICKET')),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (kind, owner, asset)
);

-- A transaction. seq orders the transactions; for one account that may not go negative it is also the order in which
-- its posts were serialised (the ledger draws seq only after locking the account). hmac: HMAC-SHA256 (hex) over the
-- canonical content (seq, kind, reference, memo, at, postings) with the installation's ledger key.
CREATE TABLE inclusive_ledger_txn (
    seq             BIGSERIAL    PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('EARN','ENGAGE','SPEND','DONATE','EXPIRE','ISSUE','TRANSFER',
                                                          'PLEDGE','UNPLEDGE','RETIRE','REVERSE')),
    reference       VARCHAR(200) NOT NULL,
    memo            VARCHAR(500),
    at              TIMESTAMPTZ  NOT NULL,
    hmac            CHAR(64)     NOT NULL
);
CREATE INDEX inclusive_ledger_txn_reference ON inclusive_ledger_txn (reference);

-- A posting: a signed amount (whole units of the account's asset; positive: the account receives). balance_after is the
-- account's balance after this posting for accounts that may not go negative (NULL for the issuance accounts, whose
-- balance is Σ amount and which are never locked).
CREATE TABLE inclusive_ledger_entry (
    txn_seq         BIGINT       NOT NULL REFERENCES inclusive_ledger_txn (seq),
    account_id      BIGINT       NOT NULL REFERENCES inclusive_ledger_account (id),
    amount          BIGINT       NOT NULL CHECK (amount <> 0),
    balance_after   BIGINT       CHECK (balance_after >= 0),
    PRIMARY KEY (txn_seq, account_id)
);
CREATE INDEX inclusive_ledger_entry_account ON inclusive_ledger_entry (account_id, txn_seq DESC) INCLUDE (amount, balance_after);

CREATE FUNCTION inclusive_ledger_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'the inclusive ledger is append-only (%): a correction is a new transaction', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER inclusive_ledger_txn_append_only BEFORE UPDATE OR DELETE ON inclusive_ledger_txn
    FOR EACH ROW EXECUTE FUNCTION inclusive_ledger_append_only();
CREATE TRIGGER inclusive_ledger_entry_append_only BEFORE UPDATE OR DELETE ON inclusive_ledger_entry
    FOR EACH ROW EXECUTE FUNCTION inclusive_ledger_append_only();
CREATE TRIGGER inclusive_ledger_txn_no_truncate BEFORE TRUNCATE ON inclusive_ledger_txn
    FOR EACH STATEMENT EXECUTE FUNCTION inclusive_ledger_append_only();
CREATE TRIGGER inclusive_ledger_entry_no_truncate BEFORE TRUNCATE ON inclusive_ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION inclusive_ledger_append_only();

-- Each reconciliation's result (the daily job and the office's "run now"): per asset Σ, per asset and account kind Σ,
-- the problems found (JSON array of text, at most the first 1,000) and their count.
CREATE TABLE inclusive_ledger_reconciliation (
    id              BIGSERIAL    PRIMARY KEY,
    at              TIMESTAMPTZ  NOT NULL,
    ok              BOOLEAN      NOT NULL,
    transactions    BIGINT       NOT NULL,
    sums            JSONB        NOT NULL,
    kind_sums       JSONB        NOT NULL,
    problem_count   INT          NOT NULL,
    problems        JSONB        NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    trigger_source  VARCHAR(16)  NOT NULL CHECK (trigger_source IN ('SCHEDULE','OFFICE'))
);
CREATE INDEX inclusive_ledger_reconciliation_at ON inclusive_ledger_reconciliation (at DESC);
