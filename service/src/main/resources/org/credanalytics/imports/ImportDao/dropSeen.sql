-- Removes the staged events this chunk did not claim: the duplicates. Returns how many.
DELETE FROM import_staged_events s
WHERE s.event_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM import_event_keys k
                  WHERE k.institution_id = s.institution_id AND k.event_id = s.event_id
                    AND k.issued_at = s.issued_at AND k.chunk = :chunk)
