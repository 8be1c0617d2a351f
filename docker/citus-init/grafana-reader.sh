#!/bin/sh
# One-shot, after the service has applied its migrations: create the read-only role Grafana's
# PostgreSQL datasource logs in with, and grant it SELECT on the rollup tables.
set -eu
: "${CITUS_COORDINATOR:=coordinator}"
: "${GRAFANA_READER_PASSWORD:?set GRAFANA_READER_PASSWORD}"
export PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-postgres}"

psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -f "$(dirname "$0")/grafana-reader.sql"
psql -v ON_ERROR_STOP=1 -h "$CITUS_COORDINATOR" -v password="$GRAFANA_READER_PASSWORD" <<'SQL'
ALTER ROLE grafana_reader WITH PASSWORD :'password';
SQL
echo "grafana_reader can read the rollup tables"
