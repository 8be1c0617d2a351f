-- Claims the keys of the chunk's new events, which are unique by key (the caller made them so):
-- a later import of the same events finds them here, also after their raw events expired. A key
-- another transaction claimed meanwhile is a unique violation, and the chunk is tried again.
INSERT INTO import_event_keys (institution_id, event_id, issued_at, import_id, chunk)
SELECT institution_id, event_id, issued_at, :import_id, :chunk
FROM import_staged_events
WHERE event_id IS NOT NULL
