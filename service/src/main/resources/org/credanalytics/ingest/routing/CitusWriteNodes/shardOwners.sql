-- Each analytics_events shard's hash range and the group (node) holding it, in hash order. The
-- rollups are co-located, so their shards of the same range live on the same node.
SELECT DISTINCT ON (s.shardminvalue::int) s.shardminvalue::int AS min_hash, p.groupid
FROM pg_dist_shard s
JOIN pg_dist_placement p USING (shardid)
WHERE s.logicalrelid = 'analytics_events'::regclass AND p.shardstate = 1
ORDER BY s.shardminvalue::int, p.groupid
