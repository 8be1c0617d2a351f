-- Merges issued credentials with from_id < id <= to_id into per-hour counts by recipient location (no hll).
INSERT INTO hourly_geo AS r (institution_id, hour, location, credentials_issued)
SELECT institution_id, analytics_hour(issued_at), analytics_location(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_location(metadata)
ON CONFLICT (institution_id, hour, location) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
