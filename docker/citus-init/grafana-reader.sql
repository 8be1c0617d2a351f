-- The role of Grafana's PostgreSQL datasource: it may log in and read the rollup tables, nothing
-- else (not the raw events, not the API keys). Run after the service's migrations, since the
-- tables must exist. Idempotent. On Citus, CREATE ROLE and GRANT on the coordinator reach the
-- workers and shards. GrafanaSqlPanelsTest runs every dashboard SQL query under this role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'grafana_reader') THEN
        CREATE ROLE grafana_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO grafana_reader;
-- daily_analytics_rollups is a view over the daily tables: on Citus its query runs on the workers
-- as this role, so the role reads those tables too.
GRANT SELECT ON hourly_event_counts, hourly_geo, hourly_credential_types, daily_analytics_rollups, daily_event_counts,
    daily_credential_types, rollup_progress
    TO grafana_reader;
ALTER ROLE grafana_reader SET default_transaction_read_only = on;
ALTER ROLE grafana_reader SET statement_timeout = '30s';
