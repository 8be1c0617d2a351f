-- Citus moves shards online (citus_rebalance_start, citus_move_shard_placement) by logical
-- replication, which needs a replica identity on every distributed table. The staging tables have
-- no primary key: their rows live only inside a rollup step's transaction, so they are never
-- unique. REPLICA IDENTITY FULL costs nothing on tables that are empty between steps.
ALTER TABLE rollup_staged_event_counts REPLICA IDENTITY FULL;
ALTER TABLE rollup_staged_geo REPLICA IDENTITY FULL;
ALTER TABLE rollup_staged_credential_types REPLICA IDENTITY FULL;
