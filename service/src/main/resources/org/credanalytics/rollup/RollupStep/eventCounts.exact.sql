-- Merges the events with from_id < id <= to_id into per-<bucket> counts (<grain> = hourly or daily) by event type (no hll).
INSERT INTO <grain>_event_counts AS r
    (institution_id, <bucket>, event_type, events, processing_time_ms_sum, processing_time_count)
SELECT institution_id, analytics_<bucket>(issued_at), event_type, count(*),
       COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata))
FROM analytics_events
WHERE id > :from_id AND id <= :to_id
GROUP BY institution_id, analytics_<bucket>(issued_at), event_type
ON CONFLICT (institution_id, <bucket>, event_type) DO UPDATE SET
    events = r.events + EXCLUDED.events,
    processing_time_ms_sum = r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
    processing_time_count = r.processing_time_count + EXCLUDED.processing_time_count
