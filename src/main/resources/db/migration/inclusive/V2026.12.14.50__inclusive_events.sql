-- Zero-carbon events (零碳会议/活动, issue 14): an organiser's event, its footprint by the MEE 2019 large-event guide's
-- categories, the units retired to offset it and the points citizens donated to it. Units move in the ledger
-- (inclusive_ledger_*); these tables say which event they were for.

-- The footprint factors that the accounting library does not hold (travel per pkm, room-nights, meals, materials,
-- waste), one row per version: seeded from the plan folder's event-factors.csv (a mode without a verified figure has
-- no value and its lines stay "not assessed"), later versions entered by the office as sourced defaults.
CREATE TABLE inclusive_event_factor (
    code            VARCHAR(40)  NOT NULL,
    version         INT          NOT NULL CHECK (version >= 1),
    category        VARCHAR(16)  NOT NULL CHECK (category IN ('TRAVEL','ACCOMMODATION','CATERING','MATERIALS','WASTE')),
    name_zh         VARCHAR(100) NOT NULL,
    name_en         VARCHAR(100) NOT NULL,
    -- the activity unit (pkm, room-night, meal, kg)
    unit            VARCHAR(24)  NOT NULL,
    -- kgCO2 per activity unit; NULL: no factor, lines of this code are not assessed
    kg_co2_per_unit NUMERIC(18,6) CHECK (kg_co2_per_unit >= 0),
    source          TEXT         NOT NULL,
    -- whether the source's tag counts as verified ([verified-secondary], [computed], [convention]); office defaults never
    verified        BOOLEAN      NOT NULL,
    -- REFERENCE: from the plan folder's file; SOURCED_DEFAULT: entered by the office with its source
    origin          VARCHAR(16)  NOT NULL CHECK (origin IN ('REFERENCE','SOURCED_DEFAULT')),
    entered_by      VARCHAR(64)  NOT NULL,
    entered_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE inclusive_event (
    id              BIGSERIAL PRIMARY KEY,
    -- the public certificate's serial (ZCE-{year}-{id, 6 digits})
    serial          VARCHAR(32)  NOT NULL UNIQUE,
    -- the organiser: a partner of kind EVENT_ORGANISER
    organiser_id    BIGINT       NOT NULL REFERENCES inclusive_partner(id),
    name            VARCHAR(200) NOT NULL,
    starts_on       DATE         NOT NULL,
    ends_on         DATE         NOT NULL CHECK (ends_on >= starts_on),
    venue           VARCHAR(200) NOT NULL,
    county_code     VARCHAR(12)  NOT NULL,
    -- whether citizens may donate points to it (only while not neutralised)
    donations_open  BOOLEAN      NOT NULL DEFAULT TRUE,
    status          VARCHAR(16)  NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','NEUTRALISED')),
    -- at neutralisation: the footprint and the offsets, tCO2
    footprint_co2_t NUMERIC(24,6),
    offset_co2_t    NUMERIC(24,6),
    neutralised_at  TIMESTAMPTZ,
    neutralised_by  VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_event_organiser ON inclusive_event (organiser_id);

-- One line of an event's footprint, with the factor it was computed with (NULL co2_t: not assessed, no factor).
CREATE TABLE inclusive_event_line (
    id              BIGSERIAL PRIMARY KEY,
    event_id        BIGINT       NOT NULL REFERENCES inclusive_event(id),
    category        VARCHAR(16)  NOT NULL CHECK (category IN ('VENUE_ENERGY','TRAVEL','ACCOMMODATION','CATERING','MATERIALS','WASTE')),
    -- ELECTRICITY, an accounting fuel code, or an event factor code
    item            VARCHAR(40)  NOT NULL,
    quantity        NUMERIC(24,6) NOT NULL CHECK (quantity > 0),
    unit            VARCHAR(24)  NOT NULL,
    label           VARCHAR(200),
    co2_t           NUMERIC(24,6),
    -- ACCOUNTING (the accounting library), REFERENCE or SOURCED_DEFAULT (inclusive_event_factor), NONE
    factor_origin   VARCHAR(16)  NOT NULL,
    factor_code     VARCHAR(60),
    factor_version  INT,
    factor_value    NUMERIC(24,8),
    factor_unit     VARCHAR(40),
    factor_source   TEXT,
    factor_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    formula         TEXT,
    entered_by      VARCHAR(64)  NOT NULL,
    entered_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_event_line_event ON inclusive_event_line (event_id);

-- Units retired for an event: a carbon ticket (by serial, once for good) or pooled donated points.
CREATE TABLE inclusive_event_offset (
    id              BIGSERIAL PRIMARY KEY,
    event_id        BIGINT       NOT NULL REFERENCES inclusive_event(id),
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('TICKET','POINTS')),
    ticket_serial   VARCHAR(64)  UNIQUE,
    points          BIGINT       CHECK (points > 0),
    co2_t           NUMERIC(24,6) NOT NULL CHECK (co2_t > 0),
    ledger_seq      BIGINT,
    retired_by      VARCHAR(64)  NOT NULL,
    retired_at      TIMESTAMPTZ  NOT NULL,
    CHECK ((kind = 'TICKET') = (ticket_serial IS NOT NULL) AND (kind = 'POINTS') = (points IS NOT NULL))
);
CREATE INDEX inclusive_event_offset_event ON inclusive_event_offset (event_id);

-- Points a citizen donated to an event (the ledger's DONATE transaction CITIZEN → EVENT).
CREATE TABLE inclusive_event_donation (
    id              BIGSERIAL PRIMARY KEY,
    event_id        BIGINT       NOT NULL REFERENCES inclusive_event(id),
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    points          BIGINT       NOT NULL CHECK (points > 0),
    ledger_seq      BIGINT       NOT NULL,
    donated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_event_donation_event ON inclusive_event_donation (event_id);
CREATE INDEX inclusive_event_donation_citizen ON inclusive_event_donation (citizen_id);
