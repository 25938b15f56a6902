-- Issue 12, parks and enterprises as holders (ADR 0016, amendment "parks, enterprises and methods side by side").
-- A holder line now keeps the enterprise methods' inputs, the national-ETS marking (entered by the office with its
-- source; an ETS enterprise gets 0 t unless the office overrides with a reason) and the part pre-allocated now.
ALTER TABLE budget_holder
    ADD COLUMN output                          NUMERIC,            -- output of the year, the product's unit
    ADD COLUMN benchmark_t_per_unit            NUMERIC,            -- tCO2 per unit of output
    ADD COLUMN historical_intensity_t_per_unit NUMERIC,            -- tCO2 per unit of output
    ADD COLUMN control_factor                  NUMERIC,            -- f (null: 1)
    ADD COLUMN days                            INT,                -- operating days (null: 365)
    ADD COLUMN national_ets                    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN ets_source                      TEXT,
    ADD COLUMN ets_override_reason             TEXT,
    ADD COLUMN pre_allocated_t                 NUMERIC,            -- whole tCO2 issued now; null: no pre-allocation
    ADD CONSTRAINT budget_holder_ets_source CHECK (NOT national_ets OR ets_source IS NOT NULL),
    ADD CONSTRAINT budget_holder_ets_zero CHECK (NOT national_ets OR ets_override_reason IS NOT NULL OR budget_t = 0),
    ADD CONSTRAINT budget_holder_pre_allocated CHECK (pre_allocated_t IS NULL OR (pre_allocated_t >= 0 AND pre_allocated_t <= budget_t));

-- One division below the city's county allocation: the city's direct holders (level CITY, parent = the city's region
-- code), a county's parks and enterprises (COUNTY) or a park's enterprises (PARK), each with its own method.
-- amount_t is what the method divided (whole tonnes), common_t what the parent keeps (parent budget − Σ children;
-- 0 for the city, whose rest is the reserve), scale = amount_t ÷ Σ raw (the true-up's factor).
CREATE TABLE budget_sub_allocation (
    version_id                  BIGINT NOT NULL REFERENCES budget_version (id),
    parent_code                 TEXT NOT NULL,
    level                       TEXT NOT NULL CHECK (level IN ('CITY', 'COUNTY', 'PARK')),
    method                      TEXT NOT NULL,
    amount_t                    NUMERIC NOT NULL CHECK (amount_t >= 0),
    common_t                    NUMERIC NOT NULL CHECK (common_t >= 0),
    pre_allocation_share        NUMERIC CHECK (pre_allocation_share > 0 AND pre_allocation_share <= 1),
    scale                       NUMERIC,
    created_at                  TIMESTAMPTZ NOT NULL,
    created_by                  TEXT NOT NULL,
    PRIMARY KEY (version_id, parent_code)
);
CREATE TRIGGER budget_sub_allocation_frozen BEFORE INSERT OR UPDATE OR DELETE ON budget_sub_allocation
    FOR EACH ROW EXECUTE FUNCTION budget_holder_frozen();

-- The true-up after verification (append-only: a correction is a new row, the latest counts): the method's formula
-- on the verified figures × the sub-allocation's scale, in whole tonnes half up, beside the version's budget.
CREATE TABLE budget_true_up (
    id                          BIGSERIAL PRIMARY KEY,
    version_id                  BIGINT NOT NULL REFERENCES budget_version (id),
    code                        TEXT NOT NULL,
    method                      TEXT NOT NULL,
    verified_output             NUMERIC,
    verified_days               INT,
    scale                       NUMERIC NOT NULL,
    verified_raw                NUMERIC NOT NULL,
    budget_t                    NUMERIC NOT NULL,
    pre_allocated_t             NUMERIC,
    final_budget_t              NUMERIC NOT NULL CHECK (final_budget_t >= 0),
    source                      TEXT NOT NULL,
    recorded_at                 TIMESTAMPTZ NOT NULL,
    recorded_by                 TEXT NOT NULL
);
CREATE INDEX budget_true_up_holder ON budget_true_up (version_id, code, id);

-- The tree is walked by parent (what lies below a county or park; the parent's common part).
CREATE INDEX budget_holder_parent ON budget_holder (version_id, parent_code);
