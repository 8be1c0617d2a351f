#!/usr/bin/env bash
# The cost of the synchronous secondaries (pg_auto_failover), side by side in one run: scripts/bench-ingest.sh without a
# standby, then with one (BENCH_REPLICA=true), same events and load. Every batch is delivered in
# both runs (a long drain timeout), so "service end-to-end" is each set-up's saturated rate.
# Usage: scripts/bench-replica.sh [RATE] [DURATION_S]   (BENCH_ENGINE=citus: every Citus node replicated)
set -euo pipefail
cd "$(dirname "$0")/.."
for replica in false true; do
  echo "##### ${BENCH_ENGINE:-postgres}, synchronous standby: $replica"
  BENCH_REPLICA=$replica BENCH_DRAIN_TIMEOUT=600s scripts/bench-ingest.sh "${1:-50000}" "${2:-30}" \
    | grep -E '^(raw|service|ratio|cores|rollup lag|  p50|  p99 |OK|missing|duplicated)'
done
