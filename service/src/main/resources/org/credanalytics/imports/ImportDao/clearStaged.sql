-- Empties the chunk's staging rows before it commits: they never outlive their transaction.
DELETE FROM import_staged_events
