-- The previous table's rows are in the partitioned one (V19).
DROP TABLE analytics_events_unpartitioned;
