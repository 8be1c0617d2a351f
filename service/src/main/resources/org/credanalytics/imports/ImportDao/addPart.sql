-- Counts a new part in; keeps the first :max_rejections rejections of the whole import. Returns the
-- part's number.
UPDATE imports SET
    parts = parts + 1,
    state = 'running',
    finished_at = NULL,
    events_read = events_read + :read,
    events_queued = events_queued + :queued,
    rejected = rejected + :rejected,
    rejections = (SELECT COALESCE(jsonb_agg(r.value ORDER BY r.n), '[]'::jsonb)
                  FROM jsonb_array_elements(rejections || CAST(:rejections AS JSONB)) WITH ORDINALITY AS r (value, n)
                  WHERE r.n <= :max_rejections),
    updated_at = now()
WHERE id = :id
RETURNING parts
