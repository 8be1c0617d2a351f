-- The newest imports first; :institution_id null: every institution's and the admins'.
SELECT id, institution_id, state, error, parts, parts_done, events_read, events_queued, imported, duplicates,
       rejected, rejections::text AS rejections, created_at, updated_at, finished_at
FROM imports
WHERE CAST(:institution_id AS BIGINT) IS NULL OR institution_id = :institution_id
ORDER BY id DESC
LIMIT :limit
