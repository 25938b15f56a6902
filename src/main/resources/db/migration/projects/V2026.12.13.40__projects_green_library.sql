-- The green enterprise and green project library (绿色企业和绿色项目库, plan 二(五)5; ADR 0018 "Green library").
-- One row per application; an approved application is the library's entry (status LISTED), re-evaluated against
-- the plan folder's entry criteria and FLAGGED for removal when it no longer meets them. The enterprise is referenced
-- by id only: its county and park (the scope) are the registry's.
CREATE TABLE projects_green_entry (
    id                  BIGSERIAL    PRIMARY KEY,
    kind                VARCHAR(12)  NOT NULL CHECK (kind IN ('ENTERPRISE','PROJECT')),
    enterprise_id       BIGINT       NOT NULL,
    project_name        TEXT,
    category_code       VARCHAR(16),
    investment_10k_cny  NUMERIC(18,4),
    co2_reduction_t     NUMERIC(24,6),
    annual_co2_t        NUMERIC(24,6),
    output_value_10k_cny NUMERIC(18,4),
    description         TEXT,
    document_name       TEXT,
    document_type       VARCHAR(40),
    document_sha256     CHAR(64),
    document            BYTEA,
    status              VARCHAR(12)  NOT NULL CHECK (status IN ('SUBMITTED','LISTED','REJECTED','FLAGGED','REMOVED')),
    applied_by          TEXT         NOT NULL,
    applied_at          TIMESTAMPTZ  NOT NULL,
    decided_by          TEXT,
    decided_at          TIMESTAMPTZ,
    decision_comment    TEXT,
    listed_on           DATE,
    listed_grade        INT,
    flag_reason         TEXT,
    flagged_at          TIMESTAMPTZ,
    review_comment      TEXT,
    reviewed_by         TEXT,
    reviewed_at         TIMESTAMPTZ,
    CHECK (kind = 'ENTERPRISE' OR (project_name IS NOT NULL AND category_code IS NOT NULL)),
    CHECK ((document IS NULL) = (document_sha256 IS NULL))
);
CREATE INDEX projects_green_entry_status ON projects_green_entry (status);
CREATE INDEX projects_green_entry_enterprise ON projects_green_entry (enterprise_id);

-- Every evaluation against the entry criteria, append-only: the criteria version and each criterion's result
-- (MET / NOT_MET / NOT_ASSESSABLE with its figure and threshold) as JSON.
CREATE TABLE projects_green_evaluation (
    id                  BIGSERIAL    PRIMARY KEY,
    entry_id            BIGINT       NOT NULL REFERENCES projects_green_entry(id),
    occasion            VARCHAR(16)  NOT NULL CHECK (occasion IN ('APPLICATION','DECISION','REEVALUATION')),
    criteria_version    VARCHAR(40)  NOT NULL,
    outcome             VARCHAR(16)  NOT NULL CHECK (outcome IN ('MET','NOT_MET','INCOMPLETE')),
    data_year           INT,
    grade               INT,
    results             JSONB        NOT NULL,
    evaluated_by        TEXT         NOT NULL,
    evaluated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX projects_green_evaluation_entry ON projects_green_evaluation (entry_id, id);

CREATE FUNCTION projects_green_evaluation_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'projects_green_evaluation is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER projects_green_evaluation_no_change BEFORE UPDATE OR DELETE ON projects_green_evaluation
    FOR EACH ROW EXECUTE FUNCTION projects_green_evaluation_append_only();
