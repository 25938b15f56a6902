-- Green windows and dirty-window alerts (绿色用电时段、高碳时段大负荷提醒; issue 15). Enterprises are referenced by id
-- only (no copy of their county or park: scope is resolved through the registry when reading).

-- Per enterprise: the share of its load it could shift between hours (flexible load, %), and optionally a fixed
-- threshold (kWh in an hour) above which a load counts as large instead of the enterprise's own 90th percentile.
CREATE TABLE power_load_setting (
    enterprise_id       BIGINT        PRIMARY KEY,
    flexible_share_pct  NUMERIC(5, 2) NOT NULL CHECK (flexible_share_pct >= 0 AND flexible_share_pct <= 100),
    alert_threshold_kwh NUMERIC(18, 3) CHECK (alert_threshold_kwh > 0),
    updated_by          VARCHAR(64)   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL
);

-- A large load in a dirty window: the enterprise's metered kWh of an hour at or above its threshold (its own p90
-- of the 30 days before, or the fixed threshold) while the hour lies in the top quartile of the day's intensity
-- profile. Once per enterprise and hour: the job inserts ON CONFLICT DO NOTHING.
CREATE TABLE power_dirty_window_alert (
    id               BIGSERIAL      PRIMARY KEY,
    enterprise_id    BIGINT         NOT NULL,
    hour_start       TIMESTAMPTZ    NOT NULL,
    zone_code        VARCHAR(32)    NOT NULL REFERENCES power_zone (code),
    load_kwh         NUMERIC(24, 6) NOT NULL,
    threshold_kwh    NUMERIC(24, 6) NOT NULL,
    threshold_kind   VARCHAR(8)     NOT NULL CHECK (threshold_kind IN ('P90', 'FIXED')),
    profile_g_per_kwh NUMERIC(9, 3) NOT NULL,
    dirty_from_g_per_kwh NUMERIC(9, 3) NOT NULL,
    synthetic        BOOLEAN        NOT NULL,
    raised_at        TIMESTAMPTZ    NOT NULL,
    UNIQUE (enterprise_id, hour_start)
);
CREATE INDEX power_dirty_window_alert_hour_idx ON power_dirty_window_alert (hour_start DESC);
