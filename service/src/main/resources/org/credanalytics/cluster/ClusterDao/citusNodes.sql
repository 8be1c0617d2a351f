-- Citus: shards and bytes of distributed tables per node. Active workers without shards are listed
-- too (a freshly added worker is the imbalance that matters), and so is the coordinator when it
-- holds shards. Reference tables are left out: they have a copy on every node.
WITH placed AS (
    SELECT nodename, nodeport, count(*) AS shard_count, COALESCE(sum(shard_size), 0) AS bytes
    FROM citus_shards
    WHERE citus_table_type = 'distributed'
    GROUP BY nodename, nodeport
), workers AS (
    SELECT node_name::text AS nodename, node_port::int AS nodeport
    FROM citus_get_active_worker_nodes()
)
SELECT nodename || ':' || nodeport AS node,
       COALESCE(placed.shard_count, 0)::bigint AS shard_count,
       COALESCE(placed.bytes, 0)::bigint AS bytes
FROM placed FULL JOIN workers USING (nodename, nodeport)
ORDER BY node
