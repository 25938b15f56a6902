-- registry: who is who. Regions (GB/T 2260), parks and their admission control zone, industries (GB/T 4754)
-- and enterprises (unified social credit code, GB 32100).
CREATE TABLE region (
    code            CHAR(6)     PRIMARY KEY,
    name_zh         TEXT        NOT NULL,
    level           TEXT        NOT NULL,
    parent_code     CHAR(6)     REFERENCES region(code)
);

CREATE TABLE park (
    id              BIGSERIAL   PRIMARY KEY,
    code            VARCHAR(64) NOT NULL UNIQUE,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    county_code     CHAR(6)     NOT NULL REFERENCES region(code),
    zone_code       VARCHAR(64)
);

CREATE TABLE industry (
    code            VARCHAR(8)  PRIMARY KEY,
    name_zh         TEXT        NOT NULL,
    name_en         TEXT        NOT NULL,
    sector          VARCHAR(32) NOT NULL,
    source          TEXT        NOT NULL
);

CREATE TABLE enterprise (
    id              BIGSERIAL   PRIMARY KEY,
    uscc            CHAR(18)    NOT NULL UNIQUE,
    name            TEXT        NOT NULL,
    county_code     CHAR(6)     NOT NULL REFERENCES region(code),
    industry_code   VARCHAR(8)  NOT NULL REFERENCES industry(code),
    park_id         BIGINT      REFERENCES park(id),
    key_energy_unit BOOLEAN     NOT NULL,
    annual_energy_tce NUMERIC(16,2),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprise_county_idx ON enterprise(county_code);
CREATE INDEX enterprise_park_idx ON enterprise(park_id);
