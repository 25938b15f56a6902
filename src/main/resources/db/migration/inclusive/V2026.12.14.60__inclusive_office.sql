-- The office's dashboard of the carbon-inclusive scheme (碳普惠, issue 14): a daily rollup of credited green trips per
-- mode, so that a month's chart reads at most 31 × modes rows however many trips there are. A day is recomputed from
-- the trips while trips may still arrive for it (the claim window); once settled it is read as stored.
CREATE TABLE inclusive_office_day (
    day             DATE         NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    -- the methodology version that credited the trips (inclusive_methodology.id; 0: none recorded)
    methodology_id  BIGINT       NOT NULL,
    trips           BIGINT       NOT NULL,
    gco2            BIGINT       NOT NULL,
    PRIMARY KEY (day, mode, methodology_id)
);

-- When a day of the rollup was computed, and whether it is settled (its claim window had closed and none of its trips
-- waited for the office's review when it was computed).
CREATE TABLE inclusive_office_day_state (
    day             DATE         PRIMARY KEY,
    settled         BOOLEAN      NOT NULL,
    refreshed_at    TIMESTAMPTZ  NOT NULL
);

-- Ledger transactions by kind and time: the dashboard's tickets issued and retired in a month and the ledger export
-- of a period read a range of this index instead of every transaction.
CREATE INDEX inclusive_ledger_txn_kind_at ON inclusive_ledger_txn (kind, at);

-- The credited trips of a Beijing day with what the rollup and the active users read (an index-only range per day),
-- and the day's flagged trips (a day with trips waiting for review is not settled).
CREATE INDEX inclusive_trip_credited_day ON inclusive_trip (day) INCLUDE (mode, methodology_id, gco2, citizen_id) WHERE status = 'CREDITED';
CREATE INDEX inclusive_trip_flagged_day ON inclusive_trip (day) WHERE status = 'FLAGGED';
-- Check-ins of a period (the month's check-ins per scene, the active users).
CREATE INDEX inclusive_check_in_day ON inclusive_check_in (day) INCLUDE (scene_id, citizen_id);
-- Citizens signed up in a month.
CREATE INDEX inclusive_citizen_created ON inclusive_citizen (created_at);
