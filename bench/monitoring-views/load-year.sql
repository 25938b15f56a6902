\timing on
SET synchronous_commit = off;
-- 50 enterprises in the 11 counties and 18 industries, 20 electricity meters each (1,000 meters, 15 minutes)
INSERT INTO enterprise (uscc, name, county_code, industry_code, park_id, key_energy_unit, created_at, updated_at)
SELECT '91511100BENCH' || lpad(i::text, 5, '0'), '基准企业 Bench ' || i,
       (SELECT code FROM region WHERE parent_code IS NOT NULL ORDER BY code OFFSET (i % 11) LIMIT 1),
       (SELECT code FROM industry ORDER BY code OFFSET (i % 18) LIMIT 1), NULL, true, now(), now()
FROM generate_series(1, 50) i;
INSERT INTO monitoring_meter (enterprise_id, county_code, park_id, industry_code, code, name, energy_code, unit, kind, multiplier,
    interval_minutes, max_per_interval, active, created_by, created_at, updated_at)
SELECT e.id, e.county_code, NULL, e.industry_code, 'E-' || lpad(j::text, 2, '0'), 'bench ' || j, 'ELECTRICITY', 'kWh', 'INTERVAL', 1,
       15, 100000, true, 'bench', now() - interval '400 days', now()
FROM enterprise e CROSS JOIN generate_series(1, 20) j WHERE e.name LIKE '基准企业%';
SET maintenance_work_mem = '1GB';
-- a year of quarter-hour readings up to now, per meter (35,041 each): the readings table as a year of ingest leaves it
ALTER TABLE monitoring_reading DROP CONSTRAINT monitoring_reading_pkey;
INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at)
SELECT m.id, g, round((random() * 1000)::numeric, 3), 'H', g + interval '40 seconds'
FROM monitoring_meter m CROSS JOIN generate_series(date_trunc('hour', now()) - interval '365 days', date_trunc('hour', now()), interval '15 minutes') g;
ALTER TABLE monitoring_reading ADD PRIMARY KEY (meter_id, ts);
ALTER TABLE monitoring_rollup DROP CONSTRAINT monitoring_rollup_pkey;
DROP INDEX monitoring_rollup_day_month_idx;
-- the quarter-hour rollups of those readings (INTERVAL meters, multiplier 1: the quantity is the reading; the
-- quarter hour ending at ts starts 15 minutes earlier)
INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
SELECT meter_id, 'Q', ts - interval '15 minutes', value, 1, 0 FROM monitoring_reading;
INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
SELECT meter_id, 'H', date_trunc('hour', period_start), sum(quantity), sum(readings), 0 FROM monitoring_rollup WHERE grain = 'Q' GROUP BY 1, 3;
INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
SELECT meter_id, 'D', date_trunc('day', period_start AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai', sum(quantity), sum(readings), 0
FROM monitoring_rollup WHERE grain = 'H' GROUP BY 1, 3;
INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
SELECT meter_id, 'M', date_trunc('month', period_start AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai', sum(quantity), sum(readings), 0
FROM monitoring_rollup WHERE grain = 'D' GROUP BY 1, 3;
ALTER TABLE monitoring_rollup ADD PRIMARY KEY (meter_id, grain, period_start);
CREATE INDEX monitoring_rollup_day_month_idx ON monitoring_rollup (grain, period_start, meter_id) INCLUDE (quantity, readings) WHERE grain IN ('D', 'M');
INSERT INTO monitoring_meter_status (meter_id, last_ts, last_value, last_received_at)
SELECT id, date_trunc('hour', now()) - CASE WHEN id % 10 = 0 THEN interval '3 hours' ELSE interval '0' END, 1, now() FROM monitoring_meter;
INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail, raised_at, status)
SELECT m.enterprise_id, m.county_code, NULL, m.industry_code, m.id, 'COUNTER_JUMP', now() - (i || ' minutes')::interval, 'bench', now() - (i || ' minutes')::interval,
       CASE WHEN i % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END
FROM generate_series(1, 3000) i JOIN monitoring_meter m ON m.id = (SELECT min(id) FROM monitoring_meter) + (i % 1000);
VACUUM ANALYZE monitoring_reading;
VACUUM ANALYZE monitoring_rollup;
VACUUM ANALYZE monitoring_meter;
VACUUM ANALYZE monitoring_meter_status;
VACUUM ANALYZE monitoring_alarm;
SELECT grain, count(*) FROM monitoring_rollup GROUP BY grain ORDER BY grain;
SELECT count(*) AS readings FROM monitoring_reading;
SELECT pg_size_pretty(pg_total_relation_size('monitoring_reading')) AS readings_size,
       pg_size_pretty(pg_total_relation_size('monitoring_rollup')) AS rollups_size;
