-- The raw-COPY baseline of bench-ingest.sh: a table with analytics_events' columns, defaults
-- (the same id sequence), constraints and indexes, partitioned by day like it (yesterday, today,
-- tomorrow: the benchmark's events occur around now); on Citus distributed and co-located like it.
CREATE TABLE raw_copy_bench (LIKE analytics_events INCLUDING ALL) PARTITION BY RANGE (issued_at);
DO $$
DECLARE
    day DATE;
BEGIN
    FOR day IN SELECT (now() AT TIME ZONE 'UTC')::date + i FROM generate_series(-1, 1) AS i LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF raw_copy_bench FOR VALUES FROM (%L) TO (%L)',
                       'raw_copy_bench_p' || to_char(day, 'YYYYMMDD'),
                       day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('raw_copy_bench', 'institution_id', colocate_with => 'analytics_events');
    END IF;
END
$$;
