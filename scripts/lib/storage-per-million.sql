-- Disk per million events: the raw events (every partition, with indexes and TOAST) and each
-- rollup grain, divided by the number of raw events; for docs/operations.md, "Data lifecycle". size_fn:
-- pg_total_relation_size, or on Citus citus_total_relation_size (summed over every shard).
WITH events AS (SELECT count(*)::numeric AS n FROM analytics_events),
sized AS (
    SELECT CASE WHEN c.relname LIKE 'analytics_events_p%' THEN 'raw events (analytics_events)'
                WHEN c.relname LIKE 'quarter_hourly_%' THEN 'rollups: quarter hours'
                WHEN c.relname LIKE 'hourly_%' THEN 'rollups: hours'
                WHEN c.relname LIKE 'daily_%' THEN 'rollups: days'
                WHEN c.relname LIKE 'monthly_%' THEN 'rollups: months' END AS what,
           :size_fn(c.oid) AS bytes
    FROM pg_class c
    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      AND (c.relname LIKE 'analytics_events_p%' OR c.relname ~ '^(quarter_hourly|hourly|daily|monthly)_(event_counts|geo|credential_types)$')
)
SELECT what || ': ' || pg_size_pretty(sum(bytes)) || ' in all, '
       || pg_size_pretty((sum(bytes) * 1000000 / NULLIF((SELECT n FROM events), 0))::bigint) || ' per million events'
FROM sized GROUP BY what ORDER BY what;
