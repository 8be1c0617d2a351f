-- As activity.hll.sql, without hll: counts from the rollups plus the tail, and unique actors
-- counted exactly from the raw events of the range (slower, but never approximate).
WITH buckets AS (
    SELECT month AS bucket, event_type, events, processing_time_ms_sum, processing_time_count
    FROM monthly_event_counts
    WHERE institution_id = :institution_id AND month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT <bucket>, event_type, events, processing_time_ms_sum, processing_time_count
    FROM <grain>_event_counts
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
      AND (<bucket> < :months_from_ts OR <bucket> >= :months_to_ts)
    UNION ALL
    SELECT analytics_<bucket>(issued_at), event_type, count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata))
    FROM analytics_events
    WHERE institution_id = :institution_id
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
), counts AS (
    SELECT CASE WHEN :period_unit = 'all' THEN CAST(:from_date AS date)
                ELSE date_trunc(:period_unit, bucket AT TIME ZONE :tz)::date END AS period,
           event_type, sum(events)::bigint AS events, sum(processing_time_ms_sum) AS processing_time_ms_sum,
           sum(processing_time_count)::bigint AS processing_time_count
    FROM buckets
    GROUP BY 1, 2
), uniques AS (
    SELECT CASE WHEN :period_unit = 'all' THEN CAST(:from_date AS date)
                ELSE date_trunc(:period_unit, analytics_<bucket>(issued_at) AT TIME ZONE :tz)::date END AS period,
           event_type, count(DISTINCT analytics_actor(event_type, metadata)) AS uniques
    FROM analytics_events
    WHERE institution_id = :institution_id AND issued_at >= :from_ts AND issued_at < :to_ts
      AND event_type IN ('credential_issued', 'credential_viewed')
    GROUP BY 1, 2
)
SELECT c.period, c.event_type, c.events, c.processing_time_ms_sum, c.processing_time_count, u.uniques
FROM counts c
LEFT JOIN uniques u ON u.period = c.period AND u.event_type = c.event_type
