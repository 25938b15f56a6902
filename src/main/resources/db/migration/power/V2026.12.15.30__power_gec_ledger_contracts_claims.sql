-- Green certificates (绿证, GEC), green-power contracts (绿电交易) and green-electricity claims (issue 15, ADR 0020;
-- ../shared/INCLUSIVE-POWER.md §2, §3.B). 1 GEC = 1 MWh. A lot is a count of whole GECs of one project and production
-- month under one 32-character code (the code of the lot's first certificate as the trading platform exports it);
-- a code exists once. Lots move whole: held → transferred (sold once) → declared (consumed for a claim), or
-- cancelled / expired (production month + 2 years, end of that month, Beijing date).
CREATE TABLE power_gec_lot (
    id                   BIGSERIAL    PRIMARY KEY,
    code                 CHAR(32)     NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{32}$'),
    project_name         VARCHAR(200) NOT NULL,
    technology           VARCHAR(16)  NOT NULL CHECK (technology IN ('WIND', 'SOLAR', 'HYDRO', 'BIOMASS', 'GEOTHERMAL',
                                                                     'OCEAN', 'SOLAR_THERMAL', 'OTHER')),
    production_month     DATE         NOT NULL CHECK (extract(day FROM production_month) = 1),
    mwh                  BIGINT       NOT NULL CHECK (mwh > 0 AND mwh <= 100000000),
    first_serial         VARCHAR(64),
    last_serial          VARCHAR(64),
    self_use             BOOLEAN      NOT NULL DEFAULT false,
    ccer_frozen          BOOLEAN      NOT NULL DEFAULT false,
    holder_enterprise_id BIGINT       NOT NULL REFERENCES enterprise(id),
    status               VARCHAR(12)  NOT NULL CHECK (status IN ('HELD', 'TRANSFERRED', 'DECLARED', 'CANCELLED', 'EXPIRED')),
    expires_on           DATE         NOT NULL,
    declared_on          DATE,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    CHECK (expires_on = (production_month + INTERVAL '2 years 1 month' - INTERVAL '1 day')::date),
    CHECK ((status = 'DECLARED') = (declared_on IS NOT NULL))
);
CREATE INDEX power_gec_lot_holder ON power_gec_lot (holder_enterprise_id, status);
CREATE INDEX power_gec_lot_expiry ON power_gec_lot (expires_on) WHERE status IN ('HELD', 'TRANSFERRED');

-- What happened to a lot, append-only: IMPORT, ENTER, TRANSFER, DECLARE, CLAIM, CANCEL, EXPIRE, FREEZE, CONTRACT.
CREATE TABLE power_gec_event (
    id                 BIGSERIAL    PRIMARY KEY,
    lot_id             BIGINT       NOT NULL REFERENCES power_gec_lot(id),
    kind               VARCHAR(12)  NOT NULL CHECK (kind IN ('IMPORT', 'ENTER', 'TRANSFER', 'DECLARE', 'CLAIM', 'CANCEL',
                                                             'EXPIRE', 'FREEZE', 'CONTRACT')),
    status_before      VARCHAR(12),
    status_after       VARCHAR(12)  NOT NULL,
    from_enterprise_id BIGINT       REFERENCES enterprise(id),
    to_enterprise_id   BIGINT       REFERENCES enterprise(id),
    mwh                BIGINT       NOT NULL,
    reference          VARCHAR(100),
    note               VARCHAR(500),
    actor              VARCHAR(100) NOT NULL,
    at                 TIMESTAMPTZ  NOT NULL
);
CREATE INDEX power_gec_event_lot ON power_gec_event (lot_id, id);

CREATE FUNCTION power_gec_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'the green certificate history and claims are append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER power_gec_event_append_only BEFORE UPDATE OR DELETE ON power_gec_event
    FOR EACH ROW EXECUTE FUNCTION power_gec_append_only();

-- A green-power contract (绿电交易): a buyer enterprise buys a month's green electricity from a generator; the
-- certificates of that electricity move generator → buyer and are linked here (a lot belongs to one contract at most).
CREATE TABLE power_green_contract (
    id                  BIGSERIAL    PRIMARY KEY,
    buyer_enterprise_id BIGINT       NOT NULL REFERENCES enterprise(id),
    seller_enterprise_id BIGINT      REFERENCES enterprise(id),
    generator_name      VARCHAR(200) NOT NULL,
    reference           VARCHAR(100) NOT NULL,
    delivery_month      DATE         NOT NULL CHECK (extract(day FROM delivery_month) = 1),
    mwh                 BIGINT       NOT NULL CHECK (mwh > 0 AND mwh <= 100000000),
    created_at          TIMESTAMPTZ  NOT NULL,
    actor               VARCHAR(100) NOT NULL,
    UNIQUE (buyer_enterprise_id, reference)
);
CREATE TABLE power_green_contract_lot (
    contract_id BIGINT NOT NULL REFERENCES power_green_contract(id),
    lot_id      BIGINT NOT NULL UNIQUE REFERENCES power_gec_lot(id),
    PRIMARY KEY (contract_id, lot_id)
);

-- A claim of certified green electricity for months of one year (a whole year = months 1..12). Backed only by
-- declared, valid, period-matched lots of the claimant; each lot backs one claim only (lot_id is the key).
CREATE TABLE power_green_claim (
    id            BIGSERIAL    PRIMARY KEY,
    enterprise_id BIGINT       NOT NULL REFERENCES enterprise(id),
    year          INT          NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    month_from    SMALLINT     NOT NULL CHECK (month_from BETWEEN 1 AND 12),
    month_to      SMALLINT     NOT NULL CHECK (month_to BETWEEN 1 AND 12),
    mwh           BIGINT       NOT NULL CHECK (mwh > 0),
    note          VARCHAR(500),
    actor         VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    CHECK (month_from <= month_to)
);
CREATE INDEX power_green_claim_enterprise ON power_green_claim (enterprise_id, year);
CREATE TABLE power_green_claim_lot (
    lot_id   BIGINT PRIMARY KEY REFERENCES power_gec_lot(id),
    claim_id BIGINT NOT NULL REFERENCES power_green_claim(id),
    mwh      BIGINT NOT NULL CHECK (mwh > 0)
);
CREATE INDEX power_green_claim_lot_claim ON power_green_claim_lot (claim_id);
CREATE TRIGGER power_green_claim_append_only BEFORE UPDATE OR DELETE ON power_green_claim
    FOR EACH ROW EXECUTE FUNCTION power_gec_append_only();
CREATE TRIGGER power_green_claim_lot_append_only BEFORE UPDATE OR DELETE ON power_green_claim_lot
    FOR EACH ROW EXECUTE FUNCTION power_gec_append_only();
