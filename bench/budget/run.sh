#!/bin/bash
# The budget benchmark end to end (see README.md): a database of its own on the machine's PostgreSQL, the application
# on it, a year of data for 11 counties, 20 parks and 1,000 enterprises (load-year.sql), then
#  1. the full recompute of the year's execution, N times through the API (the server's own duration and curl's);
#  2. the budget cockpit page /budget/{year} as the city office sees it, N requests after 5 warm-ups: p50, p95, max.
# usage: run.sh [N, default 50] [--keep]     (from anywhere; builds the jar if target/ has none)
set -euo pipefail
N=${1:-50}
KEEP=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
DB=budget_bench
PORT=18082
PASSWORD=bench-admin-password
YEAR=$(TZ=Asia/Shanghai date +%Y)
CLOSED=$(( $(TZ=Asia/Shanghai date +%-m) - 1 ))
[ "$CLOSED" -ge 1 ] || { echo "run it after January: no month of this year is over"; exit 1; }
JAR=$(ls "$ROOT"/target/peakpilot-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || ! unzip -l "$JAR" | grep -q BOOT-INF; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  JAR=$(ls "$ROOT"/target/peakpilot-*.jar | grep -v original | head -1)
fi
dropdb -h 127.0.0.1 -U postgres --if-exists $DB
createdb -h 127.0.0.1 -U postgres $DB
LOG=$(mktemp /tmp/budget-bench-XXXX.log)
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres PORT=$PORT \
  PEAKPILOT_ADMIN_PASSWORD=$PASSWORD PEAKPILOT_MQTT_ENABLED=false PEAKPILOT_DATA_DIR=$(mktemp -d) \
  PEAKPILOT_BUDGET_EXECUTION_SCHEDULED=false \
  java -jar "$JAR" --server.port=$PORT > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -n "$KEEP" ] || dropdb -h 127.0.0.1 -U postgres --if-exists $DB' EXIT
for i in $(seq 1 180); do
  grep -q "Registry reference data" "$LOG" && grep -q "Started PeakPilotApplication" "$LOG" && break
  kill -0 $APP 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
echo "application up (log $LOG); loading $YEAR with $CLOSED months closed"
$PG -d $DB -v year=$YEAR -v closed=$CLOSED -f "$HERE/load-year.sql"
$PG -d $DB -At -c "SELECT 'holders ' || count(*) FROM budget_holder" -c "SELECT 'reports ' || count(*) FROM accounting_report" \
  -c "SELECT 'month rollups ' || count(*) FROM monitoring_rollup WHERE grain = 'M'"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
API="http://127.0.0.1:$PORT/api/v1/budget/years/$YEAR/execution/recompute"
curl -s -o /dev/null -u "admin:$PASSWORD" -X POST "$API"   # the first: JIT warm-up, not counted
for i in 1 2; do curl -s -o /dev/null -u "admin:$PASSWORD" -X POST "$API"; done
for i in $(seq 1 $N); do
  curl -s -u "admin:$PASSWORD" -X POST -w '\n%{time_total} %{http_code}\n' "$API"
done | python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
server, client, bad, holders = [], [], 0, 0
for body, timing in zip(lines[0::2], lines[1::2]):
    t, code = timing.split()
    if code != "200":
        bad += 1
        continue
    answer = json.loads(body)
    server.append(answer["duration_ms"]); client.append(float(t) * 1000); holders = answer["holders"]
server.sort(); client.sort()
q = lambda xs, p: xs[min(len(xs) - 1, int(len(xs) * p))]
print("recompute (holders %d): n=%d non200=%d server p50=%dms p95=%dms max=%dms; curl p50=%.0fms p95=%.0fms"
      % (holders, len(server), bad, q(server, .5), q(server, .95), server[-1], q(client, .5), q(client, .95)))'
# the cockpit page as the city administrator sees it, signed in through the login form
JAR_COOKIES=$(mktemp)
CSRF=$(curl -s -c "$JAR_COOKIES" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed -E 's/.*value="([^"]*)"/\1/')
curl -s -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$CSRF" "http://127.0.0.1:$PORT/login"
PAGE="http://127.0.0.1:$PORT/budget/$YEAR"
for path in "/budget/$YEAR" "/budget/$YEAR?holder=511111"; do
  for i in 1 2 3 4 5; do curl -s -o /dev/null -b "$JAR_COOKIES" "http://127.0.0.1:$PORT$path"; done
  printf '%-28s ' "$path"
  for i in $(seq 1 $N); do
    curl -s -o /dev/null -b "$JAR_COOKIES" -w "%{time_total} %{http_code} %{size_download}\n" "http://127.0.0.1:$PORT$path"
  done | awk '{ if ($2 != 200) bad++; t[NR]=$1*1000; size=$3 } END { n=asort(t); printf "n=%d non200=%d p50=%.1fms p95=%.1fms max=%.1fms bytes=%d\n", n, bad, t[int(n*0.5)], t[int(n*0.95)], t[n], size }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
$PG -d $DB -At -c "SELECT 'levels ' || string_agg(level || ' ' || n, ', ') FROM (SELECT level, count(*) n FROM budget_execution GROUP BY level ORDER BY level) x"
