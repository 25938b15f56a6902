-- Hourly grid intensity, data in and computed signals (issue 15, ADR 0020; helper "intensity").
-- Energy in MWh per hour-starting instant; intensities in gCO2/kWh (= kgCO2/MWh).

-- The direct-emission factor of each generation technology, as the computation uses it. Written at start from the
-- plan folder's power-technology-factors.csv and accounting's factor library (fuel factors): hydro, wind, solar and
-- nuclear are 0 by convention (direct emissions); coal and gas are derived (fuel CO2 per MJ × heat rate) and tagged
-- with the weakest verification of their inputs. The derivation text names every input and its source.
CREATE TABLE power_technology_factor (
    technology  varchar(16)   PRIMARY KEY CHECK (technology IN ('HYDRO', 'WIND', 'SOLAR', 'NUCLEAR', 'COAL', 'GAS')),
    g_per_kwh   numeric(9, 3) NOT NULL CHECK (g_per_kwh >= 0 AND g_per_kwh < 2000),
    tag         varchar(20)   NOT NULL CHECK (tag IN ('VERIFIED_SECONDARY', 'COMPUTED', 'CONVENTION', 'UNVERIFIED')),
    derivation  text          NOT NULL,
    updated_at  timestamptz   NOT NULL
);

-- Generation of a zone by technology in one hour (MWh), uploaded (CSV/Excel), pushed (API) or bundled (synthetic).
CREATE TABLE power_generation_hour (
    zone_code   varchar(32)    NOT NULL REFERENCES power_zone (code),
    hour_start  timestamptz    NOT NULL CHECK (extract(minute FROM hour_start) = 0 AND extract(second FROM hour_start) = 0),
    technology  varchar(16)    NOT NULL CHECK (technology IN ('HYDRO', 'WIND', 'SOLAR', 'NUCLEAR', 'COAL', 'GAS')),
    mwh         numeric(12, 3) NOT NULL CHECK (mwh >= 0 AND mwh < 100000000),
    synthetic   boolean        NOT NULL DEFAULT false,
    loaded_at   timestamptz    NOT NULL,
    loaded_by   varchar(100)   NOT NULL,
    PRIMARY KEY (zone_code, hour_start, technology)
);

-- Energy a zone imports from / exports to another zone in one hour (MWh, both ≥ 0). The counterpart is a zone too
-- (kind EXTERNAL for other grids such as NORTHWEST or CENTRAL; a county's counterpart is usually its grid).
CREATE TABLE power_interchange_hour (
    zone_code         varchar(32)    NOT NULL REFERENCES power_zone (code),
    hour_start        timestamptz    NOT NULL CHECK (extract(minute FROM hour_start) = 0 AND extract(second FROM hour_start) = 0),
    counterpart_code  varchar(32)    NOT NULL REFERENCES power_zone (code),
    import_mwh        numeric(12, 3) NOT NULL DEFAULT 0 CHECK (import_mwh >= 0 AND import_mwh < 100000000),
    export_mwh        numeric(12, 3) NOT NULL DEFAULT 0 CHECK (export_mwh >= 0 AND export_mwh < 100000000),
    synthetic         boolean        NOT NULL DEFAULT false,
    loaded_at         timestamptz    NOT NULL,
    loaded_by         varchar(100)   NOT NULL,
    PRIMARY KEY (zone_code, hour_start, counterpart_code),
    CHECK (counterpart_code <> zone_code)
);

-- The zone's load of the hour (generation + imports − exports, MWh): the weight of the consumption-weighted yearly
-- average. Filled by the computation beside the intensity; null for rows written before it existed.
ALTER TABLE power_intensity_hour ADD COLUMN load_mwh numeric(14, 3) CHECK (load_mwh IS NULL OR load_mwh >= 0);

-- MARGINAL intensity: a DECISION SIGNAL ONLY (when to shift load), never an average, never used for accounting
-- (GHG Protocol scope 2: "shall not use marginal emission factors"). Here: the factor of the highest-emitting
-- technology generating in that hour. Kept apart from power_intensity_hour so that no average reader can pick it up.
CREATE TABLE power_marginal_signal_hour (
    zone_code   varchar(32)   NOT NULL REFERENCES power_zone (code),
    hour_start  timestamptz   NOT NULL CHECK (extract(minute FROM hour_start) = 0 AND extract(second FROM hour_start) = 0),
    g_per_kwh   numeric(9, 3) NOT NULL CHECK (g_per_kwh >= 0 AND g_per_kwh < 2000),
    technology  varchar(16)   NOT NULL,
    source      varchar(10)   NOT NULL CHECK (source IN ('MEASURED', 'MODELLED')),
    synthetic   boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (zone_code, hour_start)
);

-- When the bundled made-up data (示例数据（虚构）) were loaded, and up to which hour; one row per installation.
CREATE TABLE power_bundled_load (
    id          int          PRIMARY KEY CHECK (id = 1),
    loaded_to   timestamptz  NOT NULL,
    loaded_at   timestamptz  NOT NULL,
    millis      bigint       NOT NULL
);
