#!/usr/bin/env bash
# Builds the service and the local cluster, starts a PostgreSQL (local-cluster.jar run; data in
# ./data/postgres, kept across restarts) and runs the service on it. Ctrl-C stops the service, which
# drains its write queue, then the database.
# ANALYTICS_LOCAL_CITUS=true runs it on a local Citus cluster instead (data in ./data/citus).
# ANALYTICS_LOCAL_REPLICA=true runs every node (on Citus: the coordinator and each worker) as a primary
# and a synchronous secondary under pg_auto_failover, with its monitor: a dead primary is replaced by
# its secondary within seconds, by itself. The data then lives in ./data/postgres-replicated
# (./data/citus-replicated), one directory per server; Ctrl-C stops the keepers and the monitor too.
# ANALYTICS_LOCAL_DB_DIR moves the data, ANALYTICS_LOCAL_DB_PORT (55432) the first server's port;
# ANALYTICS_LOCAL_CITUS_WORKERS (2) and ANALYTICS_LOCAL_CITUS_SHARDS (12) size a Citus cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVICE_JAR=service/target/analytics-service.jar
LOCAL_CLUSTER_JAR=local-cluster/target/local-cluster.jar
stale() { # stale JAR SOURCES...: the jar is missing or older than one of the sources
  local jar=$1; shift
  [ ! -f "$jar" ] || [ -n "$(find "$@" -newer "$jar" -print -quit)" ]
}
if stale "$SERVICE_JAR" service/src sql pom.xml service/pom.xml \
   || stale "$LOCAL_CLUSTER_JAR" local-cluster/src pom.xml local-cluster/pom.xml; then
  # Debian's Maven 3.8 prints bare colour resets (ESC[0m) even in batch mode: drop them (pipefail keeps its status).
  mvn -B -q -DskipTests -pl local-cluster,service -am package 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g'
fi

ENGINE=postgres
[ "${ANALYTICS_LOCAL_CITUS:-false}" = true ] && ENGINE=citus
ENGINE_DIR=$ENGINE
[ "${ANALYTICS_LOCAL_REPLICA:-false}" = true ] && ENGINE_DIR="$ENGINE_DIR-replicated"
export ANALYTICS_LOCAL_DB_DIR="${ANALYTICS_LOCAL_DB_DIR:-$PWD/data/$ENGINE_DIR}"

