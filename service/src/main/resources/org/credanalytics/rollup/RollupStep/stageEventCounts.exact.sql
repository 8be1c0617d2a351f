-- As stageEventCounts.hll.sql, without sketches (no hll: unique counts come from the raw events).
INSERT INTO rollup_staged_event_counts
    (institution_id, hour, event_type, events, processing_time_ms_sum, processing_time_count)
SELECT institution_id, analytics_hour(issued_at), event_type, count(*),
       COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata))
FROM analytics_events
WHERE id > :from_id AND id <= :to_id
GROUP BY institution_id, analytics_hour(issued_at), event_type
