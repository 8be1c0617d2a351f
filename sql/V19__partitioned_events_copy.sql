-- Moves the events of the previous, unpartitioned table into the partitioned one, ids and all
-- (data only, in its own migration: see V16). The rollups are being rebuilt from id 0 (V16), so
-- every moved event is rolled up once.
INSERT INTO analytics_events (id, event_id, event_type, institution_id, issued_at, metadata, created_at)
SELECT id, event_id, event_type, institution_id, issued_at, metadata, created_at
FROM analytics_events_unpartitioned;
