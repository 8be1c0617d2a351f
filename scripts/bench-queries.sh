#!/usr/bin/env bash
# Dashboard queries on 10 million events, rollups vs raw events, in one run:
#   1. start the service on a self-managed, durable PostgreSQL in BENCH_DIR (kept between runs);
#   2. on the first run, generate COUNT events over the last 365 days across 1,000 institutions
#      (Zipf 1.1: the busiest holds ~18%), \copy them in, and time how long the running service's
#      rollup job takes to aggregate them all;
#   3. JMH: each single-institution query through the service's own query code (rollups plus raw
#      tail) vs the same aggregate computed from raw events, side by side, for the busiest
#      institution and a median one;
#   4. load generator, open loop: single-institution dashboard queries (a year, activity by day)
#      with 16 requests in flight, then platform queries, over HTTP; latency from intended send time.
#      60 s of the same traffic first, unmeasured: at 100 requests/s the JIT compiler is still busy
#      (1,000+ compilations per 10 s, 0.1 core) until about 40 s after start.
#   5. load generator: the tenant dashboard page's calls over 30 days (its default range): summary,
#      summary with compare=previous_period and funnel side by side; the page's answers as JSON, then
#      as CSV; and a page left open (20 institutions, If-None-Match), without and with revalidation.
# Usage: scripts/bench-queries.sh [COUNT] [QUERY_RATE] [DURATION_S] [PLATFORM_RATE]
# (BENCH_SKIP_JMH=1 skips step 3; BENCH_DASHBOARD_ONLY=1 runs step 5 alone after the load; BENCH_JMH_ARGS adds JMH options, e.g. "-p institution=busiest".
#  BENCH_ENGINE=citus runs it all on a local Citus cluster: see scripts/lib/bench-service.sh.)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000000}
QUERY_RATE=${2:-400}
DURATION=${3:-60}
PLATFORM_RATE=${4:-4}
BENCH_DIR=${BENCH_DIR:-/tmp/bench-queries-${BENCH_ENGINE:-postgres}}
PORT=${BENCH_PG_PORT:-55449}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18091}
DB_URL="jdbc:postgresql://127.0.0.1:$PORT/analytics"
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d analytics -v ON_ERROR_STOP=1 -qAt)
export ANALYTICS_BOOTSTRAP_ADMIN_KEY=${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
API_KEY=$ANALYTICS_BOOTSTRAP_ADMIN_KEY
mkdir -p "$BENCH_DIR"
chmod 755 "$BENCH_DIR"

mvn -B -q -DskipTests -pl service,load-generator,benchmarks -am package
SERVICE_JAR=service/target/analytics-service.jar
LG=(java -jar load-generator/target/load-generator.jar)

. scripts/lib/bench-service.sh
trap stop_bench_service EXIT

echo "== starting the service on $BENCH_ENGINE in $BENCH_DIR/pg"
# A year of raw events is kept, for JMH's raw-event side: the service's default is 30 days.
export ANALYTICS_RETENTION_RAW_EVENTS=${ANALYTICS_RETENTION_RAW_EVENTS:-400d}
start_bench_service "$BENCH_DIR/pg" "$BENCH_DIR/service.log"

. scripts/lib/bench-history.sh
load_history "$COUNT"
"${PSQL[@]}" -c "SELECT 'events: ' || count(*) FROM analytics_events"
"${PSQL[@]}" -c "SELECT 'busiest institution: ' || institution_id || ' with ' || n || ' events ('
                        || round(100.0 * n / sum(n) OVER (), 1) || '%)'
                 FROM (SELECT institution_id, sum(events) AS n FROM daily_analytics_rollups GROUP BY 1) t
                 ORDER BY n DESC LIMIT 1"

echo "== storage per million events (raw: table, indexes, TOAST; rollups: every grain)"
size_fn=pg_total_relation_size; [ "$BENCH_CITUS" = true ] && size_fn=citus_total_relation_size
"${PSQL[@]}" -v size_fn=$size_fn -f scripts/lib/storage-per-million.sql | tee "$BENCH_DIR/storage.txt"

if [ -z "${BENCH_SKIP_JMH:-}${BENCH_DASHBOARD_ONLY:-}" ]; then
  echo "== JMH: rollups vs raw events, same queries, same run"
  ANALYTICS_BENCH_DB_URL=$DB_URL ANALYTICS_BENCH_DB_USER=postgres ANALYTICS_BENCH_DB_PASSWORD=$PGPASSWORD \
    java -jar benchmarks/target/benchmarks.jar DashboardQueryBenchmark ${BENCH_JMH_ARGS:-} -rf json -rff "$BENCH_DIR/jmh-queries.json" \
    | tee "$BENCH_DIR/jmh-queries.txt" | grep -E "^Benchmark|DashboardQueryBenchmark.*(p0.50|p0.99) " || true
fi

if [ -z "${BENCH_DASHBOARD_ONLY:-}" ]; then
echo "== HTTP: single-institution dashboards (a year, activity by day), $QUERY_RATE requests/s, 16 in flight"
LOADGEN_API_KEY=$API_KEY "${LG[@]}" query --target "http://127.0.0.1:$HTTP_PORT" --rate "$QUERY_RATE" \
  --warmup 60s --duration "${DURATION}s" --concurrency 16 --institutions 1000 --skew 1.1 --range-days 365 --granularity day \
  --endpoints activity,summary,geo,credential-types --report "$BENCH_DIR/query-institution.json"

echo "== HTTP: platform queries (a year), $PLATFORM_RATE requests/s, 16 in flight"
LOADGEN_API_KEY=$API_KEY "${LG[@]}" query --target "http://127.0.0.1:$HTTP_PORT" --rate "$PLATFORM_RATE" \
  --warmup 10s --duration "${DURATION}s" --concurrency 16 --range-days 365 \
  --endpoints platform-institutions,platform-geo --report "$BENCH_DIR/query-platform.json"

echo "== HTTP: the busiest institution (1), a year by day, UTC then Asia/Kolkata, 100 requests/s, 16 in flight"
for tz in UTC Asia/Kolkata; do
  LOADGEN_API_KEY=$API_KEY "${LG[@]}" query --target "http://127.0.0.1:$HTTP_PORT" --rate 100 \
    --warmup 20s --duration "${DURATION}s" --concurrency 16 --institutions 1 --range-days 365 --granularity day \
    --tz "$tz" --endpoints activity --report "$BENCH_DIR/query-busiest-${tz//\//-}.json"
done
fi

DASHBOARD=(--target "http://127.0.0.1:$HTTP_PORT" --rate "$QUERY_RATE" --warmup 30s --duration "${DURATION}s"
           --concurrency 16 --range-days 30)
echo "== HTTP: the dashboard page's calls, 30 days: summary, summary compared with the previous period, funnel"
LOADGEN_API_KEY=$API_KEY "${LG[@]}" query "${DASHBOARD[@]}" --institutions 1000 --skew 1.1 \
  --endpoints summary,summary-compared,funnel --report "$BENCH_DIR/dashboard-compare.json"
for format in json csv; do
  echo "== HTTP: the dashboard page's answers as $format"
  LOADGEN_API_KEY=$API_KEY "${LG[@]}" query "${DASHBOARD[@]}" --institutions 1000 --skew 1.1 --format "$format" \
    --endpoints activity,geo,credential-types,funnel --report "$BENCH_DIR/dashboard-$format.json"
done
for revalidate in "" --revalidate; do
  echo "== HTTP: pages left open on 20 institutions, nothing new ingested ${revalidate:-(plain GETs)}"
  LOADGEN_API_KEY=$API_KEY "${LG[@]}" query "${DASHBOARD[@]}" --institutions 20 $revalidate \
    --endpoints activity,summary-compared,funnel,geo,credential-types --report "$BENCH_DIR/dashboard-open${revalidate:+-revalidate}.json"
done
