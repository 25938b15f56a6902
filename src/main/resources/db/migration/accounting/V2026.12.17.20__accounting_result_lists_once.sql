-- Each distinct list of defaults and each distinct list of factor references of the result lines is stored once
-- (issue 16, bench/README.md): a year's 120,000 lines carry about 14 distinct lists of defaults, each with its factors'
-- full source texts, and every default also stood as a note of the same text in the line's notes; and 19 distinct
-- lists of factor references. Together they made three quarters of a result row's 1,071 bytes, and parsing the JSON
-- of each row a good part of the time its COPY takes.
--
-- accounting_result_defaults: one row per distinct list of defaults, keyed by a hash of its content as the writer
-- stored it (StoredResults.DefaultsRow), never changed, never deleted: defaults is the structured list
-- [{parameter, value, unit, factorCode, factorVersion, source}], notes the notes that state those defaults, in order.
-- A result line names its list in defaults_id (NULL for lines stored before defaults were kept, V2026.12.06.60) and
-- holds in its notes, in place of each of those notes, its index (a JSON number) in the list's notes.
-- accounting_result_notes(notes, default notes) gives the notes back as they were: every reader reads them through it.
-- accounting_result_factors: one row per distinct list of factor references [{code, version, value}] (ADR 0006),
-- keyed the same way; a result line names its list in factors_id.
CREATE FUNCTION accounting_content_key(content TEXT) RETURNS UUID
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(substr(sha256(convert_to(content, 'UTF8')), 1, 16), 'hex')::uuid
$$;

CREATE TABLE accounting_result_defaults (
    id        UUID  PRIMARY KEY,
    defaults  JSONB NOT NULL,
    notes     JSONB NOT NULL
);

CREATE TABLE accounting_result_factors (
    id        UUID  PRIMARY KEY,
    factors   JSONB NOT NULL
);

CREATE FUNCTION accounting_result_notes(notes JSONB, default_notes JSONB) RETURNS JSONB
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN default_notes IS NULL THEN notes
                ELSE coalesce((SELECT jsonb_agg(CASE WHEN jsonb_typeof(e) = 'number' THEN default_notes -> (e::text::int) ELSE e END
                                                ORDER BY n)
                               FROM jsonb_array_elements(notes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb) END
$$;

-- Existing lines with defaults: the notes that state them are those that begin with "default " (Calculation.DefaultAssumed.note).
-- The keys hash the JSON as PostgreSQL prints it; the application hashes its own JSON text (same function), so a list
-- stored before and after this migration may have two rows: both hold the same content. The empty lists print alike.
CREATE TEMPORARY TABLE accounting_result_split ON COMMIT DROP AS
SELECT x.computation_id, x.line_no, x.defaults, d.notes AS default_notes,
       CASE WHEN x.defaults IS NOT NULL THEN accounting_content_key(x.defaults::text || E'\n' || d.notes::text) END AS defaults_id,
       x.factors, accounting_content_key(x.factors::text) AS factors_id
FROM accounting_result x
CROSS JOIN LATERAL (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) AS notes
                    FROM jsonb_array_elements(x.notes) WITH ORDINALITY AS t(e, n)
                    WHERE x.defaults IS NOT NULL AND jsonb_typeof(e) = 'string' AND e #>> '{}' LIKE 'default %') d;

INSERT INTO accounting_result_defaults (id, defaults, notes)
SELECT DISTINCT ON (defaults_id) defaults_id, defaults, default_notes FROM accounting_result_split
WHERE defaults_id IS NOT NULL ORDER BY defaults_id;

INSERT INTO accounting_result_factors (id, factors)
SELECT DISTINCT ON (factors_id) factors_id, factors FROM accounting_result_split ORDER BY factors_id;
INSERT INTO accounting_result_factors (id, factors) VALUES (accounting_content_key('[]'), '[]') ON CONFLICT DO NOTHING;

ALTER TABLE accounting_result ADD COLUMN factors_id UUID, ADD COLUMN defaults_id UUID;

UPDATE accounting_result x
SET factors_id = s.factors_id,
    defaults_id = s.defaults_id,
    notes = CASE WHEN s.defaults_id IS NULL THEN x.notes
                 ELSE coalesce((SELECT jsonb_agg(coalesce((SELECT to_jsonb(min(i) - 1) FROM jsonb_array_elements(s.default_notes)
                                                               WITH ORDINALITY AS d(de, i) WHERE de = e), e) ORDER BY n)
                                FROM jsonb_array_elements(x.notes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb) END
FROM accounting_result_split s
WHERE x.computation_id = s.computation_id AND x.line_no = s.line_no;

-- The view printed the line's columns; it does again, with the keys in place of the lists (roll-ups sum figures only).
DROP VIEW accounting_current_result;
ALTER TABLE accounting_result DROP COLUMN factors, DROP COLUMN defaults, ALTER COLUMN factors_id SET NOT NULL;
CREATE VIEW accounting_current_result AS
SELECT c.report_id, x.*
FROM accounting_computation c
CROSS JOIN LATERAL (SELECT * FROM accounting_result y WHERE y.computation_id = c.id OFFSET 0) x
WHERE c.superseded_at IS NULL;
