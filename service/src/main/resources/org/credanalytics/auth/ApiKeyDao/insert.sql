INSERT INTO api_keys (key_hash, key_prefix, kind, institution_id, scopes, events_per_second, requests_per_second, description)
VALUES (:key_hash, :key_prefix, :kind, :institution_id, CAST(:scopes AS TEXT[]), :events_per_second, :requests_per_second, :description)
ON CONFLICT (key_hash) DO NOTHING
RETURNING id, key_prefix, kind, institution_id, scopes, events_per_second, requests_per_second,
          description, created_at, revoked_at
