SELECT EXISTS (SELECT 1 FROM <partition> WHERE id > :last_id)
