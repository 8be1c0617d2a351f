#!/usr/bin/env bash
# History import throughput, end to end, beside live ingest: the load generator's `history` mode
# imports COUNT events over DAYS days for 1,000 institutions (Zipf 1.1) through POST /v1/imports
# (gzip NDJSON parts), and the import is timed from its first request until it is done, that is
# until every event is in every rollup. Meanwhile `ingest` sends live traffic at LIVE_RATE events/s,
# open loop, and reports its latency (without coordinated omission). Then the imported events are
# counted in the monthly rollup, and `verify` checks that every live event acknowledged is stored.
# BENCH_ENGINE=citus runs it on a local Citus cluster (see scripts/lib/bench-service.sh).
# The live run lasts LIVE_SECONDS (default 240) and the import starts 15 s into it; the summary says
# whether the import ended inside it.
# Usage: [BENCH_ENGINE=citus] scripts/bench-import.sh [COUNT] [DAYS] [LIVE_RATE] [LIVE_SECONDS]
# Writes $BENCH_DIR/import-history.json and import-live.json and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000000}
DAYS=${2:-1095}
LIVE_RATE=${3:-10000}
LIVE_SECONDS=${4:-240}
BENCH_DIR=${BENCH_DIR:-/tmp/bench-import-${BENCH_ENGINE:-postgres}}
PORT=${BENCH_PG_PORT:-55459}
HTTP_PORT=${BENCH_HTTP_PORT:-18092}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18093}
SERVICE_JAR=service/target/analytics-service.jar
export ANALYTICS_BOOTSTRAP_ADMIN_KEY=${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export LOADGEN_API_KEY=$ANALYTICS_BOOTSTRAP_ADMIN_KEY
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR" && chmod 755 "$BENCH_DIR"

mvn -B -q -DskipTests -pl service,load-generator -am package
LG=(java -jar load-generator/target/load-generator.jar)
. scripts/lib/bench-service.sh
trap 'kill "${LIVE_PID:-}" 2>/dev/null || true; stop_bench_service' EXIT

start_bench_service "$BENCH_DIR/pg" "$BENCH_DIR/service.log"
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d analytics -v ON_ERROR_STOP=1 -qAt)
TARGET="http://127.0.0.1:$HTTP_PORT"

echo "== live ingest at $LIVE_RATE events/s, open loop, while the history imports"
live_start=$(date +%s)
"${LG[@]}" ingest --target "$TARGET" --rate "$LIVE_RATE" --duration "${LIVE_SECONDS}s" --batch-size 100 --concurrency 32 \
  --institutions 1000 --skew 1.1 --scenario steady --seed 2 --run-id live --report "$BENCH_DIR/import-live.json" \
  > "$BENCH_DIR/live.log" 2>&1 &
LIVE_PID=$!
sleep 15 # past the live run's warm-up

echo "== history: $COUNT events over $DAYS days"
"${LG[@]}" history --target "$TARGET" --events "$COUNT" --days "$DAYS" --institutions 1000 --skew 1.1 --seed 1 \
  --part-events 200000 --report "$BENCH_DIR/import-history.json" | tail -3

import_end=$(( $(date +%s) - live_start ))
wait "$LIVE_PID" || true
import_id=$(jq -r .import_id "$BENCH_DIR/import-history.json")
rolled=$("${PSQL[@]}" -c "SELECT COALESCE(sum(events), 0) FROM monthly_event_counts WHERE import_id = $import_id")
"${LG[@]}" verify --db-url "jdbc:postgresql://127.0.0.1:$PORT/analytics" --db-user postgres \
  --report "$BENCH_DIR/import-live.json" > "$BENCH_DIR/verify.log" 2>&1 \
  && verified="every acknowledged live event stored" || verified="VERIFY FAILED (see $BENCH_DIR/verify.log)"

echo
echo "engine:            $BENCH_ENGINE"
jq -r '"import:            \(.imported) events imported (\(.duplicates) duplicates) in \(.seconds) s: \(.events_per_s | floor) events/s"' \
  "$BENCH_DIR/import-history.json"
echo "in monthly rollup: $rolled events of import $import_id"
# What an imported event costs: the rollup rows it wrote (each an index insert or more), per event.
rows=$("${PSQL[@]}" -c "SELECT sum(n) FROM (
  $(for grain in quarter_hourly hourly daily monthly; do for dim in event_counts geo credential_types; do
      printf "SELECT count(*) AS n FROM %s_%s WHERE import_id = %s UNION ALL " "$grain" "$dim" "$import_id"; done; done)
  SELECT count(*) FROM local_daily_event_counts WHERE import_id = $import_id) t")
jq -r --argjson rows "$rows" '"rollup rows:       \($rows) for \(.imported) events: \($rows / ([.imported, 1] | max) * 100 | floor / 100) per event"' \
  "$BENCH_DIR/import-history.json"
jq -rc '"live ingest:       \(.achieved_rate | floor) events/s acknowledged of \(.target_rate); latency \(.latency_ms)"' \
  "$BENCH_DIR/import-live.json"
echo "import ended:      ${import_end} s into the ${LIVE_SECONDS} s live run (it started at 15 s)"
echo "live verify:       $verified"
