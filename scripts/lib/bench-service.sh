# Shared by the bench-*.sh scripts: start a local PostgreSQL (local-cluster.jar run, built here when
# missing) and the built service on it, and stop both when the script exits. Source it after setting PORT, HTTP_PORT, ADMIN_PORT and
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

LOCAL_CLUSTER_JAR=${LOCAL_CLUSTER_JAR:-local-cluster/target/local-cluster.jar}

stop_bench_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  # Then the servers: the service drained its queue into them first.
  [ -n "${CLUSTER_PID:-}" ] && kill "$CLUSTER_PID" 2>/dev/null && wait "$CLUSTER_PID" 2>/dev/null || true
  SERVICE_PID='' CLUSTER_PID=''
}

# start_bench_service DATA_DIR LOG_FILE: returns once the health check passes, or exits with the log's tail.
# The servers' own output goes to LOG_FILE less .log plus .cluster.log.
# It exports PGPASSWORD, the database's password (kept in DATA_DIR.password), for psql and the tools.
start_bench_service() {
  local data_dir=${1%/} log=$2
  local cluster_log="${log%.log}.cluster.log"
  [ -f "$LOCAL_CLUSTER_JAR" ] || mvn -B -q -DskipTests -pl local-cluster package
  rm -f "$data_dir.env"   # left by a killed run: it must not look ready before this run is
  local cluster_args=(--engine "$BENCH_ENGINE" --dir "$data_dir" --port "$PORT" --workers "${BENCH_CITUS_WORKERS:-2}"
    --shards "${BENCH_CITUS_SHARDS:-12}")
  [ "${BENCH_REPLICA:-false}" = true ] && cluster_args+=(--replicated)
  java -jar "$LOCAL_CLUSTER_JAR" run "${cluster_args[@]}" > "$cluster_log" 2>&1 &
  CLUSTER_PID=$!
  for _ in $(seq 1 300); do   # a pg_auto_failover formation of 6 servers takes a minute or two to build
    [ -f "$data_dir.env" ] && break
    kill -0 "$CLUSTER_PID" 2>/dev/null || break
    sleep 1
  done
  [ -f "$data_dir.env" ] || { tail -30 "$cluster_log"; exit 1; }
  (
    set -a
    . "$data_dir.env"   # ANALYTICS_DB_URL, ANALYTICS_DB_USER, ANALYTICS_DB_PASSWORD
    set +a
    ANALYTICS_HTTP_PORT=$HTTP_PORT ANALYTICS_ADMIN_PORT=$ADMIN_PORT ANALYTICS_LOCAL_REPLICA=${BENCH_REPLICA:-false} \
      exec java -Xmx4g -jar "$SERVICE_JAR" server "${SERVICE_CONFIG:-service/config.yml}"
  ) > "$log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null 2>&1; then
      PGPASSWORD=$(cat "$data_dir.password")
      export PGPASSWORD
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 1
  done
  tail -30 "$log"
  exit 1
}
