-- The rollup job's progress: every event with id <= last_id is in the rollups.
SELECT COALESCE(max(last_id), 0) FROM rollup_progress WHERE name = 'events'
