-- As stageGeo.hll.sql, without sketches.
INSERT INTO rollup_staged_geo (institution_id, hour, location, credentials_issued)
SELECT institution_id, analytics_hour(issued_at), analytics_location(metadata), count(*)
FROM analytics_events
WHERE id > :from_id AND id <= :to_id AND event_type = 'credential_issued'
GROUP BY institution_id, analytics_hour(issued_at), analytics_location(metadata)
