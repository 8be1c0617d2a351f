-- Merges issued credentials with from_id < id <= to_id into per-<bucket> counts (<grain> = hourly or daily) by recipient location.
INSERT INTO <grain>_geo AS r (institution_id, <bucket>, location, credentials_issued, recipients)
SELECT institution_id, analytics_<bucket>(issued_at), analytics_location(metadata), count(*),
       hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_<bucket>(issued_at), analytics_location(metadata)
ON CONFLICT (institution_id, <bucket>, location) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued,
    recipients = hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty()))
