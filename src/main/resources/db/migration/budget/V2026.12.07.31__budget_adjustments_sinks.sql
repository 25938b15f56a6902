-- Issue 12, items 6 and 7 (ADR 0016, amendment "adjustments, versions compared and sinks").
-- An adjustment request on a year's published budget: filed in a window of the plan folder, reviewed by the city,
-- approved by the leading group (recorded by a city role) or rejected. Approval produces a new PUBLISHED version
-- (result_version_id) built from the latest published one (applied_to_version_id); the old version never changes.
CREATE TABLE budget_adjustment (
    id                          BIGSERIAL PRIMARY KEY,
    year                        INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind                        TEXT NOT NULL CHECK (kind IN ('TRANSFER', 'RESERVE_DRAW', 'POOL_DRAW', 'CAPACITY_CLOSED', 'GDP_REVISION')),
    status                      TEXT NOT NULL CHECK (status IN ('CITY_REVIEW', 'LEADING_GROUP_REVIEW', 'APPROVED', 'REJECTED')),
    from_code                   TEXT,                      -- the holder giving tonnes (TRANSFER, CAPACITY_CLOSED)
    to_code                     TEXT,                      -- the holder receiving tonnes (TRANSFER, RESERVE_DRAW, POOL_DRAW)
    amount_t                    NUMERIC CHECK (amount_t > 0),             -- whole tCO2 moved
    revised_gdp_10k_cny         NUMERIC CHECK (revised_gdp_10k_cny >= 0), -- GDP_REVISION: the revised forecast, 10k CNY
    from_county                 TEXT,                      -- the county containing from_code (its officer reads the request)
    to_county                   TEXT,                      -- the county containing to_code; both null: city-wide (GDP)
    reason                      TEXT NOT NULL,
    filed_on_version_id         BIGINT NOT NULL REFERENCES budget_version (id),
    applied_to_version_id       BIGINT REFERENCES budget_version (id),
    result_version_id           BIGINT UNIQUE REFERENCES budget_version (id),
    filed_by                    TEXT NOT NULL,
    filed_role                  TEXT NOT NULL,
    filed_at                    TIMESTAMPTZ NOT NULL,
    decided_at                  TIMESTAMPTZ,
    CHECK ((status = 'APPROVED') = (result_version_id IS NOT NULL))
);
CREATE INDEX budget_adjustment_year ON budget_adjustment (year, id);

-- The steps an adjustment went through, with who took them in which role and their comment (kept forever).
CREATE TABLE budget_adjustment_step (
    id                          BIGSERIAL PRIMARY KEY,
    adjustment_id               BIGINT NOT NULL REFERENCES budget_adjustment (id),
    from_status                 TEXT,
    to_status                   TEXT NOT NULL,
    actor                       TEXT NOT NULL,
    role                        TEXT NOT NULL,
    comment                     TEXT,
    taken_at                    TIMESTAMPTZ NOT NULL
);
CREATE INDEX budget_adjustment_step_of ON budget_adjustment_step (adjustment_id, id);

-- The sink ledger (碳汇): verified forestry sink increments ΔS per county and year, append-only, each with its
-- evidence: the verification document (stored bytes, its SHA-256) and/or the reference number of the forestry
-- bureau's verification (文号). A correction is a new entry with a negative increment naming the entry it corrects.
CREATE TABLE budget_sink_entry (
    id                          BIGSERIAL PRIMARY KEY,
    county_code                 TEXT NOT NULL,
    year                        INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    increment_t                 NUMERIC NOT NULL CHECK (increment_t <> 0),  -- ΔS, tCO2 absorbed (negative: a correction)
    corrects_entry_id           BIGINT REFERENCES budget_sink_entry (id),
    verified_on                 DATE NOT NULL,
    verified_by                 TEXT NOT NULL,             -- the verifying body
    reference_number            TEXT,                      -- 文号 of the verification
    document_name               TEXT,
    document_type               TEXT,
    document_sha256             TEXT CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    document                    BYTEA,
    entered_by                  TEXT NOT NULL,
    entered_role                TEXT NOT NULL,
    entered_at                  TIMESTAMPTZ NOT NULL,
    CHECK (reference_number IS NOT NULL OR document IS NOT NULL),
    CHECK (increment_t > 0 OR corrects_entry_id IS NOT NULL),
    CHECK ((document IS NULL) = (document_sha256 IS NULL) AND (document IS NULL) = (document_name IS NULL))
);
CREATE INDEX budget_sink_entry_year ON budget_sink_entry (year, county_code);

CREATE FUNCTION budget_sink_entry_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'the sink ledger is append-only: a correction is a new entry'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER budget_sink_entry_append_only BEFORE UPDATE OR DELETE ON budget_sink_entry
    FOR EACH ROW EXECUTE FUNCTION budget_sink_entry_append_only();

-- How a version's sink credit came about and whom it is credited to: min(Σ ΔS of the year, β × total) from the ledger
-- (or the office's figure), credited to the reserve or to the producing counties (split by their ΔS).
CREATE TABLE budget_sink_credit (
    version_id                  BIGINT PRIMARY KEY REFERENCES budget_version (id),
    ledger_sum_t                NUMERIC NOT NULL,          -- Σ ΔS of the year's entries when the credit was set, tCO2
    cap_share                   NUMERIC NOT NULL,          -- β
    cap_t                       NUMERIC NOT NULL,          -- β × total, tCO2
    credit_t                    NUMERIC NOT NULL,          -- the version's sink_credit_t
    entered_by_office           BOOLEAN NOT NULL,          -- the office gave the figure instead of the ledger
    credited_to                 TEXT NOT NULL CHECK (credited_to IN ('RESERVE', 'COUNTIES'))
);
CREATE TABLE budget_sink_credit_county (
    version_id                  BIGINT NOT NULL REFERENCES budget_sink_credit (version_id),
    county_code                 TEXT NOT NULL,
    increment_t                 NUMERIC NOT NULL,          -- the county's Σ ΔS of the year
    credit_t                    NUMERIC NOT NULL,          -- its part of the credit, whole tCO2 by largest remainder
    PRIMARY KEY (version_id, county_code)
);

-- A published version's sink credit never changes either.
CREATE FUNCTION budget_sink_credit_frozen() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM budget_version WHERE id = OLD.version_id AND status = 'PUBLISHED'))
        OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM budget_version WHERE id = NEW.version_id AND status = 'PUBLISHED')) THEN
        RAISE EXCEPTION 'the sink credit of a published budget version never changes'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_sink_credit_frozen BEFORE INSERT OR UPDATE OR DELETE ON budget_sink_credit
    FOR EACH ROW EXECUTE FUNCTION budget_sink_credit_frozen();
CREATE TRIGGER budget_sink_credit_county_frozen BEFORE INSERT OR UPDATE OR DELETE ON budget_sink_credit_county
    FOR EACH ROW EXECUTE FUNCTION budget_sink_credit_frozen();
