-- Citus: bytes per table summed over all its shard placements (reference tables: every copy).
SELECT table_name::text AS "table", COALESCE(sum(shard_size), 0)::bigint AS bytes
FROM citus_shards
GROUP BY table_name
ORDER BY bytes DESC, "table"
