-- The cross-institution leaderboard over UTC days: whole UTC months from the monthly rollup, the
-- days at the range's edges from the daily one (monthsFrom = monthsTo when the range
-- holds no whole month), plus the raw tail the rollup job has not reached yet.
WITH buckets AS (
    SELECT institution_id, event_type, events, processing_time_ms_sum, processing_time_count
    FROM monthly_event_counts
    WHERE month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT institution_id, event_type, events, processing_time_ms_sum, processing_time_count
    FROM daily_event_counts
    WHERE day >= :from AND day < :to AND (day < :monthsFrom OR day >= :monthsTo)
    UNION ALL
    SELECT institution_id, event_type, $rawEventCounts()$
    FROM analytics_events
    WHERE <unrolled>
      AND issued_at >= :from AND issued_at < :to
    GROUP BY 1, 2
)
SELECT institution_id,
       COALESCE(sum(events) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS credentials_issued,
       COALESCE(sum(events) FILTER (WHERE event_type = 'credential_viewed'), 0)::bigint AS views,
       COALESCE(sum(events) FILTER (WHERE event_type = 'credential_shared'), 0)::bigint AS shares,
       sum(events)::bigint AS events,
       COALESCE(sum(processing_time_ms_sum) FILTER (WHERE event_type = 'credential_issued'), 0) AS processing_time_ms_sum,
       COALESCE(sum(processing_time_count) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS processing_time_count
FROM buckets
GROUP BY institution_id
ORDER BY credentials_issued DESC, institution_id
LIMIT :limit
