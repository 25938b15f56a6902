-- The office's dashboard of the carbon-inclusive scheme (碳普惠, issue 14): a daily rollup of credited green trips per
-- mode, so that a month's chart reads at most 31 × modes rows however many trips there are. A day is recomputed from
-- the trips while trips may still arrive for it (the claim window); once settled it is read as stored.
CREATE TABLE inclusive_office_day (
    day             DATE         NOT NULL,
    mode            VARCHAR(32)  NOT NULL,
    trips           BIGINT       NOT NULL,
    gco2            BIGINT       NOT NULL,
    PRIMARY KEY (day, mode)
);

-- When a day of the rollup was computed, and whether it is settled (its claim window closed before the computation).
CREATE TABLE inclusive_office_day_state (
    day             DATE         PRIMARY KEY,
    settled         BOOLEAN      NOT NULL,
    refreshed_at    TIMESTAMPTZ  NOT NULL
);

-- Ledger transactions by kind and time: the dashboard's tickets issued and retired in a month and the ledger export
-- of a period read a range of this index instead of every transaction.
CREATE INDEX inclusive_ledger_txn_kind_at ON inclusive_ledger_txn (kind, at);
