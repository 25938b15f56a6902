-- A store that grows (issue 16): readings and rollups partitioned by month, converted in place.
--
-- Months are Asia/Shanghai months: a partition holds [Beijing midnight of the 1st, Beijing midnight of the next 1st).
-- Rollup periods start at Beijing boundaries (Q, H, D, and M at Beijing month start), so every rollup row, the
-- month row included, lies in the partition of its month, and a view that reads one Beijing month prunes to one
-- partition. A reading's ts is the END of its interval: the last interval of a month (ts = the next month's
-- Beijing midnight) lies in the next month's partition; queries on readings of a month (ts > start AND ts <= end)
-- then touch two partitions, which the planner still prunes to.
--
-- Partitions are named <table>_YYYY_MM. A DEFAULT partition (<table>_default) takes any row whose month has no
-- partition yet, so an insert never fails for want of one; the maintenance job (MonitoringPartitions) creates the
-- months ahead and, for any month found in the default partition, creates it and moves those rows there.
--
-- The old tables are renamed, the partitioned ones created with the same columns in the same order, the partitions
-- made for every month that has data and for the months around today, the rows copied, the keys and indexes
-- built once on the filled partitions, the old tables dropped.

ALTER TABLE monitoring_reading RENAME TO monitoring_reading_unpartitioned;
ALTER INDEX monitoring_reading_pkey RENAME TO monitoring_reading_unpartitioned_pkey;
ALTER TABLE monitoring_rollup RENAME TO monitoring_rollup_unpartitioned;
ALTER INDEX monitoring_rollup_pkey RENAME TO monitoring_rollup_unpartitioned_pkey;
ALTER INDEX monitoring_rollup_day_month_idx RENAME TO monitoring_rollup_unpartitioned_day_month_idx;

-- Readings, one per meter and timestamp (the end of the interval). origin: H http, M mqtt, B back-fill,
-- R replayed from quarantine. snapped_from: the time a reading came with when it was stored on the interval boundary.
CREATE TABLE monitoring_reading (
    meter_id        BIGINT        NOT NULL,
    ts              TIMESTAMPTZ   NOT NULL,
    value           NUMERIC(24,6) NOT NULL,
    origin          CHAR(1)       NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL,
    backfill_id     BIGINT,
    snapped_from    TIMESTAMPTZ
) PARTITION BY RANGE (ts);

-- Quantities per meter and period (Q 15 minutes, H hour, D day, M month; Beijing period starts).
CREATE TABLE monitoring_rollup (
    meter_id        BIGINT        NOT NULL,
    grain           CHAR(1)       NOT NULL CHECK (grain IN ('Q','H','D','M')),
    period_start    TIMESTAMPTZ   NOT NULL,
    quantity        NUMERIC(24,6) NOT NULL,
    readings        INT           NOT NULL,
    excluded        INT           NOT NULL DEFAULT 0
) PARTITION BY RANGE (period_start);

CREATE TABLE monitoring_reading_default PARTITION OF monitoring_reading DEFAULT;
CREATE TABLE monitoring_rollup_default PARTITION OF monitoring_rollup DEFAULT;

-- Adds the partition of one Beijing month (month: its first day) to monitoring_reading or monitoring_rollup unless a
-- table of that name exists (attached, or detached and kept for archive); moves the month's rows out of the default
-- partition into it. The new table is made on its own and attached (ATTACH takes a SHARE UPDATE EXCLUSIVE lock on
-- the parent, so inserts into other months go on; CREATE TABLE … PARTITION OF would lock the parent exclusively).
-- Serialised per schema by an advisory lock. Returns whether it added the partition.
CREATE FUNCTION monitoring_add_month_partition(parent TEXT, month DATE) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    key  TEXT;
    part TEXT;
    lo   TIMESTAMPTZ;
    hi   TIMESTAMPTZ;
BEGIN
    key := CASE parent WHEN 'monitoring_reading' THEN 'ts' WHEN 'monitoring_rollup' THEN 'period_start' END;
    IF key IS NULL THEN
        RAISE EXCEPTION 'not a partitioned monitoring table: %', parent;
    END IF;
    IF month IS NULL OR month <> date_trunc('month', month)::date OR month < DATE '2000-01-01' OR month > DATE '2199-12-01' THEN
        RAISE EXCEPTION 'not the first day of a month between 2000 and 2199: %', month;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.monitoring_month_partitions'));
    part := parent || '_' || to_char(month, 'YYYY_MM');
    IF to_regclass(quote_ident(part)) IS NOT NULL OR to_regclass(quote_ident(part || '_detached')) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    lo := month::timestamp AT TIME ZONE 'Asia/Shanghai';
    hi := (month + INTERVAL '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
    -- rows of this month that arrived before it had a partition; the lock keeps new ones from arriving meanwhile
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', parent || '_default');
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                   parent || '_default', key, key, part) USING lo, hi;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lo, hi);
    RETURN TRUE;
END
$$;

-- Partitions for every month that has data, and for last month to three months ahead.
DO $$
DECLARE
    m DATE;
BEGIN
    FOR m IN
        SELECT date_trunc('month', ts AT TIME ZONE 'Asia/Shanghai')::date FROM monitoring_reading_unpartitioned
        UNION SELECT date_trunc('month', period_start AT TIME ZONE 'Asia/Shanghai')::date FROM monitoring_rollup_unpartitioned
        UNION SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + k * INTERVAL '1 month')::date
              FROM generate_series(-1, 3) AS k
        ORDER BY 1
    LOOP
        IF m BETWEEN DATE '2000-01-01' AND DATE '2199-12-01' THEN
            PERFORM monitoring_add_month_partition('monitoring_reading', m);
            PERFORM monitoring_add_month_partition('monitoring_rollup', m);
        END IF;
    END LOOP;
END
$$;

INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at, backfill_id, snapped_from)
    SELECT meter_id, ts, value, origin, received_at, backfill_id, snapped_from FROM monitoring_reading_unpartitioned;
INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
    SELECT meter_id, grain, period_start, quantity, readings, excluded FROM monitoring_rollup_unpartitioned;

-- Keys and indexes on the parents: each partition gets its own (built here on the filled partitions; a partition
-- attached later gets them when it is attached). Both keys contain the partition key, as PostgreSQL requires.
ALTER TABLE monitoring_reading ADD CONSTRAINT monitoring_reading_pkey PRIMARY KEY (meter_id, ts);
ALTER TABLE monitoring_rollup ADD CONSTRAINT monitoring_rollup_pkey PRIMARY KEY (meter_id, grain, period_start);
-- the live view and month-to-date read every meter's day and month rollups of one period (see V2026.11.24.52)
CREATE INDEX monitoring_rollup_day_month_idx ON monitoring_rollup (grain, period_start, meter_id)
    INCLUDE (quantity, readings, excluded) WHERE grain IN ('D', 'M');

DROP TABLE monitoring_reading_unpartitioned;
DROP TABLE monitoring_rollup_unpartitioned;

ANALYZE monitoring_reading;
ANALYZE monitoring_rollup;
