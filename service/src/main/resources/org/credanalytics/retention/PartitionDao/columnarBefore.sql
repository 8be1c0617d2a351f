-- Citus: converts the partitions that ended before older_than to columnar, one by one.
CALL alter_old_partitions_set_access_method('analytics_events', :older_than, 'columnar')
