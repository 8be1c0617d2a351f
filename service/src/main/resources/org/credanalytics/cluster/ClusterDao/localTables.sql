-- Plain PostgreSQL: the application's tables with their indexes and TOAST, largest first.
SELECT c.relname::text AS "table", pg_total_relation_size(c.oid) AS bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema()
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND c.relname <> 'flyway_schema_history'
ORDER BY bytes DESC, "table"
