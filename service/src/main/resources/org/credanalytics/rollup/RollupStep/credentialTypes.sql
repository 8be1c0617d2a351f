-- Merges issued credentials with from_id < id <= to_id into per-<bucket> counts (<grain> = hourly or daily) by credential type.
INSERT INTO <grain>_credential_types AS r (institution_id, <bucket>, credential_type, credentials_issued)
SELECT institution_id, analytics_<bucket>(issued_at), analytics_credential_type(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_<bucket>(issued_at), analytics_credential_type(metadata)
ON CONFLICT (institution_id, <bucket>, credential_type) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
