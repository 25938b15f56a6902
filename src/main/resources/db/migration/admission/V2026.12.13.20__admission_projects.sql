-- Issue 13: project carbon admission (项目碳评、准入), ADR 0017 "Filing and review".
-- A filed project: the filing as the applicant sent it (ProjectInput as JSON) with its owner columns for scope and
-- filters, its status in the review workflow, the latest assessment (computed, never typed in) with the rules version
-- that made it, and what happened after the decision (reservation in the carbon budget, construction, commissioning,
-- lapse, re-review). The assessment is frozen at the decision: nothing recomputes it afterwards.
CREATE TABLE admission_project (
    id                          BIGSERIAL PRIMARY KEY,
    name                        TEXT NOT NULL,
    county_code                 TEXT NOT NULL,
    park_code                   TEXT,
    park_id                     BIGINT,                    -- the registry's park id of park_code (scope of park managers)
    industry_code               TEXT NOT NULL,
    enterprise_id               BIGINT,                    -- the applicant enterprise; null when the office files for a future company
    filing                      JSONB NOT NULL,
    status                      TEXT NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'CITY_REVIEW', 'ADMITTED',
                                    'REJECTED', 'ROUTED_UP', 'LAPSED', 'COMMISSIONED', 'RE_REVIEW_DUE')),
    assessment                  JSONB NOT NULL,
    verdict                     TEXT NOT NULL CHECK (verdict IN ('FAIL', 'ROUTE_UP', 'CONDITIONAL', 'PASS')),
    rules_version               TEXT NOT NULL,
    annual_co2_t                NUMERIC NOT NULL,          -- the assessment's annual CO2, tCO2 (location-based)
    annual_tce                  NUMERIC,                   -- the assessment's annual energy, tce
    commissioning_year          INT,
    assessed_at                 TIMESTAMPTZ NOT NULL,
    filed_by                    TEXT NOT NULL,
    filed_role                  TEXT NOT NULL,
    filed_at                    TIMESTAMPTZ NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL,
    submitted_at                TIMESTAMPTZ,
    decision                    TEXT CHECK (decision IN ('ADMITTED', 'REJECTED', 'ROUTED_UP')),
    decided_at                  TIMESTAMPTZ,
    decided_by                  TEXT,
    conditions                  JSONB,                     -- the conditions of a CONDITIONAL admission, as the office recorded them
    higher_outcome              TEXT CHECK (higher_outcome IN ('ADMITTED', 'REJECTED')),
    higher_document             TEXT,                      -- the province's / NDRC's document reference (文号)
    higher_recorded_at          TIMESTAMPTZ,
    reservation_ref             TEXT UNIQUE,               -- the carbon budget's project reference, admission:<id>
    reserved_co2_t              NUMERIC,                   -- tCO2 a year reserved from the commissioning year (the increment)
    reservation_released_at     TIMESTAMPTZ,
    construction_started_on     DATE,
    commissioned_on             DATE,
    operating_enterprise_id     BIGINT,                    -- the registry enterprise that reports the project's emissions
    lapsed_at                   TIMESTAMPTZ,
    re_review_year              INT,
    re_review_actual_co2_t      NUMERIC,
    re_review_approved_co2_t    NUMERIC,
    re_review_flagged_at        TIMESTAMPTZ
);
CREATE INDEX admission_project_county ON admission_project (county_code, id);
CREATE INDEX admission_project_park ON admission_project (park_id, id);
CREATE INDEX admission_project_enterprise ON admission_project (enterprise_id, id);
CREATE INDEX admission_project_status ON admission_project (status, id);

-- Every step a project went through: who, in which role, from which status to which, with its comment (kept forever).
CREATE TABLE admission_project_step (
    id                          BIGSERIAL PRIMARY KEY,
    project_id                  BIGINT NOT NULL REFERENCES admission_project (id),
    action                      TEXT NOT NULL,
    from_status                 TEXT,
    to_status                   TEXT NOT NULL,
    actor                       TEXT NOT NULL,
    role                        TEXT NOT NULL,
    comment                     TEXT,
    taken_at                    TIMESTAMPTZ NOT NULL
);
CREATE INDEX admission_project_step_of ON admission_project_step (project_id, id);

-- Comments on a project outside the steps (applicant, county and city), in order.
CREATE TABLE admission_project_comment (
    id                          BIGSERIAL PRIMARY KEY,
    project_id                  BIGINT NOT NULL REFERENCES admission_project (id),
    actor                       TEXT NOT NULL,
    role                        TEXT NOT NULL,
    text                        TEXT NOT NULL,
    written_at                  TIMESTAMPTZ NOT NULL
);
CREATE INDEX admission_project_comment_of ON admission_project_comment (project_id, id);
