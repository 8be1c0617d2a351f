#!/usr/bin/env bash
# Scale-out on CPU-capped Citus nodes: does adding workers add ingest and query capacity?
#
# Every node of a local Citus cluster (coordinator and each worker) runs in a cgroup of its own with
# a fixed CPU quota, so each behaves like a small machine; the service and the load generator run
# uncapped beside them. The same workload then runs with 1, 2 and 4 workers on one cluster whose
# data stays: after each step the service stops, the cluster restarts with more workers, and
# citus_rebalance_start (POST /v1/cluster/rebalance) spreads the shards before the next step.
# Each step measures:
#   - ingest: the load generator, open loop, above what the cluster takes, then `verify` (lost = 0);
#   - the rollup job: its lag in seconds when ingest ends, and how long it takes to catch up;
#   - dashboard queries, open loop, single-institution and platform mixes apart: rates doubled from
#     BENCH_SCALING_QUERY_START until p99 passes 100 ms; the highest rate held, with its p50/p99;
#   - the CPU each node, the service and the load generator used (cores = CPU seconds / wall).
# Writes target/scaling.json and prints a table.
#
# Settings (environment):
#   BENCH_SCALING_CPU_WORKER [0.25]       cores per worker
#   BENCH_SCALING_CPU_COORDINATOR [0.5]   cores for the coordinator
#   BENCH_SCALING_WORKERS ["1 2 4"]       worker counts, ascending
#   BENCH_SCALING_SHARDS [32]             shards per table (Citus's default)
#   BENCH_SCALING_RATE [40000]            ingest target, events/s: above what the cluster takes
#   BENCH_SCALING_QUERY_S [20]            seconds per query rate tried (after 10 s of warm-up: each pooled
#                                         connection opens its worker connections on first use)
#   BENCH_SCALING_QUERY_START [5]         first query rate tried, requests/s
#   BENCH_SCALING_ROUTING [nodes]         ingest.citusRouting: nodes (every worker) or coordinator
#   BENCH_SCALING_MIXED_BATCHES=1         every request mixes institutions (default: one institution per
#                                         request, as clients with institution keys send)
#   BENCH_SCALING_WRITER_THREADS [2]      ingest.writerThreads, per node
#   BENCH_SCALING_SKEW [1.1]              Zipf exponent of institution activity (0: every institution alike)
#   BENCH_SCALING_DURATION [60]           seconds of ingest measured per step, after
#   BENCH_SCALING_INGEST_WARMUP [15]      seconds of the same load, not measured
#   BENCH_SCALING_QUICK=1                 5 + 15 s of ingest and 5 s per query rate
# Needs root (cgroups). Usage: scripts/bench-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CPU_WORKER=${BENCH_SCALING_CPU_WORKER:-0.25}
CPU_COORDINATOR=${BENCH_SCALING_CPU_COORDINATOR:-0.5}
WORKER_COUNTS=(${BENCH_SCALING_WORKERS:-1 2 4})
SHARDS=${BENCH_SCALING_SHARDS:-32}
RATE=${BENCH_SCALING_RATE:-40000}
ROUTING=${BENCH_SCALING_ROUTING:-nodes}
SKEW=${BENCH_SCALING_SKEW:-1.1}
BATCHES=--batch-per-institution
[ "${BENCH_SCALING_MIXED_BATCHES:-}" = 1 ] && BATCHES=
export ANALYTICS_INGEST_WRITER_THREADS=${BENCH_SCALING_WRITER_THREADS:-${ANALYTICS_INGEST_WRITER_THREADS:-2}}
if [ -n "${BENCH_SCALING_QUICK:-}" ]; then
  DURATION=15; INGEST_WARMUP=5; QUERY_S=5; QUERY_WARMUP=2
else
  DURATION=${BENCH_SCALING_DURATION:-60}; INGEST_WARMUP=${BENCH_SCALING_INGEST_WARMUP:-15}
  QUERY_S=${BENCH_SCALING_QUERY_S:-20}; QUERY_WARMUP=10
fi
QUERY_START=${BENCH_SCALING_QUERY_START:-5}
QUERY_MAX=3200
P99_LIMIT_MS=100
# Below the ephemeral range (32768-60999), so no outgoing connection holds a node's port when it starts.
PORT=${BENCH_PG_PORT:-25460}
HTTP_PORT=${BENCH_HTTP_PORT:-18100}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18101}
WORK=$(mktemp -d /tmp/bench-scaling.XXXXXX)
chmod 755 "$WORK"
OUT=${BENCH_SCALING_OUT:-target/scaling.json}
mkdir -p "$(dirname "$OUT")"

