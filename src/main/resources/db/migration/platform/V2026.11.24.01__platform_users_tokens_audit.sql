-- platform: users and their scope, personal API tokens, the audit log, instance settings.
CREATE TABLE app_user (
    id              BIGSERIAL PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL UNIQUE,
    display_name    VARCHAR(128) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    role            VARCHAR(32)  NOT NULL,
    county_code     CHAR(6),
    park_id         BIGINT,
    enterprise_id   BIGINT,
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT app_user_role_ck CHECK (role IN ('CITY_ADMIN','CITY_OFFICER','COUNTY_OFFICER','PARK_MANAGER','ENTERPRISE_USER','VERIFIER')),
    CONSTRAINT app_user_scope_ck CHECK (
        (role = 'COUNTY_OFFICER' AND county_code IS NOT NULL) OR
        (role = 'PARK_MANAGER' AND park_id IS NOT NULL) OR
        (role = 'ENTERPRISE_USER' AND enterprise_id IS NOT NULL) OR
        role IN ('CITY_ADMIN','CITY_OFFICER','VERIFIER'))
);

-- Enterprises a verifier (核查机构) is assigned to.
CREATE TABLE app_user_assignment (
    user_id         BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    enterprise_id   BIGINT NOT NULL,
    PRIMARY KEY (user_id, enterprise_id)
);

CREATE TABLE api_token (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    name            VARCHAR(100) NOT NULL,
    token_prefix    VARCHAR(16)  NOT NULL,
    token_sha256    CHAR(64)     NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ  NOT NULL,
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
CREATE INDEX api_token_user_idx ON api_token(user_id);

CREATE TABLE audit_event (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    action          VARCHAR(64)  NOT NULL,
    entity_type     VARCHAR(64)  NOT NULL,
    entity_id       VARCHAR(128) NOT NULL,
    before_state    JSONB,
    after_state     JSONB
);
CREATE INDEX audit_event_entity_idx ON audit_event(entity_type, entity_id);
CREATE INDEX audit_event_time_idx ON audit_event(occurred_at DESC);

-- Facts about this installation, e.g. whether it holds made-up demo data.
CREATE TABLE instance_setting (
    name            VARCHAR(64) PRIMARY KEY,
    value           TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
