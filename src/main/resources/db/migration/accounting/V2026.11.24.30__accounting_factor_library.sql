-- accounting: the factor library. Every factor version keeps its value, unit, source, verification tag and
-- effective dates; a new version never overwrites an old one.
CREATE TABLE accounting_factor (
    id              BIGSERIAL   PRIMARY KEY,
    code            VARCHAR(80) NOT NULL,
    version         INT         NOT NULL,
    kind            VARCHAR(16) NOT NULL CHECK (kind IN ('FUEL','ENERGY','PROCESS','GRID','METHOD')),
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    value           NUMERIC(24,10),
    unit            TEXT        NOT NULL,
    activity_unit   TEXT,
    ncv             NUMERIC(20,6),
    ncv_unit        TEXT,
    carbon_content_tc_per_tj NUMERIC(12,4),
    oxidation_rate  NUMERIC(6,4),
    tce_per_unit    NUMERIC(24,10),
    region_code     VARCHAR(40),
    year            INT,
    sector          TEXT,
    method_note     TEXT,
    source          TEXT        NOT NULL,
    tag             VARCHAR(24) NOT NULL,
    effective_from  DATE        NOT NULL,
    effective_to    DATE,
    published_by    VARCHAR(64) NOT NULL,
    published_at    TIMESTAMPTZ NOT NULL,
    change_note     TEXT,
    UNIQUE (code, version)
);
CREATE INDEX accounting_factor_grid_idx ON accounting_factor(kind, region_code, year);
