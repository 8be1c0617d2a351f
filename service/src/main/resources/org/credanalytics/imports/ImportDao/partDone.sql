-- A part applied; the import is done when its last part is.
UPDATE imports SET
    parts_done = parts_done + 1,
    state = CASE WHEN parts_done + 1 = parts THEN 'done' ELSE state END,
    finished_at = CASE WHEN parts_done + 1 = parts THEN now() END,
    updated_at = now()
WHERE id = :id AND state = 'running'
