SELECT id, institution_id, state, error, parts, parts_done, events_read, events_queued, imported, duplicates,
       rejected, rejections::text AS rejections, created_at, updated_at, finished_at
FROM imports
WHERE id = :id
