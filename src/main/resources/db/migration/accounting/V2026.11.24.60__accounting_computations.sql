-- accounting: results are superseded per computation of a report, not per line, and name the factor versions they
-- used instead of copying them (docs/adr/0006-result-computations-and-factor-references.md).
--
-- accounting_computation: one row per computation of a report (entered, changed, revised, restated, recomputed);
-- the one with superseded_at NULL is the report's current computation. factor_codes lists the factor codes its
-- lines used, so that a publication finds the current computations it touches: it reads the current ones through
-- the partial index (one row per report, however long the history) and tests the array; a GIN index on it cost
-- 60 ms per 12,000 computations stored and saves little (bench/README.md).
CREATE TABLE accounting_computation (
    id              BIGSERIAL   PRIMARY KEY,
    report_id       BIGINT      NOT NULL REFERENCES accounting_report(id) ON DELETE CASCADE,
    computed_at     TIMESTAMPTZ NOT NULL,
    computed_by     VARCHAR(64) NOT NULL,
    reason          TEXT        NOT NULL,
    factor_codes    TEXT[]      NOT NULL,
    superseded_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX accounting_computation_current_uq ON accounting_computation(report_id) WHERE superseded_at IS NULL;
CREATE INDEX accounting_computation_report_idx ON accounting_computation(report_id);

-- The result lines become append-only and point to their computation. factors holds [{code, version, value}]: the
-- library (accounting_factor) keeps every version with its unit, source and tag. No foreign key to the computation:
-- the per-row check costs about 0.45 s per 120,000 lines (bench/README.md); both writers insert the computation and
-- its lines in one transaction, and the trigger below removes the lines of a deleted computation.
ALTER TABLE accounting_result RENAME TO accounting_result_v1;
ALTER INDEX accounting_result_pkey RENAME TO accounting_result_v1_pkey;
DROP INDEX accounting_result_current_idx;
DROP INDEX accounting_result_factor_idx;

CREATE TABLE accounting_result (
    id              BIGINT      NOT NULL DEFAULT nextval('accounting_result_id_seq'),
    computation_id  BIGINT      NOT NULL,
    line_no         INT         NOT NULL,
    scope           VARCHAR(8)  NOT NULL,
    category        VARCHAR(16) NOT NULL,
    energy_use      VARCHAR(16) NOT NULL,
    co2_t           NUMERIC(24,6) NOT NULL,
    co2_market_t    NUMERIC(24,6) NOT NULL,
    tce             NUMERIC(24,6) NOT NULL,
    tce_equal_value NUMERIC(24,6),
    energy_gj       NUMERIC(24,6),
    factors         JSONB       NOT NULL,
    formula         TEXT        NOT NULL,
    notes           JSONB       NOT NULL,
    PRIMARY KEY (computation_id, line_no)
);
ALTER SEQUENCE accounting_result_id_seq OWNED BY accounting_result.id;

-- Existing rows: the lines stored together (same report, time, actor, reason and supersession) were one computation;
-- it takes the id of its first line, so the order of computations stays the order they were stored in.
INSERT INTO accounting_computation (id, report_id, computed_at, computed_by, reason, factor_codes, superseded_at)
SELECT min(x.id), x.report_id, x.computed_at, x.computed_by, x.reason,
       coalesce(array_agg(DISTINCT f.code ORDER BY f.code) FILTER (WHERE f.code IS NOT NULL), '{}'), x.superseded_at
FROM accounting_result_v1 x LEFT JOIN LATERAL (SELECT e->>'code' AS code FROM jsonb_array_elements(x.factors) e) f ON true
GROUP BY x.report_id, x.computed_at, x.computed_by, x.reason, x.superseded_at
ORDER BY 1;
SELECT setval('accounting_computation_id_seq', coalesce((SELECT max(id) FROM accounting_computation), 0) + 1, false);

INSERT INTO accounting_result (id, computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce,
                               tce_equal_value, energy_gj, factors, formula, notes)
SELECT x.id, min(x.id) OVER (PARTITION BY x.report_id, x.computed_at, x.computed_by, x.reason, x.superseded_at),
       x.line_no, x.scope, x.category, x.energy_use, x.co2_t, x.co2_market_t, x.tce, x.tce_equal_value, x.energy_gj,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('code', f->'code', 'version', f->'version', 'value', f->'value')
                                  ORDER BY n), '[]')
        FROM jsonb_array_elements(x.factors) WITH ORDINALITY AS e(f, n)),
       x.formula, x.notes
FROM accounting_result_v1 x
ORDER BY x.id;

DROP TABLE accounting_result_v1;

CREATE FUNCTION accounting_computation_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM accounting_result x USING deleted d WHERE x.computation_id = d.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER accounting_computation_deleted AFTER DELETE ON accounting_computation
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION accounting_computation_deleted();

-- The lines of every report's current computation, with the report they belong to: what roll-ups sum. The lines
-- are read per current computation through the primary key (OFFSET 0 keeps the planner from flattening the
-- subquery into a hash join over the whole history, which grows with every recompute).
CREATE VIEW accounting_current_result AS
SELECT c.report_id, x.*
FROM accounting_computation c
CROSS JOIN LATERAL (SELECT * FROM accounting_result y WHERE y.computation_id = c.id OFFSET 0) x
WHERE c.superseded_at IS NULL;