mvn -B -q -DskipTests -pl service,load-generator -am package
SERVICE_JAR=service/target/analytics-service.jar
LG=(java -jar load-generator/target/load-generator.jar)

BENCH_ENGINE=citus
BENCH_CITUS_SHARDS=$SHARDS
. scripts/lib/bench-service.sh
. scripts/lib/cpu-caps.sh
cleanup() {
  stop_bench_service
  cpu_caps_cleanup
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

export ANALYTICS_BOOTSTRAP_ADMIN_KEY="bench-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LOADGEN_API_KEY="$ANALYTICS_BOOTSTRAP_ADMIN_KEY"
export ANALYTICS_CITUS_INGEST_ROUTING=$ROUTING
AUTH=(-H "Authorization: Bearer $ANALYTICS_BOOTSTRAP_ADMIN_KEY")
API="http://127.0.0.1:$HTTP_PORT"
hz=$(getconf CLK_TCK)
process_cpu() { awk -v hz="$hz" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
metric() { curl -sf "http://127.0.0.1:$ADMIN_PORT/prometheus" | awk -v m="$1" '$1 == m {print $2}'; }
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d analytics -qAt)
# Events the rollup job has not aggregated yet.
unrolled_events() {
  "${PSQL[@]}" -c "SELECT (SELECT COALESCE(max(id), 0) FROM analytics_events)
                          - COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)"
}
committed_events() { curl -sf "http://127.0.0.1:$ADMIN_PORT/prometheus" | awk '/^analytics_ingest_node_events_total/ {n += $2} END {printf "%d\n", n}'; }

nodes=()
# Puts every node's processes (postmaster and its children) into the node's capped group.
cap_nodes() {
  local workers=$1 node pm
  nodes=(coordinator)
  for i in $(seq 1 "$workers"); do nodes+=("worker-$i"); done
  for node in "${nodes[@]}"; do
    if [ "$node" = coordinator ]; then cpu_caps_group "$node" "$CPU_COORDINATOR"; else cpu_caps_group "$node" "$CPU_WORKER"; fi
    pm=$(head -1 "$WORK/citus/$node/postmaster.pid")
    cpu_caps_add "$node" "$pm" $(pgrep -P "$pm")
  done
}

# node_cpu: "name seconds" for every node, on one line each.
node_cpu() { for node in "${nodes[@]}"; do echo "$node $(cpu_caps_seconds "$node") $(cpu_caps_throttled "$node")"; done; }

await_rebalance() {
  local started job state
  started=$(curl -sf -X POST "${AUTH[@]}" "$API/v1/cluster/rebalance")
  job=$(python3 -c "import json,sys; print(json.loads(sys.argv[1]).get('job_id') or '')" "$started")
  [ -n "$job" ] || { echo "   nothing to rebalance: $started"; return 0; }
  for _ in $(seq 1 1800); do
    state=$(curl -sf "${AUTH[@]}" "$API/v1/cluster/rebalance" | python3 -c "import json,sys; print(json.load(sys.stdin)['job']['state'])")
    case "$state" in scheduled|running|cancelling|failing) sleep 1 ;; *) break ;; esac
  done
  [ "$state" = finished ] || { echo "rebalance ended $state" >&2; exit 1; }
}

