-- The heartbeat of the imports this process is applying or has queued parts of.
UPDATE imports SET updated_at = now() WHERE id = ANY(:ids) AND state = 'running'
