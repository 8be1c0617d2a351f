-- Activity by period and event type, straight from the raw events: the query dashboards would run
-- without rollups. Exact distinct counts, as one writes them over raw rows.
SELECT date_trunc(:period_unit, issued_at AT TIME ZONE :tz)::date AS period,
       event_type,
       count(*) AS events,
       sum(analytics_processing_time_ms(metadata)) AS processing_time_ms_sum,
       count(analytics_processing_time_ms(metadata)) AS processing_time_count,
       count(DISTINCT analytics_actor(event_type, metadata)) AS uniques
FROM analytics_events
WHERE institution_id = :institution_id AND issued_at >= :from_ts AND issued_at < :to_ts
GROUP BY 1, 2
