-- accounting: monthly enterprise reports (报送) with their activity and production lines, the verification
-- workflow (核查), and the stored results of each line with the factor versions that produced them.
CREATE TABLE accounting_report (
    id              BIGSERIAL   PRIMARY KEY,
    enterprise_id   BIGINT      NOT NULL,
    county_code     CHAR(6)     NOT NULL,
    park_id         BIGINT,
    industry_code   VARCHAR(8)  NOT NULL,
    year            INT         NOT NULL,
    month           INT         NOT NULL CHECK (month BETWEEN 1 AND 12),
    status          VARCHAR(16) NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','VERIFIED','LOCKED')),
    revision        INT         NOT NULL DEFAULT 0,
    output_value_10k_cny NUMERIC(20,4),
    value_added_10k_cny  NUMERIC(20,4),
    return_comment  TEXT,
    revision_reason TEXT,
    created_by      VARCHAR(64) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    submitted_by    VARCHAR(64),
    submitted_at    TIMESTAMPTZ,
    verified_by     VARCHAR(64),
    verified_at     TIMESTAMPTZ,
    locked_by       VARCHAR(64),
    locked_at       TIMESTAMPTZ,
    UNIQUE (enterprise_id, year, month)
);
CREATE INDEX accounting_report_period_idx ON accounting_report(year, month);
CREATE INDEX accounting_report_county_idx ON accounting_report(county_code);

CREATE TABLE accounting_report_line (
    id              BIGSERIAL   PRIMARY KEY,
    report_id       BIGINT      NOT NULL REFERENCES accounting_report(id) ON DELETE CASCADE,
    line_no         INT         NOT NULL,
    type            VARCHAR(24) NOT NULL,
    factor_code     VARCHAR(80),
    quantity        NUMERIC(24,6) NOT NULL,
    unit            TEXT,
    measured_ncv    NUMERIC(20,6),
    measured_carbon_content NUMERIC(12,4),
    green_kwh       NUMERIC(24,6),
    fraction        NUMERIC(8,6),
    cao_fraction    NUMERIC(8,6),
    mgo_fraction    NUMERIC(8,6),
    non_carbonate_cao_fraction NUMERIC(8,6),
    non_carbonate_mgo_fraction NUMERIC(8,6),
    clinker_type    VARCHAR(32),
    label           TEXT,
    energy_use      VARCHAR(16) NOT NULL DEFAULT 'ENERGY' CHECK (energy_use IN ('ENERGY','FEEDSTOCK','RENEWABLE')),
    UNIQUE (report_id, line_no)
);

CREATE TABLE accounting_report_product (
    id              BIGSERIAL   PRIMARY KEY,
    report_id       BIGINT      NOT NULL REFERENCES accounting_report(id) ON DELETE CASCADE,
    product_code    VARCHAR(40) NOT NULL,
    quantity        NUMERIC(24,6) NOT NULL,
    unit            VARCHAR(16) NOT NULL,
    UNIQUE (report_id, product_code)
);

-- One row per report line and computation; a recomputation (new data, new factor version) supersedes the
-- current rows and keeps them as history.
CREATE TABLE accounting_result (
    id              BIGSERIAL   PRIMARY KEY,
    report_id       BIGINT      NOT NULL REFERENCES accounting_report(id) ON DELETE CASCADE,
    line_no         INT         NOT NULL,
    scope           VARCHAR(8)  NOT NULL,
    category        VARCHAR(16) NOT NULL,
    energy_use      VARCHAR(16) NOT NULL,
    co2_t           NUMERIC(24,6) NOT NULL,
    co2_market_t    NUMERIC(24,6) NOT NULL,
    tce             NUMERIC(24,6) NOT NULL,
    tce_equal_value NUMERIC(24,6),
    energy_gj       NUMERIC(24,6),
    factors         JSONB       NOT NULL,
    formula         TEXT        NOT NULL,
    notes           JSONB       NOT NULL,
    computed_at     TIMESTAMPTZ NOT NULL,
    computed_by     VARCHAR(64) NOT NULL,
    reason          TEXT        NOT NULL,
    superseded_at   TIMESTAMPTZ
);
CREATE INDEX accounting_result_current_idx ON accounting_result(report_id) WHERE superseded_at IS NULL;
CREATE INDEX accounting_result_factor_idx ON accounting_result USING gin (factors jsonb_path_ops);
