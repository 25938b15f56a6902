-- Green-power shares and product footprints (绿电占比、产品碳足迹, issue 15). Enterprise rows carry only the
-- enterprise's id: scope is resolved through the registry, so an enterprise that moves takes its rows with it.

-- The office's green-power share target of an industry (GB/T 4754 code) for a year, in % of purchased electricity;
-- set and changed only by the city's roles, every change audited (power.share-target.set).
CREATE TABLE power_share_target (
    industry_code varchar(8)    NOT NULL CHECK (industry_code ~ '^[0-9A-Z]{1,8}$'),
    year          integer       NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    target_pct    numeric(5, 2) NOT NULL CHECK (target_pct >= 0 AND target_pct <= 100),
    note          varchar(500),
    set_by        varchar(100)  NOT NULL,
    set_at        timestamptz   NOT NULL,
    PRIMARY KEY (industry_code, year)
);

-- A computed product footprint with every input it used, so the figure can be traced: the electricity (metered hours
-- or the verified reports' yearly kWh), the hourly intensities (zone, basis, hours found, modelled and synthetic
-- hours), the GEC-covered kWh and the lots behind them, the yearly official grid factor (code and version), the ECS
-- default, scope 1 of the verified reports and the output. Appended, never changed: a recomputation is a new row.
CREATE TABLE power_footprint (
    id                    bigserial      PRIMARY KEY,
    enterprise_id         bigint         NOT NULL,
    year                  integer        NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    product               varchar(16)    NOT NULL CHECK (product IN ('POLYSILICON', 'PV_MODULE')),
    footprint_unit        varchar(16)    NOT NULL,
    output_quantity       numeric(24, 6) NOT NULL CHECK (output_quantity > 0),
    output_unit           varchar(8)     NOT NULL,
    output_source         varchar(10)    NOT NULL CHECK (output_source IN ('REPORT', 'ENTERED')),
    electricity_kwh       numeric(24, 6) NOT NULL CHECK (electricity_kwh >= 0),
    electricity_source    varchar(16)    NOT NULL CHECK (electricity_source IN ('METERED_HOURS', 'REPORTS')),
    gec_kwh               numeric(24, 6) NOT NULL CHECK (gec_kwh >= 0),
    hours_metered         integer        NOT NULL DEFAULT 0,
    hours_with_intensity  integer        NOT NULL DEFAULT 0,
    electricity_hourly_t  numeric(24, 6),
    electricity_yearly_t  numeric(24, 6) NOT NULL,
    electricity_ecs_t     numeric(24, 6),
    scope1_t              numeric(24, 6) NOT NULL,
    footprint_hourly      numeric(24, 6),
    footprint_yearly      numeric(24, 6) NOT NULL,
    footprint_ecs         numeric(24, 6),
    verified_months       integer        NOT NULL CHECK (verified_months BETWEEN 0 AND 12),
    provisional           boolean        NOT NULL,
    synthetic_intensity   boolean        NOT NULL DEFAULT false,
    inputs                jsonb          NOT NULL,
    computed_by           varchar(100)   NOT NULL,
    computed_at           timestamptz    NOT NULL
);
CREATE INDEX power_footprint_enterprise ON power_footprint (enterprise_id, year);
