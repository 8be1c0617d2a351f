#!/usr/bin/env bash
# Builds the service and runs it on a PostgreSQL it manages itself (data in ./data/postgres,
# kept across restarts). Ctrl-C stops the service and the database cleanly.
# ANALYTICS_LOCAL_CITUS=true runs it on a local Citus cluster instead (data in ./data/citus).
# ANALYTICS_LOCAL_REPLICA=true runs every node (on Citus: the coordinator and each worker) as a primary
# and a synchronous secondary under pg_auto_failover, with its monitor: a dead primary is replaced by
# its secondary within seconds, by itself. The data then lives in ./data/postgres-replicated
# (./data/citus-replicated), one directory per server; Ctrl-C stops the keepers and the monitor too.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f service/target/analytics-service.jar ] || [ -n "$(find service/src sql pom.xml service/pom.xml -newer service/target/analytics-service.jar -print -quit)" ]; then
  # Debian's Maven 3.8 prints bare colour resets (ESC[0m) even in batch mode: drop them (pipefail keeps its status).
  mvn -B -q -DskipTests -pl service -am package 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g'
fi

export ANALYTICS_LOCAL_DB=true
# ANALYTICS_LOCAL_CITUS=true: a local Citus cluster (coordinator + 2 workers) instead, in ./data/citus.
ENGINE_DIR=postgres
[ "${ANALYTICS_LOCAL_CITUS:-false}" = true ] && ENGINE_DIR=citus
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

java ${JAVA_OPTS:-} -jar service/target/analytics-service.jar server service/config.yml &
SERVICE_PID=$!
# Ctrl-C reaches the service too (same process group); it drains its queue and stops the database.
trap 'kill -TERM "$SERVICE_PID" 2>/dev/null || true' INT TERM

HTTP="http://127.0.0.1:${ANALYTICS_HTTP_PORT:-8080}"
ADMIN="http://127.0.0.1:${ANALYTICS_ADMIN_PORT:-8081}"
for _ in $(seq 1 180); do
  kill -0 "$SERVICE_PID" 2>/dev/null || break
  # The API port opens once the service has started (migrations, bootstrap key, every component).
  (: > "/dev/tcp/127.0.0.1/${ANALYTICS_HTTP_PORT:-8080}") 2>/dev/null && break
  sleep 1
done
# What a command in another terminal needs to reach the same local database.
COMMAND_ENV="ANALYTICS_LOCAL_DB=true"
if [ "$ENGINE_DIR" != postgres ]; then
  COMMAND_ENV="ANALYTICS_LOCAL_DB=true ANALYTICS_LOCAL_CITUS=${ANALYTICS_LOCAL_CITUS:-false} ANALYTICS_LOCAL_REPLICA=${ANALYTICS_LOCAL_REPLICA:-false} ANALYTICS_LOCAL_DB_DIR=$ANALYTICS_LOCAL_DB_DIR"
fi
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
   $COMMAND_ENV java -jar service/target/analytics-service.jar keys create \\
     --institution 42 --scopes ingest,read service/config.yml
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
