-- The raw-COPY baseline of bench-ingest.sh: a table with analytics_events' columns, defaults
-- (the same id sequence), constraints and indexes; on Citus distributed and co-located like it.
CREATE TABLE raw_copy_bench (LIKE analytics_events INCLUDING ALL);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('raw_copy_bench', 'institution_id', colocate_with => 'analytics_events');
    END IF;
END
$$;
