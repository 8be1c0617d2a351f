UPDATE api_keys SET revoked_at = now()
WHERE id = :id AND revoked_at IS NULL
RETURNING id, key_prefix, kind, institution_id, scopes, events_per_second, requests_per_second,
          description, created_at, revoked_at
