UPDATE rollup_progress SET last_id = :last_id, updated_at = now() WHERE name = :name
