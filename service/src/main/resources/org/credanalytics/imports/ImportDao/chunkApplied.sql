UPDATE imports SET imported = imported + :imported, duplicates = duplicates + :duplicates, updated_at = now()
WHERE id = :id
