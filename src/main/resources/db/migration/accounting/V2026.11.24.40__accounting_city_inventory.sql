-- accounting: the city-level statistical inputs of the city inventory (城市温室气体清单), entered per year by the
-- city office for what enterprise reports do not cover: GDP and industrial value added (10k CNY), and the energy
-- use (tce) and CO2 (t) of transport, buildings, agriculture and the rest. Append-only: a correction supersedes
-- the current row and points back to it; the source document is required.
CREATE TABLE accounting_city_input (
    id              BIGSERIAL   PRIMARY KEY,
    year            INT         NOT NULL CHECK (year >= 2010),
    code            VARCHAR(40) NOT NULL CHECK (code IN ('GDP','INDUSTRIAL_VALUE_ADDED',
                        'TRANSPORT_TCE','TRANSPORT_CO2_T','BUILDINGS_TCE','BUILDINGS_CO2_T',
                        'AGRICULTURE_TCE','AGRICULTURE_CO2_T','OTHER_TCE','OTHER_CO2_T')),
    value           NUMERIC(24,6) NOT NULL CHECK (value >= 0),
    unit            VARCHAR(16) NOT NULL,
    source_document TEXT        NOT NULL,
    note            TEXT,
    entered_by      VARCHAR(64) NOT NULL,
    entered_at      TIMESTAMPTZ NOT NULL,
    supersedes_id   BIGINT      REFERENCES accounting_city_input(id),
    superseded_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX accounting_city_input_current_uq ON accounting_city_input(year, code) WHERE superseded_at IS NULL;
CREATE INDEX accounting_city_input_year_idx ON accounting_city_input(year);
