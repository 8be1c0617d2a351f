SELECT last_id FROM rollup_progress WHERE name = :name FOR UPDATE
