-- A report line's measured oxidation rate (fraction 0-1), the class of a raw coal (its default carbon content and
-- oxidation rate), and the state of purchased or exported steam in tonnes (absolute pressure, temperature).
ALTER TABLE accounting_report_line
    ADD COLUMN measured_oxidation_rate NUMERIC(8, 6),
    ADD COLUMN coal_class TEXT,
    ADD COLUMN steam_pressure_mpa NUMERIC(10, 4),
    ADD COLUMN steam_temperature_c NUMERIC(10, 2);
