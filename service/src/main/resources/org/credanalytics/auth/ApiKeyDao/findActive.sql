SELECT id, key_prefix, kind, institution_id, scopes, events_per_second, requests_per_second,
       description, created_at, revoked_at
FROM api_keys
WHERE key_hash = :key_hash AND revoked_at IS NULL
