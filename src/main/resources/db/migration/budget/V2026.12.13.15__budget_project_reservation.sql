-- Issue 13: admitted projects' emissions reserved in their county's budget (预留) from the commissioning year on, every
-- year, until released (lapse after two years without construction start, rejection, withdrawal). One row per project
-- reference of the admission module (no foreign key across modules); reserving again replaces the row, releasing keeps
-- it with released_at and the reason, so the cockpit can show what was reserved and why it ended.
CREATE TABLE budget_project_reservation (
    project_ref     TEXT PRIMARY KEY CHECK (length(project_ref) BETWEEN 1 AND 64),
    county_code     TEXT NOT NULL,
    park_code       TEXT,
    from_year       INT NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
    annual_t        NUMERIC(24,6) NOT NULL CHECK (annual_t > 0),   -- tCO2 a year
    label           TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    reserved_at     TIMESTAMPTZ NOT NULL,
    reserved_by     TEXT NOT NULL,
    released_at     TIMESTAMPTZ,
    released_by     TEXT,
    release_reason  TEXT,
    CHECK ((released_at IS NULL) = (released_by IS NULL))
);
CREATE INDEX budget_project_reservation_county ON budget_project_reservation (county_code, from_year) WHERE released_at IS NULL;
