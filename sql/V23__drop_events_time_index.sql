-- (institution_id, issued_at) on the raw events is redundant now that they are partitioned by day:
-- a time range picks the partitions, and within them the deduplication key (institution_id,
-- event_id, issued_at) serves an institution's rows. One index fewer is one B-tree fewer for
-- every ingested event to update.
DROP INDEX idx_analytics_events_time;
