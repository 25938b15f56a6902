-- Forestry carbon tickets (林业碳票, issue 14, ADR 0019; Sanming model, ../shared/INCLUSIVE-POWER.md §1, §3.A).
-- A forestry carbon-sink project (林业碳汇项目) is verified by a third party and approved by the forestry bureau, then
-- issued as tickets of 1 tCO2 with serials; tickets are held, transferred, pledged, retired or expired. The ledger
-- (inclusive_ledger_*, asset TICKET) carries the units; these tables say which serials are where.

-- Who holds tickets: a forest owner or collective, a buyer, an event organiser (optionally a partner of the scheme).
CREATE TABLE inclusive_ticket_holder (
    id              BIGSERIAL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL UNIQUE,
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('FOREST_OWNER','COLLECTIVE','ENTERPRISE','EVENT_ORGANISER','PUBLIC_BODY','OTHER')),
    partner_id      BIGINT REFERENCES inclusive_partner(id),
    created_by      TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);

-- A forestry carbon-sink project for one monitoring period.
CREATE TABLE inclusive_forestry_project (
    id                      BIGSERIAL PRIMARY KEY,
    name                    VARCHAR(200) NOT NULL,
    county_code             VARCHAR(12)  NOT NULL,
    owner_holder_id         BIGINT       NOT NULL REFERENCES inclusive_ticket_holder(id),
    period_start            DATE         NOT NULL,
    period_end              DATE         NOT NULL,
    period_no               INT          NOT NULL CHECK (period_no BETWEEN 1 AND 99),  -- the project's n-th monitoring period
    method_code             VARCHAR(60)  NOT NULL,   -- increment method with its version, e.g. SMCER-FC-V1
    claimed_increment_t     NUMERIC      NOT NULL CHECK (claimed_increment_t > 0),
    status                  VARCHAR(12)  NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','VERIFIED','APPROVED','ISSUED','REJECTED')),
    verifier_name           VARCHAR(200),
    verification_reference  VARCHAR(100),
    verified_on             DATE,
    verified_increment_t    NUMERIC CHECK (verified_increment_t >= 0),
    approved_by             VARCHAR(200),            -- the approving office (e.g. 乐山市林业局)
    approval_reference      VARCHAR(100),
    approved_on             DATE,
    rejected_reason         VARCHAR(1000),
    created_by              TEXT         NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    CHECK (period_end > period_start),
    CHECK (status NOT IN ('VERIFIED','APPROVED','ISSUED') OR verified_increment_t IS NOT NULL),
    CHECK (status NOT IN ('APPROVED','ISSUED') OR approved_by IS NOT NULL)
);
CREATE INDEX inclusive_forestry_project_status ON inclusive_forestry_project (status, id);

-- Its parcels: forest-right certificate (林权证号), area (亩), species.
CREATE TABLE inclusive_forestry_parcel (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT       NOT NULL REFERENCES inclusive_forestry_project(id),
    certificate_no  VARCHAR(60)  NOT NULL,
    area_mu         NUMERIC      NOT NULL CHECK (area_mu > 0),
    species         VARCHAR(12)  NOT NULL CHECK (species IN ('BAMBOO','FIR','PINE','BROADLEAF','MIXED','OTHER')),
    location        VARCHAR(200),
    UNIQUE (project_id, certificate_no)
);

-- Its increment figures per year of the monitoring period (tCO2), as the monitoring report gives them.
CREATE TABLE inclusive_forestry_increment (
    project_id      BIGINT       NOT NULL REFERENCES inclusive_forestry_project(id),
    year            INT          NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    increment_t     NUMERIC      NOT NULL CHECK (increment_t > 0),
    PRIMARY KEY (project_id, year)
);

