-- Issued credentials by credential type, from the raw events.
SELECT analytics_credential_type(metadata) AS credential_type, count(*) AS credentials_issued
FROM analytics_events
WHERE institution_id = :institution_id AND event_type = 'credential_issued'
  AND issued_at >= :from_ts AND issued_at < :to_ts
GROUP BY 1
ORDER BY credentials_issued DESC, credential_type
LIMIT :limit
