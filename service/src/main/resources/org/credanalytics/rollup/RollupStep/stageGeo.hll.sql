-- Stages the issued credentials with from_id < id <= to_id as hourly counts by recipient location.
INSERT INTO rollup_staged_geo (institution_id, hour, location, credentials_issued, recipients)
SELECT institution_id, analytics_hour(issued_at), analytics_location(metadata), count(*),
       hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_location(metadata)
