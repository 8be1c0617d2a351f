-- Plain PostgreSQL: the application's tables with their indexes and TOAST, largest first; a
-- partitioned table (analytics_events) with all its partitions.
SELECT c.relname::text AS "table",
       (SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(c.oid) AS p)::bigint AS bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema()
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND c.relname <> 'flyway_schema_history'
ORDER BY bytes DESC, "table"