-- Each step of a project's workflow, who took it in which role (kept forever).
CREATE TABLE inclusive_forestry_step (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT       NOT NULL REFERENCES inclusive_forestry_project(id),
    from_status     VARCHAR(12),
    to_status       VARCHAR(12)  NOT NULL,
    actor           TEXT         NOT NULL,
    role            TEXT         NOT NULL,
    comment         VARCHAR(1000),
    taken_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_forestry_step_of ON inclusive_forestry_step (project_id, id);

-- An issuance: the serial range a project's approval created, and the budget withdrawal behind it.
CREATE TABLE inclusive_ticket_issuance (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT       NOT NULL UNIQUE REFERENCES inclusive_forestry_project(id),
    county_code     VARCHAR(12)  NOT NULL,
    period_code     VARCHAR(12)  NOT NULL,           -- {end year}P{period no}, e.g. 2025P1
    seq_from        BIGINT       NOT NULL CHECK (seq_from >= 1),
    seq_to          BIGINT       NOT NULL,
    tonnes          BIGINT       NOT NULL CHECK (tonnes > 0),
    holder_id       BIGINT       NOT NULL REFERENCES inclusive_ticket_holder(id),
    expires_on      DATE         NOT NULL,
    ledger_seq      BIGINT       NOT NULL,
    issued_by       TEXT         NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    CHECK (seq_to - seq_from + 1 = tonnes),
    UNIQUE (county_code, period_code, seq_from)
);

-- A pledge (质押): tickets locked for a bank's loan until released.
CREATE TABLE inclusive_ticket_pledge (
    id              BIGSERIAL PRIMARY KEY,
    holder_id       BIGINT       NOT NULL REFERENCES inclusive_ticket_holder(id),
    pledgee_bank    VARCHAR(200) NOT NULL,
    loan_reference  VARCHAR(100) NOT NULL,
    loan_cny        NUMERIC      CHECK (loan_cny > 0),
    tonnes          BIGINT       NOT NULL CHECK (tonnes > 0),
    pledged_on      DATE         NOT NULL,
    released_on     DATE,
    CHECK (released_on IS NULL OR released_on >= pledged_on)
);

-- A retirement (注销/抵消): tickets used for good, for a named beneficiary and purpose.
CREATE TABLE inclusive_ticket_retirement (
    id              BIGSERIAL PRIMARY KEY,
    holder_id       BIGINT       NOT NULL REFERENCES inclusive_ticket_holder(id),
    beneficiary     VARCHAR(200) NOT NULL,
    purpose         VARCHAR(500) NOT NULL,
    reference       VARCHAR(100),                    -- what asked for it, e.g. event:12
    tonnes          BIGINT       NOT NULL CHECK (tonnes > 0),
    ledger_seq      BIGINT       NOT NULL,
    retired_by      TEXT         NOT NULL,
    retired_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_ticket_retirement_reference ON inclusive_ticket_retirement (reference);

-- Where the serials are now: contiguous ranges of one issuance with one holder and state. A lot splits when part of it
-- moves (transfer, pledge, retire), so a 12,723 t issuance is one row until it is traded.
CREATE TABLE inclusive_ticket_lot (
    id              BIGSERIAL PRIMARY KEY,
    issuance_id     BIGINT       NOT NULL REFERENCES inclusive_ticket_issuance(id),
    county_code     VARCHAR(12)  NOT NULL,
    period_code     VARCHAR(12)  NOT NULL,
    seq_from        BIGINT       NOT NULL,
    seq_to          BIGINT       NOT NULL,
    holder_id       BIGINT       NOT NULL REFERENCES inclusive_ticket_holder(id),
    status          VARCHAR(8)   NOT NULL CHECK (status IN ('HELD','PLEDGED','RETIRED','EXPIRED')),
    pledge_id       BIGINT       REFERENCES inclusive_ticket_pledge(id),
    retirement_id   BIGINT       REFERENCES inclusive_ticket_retirement(id),
    expires_on      DATE         NOT NULL,
    CHECK (seq_to >= seq_from),
    CHECK ((status = 'PLEDGED') = (pledge_id IS NOT NULL)),
    CHECK ((status = 'RETIRED') = (retirement_id IS NOT NULL)),
    UNIQUE (county_code, period_code, seq_from)
);
CREATE INDEX inclusive_ticket_lot_holder ON inclusive_ticket_lot (holder_id, status);
CREATE INDEX inclusive_ticket_lot_serial ON inclusive_ticket_lot (county_code, period_code, seq_to);
CREATE INDEX inclusive_ticket_lot_retirement ON inclusive_ticket_lot (retirement_id);

-- What happened to tickets, append-only: issue, transfer (with price: the price history), pledge, release, retire, expire.
-- Each row is one ledger transaction (ledger_seq).
CREATE TABLE inclusive_ticket_trade (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('ISSUE','TRANSFER','PLEDGE','RELEASE','RETIRE','EXPIRE')),
    from_holder_id  BIGINT       REFERENCES inclusive_ticket_holder(id),
    to_holder_id    BIGINT       REFERENCES inclusive_ticket_holder(id),
    tonnes          BIGINT       NOT NULL CHECK (tonnes > 0),
    price_cny_per_t NUMERIC      CHECK (price_cny_per_t >= 0),
    traded_on       DATE         NOT NULL,
    issuance_id     BIGINT       REFERENCES inclusive_ticket_issuance(id),
    pledge_id       BIGINT       REFERENCES inclusive_ticket_pledge(id),
    retirement_id   BIGINT       REFERENCES inclusive_ticket_retirement(id),
    ledger_seq      BIGINT       NOT NULL,
    memo            VARCHAR(500),
    actor           TEXT         NOT NULL,
    role            TEXT,
    at              TIMESTAMPTZ  NOT NULL,
    CHECK (kind <> 'TRANSFER' OR (price_cny_per_t IS NOT NULL AND from_holder_id IS NOT NULL AND to_holder_id IS NOT NULL))
);
CREATE INDEX inclusive_ticket_trade_kind ON inclusive_ticket_trade (kind, traded_on);

-- The serial ranges each trade moved (a verification page finds a serial's history here).
CREATE TABLE inclusive_ticket_trade_range (
    trade_id        BIGINT       NOT NULL REFERENCES inclusive_ticket_trade(id),
    county_code     VARCHAR(12)  NOT NULL,
    period_code     VARCHAR(12)  NOT NULL,
    seq_from        BIGINT       NOT NULL,
    seq_to          BIGINT       NOT NULL,
    CHECK (seq_to >= seq_from)
);
CREATE INDEX inclusive_ticket_trade_range_serial ON inclusive_ticket_trade_range (county_code, period_code, seq_from);

CREATE FUNCTION inclusive_ticket_trade_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'the ticket trade history is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER inclusive_ticket_trade_append_only BEFORE UPDATE OR DELETE ON inclusive_ticket_trade
    FOR EACH ROW EXECUTE FUNCTION inclusive_ticket_trade_append_only();
CREATE TRIGGER inclusive_ticket_trade_range_append_only BEFORE UPDATE OR DELETE ON inclusive_ticket_trade_range
    FOR EACH ROW EXECUTE FUNCTION inclusive_ticket_trade_append_only();

-- Documents a registry asks for: monitoring and verification reports, approval, forest-right certificates, contracts.
CREATE TABLE inclusive_ticket_document (
    id              BIGSERIAL PRIMARY KEY,
    project_id      BIGINT       REFERENCES inclusive_forestry_project(id),
    trade_id        BIGINT       REFERENCES inclusive_ticket_trade(id),
    kind            VARCHAR(24)  NOT NULL CHECK (kind IN ('MONITORING_REPORT','VERIFICATION_REPORT','APPROVAL','FOREST_RIGHT_CERTIFICATE',
                                                          'TRANSFER_CONTRACT','PLEDGE_CONTRACT','RELEASE_NOTICE','RETIREMENT','OTHER')),
    name            VARCHAR(200) NOT NULL,
    content_type    VARCHAR(40)  NOT NULL,
    sha256          CHAR(64)     NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content         BYTEA        NOT NULL,
    uploaded_by     TEXT         NOT NULL,
    uploaded_at     TIMESTAMPTZ  NOT NULL,
    CHECK (project_id IS NOT NULL OR trade_id IS NOT NULL)
);
CREATE INDEX inclusive_ticket_document_project ON inclusive_ticket_document (project_id);
CREATE INDEX inclusive_ticket_document_trade ON inclusive_ticket_document (trade_id);
