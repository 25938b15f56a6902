#!/bin/bash
# The monitoring views benchmark end to end (see README.md): a database of its own on the machine's PostgreSQL,
# the application on it, a year of readings and rollups for 1,000 meters, then p50/p95 of each view over HTTP.
# usage: run.sh [N requests per view, default 200] [--keep | --reuse]   (from anywhere; builds the jar if missing)
#   --keep  leaves the database pages_bench in place afterwards; --reuse measures on a kept one without loading again
set -euo pipefail
N=${1:-200}
KEEP=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
DB=pages_bench
PORT=18081
PASSWORD=bench-admin-password
JAR=$(ls "$ROOT"/target/peakpilot-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || ! unzip -l "$JAR" | grep -q BOOT-INF; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  JAR=$(ls "$ROOT"/target/peakpilot-*.jar | grep -v original | head -1)
fi
if [ "$KEEP" != "--reuse" ]; then
  dropdb -h 127.0.0.1 -U postgres --if-exists $DB
  createdb -h 127.0.0.1 -U postgres $DB
fi
LOG=$(mktemp /tmp/pages-bench-XXXX.log)
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres PORT=$PORT \
  PEAKPILOT_ADMIN_PASSWORD=$PASSWORD PEAKPILOT_MQTT_ENABLED=false PEAKPILOT_DATA_DIR=$(mktemp -d) \
  java -jar "$JAR" --server.port=$PORT > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -n "$KEEP" ] || dropdb -h 127.0.0.1 -U postgres --if-exists $DB' EXIT
for i in $(seq 1 120); do
  # started and its reference data (regions, industries) loaded, not just listening
  grep -q "Registry reference data" "$LOG" && grep -q "Started PeakPilotApplication" "$LOG" && break
  kill -0 $APP 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
if [ "$KEEP" != "--reuse" ]; then
  echo "application up (log $LOG); loading a year of data (several minutes)"
  time $PG -d $DB -f "$HERE/load-year.sql"
fi
TOKEN=$(curl -s -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d '{"name":"pages bench"}' \
  "http://127.0.0.1:$PORT/api/v1/platform/tokens" | sed -E 's/.*"secret":"([^"]+)".*/\1/')
E1=$($PG -d $DB -At -c "SELECT min(id) FROM enterprise WHERE name LIKE '基准企业%'")
M1=$($PG -d $DB -At -c "SELECT min(id) FROM monitoring_meter WHERE enterprise_id = $E1")
COUNTY=$($PG -d $DB -At -c "SELECT county_code FROM enterprise WHERE id = $E1")
FROM=$(date -u -d '30 days ago' +%F); TO=$(date -u -d '1 day ago' +%F)
# a county officer and an enterprise user (the live view and month-to-date are scoped by who asks)
user_token() { # username role scope-json
  curl -s -u "admin:$PASSWORD" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"username\":\"$1\",\"displayName\":\"$1\",\"password\":\"$PASSWORD\",\"role\":\"$2\",$3}" \
    "http://127.0.0.1:$PORT/api/v1/platform/users"
  curl -s -u "$1:$PASSWORD" -H 'Content-Type: application/json' -d '{"name":"pages bench"}' \
    "http://127.0.0.1:$PORT/api/v1/platform/tokens" | sed -E 's/.*"secret":"([^"]+)".*/\1/'
}
COUNTY_TOKEN=$(user_token bench-county COUNTY_OFFICER "\"countyCode\":\"$COUNTY\"")
ENTERPRISE_TOKEN=$(user_token bench-enterprise ENTERPRISE_USER "\"enterpriseId\":$E1")
B="http://127.0.0.1:$PORT/api/v1/monitoring"
if [ "${COLD:-}" = 1 ]; then
  # the first request of each view after a PostgreSQL restart with the OS page cache dropped (root, Debian cluster)
  sync; echo 3 > /proc/sys/vm/drop_caches; pg_ctlcluster 15 main restart; sleep 2
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/platform/me" || true
  for path in "live" "month-to-date" "enterprises/$E1/series?range=YEAR" "enterprises/$E1/series?range=DAY" \
      "meters/$M1/curve?range=YEAR" "meters/$M1/series?grain=QUARTER&from=$FROM&to=$TO" "meters/$M1/gaps?from=$FROM&to=$TO"; do
    printf 'cold %-58s %s\n' "/$path" "$(curl -s -o /dev/null -w '%{time_total}s %{http_code}' -H "Authorization: Bearer $TOKEN" "$B/$path")"
  done
fi
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # who token path
  printf '%-11s %-58s ' "$1" "/$3"
  "$HERE/curl-p95.sh" "$2" "$B/$3" "$N"
}
measure city "$TOKEN" live
measure county "$COUNTY_TOKEN" live
measure enterprise "$ENTERPRISE_TOKEN" live
measure city "$TOKEN" month-to-date
measure county "$COUNTY_TOKEN" month-to-date
for path in "enterprises/$E1/series?range=YEAR" "enterprises/$E1/series?range=YEAR&grain=DAY" "enterprises/$E1/series?range=MONTH" \
    "enterprises/$E1/series?range=DAY" "meters/$M1/curve?range=YEAR" "meters/$M1/series?grain=QUARTER&from=$FROM&to=$TO" \
    "meters/$M1/gaps?from=$FROM&to=$TO" "enterprises/$E1/meter-states" "enterprises/$E1/completeness?days=14"; do
  measure enterprise "$ENTERPRISE_TOKEN" "$path"
done
measure city "$TOKEN" "enterprises/$E1/series?range=YEAR"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "the live view's answer begins: $(curl -s -H "Authorization: Bearer $TOKEN" "$B/live" | head -c 400)"
$PG -d $DB -At -c "SELECT 'readings ' || count(*) FROM monitoring_reading" -c "SELECT grain || ' ' || count(*) FROM monitoring_rollup GROUP BY grain ORDER BY grain"
