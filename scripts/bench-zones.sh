#!/usr/bin/env bash
# The cost of a time zone: the busiest institution's year by day and year's summary, in UTC and in
# Asia/Kolkata (+5:30, whose local midnights fall inside UTC hours), over the history that
# bench-queries.sh loads (10 M events over a year across 1,000 institutions; loaded here on the first run).
# Each is driven open loop at a low rate (its latency there is its cost: nothing queues) and at a
# high one (does the service keep up?). With BENCH_BEFORE_JAR=path/to/older/analytics-service.jar
# the same runs are made first with that jar on the same database, for a side-by-side comparison
# (BENCH_BEFORE_CONFIG: its config.yml, when today's has settings it does not know).
# Usage: [BENCH_BEFORE_JAR=… [BENCH_BEFORE_CONFIG=…]] scripts/bench-zones.sh [COUNT] [LOW_RATE] [HIGH_RATE] [DURATION_S]
# Writes $BENCH_DIR/zones-<jar>-<endpoint>-<zone>-<rate>.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000000}
LOW_RATE=${2:-5}
HIGH_RATE=${3:-100}
DURATION=${4:-20}
BENCH_DIR=${BENCH_DIR:-/tmp/bench-queries-${BENCH_ENGINE:-postgres}}
PORT=${BENCH_PG_PORT:-55449}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18091}
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d analytics -v ON_ERROR_STOP=1 -qAt)
export ANALYTICS_BOOTSTRAP_ADMIN_KEY=${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export ANALYTICS_RETENTION_RAW_EVENTS=${ANALYTICS_RETENTION_RAW_EVENTS:-400d}
mkdir -p "$BENCH_DIR"
chmod 755 "$BENCH_DIR"

mvn -B -q -DskipTests -pl service,load-generator -am package
LG=(java -jar load-generator/target/load-generator.jar)
. scripts/lib/bench-service.sh
. scripts/lib/bench-history.sh
trap stop_bench_service EXIT

query() { # query LABEL ENDPOINT TZ RATE
  LOADGEN_API_KEY=$ANALYTICS_BOOTSTRAP_ADMIN_KEY "${LG[@]}" query --target "http://127.0.0.1:$HTTP_PORT" \
    --rate "$4" --warmup 5s --duration "${DURATION}s" --concurrency 16 --institutions 1 --range-days 365 \
    --granularity day --tz "$3" --endpoints "$2" --report "$BENCH_DIR/zones-$1-$2-${3//\//-}-$4.json" > /dev/null
}

JARS=()
if [ -n "${BENCH_BEFORE_JAR:-}" ]; then JARS+=("before=$BENCH_BEFORE_JAR"); fi
JARS+=("now=service/target/analytics-service.jar")
for entry in "${JARS[@]}"; do
  label=${entry%%=*}
  SERVICE_JAR=${entry#*=}
  SERVICE_CONFIG=service/config.yml
  if [ "$label" = before ] && [ -n "${BENCH_BEFORE_CONFIG:-}" ]; then SERVICE_CONFIG=$BENCH_BEFORE_CONFIG; fi
  echo "== $label: $SERVICE_JAR"
  start_bench_service "$BENCH_DIR/pg" "$BENCH_DIR/service-$label.log"
  load_history "$COUNT"
  echo "   warming up (30 s of the same requests, unmeasured)"
  LOADGEN_API_KEY=$ANALYTICS_BOOTSTRAP_ADMIN_KEY "${LG[@]}" query --target "http://127.0.0.1:$HTTP_PORT" \
    --rate 10 --warmup 0s --duration 30s --concurrency 16 --institutions 1 --range-days 365 --granularity day \
    --tz Asia/Kolkata --endpoints activity,summary > /dev/null
  for endpoint in activity summary; do
    for tz in UTC Asia/Kolkata; do
      for rate in "$LOW_RATE" "$HIGH_RATE"; do
        echo "   $endpoint $tz $rate/s"
        query "$label" "$endpoint" "$tz" "$rate"
      done
    done
  done
  stop_bench_service
  SERVICE_PID=
done

python3 - "$BENCH_DIR" "$LOW_RATE" "$HIGH_RATE" "${JARS[@]}" <<'PY'
import json, sys
bench_dir, low, high, *jars = sys.argv[1:]
labels = [j.split('=', 1)[0] for j in jars]
print(f"\nbusiest institution, a year; p50 / p99 ms at {low}/s, and at {high}/s (served/s)")
print(f"{'':24}" + "".join(f"{l:>44}" for l in labels))
for endpoint in ("activity", "summary"):
    for tz in ("UTC", "Asia/Kolkata"):
        cells = []
        for label in labels:
            def report(rate):
                return json.load(open(f"{bench_dir}/zones-{label}-{endpoint}-{tz.replace('/', '-')}-{rate}.json"))
            lo, hi = report(low), report(high)
            cells.append(f"{lo['latency_ms']['p50']:.1f} / {lo['latency_ms']['p99']:.1f};"
                         f" {hi['latency_ms']['p50']:.1f} / {hi['latency_ms']['p99']:.1f} ({hi['achieved_rate']:.0f}/s)")
        name = f"{'by day' if endpoint == 'activity' else 'summary'} {tz}"
        print(f"{name:24}" + "".join(f"{c:>44}" for c in cells))
PY
