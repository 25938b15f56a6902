-- monitoring (重点用能单位能耗在线监测): gateways with device tokens, metering points, readings, quarantine,
-- meter replacements, back-fills, rollups, alarms. Owner columns (county, park, enterprise, industry) are copied
-- from the registry when a row is created, as in accounting, so that every query filters by scope in SQL.

-- A gateway (采集终端) of one enterprise: its device token (SHA-256 stored) may write that enterprise's meters only.
CREATE TABLE monitoring_gateway (
    id              BIGSERIAL    PRIMARY KEY,
    enterprise_id   BIGINT       NOT NULL,
    county_code     CHAR(6)      NOT NULL,
    park_id         BIGINT,
    industry_code   VARCHAR(8)   NOT NULL,
    name            VARCHAR(128) NOT NULL,
    token_prefix    VARCHAR(16)  NOT NULL,
    token_sha256    CHAR(64)     NOT NULL UNIQUE,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ,
    last_seen_at    TIMESTAMPTZ
);
CREATE INDEX monitoring_gateway_enterprise_idx ON monitoring_gateway(enterprise_id);

-- A metering point (计量点). energy_code: ELECTRICITY, HEAT or a fuel factor code of accounting; unit: one the
-- accounting calculator accepts for it. COUNTER meters send a cumulative register, INTERVAL meters the quantity of
-- the interval ending at the timestamp. quantity = (register difference or interval value) × multiplier.
CREATE TABLE monitoring_meter (
    id               BIGSERIAL    PRIMARY KEY,
    enterprise_id    BIGINT       NOT NULL,
    county_code      CHAR(6)      NOT NULL,
    park_id          BIGINT,
    industry_code    VARCHAR(8)   NOT NULL,
    code             VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    facility         VARCHAR(200),
    energy_code      VARCHAR(80)  NOT NULL,
    unit             VARCHAR(16)  NOT NULL,
    kind             VARCHAR(8)   NOT NULL CHECK (kind IN ('COUNTER','INTERVAL')),
    multiplier       NUMERIC(20,6) NOT NULL DEFAULT 1 CHECK (multiplier > 0),
    interval_minutes INT          NOT NULL CHECK (interval_minutes IN (1,5,15,60)),
    product_code     VARCHAR(40),
    max_per_interval NUMERIC(24,6) NOT NULL CHECK (max_per_interval > 0),
    counter_max      NUMERIC(24,6) CHECK (counter_max > 0),
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by       VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    UNIQUE (enterprise_id, code),
    CHECK (counter_max IS NULL OR kind = 'COUNTER')
);
CREATE INDEX monitoring_meter_county_idx ON monitoring_meter(county_code);

-- A meter exchanged (换表): the old register's last value and the new one's first, so that the register
-- difference across the exchange is (old_final − previous) + (next − new_initial).
CREATE TABLE monitoring_meter_replacement (
    id              BIGSERIAL    PRIMARY KEY,
    meter_id        BIGINT       NOT NULL REFERENCES monitoring_meter(id),
    replaced_at     TIMESTAMPTZ  NOT NULL,
    old_final       NUMERIC(24,6) NOT NULL CHECK (old_final >= 0),
    new_initial     NUMERIC(24,6) NOT NULL CHECK (new_initial >= 0),
    reason          TEXT         NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (meter_id, replaced_at)
);

-- A back-fill (数据补录): readings entered afterwards for missing intervals, with the reason.
CREATE TABLE monitoring_backfill (
    id              BIGSERIAL    PRIMARY KEY,
    meter_id        BIGINT       NOT NULL REFERENCES monitoring_meter(id),
    reason          TEXT         NOT NULL,
    readings        INT          NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);

-- Readings, one per meter and timestamp (the end of the interval). origin: H http, M mqtt, B back-fill,
-- R replayed from quarantine. Append-only.
CREATE TABLE monitoring_reading (
    meter_id        BIGINT        NOT NULL,
    ts              TIMESTAMPTZ   NOT NULL,
    value           NUMERIC(24,6) NOT NULL,
    origin          CHAR(1)       NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL,
    backfill_id     BIGINT,
    PRIMARY KEY (meter_id, ts)
);

