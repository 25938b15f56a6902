-- The budget benchmark's data (issue 12): 20 parks (the plan's six and 14 more), 1,000 enterprises in Leshan's 11
-- counties (two in three in a park of their county), 12 months of reports last year and this year up to the last
-- closed month (locked, verified, one month submitted, drafts for every seventh enterprise in October, the latest
-- closed month only metered for every fifth), one grid-electricity meter per enterprise with month rollups, and a
-- published budget version of 11 counties, 20 parks and 1,000 enterprises. The same shape as
-- BudgetExecutionScaleTests. Usage: psql -v year=2026 -v closed=11 -f load-year.sql (year, months closed).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO park (code, name_zh, name_en, county_code)
SELECT 'BENCH-PARK-' || i, '基准园区 ' || i, 'Bench park ' || i,
       (ARRAY['511102','511111','511112','511113','511123','511124','511126','511129','511132','511133','511181'])[1 + i % 11]
FROM generate_series(1, 14) i;

INSERT INTO enterprise (uscc, name, county_code, industry_code, park_id, key_energy_unit, created_at, updated_at)
SELECT lpad(i::text, 18, 'B'), '基准企业 ' || i, c.county, '3011',
       CASE WHEN i % 3 = 0 THEN NULL ELSE (SELECT p.id FROM park p WHERE p.county_code = c.county ORDER BY p.id LIMIT 1) END,
       true, now(), now()
FROM generate_series(1, 1000) i
CROSS JOIN LATERAL (SELECT (ARRAY['511102','511111','511112','511113','511123','511124','511126','511129','511132','511133','511181'])[1 + i % 11] AS county) c;

INSERT INTO accounting_report (enterprise_id, county_code, park_id, industry_code, year, month, status, output_value_10k_cny,
    created_by, created_at, updated_at)
SELECT e.id, e.county_code, e.park_id, e.industry_code, y, m,
       CASE WHEN y = :year AND m = 10 AND e.id % 7 = 0 THEN 'DRAFT' WHEN y = :year AND m = 9 THEN 'SUBMITTED'
            WHEN y = :year AND m >= 10 THEN 'VERIFIED' ELSE 'LOCKED' END,
       1000 + e.id % 500, 'bench', now(), now()
FROM enterprise e CROSS JOIN generate_series(:year - 1, :year) y CROSS JOIN generate_series(1, 12) m
WHERE e.name LIKE '基准企业%' AND NOT (y = :year AND m > :closed) AND NOT (y = :year AND m = :closed AND e.id % 5 = 0);

INSERT INTO accounting_computation (report_id, computed_at, computed_by, reason, factor_codes)
SELECT id, now(), 'bench', 'seeded', '{}' FROM accounting_report WHERE created_by = 'bench';

INSERT INTO accounting_result (computation_id, line_no, scope, category, energy_use, co2_t, co2_market_t, tce, factors, formula, notes)
SELECT c.id, 0, 'SCOPE_1', 'combustion', 'ENERGY', 800 + r.enterprise_id % 400 + r.month * 10, 800, 300, '[]', 'seeded', '[]'
FROM accounting_computation c JOIN accounting_report r ON r.id = c.report_id WHERE r.created_by = 'bench';

INSERT INTO monitoring_meter (enterprise_id, county_code, park_id, industry_code, code, name, energy_code, unit, kind,
    interval_minutes, max_per_interval, created_by, created_at, updated_at)
SELECT id, county_code, park_id, industry_code, 'E-01', '总表', 'ELECTRICITY', 'kWh', 'INTERVAL', 15, 1000000, 'bench', now(), now()
FROM enterprise WHERE name LIKE '基准企业%';

INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
SELECT m.id, 'M', make_timestamptz(:year, mo, 1, 0, 0, 0, 'Asia/Shanghai'), 5000000 + m.id, 2880, 0
FROM monitoring_meter m CROSS JOIN generate_series(1, :closed) mo WHERE m.created_by = 'bench';

WITH v AS (
  INSERT INTO budget_version (year, number, status, base_intensity, applied_rate, target_intensity, forecast_gdp_10k_cny,
      city_budget_t, total_t, reserve_share, pool_t, sink_credit_t, reserve_t, method, source, created_at, created_by)
  VALUES (:year, 1, 'DRAFT', 0.6, 0.035, 0.579, 30000000, 17370000, 17370000, 0.05, 0, 0, 870000, 'GDP_SHARE',
          'benchmark data (made up)', now(), 'bench')
  RETURNING id)
INSERT INTO budget_holder (version_id, code, kind, parent_code, line_no, raw, share, quota_t, budget_t)
SELECT v.id, code, 'COUNTY', NULL, row_number() OVER (ORDER BY code), 0, 0, 0, 1500000
FROM v, unnest(ARRAY['511102','511111','511112','511113','511123','511124','511126','511129','511132','511133','511181']) code
UNION ALL
SELECT v.id, p.code, 'PARK', p.county_code, 100 + row_number() OVER (ORDER BY p.code), 0, 0, 0, 400000 FROM v, park p
UNION ALL
SELECT v.id, e.uscc, 'ENTERPRISE', coalesce(p.code, e.county_code), 1000 + row_number() OVER (ORDER BY e.id), 0, 0, 0, 6000
FROM v, enterprise e LEFT JOIN park p ON p.id = e.park_id WHERE e.name LIKE '基准企业%';

UPDATE budget_version SET status = 'PUBLISHED', published_at = now(), published_by = 'bench' WHERE year = :year AND created_by = 'bench';
COMMIT;
ANALYZE;
