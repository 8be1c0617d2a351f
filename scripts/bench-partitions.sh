#!/usr/bin/env bash
# Whether the rollup step and the dashboards' raw tail get slower as raw-event partitions
# accumulate: JMH PartitionCountBenchmark with 2 and 90 daily partitions, side by side in one run,
# on a throwaway PostgreSQL and then on a throwaway Citus cluster (a coordinator, two workers,
# 12 shards). Results: $BENCH_DIR/partitions-{postgres,citus}.{txt,json}.
# Usage: scripts/bench-partitions.sh [postgres|citus|both]   (BENCH_JMH_ARGS adds JMH options)
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINES=${1:-both}
BENCH_DIR=${BENCH_DIR:-/tmp/bench-partitions}
mkdir -p "$BENCH_DIR"
mvn -B -q -DskipTests -pl benchmarks -am package
for engine in postgres citus; do
  [ "$ENGINES" = both ] || [ "$ENGINES" = "$engine" ] || continue
  echo "== $engine: PartitionCountBenchmark, partitions=2,90"
  ANALYTICS_BENCH_ENGINE=$engine java -jar benchmarks/target/benchmarks.jar PartitionCountBenchmark \
    ${BENCH_JMH_ARGS:-} -rf json -rff "$BENCH_DIR/partitions-$engine.json" | tee "$BENCH_DIR/partitions-$engine.txt" \
    | grep -E "^Benchmark|PartitionCountBenchmark\.[a-zA-Z]+(:p0.50|:p0.99)? " || true
done
