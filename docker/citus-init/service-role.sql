-- The service's own role: it logs in, owns the public schema (so the tables its migrations create
-- are its own), and is no superuser. A superuser creates the extensions the migrations need first,
-- since only a superuser may. pg_monitor lets the standbys check read replication state.
-- Idempotent. On Citus, CREATE ROLE, GRANT and CREATE EXTENSION on the coordinator reach the workers.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'analytics') THEN
        CREATE ROLE analytics LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

CREATE EXTENSION IF NOT EXISTS hll;
DO $$
BEGIN
    -- Citus only: V18 keeps expired raw events in columnar storage there.
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        CREATE EXTENSION IF NOT EXISTS citus_columnar;
    END IF;
END
$$;
ALTER SCHEMA public OWNER TO analytics;
GRANT pg_monitor TO analytics;
