-- Range totals by event type from the raw events (the summary's first half; credentialTypes.sql is its second).
SELECT event_type,
       count(*) AS events,
       sum(analytics_processing_time_ms(metadata)) AS processing_time_ms_sum,
       count(analytics_processing_time_ms(metadata)) AS processing_time_count,
       count(DISTINCT analytics_actor(event_type, metadata)) AS uniques
FROM analytics_events
WHERE institution_id = :institution_id AND issued_at >= :from_ts AND issued_at < :to_ts
GROUP BY 1
