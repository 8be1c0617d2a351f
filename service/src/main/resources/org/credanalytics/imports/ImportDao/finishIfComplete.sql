-- The import is done when its last part is.
UPDATE imports SET state = 'done', finished_at = now()
WHERE id = :id AND state = 'running' AND parts_done = parts
