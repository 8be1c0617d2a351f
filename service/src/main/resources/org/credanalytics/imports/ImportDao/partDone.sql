-- A part applied (then finishIfComplete.sql). Two statements, not a CASE: on Citus a reference
-- table's update may not call now() inside CASE.
UPDATE imports SET parts_done = parts_done + 1, updated_at = now()
WHERE id = :id AND state = 'running'
