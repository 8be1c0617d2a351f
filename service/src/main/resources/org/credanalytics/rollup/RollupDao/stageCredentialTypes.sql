-- Stages the selected issued credentials as quarter-hour counts by credential type.
INSERT INTO rollup_staged_credential_types (institution_id, quarter_hour, credential_type, credentials_issued, import_id)
SELECT institution_id, analytics_quarter_hour(issued_at), analytics_credential_type(metadata), count(*), CAST(:importId AS BIGINT)
FROM <source>
WHERE <selection> AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_quarter_hour(issued_at), analytics_credential_type(metadata)
