#!/bin/bash
# The partner trip API benchmark end to end (see README.md): a database of its own on the machine's PostgreSQL, the
# application on it, P partners created through the office API, C citizens linked to each (setup-trips.sql), then
# trips.py posts N trips in signed batches from K clients and resends every batch twice; finally the database is
# checked: each trip stored once, Σ citizen balances = Σ credited points, and unchanged by the resends.
# usage: run-trips.sh [trips=100000] [citizens=5000] [partners=4] [batch=100] [clients=4] [--keep]
set -euo pipefail
TRIPS=${1:-100000}; CITIZENS=${2:-5000}; PARTNERS=${3:-4}; BATCH=${4:-100}; CLIENTS=${5:-4}; KEEP=${6:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
DB=inclusive_bench
PORT=18083
PASSWORD=bench-admin-password
JAR=$(ls "$ROOT"/target/peakpilot-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || ! unzip -l "$JAR" | grep -q BOOT-INF; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  JAR=$(ls "$ROOT"/target/peakpilot-*.jar | grep -v original | head -1)
fi
dropdb -h 127.0.0.1 -U postgres --if-exists $DB
createdb -h 127.0.0.1 -U postgres $DB
LOG=$(mktemp /tmp/inclusive-bench-XXXX.log)
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres \
  PEAKPILOT_ADMIN_PASSWORD=$PASSWORD PEAKPILOT_MQTT_ENABLED=false PEAKPILOT_DATA_DIR=$(mktemp -d) \
  PEAKPILOT_INCLUSIVE_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -n "$KEEP" ] || dropdb -h 127.0.0.1 -U postgres --if-exists $DB' EXIT
for i in $(seq 1 300); do
  grep -q "Started PeakPilotApplication" "$LOG" && break
  kill -0 $APP 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
echo "application up (log $LOG)"
SECRETS="["
for p in $(seq 1 $PARTNERS); do
  ANSWER=$(curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$PORT/api/v1/inclusive/partners" \
    -d "{\"code\": \"BENCH-P$p\", \"name\": \"bench partner $p\", \"kind\": \"TRANSIT\", \"username\": \"bench-partner-$p\"}")
  SECRETS="$SECRETS$(echo "$ANSWER" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(json.dumps({"id": a["id"], "secret": a["signingSecret"]}))'),"
done
SECRETS="${SECRETS%,}]"
$PG -d $DB -v citizens=$CITIZENS -f "$HERE/setup-trips.sql"
SUMS="SELECT (SELECT count(*) FROM inclusive_trip) || ' trips, ' || (SELECT COALESCE(sum(points), 0) FROM inclusive_trip WHERE status = 'CREDITED')
  || ' points credited, citizen balances ' || (SELECT COALESCE(sum(e.amount), 0) FROM inclusive_ledger_entry e JOIN inclusive_ledger_account a ON a.id = e.account_id AND a.kind = 'CITIZEN')
  || ', ledger txns ' || (SELECT count(*) FROM inclusive_ledger_txn)"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
python3 "$HERE/trips.py" url=http://127.0.0.1:$PORT partners="$SECRETS" citizens=$CITIZENS trips=$TRIPS batch=$BATCH clients=$CLIENTS \
  | tee /tmp/inclusive-bench-driver.txt
DRIVER=${PIPESTATUS[0]}
set -e
echo "after both phases: $($PG -d $DB -At -c "$SUMS")"
$PG -d $DB -At -c "SELECT CASE WHEN count(*) = count(DISTINCT (partner_id, external_id)) THEN 'each trip stored once' ELSE 'DUPLICATE ROWS' END FROM inclusive_trip"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $DRIVER
