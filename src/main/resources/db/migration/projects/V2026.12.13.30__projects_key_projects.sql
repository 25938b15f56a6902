-- The key-project library (重点项目库, plan 四; ADR 0018 "Key-project library"). Investment in 10k CNY (万元), savings
-- in tce and tCO2 a year. The county is a registry division, the owner a registry enterprise id or a free-text name;
-- no cross-module foreign keys (ids only).
CREATE TABLE keylib_project (
    id                          BIGSERIAL PRIMARY KEY,
    domain_no                   INT NOT NULL CHECK (domain_no BETWEEN 1 AND 99),      -- PilotPlan.projectDomains()
    county_code                 TEXT NOT NULL,
    owner_enterprise_id         BIGINT,
    owner_name                  TEXT,
    name                        TEXT NOT NULL,
    investment_10k_cny          NUMERIC(24, 6) NOT NULL CHECK (investment_10k_cny >= 0),
    completed_10k_cny           NUMERIC(24, 6) NOT NULL CHECK (completed_10k_cny >= 0),  -- investment completed so far
    start_year                  INT NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
    end_year                    INT NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
    stage                       TEXT NOT NULL CHECK (stage IN ('RESERVE', 'UNDER_CONSTRUCTION', 'COMPLETED', 'IN_OPERATION')),
    progress_on                 DATE NOT NULL,            -- the date of the latest stage/progress entry
    expected_tce                NUMERIC(24, 6) CHECK (expected_tce >= 0),      -- expected annual energy saving
    expected_co2_t              NUMERIC(24, 6) CHECK (expected_co2_t >= 0),    -- expected annual CO2 reduction
    estimate_method             TEXT,
    admission_project_id        BIGINT UNIQUE,            -- the admission module's project, when the office marked it
    created_by                  TEXT NOT NULL,
    created_at                  TIMESTAMPTZ NOT NULL,
    updated_by                  TEXT NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL,
    CHECK (end_year >= start_year),
    CHECK (owner_enterprise_id IS NOT NULL OR owner_name IS NOT NULL)
);
CREATE INDEX keylib_project_county ON keylib_project (county_code);
CREATE INDEX keylib_project_owner ON keylib_project (owner_enterprise_id);

-- Stage and investment progress, dated, append-only: the project's row holds the latest.
CREATE TABLE keylib_progress (
    id                          BIGSERIAL PRIMARY KEY,
    project_id                  BIGINT NOT NULL REFERENCES keylib_project (id),
    stage                       TEXT NOT NULL,
    completed_10k_cny           NUMERIC(24, 6) NOT NULL,
    progress_on                 DATE NOT NULL,
    note                        TEXT,
    recorded_by                 TEXT NOT NULL,
    recorded_at                 TIMESTAMPTZ NOT NULL
);
CREATE INDEX keylib_progress_project ON keylib_progress (project_id, id);

-- Realised savings, append-only: ACCOUNTING (the owner's verified intensity before/after, figures kept as computed) or
-- EVIDENCE (entered with a reference number and/or a document). The newest entry is the project's realised figure.
CREATE TABLE keylib_savings (
    id                          BIGSERIAL PRIMARY KEY,
    project_id                  BIGINT NOT NULL REFERENCES keylib_project (id),
    source                      TEXT NOT NULL CHECK (source IN ('ACCOUNTING', 'EVIDENCE')),
    year                        INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    realised_tce                NUMERIC(24, 6),
    realised_co2_t              NUMERIC(24, 6),
    before_year                 INT,
    after_year                  INT,
    before_months               INT,
    after_months                INT,
    before_co2_t                NUMERIC(24, 6),
    before_output_10k_cny       NUMERIC(24, 6),
    after_co2_t                 NUMERIC(24, 6),
    after_output_10k_cny        NUMERIC(24, 6),
    intensity_before            NUMERIC(24, 6),           -- tCO2 per 10k CNY output value
    intensity_after             NUMERIC(24, 6),
    reference_number            TEXT,
    note                        TEXT,
    document_name               TEXT,
    document_type               TEXT,
    document_sha256             TEXT CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    document                    BYTEA,
    recorded_by                 TEXT NOT NULL,
    recorded_at                 TIMESTAMPTZ NOT NULL,
    CHECK (source <> 'EVIDENCE' OR reference_number IS NOT NULL OR document IS NOT NULL),
    CHECK (source <> 'ACCOUNTING' OR (before_year IS NOT NULL AND after_year IS NOT NULL AND intensity_before IS NOT NULL)),
    CHECK ((document IS NULL) = (document_sha256 IS NULL))
);
CREATE INDEX keylib_savings_project ON keylib_savings (project_id, id);
