-- Point expiry (issue 14, ADR 0019 "One ledger"): each completed run of the daily expiry, so that the next run looks
-- only at accounts that received points since the last run's cutoff (or in transactions posted after it), found by the
-- transactions' times through a BRIN index (cheap to keep: transactions are appended in time order).
CREATE TABLE inclusive_ledger_expiry_run (
    id                  BIGSERIAL    PRIMARY KEY,
    run_date            DATE         NOT NULL,
    cutoff              TIMESTAMPTZ  NOT NULL,     -- points received before it were due
    max_seq             BIGINT       NOT NULL,     -- the newest transaction when the run began
    accounts            BIGINT       NOT NULL,
    points              BIGINT       NOT NULL,
    engagement_points   BIGINT       NOT NULL,
    at                  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_ledger_expiry_run_cutoff ON inclusive_ledger_expiry_run (cutoff DESC);
CREATE INDEX inclusive_ledger_txn_at ON inclusive_ledger_txn USING BRIN (at);
