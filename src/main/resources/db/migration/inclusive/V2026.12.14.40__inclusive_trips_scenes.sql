-- The carbon-inclusive scheme (碳普惠, issue 14): methodologies, scenes, partners' signing secrets, green trips and
-- scene check-ins. Points themselves live in the ledger (ADR 0019); a trip or check-in row records what was computed
-- and the outcome, and is the idempotency record of the partner API (partner + external trip id).

-- A methodology version (方法学版本), e.g. LS-CM-001 V1. Immutable once created: every change is a new version.
CREATE TABLE inclusive_methodology (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(24)   NOT NULL,
    version         INTEGER       NOT NULL CHECK (version BETWEEN 1 AND 999),
    kind            VARCHAR(12)   NOT NULL CHECK (kind IN ('TRAVEL','CHECK_IN')),
    name_zh         VARCHAR(200)  NOT NULL,
    name_en         VARCHAR(200)  NOT NULL,
    -- first Beijing day a trip or visit is computed with this version (the latest version valid on the day applies)
    valid_from      DATE          NOT NULL,
    note            VARCHAR(2000),
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (code, version)
);

-- One mode's figures in a methodology version; every figure carries its source and verification tag copied from the
-- reference data. basis: BASELINE_MINUS_MODE  ER = (baseline_g_per_pkm − value_g) × km;
--                        REDUCTION_PER_PKM    ER = value_g × km;  PER_TRIP  ER = value_g;  PER_VISIT  ER = value_g.
-- value_g NULL: no verified figure; the mode earns nothing until the office sets one in a new version.
CREATE TABLE inclusive_methodology_factor (
    methodology_id      BIGINT        NOT NULL REFERENCES inclusive_methodology(id),
    mode                VARCHAR(16)   NOT NULL,
    basis               VARCHAR(20)   NOT NULL CHECK (basis IN ('BASELINE_MINUS_MODE','REDUCTION_PER_PKM','PER_TRIP','PER_VISIT')),
    baseline_g_per_pkm  NUMERIC(12,4) CHECK (baseline_g_per_pkm >= 0),
    baseline_source     VARCHAR(1000),
    baseline_tag        VARCHAR(200),
    value_g             NUMERIC(12,4) CHECK (value_g >= 0),
    value_source        VARCHAR(1000),
    value_tag           VARCHAR(200),
    -- the city whose figure is borrowed (Beijing, Shenzhen, Wuhan, …); NULL for conventions and Leshan's own figures
    borrowed_from       VARCHAR(40),
    PRIMARY KEY (methodology_id, mode)
);

-- A partner's signing secret for its trip batches (HMAC-SHA256), AES-GCM encrypted; shown once when issued.
CREATE TABLE inclusive_partner_secret (
    partner_id      BIGINT        PRIMARY KEY REFERENCES inclusive_partner(id),
    secret_enc      VARCHAR(200)  NOT NULL,
    secret_prefix   VARCHAR(12)   NOT NULL,
    issued_at       TIMESTAMPTZ   NOT NULL,
    issued_by       VARCHAR(64)   NOT NULL
);

-- A scene (碳普惠场景): a scenic spot, a low-carbon hotel, a restaurant, a scenic shuttle; visitors check in by
-- scanning its QR code (a random token) within its opening dates.
CREATE TABLE inclusive_scene (
    id                  BIGSERIAL PRIMARY KEY,
    code                VARCHAR(32)   NOT NULL UNIQUE,
    name                VARCHAR(200)  NOT NULL,
    kind                VARCHAR(16)   NOT NULL CHECK (kind IN ('SCENIC_SPOT','HOTEL','RESTAURANT','SHUTTLE')),
    partner_id          BIGINT        REFERENCES inclusive_partner(id),
    methodology_code    VARCHAR(24)   NOT NULL,
    qr_token            VARCHAR(64)   NOT NULL UNIQUE,
    opens_on            DATE          NOT NULL,
    closes_on           DATE,
    created_by          VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (closes_on IS NULL OR closes_on >= opens_on)
);

-- A check-in at a scene: one per citizen, scene and Beijing day.
CREATE TABLE inclusive_check_in (
    id              BIGSERIAL PRIMARY KEY,
    scene_id        BIGINT        NOT NULL REFERENCES inclusive_scene(id),
    citizen_id      BIGINT        NOT NULL REFERENCES inclusive_citizen(id),
    day             DATE          NOT NULL,
    at              TIMESTAMPTZ   NOT NULL,
    methodology_id  BIGINT        NOT NULL REFERENCES inclusive_methodology(id),
    gco2            BIGINT        NOT NULL CHECK (gco2 >= 0),
    points          BIGINT        NOT NULL CHECK (points >= 0),
    UNIQUE (scene_id, citizen_id, day)
);
CREATE INDEX inclusive_check_in_citizen ON inclusive_check_in (citizen_id, at);

-- A green trip pushed by a partner, with its outcome. (partner_id, external_id) is the idempotency key: a resend
-- answers the stored outcome and changes nothing.
--   CREDITED  points = gco2 (or the remainder under the daily cap) posted to the ledger as an EARN (reference trip:<id>)
--   REFUSED   reason says why; nothing posted
--   FLAGGED   implausible (reason IMPOSSIBLE_SPEED): waits for the office's review, nothing posted
--   REJECTED  a flagged trip the office rejected
CREATE TABLE inclusive_trip (
    id              BIGSERIAL PRIMARY KEY,
    partner_id      BIGINT        NOT NULL REFERENCES inclusive_partner(id),
    external_id     VARCHAR(64)   NOT NULL,
    citizen_id      BIGINT        REFERENCES inclusive_citizen(id),
    mode            VARCHAR(16)   NOT NULL,
    start_at        TIMESTAMPTZ   NOT NULL,
    end_at          TIMESTAMPTZ   NOT NULL,
    day             DATE          NOT NULL,
    distance_km     NUMERIC(9,3),
    stops           INTEGER,
    status          VARCHAR(10)   NOT NULL CHECK (status IN ('CREDITED','REFUSED','FLAGGED','REJECTED')),
    reason          VARCHAR(32),
    methodology_id  BIGINT        REFERENCES inclusive_methodology(id),
    gco2            BIGINT        CHECK (gco2 >= 0),
    points          BIGINT        NOT NULL DEFAULT 0 CHECK (points >= 0),
    received_at     TIMESTAMPTZ   NOT NULL,
    reviewed_by     VARCHAR(64),
    reviewed_at     TIMESTAMPTZ,
    UNIQUE (partner_id, external_id),
    CHECK (end_at >= start_at)
);
-- overlap, daily caps and the citizen's own trips
CREATE INDEX inclusive_trip_citizen ON inclusive_trip (citizen_id, start_at);
CREATE INDEX inclusive_trip_flagged ON inclusive_trip (received_at) WHERE status = 'FLAGGED';
CREATE INDEX inclusive_trip_partner ON inclusive_trip (partner_id, id);
