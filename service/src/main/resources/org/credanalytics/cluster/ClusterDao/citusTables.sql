-- Citus: bytes per table summed over all its shard placements (reference tables: every copy); a
-- partitioned table (analytics_events) with the shards of all its partitions.
SELECT COALESCE(pg_partition_root(table_name), table_name)::text AS "table", COALESCE(sum(shard_size), 0)::bigint AS bytes
FROM citus_shards
GROUP BY 1
ORDER BY bytes DESC, "table"
