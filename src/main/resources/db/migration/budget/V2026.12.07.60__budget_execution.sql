-- Issue 12, execution and warnings (ADR 0016, amendment "execution and warnings"). Computed from the year's published
-- version, the registry, accounting's reports and monitoring's metered months; recomputed as a whole year (the rows
-- of a year are replaced), so these tables are a read model for the cockpit, never entered by hand. The owner columns
-- (county_code, park_id, enterprise_id) come from the registry at each recompute and scope every read (AccessScope).

-- One holder's execution of the year: figures to date, forecast, intensity and its warning level.
CREATE TABLE budget_execution (
    year                INT NOT NULL,
    version_id          BIGINT NOT NULL REFERENCES budget_version (id),
    holder_code         TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('COUNTY', 'PARK', 'ENTERPRISE')),
    parent_code         TEXT,
    county_code         TEXT,                 -- owner: the county (a county's own code, a park's or enterprise's county)
    park_id             BIGINT,               -- owner: the registry park (a park holder, an enterprise in a park)
    enterprise_id       BIGINT,               -- owner: the registry enterprise of an enterprise holder
    budget_t            NUMERIC NOT NULL,     -- the year's budget, tCO2
    months_closed       INT NOT NULL,         -- Beijing months of the year that are over at computation, 0–12
    enterprises         INT NOT NULL,         -- registry enterprises counted in the holder
    used_t              NUMERIC,              -- Σ known monthly emissions of the closed months, tCO2 (a lower bound when incomplete)
    path_to_date_t      NUMERIC,              -- the seasonal budget path to the end of the last closed month, tCO2
    forecast_t          NUMERIC,              -- used ÷ the path's share of the year to date, tCO2
    path_basis          TEXT NOT NULL CHECK (path_basis IN ('PREVIOUS_YEAR', 'DAYS')),
    complete            BOOLEAN NOT NULL,     -- every enterprise has a figure for every closed month
    verified_n          INT NOT NULL,         -- enterprise-months by source, closed months only
    reported_n          INT NOT NULL,
    estimate_n          INT NOT NULL,
    missing_n           INT NOT NULL,
    intensity           NUMERIC,              -- tCO2 per 10k CNY output value, like-for-like enterprise-months this year
    intensity_previous  NUMERIC,              -- the same enterprise-months last year
    intensity_pairs     INT NOT NULL,         -- enterprise-months compared
    intensity_decline   NUMERIC,              -- 1 − intensity ÷ intensity_previous, fraction of 1
    required_decline    NUMERIC,              -- the version's applied rate, fraction of 1
    level               TEXT NOT NULL CHECK (level IN ('GREEN', 'YELLOW', 'AMBER', 'RED', 'INCOMPLETE', 'NO_DATA', 'MONITORED_ONLY')),
    reason_code         TEXT NOT NULL,
    reason              TEXT NOT NULL,        -- the level's reason with its figures
    computed_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (year, holder_code)
);
CREATE INDEX budget_execution_county ON budget_execution (year, county_code);

-- A holder's months: used (with its source), the seasonal path and both cumulated. used_t is null after the last
-- closed month and for a closed month without any figure.
CREATE TABLE budget_execution_month (
    year                INT NOT NULL,
    holder_code         TEXT NOT NULL,
    month               INT NOT NULL CHECK (month BETWEEN 1 AND 12),
    used_t              NUMERIC,
    source              TEXT CHECK (source IN ('VERIFIED', 'REPORTED', 'ESTIMATE', 'MISSING')),
    verified_n          INT NOT NULL,
    reported_n          INT NOT NULL,
    estimate_n          INT NOT NULL,
    missing_n           INT NOT NULL,
    path_t              NUMERIC NOT NULL,
    cumulative_used_t   NUMERIC,
    cumulative_path_t   NUMERIC NOT NULL,
    PRIMARY KEY (year, holder_code, month)
);

-- Warnings to act on: raised when a holder's level becomes YELLOW, AMBER or RED (or moves between them), cleared when
-- it changes again; acknowledged once by someone in the holder's scope with an action plan. Kept forever.
CREATE TABLE budget_warning (
    id                  BIGSERIAL PRIMARY KEY,
    year                INT NOT NULL,
    version_id          BIGINT NOT NULL REFERENCES budget_version (id),
    holder_code         TEXT NOT NULL,
    kind                TEXT NOT NULL,
    county_code         TEXT,
    park_id             BIGINT,
    enterprise_id       BIGINT,
    level               TEXT NOT NULL CHECK (level IN ('YELLOW', 'AMBER', 'RED')),
    reason_code         TEXT NOT NULL,
    reason              TEXT NOT NULL,
    raised_at           TIMESTAMPTZ NOT NULL,
    cleared_at          TIMESTAMPTZ,
    acknowledged_by     TEXT,
    acknowledged_at     TIMESTAMPTZ,
    action_plan         TEXT,
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX budget_warning_year ON budget_warning (year, holder_code);
CREATE UNIQUE INDEX budget_warning_open ON budget_warning (year, holder_code) WHERE cleared_at IS NULL;
