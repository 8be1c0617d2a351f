# Shared by the bench-*.sh scripts: start the built service on a self-managed PostgreSQL and
# stop it when the script exits. Source it after setting PORT, HTTP_PORT, ADMIN_PORT and
# SERVICE_JAR (and SERVICE_CONFIG, default service/config.yml); ANALYTICS_BOOTSTRAP_ADMIN_KEY, if exported, becomes the run's admin key.
# BENCH_ENGINE=citus runs it on a local Citus cluster instead: the coordinator on PORT and two
# workers on PORT+1 and PORT+2 (BENCH_CITUS_SHARDS shards per table, default 12; BENCH_CITUS_WORKERS
# workers, default 2).
# BENCH_REPLICA=true runs every node as a primary and a synchronous secondary under pg_auto_failover.
BENCH_ENGINE=${BENCH_ENGINE:-postgres}
case "$BENCH_ENGINE" in
  postgres) BENCH_CITUS=false ;;
  citus) BENCH_CITUS=true ;;
  *) echo "BENCH_ENGINE must be postgres or citus, not $BENCH_ENGINE" >&2; exit 2 ;;
esac

stop_bench_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
}

# start_bench_service DATA_DIR LOG_FILE: returns once the health check passes, or exits with the log's tail.
# It exports PGPASSWORD, the database's password (kept in DATA_DIR.password), for psql and the tools.
start_bench_service() {
  local data_dir=$1 log=$2
  ANALYTICS_LOCAL_DB=true ANALYTICS_LOCAL_DB_DIR="$data_dir" ANALYTICS_LOCAL_DB_PORT=$PORT \
  ANALYTICS_LOCAL_CITUS=$BENCH_CITUS ANALYTICS_LOCAL_REPLICA=${BENCH_REPLICA:-false} ANALYTICS_LOCAL_CITUS_SHARDS=${BENCH_CITUS_SHARDS:-12} \
  ANALYTICS_LOCAL_CITUS_WORKERS=${BENCH_CITUS_WORKERS:-2} \
  ANALYTICS_HTTP_PORT=$HTTP_PORT ANALYTICS_ADMIN_PORT=$ADMIN_PORT \
    java -Xmx4g -jar "$SERVICE_JAR" server "${SERVICE_CONFIG:-service/config.yml}" > "$log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 300); do   # a pg_auto_failover formation of 6 servers takes a minute or two to build
    if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null 2>&1; then
      if [ -f "${data_dir%/}.password" ]; then  # not with a jar from before local passwords
        PGPASSWORD=$(cat "${data_dir%/}.password")
        export PGPASSWORD
      fi
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 1
  done
  tail -30 "$log"
  exit 1
}
