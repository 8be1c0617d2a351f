id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0) AND id > :progress_hint
