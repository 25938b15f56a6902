-- The citizen side of the carbon-inclusive scheme (碳普惠, issue 14): consents and account links.

-- A consent (授权) of a citizen for one scene and one data source: granted, and revocable at any time; a revoked
-- consent stays as history and a new grant is a new row. scene: what the data is used for ('TRAVEL' green trips
-- pushed by operators, 'CHECKIN' scene check-ins, 'RANKING' the city ranking, or a scene's code); partner_id: the
-- data source (NULL: the citizen itself, e.g. the ranking or a QR check-in).
CREATE TABLE inclusive_consent (
    id              BIGSERIAL PRIMARY KEY,
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    scene           VARCHAR(40)  NOT NULL CHECK (scene ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
    partner_id      BIGINT       REFERENCES inclusive_partner(id),
    granted_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ,
    CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);
-- at most one active consent per citizen, scene and source
CREATE UNIQUE INDEX inclusive_consent_active_uk ON inclusive_consent (citizen_id, scene, COALESCE(partner_id, 0)) WHERE revoked_at IS NULL;

-- An account link (账户关联): an opaque token the citizen grants one partner (shown once, stored as its SHA-256) so
-- that the partner pushes the citizen's trips with it. Active while not revoked and the citizen's TRAVEL consent
-- for that partner stands. A new grant to the same partner revokes the previous link.
CREATE TABLE inclusive_account_link (
    id              BIGSERIAL PRIMARY KEY,
    citizen_id      BIGINT       NOT NULL REFERENCES inclusive_citizen(id),
    partner_id      BIGINT       NOT NULL REFERENCES inclusive_partner(id),
    token_sha256    CHAR(64)     NOT NULL UNIQUE,
    token_prefix    VARCHAR(12)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX inclusive_account_link_active_uk ON inclusive_account_link (citizen_id, partner_id) WHERE revoked_at IS NULL;

-- Sign-up attempts per client address (abuse throttle of the public sign-up page); rows older than a day are purged.
CREATE TABLE inclusive_signup_attempt (
    id              BIGSERIAL PRIMARY KEY,
    address         VARCHAR(64)  NOT NULL,
    at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inclusive_signup_attempt_address_ix ON inclusive_signup_attempt (address, at);
