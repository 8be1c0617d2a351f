-- The server this connection reached, and its standbys as it sees them. pg_stat_replication shows
-- state and sync_state only to superusers and members of pg_monitor (null otherwise).
SELECT host(inet_server_addr()) || ':' || inet_server_port() AS address,
       pg_is_in_recovery() AS in_recovery,
       (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline,
       current_setting('synchronous_standby_names') AS synchronous_standby_names,
       (SELECT count(*) FROM pg_stat_replication) AS standbys,
       (SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming') AS streaming,
       (SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum')) AS synchronous,
       (SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication) AS replay_lag_seconds
