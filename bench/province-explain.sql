-- EXPLAIN of the main monitoring queries on the province of ProvinceLoadDriver (docs/scale.md): psql -d pp_province -f bench/province-explain.sql
SET search_path = pp_bench_province;
\echo === month-to-date
EXPLAIN (COSTS OFF)
SELECT m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit, sum(r.quantity)
FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
WHERE r.grain = 'M' AND r.period_start = '2026-09-01 00:00+08'
GROUP BY m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit;
\echo === live view day, generic plan (runtime pruning)
SET plan_cache_mode = force_generic_plan;
PREPARE day(timestamptz) AS
SELECT m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit, sum(r.quantity) AS quantity
FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
WHERE r.grain = 'D' AND r.period_start = $1
GROUP BY m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE day('2026-09-09 00:00+08');
RESET plan_cache_mode;
\echo === meter series, a day of quarter hours
EXPLAIN (COSTS OFF) SELECT period_start, quantity, readings, excluded FROM monitoring_rollup
WHERE meter_id = 100 AND grain = 'Q' AND period_start >= '2026-09-09 00:00+08' AND period_start < '2026-09-10 00:00+08' ORDER BY period_start;
\echo === enterprise month
EXPLAIN (COSTS OFF) SELECT m.energy_code, m.unit, r.period_start, sum(r.quantity), sum(r.readings), sum(r.excluded)
FROM monitoring_meter m JOIN monitoring_rollup r ON r.meter_id = m.id
WHERE m.enterprise_id = 5 AND r.grain = 'D' AND r.period_start >= '2026-09-01 00:00+08' AND r.period_start < '2026-10-01 00:00+08'
GROUP BY m.energy_code, m.unit, r.period_start ORDER BY m.energy_code, m.unit, r.period_start;
\echo === hourly electricity of an enterprise (power), 30 days across a month end
EXPLAIN (COSTS OFF) SELECT r.period_start AS period_start, sum(r.quantity * m.kwh_per_unit), sum(r.readings), sum(r.excluded)
FROM (VALUES (101::bigint, 1::numeric), (102::bigint, 1::numeric), (103::bigint, 1::numeric)) AS m (meter_id, kwh_per_unit)
JOIN monitoring_rollup r ON r.meter_id = m.meter_id AND r.grain = 'H' AND r.period_start >= '2026-09-15 00:00+08' AND r.period_start < '2026-10-15 00:00+08'
GROUP BY r.period_start ORDER BY r.period_start;
\echo === rollup job: readings of a day
EXPLAIN (COSTS OFF) SELECT ts, value FROM monitoring_reading WHERE meter_id = 100 AND ts > '2026-09-09 00:00+08' AND ts <= '2026-09-10 00:00+08' ORDER BY ts;
\echo === rollup job: newest reading of a meter (no time bound)
EXPLAIN (COSTS OFF) SELECT ts, value FROM monitoring_reading WHERE meter_id = 100 ORDER BY ts DESC LIMIT 1;
