-- Electricity carbon (电碳图谱, issue 15, ADR 0020). Grid zones: the provincial grid the city buys from (SICHUAN, the
-- region code of accounting's grid factors) and the city's counties (GB/T 2260 codes) where county data exists;
-- other zones an import comes from (NORTHWEST, CENTRAL, …) are zones too. Seeded from the plan folder at start.
CREATE TABLE power_zone (
    code        varchar(32)  PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,32}$'),
    name_zh     varchar(100) NOT NULL,
    name_en     varchar(100) NOT NULL,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('GRID', 'COUNTY', 'EXTERNAL')),
    parent_code varchar(32)  REFERENCES power_zone (code)
);

-- The computed average intensity of each hour (hour-starting instant), per zone and basis. Written only by the
-- computation (recomputed whole for a zone and period); read by every page, the API and other modules.
CREATE TABLE power_intensity_hour (
    zone_code   varchar(32)   NOT NULL REFERENCES power_zone (code),
    basis       varchar(12)   NOT NULL CHECK (basis IN ('PRODUCTION', 'CONSUMPTION')),
    hour_start  timestamptz   NOT NULL CHECK (extract(minute FROM hour_start) = 0 AND extract(second FROM hour_start) = 0),
    g_per_kwh   numeric(9, 3) NOT NULL CHECK (g_per_kwh >= 0 AND g_per_kwh < 2000),
    source      varchar(10)   NOT NULL CHECK (source IN ('MEASURED', 'MODELLED')),
    synthetic   boolean       NOT NULL DEFAULT false,
    computed_at timestamptz   NOT NULL,
    PRIMARY KEY (zone_code, basis, hour_start)
);
