-- Fills the daily and monthly rollups from the hourly ones for databases that already hold data. The hourly
-- tables contain exactly the events up to rollup_progress.last_id; locking that row keeps a
-- rollup step of another instance from adding to one level and not the other meanwhile.
-- Data only, in its own migration: on Citus, writes must not share a transaction with DDL on
-- distributed tables. Each INSERT ... SELECT groups by institution_id between co-located tables.
-- Sketches are unions of the hourly sketches where hll exists, and NULL (unused) without it.
SELECT last_id FROM rollup_progress WHERE name = 'events' FOR UPDATE;

DO $$
DECLARE
    has_hll BOOLEAN := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'hll');
    grain   RECORD;
BEGIN
    FOR grain IN SELECT * FROM (VALUES ('daily', 'day'), ('monthly', 'month')) AS g (prefix, bucket) LOOP
        EXECUTE format($u$
            INSERT INTO %1$I
                (institution_id, %2$I, event_type, events, processing_time_ms_sum, processing_time_count, actors)
            SELECT institution_id, %3$I(hour), event_type, sum(events), sum(processing_time_ms_sum),
                   sum(processing_time_count), %4$s
            FROM hourly_event_counts
            GROUP BY institution_id, %3$I(hour), event_type$u$,
            grain.prefix || '_event_counts', grain.bucket, 'analytics_' || grain.bucket,
            CASE WHEN has_hll THEN 'hll_union_agg(actors)' ELSE 'NULL' END);

        EXECUTE format($u$
            INSERT INTO %1$I (institution_id, %2$I, location, credentials_issued, recipients)
            SELECT institution_id, %3$I(hour), location, sum(credentials_issued), %4$s
            FROM hourly_geo
            GROUP BY institution_id, %3$I(hour), location$u$,
            grain.prefix || '_geo', grain.bucket, 'analytics_' || grain.bucket,
            CASE WHEN has_hll THEN 'hll_union_agg(recipients)' ELSE 'NULL' END);
    END LOOP;
END
$$;

INSERT INTO daily_credential_types (institution_id, day, credential_type, credentials_issued)
SELECT institution_id, analytics_day(hour), credential_type, sum(credentials_issued)
FROM hourly_credential_types
GROUP BY institution_id, analytics_day(hour), credential_type;
