-- Merges issued credentials with from_id < id <= to_id into per-<bucket> counts (<grain> = hourly or daily) by recipient location (no hll).
INSERT INTO <grain>_geo AS r (institution_id, <bucket>, location, credentials_issued)
SELECT institution_id, analytics_<bucket>(issued_at), analytics_location(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_<bucket>(issued_at), analytics_location(metadata)
ON CONFLICT (institution_id, <bucket>, location) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
