#!/bin/sh
# One-shot: wait for the Citus coordinator and workers; store on every node the passwords the
# nodes use for their connections to each other (they authenticate with scram-sha-256); register
# the workers with the coordinator; create the service's role (service-role.sql). Safe to run
# again: stored passwords are replaced, nodes already in pg_dist_node are skipped.
set -eu
: "${CITUS_COORDINATOR:=coordinator}"
: "${CITUS_WORKERS:=worker1 worker2}"
: "${PGPASSWORD:?set PGPASSWORD (the postgres password)}"
: "${ANALYTICS_DB_PASSWORD:?set ANALYTICS_DB_PASSWORD}"
export PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-postgres}"

for host in "$CITUS_COORDINATOR" $CITUS_WORKERS; do
  until pg_isready -q -h "$host" -p 5432; do
    echo "waiting for $host"
    sleep 1
  done
done

# Node id 0: for connections to any node. Citus reads these when one node connects to another as
# that role (the coordinator to the workers, and the workers to each other for writes through them).
for host in "$CITUS_COORDINATOR" $CITUS_WORKERS; do
  psql -v ON_ERROR_STOP=1 -h "$host" -v postgres_password="$PGPASSWORD" -v analytics_password="$ANALYTICS_DB_PASSWORD" <<'SQL'
INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo)
VALUES (0, 'postgres', 'password=' || :'postgres_password'), (0, 'analytics', 'password=' || :'analytics_password')
ON CONFLICT (nodeid, rolename) DO UPDATE SET authinfo = EXCLUDED.authinfo;
SQL
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

psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -f "$(dirname "$0")/service-role.sql"
psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -v password="$ANALYTICS_DB_PASSWORD" <<'SQL'
ALTER ROLE analytics WITH PASSWORD :'password';
SQL

psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -c \
  "SELECT nodename, nodeport, noderole, isactive, shouldhaveshards FROM pg_dist_node ORDER BY nodeid"
