#!/bin/sh
# The live view's day statement and month-to-date's month statement, timed in psql on the province of
# ProvinceLoadDriver (docs/scale.md): 25 EXPLAIN (ANALYZE, TIMING OFF) runs each, the first 5 dropped; p50, p95, max.
# Usage: bench/province-views-sql.sh 2026-09-30 2026-09-01   (a loaded Beijing day, a loaded month's first day)
set -e
DAY=${1:?day}; MONTH=${2:?month}; DB=${PP_PROVINCE_DB:-pp_province}
SQL=$(mktemp)
cat > "$SQL" <<SQL
SET search_path = pp_bench_province;
PREPARE day(timestamptz) AS
SELECT m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit, sum(r.quantity) AS quantity
FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
WHERE r.grain = 'D' AND r.period_start = \$1
GROUP BY m.county_code, m.industry_code, m.enterprise_id, m.energy_code, m.unit;
PREPARE mtd(timestamptz) AS
SELECT m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit, sum(r.quantity)
FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
WHERE r.grain = 'M' AND r.period_start = \$1
GROUP BY m.enterprise_id, m.county_code, m.industry_code, m.energy_code, m.unit
ORDER BY m.enterprise_id, m.energy_code, m.unit;
SQL
for i in $(seq 25); do echo "EXPLAIN (ANALYZE, TIMING OFF) EXECUTE day('$DAY 00:00+08');"; done >> "$SQL"
for i in $(seq 25); do echo "EXPLAIN (ANALYZE, TIMING OFF) EXECUTE mtd('$MONTH 00:00+08');"; done >> "$SQL"
psql -h 127.0.0.1 -U postgres -d "$DB" -f "$SQL" | grep "Execution Time" | awk '{print $3}' | python3 -c '
import sys
t = [float(x) for x in sys.stdin]
for name, xs in (("live view day", t[:25]), ("month-to-date", t[25:])):
    xs = sorted(xs[5:])
    print("%-14s p50 %.1f  p95 %.1f  max %.1f ms" % (name, xs[len(xs) // 2], xs[-(-len(xs) * 95 // 100) - 1], xs[-1]))
'
rm -f "$SQL"
