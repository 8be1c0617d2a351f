-- Holds the rollup job (and any recompute) off while partitions are dropped: a partition is only
-- dropped when every event in it is in the rollups.
SELECT last_id FROM rollup_progress WHERE name = 'events' FOR UPDATE
