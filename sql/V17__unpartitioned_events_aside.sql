-- Moves the unpartitioned events table aside for V18's partitioned one: the table, its indexes
-- (renaming an index renames its constraint; Citus can't rename constraints directly) and its id
-- sequence. Apart from V18: on Citus, these renames and a create_distributed_table in one
-- transaction end in a distributed deadlock.
ALTER TABLE analytics_events RENAME TO analytics_events_unpartitioned;
ALTER INDEX analytics_events_pkey RENAME TO analytics_events_unpartitioned_pkey;
ALTER INDEX analytics_events_event_id_key RENAME TO analytics_events_unpartitioned_event_id_key;
ALTER INDEX idx_analytics_events_time RENAME TO idx_analytics_events_unpartitioned_time;
ALTER INDEX idx_analytics_events_id_brin RENAME TO idx_analytics_events_unpartitioned_id_brin;
ALTER SEQUENCE analytics_events_id_seq RENAME TO analytics_events_unpartitioned_id_seq;
