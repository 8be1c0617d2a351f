-- Citus: the shard moves the rebalancer would make now, with its default strategy.
SELECT table_name::text AS "table", shardid AS shard_id, shard_size AS bytes,
       sourcename || ':' || sourceport AS source, targetname || ':' || targetport AS target
FROM get_rebalance_table_shards_plan()
