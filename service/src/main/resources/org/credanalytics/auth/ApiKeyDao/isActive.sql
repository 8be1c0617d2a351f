SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = :id AND revoked_at IS NULL)
