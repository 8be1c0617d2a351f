#!/usr/bin/env bash
# Raw COPY vs the service, on the same PostgreSQL server, schema and indexes, in one run:
#   1. start the service on a fresh self-managed PostgreSQL (durable settings, as run-local.sh), or
#      with BENCH_ENGINE=citus on a local Citus cluster (coordinator + 2 workers);
#   2. generate RATE x DURATION events, \copy them into a table shaped like analytics_events;
#   3. drive the service with the same number of events of the same shape (load generator,
#      open loop, BATCH-event batches from CONCURRENCY clients), then verify nothing was lost;
#   4. print both rates and their ratio, and the CPU the rollup job's database backend used while
#      ingesting (utime + stime of its process, found by application_name analytics-rollup).
# Usage: scripts/bench-ingest.sh [RATE] [DURATION_S] [BATCH] [CONCURRENCY]
# (BENCH_BATCHES=--batch-per-institution sends each institution's events in requests of their own;
#  BENCH_CITUS_SHARDS sets the shard count on Citus.)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-50000}
DURATION=${2:-60}
BATCH=${3:-500}
CONCURRENCY=${4:-8}
COUNT=$((RATE * DURATION))
PORT=${BENCH_PG_PORT:-55439}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}
WORK=$(mktemp -d /tmp/bench-ingest.XXXXXX)
chmod 755 "$WORK"
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)

mvn -B -q -DskipTests -pl service,load-generator -am package
SERVICE_JAR=service/target/analytics-service.jar
LG=(java -jar load-generator/target/load-generator.jar)

. scripts/lib/bench-service.sh
cleanup() {
  stop_bench_service
  rm -rf "$WORK"
}
trap cleanup EXIT

# An admin key for this run only (admin keys have no rate limit by default); the load generator sends it.
export ANALYTICS_BOOTSTRAP_ADMIN_KEY="bench-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LOADGEN_API_KEY="$ANALYTICS_BOOTSTRAP_ADMIN_KEY"

echo "== starting the service on a fresh $BENCH_ENGINE in $WORK"
start_bench_service "$WORK/pg" "$WORK/service.log"

echo "== generating $COUNT events"
"${LG[@]}" generate --count "$COUNT" --seed 1 --out "$WORK/events.csv" --format csv --run-id rawcopy >/dev/null

echo "== raw \\copy into raw_copy_bench, a table shaped (and on Citus distributed) like analytics_events"
# Same database, server(s), columns, defaults, indexes and shards as the service's table, so the
# two rates differ only by what the service adds. The table is dropped again before the service runs.
"${PSQL[@]}" -d analytics -f scripts/lib/raw-copy-table.sql
start=$(date +%s.%N)
"${PSQL[@]}" -d analytics -c "\\copy raw_copy_bench (event_id, event_type, institution_id, issued_at, metadata) FROM '$WORK/events.csv' WITH (FORMAT csv)"
end=$(date +%s.%N)
copied=$("${PSQL[@]}" -d analytics -c "SELECT count(*) FROM raw_copy_bench")
raw_rate=$(python3 -c "print(round($copied / ($end - $start)))")
echo "raw \\copy: $copied rows in $(python3 -c "print(round($end - $start, 2))") s = $raw_rate rows/s"
"${PSQL[@]}" -d analytics -c "DROP TABLE raw_copy_bench"

rollup_busy_seconds() {
  curl -sf "http://127.0.0.1:$ADMIN_PORT/prometheus" | awk '/^analytics_rollup_step_duration_seconds_sum/ {print $2}'
}
# CPU seconds of the rollup job's backend process: the job's work is all SQL, done there.
rollup_backend_pid=$("${PSQL[@]}" -d analytics -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'analytics-rollup'")
rollup_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$rollup_backend_pid/stat"
}
busy_before=$(rollup_busy_seconds)
cpu_before=$(rollup_cpu_seconds)
ingest_start=$(date +%s.%N)

# Where the CPU goes while ingesting: the whole machine (/proc/stat), the service's JVM, the load
# generator (GNU time); the rest is the database (on an otherwise idle machine).
hz=$(getconf CLK_TCK)
machine_cpu() { awk -v hz="$hz" '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }
process_cpu() { awk -v hz="$hz" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
machine_before=$(machine_cpu)
service_before=$(process_cpu "$SERVICE_PID")
load_start=$(date +%s.%N)

echo "== service: $COUNT events at $RATE/s in batches of $BATCH from $CONCURRENCY clients"
/usr/bin/time -o "$WORK/loadgen.time" -f "%U %S" "${LG[@]}" ingest --target "http://127.0.0.1:$HTTP_PORT" --rate "$RATE" --duration "${DURATION}s" \
  --batch-size "$BATCH" --concurrency "$CONCURRENCY" --institutions 1000 --skew 1.1 --scenario steady ${BENCH_BATCHES:-} \
  --seed 1 --drain-timeout "${BENCH_DRAIN_TIMEOUT:-60s}" --report "$WORK/report.json" | tail -20
load_end=$(date +%s.%N)
machine_after=$(machine_cpu)
service_after=$(process_cpu "$SERVICE_PID")
cpu_split=$(python3 -c "
wall = $load_end - $load_start
machine = $machine_after - $machine_before
service = $service_after - $service_before
loadgen = sum(map(float, open('$WORK/loadgen.time').read().split()))
print(f'machine {machine / wall:.2f}, service {service / wall:.2f}, load generator {loadgen / wall:.2f}, database {(machine - service - loadgen) / wall:.2f}')")
"${LG[@]}" verify --db-url "jdbc:postgresql://127.0.0.1:$PORT/analytics" --db-user postgres --report "$WORK/report.json"

ingest_end=$(date +%s.%N)
busy_after=$(rollup_busy_seconds)
cpu_after=$(rollup_cpu_seconds)
rollup_share=$(python3 -c "print(round(($busy_after - $busy_before) / ($ingest_end - $ingest_start), 2))")
rollup_cores=$(python3 -c "print(round(($cpu_after - $cpu_before) / ($ingest_end - $ingest_start), 2))")

# The rollup job keeps up when the events still to aggregate drain soon after the load stops.
lag_events() {
  curl -sf "http://127.0.0.1:$ADMIN_PORT/prometheus" | awk '/^analytics_rollup_lag_ids_events/ {print int($2)}'
}
lag_at_end=$(lag_events)
catch_up_start=$(date +%s.%N)
for _ in $(seq 1 600); do
  [ "$(lag_events)" = 0 ] && break
  sleep 0.5
done
catch_up=$(python3 -c "print(round($(date +%s.%N) - $catch_up_start, 1))")

service_rate=$(python3 -c "import json; print(round(json.load(open('$WORK/report.json'))['achieved_rate']))")
echo
echo "raw \\copy rate:      $raw_rate events/s"
echo "service end-to-end:  $service_rate events/s (target $RATE)"
echo "ratio service/raw:   $(python3 -c "print(round($service_rate / $raw_rate, 2))")"
echo "rollup job busy:     $rollup_share of the wall time while ingesting"
echo "rollup job CPU:      $rollup_cores cores (its backend's CPU time / wall time while ingesting; on Citus the coordinator's backend only)"
echo "cores while loading: $cpu_split"
echo "rollup lag at end:   $lag_at_end events, caught up $catch_up s after the load ended"
cp "$WORK/report.json" "${BENCH_REPORT:-/tmp/bench-ingest-report.json}"
