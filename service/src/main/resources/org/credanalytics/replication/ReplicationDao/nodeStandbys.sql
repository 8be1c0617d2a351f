-- This server's physical standbys as it sees them: all connected, the synchronous ones ('sync', or
-- 'quorum' under synchronous_standby_names = 'ANY n (...)'), whether commits wait for one, and the
-- furthest-behind replay in seconds and in bytes of WAL. Logical walsenders (a Citus shard move's
-- subscriptions) are connected to a database, standbys are not: only the latter count.
-- pg_stat_replication shows state and sync_state only to superusers and members of pg_monitor.
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local') AS node,
       count(*) AS standbys,
       count(*) FILTER (WHERE r.sync_state IN ('sync', 'quorum')) AS synchronous,
       current_setting('synchronous_standby_names') <> '' AS requires_synchronous,
       coalesce(max(extract(epoch FROM r.replay_lag)), 0)::float8 AS replay_lag_seconds,
       coalesce(max(pg_wal_lsn_diff(
               CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END,
               r.replay_lsn)), 0)::bigint AS replay_lag_bytes
FROM pg_stat_replication r
WHERE r.pid IN (SELECT pid FROM pg_stat_activity WHERE backend_type = 'walsender' AND datname IS NULL)
