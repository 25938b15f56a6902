#!/bin/bash
# The citizen home-page benchmark end to end (see README.md): a database of its own on the machine's PostgreSQL, the
# application on it, C citizens and T trips generated into the real tables (load-home.sql), then home.py signs in as
# U random citizens and measures GET /inclusive: p50, p95, p99. Full scale: run-home.sh 1000000 50000000.
# usage: run-home.sh [citizens=20000] [trips=1000000] [requests=1000] [clients=4] [--keep]
set -euo pipefail
CITIZENS=${1:-20000}; TRIPS=${2:-1000000}; REQUESTS=${3:-1000}; CLIENTS=${4:-4}; KEEP=${5:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
DB=inclusive_home_bench
PORT=18084
PASSWORD=bench-admin-password
JAR=$(ls "$ROOT"/target/peakpilot-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || ! unzip -l "$JAR" | grep -q BOOT-INF; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  JAR=$(ls "$ROOT"/target/peakpilot-*.jar | grep -v original | head -1)
fi
dropdb -h 127.0.0.1 -U postgres --if-exists $DB
createdb -h 127.0.0.1 -U postgres $DB
LOG=$(mktemp /tmp/inclusive-home-bench-XXXX.log)
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres \
  PEAKPILOT_ADMIN_PASSWORD=$PASSWORD PEAKPILOT_MQTT_ENABLED=false PEAKPILOT_DATA_DIR=$(mktemp -d) \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -n "$KEEP" ] || dropdb -h 127.0.0.1 -U postgres --if-exists $DB' EXIT
for i in $(seq 1 300); do
  grep -q "Started PeakPilotApplication" "$LOG" && break
  kill -0 $APP 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
# the administrator (whose password hash the citizens borrow) is created just after the start line: wait for it
for i in $(seq 1 60); do
  [ "$($PG -d $DB -tAc "SELECT count(*) FROM app_user WHERE username = 'admin'")" = "1" ] && break
  sleep 1
done
echo "application up (log $LOG); loading $CITIZENS citizens and $TRIPS trips"
T0=$(date +%s)
$PG -d $DB -v citizens=$CITIZENS -v trips=$TRIPS -f "$HERE/load-home.sql"
echo "loaded in $(( $(date +%s) - T0 )) s: $($PG -d $DB -At -c "SELECT (SELECT count(*) FROM inclusive_citizen) || ' citizens, ' || (SELECT count(*) FROM inclusive_trip) || ' trips, ' || pg_size_pretty(pg_total_relation_size('inclusive_trip')) || ' trip table with indexes'")"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/home.py" url=http://127.0.0.1:$PORT citizens=$CITIZENS requests=$REQUESTS clients=$CLIENTS password=$PASSWORD
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
