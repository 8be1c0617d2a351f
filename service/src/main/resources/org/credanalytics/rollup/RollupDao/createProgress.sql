INSERT INTO rollup_progress (name, last_id) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING
