-- Issue 14 (ADR 0016 amendment "sinks withdrawn for carbon tickets"): tonnes of the sink ledger withdrawn because the
-- carbon-inclusive scheme issued them as forestry carbon tickets (林业碳票). One row per issuance and year, append-only.
-- A withdrawn tonne is no longer in the budget's sink credit: the credit of a new draft is
-- min(Σ ΔS − Σ withdrawn of the year, β × total), and a county's split uses its own Σ ΔS − Σ withdrawn.
CREATE TABLE budget_sink_withdrawal (
    id                          BIGSERIAL PRIMARY KEY,
    county_code                 TEXT NOT NULL,
    year                        INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    tonnes_t                    NUMERIC NOT NULL CHECK (tonnes_t > 0 AND tonnes_t = trunc(tonnes_t)),  -- whole tCO2
    ticket_reference            TEXT NOT NULL,             -- the issuance that took them (e.g. ticket-issuance:12)
    withdrawn_by                TEXT NOT NULL,
    withdrawn_at                TIMESTAMPTZ NOT NULL,
    UNIQUE (ticket_reference, county_code, year)
);
CREATE INDEX budget_sink_withdrawal_year ON budget_sink_withdrawal (year, county_code);

CREATE FUNCTION budget_sink_withdrawal_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'sink withdrawals for carbon tickets are append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER budget_sink_withdrawal_append_only BEFORE UPDATE OR DELETE ON budget_sink_withdrawal
    FOR EACH ROW EXECUTE FUNCTION budget_sink_withdrawal_append_only();
