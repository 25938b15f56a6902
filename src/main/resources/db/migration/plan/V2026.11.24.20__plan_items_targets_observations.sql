-- plan: the loaded pilot plan (versioned by the checksum of its files), its tracked items (indicators of the
-- plan's table and the other numeric commitments), their targets, and yearly observed values with lineage.
CREATE TABLE plan (
    code            VARCHAR(64) PRIMARY KEY,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    city_region_code CHAR(6)    NOT NULL,
    city_name_zh    TEXT        NOT NULL,
    city_name_en    TEXT        NOT NULL,
    baseline_year   INT         NOT NULL,
    at_risk_tolerance NUMERIC(6,4) NOT NULL,
    version         INT         NOT NULL,
    checksum        CHAR(64)    NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE plan_version (
    plan_code       VARCHAR(64) NOT NULL REFERENCES plan(code),
    version         INT         NOT NULL,
    checksum        CHAR(64)    NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plan_code, version)
);

CREATE TABLE plan_item (
    plan_code       VARCHAR(64) NOT NULL REFERENCES plan(code),
    code            VARCHAR(16) NOT NULL,
    kind            VARCHAR(16) NOT NULL CHECK (kind IN ('INDICATOR','COMMITMENT')),
    seq             INT         NOT NULL,
    group_key       TEXT        NOT NULL,
    group_zh        TEXT        NOT NULL,
    group_en        TEXT        NOT NULL,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    unit_zh         TEXT        NOT NULL,
    unit            TEXT        NOT NULL,
    direction       VARCHAR(8)  NOT NULL CHECK (direction IN ('HIGHER','LOWER','CAP')),
    baseline_year   INT,
    baseline_value  NUMERIC(20,6),
    retired         BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (plan_code, code)
);

CREATE TABLE plan_item_target (
    plan_code       VARCHAR(64) NOT NULL,
    item_code       VARCHAR(16) NOT NULL,
    year            INT         NOT NULL,
    type            VARCHAR(16) NOT NULL CHECK (type IN ('VALUE','CAP','PROVINCIAL')),
    value           NUMERIC(20,6),
    label           TEXT,
    PRIMARY KEY (plan_code, item_code, year),
    FOREIGN KEY (plan_code, item_code) REFERENCES plan_item(plan_code, code)
);

-- "完成省下目标": the value the province sets, entered by the office per year.
CREATE TABLE plan_provincial_target (
    plan_code       VARCHAR(64) NOT NULL,
    item_code       VARCHAR(16) NOT NULL,
    year            INT         NOT NULL,
    value           NUMERIC(20,6) NOT NULL,
    source_document TEXT        NOT NULL,
    entered_by      VARCHAR(64) NOT NULL,
    entered_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plan_code, item_code, year),
    FOREIGN KEY (plan_code, item_code) REFERENCES plan_item(plan_code, code)
);

CREATE TABLE plan_zone (
    plan_code       VARCHAR(64) NOT NULL REFERENCES plan(code),
    code            VARCHAR(64) NOT NULL,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    county_name_zh  TEXT        NOT NULL,
    industry_zh     TEXT        NOT NULL,
    industry_en     TEXT        NOT NULL,
    max_tco2_per_10k_cny NUMERIC(12,4) NOT NULL,
    from_year       INT         NOT NULL,
    PRIMARY KEY (plan_code, code)
);

CREATE TABLE plan_project_domain (
    plan_code       VARCHAR(64) NOT NULL REFERENCES plan(code),
    no              INT         NOT NULL,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    PRIMARY KEY (plan_code, no)
);

-- Yearly values, append-only: a correction supersedes the current row and points back to it.
CREATE TABLE plan_observation (
    id              BIGSERIAL PRIMARY KEY,
    plan_code       VARCHAR(64) NOT NULL,
    item_code       VARCHAR(16) NOT NULL,
    year            INT         NOT NULL,
    value           NUMERIC(20,6) NOT NULL,
    origin          VARCHAR(16) NOT NULL CHECK (origin IN ('ENTERED','IMPORTED','COMPUTED')),
    source_document TEXT,
    note            TEXT,
    lineage         JSONB,
    entered_by      VARCHAR(64) NOT NULL,
    entered_at      TIMESTAMPTZ NOT NULL,
    supersedes_id   BIGINT REFERENCES plan_observation(id),
    superseded_at   TIMESTAMPTZ,
    FOREIGN KEY (plan_code, item_code) REFERENCES plan_item(plan_code, code)
);
CREATE UNIQUE INDEX plan_observation_current_uq ON plan_observation(plan_code, item_code, year) WHERE superseded_at IS NULL;
CREATE INDEX plan_observation_item_idx ON plan_observation(plan_code, item_code, year);
