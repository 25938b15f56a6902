-- The carbon-inclusive scheme (碳普惠, issue 14, ADR 0019): who takes part. Other tables of the module refer to these.

-- A citizen or visitor (碳普惠用户): one platform user of role CITIZEN; a pseudonymous public name; no real-name data.
CREATE TABLE inclusive_citizen (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT       NOT NULL UNIQUE REFERENCES app_user(id),
    public_name     VARCHAR(40)  NOT NULL,
    -- whether the citizen appears in the city's ranking (opt-in; friends see each other only when both agreed)
    rank_opt_in     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A partner (碳普惠合作方): a transit, bike-share or scenic-area operator, a hotel, a restaurant, an event organiser.
CREATE TABLE inclusive_partner (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(32)  NOT NULL UNIQUE,
    name            VARCHAR(200) NOT NULL,
    kind            VARCHAR(24)  NOT NULL CHECK (kind IN ('TRANSIT','BIKE_SHARE','SCENIC_AREA','HOTEL','RESTAURANT','EVENT_ORGANISER','OTHER')),
    county_code     VARCHAR(12),
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The platform users (role PARTNER) acting for a partner.
CREATE TABLE inclusive_partner_user (
    user_id         BIGINT       PRIMARY KEY REFERENCES app_user(id),
    partner_id      BIGINT       NOT NULL REFERENCES inclusive_partner(id)
);
