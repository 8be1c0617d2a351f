-- Unique recipients and viewers are HyperLogLog sketches (postgresql-hll) when the extension is
-- installed on the server. Without it the service keeps working and computes exact unique counts
-- from the raw events instead. On Citus, CREATE EXTENSION on the coordinator reaches the workers.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'hll') THEN
        CREATE EXTENSION IF NOT EXISTS hll;
    END IF;
END
$$;
