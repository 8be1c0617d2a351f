id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0) AND id > :tail.progressHint AND import_id = 0
AND issued_at >= :tail.from AND issued_at < :tail.to
