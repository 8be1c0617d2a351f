-- Stages the selected issued credentials as quarter-hour counts by recipient location.
INSERT INTO rollup_staged_geo (institution_id, quarter_hour, location, credentials_issued, recipients, import_id)
SELECT institution_id, analytics_quarter_hour(issued_at), analytics_location(metadata), count(*),
       hll_add_agg(hll_hash_text(metadata ->> 'recipient_id')), CAST(:importId AS BIGINT)
FROM <source>
WHERE <selection> AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_quarter_hour(issued_at), analytics_location(metadata)
