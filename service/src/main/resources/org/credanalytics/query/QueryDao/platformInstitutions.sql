-- The cross-institution leaderboard over UTC days: the daily rollup plus the tail.
WITH daily AS (
    SELECT institution_id, credentials_issued::bigint AS credentials_issued, views::bigint AS views,
           shares::bigint AS shares, events::bigint AS events, processing_time_ms_sum, processing_time_count
    FROM daily_analytics_rollups
    WHERE date >= :from_date AND date < :to_date
    UNION ALL
    SELECT institution_id,
           count(*) FILTER (WHERE event_type = 'credential_issued'),
           count(*) FILTER (WHERE event_type = 'credential_viewed'),
           count(*) FILTER (WHERE event_type = 'credential_shared'),
           count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued'), 0),
           count(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued')
    FROM analytics_events
    WHERE id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY institution_id
)
SELECT institution_id, sum(credentials_issued)::bigint AS credentials_issued, sum(views)::bigint AS views,
       sum(shares)::bigint AS shares, sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum, sum(processing_time_count)::bigint AS processing_time_count
FROM daily
GROUP BY institution_id
ORDER BY credentials_issued DESC, institution_id
LIMIT :limit
