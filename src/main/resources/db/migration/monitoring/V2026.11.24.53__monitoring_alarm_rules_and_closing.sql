-- monitoring: alarm rules (threshold, offline, spike, unit energy consumption 单耗 against the national levels) and
-- the monthly closing (metered energy per enterprise and month drafts its accounting report).

-- Alarm kinds grow past 16 characters (COUNTER_BACKWARDS already has 17, THRESHOLD_INTERVAL 18).
ALTER TABLE monitoring_alarm ALTER COLUMN kind TYPE VARCHAR(32);
-- subject: what an enterprise-level alarm is about (the efficiency level's code for UNIT_ENERGY); unit: the unit of
-- observed and threshold; reference_code/tag: the efficiency level compared with and its verification tag;
-- resolved_at: when the condition ended by itself (OFFLINE: readings came again); the alarm still needs a person to
-- acknowledge and close it.
ALTER TABLE monitoring_alarm
    ADD COLUMN subject             VARCHAR(64),
    ADD COLUMN unit                VARCHAR(32),
    ADD COLUMN reference_code      VARCHAR(64),
    ADD COLUMN reference_tag       VARCHAR(24),
    ADD COLUMN resolved_at         TIMESTAMPTZ,
    ADD COLUMN acknowledge_comment TEXT;
-- one enterprise-level alarm (no meter) per kind, period and subject
CREATE UNIQUE INDEX monitoring_alarm_enterprise_key ON monitoring_alarm(enterprise_id, kind, period_ts, subject) WHERE meter_id IS NULL;
CREATE INDEX monitoring_alarm_enterprise_idx ON monitoring_alarm(enterprise_id, raised_at);

-- Per-meter alarm settings; a meter without a row gets the defaults (no limits, offline after the configured
-- number of intervals, spike detection on). Limits are in the meter's unit: interval_limit per quarter hour (per
-- hour for hourly meters), day_limit per Beijing day.
CREATE TABLE monitoring_alarm_rule (
    meter_id          BIGINT        PRIMARY KEY REFERENCES monitoring_meter(id),
    interval_limit    NUMERIC(24,6) CHECK (interval_limit > 0),
    day_limit         NUMERIC(24,6) CHECK (day_limit > 0),
    offline_intervals INT           CHECK (offline_intervals BETWEEN 1 AND 100000),
    spike_enabled     BOOLEAN       NOT NULL DEFAULT TRUE,
    updated_by        VARCHAR(64)   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL
);

-- The monthly closing of an enterprise's metered energy (one row per enterprise and month, the latest run; every
-- run is in the audit log). outcome: DRAFTED (a draft report was created from the meters), REDRAFTED (the metered
-- draft was updated), UNCHANGED, KEPT (the report holds what the enterprise entered or submitted: not touched),
-- NO_DATA. drafted_lines: the activity lines metering last wrote into the report (JSON), so that a later run can
-- tell a still-metered draft from one the enterprise changed.
CREATE TABLE monitoring_month_close (
    id              BIGSERIAL    PRIMARY KEY,
    enterprise_id   BIGINT       NOT NULL,
    county_code     CHAR(6)      NOT NULL,
    park_id         BIGINT,
    industry_code   VARCHAR(8)   NOT NULL,
    year            INT          NOT NULL,
    month           INT          NOT NULL CHECK (month BETWEEN 1 AND 12),
    outcome         VARCHAR(12)  NOT NULL CHECK (outcome IN ('DRAFTED','REDRAFTED','UNCHANGED','KEPT','NO_DATA')),
    report_id       BIGINT,
    note            TEXT,
    drafted_lines   JSONB,
    drafted_at      TIMESTAMPTZ,
    closed_by       VARCHAR(64)  NOT NULL,
    closed_at       TIMESTAMPTZ  NOT NULL,
    UNIQUE (enterprise_id, year, month)
);
CREATE INDEX monitoring_month_close_period_idx ON monitoring_month_close(year, month);

-- The metered quantities of a closing per energy and unit (after multipliers), with their tce at closing time.
CREATE TABLE monitoring_month_close_line (
    close_id        BIGINT        NOT NULL REFERENCES monitoring_month_close(id) ON DELETE CASCADE,
    line_no         INT           NOT NULL,
    energy_code     VARCHAR(80)   NOT NULL,
    unit            VARCHAR(16)   NOT NULL,
    quantity        NUMERIC(24,6) NOT NULL,
    tce             NUMERIC(24,6) NOT NULL,
    meters          INT           NOT NULL,
    readings        INT           NOT NULL,
    excluded        INT           NOT NULL,
    PRIMARY KEY (close_id, line_no)
);
