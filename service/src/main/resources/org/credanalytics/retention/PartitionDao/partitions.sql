-- The partitions of analytics_events, oldest first, with the bounds of their FOR VALUES clause.
SELECT c.relname AS name,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)'))[1]::timestamptz AS starts,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)'))[2]::timestamptz AS ends,
       am.amname AS access_method
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
LEFT JOIN pg_am am ON am.oid = c.relam
WHERE i.inhparent = 'analytics_events'::regclass
ORDER BY starts
