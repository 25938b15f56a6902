-- The citizen side of the carbon-inclusive scheme (碳普惠, issue 14): badges and avatar frames, the city ranking,
-- low-carbon certificates, and the partners' goods and tickets for points (积分商城).

-- The avatar frame a citizen shows (one of its won frames; NULL: none).
ALTER TABLE inclusive_citizen ADD COLUMN avatar_frame VARCHAR(32);

-- A badge or avatar frame won by a rule of the plan folder's inclusive-badges.csv; period: the month it was won for
-- ('2026-12') for monthly rules, '' for once-only ones. Awarded once per citizen, badge and period.
CREATE TABLE inclusive_citizen_badge (
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    badge_code      VARCHAR(32)  NOT NULL,
    period          VARCHAR(7)   NOT NULL DEFAULT '',
    awarded_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (citizen_id, badge_code, period)
);

-- The city ranking of a month (Beijing time) among the citizens who opted in, by gCO2 of credited trips and
-- check-ins; refreshed by a job (a page reads one row by key instead of ranking a million citizens per request).
CREATE TABLE inclusive_rank (
    month           DATE         NOT NULL,
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    gco2            BIGINT       NOT NULL,
    rank            INTEGER      NOT NULL,
    PRIMARY KEY (month, citizen_id)
);
CREATE INDEX inclusive_rank_order_ix ON inclusive_rank (month, rank);
CREATE TABLE inclusive_rank_run (
    month           DATE         PRIMARY KEY,
    computed_at     TIMESTAMPTZ  NOT NULL,
    participants    INTEGER      NOT NULL
);

-- A low-carbon certificate (低碳环保证书): the facts as at issue. serial: random, unguessable (the public
-- verification page is found by it).
CREATE TABLE inclusive_certificate (
    id              BIGSERIAL PRIMARY KEY,
    serial          VARCHAR(32)  NOT NULL UNIQUE,
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    public_name     VARCHAR(40)  NOT NULL,
    period_from     DATE         NOT NULL,
    period_to       DATE         NOT NULL,
    gco2            BIGINT       NOT NULL CHECK (gco2 > 0),
    methodologies   VARCHAR(500) NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    CHECK (period_to >= period_from)
);
CREATE INDEX inclusive_certificate_citizen_ix ON inclusive_certificate (citizen_id, id);

-- A partner's goods or ticket for points (积分商城). Points are not money and not transferable: a redemption pays the
-- partner's ledger account, nothing else moves points between people.
CREATE TABLE inclusive_mall_item (
    id                  BIGSERIAL PRIMARY KEY,
    partner_id          BIGINT        NOT NULL REFERENCES inclusive_partner(id),
    name                VARCHAR(100)  NOT NULL,
    description         VARCHAR(500),
    points_price        BIGINT        NOT NULL CHECK (points_price BETWEEN 1 AND 100000000),
    stock               INTEGER       NOT NULL CHECK (stock >= 0),
    per_citizen_limit   INTEGER       NOT NULL CHECK (per_citizen_limit BETWEEN 1 AND 1000),
    valid_from          DATE          NOT NULL,
    valid_to            DATE          NOT NULL,
    active              BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by          VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    CHECK (valid_to >= valid_from)
);
CREATE INDEX inclusive_mall_item_partner_ix ON inclusive_mall_item (partner_id, id);

-- A redemption: one ledger SPEND (citizen → partner); code: what the citizen shows the partner.
CREATE TABLE inclusive_redemption (
    id              BIGSERIAL PRIMARY KEY,
    item_id         BIGINT       NOT NULL REFERENCES inclusive_mall_item(id),
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    points          BIGINT       NOT NULL CHECK (points > 0),
    ledger_seq      BIGINT       NOT NULL,
    code            VARCHAR(16)  NOT NULL UNIQUE,
    redeemed_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_redemption_item_citizen_ix ON inclusive_redemption (item_id, citizen_id);
CREATE INDEX inclusive_redemption_citizen_ix ON inclusive_redemption (citizen_id, id);
