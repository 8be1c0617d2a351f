-- The rollup job reads new events by id range. Ids grow with insertion order, so a BRIN index
-- finds the newest blocks at almost no cost to ingestion. Kept apart from other DDL: on Citus,
-- DDL on a distributed table must not share a transaction with other distributed DDL.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

CREATE INDEX idx_analytics_events_id_brin ON analytics_events
    USING brin (id) WITH (pages_per_range = 16, autosummarize = on);