# Every /v1 request needs an API key. Unless ANALYTICS_BOOTSTRAP_ADMIN_KEY is set, the first run
# generates a random admin key and keeps it next to the data (mode 600), so that restarts reuse it.
if [ -z "${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-}" ]; then
  KEY_FILE="${ANALYTICS_LOCAL_DB_DIR%/}.admin-key"
  if [ ! -s "$KEY_FILE" ]; then
    mkdir -p "$(dirname "$KEY_FILE")"
    (umask 077 && printf 'local-admin-%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$KEY_FILE")
  fi
  ANALYTICS_BOOTSTRAP_ADMIN_KEY="$(cat "$KEY_FILE")"
  export ANALYTICS_BOOTSTRAP_ADMIN_KEY
fi

# Dashboard embed tokens are signed with a key kept the same way, so links outlive restarts.
if [ -z "${ANALYTICS_EMBED_SIGNING_KEY:-}" ]; then
  EMBED_KEY_FILE="${ANALYTICS_LOCAL_DB_DIR%/}.embed-key"
  if [ ! -s "$EMBED_KEY_FILE" ]; then
    mkdir -p "$(dirname "$EMBED_KEY_FILE")"
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$EMBED_KEY_FILE")
  fi
  ANALYTICS_EMBED_SIGNING_KEY="$(cat "$EMBED_KEY_FILE")"
  export ANALYTICS_EMBED_SIGNING_KEY
fi

# The database first. It runs in a session of its own, so that Ctrl-C reaches only the service,
# which drains its write queue into the database; the servers stop after it (the EXIT trap).
CLUSTER_ARGS=(--engine "$ENGINE" --dir "$ANALYTICS_LOCAL_DB_DIR" --port "${ANALYTICS_LOCAL_DB_PORT:-55432}"
  --workers "${ANALYTICS_LOCAL_CITUS_WORKERS:-2}" --shards "${ANALYTICS_LOCAL_CITUS_SHARDS:-12}")
[ "${ANALYTICS_LOCAL_REPLICA:-false}" = true ] && CLUSTER_ARGS+=(--replicated)
# Written by the cluster once its servers are ready (mode 600): ANALYTICS_DB_URL, _USER, _PASSWORD.
CONNECTION_FILE="${ANALYTICS_LOCAL_DB_DIR%/}.env"
rm -f "$CONNECTION_FILE"  # left by a killed run: it must not look ready before this run is
setsid java ${JAVA_OPTS:-} -jar "$LOCAL_CLUSTER_JAR" run "${CLUSTER_ARGS[@]}" &
CLUSTER_PID=$!
stop_cluster() {
  kill -TERM "$CLUSTER_PID" 2>/dev/null || true
  while kill -0 "$CLUSTER_PID" 2>/dev/null; do wait "$CLUSTER_PID" 2>/dev/null || true; done
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 300); do  # a pg_auto_failover formation of 6 servers takes a minute or two to build
  [ -f "$CONNECTION_FILE" ] && break
  kill -0 "$CLUSTER_PID" 2>/dev/null || break
  sleep 1
done
if [ ! -f "$CONNECTION_FILE" ]; then
  echo "run-local.sh: the local database did not start (its output is above)" >&2
  exit 1
fi
set -a
. "$CONNECTION_FILE"
set +a

java ${JAVA_OPTS:-} -jar "$SERVICE_JAR" server service/config.yml &
SERVICE_PID=$!
# Ctrl-C reaches the service too (same process group); it drains its queue, then the EXIT trap stops the database.
trap 'kill -TERM "$SERVICE_PID" 2>/dev/null || true' INT TERM

HTTP="http://127.0.0.1:${ANALYTICS_HTTP_PORT:-8080}"
ADMIN="http://127.0.0.1:${ANALYTICS_ADMIN_PORT:-8081}"
for _ in $(seq 1 180); do
  kill -0 "$SERVICE_PID" 2>/dev/null || break
  # The API port opens once the service has started (migrations, bootstrap key, every component).
  (: > "/dev/tcp/127.0.0.1/${ANALYTICS_HTTP_PORT:-8080}") 2>/dev/null && break
  sleep 1
done
if kill -0 "$SERVICE_PID" 2>/dev/null; then
  cat <<BANNER

================================================================================
 Ready on $HTTP (API). Health: $ADMIN/healthcheck  Metrics: $ADMIN/prometheus
 Admin API key (every /v1 request needs one):

   $ANALYTICS_BOOTSTRAP_ADMIN_KEY

 Try:
   curl -s -H "Authorization: Bearer $ANALYTICS_BOOTSTRAP_ADMIN_KEY" \\
     '$HTTP/v1/platform/institutions?from=2026-03-01&to=2026-04-01'
 A dashboard link for institution 42 (valid for an hour; open $HTTP + dashboard_path):
   curl -s -X POST -H "Authorization: Bearer $ANALYTICS_BOOTSTRAP_ADMIN_KEY" \\
     -H 'Content-Type: application/json' -d '{"ttl_seconds": 3600}' $HTTP/v1/institutions/42/embed-tokens
 API docs (Swagger UI): $HTTP/docs/
 A key for one institution (in another terminal, while this runs):
   (set -a; . $CONNECTION_FILE; java -jar $SERVICE_JAR keys create \\
     --institution 42 --scopes ingest,read service/config.yml)
 The load generator is built apart (this script builds the service only):
   mvn -B -q -DskipTests -pl load-generator -am package
   java -jar load-generator/target/load-generator.jar --help
 A year of history, so that the dashboards show twelve full months (institution 1 is the busiest):
   java -jar load-generator/target/load-generator.jar history --target $HTTP \\
     --api-key $ANALYTICS_BOOTSTRAP_ADMIN_KEY --days 365 --events 2000000
================================================================================

BANNER
fi
wait "$SERVICE_PID" || status=$?
# An interrupted wait returns early: wait for the service to finish stopping.
while kill -0 "$SERVICE_PID" 2>/dev/null; do wait "$SERVICE_PID" || status=$?; done
exit "${status:-0}"
