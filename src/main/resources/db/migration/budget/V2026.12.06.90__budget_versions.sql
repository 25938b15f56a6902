-- Issue 12: the year's city budget as versions (ADR 0016). A version holds the office's inputs (with their source
-- text), the city budget computed from them, the carve-outs, the allocation method and its holders. A version is
-- DRAFT until published; a published version never changes: the triggers below refuse any update or delete of a
-- published version and any change of its holders, whatever path the write takes.
CREATE TABLE budget_version (
    id                          BIGSERIAL PRIMARY KEY,
    year                        INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    number                      INT NOT NULL CHECK (number >= 1),
    status                      TEXT NOT NULL CHECK (status IN ('DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'LEADING_GROUP_REVIEW', 'PUBLISHED')),
    base_intensity              NUMERIC NOT NULL,          -- I_{t-1}, tCO2 per 10k CNY at constant prices
    decline_rate                NUMERIC,                   -- r_t entered by the office, fraction of 1 (null: the required cut)
    period_target_cut           NUMERIC,                   -- R, the five-year period's intensity cut, fraction
    achieved_cut                NUMERIC,                   -- R_a, achieved so far in the period, fraction
    years_left                  INT,                       -- n_left, years left in the period including this one
    required_cut                NUMERIC,                   -- r = 1 − ((1−R)/(1−R_a))^(1/n_left), 9 decimals
    applied_rate                NUMERIC NOT NULL,          -- the rate used for I*_t (decline_rate, else required_cut)
    target_intensity            NUMERIC NOT NULL,          -- I*_t = I_{t-1}(1 − rate), tCO2 per 10k CNY
    forecast_gdp_10k_cny        NUMERIC NOT NULL,          -- GDP^f_t at constant prices, 10k CNY
    city_budget_t               NUMERIC NOT NULL,          -- I*_t × GDP^f_t, tCO2
    total_cap_t                 NUMERIC,                   -- optional cap on the total, tCO2
    total_t                     NUMERIC NOT NULL,          -- min(city budget, cap), tCO2
    reserve_share               NUMERIC NOT NULL,
    pool_t                      NUMERIC NOT NULL,          -- major-project pool, tCO2
    sink_credit_t               NUMERIC NOT NULL,          -- sink credit, tCO2
    reserve_t                   NUMERIC NOT NULL,          -- total − pool − sink credit − Σ budgets, tCO2
    method                      TEXT,                      -- the allocation method, null until allocated
    source                      TEXT NOT NULL,             -- where the inputs come from (documents, decisions)
    created_at                  TIMESTAMPTZ NOT NULL,
    created_by                  TEXT NOT NULL,
    published_at                TIMESTAMPTZ,
    published_by                TEXT,
    UNIQUE (year, number),
    CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);

-- One holder's line of a version: kind COUNTY (today), PARK or ENTERPRISE with the holder containing it (a park's
-- county, an enterprise's park or county); the method's inputs and figures are kept so every tonne is retraceable.
CREATE TABLE budget_holder (
    version_id                  BIGINT NOT NULL REFERENCES budget_version (id),
    code                        TEXT NOT NULL,
    kind                        TEXT NOT NULL CHECK (kind IN ('COUNTY', 'PARK', 'ENTERPRISE')),
    parent_code                 TEXT,
    line_no                     INT NOT NULL,
    gdp_10k_cny                 NUMERIC,
    population                  NUMERIC,
    base_emissions_t            NUMERIC,
    base_intensity              NUMERIC,
    forecast_gdp_10k_cny        NUMERIC,
    decline_rate                NUMERIC,
    weight                      NUMERIC,
    raw                         NUMERIC NOT NULL,
    share                       NUMERIC NOT NULL,
    quota_t                     NUMERIC NOT NULL,
    budget_t                    NUMERIC NOT NULL CHECK (budget_t >= 0),
    PRIMARY KEY (version_id, code),
    CHECK (kind = 'COUNTY' OR parent_code IS NOT NULL)
);

-- The approval steps a version went through, with who took them in which role and their comment (kept forever).
CREATE TABLE budget_step (
    id                          BIGSERIAL PRIMARY KEY,
    version_id                  BIGINT NOT NULL REFERENCES budget_version (id),
    from_status                 TEXT NOT NULL,
    to_status                   TEXT NOT NULL,
    actor                       TEXT NOT NULL,
    role                        TEXT NOT NULL,
    comment                     TEXT,
    taken_at                    TIMESTAMPTZ NOT NULL
);
CREATE INDEX budget_step_version ON budget_step (version_id, id);

CREATE FUNCTION budget_version_frozen() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'budget version % (year %, number %) is published and never changes', OLD.id, OLD.year, OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_version_frozen BEFORE UPDATE OR DELETE ON budget_version
    FOR EACH ROW EXECUTE FUNCTION budget_version_frozen();

CREATE FUNCTION budget_holder_frozen() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM budget_version WHERE id = OLD.version_id AND status = 'PUBLISHED'))
        OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM budget_version WHERE id = NEW.version_id AND status = 'PUBLISHED')) THEN
        RAISE EXCEPTION 'the holders of a published budget version never change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_holder_frozen BEFORE INSERT OR UPDATE OR DELETE ON budget_holder
    FOR EACH ROW EXECUTE FUNCTION budget_holder_frozen();
