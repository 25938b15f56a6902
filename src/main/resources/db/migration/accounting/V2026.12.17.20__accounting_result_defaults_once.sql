-- Each distinct list of defaults a result line assumed is stored once (issue 16, bench/README.md): a year's 120,000
-- lines carry about 14 distinct lists, each with its factors' full source texts, and every default also stood as a
-- note of the same text in the line's notes. Together they made two thirds of a result row's 1,071 bytes.
--
-- accounting_result_defaults: one row per distinct list, keyed by a hash of its content as the writer stored it
-- (StoredResults.DefaultsRow), never changed, never deleted: defaults is the structured list
-- [{parameter, value, unit, factorCode, factorVersion, source}], notes the notes that state those defaults, in order.
-- A result line names its list in defaults_id (NULL for lines stored before defaults were kept, V2026.12.06.60) and
-- holds in its notes, in place of each of those notes, its index (a JSON number) in the list's notes.
-- accounting_result_notes(notes, default notes) gives the notes back as they were: every reader reads them through it.
CREATE TABLE accounting_result_defaults (
    id        UUID  PRIMARY KEY,
    defaults  JSONB NOT NULL,
    notes     JSONB NOT NULL
);

ALTER TABLE accounting_result ADD COLUMN defaults_id UUID;

CREATE FUNCTION accounting_result_notes(notes JSONB, default_notes JSONB) RETURNS JSONB
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN default_notes IS NULL THEN notes
                ELSE coalesce((SELECT jsonb_agg(CASE WHEN jsonb_typeof(e) = 'number' THEN default_notes -> (e::text::int) ELSE e END
                                                ORDER BY n)
                               FROM jsonb_array_elements(notes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb) END
$$;

-- Existing lines with defaults: the notes that state them are those that begin with "default " (Calculation.DefaultAssumed.note);
-- the key hashes the list and those notes. The application keys the same content by its own JSON text, so a list
-- stored before and after this migration may have two rows: both hold the same content.
CREATE TEMPORARY TABLE accounting_result_split ON COMMIT DROP AS
SELECT x.computation_id, x.line_no, x.defaults, d.notes AS default_notes,
       md5(x.defaults::text || E'\n' || d.notes::text)::uuid AS defaults_id
FROM accounting_result x
CROSS JOIN LATERAL (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) AS notes
                    FROM jsonb_array_elements(x.notes) WITH ORDINALITY AS t(e, n)
                    WHERE jsonb_typeof(e) = 'string' AND e #>> '{}' LIKE 'default %') d
WHERE x.defaults IS NOT NULL;

INSERT INTO accounting_result_defaults (id, defaults, notes)
SELECT DISTINCT ON (defaults_id) defaults_id, defaults, default_notes FROM accounting_result_split ORDER BY defaults_id;

UPDATE accounting_result x
SET defaults_id = s.defaults_id,
    defaults = NULL,
    notes = coalesce((SELECT jsonb_agg(coalesce((SELECT to_jsonb(min(i) - 1) FROM jsonb_array_elements(s.default_notes)
                                                     WITH ORDINALITY AS d(de, i) WHERE de = e), e) ORDER BY n)
                      FROM jsonb_array_elements(x.notes) WITH ORDINALITY AS t(e, n)), '[]'::jsonb)
FROM accounting_result_split s
WHERE x.computation_id = s.computation_id AND x.line_no = s.line_no;

ALTER TABLE accounting_result DROP COLUMN defaults;
