-- Stages the issued credentials with from_id < id <= to_id as hourly counts by credential type.
INSERT INTO rollup_staged_credential_types (institution_id, hour, credential_type, credentials_issued)
SELECT institution_id, analytics_hour(issued_at), analytics_credential_type(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_credential_type(metadata)
