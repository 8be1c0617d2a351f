-- Removes the staged events whose keys an import has claimed before (this one or another): they
-- are duplicates. Returns how many. Events without an event_id are never duplicates.
DELETE FROM import_staged_events s
USING import_event_keys k
WHERE k.institution_id = s.institution_id AND k.event_id = s.event_id AND k.issued_at = s.issued_at