-- Readings that failed validation, with the raw payload and the reason; corrected and replayed, or discarded
-- with a comment. enterprise_id is NULL only when the sender could not be identified (office only).
CREATE TABLE monitoring_quarantine (
    id              BIGSERIAL    PRIMARY KEY,
    enterprise_id   BIGINT,
    county_code     CHAR(6),
    park_id         BIGINT,
    industry_code   VARCHAR(8),
    channel         VARCHAR(8)   NOT NULL,
    sender          VARCHAR(128) NOT NULL,
    meter_id        BIGINT,
    meter_code      VARCHAR(200),
    ts              TIMESTAMPTZ,
    value           NUMERIC(24,6),
    unit            VARCHAR(32),
    raw             TEXT         NOT NULL,
    reason_code     VARCHAR(32)  NOT NULL,
    reason          TEXT         NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(12)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','REPLAYED','DISCARDED')),
    resolved_by     VARCHAR(64),
    resolved_at     TIMESTAMPTZ,
    resolution      TEXT
);
CREATE INDEX monitoring_quarantine_open_idx ON monitoring_quarantine(enterprise_id, received_at) WHERE status = 'OPEN';

-- Meters whose readings changed since their rollups were made: [from_ts, to_ts] of the new readings.
CREATE TABLE monitoring_rollup_pending (
    meter_id        BIGINT       PRIMARY KEY,
    from_ts         TIMESTAMPTZ  NOT NULL,
    to_ts           TIMESTAMPTZ  NOT NULL
);

-- Quantities per meter and period in the meter's unit (after the multiplier). grain: Q 15 minutes, H hour,
-- D day, M month; periods start at Asia/Shanghai boundaries. readings: readings in the period; excluded: readings
-- whose difference could not be trusted (register backwards without rollover or exchange, jump above the
-- meter's maximum), kept out of the quantity and raised as alarms.
CREATE TABLE monitoring_rollup (
    meter_id        BIGINT        NOT NULL,
    grain           CHAR(1)       NOT NULL CHECK (grain IN ('Q','H','D','M')),
    period_start    TIMESTAMPTZ   NOT NULL,
    quantity        NUMERIC(24,6) NOT NULL,
    readings        INT           NOT NULL,
    excluded        INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (meter_id, grain, period_start)
);

-- Latest reading per meter (online/offline and the live view).
CREATE TABLE monitoring_meter_status (
    meter_id        BIGINT       PRIMARY KEY,
    last_ts         TIMESTAMPTZ  NOT NULL,
    last_value      NUMERIC(24,6) NOT NULL,
    last_received_at TIMESTAMPTZ NOT NULL
);

-- Alarms (告警): raised by the rollup job and the alarm rules, acknowledged and closed with a comment.
CREATE TABLE monitoring_alarm (
    id              BIGSERIAL    PRIMARY KEY,
    enterprise_id   BIGINT       NOT NULL,
    county_code     CHAR(6)      NOT NULL,
    park_id         BIGINT,
    industry_code   VARCHAR(8)   NOT NULL,
    meter_id        BIGINT,
    kind            VARCHAR(16)  NOT NULL,
    period_ts       TIMESTAMPTZ  NOT NULL,
    detail          TEXT         NOT NULL,
    observed        NUMERIC(24,6),
    threshold       NUMERIC(24,6),
    raised_at       TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(12)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED','CLOSED')),
    acknowledged_by VARCHAR(64),
    acknowledged_at TIMESTAMPTZ,
    closed_by       VARCHAR(64),
    closed_at       TIMESTAMPTZ,
    comment         TEXT,
    UNIQUE (meter_id, kind, period_ts)
);
CREATE INDEX monitoring_alarm_open_idx ON monitoring_alarm(status, raised_at);
