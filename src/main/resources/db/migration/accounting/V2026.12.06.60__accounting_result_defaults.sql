-- The defaults a result line assumed, structured as the calculator reports them: [{parameter, value, unit, factorCode,
-- factorVersion, source}], so that a saved report shows them in the reader's language without parsing the English
-- notes. NULL on lines stored before: their notes are still read as they were.
ALTER TABLE accounting_result ADD COLUMN defaults JSONB;
