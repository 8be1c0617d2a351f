# Shared by bench-queries.sh and bench-zones.sh: a year of history in the running bench service's
# database, loaded once per BENCH_DIR. Source it after bench-service.sh, with BENCH_DIR, PSQL and LG
# set and the service running.
#   load_history COUNT: on the first call for COUNT, generate COUNT events over the last 365 days
#   across 1,000 institutions (Zipf 1.1: the busiest holds ~18%), \copy them in, and time how long
#   the running service's rollup job takes to aggregate them all.

rollup_lag() {
  "${PSQL[@]}" -c "SELECT (SELECT COALESCE(max(id), 0) FROM analytics_events)
                          - COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)"
}

load_history() {
  local count=$1
  if [ -f "$BENCH_DIR/loaded-$count" ]; then
    cat "$BENCH_DIR/loaded-$count"
    return
  fi
  echo "== generating $count events over 365 days"
  "${LG[@]}" generate --count "$count" --seed 7 --institutions 1000 --skew 1.1 --history-days 365 \
    --run-id bench --out "$BENCH_DIR/events.csv" --format csv
  echo "== daily partitions for the 366 days of history, then \\copy into analytics_events (the service's rollup job runs meanwhile)"
  "${PSQL[@]}" -c "SELECT analytics_create_partitions(ARRAY(SELECT CURRENT_DATE - i FROM generate_series(-1, 366) AS i))"
  local start copied done_at
  start=$(date +%s.%N)
  "${PSQL[@]}" -c "\\copy analytics_events (event_id, event_type, institution_id, issued_at, metadata) FROM '$BENCH_DIR/events.csv' WITH (FORMAT csv)"
  copied=$(date +%s.%N)
  while [ "$(rollup_lag)" -gt 0 ]; do sleep 1; done
  done_at=$(date +%s.%N)
  rm -f "$BENCH_DIR/events.csv"
  "${PSQL[@]}" -c "VACUUM ANALYZE"
  python3 - "$count" "$start" "$copied" "$done_at" <<'PY' | tee "$BENCH_DIR/loaded-$count"
import sys
count, start, copied, done = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"loaded {count} events: \\copy {copied - start:.0f} s ({count / (copied - start):,.0f}/s); "
      f"rollups complete {done - start:.0f} s after the load began ({count / (done - start):,.0f} events/s aggregated)")
PY
}
