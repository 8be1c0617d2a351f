-- Merges issued credentials with from_id < id <= to_id into per-hour counts by recipient location.
INSERT INTO hourly_geo AS r (institution_id, hour, location, credentials_issued, recipients)
SELECT institution_id, analytics_hour(issued_at), analytics_location(metadata), count(*),
       hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_location(metadata)
ON CONFLICT (institution_id, hour, location) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued,
    recipients = hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty()))
