-- The chunk's new events inside raw retention are kept as raw, tagged, so that a live copy that
-- comes later is a duplicate. They are rolled up with the chunk, not by the rollup job. A live
-- copy committed since claimKeys makes this insert fewer rows than countRecent: the caller retries.
-- Ids come from the coordinator's sequence, as live ingest's do (on Citus a shard's own default
-- would draw from its node's range): the rollup job's progress passes them like any other id.
INSERT INTO analytics_events (id, event_id, event_type, institution_id, issued_at, metadata, import_id)
SELECT nextval('analytics_events_id_seq'), event_id, event_type, institution_id, issued_at, metadata, :import_id
FROM import_staged_events
WHERE issued_at >= :raw_from
ON CONFLICT DO NOTHING