# query_capacity NAME ENDPOINTS: doubles the rate until p99 > limit (or errors); prints "rate p50 p99" of the last rate held.
query_capacity() {
  local name=$1 endpoints=$2 rate=$QUERY_START held="0 0 0" report result
  while [ "$rate" -le "$QUERY_MAX" ]; do
    report="$WORK/query-$name-$rate.json"
    "${LG[@]}" query --target "$API" --rate "$rate" --warmup "${QUERY_WARMUP}s" --duration "${QUERY_S}s" --concurrency 32 \
      --institutions 1000 --skew "$SKEW" --range-days 30 --endpoints "$endpoints" --request-timeout 5s --report "$report" >/dev/null 2>&1 || true
    result=$(python3 - "$report" "$rate" "$P99_LIMIT_MS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); rate = int(sys.argv[2]); limit = float(sys.argv[3])
lat = r["latency_ms"]
ok = r["errors"] == 0 and lat["p99"] <= limit and r["achieved_rate"] >= 0.95 * rate
print(("held" if ok else "missed"), rate, round(lat["p50"], 1), round(lat["p99"], 1))
EOF
)
    echo "   $name at $rate/s: ${result#* }" >&2
    [ "${result%% *}" = held ] || break
    held=${result#held }
    rate=$((rate * 2))
  done
  echo "$held"
}

results="$WORK/runs.jsonl"
: > "$results"
previous=0
for workers in "${WORKER_COUNTS[@]}"; do
  echo "== $workers worker(s): $CPU_WORKER cores each, coordinator $CPU_COORDINATOR; $SHARDS shards; routing $ROUTING;" \
       "${BATCHES:-mixed batches}; skew $SKEW; $ANALYTICS_INGEST_WRITER_THREADS writer threads per node"
  BENCH_CITUS_WORKERS=$workers start_bench_service "$WORK/citus" "$WORK/service-$workers.log"
  rebalance_s=0
  if [ "$previous" -gt 0 ]; then
    # Before the caps: moving shards is not what is measured here (CitusScaleOutTest moves them under load).
    echo "   rebalancing onto the new worker(s), uncapped"
    t0=$(date +%s.%N)
    await_rebalance
    rebalance_s=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
    echo "   rebalance took $rebalance_s s"
  fi
  cap_nodes "$workers"

  echo "   ingest: $RATE events/s target for $INGEST_WARMUP s of warm-up, then $DURATION s measured"
  # The rate is what the service committed while the load generator sent (its counter, sampled
  # after the warm-up, while the writers' connections and the workers' new backends start, and at
  # the end of the sending); requests still queued then are drained, then verified.
  /usr/bin/time -o "$WORK/loadgen.time" -f "%U %S" "${LG[@]}" ingest --target "$API" --rate "$RATE" --duration "$((INGEST_WARMUP + DURATION))s" \
    --batch-size 500 --concurrency 16 --institutions 1000 --skew "$SKEW" --scenario steady --seed "$workers" $BATCHES \
    --run-id "scale$workers" --drain-timeout 30s --report "$WORK/ingest-$workers.json" > "$WORK/ingest-$workers.out" &
  loadgen_pid=$!
  sleep "$INGEST_WARMUP"
  cpu_before=$(node_cpu); service_before=$(process_cpu "$SERVICE_PID"); committed_before=$(committed_events); t0=$(date +%s.%N)
  sleep "$DURATION"
  t1=$(date +%s.%N); cpu_after=$(node_cpu); service_after=$(process_cpu "$SERVICE_PID"); committed_after=$(committed_events)
  lag_at_end=$(metric analytics_rollup_lag_seconds)   # when the sending ended
  # (non-zero when requests still failed after their retries: expected above capacity; verify decides)
  wait "$loadgen_pid" || true
  tail -3 "$WORK/ingest-$workers.out" | sed 's/^/   /'
  "${LG[@]}" verify --db-url "jdbc:postgresql://127.0.0.1:$PORT/analytics" --db-user postgres \
    --report "$WORK/ingest-$workers.json" > "$WORK/verify-$workers.out" || true
  sed 's/^/   /' "$WORK/verify-$workers.out" | grep -E 'acknowledged|missing|duplicated|OK|FAILED'
  catch_up_start=$(date +%s.%N)
  for _ in $(seq 1 1200); do
    [ "$(unrolled_events)" = 0 ] && break
    sleep 0.5
  done
  catch_up_s=$(python3 -c "print(round($(date +%s.%N) - $catch_up_start, 1))")

  echo "   queries: rates doubled from $QUERY_START/s until p99 > $P99_LIMIT_MS ms"
  qcpu_before=$(node_cpu); q0=$(date +%s.%N)
  institution=$(query_capacity institution activity,summary,geo,credential-types)
  platform=$(query_capacity platform platform-institutions,platform-geo)
  q1=$(date +%s.%N); qcpu_after=$(node_cpu)

  python3 - "$workers" "$WORK" "$t0" "$t1" "$q0" "$q1" "$service_before" "$service_after" "$lag_at_end" "$catch_up_s" \
    "$rebalance_s" "$institution" "$platform" "$cpu_before" "$cpu_after" "$qcpu_before" "$qcpu_after" \
    "$committed_before" "$committed_after" "$INGEST_WARMUP" >> "$results" <<'EOF'
import json, sys, re
(workers, work, t0, t1, q0, q1, sb, sa, lag, catch_up, rebalance, inst, plat,
 cb, ca, qb, qa, committed_before, committed_after, ingest_warmup) = sys.argv[1:]
workers = int(workers)
def cores(before, after, wall):
    b = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in before.splitlines()}
    a = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in after.splitlines()}
    return {n: {"cores": round((a[n][0] - b[n][0]) / wall, 3), "throttled_s": round(a[n][1] - b[n][1], 1)} for n in a}
