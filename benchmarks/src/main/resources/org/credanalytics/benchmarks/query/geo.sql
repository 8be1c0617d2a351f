-- Issued credentials and unique recipients by location, from the raw events.
SELECT analytics_location(metadata) AS location,
       count(*) AS credentials_issued,
       count(DISTINCT metadata ->> 'recipient_id') AS unique_recipients
FROM analytics_events
WHERE institution_id = :institution_id AND event_type = 'credential_issued'
  AND issued_at >= :from_ts AND issued_at < :to_ts
GROUP BY 1
ORDER BY credentials_issued DESC, location
