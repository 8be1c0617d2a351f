#!/bin/sh
# One-shot: wait for the Citus coordinator and workers, then register the workers with the
# coordinator. Safe to run again: nodes already in pg_dist_node are skipped.
set -eu
: "${CITUS_COORDINATOR:=coordinator}"
: "${CITUS_WORKERS:=worker1 worker2}"
export PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-postgres}"

for host in "$CITUS_COORDINATOR" $CITUS_WORKERS; do
  until pg_isready -q -h "$host" -p 5432; do
    echo "waiting for $host"
    sleep 1
  done
done

psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -v coordinator="$CITUS_COORDINATOR" <<'SQL'
SELECT citus_set_coordinator_host(:'coordinator', 5432);
SQL

for worker in $CITUS_WORKERS; do
  psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -v worker="$worker" <<'SQL'
SELECT citus_add_node(:'worker', 5432)
WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = :'worker' AND nodeport = 5432);
SQL
done

psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -c \
  "SELECT nodename, nodeport, noderole, isactive, shouldhaveshards FROM pg_dist_node ORDER BY nodeid"
