-- Claims the staged events' keys for this chunk. Not claimed, so duplicates: keys an earlier import
-- (or an earlier chunk of this one) claimed, and events at or after :raw_from whose live copy is in
-- the raw events (live ingest takes only events that recent). The staged events are unique by key.
INSERT INTO import_event_keys (institution_id, event_id, issued_at, import_id, chunk)
SELECT s.institution_id, s.event_id, s.issued_at, :import_id, :chunk
FROM import_staged_events s
WHERE s.event_id IS NOT NULL
  AND (s.issued_at < :raw_from
       OR NOT EXISTS (SELECT 1 FROM analytics_events e
                      WHERE e.institution_id = s.institution_id AND e.event_id = s.event_id
                        AND e.issued_at = s.issued_at AND e.issued_at >= :raw_from))
ON CONFLICT DO NOTHING