ingest_wall = float(t1) - float(t0)
query_wall = float(q1) - float(q0)
report = json.load(open(f"{work}/ingest-{workers}.json"))
verify = open(f"{work}/verify-{workers}.out").read()
missing = int(re.search(r"^missing: (\d+)", verify, re.M).group(1))
duplicated = int(re.search(r"^duplicated: (\d+)", verify, re.M).group(1))
loadgen = sum(map(float, open(f"{work}/loadgen.time").read().splitlines()[-1].split()))  # GNU time may add a status line first
loadgen_wall = ingest_wall + float(ingest_warmup)  # its whole sending (its drain is short)
inst_rate, inst_p50, inst_p99 = inst.split()
plat_rate, plat_p50, plat_p99 = plat.split()
print(json.dumps({
    "workers": workers,
    "ingest_events_per_s": round((int(committed_after) - int(committed_before)) / ingest_wall),
    "loadgen_acked_events_per_s": round(report["achieved_rate"]),
    "ingest_p99_ms": report["latency_ms"]["p99"],
    "ingest_failed_requests": report["errors"],
    "query_requests_per_s": int(plat_rate),
    "query_p50_ms": float(plat_p50),
    "query_p99_ms": float(plat_p99),
    "institution_query_requests_per_s": int(inst_rate),
    "institution_query_p50_ms": float(inst_p50),
    "institution_query_p99_ms": float(inst_p99),
    "rollup_lag_s": float(lag or "nan"),
    "rollup_catch_up_s": float(catch_up),
    "rebalance_s": float(rebalance),
    "lost": missing,
    "duplicated": duplicated,
    "ingest_cpu": {**cores(cb, ca, ingest_wall),
                   "service": {"cores": round((float(sa) - float(sb)) / ingest_wall, 3)},
                   "load_generator": {"cores": round(loadgen / loadgen_wall, 3)}},
    "query_cpu": cores(qb, qa, query_wall),
}))
EOF
  tail -1 "$results" | python3 -c "import json,sys; r=json.load(sys.stdin); print('   ingest CPU (cores):', ', '.join(f\"{k} {v['cores']}\" for k,v in r['ingest_cpu'].items()))"
  stop_bench_service
  SERVICE_PID=
  previous=$workers
done

python3 - "$results" "$OUT" "$CPU_WORKER" "$CPU_COORDINATOR" "$SHARDS" "$ROUTING" "$RATE" "$DURATION" "$QUERY_S" \
  "$BATCHES" "$ANALYTICS_INGEST_WRITER_THREADS" "$SKEW" "$INGEST_WARMUP" <<'EOF'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
out = {"cpu_per_worker": float(sys.argv[3]), "cpu_coordinator": float(sys.argv[4]), "shards": int(sys.argv[5]),
       "ingest_routing": sys.argv[6], "batch_per_institution": sys.argv[10] != "", "writer_threads_per_node": int(sys.argv[11]), "skew": float(sys.argv[12]), "ingest_target_events_per_s": int(sys.argv[7]), "ingest_seconds": int(sys.argv[8]), "ingest_warmup_seconds": int(sys.argv[13]),
       "query_seconds_per_rate": int(sys.argv[9]), "runs": runs}
json.dump(out, open(sys.argv[2], "w"), indent=2)
base = runs[0]
print()
print(f"{'workers':>7} {'ingest/s':>9} {'x':>5} {'platform q/s':>12} {'p50':>6} {'p99':>6} {'x':>5} {'inst q/s':>8} {'p50':>6} {'p99':>6} {'lag s':>6} {'lost':>4}  node CPU while ingesting (cores, throttled s)")
for r in runs:
    cpu = ", ".join(f"{k} {v['cores']}" + (f" ({v['throttled_s']})" if "throttled_s" in v else "") for k, v in r["ingest_cpu"].items())
    px = r["query_requests_per_s"] / base["query_requests_per_s"] if base["query_requests_per_s"] else float("nan")
    print(f"{r['workers']:>7} {r['ingest_events_per_s']:>9} {r['ingest_events_per_s'] / base['ingest_events_per_s']:>5.2f}"
          f" {r['query_requests_per_s']:>12} {r['query_p50_ms']:>6} {r['query_p99_ms']:>6} {px:>5.2f}"
          f" {r['institution_query_requests_per_s']:>8} {r['institution_query_p50_ms']:>6} {r['institution_query_p99_ms']:>6}"
          f" {r['rollup_lag_s']:>6} {r['lost']:>4}  {cpu}")
print(f"\nwritten to {sys.argv[2]}")
EOF
