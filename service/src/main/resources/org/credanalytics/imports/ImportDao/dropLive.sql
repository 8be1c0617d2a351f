-- Removes the staged events at or after :raw_from whose live copy is in the raw events (live
-- ingest takes only events that recent): duplicates too. Returns how many.
DELETE FROM import_staged_events s
USING analytics_events e
WHERE e.institution_id = s.institution_id AND e.event_id = s.event_id AND e.issued_at = s.issued_at
  AND s.issued_at >= :raw_from AND e.issued_at >= :raw_from
