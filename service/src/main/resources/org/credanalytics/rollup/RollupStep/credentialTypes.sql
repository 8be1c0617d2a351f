-- Merges issued credentials with from_id < id <= to_id into per-hour counts by credential type.
INSERT INTO hourly_credential_types AS r (institution_id, hour, credential_type, credentials_issued)
SELECT institution_id, analytics_hour(issued_at), analytics_credential_type(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_credential_type(metadata)
ON CONFLICT (institution_id, hour, credential_type) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
